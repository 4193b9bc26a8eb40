/**
 * Tests for capture-file I/O: hand-made byte fixtures for every header variant the reader accepts,
 * damaged files (the packets before the damage survive, with a warning), writer round trips, and,
 * when Wireshark's command-line tools are installed, cross-checks in both directions with them.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  decodeCapture, encodePcap, readPcapFile, PcapError, PcapFileWriter, type Capture, type PcapRecord,
} from "../../runtime/pcap.js";
import { eth, packet, fromHex, makeRng, randomPacket, PACKET_KINDS, VXLAN_PORT } from "../../runtime/craft.js";

const hasTool = (tool: string): boolean => spawnSync(tool, ["--version"]).status === 0;
const hasTshark = hasTool("tshark");
const hasEditcap = hasTool("editcap");
const hasCapinfos = hasTool("capinfos");

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "pnet-pcap-")); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (timestampNs: bigint, hex: string, originalLength = hex.replace(/\s+/g, "").length / 2): PcapRecord =>
  ({ timestampNs, data: fromHex(hex), originalLength });

// ---------------------------------------------------------------- classic pcap fixtures

// Big-endian, microsecond timestamps, as written by tcpdump on a big-endian machine.
const BIG_ENDIAN_US = `
  a1b2c3d4  0002 0004  00000000  00000000  0000ffff  00000001
  00000001 0007a120 00000004 0000003c  deadbeef
  00000002 00000000 00000000 00000000
`; // header: magic, version 2.4, thiszone, sigfigs, snaplen 65535, linktype 1 (Ethernet)
   // record 1: 1 s + 500000 µs, caplen 4, origlen 60;  record 2: 2 s, zero-length

// Little-endian, microsecond timestamps, linktype 101 (raw IP), snaplen 1024.
const LITTLE_ENDIAN_US = `
  d4c3b2a1  0200 0400  00000000  00000000  00040000  65000000
  0100000020a10700 02000000 02000000  abcd
`; // record: 1 s + 500000 µs (0x0007a120 little-endian), caplen 2, origlen 2

// Little-endian, nanosecond timestamps.
const LITTLE_ENDIAN_NS = `
  4d3cb2a1  0200 0400  00000000  00000000  00000400  01000000
  00f15365 15cd5b07 03000000 05000000  010203
`; // record: 1700000000 s (0x6553f100) + 123456789 ns (0x075bcd15), caplen 3, origlen 5

// Big-endian, nanosecond timestamps.
const BIG_ENDIAN_NS = `
  a1b23c4d  0002 0004  00000000  00000000  00040000  00000001
  6553f100 075bcd15 00000001 00000001  ff
`;

describe("reading classic pcap", () => {
  it("reads big-endian microsecond files, zero-length records included", () => {
    const capture = decodeCapture(fromHex(BIG_ENDIAN_US));
    expect(capture).toEqual({
      format: "pcap",
      interfaces: [{ linkType: 1, snaplen: 65535 }],
      records: [record(1_500_000_000n, "deadbeef", 60), record(2_000_000_000n, "")],
      warnings: [],
    });
  });

  it("reads little-endian microsecond files with their link type", () => {
    const capture = decodeCapture(fromHex(LITTLE_ENDIAN_US));
    expect(capture.interfaces).toEqual([{ linkType: 101, snaplen: 1024 }]);
    expect(capture.records).toEqual([record(1_500_000_000n, "abcd")]);
  });

  it("reads nanosecond files in both byte orders", () => {
    expect(decodeCapture(fromHex(LITTLE_ENDIAN_NS)).records).toEqual([record(1_700_000_000_123_456_789n, "010203", 5)]);
    expect(decodeCapture(fromHex(BIG_ENDIAN_NS)).records).toEqual([record(1_700_000_000_123_456_789n, "ff")]);
  });

  it("ignores the FCS bits above the 16-bit link type", () => {
    const withFcs = fromHex(LITTLE_ENDIAN_US);
    withFcs[23] = 0x14; // bit 28 (F) set, FCS length 4 in bits 29–31 would follow
    expect(decodeCapture(withFcs).interfaces[0]!.linkType).toBe(101);
  });
});

// ---------------------------------------------------------------- pcapng fixture

// Two sections: a little-endian one with two interfaces (ns resolution; 2^-10 s resolution
// with a 100 s offset), an unknown block and a Simple Packet Block; then a big-endian one.
const PCAPNG = `
  0a0d0d0a 1c000000  4d3c2b1a 0100 0000  ffffffffffffffff  1c000000
  01000000 20000000  0100 0000 00000400  0900 0100 09000000  00000000  20000000
  01000000 2c000000  0100 0000 00000000  0900 0100 8a000000  0e00 0800 6400000000000000  00000000  2c000000
  06000000 28000000  00000000 fe9c9717 15cd853d 05000000 40000000  0102030405 000000  28000000
  ad0b0000 10000000  cafef00d  10000000
  06000000 20000000  01000000 00000000 00080000 00000000 00000000  20000000
  03000000 14000000  04000000  aabbccdd  14000000
  0a0d0d0a 0000001c  1a2b3c4d 0001 0000  ffffffffffffffff  0000001c
  00000001 00000014  0001 0000 0000ffff  00000014
  00000006 00000024  00000000 00000000 000f4240 00000004 00000004  11223344  00000024
`;
// Line by line (block type, total length, body, total length again):
//  1 SHB: byte-order magic 1a2b3c4d read little-endian, version 1.0, section length unknown
//  2 IDB 0: linktype 1, snaplen 262144, if_tsresol (9) = 9 → nanoseconds, end of options
//  3 IDB 1: linktype 1, snaplen 0, if_tsresol = 0x8a → 2^-10 s, if_tsoffset (14) = 100 s
//  4 EPB on interface 0: ticks 0x17979cfe_3d85cd15 = 1700000000123456789 ns, caplen 5 (padded), origlen 64
//  5 unknown block type 0xbad: skipped
//  6 EPB on interface 1: ticks 2048 = 2 s, + 100 s offset; zero-length
//  7 SPB: origlen 4, no timestamp, belongs to interface 0 of its section
//  8 SHB, big-endian this time
//  9 IDB (global interface 2): linktype 1, snaplen 65535, no options → microseconds
// 10 EPB on interface 0 of this section: 1000000 µs = 1 s

const PCAPNG_RECORDS: PcapRecord[] = [
  { ...record(1_700_000_000_123_456_789n, "0102030405", 64), interface: 0 },
  { ...record(102_000_000_000n, ""), interface: 1 },
  { ...record(0n, "aabbccdd"), interface: 0 },
  { ...record(1_000_000_000n, "11223344"), interface: 2 },
];

describe("reading pcapng", () => {
  it("reads sections in both byte orders, if_tsresol, if_tsoffset, EPB and SPB, skipping unknown blocks", () => {
    expect(decodeCapture(fromHex(PCAPNG))).toEqual({
      format: "pcapng",
      interfaces: [{ linkType: 1, snaplen: 262144 }, { linkType: 1, snaplen: 0 }, { linkType: 1, snaplen: 65535 }],
      records: PCAPNG_RECORDS,
      warnings: [],
    });
  });
});

// ---------------------------------------------------------------- damage

describe("damaged input", () => {
  it("rejects non-captures with a PcapError naming the magic", () => {
    expect(() => decodeCapture(fromHex("12345678 0000 0000"))).toThrow(PcapError);
    expect(() => decodeCapture(fromHex("12345678 0000 0000"))).toThrow("not a pcap or pcapng file: magic 0x12345678");
    expect(() => decodeCapture(fromHex("d4c3"))).toThrow("not a pcap or pcapng file: only 2 bytes long");
  });

  it("rejects a pcapng section header whose byte-order magic is wrong", () => {
    expect(() => decodeCapture(fromHex("0a0d0d0a 1c000000 deadbeef"))).toThrow(
      "not a pcap or pcapng file: section header has bad byte-order magic 0xdeadbeef",
    );
  });

  it("keeps the records before a record that runs past the end of the file", () => {
    // Record 3 starts at 24 + (16 + 4) + 16 = 60 and claims 100 bytes with 2 present.
    const capture = decodeCapture(fromHex(BIG_ENDIAN_US + "00000003 00000000 00000064 00000064 0102"));
    expect(capture.records).toHaveLength(2);
    expect(capture.warnings).toEqual([
      "record 3 at byte offset 60: packet data runs past end of file (100 bytes, 2 left); stopped reading",
    ]);
  });

  it("keeps the records before a truncated record header", () => {
    const capture = decodeCapture(fromHex(BIG_ENDIAN_US + "00000003 0000"));
    expect(capture.records).toHaveLength(2);
    expect(capture.warnings).toEqual(["record 3 at byte offset 60: record header truncated (6 of 16 bytes); stopped reading"]);
  });

  it("stops at an absurd captured length instead of trusting it", () => {
    const capture = decodeCapture(fromHex(BIG_ENDIAN_US + "00000003 00000000 7fffffff 00000010"));
    expect(capture.records).toHaveLength(2);
    expect(capture.warnings).toEqual([
      "record 3 at byte offset 60: captured length 2147483647 exceeds the limit of 262144 bytes; stopped reading",
    ]);
  });

  it("warns about a truncated file header instead of throwing", () => {
    const capture = decodeCapture(fromHex(BIG_ENDIAN_US).subarray(0, 10));
    expect(capture.records).toEqual([]);
    expect(capture.warnings).toEqual(["file header truncated: 10 of 24 bytes"]);
  });

  it("keeps the pcapng records before a block that runs past the end", () => {
    // The last EPB (block 10) starts at 28+32+44+40+16+32+20+28+20 = 260 and is 36 bytes long.
    const capture = decodeCapture(fromHex(PCAPNG).subarray(0, 280));
    expect(capture.records).toEqual(PCAPNG_RECORDS.slice(0, 3));
    expect(capture.warnings).toEqual([
      "block 10 at byte offset 260: block runs past end of file (36 bytes, 20 left); stopped reading",
    ]);
  });

  it("stops at a pcapng packet for an interface its section does not describe", () => {
    const bytes = fromHex(PCAPNG);
    bytes[268 + 3] = 0x07; // interface id of the last EPB (big-endian, after type and length) becomes 7
    const capture = decodeCapture(bytes);
    expect(capture.records).toHaveLength(3);
    expect(capture.warnings).toEqual([
      "block 10 at byte offset 260: packet refers to interface 7, which the section does not describe; stopped reading",
    ]);
  });

  it("stops at a pcapng block whose two length fields disagree", () => {
    const bytes = fromHex(PCAPNG);
    bytes[260 + 35] = 0x28;
    expect(decodeCapture(bytes).warnings).toEqual([
      "block 10 at byte offset 260: trailing block length 40 does not match leading 36; stopped reading",
    ]);
  });

  it("never throws on a cut-short file and never loses the packets before the cut", () => {
    for (const [name, hex] of Object.entries({ BIG_ENDIAN_US, PCAPNG })) {
      const whole = fromHex(hex);
      const all = decodeCapture(whole).records;
      for (let length = 4; length < whole.length; length++) {
        const cut = decodeCapture(whole.subarray(0, length));
        expect(cut.records, `${name} cut at ${length}`).toEqual(all.slice(0, cut.records.length));
      }
    }
  });

  it("reports an unreadable path as a PcapError", async () => {
    await expect(readPcapFile(join(dir, "missing.pcap"))).rejects.toThrow(/^cannot read .*missing\.pcap: ENOENT/);
  });
});

// ---------------------------------------------------------------- writing

describe("writing classic pcap", () => {
  const sample = [
    { timestampNs: 1_700_000_000_123_456_789n, data: fromHex("0102030405"), originalLength: 5 },
    { timestampNs: 1_700_000_001_000_000_001n, data: new Uint8Array(0), originalLength: 0 },
    { timestampNs: 0n, data: fromHex("ff"), originalLength: 1500 },
  ];

  it("writes a little-endian nanosecond header for Ethernet by default", () => {
    expect(encodePcap([])).toEqual(fromHex("4d3cb2a1 0200 0400 00000000 00000000 00000400 01000000"));
    expect(encodePcap([], { resolution: "us", linkType: 101, snaplen: 65535 }))
      .toEqual(fromHex("d4c3b2a1 0200 0400 00000000 00000000 ffff0000 65000000"));
  });

  it("writes a record header by hand-checked layout", () => {
    expect(encodePcap([sample[0]!]).subarray(24)).toEqual(fromHex("00f15365 15cd5b07 05000000 05000000 0102030405"));
  });

  it("round-trips nanosecond timestamps exactly", () => {
    expect(decodeCapture(encodePcap(sample)).records).toEqual(sample);
  });

  it("truncates timestamps to microseconds when asked", () => {
    const records = decodeCapture(encodePcap(sample, { resolution: "us" })).records;
    expect(records.map((r) => r.timestampNs)).toEqual([1_700_000_000_123_456_000n, 1_700_000_001_000_000_000n, 0n]);
  });

  it("cuts data to the snaplen and keeps the original length", () => {
    const [cut] = decodeCapture(encodePcap([{ data: fromHex("0102030405") }], { snaplen: 2 })).records;
    expect(cut).toEqual({ timestampNs: 0n, data: fromHex("0102"), originalLength: 5 });
  });

  it("refuses timestamps a pcap record cannot hold", () => {
    expect(() => encodePcap([{ data: new Uint8Array(0), timestampNs: -1n }])).toThrow(PcapError);
    expect(() => encodePcap([{ data: new Uint8Array(0), timestampNs: 1n << 62n }])).toThrow("does not fit a pcap record");
  });

  it("streams to a file, across buffer flushes, the same bytes encodePcap builds", async () => {
    const rng = makeRng(1);
    const records = Array.from({ length: 2000 }, (_, i) => ({ timestampNs: BigInt(i) * 1_000_003n, data: randomPacket(rng) }));
    records.splice(1000, 0, { timestampNs: 5n, data: rng.bytes(100_000) }); // larger than the 64 KiB buffer
    const path = join(dir, "stream.pcap");
    const writer = new PcapFileWriter(path, { snaplen: 200_000 });
    records.forEach((r) => writer.write(r));
    writer.close();
    // Buffer.compare: toEqual walks typed arrays element by element, far too slowly at this size.
    expect(Buffer.compare(readFileSync(path), encodePcap(records, { snaplen: 200_000 }))).toBe(0);
    const capture = await readPcapFile(path);
    expect(capture.records).toHaveLength(records.length);
    expect(capture.records.every((r, i) => Buffer.compare(r.data, records[i]!.data) === 0)).toBe(true);
    expect(capture.warnings).toEqual([]);
    expect(() => writer.write(records[0]!)).toThrow("the writer is closed");
  });
});

// ---------------------------------------------------------------- Wireshark tools

const M = { src: "00:1b:21:3c:4d:5e", dst: "00:0c:29:aa:bb:cc" };
const V4 = { src: "10.0.0.1", dst: "10.0.0.2" };
const V6 = { src: "2001:db8::1", dst: "2001:db8::2" };

// Crafted packets with their lengths and protocol stacks worked out by hand. Ports 9 (discard)
// keep tshark from dissecting payloads as application protocols.
const CRAFTED: { data: Uint8Array; length: number; protocols: string }[] = [
  { data: eth(M).ipv4(V4).tcp({ srcPort: 1025, dstPort: 9, flags: "S" }).build(), length: 14 + 20 + 20, protocols: "eth:ethertype:ip:tcp" },
  { data: eth(M).ipv6(V6).udp({ srcPort: 1025, dstPort: 9 }).payload("hello").build(), length: 14 + 40 + 8 + 5, protocols: "eth:ethertype:ipv6:udp:data" },
  { data: eth(M).vlan({ vid: 10, pcp: 5 }).ipv4(V4).udp({ srcPort: 1025, dstPort: 9 }).payload("x").build(), length: 14 + 4 + 20 + 8 + 1, protocols: "eth:ethertype:vlan:ethertype:ip:udp:data" },
  {
    data: eth(M).ipv4(V4).udp({ srcPort: 49152, dstPort: VXLAN_PORT }).vxlan({ vni: 42 })
      .eth(M).ipv4({ src: "192.168.0.1", dst: "192.168.0.2" }).udp({ srcPort: 1025, dstPort: 9 }).payload("in").build(),
    length: 14 + 20 + 8 + 8 + 14 + 20 + 8 + 2,
    protocols: "eth:ethertype:ip:udp:vxlan:eth:ethertype:ip:udp:data",
  },
  { data: eth(M).mpls({ label: 100 }).mpls({ label: 200 }).ipv4(V4).icmp({ id: 1, seq: 2 }).payload("ping").build(), length: 14 + 8 + 20 + 8 + 4, protocols: "eth:ethertype:mpls:ip:icmp:data" },
  { data: eth(M).arp({ senderMac: M.src, senderIp: "10.0.0.1", targetIp: "10.0.0.2" }).build(), length: 14 + 28, protocols: "eth:ethertype:arp" },
  { data: eth(M).vlan({ vid: 100, tpid: 0x88a8 }).vlan({ vid: 200 }).ipv6(V6).tcp({ srcPort: 1025, dstPort: 9, flags: "PA", ack: 1 }).payload("abc").build(), length: 14 + 8 + 40 + 20 + 3, protocols: "eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:ipv6:tcp:data" },
  { data: eth(M).ipv6(V6).icmpv6({ id: 3, seq: 4 }).build(), length: 14 + 40 + 8, protocols: "eth:ethertype:ipv6:icmpv6" },
  { data: eth(M).ipv4({ ...V4, options: fromHex("94040000") }).udp({ srcPort: 1025, dstPort: 9 }).payload("o").build(), length: 14 + 24 + 8 + 1, protocols: "eth:ethertype:ip:udp:data" },
  { data: packet().payload("tail").build(), length: 4, protocols: "eth" }, // a runt frame: tshark flags it malformed
];

const FIELDS = [
  "frame.len", "frame.protocols", "frame.time_epoch", "ip.checksum.status", "tcp.checksum.status",
  "udp.checksum.status", "icmp.checksum.status", "icmpv6.checksum.status", "_ws.expert.severity", "_ws.malformed",
];
const WARNING_SEVERITY = 0x600000; // Wireshark expert levels: chat 0x200000, note 0x400000, warn 0x600000

/** tshark's view of a capture: one object per packet, keyed by field name. */
function tsharkFields(path: string): Record<string, string>[] {
  const out = execFileSync("tshark", [
    "-r", path, "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
    "-T", "fields", "-E", "separator=|", ...FIELDS.flatMap((f) => ["-e", f]),
  ], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return out.trim().split("\n").map((line) => Object.fromEntries(line.split("|").map((v, i) => [FIELDS[i], v])));
}

function checksumStatuses(row: Record<string, string>): string[] {
  return FIELDS.filter((f) => f.endsWith("checksum.status")).flatMap((f) => row[f]!.split(",").filter(Boolean));
}

function writeCapture(name: string, capture: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, capture);
  return path;
}

