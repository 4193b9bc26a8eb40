// One-line packet summaries and change descriptions used by `pnet demo`.

import { describe, expect, it } from "vitest";
import { eth, fromHex } from "../../runtime/craft.js";
import { describeChanges, summarisePacket } from "../../runtime/cli/summarise.js";

const MACS = { src: "02:00:00:00:00:01", dst: "02:00:00:00:00:02" };

describe("summarisePacket", () => {
  it("names IPv4 addresses, the transport ports and the TTL", () => {
    const p = eth(MACS).ipv4({ src: "10.0.0.1", dst: "10.1.0.5", ttl: 64 }).udp({ srcPort: 1234, dstPort: 53 }).build();
    expect(summarisePacket(p)).toBe("IPv4 10.0.0.1 → 10.1.0.5, UDP 1234 → 53, TTL 64, 42 bytes");
  });

  it("shows VLAN tags, IPv6 in short form and ICMPv6", () => {
    const p = eth(MACS).vlan({ vid: 10 }).ipv6({ src: "2001:db8::1", dst: "fe80::2", hopLimit: 5 }).icmpv6().build();
    expect(summarisePacket(p)).toBe("VLAN 10, IPv6 2001:db8::1 → fe80::2, ICMPv6 type 128, hop limit 5, 66 bytes");
  });

  it("describes ARP requests", () => {
    const p = eth({ ...MACS, dst: "ff:ff:ff:ff:ff:ff" }).arp({ op: "request", senderMac: MACS.src, senderIp: "10.0.0.1", targetIp: "10.0.0.254" }).build();
    expect(summarisePacket(p)).toBe("ARP who-has 10.0.0.254 tell 10.0.0.1, 42 bytes");
  });

  it("copes with runts and unknown ethertypes", () => {
    expect(summarisePacket(fromHex("0102"))).toBe("runt frame, 2 bytes");
    expect(summarisePacket(fromHex("020000000002 020000000001 88cc 00"))).toBe("ethertype 0x88cc, 15 bytes");
    expect(summarisePacket(fromHex("020000000002 020000000001 0800 45"))).toBe("ethertype 0x0800, 15 bytes");
  });
});

describe("describeChanges", () => {
  it("lists the header fields the program changed", () => {
    const before = eth(MACS).ipv4({ src: "10.0.0.1", dst: "10.1.0.5", ttl: 64 }).udp({ srcPort: 1, dstPort: 2 }).build();
    const after = eth({ ...MACS, dst: "00:00:00:00:00:01" }).ipv4({ src: "10.0.0.1", dst: "10.1.0.5", ttl: 63 }).udp({ srcPort: 1, dstPort: 2 }).build();
    expect(describeChanges(before, after)).toBe("eth.dst 02:00:00:00:00:02 → 00:00:00:00:00:01, ip.ttl 64 → 63");
  });

  it("notices added headers, length changes and untouched packets", () => {
    const plain = eth(MACS).ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).build();
    const tagged = eth(MACS).vlan({ vid: 7 }).ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).build();
    expect(describeChanges(plain, tagged)).toBe("vlan[0].vid added, 34 → 38 bytes");
    expect(describeChanges(plain, plain)).toBe("unchanged");
  });
});
