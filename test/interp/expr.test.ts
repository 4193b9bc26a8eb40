import { describe, it, expect } from "vitest";
import * as ir from "../../compiler/ir.js";
import { interp, outs, probe, probed, send } from "./harness.js";
import * as b from "./ir-build.js";

const ETH = "ffffffffffff020000000001";
const MAX128 = (1n << 128n) - 1n;

/** The values of expressions evaluated in ingress, after `setup`, on an Ethernet-only packet. */
function evaluate(exprs: ir.Expr[], setup: ir.Stmt[] = [], parts: b.ProgramParts = {}): bigint[] {
  const p = probe(exprs);
  const dp = interp(b.program({ ...parts, digests: [p.digest], ingress: [...setup, p.send] }));
  return probed(send(dp, `${ETH} 0800`));
}

describe("arithmetic wraps modulo 2^N", () => {
  it.each([
    ["+", 200, 100, 8, 44n],
    ["-", 5, 10, 8, 251n],
    ["*", 16, 17, 8, 16n],
    ["&", 0xf0, 0x3c, 8, 0x30n],
    ["|", 0xf0, 0x0c, 8, 0xfcn],
    ["^", 0xff, 0x0f, 8, 0xf0n],
    ["-", 0, 1, 16, 0xffffn],
    ["+", 0xffff_ffff, 1, 32, 0n],
  ] as const)("%s on bit<%s>: %s, %s", (op, l, r, w, expected) => {
    expect(evaluate([b.bin(op, b.c(l, w), b.c(r, w))])).toEqual([expected]);
  });

  it("128-bit values", () => {
    expect(
      evaluate([
        b.bin("+", b.c(MAX128, 128), b.c(1, 128)),
        b.bin("*", b.c(1n << 127n, 128), b.c(2, 128)),
        b.bin("-", b.c(0, 128), b.c(1, 128)),
        b.inv(b.c(0, 128)),
        b.bin("*", b.c(0xffff_ffff_ffff_ffffn, 128), b.c(0xffff_ffff_ffff_ffffn, 128)),
      ]),
    ).toEqual([0n, 0n, MAX128, MAX128, 0xffff_ffff_ffff_fffe_0000_0000_0000_0001n]);
  });

  it("~ complements within the width", () => {
    expect(evaluate([b.inv(b.c(0x0f, 8)), b.inv(b.c(0, 1)), b.inv(b.c(0x1234, 16))])).toEqual([0xf0n, 1n, 0xedcbn]);
  });
});

describe("shifts", () => {
  it("shift within the width, and by ≥ N gives 0, whatever the amount's width", () => {
    expect(
      evaluate([
        b.bin("<<", b.c(1, 8), b.c(7, 8)),
        b.bin("<<", b.c(1, 8), b.c(8, 8)),
        b.bin("<<", b.c(0xff, 8), b.c(4, 3)),
        b.bin(">>", b.c(0x80, 8), b.c(7, 8)),
        b.bin(">>", b.c(0x80, 8), b.c(8, 8)),
        b.bin("<<", b.c(1, 8), b.c(1n << 40n, 64)),
        b.bin(">>", b.c(MAX128, 128), b.c(127, 8)),
        b.bin("<<", b.c(1, 128), b.c(127, 8)),
        b.bin("<<", b.c(1, 128), b.c(128, 8)),
      ]),
    ).toEqual([0x80n, 0n, 0xf0n, 1n, 0n, 0n, 1n, 1n << 127n, 0n]);
  });
});

describe("comparisons are unsigned; logic short-circuits", () => {
  it("compares", () => {
    expect(
      evaluate([
        b.bin(">", b.c(0x80, 8), b.c(0x7f, 8)),
        b.bin("<", b.c(0x80, 8), b.c(0x7f, 8)),
        b.bin("<=", b.c(3, 8), b.c(3, 8)),
        b.bin(">=", b.c(2, 8), b.c(3, 8)),
        b.bin("==", b.c(MAX128, 128), b.c(MAX128, 128)),
        b.bin("!=", b.T, b.F),
        b.bin("==", b.std("parser_error"), { kind: "Const", type: ir.ERROR, value: 0n, span: b.SPAN }),
      ]),
    ).toEqual([1n, 0n, 1n, 0n, 1n, 1n, 1n]);
  });

  it("&&, ||, ! and ?:", () => {
    expect(
      evaluate([
        b.bin("&&", b.T, b.F),
        b.bin("||", b.F, b.T),
        b.not(b.F),
        b.cond(b.F, b.c(1, 8), b.c(2, 8)),
        b.cond(b.T, b.c(1, 8), b.c(2, 8)),
      ]),
    ).toEqual([0n, 1n, 1n, 2n, 1n]);
  });

  it("the right operand of && is not needed when the left is false (a register read out of range would also be 0)", () => {
    expect(evaluate([b.bin("&&", b.F, b.bin("==", b.regRead("r", b.c(99, 8), 8), b.c(0, 8)))], [], { registers: [["r", 1, 8]] })).toEqual([0n]);
  });
});

