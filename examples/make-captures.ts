// make-captures.ts — writes examples/<name>/sample.pcap for every example program.
//
// Each capture is a few hundred packets of seeded, realistic traffic for one example and its
// entries.stf: mostly what the program is built for (routes that hit, flows to a VIP, tagged
// frames on a trunk, telemetry from the fabric…), with the misses, control traffic and
// malformed packets a real link also carries. A classic pcap cannot say which port a packet
// arrived on, so every capture is meant for one ingress port, printed at the end and given in
// each README (`pnet run … --in-port N`). The same seed always gives the same bytes.
//
// Run from the repository root:
//   npx tsc -p examples/tsconfig.json && node examples/.build/examples/make-captures.js

import { existsSync, writeFileSync } from "node:fs";
import { concatBytes, eth, makeRng, type PacketBuilder, type Rng } from "../runtime/craft.js";
import { encodePcap, type PcapRecordInput } from "../runtime/pcap.js";

interface Sample {
  readonly name: string;
  /** The ingress port the traffic belongs to (`pnet run --in-port`). */
  readonly port: number;
  readonly packets: number;
  /** Time between packets, in ns. */
  readonly gapNs: bigint;
  /** One packet; `timestampNs` is its arrival time (telemetry records carry it). */
  readonly make: (rng: Rng, timestampNs: bigint) => Uint8Array;
}

const SEED = 0x706e6574; // "pnet"
const START_NS = 1_700_000_000_000_000_000n;

// ---------------------------------------------------------------- small helpers

const hex2 = (n: number): string => n.toString(16).padStart(2, "0");
const hostMac = (rng: Rng): string => `02:00:00:${hex2(rng.int(0, 255))}:${hex2(rng.int(0, 255))}:${hex2(rng.int(1, 254))}`;
const ipIn = (prefix: string, rng: Rng): string => `${prefix}.${rng.int(1, 254)}`;
const payload = (rng: Rng, min = 0, max = 200): Uint8Array => rng.bytes(rng.int(min, max));

/** A well-formed packet cut short somewhere after its Ethernet header's first bytes. */
function truncate(data: Uint8Array, rng: Rng): Uint8Array {
  return data.slice(0, rng.int(6, data.length - 1));
}

/** Picks one generator by weight. */
function weighted<T>(rng: Rng, choices: readonly (readonly [number, () => T])[]): T {
  const total = choices.reduce((sum, [w]) => sum + w, 0);
  let roll = rng.float() * total;
  for (const [w, make] of choices) {
    roll -= w;
    if (roll < 0) return make();
  }
  return choices[choices.length - 1]![1]();
}

/** A DNS query (RFC 1035) for an A or AAAA record of some host in example.com. */
function dnsQuery(rng: Rng): Uint8Array {
  const labels = [`host${rng.int(1, 999)}`, "example", "com"];
  const name = labels.flatMap((l) => [l.length, ...Array.from(l, (c) => c.charCodeAt(0))]);
  const id = rng.int(0, 0xffff);
  const qtype = rng.pick([1, 28]);
  return Uint8Array.from([id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...name, 0, 0, qtype, 0, 1]);
}

/** UDP or TCP or ICMP over an IPv4 builder, as a client would send. */
function l4(b: PacketBuilder, rng: Rng): PacketBuilder {
  return weighted<PacketBuilder>(rng, [
    [50, () => rng.chance(0.3)
      ? b.udp({ srcPort: rng.int(1024, 65535), dstPort: 53 }).payload(dnsQuery(rng))
      : b.udp({ srcPort: rng.int(1024, 65535), dstPort: rng.pick([4500, 5000, 8472]) }).payload(payload(rng))],
    [35, () => b.tcp({ srcPort: rng.int(1024, 65535), dstPort: rng.pick([22, 80, 443]), flags: rng.pick(["S", "A", "PA", "FA"]), seq: rng.u32() }).payload(payload(rng, 0, 100))],
    [15, () => b.icmp({ id: rng.int(0, 0xffff), seq: rng.int(0, 100) }).payload(payload(rng, 8, 56))],
  ]);
}

// ---------------------------------------------------------------- router (port 0)

const ROUTER_MAC = "02:00:00:00:00:fe";
const VRRP_MAC = "00:00:5e:00:01:01";

