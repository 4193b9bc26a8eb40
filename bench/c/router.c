// router.c — a hand-written XDP router doing exactly what
// examples/router/router.pnet does (IPv4 and IPv6), the baseline
// bench/ebpf.ts measures pnet's generated code against
// (clang -O2 -target bpf -mcpu=v3 -c).
//
// The same decisions as router.pnet, packet for packet: a frame too short for
// a header it needs, an IPv4 header with a bad version, IHL or total length,
// or an IPv6 header with a bad version drops (pnet: a parser error); ARP
// (28 bytes at least) goes to the host whatever its destination; frames not
// sent to a router MAC drop, and so do routed frames that are neither IPv4
// nor IPv6; an optional 802.1Q tag is accepted and removed on routed frames.
// IPv4: options go to the host; a bad header checksum drops; martian sources
// (0/8, 127/8) drop; the LPM table picks a next hop, the host, or drop
// (default drop); TTL <= 1 goes to the host; the TTL is decremented and the
// checksum updated. IPv6: the LPM table picks a next hop, the host or drop;
// hop limit <= 1 drops; the hop limit is decremented. The next-hop table
// rewrites both MACs and picks the port (devmap; the ingress port is XDP_TX).
// Written the way one writes XDP by hand: incremental checksum update
// (RFC 1624), no re-serialisation of unchanged headers, no per-packet state
// to clear.

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ARP_IPV4_BYTES 28

struct vlan_hdr {
	__be16 tci;
	__be16 proto;
};

struct lpm4_key {
	__u32 prefixlen;
	__be32 addr;
};

struct lpm6_key {
	__u32 prefixlen;
	__u8 addr[16];
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
	__type(key, struct lpm4_key);
	__type(value, struct route);
} c_ipv4_lpm SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 4096);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct lpm6_key);
	__type(value, struct route);
} c_ipv6_lpm SEC(".maps");

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

/* Is the frame sent to one of the router's MACs? */
static __always_inline int for_router(struct ethhdr *eth)
{
	__u64 mac = 0;
	__builtin_memcpy(&mac, eth->h_dest, ETH_ALEN);
	return bpf_map_lookup_elem(&c_router_mac, &mac) != 0;
}

/* IPv4 routing: the next hop's id, or -1 with *verdict set. */
static __always_inline int route_ipv4(struct iphdr *ip, int *verdict)
{
	if (ip->ihl != 5) {
		*verdict = XDP_PASS;
		return -1;
	}
	__u32 sum = 0;
	__u16 *w = (__u16 *)ip;
#pragma unroll
	for (int i = 0; i < 10; i++)
		sum += w[i];
	__u8 first = ((__u8 *)&ip->saddr)[0];
	if (csum_fold(sum) != 0xffff || first == 0 || first == 127) {
		*verdict = XDP_DROP;
		return -1;
	}
	struct lpm4_key key = { .prefixlen = 32, .addr = ip->daddr };
	struct route *r = bpf_map_lookup_elem(&c_ipv4_lpm, &key);
	if (!r || r->action != ACT_NEXTHOP) {
		*verdict = r && r->action == ACT_HOST ? XDP_PASS : XDP_DROP;
		return -1;
	}
	if (ip->ttl <= 1) {
		*verdict = XDP_PASS;
		return -1;
	}
	/* TTL - 1: the 16-bit word holding it drops by 0x0100 (RFC 1624: HC' = ~(~HC + ~m + m')) */
	__u32 c = (__u16)~ip->check;
	c += (__u16)~bpf_htons(ip->ttl << 8 | ip->protocol);
	ip->ttl--;
	c += bpf_htons(ip->ttl << 8 | ip->protocol);
	ip->check = ~csum_fold(c);
	return r->nexthop;
}

/* IPv6 routing: the next hop's id, or -1 with *verdict set. */
static __always_inline int route_ipv6(struct ipv6hdr *ip6, int *verdict)
{
	struct lpm6_key key = { .prefixlen = 128 };
	__builtin_memcpy(key.addr, &ip6->daddr, 16);
	struct route *r = bpf_map_lookup_elem(&c_ipv6_lpm, &key);
	if (!r || r->action != ACT_NEXTHOP) {
		*verdict = r && r->action == ACT_HOST ? XDP_PASS : XDP_DROP;
		return -1;
	}
	if (ip6->hop_limit <= 1) {
		*verdict = XDP_DROP;
		return -1;
	}
	ip6->hop_limit--;
	return r->nexthop;
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
		return l3 + ARP_IPV4_BYTES > data_end ? XDP_DROP : XDP_PASS;

	/* Anything but IPv4 and IPv6 drops here, sent to a router MAC or not. */
	int verdict = XDP_DROP;
	int nh_id;
	if (proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = l3;
		if ((void *)(ip + 1) > data_end)
			return XDP_DROP;
		if (ip->version != 4 || ip->ihl < 5 || bpf_ntohs(ip->tot_len) < (ip->ihl << 2))
			return XDP_DROP;
		if (!for_router(eth))
			return XDP_DROP;
		nh_id = route_ipv4(ip, &verdict);
	} else if (proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = l3;
		if ((void *)(ip6 + 1) > data_end || ip6->version != 6)
			return XDP_DROP;
		if (!for_router(eth))
			return XDP_DROP;
		nh_id = route_ipv6(ip6, &verdict);
	} else {
		return XDP_DROP;
	}
	if (nh_id < 0)
		return verdict;

	__u32 key = nh_id;
	struct l2 *nh = bpf_map_lookup_elem(&c_nexthop, &key);
	if (!nh)
		return XDP_DROP;

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