describe("concatenation, slices and casts", () => {
  it("concatenates with the left operand in the high bits", () => {
    expect(evaluate([b.concat(b.c(0xab, 8), b.c(0xcd, 8)), b.concat(b.c(0xa, 4), b.c(0x123, 12)), b.concat(b.c(1, 1), b.c(0, 127))])).toEqual([
      0xabcdn,
      0xa123n,
      1n << 127n,
    ]);
  });

  it("slices bits hi..lo", () => {
    expect(evaluate([b.slice(b.c(0xabcd, 16), 11, 4), b.slice(b.c(0xabcd, 16), 15, 15), b.slice(b.c(MAX128, 128), 127, 64)])).toEqual([
      0xbcn,
      1n,
      0xffff_ffff_ffff_ffffn,
    ]);
  });

  it("casts truncate to the low bits or zero-extend; bool as bit<1> is 0/1", () => {
    expect(
      evaluate([b.cast(b.c(0x1234, 16), ir.bit(8)), b.cast(b.c(0x12, 8), ir.bit(16)), b.cast(b.T, ir.bit(1)), b.cast(b.F, ir.bit(1)), b.cast(b.c(MAX128, 128), ir.bit(1))]),
    ).toEqual([0x34n, 0x12n, 1n, 0n, 1n]);
  });
});

describe("locations", () => {
  it("std metadata", () => {
    const p = probe([b.std("ingress_port"), b.std("packet_length"), b.std("timestamp")]);
    const dp = interp(b.program({ digests: [p.digest], ingress: [p.send] }));
    expect(probed(send(dp, `${ETH} 0800 00`, 7, 123456789n))).toEqual([7n, 15n, 123456789n]);
    expect(probed(send(dp, "", 65535))).toEqual([65535n, 0n, 0n]);
  });

  it("metadata starts at zero for every packet", () => {
    const n = b.meta("n", ir.bit(8));
    const p = probe([n]);
    const dp = interp(b.program({ metadata: [["n", ir.bit(8)]], digests: [p.digest], ingress: [b.setMeta("n", b.bin("+", n, b.c(1, 8))), p.send] }));
    expect(probed(send(dp, ETH))).toEqual([1n]);
    expect(probed(send(dp, ETH))).toEqual([1n]);
  });

  it("a slice assignment writes only its bits", () => {
    const x = b.meta("x", ir.bit(16));
    expect(
      evaluate([x], [b.setMeta("x", b.c(0x1234, 16)), b.assign({ kind: "meta", field: "x" }, b.c(0xa, 4), { hi: 7, lo: 4 })], { metadata: [["x", ir.bit(16)]] }),
    ).toEqual([0x12a4n]);
  });

  it("reading a field of an invalid header gives 0; writing it does nothing", () => {
    const ttl = b.fld("ip", "ttl", 8);
    const parts: b.ProgramParts = { headers: [["eth", "ethernet"], ["ip", "ipv4"]] };
    expect(evaluate([ttl, b.isValid("ip")], [b.setField("ip", "ttl", b.c(64, 8))], parts)).toEqual([0n, 0n]);
    // setValid afterwards shows the write was dropped: the fields of a newly valid header are 0.
    expect(evaluate([ttl, b.isValid("ip")], [b.setField("ip", "ttl", b.c(64, 8)), b.setValid("ip", true)], parts)).toEqual([0n, 1n]);
    expect(evaluate([ttl], [b.setValid("ip", true), b.setField("ip", "ttl", b.c(64, 8))], parts)).toEqual([64n]);
  });

  it("setValid on a valid header keeps its fields; setInvalid then setValid gives zeros", () => {
    const dst = b.fld("eth", "dst", 48);
    expect(evaluate([dst], [b.setValid("eth", true)])).toEqual([0xffffffffffffn]);
    expect(evaluate([dst, b.isValid("eth")], [b.setValid("eth", false)])).toEqual([0n, 0n]);
    expect(evaluate([dst, b.isValid("eth")], [b.setValid("eth", false), b.setValid("eth", true)])).toEqual([0n, 1n]);
  });

  it("a stack element out of range reads 0 and ignores writes", () => {
    const parts: b.ProgramParts = { headers: [["eth", "ethernet"], ["v", "vlan_tag", 2]] };
    expect(evaluate([b.fld("v", "vid", 12, 5), b.isValid("v", 5)], [b.setValid("v", true, 5), b.setField("v", "vid", b.c(1, 12), 5)], parts)).toEqual([0n, 0n]);
  });

  it("locals and action parameters", () => {
    const p = probe([b.local(0, ir.bit(8)), b.meta("m", ir.bit(8))]);
    const dp = interp(
      b.program({
        metadata: [["m", ir.bit(8)]],
        locals: [[0, ir.bit(8)]],
        actions: [
          b.action("outer", [["a", 8], ["b", 8]], [b.call("inner", [b.param(1, ir.bit(8))]), b.setLocal(0, b.param(0, ir.bit(8)))]),
          b.action("inner", [["v", 8]], [b.setMeta("m", b.param(0, ir.bit(8)))]),
        ],
        digests: [p.digest],
        ingress: [b.call("outer", [b.c(3, 8), b.c(4, 8)]), p.send],
      }),
    );
    // outer's own parameters are back after the nested call (to an action declared after it).
    expect(probed(send(dp, ETH))).toEqual([3n, 4n]);
  });

  it("digests carry their field values by name, one message per send, in order", () => {
    const digest: ir.Digest = { name: "learn", fields: [{ name: "mac", width: 48 }, { name: "port", width: 16 }], span: b.SPAN };
    const dp = interp(
      b.program({
        digests: [digest],
        ingress: [b.digestSend("learn", [b.fld("eth", "src", 48), b.std("ingress_port")]), b.digestSend("learn", [b.c(1, 48), b.c(2, 16)])],
      }),
    );
    const r = send(dp, `${ETH} 0800`, 9);
    expect(r.digests).toEqual([
      { digest: "learn", fields: { mac: 0x020000000001n, port: 9n } },
      { digest: "learn", fields: { mac: 1n, port: 2n } },
    ]);
    expect(outs(r)).toEqual([]);
  });
});