function routerPacket(rng: Rng): Uint8Array {
  const src = hostMac(rng);
  const toRouter = () => eth({ src, dst: rng.chance(0.9) ? ROUTER_MAC : VRRP_MAC });
  const v4 = (dst: string, ttl = rng.pick([64, 64, 63, 128, 255, 2])) =>
    l4(toRouter().ipv4({ src: ipIn("192.0.2", rng), dst, ttl, id: rng.int(0, 0xffff) }), rng).build();
  return weighted(rng, [
    [30, () => v4(`10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`)],
    [15, () => v4(ipIn("10.1.2", rng))],
    [5, () => v4(ipIn("198.51.100", rng))],
    [5, () => v4(ipIn("172.16.0", rng))],
    [4, () => v4("192.0.2.1")],
    [3, () => v4(ipIn("10.9.8", rng), 1)],
    [2, () => v4(`239.${rng.int(0, 255)}.0.1`)],
    [5, () => l4(eth({ src, dst: ROUTER_MAC }).vlan({ vid: rng.int(1, 4094), pcp: rng.int(0, 7) })
      .ipv4({ src: ipIn("192.0.2", rng), dst: ipIn("10.1.2", rng) }), rng).build()],
    [12, () => eth({ src, dst: ROUTER_MAC }).ipv6({ src: "2001:db8:ffff::10", dst: `2001:db8:1:${rng.int(0, 4).toString(16)}::${rng.int(1, 0xffff).toString(16)}`, hopLimit: rng.pick([64, 64, 1]) })
      .udp({ srcPort: rng.int(1024, 65535), dstPort: 443 }).payload(payload(rng)).build()],
    [3, () => eth({ src, dst: ROUTER_MAC }).ipv6({ src: "2001:db8:ffff::10", dst: "2001:db8:2::1" })
      .udp({ srcPort: 5353, dstPort: 5353 }).payload(dnsQuery(rng)).build()],
    [4, () => eth({ src, dst: "ff:ff:ff:ff:ff:ff" }).arp({ senderMac: src, senderIp: ipIn("192.0.2", rng), targetIp: "192.0.2.1" }).build()],
    [2, () => l4(toRouter().ipv4({ src: ipIn("192.0.2", rng), dst: ipIn("10.3.3", rng), options: Uint8Array.from([0x94, 0x04, 0, 0]) }), rng).build()],
    [2, () => v4Wrong(rng, src)],
    [2, () => l4(toRouter().ipv4({ src: `127.0.0.${rng.int(1, 9)}`, dst: ipIn("10.4.4", rng) }), rng).build()],
    [3, () => truncate(v4(ipIn("10.5.5", rng)), rng)],
  ]);
}

/** Routable, but for another MAC, or with a damaged header checksum. */
function v4Wrong(rng: Rng, src: string): Uint8Array {
  const other = rng.chance(0.5);
  const data = l4(eth({ src, dst: other ? hostMac(rng) : ROUTER_MAC }).ipv4({ src: ipIn("192.0.2", rng), dst: ipIn("10.6.6", rng) }), rng).build();
  if (!other) data[14 + 10] ^= 0x5a;
  return data;
}

// ---------------------------------------------------------------- acl (port 2, the outside)

const INSIDE_MAC = "02:00:00:00:01:0a";
const OUTSIDE_MAC = "02:00:00:00:02:01";

