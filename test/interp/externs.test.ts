import { describe, it, expect } from "vitest";
import * as ir from "../../compiler/ir.js";
import { interp, probe, probed } from "./harness.js";
import * as b from "./ir-build.js";

/** A packet of `length` bytes on port `port` at time `t` ns (an Ethernet header and zeros). */
const packetOf = (length: number, port = 0, t?: bigint) => ({ port, data: new Uint8Array(length).fill(0xee, 0, 14), ...(t !== undefined ? { timestampNs: t } : {}) });

describe("counters", () => {
  it("count(i) adds one packet and std.packet_length bytes at index i; an index out of range is ignored", () => {
    const dp = interp(b.program({ counters: [["per_port", 4]], ingress: [b.count("per_port", b.std("ingress_port"))] }));
    dp.process([packetOf(60, 1), packetOf(100, 1), packetOf(64, 3), packetOf(1500, 4), packetOf(9, 65535)]);
    expect([0, 1, 2, 3].map((i) => dp.counters.per_port!.read(i))).toEqual([
      { packets: 0n, bytes: 0n },
      { packets: 2n, bytes: 160n },
      { packets: 0n, bytes: 0n },
      { packets: 1n, bytes: 64n },
    ]);
  });
});

describe("registers", () => {
  const r = (i: ir.Expr) => b.regRead("cells", i, 16);
  const p = probe([r(b.c(0, 8)), r(b.c(200, 8))]);
  const program = b.program({
    registers: [["cells", 4, 16]],
    digests: [p.digest],
    ingress: [
      b.regWrite("cells", b.c(0, 8), b.bin("+", r(b.c(0, 8)), b.c(1, 16))),
      b.regWrite("cells", b.c(200, 8), b.c(5, 16)),
      p.send,
    ],
  });

  it("persist across packets; an out-of-range write is ignored and an out-of-range read gives 0", () => {
    const dp = interp(program);
    const results = dp.process([packetOf(14), packetOf(14), packetOf(14)]);
    expect(results.map(probed)).toEqual([[1n, 0n], [2n, 0n], [3n, 0n]]);
    expect(dp.registers.cells!.read(0)).toBe(3n);
  });

  it("the control plane reads and writes cells; the data plane sees the writes; additions wrap at the width", () => {
    const dp = interp(program);
    dp.registers.cells!.write(0, 0xffff);
    expect(probed(dp.process([packetOf(14)])[0]!)).toEqual([0n, 0n]);
    dp.registers.cells!.write(3, 77n);
    expect(dp.registers.cells!.read(3)).toBe(77n);
  });
});

describe("meters (RFC 2698 two-rate three-colour, colour-blind)", () => {
  const GREEN = 0n;
  const YELLOW = 1n;
  const RED = 2n;
  const p = probe([b.local(0, ir.bit(2))]);
  const program = b.program({
    meters: [["m", 2]],
    locals: [[0, ir.bit(2)]],
    digests: [p.digest],
    ingress: [b.meterExec("m", b.cast(b.std("ingress_port"), ir.bit(8)), 0), p.send],
  });
  const colours = (dp: ReturnType<typeof interp>, packets: ReturnType<typeof packetOf>[]) => dp.process(packets).map((r) => probed(r)[0]);
  const S = 1_000_000_000n;

  it("the scenario worked by hand: CIR 1000 B/s, CBS 1500 B, PIR 2000 B/s, PBS 3000 B, 1000-byte packets", () => {
    const dp = interp(program);
    dp.meters.m!.configure(0, { cir: 1000, cburst: 1500, pir: 2000, pburst: 3000 });
    // t=0: Tc 1500, Tp 3000 → green (Tc 500, Tp 2000) → yellow (Tp 1000) → yellow (Tp 0) → red.
    // t=0.25 s: Tc 750, Tp 500 → red.  t=0.5 s: Tc 1000, Tp 1000 → green (0, 0).
    // t=0.75 s: Tc 250, Tp 500 → red.  t=10 s: both full again (capped) → green.
    expect(
      colours(dp, [
        packetOf(1000, 0, 0n),
        packetOf(1000, 0, 0n),
        packetOf(1000, 0, 0n),
        packetOf(1000, 0, 0n),
        packetOf(1000, 0, S / 4n),
        packetOf(1000, 0, S / 2n),
        packetOf(1000, 0, (3n * S) / 4n),
        packetOf(1000, 0, 10n * S),
      ]),
    ).toEqual([GREEN, YELLOW, YELLOW, RED, RED, GREEN, RED, GREEN]);
  });

  it("tokens accumulate exactly, with no rounding between packets (1 B/s, 1-byte bursts)", () => {
    const dp = interp(program);
    dp.meters.m!.configure(0, { cir: 1, cburst: 1, pir: 1, pburst: 1 });
    // After the green at t=0 both buckets are empty; one byte's worth of tokens takes exactly 1e9 ns to come back,
    // and the red packet at 999,999,999 ns (which takes nothing) must not lose the 999,999,999 nanobytes earned.
    expect(colours(dp, [packetOf(1, 0, 0n), packetOf(1, 0, S - 1n), packetOf(1, 0, S), packetOf(1, 0, S)])).toEqual([GREEN, RED, GREEN, RED]);
  });

  it("a packet larger than PBS is always red, and takes no tokens", () => {
    const dp = interp(program);
    dp.meters.m!.configure(0, { cir: 1000, cburst: 500, pir: 1000, pburst: 600 });
    expect(colours(dp, [packetOf(700, 0, 0n), packetOf(500, 0, 0n), packetOf(100, 0, 0n)])).toEqual([RED, GREEN, YELLOW]);
  });

  it("a timestamp earlier than the last one refills nothing", () => {
    const dp = interp(program);
    dp.meters.m!.configure(0, { cir: 1000, cburst: 1000, pir: 1000, pburst: 1000 });
    expect(colours(dp, [packetOf(1000, 0, 5n * S), packetOf(1000, 0, S), packetOf(1000, 0, 5n * S)])).toEqual([GREEN, RED, RED]);
  });

  it("an unconfigured meter, or an index out of range, returns green; configuring refills the buckets", () => {
    const dp = interp(program);
    expect(colours(dp, [packetOf(9000, 1), packetOf(9000, 7)])).toEqual([GREEN, GREEN]);
    dp.meters.m!.configure(1, { cir: 0, cburst: 100, pir: 0, pburst: 100 });
    expect(colours(dp, [packetOf(100, 1), packetOf(100, 1)])).toEqual([GREEN, RED]);
    dp.meters.m!.configure(1, { cir: 0, cburst: 100, pir: 0, pburst: 100 });
    expect(colours(dp, [packetOf(100, 1)])).toEqual([GREEN]);
  });
});
