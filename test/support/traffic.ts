// Random traffic for differential and property tests, from a seeded Rng:
// timedTraffic puts packets on ports 0-7 with time moving forward; the packet
// kinds are runtime/craft.ts's mixedPacket (valid, truncated, random bytes),
// mutated and tagged packets, and pooledPacket: well-formed packets whose
// addresses, ports, VLAN ids, MPLS labels and VNIs are drawn from pools of
// values that the program and its installed entries mention (by width: 48
// bits for MACs, 32 for IPv4, 128 for IPv6, 16 for ports, 12 for VLAN ids, 20
// for labels, 24 for VNIs), so exact and lpm lookups hit as often as they miss.

import * as ir from "../../compiler/ir.js";
import { eth, mixedPacket, randomPacket, type PacketBuilder, type Rng } from "../../runtime/craft.js";
import type { Dataplane, PacketIn } from "../../runtime/dataplane.js";
import { forEachExpr } from "../../compiler/visit.js";
import { randomBits } from "./random-entries.js";

export type Pools = Map<number, bigint[]>;

function add(pools: Pools, width: number, v: bigint): void {
  if (!pools.has(width)) pools.set(width, []);
  const list = pools.get(width)!;
  if (!list.includes(v)) list.push(v);
}

/** Values by width: the program's constants and the key values of every installed entry. */
export function poolsOf(program: ir.Program, dp: Dataplane, rng: Rng): Pools {
  const pools: Pools = new Map();
  forEachExpr(program, (e) => {
    if (e.kind === "Const") add(pools, ir.widthOf(e.type), e.value);
  });
  for (const table of program.tables) {
    for (const entry of dp.tables[table.name]!.entries()) {
      entry.keys.forEach((k, i) => {
        const w = table.keys[i]!.width;
        if (k.kind === "exact") add(pools, w, k.value);
        if (k.kind === "lpm") add(pools, w, k.value | (randomBits(rng, w) & ir.mask(w - k.prefixLength)));
        if (k.kind === "ternary") add(pools, w, k.value | (randomBits(rng, w) & ~k.mask & ir.mask(w)));
        if (k.kind === "range") add(pools, w, rng.chance(0.5) ? k.lo : k.hi);
        if (k.kind === "optional" && k.value !== undefined) add(pools, w, k.value);
      });
    }
  }
  return pools;
}

function pick(rng: Rng, pools: Pools, width: number): bigint {
  const list = pools.get(width);
  return list && list.length > 0 && rng.chance(0.8) ? rng.pick(list) : randomBits(rng, width);
}

const bytes = (v: bigint, n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => Number((v >> BigInt(8 * (n - 1 - i))) & 0xffn));

export function pooledPacket(rng: Rng, pools: Pools): Uint8Array {
  const mac = (): Uint8Array => bytes(pick(rng, pools, 48), 6);
  const v4 = (): Uint8Array => bytes(pick(rng, pools, 32), 4);
  const v6 = (): Uint8Array => bytes(pick(rng, pools, 128), 16);
  const port = (): number => Number(pick(rng, pools, 16));
  const payload = (b: PacketBuilder): PacketBuilder => b.payload(rng.bytes(rng.int(0, 24)));
  const l4 = (b: PacketBuilder): PacketBuilder => {
    const r = rng.int(0, 2);
    if (r === 0) return payload(b.udp({ srcPort: port(), dstPort: port() }));
    if (r === 1) return payload(b.tcp({ srcPort: port(), dstPort: port(), flags: rng.pick(["S", "SA", "A", "PA", "FA", "R"]), seq: rng.u32() }));
    return b.icmp({ id: rng.int(0, 0xffff), seq: rng.int(0, 0xffff) });
  };
  const ip4 = (b: PacketBuilder): PacketBuilder => l4(b.ipv4({ src: v4(), dst: v4(), ttl: rng.pick([0, 1, 2, 64, 255]), id: rng.int(0, 0xffff) }));
  const ip6 = (b: PacketBuilder): PacketBuilder => payload(b.ipv6({ src: v6(), dst: v6(), hopLimit: rng.pick([0, 1, 2, 64, 255]) }).udp({ srcPort: port(), dstPort: port() }));
  const base = (): PacketBuilder => eth({ src: mac(), dst: mac() });
  const vid = (): number => Number(pick(rng, pools, 12));
  const label = (): number => Number(pick(rng, pools, 20));
  switch (rng.int(0, 7)) {
    case 0:
      return ip4(base()).build();
    case 1:
      return ip6(base()).build();
    case 2:
      return ip4(base().vlan({ vid: vid() })).build();
    case 3:
      return ip6(base().vlan({ vid: vid(), tpid: 0x88a8 }).vlan({ vid: vid() })).build();
    case 4:
      return ip4(base().mpls({ label: label(), ttl: rng.pick([1, 2, 64]) }).mpls({ label: label(), ttl: rng.pick([1, 2, 64]) })).build();
    case 5:
      return ip4(base().ipv4({ src: v4(), dst: v4(), ttl: 64 }).udp({ srcPort: port(), dstPort: 4789 }).vxlan({ vni: Number(pick(rng, pools, 24)) }).eth({ src: mac(), dst: mac() })).build();
    case 6:
      return base().arp({ op: rng.pick(["request", "reply"] as const), senderMac: mac(), senderIp: v4(), targetIp: v4() }).build();
    default:
      return ip4(base().mpls({ label: label(), ttl: rng.pick([1, 2, 64]) })).build();
  }
}

/** A valid packet with 1-3 bytes of its first 48 changed at random. */
export function mutatedPacket(rng: Rng): Uint8Array {
  const data = randomPacket(rng);
  for (let i = rng.int(1, 3); i > 0; i--) data[rng.int(0, Math.min(47, data.length - 1))] = rng.int(0, 255);
  return data;
}

/** An IPv4/UDP packet behind 0-4 802.1Q tags (more than a small stack holds). */
export function taggedPacket(rng: Rng): Uint8Array {
  let builder = eth({ src: "02:00:00:00:00:01", dst: rng.pick(["ff:ff:ff:ff:ff:ff", "02:00:00:00:00:02"]) });
  for (let i = rng.int(0, 4); i > 0; i--) builder = builder.vlan({ vid: rng.int(0, 4095) });
  return builder.ipv4({ src: rng.bytes(4), dst: rng.bytes(4) }).udp({ srcPort: 1, dstPort: rng.pick([53, 4789]) }).payload(rng.bytes(rng.int(0, 16))).build();
}

/** `n` packets on ports 0-7, each 0-2 ms after the last, their bytes from `data` (mixedPacket by default). */
export function timedTraffic(rng: Rng, n: number, data: (rng: Rng) => Uint8Array = (r) => mixedPacket(r).data): PacketIn[] {
  let time = 0n;
  return Array.from({ length: n }, () => {
    time += BigInt(rng.int(0, 2_000_000));
    return { port: rng.int(0, 7), data: data(rng), timestampNs: time };
  });
}
