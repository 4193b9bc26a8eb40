/**
 * Tests for the packet-crafting library: checksums and whole packets are compared with bytes
 * computed independently (Python 3 `struct` + `ipaddress`, RFC 1071 and Wikipedia examples),
 * never with output of the code under test. tshark cross-checks live in pcap.test.ts.
 */
import { describe, it, expect } from "vitest";
import {
  eth, packet, internetChecksum, parseIpv4, parseIpv6, parseMac, toHex, fromHex, makeRng,
  randomPacket, truncatedPacket, garbagePacket, mixedPacket, PACKET_KINDS, VXLAN_PORT,
} from "../../runtime/craft.js";

const A = "02:00:00:00:00:01";
const B = "02:00:00:00:00:02";

describe("internetChecksum", () => {
  it("matches the RFC 1071 section 3 numerical example (sum ddf2 → 220d)", () => {
    expect(internetChecksum(fromHex("0001 f203 f4f5 f6f7"))).toBe(0x220d);
  });

  it("matches the Wikipedia IPv4 header example (b861)", () => {
    expect(internetChecksum(fromHex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7"))).toBe(0xb861);
  });

  it("pads an odd trailing byte with zero", () => {
    expect(internetChecksum(Uint8Array.of(0x01))).toBe(0xfeff);
    expect(internetChecksum(new Uint8Array(0))).toBe(0xffff);
  });
});

describe("addresses", () => {
  it("parses MAC, IPv4 and IPv6 text", () => {
    expect(toHex(parseMac("00:1b:21:3c:4d:5e"))).toBe("001b213c4d5e");
    expect(toHex(parseMac("00-1B-21-3C-4D-5E"))).toBe("001b213c4d5e");
    expect(toHex(parseIpv4("10.0.0.255"))).toBe("0a0000ff");
    expect(toHex(parseIpv6("2001:db8::1"))).toBe("20010db8000000000000000000000001");
    expect(toHex(parseIpv6("::"))).toBe("0".repeat(32));
    expect(toHex(parseIpv6("fe80::"))).toBe("fe80" + "0".repeat(28));
    expect(toHex(parseIpv6("::ffff:10.0.0.1"))).toBe("00000000000000000000ffff0a000001");
    expect(toHex(parseIpv6("1:2:3:4:5:6:7:8"))).toBe("00010002000300040005000600070008");
  });

  it("rejects malformed text with the address in the message", () => {
    expect(() => parseMac("00:1b:21:3c:4d")).toThrow('bad MAC address "00:1b:21:3c:4d"');
    expect(() => parseIpv4("256.0.0.1")).toThrow('bad IPv4 address "256.0.0.1"');
    expect(() => parseIpv6("1:::2")).toThrow("bad IPv6 address");
    expect(() => parseIpv6("1::2::3")).toThrow("bad IPv6 address");
    expect(() => parseIpv6("1:2:3:4:5:6:7:8:9")).toThrow("bad IPv6 address");
    expect(() => parseIpv6("1:2:3:4::5:6:7:8")).toThrow("bad IPv6 address");
    expect(() => parseIpv6("g::1")).toThrow("bad IPv6 address");
    expect(() => parseIpv4(new Uint8Array(5))).toThrow("IPv4 address must be 4 bytes, got 5");
  });

  it("round-trips hex", () => {
    expect(toHex(fromHex("de ad\nbe ef"))).toBe("deadbeef");
    expect(() => fromHex("abc")).toThrow("not an even run of hex digits");
  });
});

// Expected bytes below were computed with Python 3 (struct, ipaddress) in a scratch directory;
// spaces only separate fields for the reader.
const compact = (hex: string): string => hex.replace(/\s+/g, "");

describe("known-good packets", () => {
  it("Ethernet / IPv4 (DF, id 0x1c46) / UDP 54321→53 / 'pnet!'", () => {
    const bytes = eth({ src: "00:1b:21:3c:4d:5e", dst: "00:0c:29:aa:bb:cc" })
      .ipv4({ src: "192.168.1.10", dst: "192.168.1.1", id: 0x1c46, dontFragment: true })
      .udp({ srcPort: 54321, dstPort: 53 }).payload("pnet!").build();
    expect(toHex(bytes)).toBe(compact(
      "000c29aabbcc 001b213c4d5e 0800" +
      "4500 0021 1c46 4000 4011 9b2a c0a8010a c0a80101" + // IPv4 checksum 9b2a
      "d431 0035 000d b12e 706e657421", // UDP checksum b12e
    ));
  });

  it("Ethernet / IPv6 (flow 0x12345) / TCP SYN with MSS option / 'abc'", () => {
    const bytes = eth({ src: "00:1b:21:3c:4d:5e", dst: "00:0c:29:aa:bb:cc" })
      .ipv6({ src: "2001:db8::1", dst: "2001:db8:0:1::2", flowLabel: 0x12345 })
      .tcp({ srcPort: 40000, dstPort: 443, seq: 0x01020304, flags: "S", window: 64240, options: fromHex("020405b4") })
      .payload("abc").build();
    expect(toHex(bytes)).toBe(compact(
      "000c29aabbcc 001b213c4d5e 86dd" +
      "60012345 001b 06 40 20010db8000000000000000000000001 20010db8000000010000000000000002" +
      "9c40 01bb 01020304 00000000 6002 faf0 db58 0000 020405b4 616263", // TCP checksum db58
    ));
  });

  it("raw IPv6 / ICMPv6 echo request (pseudo-header checksum)", () => {
    const bytes = packet().ipv6({ src: "2001:db8::1", dst: "2001:db8:0:1::2", hopLimit: 255 })
      .icmpv6({ id: 0x1234, seq: 1 }).payload("ping").build();
    expect(toHex(bytes)).toBe(compact(
      "60000000000c3aff20010db800000000000000000000000120010db8000000010000000000000002" +
      "8000333d1234000170696e67",
    ));
  });

  it("Ethernet / 802.1Q pcp 5 vid 10 / IPv4 with NOP + Router Alert / ICMP echo", () => {
    const bytes = eth({ src: A, dst: B }).vlan({ vid: 10, pcp: 5 })
      .ipv4({ src: "10.0.0.1", dst: "10.0.0.2", id: 7, ttl: 32, options: fromHex("01 94040000") })
      .icmp({ id: 7, seq: 9 }).payload("hi").build();
    expect(toHex(bytes)).toBe(compact(
      "020000000002020000000001 8100 a00a 0800" +
      "470000260007000020017f3a0a0000010a000002 0194040000000000" + // IHL 7, padded options
      "08008f86000700096869",
    ));
  });

  it("Ethernet / IPv4 / UDP 4789 / VXLAN vni 0x123456 / Ethernet / ARP request", () => {
    const bytes = eth({ src: A, dst: B }).ipv4({ src: "192.0.2.1", dst: "192.0.2.2" })
      .udp({ srcPort: 49152, dstPort: VXLAN_PORT }).vxlan({ vni: 0x123456 })
      .eth({ src: A, dst: B }).arp({ senderMac: A, senderIp: "10.0.0.1", targetIp: "10.0.0.2" }).build();
    expect(toHex(bytes)).toBe(compact(
      "02000000000202000000000108004500004e000000004011f69bc0000201c0000202" +
      "c00012b5003a0879" + // UDP, checksum 0879
      "0800000012345600" + // VXLAN, I flag, vni 123456
      "020000000002020000000001 0806 0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002",
    ));
  });

  it("Ethernet / MPLS 100 / MPLS 200 (bottom of stack) / IPv6 / UDP", () => {
    const bytes = eth({ src: A, dst: B }).mpls({ label: 100 }).mpls({ label: 200, tc: 1, ttl: 5 })
      .ipv6({ src: "2001:db8::1", dst: "2001:db8:0:1::2" }).udp({ srcPort: 7, dstPort: 9 }).payload("z").build();
    expect(toHex(bytes)).toBe(compact(
      "020000000002020000000001 8847 00064040 000c8305" +
      "6000000000091140 20010db8000000000000000000000001 20010db8000000010000000000000002" +
      "0007000900092a567a",
    ));
  });

  it("Ethernet / 802.1ad vid 100 / 802.1Q vid 200 / IPv4 / TCP PA", () => {
    const bytes = eth({ src: A, dst: B }).vlan({ vid: 100, tpid: 0x88a8 }).vlan({ vid: 200 })
      .ipv4({ src: "10.0.0.1", dst: "10.0.0.2" })
      .tcp({ srcPort: 5555, dstPort: 80, seq: 1000, ack: 2000, flags: "PA" }).payload("GET").build();
    expect(toHex(bytes)).toBe(compact(
      "020000000002020000000001 88a8 0064 8100 00c8 0800" +
      "4500002b00000000400666cb0a0000010a000002" +
      "15b30050000003e8000007d05018ffffdec60000474554",
    ));
  });
});

describe("builder", () => {
  it("shares prefixes without the branches affecting each other", () => {
    const base = eth({ src: A, dst: B }).ipv4({ src: "10.0.0.1", dst: "10.0.0.2" });
    const udp = base.udp({ srcPort: 1, dstPort: 2 }).build();
    const tcp = base.tcp({ srcPort: 1, dstPort: 2 }).build();
    expect([udp.length, udp[23]]).toEqual([14 + 20 + 8, 17]);
    expect([tcp.length, tcp[23]]).toEqual([14 + 20 + 20, 6]);
  });

  it("uses experimental numbers for raw payloads unless told otherwise", () => {
    expect(toHex(eth({ src: A, dst: B }).payload("x").build().subarray(12, 14))).toBe("88b5");
    expect(eth({ src: A, dst: B, type: 0x0800 }).payload("x").build()[12]).toBe(0x08);
    expect(packet().ipv4({ src: "1.1.1.1", dst: "2.2.2.2" }).payload("x").build()[9]).toBe(253);
    expect(packet().ipv4({ src: "1.1.1.1", dst: "2.2.2.2", protocol: 47 }).build()[9]).toBe(47);
  });

  it("explains mistakes", () => {
    expect(() => packet().tcp({ srcPort: 1, dstPort: 2 }).build())
      .toThrow("tcp needs an enclosing ipv4 or ipv6 layer for its checksum");
    expect(() => packet().ipv4({ src: "1.1.1.1", dst: "2.2.2.2" }).tcp({ srcPort: 1, dstPort: 2, flags: "SX" }).build())
      .toThrow('bad TCP flag "X" in "SX"');
    expect(() => packet().ipv4({ src: "1.1.1.1", dst: "2.2.2.2", options: new Uint8Array(41) }).build())
      .toThrow("ipv4 options are 44 bytes; at most 40 fit");
    expect(() => eth({ src: A, dst: B }).vlan({ vid: 4096 }).build()).toThrow("vlan vid 4096 does not fit in 12 bits");
    expect(() => eth({ src: A, dst: B }).mpls({ label: 1 << 20 }).build()).toThrow("mpls label 1048576 does not fit in 20 bits");
  });
});

describe("makeRng", () => {
  it("is mulberry32: matches an independent Python implementation", () => {
    const a = makeRng(42);
    expect([a.u32(), a.u32(), a.u32(), a.u32()]).toEqual([2581720956, 1925393290, 3661312704, 2876485805]);
    const b = makeRng(0);
    expect([b.u32(), b.u32(), b.u32(), b.u32()]).toEqual([1144304738, 1416247, 958946056, 627933444]);
  });

  it("keeps int() within its inclusive bounds and reaches both ends", () => {
    const rng = makeRng(7);
    const seen = new Set(Array.from({ length: 1000 }, () => rng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    expect(() => rng.pick([])).toThrow("no items to pick from");
  });
});

describe("random traffic", () => {
  // EtherType (after any tags) each kind must carry, read by hand at fixed offsets.
  const ETHERTYPE: Record<(typeof PACKET_KINDS)[number], string> = {
    "ipv4-udp": "0800", "ipv4-tcp": "0800", "ipv4-icmp": "0800", "ipv4-options-tcp": "0800",
    "ipv6-udp": "86dd", "ipv6-tcp": "86dd", "ipv6-icmpv6": "86dd", arp: "0806",
    "vlan-ipv4-udp": "8100", "qinq-ipv6-udp": "88a8", vxlan: "0800", "mpls-ipv4-udp": "8847",
  };

  it("is reproducible from the seed", () => {
    const run = (seed: number) => { const rng = makeRng(seed); return Array.from({ length: 20 }, () => toHex(mixedPacket(rng).data)); };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it("builds every kind with the expected outer EtherType", () => {
    const rng = makeRng(11);
    for (const kind of PACKET_KINDS) {
      for (let i = 0; i < 20; i++) expect(toHex(randomPacket(rng, kind).subarray(12, 14)), kind).toBe(ETHERTYPE[kind]);
    }
  });

  it("truncates a packet the same seed would have built whole", () => {
    for (let seed = 0; seed < 50; seed++) {
      const whole = randomPacket(makeRng(seed));
      const cut = truncatedPacket(makeRng(seed));
      expect(cut.length).toBeLessThan(whole.length);
      expect(toHex(whole).startsWith(toHex(cut))).toBe(true);
    }
  });

  it("garbles within bounds, and mixes all three", () => {
    const rng = makeRng(3);
    for (let i = 0; i < 200; i++) expect(garbagePacket(rng, 10).length).toBeLessThanOrEqual(10);
    const kinds = new Set(Array.from({ length: 300 }, () => mixedPacket(rng).kind));
    expect(kinds.has("truncated") && kinds.has("garbage") && kinds.has("arp")).toBe(true);
  });
});