const sansInterface = (records: PcapRecord[]): PcapRecord[] => records.map(({ interface: _, ...rest }) => rest);

describe("Wireshark cross-checks", () => {
  it.skipIf(!hasTshark)("tshark reads crafted packets with the right lengths, protocols and good checksums (skipped if tshark is not installed)", () => {
    const records = CRAFTED.map((c, i) => ({ data: c.data, timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 123_456_789n }));
    const rows = tsharkFields(writeCapture("crafted.pcap", encodePcap(records)));
    expect(rows.map((r) => Number(r["frame.len"]))).toEqual(CRAFTED.map((c) => c.length));
    expect(rows.map((r) => r["frame.protocols"])).toEqual(CRAFTED.map((c) => c.protocols));
    expect(rows[1]!["frame.time_epoch"]).toBe("1700000000.123456789");
    const wellFormed = rows.slice(0, -1);
    expect(wellFormed.flatMap(checksumStatuses).every((s) => s === "1")).toBe(true); // 1 = good
    expect(wellFormed.flatMap(checksumStatuses)).toHaveLength(15); // 2+1+2+4+2+0+1+1+2 checksummed layers
    expect(wellFormed.map((r) => r["_ws.malformed"])).toEqual(wellFormed.map(() => ""));
    const severities = wellFormed.flatMap((r) => r["_ws.expert.severity"]!.split(",").filter(Boolean).map(Number));
    expect(severities.every((s) => s < WARNING_SEVERITY)).toBe(true);
    expect(rows.at(-1)!["_ws.malformed"]).not.toBe(""); // proves the malformed check can fire
  });

  it.skipIf(!hasTshark)("tshark finds good checksums in random traffic of every kind (skipped if tshark is not installed)", () => {
    const rng = makeRng(2024);
    const data = Array.from({ length: 20 * PACKET_KINDS.length }, (_, i) => randomPacket(rng, PACKET_KINDS[i % PACKET_KINDS.length]));
    const rows = tsharkFields(writeCapture("random.pcap", encodePcap(data.map((d) => ({ data: d })))));
    expect(rows.map((r) => Number(r["frame.len"]))).toEqual(data.map((d) => d.length));
    expect(rows.flatMap(checksumStatuses).every((s) => s === "1")).toBe(true);
    // Random payloads on ports like 53 may be malformed DNS; the crafted layers never may.
    const craftedLayers = new Set(["eth", "ethertype", "vlan", "ieee8021ad", "mpls", "arp", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6", "vxlan"]);
    const malformedIn = rows.filter((r) => r["_ws.malformed"] !== "").map((r) => r["frame.protocols"]!.split(":").at(-1)!);
    expect(malformedIn.filter((p) => craftedLayers.has(p))).toEqual([]);
  });

  it.skipIf(!hasCapinfos)("capinfos agrees on count, encapsulation and precision (skipped if capinfos is not installed)", () => {
    const path = writeCapture("info.pcap", encodePcap(CRAFTED.map((c) => ({ data: c.data }))));
    const info = execFileSync("capinfos", ["-c", "-E", "-t", "-r", path], { encoding: "utf8" });
    expect(info).toMatch(/nanosecond pcap/);
    expect(info).toMatch(/Ethernet/);
    expect(info).toMatch(new RegExp(`\\s${CRAFTED.length}\\s*$`, "m"));
  });

  it.skipIf(!hasEditcap)("reads the pcapng editcap writes from a pnet capture (skipped if editcap is not installed)", () => {
    const records = CRAFTED.map((c, i) => ({ data: c.data, timestampNs: 1_600_000_000_987_654_321n + BigInt(i), originalLength: c.data.length }));
    const source = writeCapture("to-ng.pcap", encodePcap(records));
    const target = join(dir, "from-editcap.pcapng");
    execFileSync("editcap", ["-F", "pcapng", source, target], { stdio: "ignore" });
    const capture: Capture = decodeCapture(readFileSync(target));
    expect(capture.format).toBe("pcapng");
    expect(capture.warnings).toEqual([]);
    expect(capture.records.every((r) => r.interface === 0)).toBe(true);
    expect(sansInterface(capture.records)).toEqual(records);
  });

  it.skipIf(!hasEditcap)("reads the nanosecond and microsecond pcaps editcap writes (skipped if editcap is not installed)", () => {
    const records = CRAFTED.map((c, i) => ({ data: c.data, timestampNs: 1_600_000_000_123_456_000n + BigInt(i) * 1000n, originalLength: c.data.length }));
    const source = writeCapture("us.pcap", encodePcap(records, { resolution: "us" }));
    const nsPath = join(dir, "from-editcap-ns.pcap");
    execFileSync("editcap", ["-F", "nsecpcap", source, nsPath], { stdio: "ignore" });
    expect(readFileSync(nsPath).readUInt32LE(0)).toBe(0xa1b23c4d);
    expect(decodeCapture(readFileSync(nsPath)).records).toEqual(records);
    const usPath = join(dir, "from-editcap-us.pcap");
    execFileSync("editcap", ["-F", "pcap", nsPath, usPath], { stdio: "ignore" });
    expect(decodeCapture(readFileSync(usPath)).records).toEqual(records);
  });
});
