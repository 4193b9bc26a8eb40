// router.c — a hand-written XDP IPv4 router equivalent to the IPv4 part of
// examples/router/router.pnet, the baseline bench/ebpf-compare.ts measures
// pnet's generated code against (clang -O2 -target bpf -mcpu=v3 -c).
//
// Same decisions as router.pnet for IPv4: frames not sent to a router MAC
// drop; ARP goes to the host; an optional 802.1Q tag is accepted and removed
// on routed frames; version/ihl/total-length checks drop; IPv4 options go to
// the host; a bad header checksum drops; martian sources (0/8, 127/8) drop;
// the LPM table picks a next hop, the host, or drop (default drop); TTL <= 1
// goes to the host; TTL is decremented and the checksum updated; the next-hop
// table rewrites both MACs and picks the port (devmap; the ingress port is
// XDP_TX). IPv6 is not handled here: it goes to the host. Written the way one
// writes XDP by hand: incremental checksum update (RFC 1624), no
// re-serialisation of unchanged headers, no per-packet state to clear.

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct vlan_hdr {
	__be16 tci;
	__be16 proto;
};

struct lpm_key {
	__u32 prefixlen;
	__be32 addr;
};

enum { ACT_NEXTHOP = 0, ACT_HOST = 1, ACT_DROP = 2 };

struct route {
	__u32 action;
	__u32 nexthop;
};

struct l2 {
	__u32 port;
	__u8 smac[ETH_ALEN];
	__u8 dmac[ETH_ALEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u64); /* the MAC in the low 6 bytes, as read from the frame */
	__type(value, __u32);
} c_router_mac SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 16384);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct lpm_key);
	__type(value, struct route);
} c_ipv4_lpm SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct l2);
} c_nexthop SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u32);
} c_ports SEC(".maps");

static __always_inline __u16 csum_fold(__u32 sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__u16)sum;
}

SEC("xdp")
int router(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;

	__u16 proto = eth->h_proto;
	void *l3 = eth + 1;
	int tagged = 0;
	if (proto == bpf_htons(ETH_P_8021Q)) {
		struct vlan_hdr *vh = l3;
		if ((void *)(vh + 1) > data_end)
			return XDP_DROP;
		proto = vh->proto;
		l3 = vh + 1;
		tagged = 1;
	}
	if (proto == bpf_htons(ETH_P_ARP))
		return XDP_PASS;

	__u64 mac = 0;
	__builtin_memcpy(&mac, eth->h_dest, ETH_ALEN);
	if (!bpf_map_lookup_elem(&c_router_mac, &mac))
		return XDP_DROP;
	if (proto != bpf_htons(ETH_P_IP))
		return proto == bpf_htons(ETH_P_IPV6) ? XDP_PASS : XDP_DROP;

	struct iphdr *ip = l3;
	if ((void *)(ip + 1) > data_end)
		return XDP_DROP;
	if (ip->version != 4 || ip->ihl < 5 || bpf_ntohs(ip->tot_len) < (ip->ihl << 2))
		return XDP_DROP;
	if (ip->ihl != 5)
		return XDP_PASS;

	__u32 sum = 0;
	__u16 *w = (__u16 *)ip;
#pragma unroll
	for (int i = 0; i < 10; i++)
		sum += w[i];
	if (csum_fold(sum) != 0xffff)
		return XDP_DROP;

	__u8 first = ((__u8 *)&ip->saddr)[0];
	if (first == 0 || first == 127)
		return XDP_DROP;

	struct lpm_key key = { .prefixlen = 32, .addr = ip->daddr };
	struct route *r = bpf_map_lookup_elem(&c_ipv4_lpm, &key);
	if (!r || r->action == ACT_DROP)
		return XDP_DROP;
	if (r->action == ACT_HOST)
		return XDP_PASS;
	if (ip->ttl <= 1)
		return XDP_PASS;

	__u32 nh_id = r->nexthop;
	struct l2 *nh = bpf_map_lookup_elem(&c_nexthop, &nh_id);
	if (!nh)
		return XDP_DROP;

	/* TTL - 1: the 16-bit word holding it drops by 0x0100 (RFC 1624: HC' = ~(~HC + ~m + m')) */
	__u32 c = (__u16)~ip->check;
	c += (__u16)~bpf_htons(ip->ttl << 8 | ip->protocol);
	ip->ttl--;
	c += bpf_htons(ip->ttl << 8 | ip->protocol);
	ip->check = ~csum_fold(c);

	__u32 port = nh->port;
	if (tagged) {
		/* routed frames leave untagged: slide the MACs over the tag, drop 4 bytes in front */
		__u8 smac[ETH_ALEN], dmac[ETH_ALEN];
		__builtin_memcpy(smac, nh->smac, ETH_ALEN);
		__builtin_memcpy(dmac, nh->dmac, ETH_ALEN);
		struct vlan_hdr *vh = (void *)(eth + 1);
		__be16 inner = vh->proto;
		if (bpf_xdp_adjust_head(ctx, 4))
			return XDP_ABORTED;
		data = (void *)(long)ctx->data;
		data_end = (void *)(long)ctx->data_end;
		eth = data;
		if ((void *)(eth + 1) > data_end)
			return XDP_DROP;
		__builtin_memcpy(eth->h_dest, dmac, ETH_ALEN);
		__builtin_memcpy(eth->h_source, smac, ETH_ALEN);
		eth->h_proto = inner;
	} else {
		__builtin_memcpy(eth->h_dest, nh->dmac, ETH_ALEN);
		__builtin_memcpy(eth->h_source, nh->smac, ETH_ALEN);
	}
	if (port == ctx->ingress_ifindex)
		return XDP_TX;
	return bpf_redirect_map(&c_ports, port, XDP_DROP);
}

char _license[] SEC("license") = "GPL";
