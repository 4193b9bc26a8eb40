import { describe, it, expect } from "vitest";
import * as ir from "../../compiler/ir.js";
import { checksum16, crc16Arc, crc32, csum16Update, hash, xor16 } from "../../compiler/hash.js";
import { interp, outs, probe, probed, send } from "./harness.js";
import * as b from "./ir-build.js";

const ASCII_123456789 = new TextEncoder().encode("123456789");
const ascii = BigInt("0x" + Buffer.from("123456789").toString("hex")); // 72 bits

describe("published check values", () => {
  it("CRC-32 (zlib, IEEE 802.3) of '123456789' is 0xCBF43926", () => {
    expect(crc32(ASCII_123456789)).toBe(0xcbf43926);
    expect(hash("crc32", ascii, 72)).toBe(0xcbf43926n);
  });

  it("CRC-16/ARC of '123456789' is 0xBB3D", () => {
    expect(crc16Arc(ASCII_123456789)).toBe(0xbb3d);
    expect(hash("crc16", ascii, 72)).toBe(0xbb3dn);
  });

  it("CRC of the empty string", () => {
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc16Arc(new Uint8Array())).toBe(0);
  });
});

describe("hash inputs are zero-padded at the end to whole bytes", () => {
  it("crc32 of 4 bits 0x3 is crc32 of byte 0x30 ('0'); of 0x3 ++ 0x1 is crc32('1') (values from zlib)", () => {
    expect(hash("crc32", 0x3n, 4)).toBe(0xf4dbdf21n);
    expect(hash("crc32", 0x31n, 8)).toBe(0x83dcefb7n);
  });

  it("crc16 of 12 bits 0xabc is CRC-16/ARC of bytes ab c0", () => {
    expect(hash("crc16", 0xabcn, 12)).toBe(0x607fn);
  });
});

describe("xor16 and identity", () => {
  it("xor16 XORs 16-bit words; an odd last byte is the high byte of a word", () => {
    // 3132 ^ 3334 ^ 3536 ^ 3738 ^ 3900, worked by hand: 0206, 3730, 0008, 3908.
    expect(xor16(ASCII_123456789)).toBe(0x3908);
    expect(hash("xor16", ascii, 72)).toBe(0x3908n);
    expect(hash("xor16", 0xabn, 8)).toBe(0xab00n);
  });

  it("identity is the low 32 bits of the concatenation, before byte padding", () => {
    expect(hash("identity", 0xan, 4)).toBe(0xan);
    expect(hash("identity", 0x12_3456_789an, 40)).toBe(0x3456789an);
  });
});

describe("RFC 1071 checksum", () => {
  it("the numerical example of RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2, checksum 220d", () => {
    expect(checksum16(0x0001f203f4f5f6f7n, 64)).toBe(0x220dn);
  });

  it("an IPv4 header with its checksum field zeroed gives the checksum it carries (0xb861)", () => {
    expect(checksum16(0x4500_0073_0000_4000_4011_0000_c0a8_0001_c0a8_00c7n, 160)).toBe(0xb861n);
    // and over the header with the checksum in place, 0
    expect(checksum16(0x4500_0073_0000_4000_4011_b861_c0a8_0001_c0a8_00c7n, 160)).toBe(0n);
  });
});

describe("RFC 1624 incremental update, eqn. 3", () => {
  it("the example of RFC 1624 section 4: HC 0xDD2F, m 0x5555 → m' 0x3285 gives 0x0000 (eqn. 2 would give 0xFFFF)", () => {
    expect(csum16Update(0xdd2fn, 0x5555n, 16, 0x3285n, 16)).toBe(0x0000n);
  });

  it("a TTL decrement (word 0x4011 → 0x3f11) turns 0xb861 into 0xb961, the full recomputation's result", () => {
    expect(csum16Update(0xb861n, 0x4011n, 16, 0x3f11n, 16)).toBe(0xb961n);
  });

  it("a 32-bit change (an address) counts both of its words", () => {
    // Source address c0a80001 → 0a000001; the header's checksum recomputed in full (by a Python script) is 0x6f0a.
    expect(csum16Update(0xb861n, 0xc0a80001n, 32, 0x0a000001n, 32)).toBe(0x6f0an);
  });
});

describe("in a program", () => {
  it("recomputes an IPv4 header checksum as the language reference shows (checksum = 0; checksum = checksum16({ip}))", () => {
    const ipFields = b.IPV4.fields.map((f) => b.fld("ip", f.name, f.width));
    const dp = interp(
      b.program({
        headers: [["eth", "ethernet"], ["ip", "ipv4"]],
        states: [b.state("start", [b.extract("eth"), b.extract("ip")], b.goto("accept"))],
        ingress: [
          b.setField("ip", "ttl", b.bin("-", b.fld("ip", "ttl", 8), b.c(1, 8))),
          b.setField("ip", "checksum", b.c(0, 16)),
          b.setField("ip", "checksum", b.checksum(ipFields)),
          b.forward(1),
        ],
      }),
    );
    const r = send(dp, "ffffffffffff020000000001 0800 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7");
    expect(outs(r)).toEqual([[1, "ffffffffffff020000000001080045000073000040003f11b961c0a80001c0a800c7"]]);
  });

  it("hash and csum16_update expressions", () => {
    const p = probe([
      b.hashOf("crc32", [b.c(0x31323334, 32), b.c(0x35363738, 32), b.c(0x39, 8)]),
      b.hashOf("crc16", [b.c(ascii, 72)]),
      b.hashOf("identity", [b.c(0xab, 8), b.c(0xcd, 8)]),
      b.csumUpdate(b.c(0xdd2f, 16), b.c(0x5555, 16), b.c(0x3285, 16)),
    ]);
    const dp = interp(b.program({ digests: [p.digest], ingress: [p.send] }));
    expect(probed(send(dp, "ffffffffffff0200000000010800"))).toEqual([0xcbf43926n, 0xbb3dn, 0xabcdn, 0n]);
    expect(p.digest.fields.map((f) => f.width)).toEqual([32, 32, 32, 16]);
    expect(ir.widthOf(b.hashOf("crc16", []).type)).toBe(32);
  });
});