function aclPacket(rng: Rng): Uint8Array {
  const out = () => eth({ src: OUTSIDE_MAC, dst: INSIDE_MAC });
  const client = () => `${rng.pick(["192.0.2", "198.51.100", "203.0.113"])}.${rng.int(1, 254)}`;
  return weighted(rng, [
    [30, () => out().ipv4({ src: client(), dst: "10.0.0.80" })
      .tcp({ srcPort: rng.int(1024, 65535), dstPort: rng.int(8000, 8099), flags: rng.pick(["S", "A", "PA"]), seq: rng.u32() }).payload(payload(rng, 0, 300)).build()],
    [20, () => out().ipv4({ src: client(), dst: "10.0.0.53" }).udp({ srcPort: rng.int(1024, 65535), dstPort: 53 }).payload(dnsQuery(rng)).build()],
    [10, () => out().ipv4({ src: client(), dst: ipIn("10.0.0", rng) }).tcp({ srcPort: rng.int(1024, 65535), dstPort: 22, flags: "S" }).build()],
    [8, () => out().ipv4({ src: ipIn("203.0.113", rng), dst: "10.0.0.22" }).tcp({ srcPort: rng.int(1024, 65535), dstPort: rng.pick([22, 80, 443]), flags: "S" }).build()],
    [8, () => out().ipv4({ src: client(), dst: ipIn("10.0.0", rng) }).icmp({ type: rng.pick([8, 8, 0, 3]), id: rng.int(0, 0xffff), seq: rng.int(0, 50) }).payload(payload(rng, 8, 56)).build()],
    [12, () => out().ipv4({ src: client(), dst: ipIn("10.0.0", rng) }).tcp({ srcPort: rng.int(1024, 65535), dstPort: rng.int(1, 65535), flags: "S" }).build()],
    [4, () => eth({ src: OUTSIDE_MAC, dst: "ff:ff:ff:ff:ff:ff" }).arp({ senderMac: OUTSIDE_MAC, senderIp: "10.0.0.1", targetIp: ipIn("10.0.0", rng) }).build()],
    [4, () => truncate(out().ipv4({ src: client(), dst: "10.0.0.80" }).tcp({ srcPort: 40000, dstPort: 8080 }).build(), rng)],
  ]);
}

// ---------------------------------------------------------------- vlan (port 3, the trunk)

/** Stations in the vlan example's fdb: the access hosts A and B, C and D behind the trunk itself, X in VLAN 30. */
const VLAN_A: readonly [number, string] = [10, "00:00:00:00:01:01"];
const VLAN_B: readonly [number, string] = [20, "00:00:00:00:02:01"];
const VLAN_BEHIND_TRUNK: readonly (readonly [number, string])[] = [[10, "00:00:00:00:03:0a"], [20, "00:00:00:00:03:14"]];
const VLAN_X: readonly [number, string] = [30, "00:00:00:00:01:1e"];

function vlanPacket(rng: Rng): Uint8Array {
  const [vid, dst] = weighted<readonly [number, string]>(rng, [[40, () => VLAN_A], [40, () => VLAN_B], [8, () => rng.pick(VLAN_BEHIND_TRUNK)], [4, () => VLAN_X]]);
  const src = rng.pick(["00:00:00:00:03:0a", "00:00:00:00:03:14", hostMac(rng)]);
  const inner = (b: PacketBuilder) => l4(b.ipv4({ src: ipIn("192.168.0", rng), dst: ipIn("192.168.0", rng) }), rng).build();
  return weighted(rng, [
    [75, () => inner(eth({ src, dst }).vlan({ vid, pcp: rng.int(0, 7) }))],
    [8, () => inner(eth({ src, dst: hostMac(rng) }).vlan({ vid: rng.pick([10, 20]) }))],
    [5, () => inner(eth({ src, dst }))],
    [4, () => inner(eth({ src, dst }).vlan({ vid: 100, tpid: 0x88a8 }).vlan({ vid }))],
    [3, () => inner(eth({ src, dst }).vlan({ vid }).vlan({ vid: 7 }).vlan({ vid: 8 }))],
    [5, () => truncate(inner(eth({ src, dst }).vlan({ vid })), rng)],
  ]);
}

// ---------------------------------------------------------------- l2switch (port 1)

const L2_HOSTS = ["00:1b:21:00:00:0a", "00:1b:21:00:00:0b", "00:1b:21:00:00:0c", "00:1b:21:00:00:0d"];

function l2Packet(rng: Rng): Uint8Array {
  const src = rng.pick(L2_HOSTS);
  const ip = (b: PacketBuilder) => l4(b.ipv4({ src: ipIn("10.0.0", rng), dst: ipIn("10.0.0", rng) }), rng).build();
  return weighted(rng, [
    [60, () => ip(eth({ src, dst: rng.pick(L2_HOSTS) }))],
    [12, () => eth({ src, dst: "ff:ff:ff:ff:ff:ff" }).arp({ senderMac: src, senderIp: ipIn("10.0.0", rng), targetIp: ipIn("10.0.0", rng) }).build()],
    [8, () => eth({ src, dst: "01:00:5e:00:00:fb" }).ipv4({ src: ipIn("10.0.0", rng), dst: "224.0.0.251", ttl: 255 })
      .udp({ srcPort: 5353, dstPort: 5353 }).payload(dnsQuery(rng)).build()],
    [6, () => ip(eth({ src: hostMac(rng), dst: rng.pick(L2_HOSTS) }))],
    [5, () => bpdu(rng)],
    [4, () => eth({ src: "00:1b:21:00:00:5e", dst: "01:80:c2:00:00:0e", type: 0x88cc }).payload(Uint8Array.from([2, 7, 4, 0, 0x1b, 0x21, 0, 0, 0x5e, 4, 3, 5, 0x31, 0x32, 6, 2, 0, 120, 0, 0])).build()],
    [2, () => ip(eth({ src: "01:00:5e:00:00:01", dst: rng.pick(L2_HOSTS) }))],
    [3, () => truncate(ip(eth({ src, dst: rng.pick(L2_HOSTS) })), rng)],
  ]);
}

/** An 802.1D configuration BPDU in an 802.3 / LLC frame. */
function bpdu(rng: Rng): Uint8Array {
  const bridge = [0x80, 0x00, 0x00, 0x1b, 0x21, 0x00, 0x00, 0x5e];
  const body = Uint8Array.from([0x42, 0x42, 0x03, 0, 0, 0, 0, 0, ...bridge, 0, 0, 0, rng.int(0, 40), ...bridge, 0x80, 0x01, 0, 0, 0x14, 0, 0x02, 0, 0x0f, 0]);
  return eth({ src: "00:1b:21:00:00:5e", dst: "01:80:c2:00:00:00", type: body.length }).payload(body).build();
}

// ---------------------------------------------------------------- vxlan (port 1, VNI 5000)

function vxlanPacket(rng: Rng): Uint8Array {
  const src = "00:00:00:aa:00:01";
  const frame = (dst: string, size?: number) => {
    const b = eth({ src, dst }).ipv4({ src: "10.10.0.1", dst: ipIn("10.10.0", rng) });
    if (size === undefined) return l4(b, rng).build();
    return b.udp({ srcPort: 5000, dstPort: 5001 }).payload(new Uint8Array(size - 42)).build();
  };
  return weighted(rng, [
    [55, () => frame("00:00:00:bb:00:01")],
    [25, () => frame("00:00:00:aa:00:02")],
    [8, () => frame(hostMac(rng))],
    [4, () => frame("00:00:00:bb:00:01", rng.int(1400, 1514))],
    [5, () => eth({ src, dst: "ff:ff:ff:ff:ff:ff" }).arp({ senderMac: src, senderIp: "10.10.0.1", targetIp: ipIn("10.10.0", rng) }).build()],
    [3, () => truncate(frame("00:00:00:bb:00:01"), rng)],
  ]);
}

// ---------------------------------------------------------------- loadbalancer (port 5)

function lbPacket(rng: Rng): Uint8Array {
  const fromRouter = () => eth({ src: "02:00:00:00:ff:01", dst: "02:00:00:00:0b:01" });
  const client = () => `${rng.pick(["198.51.100", "192.0.2"])}.${rng.int(1, 254)}`;
  return weighted(rng, [
    [45, () => fromRouter().ipv4({ src: client(), dst: "203.0.113.10", ttl: rng.int(40, 64) })
      .tcp({ srcPort: rng.int(1024, 65535), dstPort: 80, flags: rng.pick(["S", "S", "A", "PA", "FA"]), seq: rng.u32() }).payload(payload(rng, 0, 400)).build()],
    [25, () => fromRouter().ipv4({ src: client(), dst: "203.0.113.20", ttl: rng.int(40, 64) })
      .udp({ srcPort: rng.int(1024, 65535), dstPort: 53 }).payload(dnsQuery(rng)).build()],
    [6, () => fromRouter().ipv4({ src: client(), dst: "203.0.113.30" }).tcp({ srcPort: rng.int(1024, 65535), dstPort: 443, flags: "S" }).build()],
    [10, () => l4(fromRouter().ipv4({ src: client(), dst: rng.pick(["203.0.113.10", "203.0.113.99"]) }), rng).build()],
    [4, () => eth({ src: "02:00:00:00:ff:01", dst: "ff:ff:ff:ff:ff:ff" }).arp({ senderMac: "02:00:00:00:ff:01", senderIp: "203.0.113.1", targetIp: "203.0.113.10" }).build()],
    [3, () => truncate(fromRouter().ipv4({ src: client(), dst: "203.0.113.10" }).tcp({ srcPort: 40000, dstPort: 80 }).build(), rng)],
  ]);
}

// ---------------------------------------------------------------- ddos (port 1, the Internet)

function ddosPacket(rng: Rng): Uint8Array {
  const toServers = () => eth({ src: "02:00:00:00:00:01", dst: "02:00:00:00:00:02" });
  const udpFrom = (src: string, sport: number) => toServers().ipv4({ src, dst: ipIn("10.0.0", rng), tos: rng.pick([0, 0x28, 0x48]) })
    .udp({ srcPort: sport, dstPort: rng.pick([4500, 5000, 40000]) }).payload(payload(rng, 20, 300)).build();
  return weighted(rng, [
    [30, () => l4(toServers().ipv4({ src: `203.0.113.${rng.int(1, 254)}`, dst: ipIn("10.0.0", rng) }), rng).build()],
    [25, () => udpFrom("192.0.2.77", rng.int(1024, 65535))],
    [12, () => toServers().ipv4({ src: `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, dst: "10.0.0.80" })
      .tcp({ srcPort: rng.int(1024, 65535), dstPort: 443, flags: "S", seq: rng.u32() }).build()],
    [8, () => udpFrom(`${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, rng.pick([19, 1900, 11211]))],
    [6, () => udpFrom(rng.pick([`0.${rng.int(0, 255)}.0.1`, `240.0.0.${rng.int(1, 254)}`, ipIn("198.51.100", rng)]), rng.int(1024, 65535))],
    [4, () => eth({ src: "02:00:00:00:00:01", dst: "ff:ff:ff:ff:ff:ff" }).arp({ senderMac: "02:00:00:00:00:01", senderIp: "10.0.0.254", targetIp: ipIn("10.0.0", rng) }).build()],
    [3, () => truncate(udpFrom("203.0.113.5", 40000), rng)],
  ]);
}

// ---------------------------------------------------------------- mpls (port 1)

function mplsPacket(rng: Rng): Uint8Array {
  const up = () => eth({ src: "02:00:00:00:4d:aa", dst: "02:00:00:00:4d:01" });
  const ip = (b: PacketBuilder, dst = ipIn("10.2.0", rng)) => l4(b.ipv4({ src: ipIn("10.1.0", rng), dst, ttl: rng.pick([64, 63, 10, 1]) }), rng).build();
  const ttl = () => rng.pick([64, 63, 32, 2, 1]);
  return weighted(rng, [
    [25, () => ip(up())],
    [5, () => ip(up(), ipIn("192.168.9", rng))],
    [20, () => ip(up().mpls({ label: 100, ttl: ttl() }))],
    [10, () => ip(up().mpls({ label: 300, ttl: ttl() }).mpls({ label: 1000, ttl: 64 }))],
    [12, () => ip(up().mpls({ label: rng.pick([400, 500]), ttl: ttl() }))],
    [8, () => ip(up().mpls({ label: 600, ttl: ttl() }))],
    [6, () => concatBytes([up().mpls({ label: 700, ttl: 64 }).payload(Uint8Array.from([0, 0, 0, rng.int(0, 255)])).build(),
      eth({ src: "00:00:00:00:aa:01", dst: "00:00:00:00:aa:02" }).ipv4({ src: "172.16.0.1", dst: "172.16.0.2" }).udp({ srcPort: 1, dstPort: 2 }).payload(payload(rng, 0, 64)).build()])],
    [5, () => ip(up().mpls({ label: rng.int(16, 0xfffff), ttl: 64 }))],
    [4, () => up().mpls({ label: 100, ttl: 64 }).ipv6({ src: "2001:db8::1", dst: "2001:db8::2" }).udp({ srcPort: 1, dstPort: 2 }).payload(payload(rng, 0, 32)).build()],
    [5, () => truncate(ip(up().mpls({ label: 100, ttl: 64 })), rng)],
  ]);
}

// ---------------------------------------------------------------- telemetry (port 32, an uplink)

const SPINE_MAC = "02:00:00:00:0b:07";
const LEAF_MAC = "02:00:00:00:0a:01";

/** The shim and `hops` records, newest first, ending at `now` (low 32 bits of ns). */
function intStack(rng: Rng, hops: number, now: number, flags = 0, version = 1): Uint8Array {
  const records: Uint8Array[] = [];
  let ts = now - rng.int(500, 5000);
  for (let i = 0; i < hops; i++) {
    const r = new DataView(new ArrayBuffer(12));
    r.setUint16(0, i === hops - 1 ? 0x0a02 : 0x0b00 + rng.int(1, 9));
    r.setUint16(2, rng.int(1, 48));
    r.setUint32(4, ts >>> 0);
    r.setUint32(8, i === hops - 1 ? 0 : rng.int(500, 5000));
    records.push(new Uint8Array(r.buffer));
    ts -= rng.int(500, 5000);
  }
  const shim = new DataView(new ArrayBuffer(8));
  shim.setUint8(0, (version << 4) | flags);
  shim.setUint8(1, hops);
  shim.setUint16(2, 0x0800);
  shim.setUint32(4, (ts + 1) >>> 0);
  return concatBytes([new Uint8Array(shim.buffer), ...records]);
}

function telemetryPacket(rng: Rng, now: number): Uint8Array {
  const fromSpine = (type: number) => eth({ src: SPINE_MAC, dst: LEAF_MAC, type });
  const inner = (b: PacketBuilder) => l4(b.ipv4({ src: ipIn("10.2.0", rng), dst: rng.pick(["10.1.0.5", "10.1.0.6", "10.1.0.9"]) }), rng);
  return weighted(rng, [
    [55, () => inner(fromSpine(0x88b5).payload(intStack(rng, rng.int(1, 4), now))).build()],
    [20, () => inner(fromSpine(0x0800)).build()],
    [8, () => inner(fromSpine(0x88b5).payload(intStack(rng, rng.int(1, 3), now, 0x8))).build()],
    [5, () => inner(fromSpine(0x88b5).payload(intStack(rng, 1, now, 0, 2))).build()],
    [4, () => inner(fromSpine(0x88b5).payload(intStack(rng, rng.pick([0, 9]), now))).build()],
    [4, () => eth({ src: SPINE_MAC, dst: "ff:ff:ff:ff:ff:ff" }).arp({ senderMac: SPINE_MAC, senderIp: "10.255.0.1", targetIp: "10.255.0.2" }).build()],
    [4, () => truncate(inner(fromSpine(0x88b5).payload(intStack(rng, 2, now))).build(), rng)],
  ]);
}

// ---------------------------------------------------------------- the samples

const SAMPLES: readonly Sample[] = [
  { name: "router", port: 0, packets: 300, gapNs: 50_000n, make: routerPacket },
  { name: "acl", port: 2, packets: 300, gapNs: 100_000n, make: aclPacket },
  { name: "vlan", port: 3, packets: 250, gapNs: 100_000n, make: vlanPacket },
  { name: "l2switch", port: 1, packets: 250, gapNs: 100_000n, make: l2Packet },
  { name: "vxlan", port: 1, packets: 250, gapNs: 100_000n, make: vxlanPacket },
  { name: "loadbalancer", port: 5, packets: 300, gapNs: 50_000n, make: lbPacket },
  // 1 ms apart: 192.0.2.77 sends about 25 kB/s against a 1000 B/s meter, so most of it turns red
  { name: "ddos", port: 1, packets: 400, gapNs: 1_000_000n, make: ddosPacket },
  { name: "mpls", port: 1, packets: 300, gapNs: 50_000n, make: mplsPacket },
  { name: "telemetry", port: 32, packets: 250, gapNs: 200_000n, make: (rng, t) => telemetryPacket(rng, Number(t & 0xffff_ffffn)) },
];

function records(sample: Sample): PcapRecordInput[] {
  const rng = makeRng(SEED ^ hash(sample.name));
  return Array.from({ length: sample.packets }, (_, i) => {
    const timestampNs = START_NS + BigInt(i) * sample.gapNs;
    return { data: sample.make(rng, timestampNs), timestampNs };
  });
}

/** A per-example seed offset, so the samples do not share their random streams. */
function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return h;
}

function main(): void {
  if (!existsSync("examples/router/router.pnet")) {
    console.error("make-captures: run this from the repository root (examples/ not found here)");
    process.exitCode = 2;
    return;
  }
  for (const sample of SAMPLES) {
    const path = `examples/${sample.name}/sample.pcap`;
    writeFileSync(path, encodePcap(records(sample)));
    console.log(`${path}: ${sample.packets} packets; run with --in-port ${sample.port} --entries examples/${sample.name}/entries.stf`);
  }
}

main();
