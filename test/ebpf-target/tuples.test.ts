// The ebpf target's tuple-space search for priority tables (docs/ebpf.md,
// "Priority tables"), in the emulator and, where it can be used, the kernel:
// ties broken by insertion across tuples, entries sharing a tuple and masked
// key (a chain) ordered and restored on removal, range bounds, optional keys,
// the tuple and chain limits, and a random update sequence against the
// interpreter. Expected ports are worked out by hand from language.md §8.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type * as ir from "../../compiler/ir.js";
import { makeRng, type Rng } from "../../runtime/craft.js";
import { ControlPlaneError, type Dataplane, type EntrySpec, type KeyInputs } from "../../runtime/dataplane.js";
import { compileEbpf, createEbpfDataplane } from "../../targets/ebpf/index.js";
import { MAX_TUPLES, TSS_CHAIN } from "../../targets/ebpf/codegen/layout.js";
import { createInterpreter } from "../../targets/interp/index.js";
import { KERNEL_UNAVAILABLE, kernelAvailable } from "./harness.js";

const SOURCE = `
header h_t { a: bit<8>; b: bit<16>; c: bit<8>; d: bit<32>; }
headers { h: h_t; }
parser { state start { extract(h); transition accept; } }
action to(port: bit<16>) { forward(port); }
action nothing() { drop(); }
table t {
  key { h.a: ternary; h.b: range; h.c: optional; h.d: ternary; }
  actions { to; nothing; }
  default_action = nothing();
  size = 512;
}
control ingress { t.apply(); }
deparser { emit(h); }
`;

function program(): ir.Program {
  const { program: p, diagnostics } = compile(SOURCE, { file: "tuples.pnet" });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return p!;
}

/** A packet with these header values (and 8 bytes of payload: the kernel's test runs want 14 or more). */
function packet(a: number, b: number, c: number, d: number): { port: number; data: Uint8Array } {
  const data = new Uint8Array(16);
  const v = new DataView(data.buffer);
  v.setUint8(0, a);
  v.setUint16(1, b);
  v.setUint8(3, c);
  v.setUint32(4, d);
  return { port: 9, data };
}

/** The port the packet is forwarded to, or "drop". */
function portOf(dp: Dataplane, a: number, b: number, c: number, d: number): number | "drop" {
  const r = dp.process([packet(a, b, c, d)])[0]!;
  return r.verdict === "forward" ? r.outputs[0]!.port : r.verdict === "drop" ? "drop" : (() => { throw new Error(`unexpected verdict ${r.verdict}`); })();
}

const key = (k: Partial<Record<"a" | "b" | "c" | "d", KeyInputs[string]>>): KeyInputs => ({
  "h.a": k.a ?? "*", "h.b": k.b ?? "*", "h.c": k.c ?? "*", "h.d": k.d ?? "*",
});
const entry = (priority: number, port: number, k: Parameters<typeof key>[0]): EntrySpec => ({ key: key(k), priority, action: "to", args: { port } });

describe("const entries beyond the tuple-space limits", () => {
  it(`are refused at compile time (E0851) when they need more than ${MAX_TUPLES} masks or ${TSS_CHAIN} records of one chain`, () => {
    const withEntries = (lines: string[]): ir.Program => {
      const source = SOURCE.replace("size = 512;", `size = 512;\n  entries {\n${lines.join("\n")}\n  }`);
      const { program: p, diagnostics } = compile(source, { file: "tuples.pnet" });
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      return p!;
    };
    const masks = (n: number) => Array.from({ length: n }, (_, i) => `    (_, _, _, 0 &&& ${i + 1}): to(1);`);
    const ranges = (n: number) => Array.from({ length: n }, (_, i) => `    (7, ${10 * i}..${10 * i + 5}, _, _): to(1);`);
    expect(compileEbpf(withEntries(masks(MAX_TUPLES))).diagnostics).toEqual([]);
    expect(compileEbpf(withEntries(ranges(TSS_CHAIN))).diagnostics).toEqual([]);
    const tooMany = compileEbpf(withEntries(masks(MAX_TUPLES + 1))).diagnostics;
    expect(tooMany.map((d) => [d.code, d.message])).toEqual([["E0851", `ebpf target: table t's const entries have more than ${MAX_TUPLES} distinct masks, the most its tuple-space search holds`]]);
    const tooLong = compileEbpf(withEntries(ranges(TSS_CHAIN + 1))).diagnostics;
    expect(tooLong.map((d) => [d.code, d.message])).toEqual([["E0851", `ebpf target: table t's const entries have more than ${TSS_CHAIN} entries that differ only in their ranges, the most its tuple-space search holds`]]);
  });
});

describe("the map budget", () => {
  it("counts two maps per priority table: 30 fit in the kernel's 64 with the 4 fixed ones, 31 are refused (E0851)", () => {
    const many = (n: number): ir.Program => {
      const tables = Array.from({ length: n }, (_, i) => `table t${i} { key { h.a: ternary; h.b: range; } actions { to; nothing; } default_action = nothing(); size = 64; }`);
      const source = `header h_t { a: bit<8>; b: bit<16>; }
        headers { h: h_t; }
        parser { state start { extract(h); transition accept; } }
        action to(port: bit<16>) { forward(port); }
        action nothing() { drop(); }
        ${tables.join("\n")}
        control ingress { ${tables.map((_, i) => `t${i}.apply();`).join(" ")} }
        deparser { emit(h); }`;
      const { program: p, diagnostics } = compile(source, { file: "many.pnet" });
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      return p!;
    };
    expect(compileEbpf(many(30)).diagnostics).toEqual([]);
    const refused = compileEbpf(many(31)).diagnostics;
    expect(refused.map((d) => d.code)).toEqual(["E0851"]);
    expect(refused[0]!.message).toMatch(/^ebpf target: the program needs 66 maps \(one per exact or lpm table, two per table with ternary, range or optional keys/);
  });
});

const MODES = [
  ["emulator", true, ""],
  ["kernel", kernelAvailable, kernelAvailable ? "" : ` (skipped: ${KERNEL_UNAVAILABLE})`],
] as const;

describe.each(MODES)("tuple-space search in the %s", (mode, available, skipped) => {
  const make = (): Promise<Dataplane> => createEbpfDataplane(program(), { mode });

  it.skipIf(!available)(`equal priorities in different tuples: the earlier insertion wins${skipped}`, async () => {
    const dp = await make();
    try {
      const t = dp.tables.t!;
      t.add(entry(5, 1, { a: "0x10&&&0xf0" }));
      t.add(entry(5, 2, { a: "0x12&&&0xff" }));
      t.add(entry(5, 3, { d: "0x0a000000&&&0xff000000" }));
      expect(portOf(dp, 0x12, 0, 0, 0x0a000001)).toBe(1); // all three match: the first added
      expect(portOf(dp, 0x22, 0, 0, 0x0a000001)).toBe(3);
      t.remove(key({ a: "0x10&&&0xf0" }), 5);
      expect(portOf(dp, 0x12, 0, 0, 0x0a000001)).toBe(2);
      t.add(entry(5, 1, { a: "0x10&&&0xf0" })); // back, but now the latest
      expect(portOf(dp, 0x12, 0, 0, 0x0a000001)).toBe(2);
      expect(portOf(dp, 0x13, 0, 0, 0x0a000001)).toBe(3);
      expect(portOf(dp, 0x13, 0, 0, 0x0b000001)).toBe(1);
      t.add(entry(6, 4, { d: "0x0a000001" })); // a higher priority in the last tuple
      expect(portOf(dp, 0x12, 0, 0, 0x0a000001)).toBe(4);
      expect(portOf(dp, 0x12, 0, 0, 0x0a000002)).toBe(2);
    } finally {
      await dp.close();
    }
  });

  it.skipIf(!available)(`entries that differ only in their ranges share a hash key: ordered by rank, the next one restored on removal${skipped}`, async () => {
    const dp = await make();
    try {
      const t = dp.tables.t!;
      t.add(entry(9, 1, { a: "0x01", b: "100..200" }));
      t.add(entry(7, 2, { a: "0x01", b: "0..1000" }));
      t.add(entry(8, 3, { a: "0x01", b: "300..400" }));
      const at = (b: number) => portOf(dp, 0x01, b, 0, 0);
      expect([at(99), at(100), at(150), at(200), at(201), at(350), at(500), at(1000), at(1001)]).toEqual([2, 1, 1, 1, 2, 3, 2, 2, "drop"]);
      t.remove(key({ a: "0x01", b: "100..200" }), 9);
      expect([at(150), at(350)]).toEqual([2, 3]);
      t.modify({ key: key({ a: "0x01", b: "300..400" }), priority: 8, action: "to", args: { port: 4 } });
      expect([at(150), at(350)]).toEqual([2, 4]);
      t.remove(key({ a: "0x01", b: "0..1000" }), 7);
      expect([at(150), at(350), at(400), at(401)]).toEqual(["drop", 4, 4, "drop"]);
      expect(portOf(dp, 0x02, 350, 0, 0)).toBe("drop");
    } finally {
      await dp.close();
    }
  });

  it.skipIf(!available)(`optional keys and one-value ranges match exactly; a wildcard matches anything${skipped}`, async () => {
    const dp = await make();
    try {
      const t = dp.tables.t!;
      t.add(entry(1, 1, {}));
      t.add(entry(2, 2, { c: "5" }));
      t.add(entry(3, 3, { b: "80..80", c: "5" }));
      t.add(entry(3, 4, { b: "81..81" }));
      expect([portOf(dp, 0, 80, 5, 0), portOf(dp, 0, 80, 6, 0), portOf(dp, 0, 79, 5, 0), portOf(dp, 0, 81, 5, 0), portOf(dp, 0, 82, 0, 0)]).toEqual([3, 1, 2, 4, 1]);
    } finally {
      await dp.close();
    }
  });

  it.skipIf(!available)(`keys wider than a word (bit<128>, bit<48>) pack across words${skipped}`, async () => {
    const { program: wide, diagnostics } = compile(`
      header w_t { a: bit<128>; m: bit<48>; p: bit<16>; }
      headers { w: w_t; }
      parser { state start { extract(w); transition accept; } }
      action to(port: bit<16>) { forward(port); }
      action nothing() { drop(); }
      table wide { key { w.a: ternary; w.m: ternary; w.p: range; } actions { to; nothing; } default_action = nothing(); size = 64; }
      control ingress { wide.apply(); }
      deparser { emit(w); }`, { file: "wide.pnet" });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const dp = await createEbpfDataplane(wide!, { mode });
    try {
      const HIGH = (1n << 128n) - (1n << 64n);
      const LOW = (1n << 64n) - 1n;
      const MAC = (1n << 48n) - 1n;
      const ternary = (value: bigint, mask: bigint) => ({ kind: "ternary" as const, value, mask });
      const t = dp.tables.wide!;
      t.add({ key: { "w.a": ternary(0x2001_0db8n << 96n, HIGH), "w.m": "*", "w.p": "*" }, priority: 3, action: "to", args: { port: 1 } });
      t.add({ key: { "w.a": ternary(0x1234n, LOW), "w.m": ternary(0x0200_0000_0001n, MAC), "w.p": "1000..2000" }, priority: 5, action: "to", args: { port: 2 } });
      t.add({ key: { "w.a": "*", "w.m": ternary(0x0200_0000_0000n, 0xffff_ff00_0000n), "w.p": "80..80" }, priority: 4, action: "to", args: { port: 3 } });
      const send = (a: bigint, m: bigint, p: number): number | "drop" => {
        const data = new Uint8Array(24);
        for (let i = 0; i < 16; i++) data[i] = Number((a >> BigInt(8 * (15 - i))) & 0xffn);
        for (let i = 0; i < 6; i++) data[16 + i] = Number((m >> BigInt(8 * (5 - i))) & 0xffn);
        new DataView(data.buffer).setUint16(22, p);
        const r = dp.process([{ port: 9, data }])[0]!;
        return r.verdict === "forward" ? r.outputs[0]!.port : "drop";
      };
      const a = (0x2001_0db8n << 96n) | 0x1234n;
      const other = (0x2001_0db9n << 96n) | 0x1234n;
      expect([
        send(a, 0x0200_0000_0001n, 1500), // all but the third: priority 5
        send(a, 0x0200_0000_0001n, 80), // the first and the third: priority 4
        send(a, 0x0200_0000_0002n, 1500), // the first only
        send(other, 0x0200_0000_0001n, 1500), // the second only
        send(0x2001_0db9n << 96n, 0x0300_0000_0000n, 5), // none
      ]).toEqual([2, 3, 1, 2, "drop"]);
    } finally {
      await dp.close();
    }
  });

  /** The ControlPlaneError `call` throws. */
  const refusal = (call: () => void): ControlPlaneError => {
    try {
      call();
    } catch (e) {
      if (e instanceof ControlPlaneError) return e;
      throw e;
    }
    throw new Error("no error");
  };

  it.skipIf(!available)(`refuses a ${MAX_TUPLES + 1}th mask (table-full), leaving the table as it was${skipped}`, async () => {
    const dp = await make();
    try {
      const t = dp.tables.t!;
      const masked = (priority: number, port: number, value: bigint, mask: bigint) => entry(priority, port, { d: { kind: "ternary", value, mask } });
      for (let m = 1; m <= MAX_TUPLES; m++) t.add(masked(1, 1, 0n, BigInt(m))); // masks 1…64 on d: 64 tuples
      const extra = masked(1, 2, 0n, BigInt(MAX_TUPLES + 1));
      const e = refusal(() => t.add(extra));
      expect(e.code).toBe("table-full");
      expect(e.message).toMatch(new RegExp(`^table t: the ebpf target searches at most ${MAX_TUPLES} distinct masks \\(tuples\\) a table`));
      expect(t.entries().length).toBe(MAX_TUPLES);
      expect(portOf(dp, 0, 0, 0, 0x100)).toBe(1); // d & m = 0 for every mask up to 64
      t.add(masked(2, 3, 1n, 1n)); // an existing mask: accepted
      expect(portOf(dp, 0, 0, 0, 1)).toBe(3);
      t.remove(key({ d: { kind: "ternary", value: 0n, mask: 2n } }), 1); // frees mask 2's tuple
      t.add(extra);
      expect(t.entries().length).toBe(MAX_TUPLES + 1);
      expect(portOf(dp, 0, 0, 0, 0x100)).toBe(1);
    } finally {
      await dp.close();
    }
  });

  it.skipIf(!available)(`refuses a ${TSS_CHAIN + 1}th entry differing only in its range (table-full), leaving the table as it was${skipped}`, async () => {
    const dp = await make();
    try {
      const t = dp.tables.t!;
      const ranged = (a: string, i: number) => entry(i, 10 + i, { a, b: `${10 * i}..${10 * i + 5}`, d: "0x99" });
      for (let i = 0; i < TSS_CHAIN; i++) t.add(ranged("0x07", i));
      const e = refusal(() => t.add(ranged("0x07", TSS_CHAIN)));
      expect(e.code).toBe("table-full");
      expect(e.message).toMatch(new RegExp(`^table t: the ebpf target holds at most ${TSS_CHAIN} entries that differ only in their ranges`));
      expect(t.entries().length).toBe(TSS_CHAIN);
      t.add(ranged("0x08", TSS_CHAIN)); // another masked key: another chain
      t.add(entry(1, 5, { a: "0x07", b: "300..300", d: "0x99" })); // a one-value range: another tuple
      expect([portOf(dp, 0x07, 3, 0, 0x99), portOf(dp, 0x07, 75, 0, 0x99), portOf(dp, 0x07, 76, 0, 0x99), portOf(dp, 0x08, 80, 0, 0x99), portOf(dp, 0x07, 300, 0, 0x99)]).toEqual([10, 17, "drop", 10 + TSS_CHAIN, 5]);
    } finally {
      await dp.close();
    }
  });

  it.skipIf(!available)(`a random update sequence with shared masks, ties and chains gives the interpreter's results${skipped}`, async () => {
    const p = program();
    const interp = createInterpreter(p);
    const ebpf = await createEbpfDataplane(p, { mode });
    try {
      const rng = makeRng(mode === "kernel" ? 72 : 71);
      const rounds = mode === "kernel" ? 40 : 150;
      let outcomes = 0;
      for (let round = 0; round < rounds; round++) {
        for (let op = 0; op < 3; op++) {
          const u = update(rng, interp);
          const results = [interp, ebpf].map((dp) => attempt(() => u(dp)));
          expect(results[1], `update ${round}.${op}`).toBe(results[0]);
          if (results[0] === "ok") outcomes++;
        }
        for (let n = 0; n < 4; n++) {
          const [a, b, c, d] = [rng.pick(A_VALUES), rng.pick(B_VALUES), rng.pick([0, 5, 6]), rng.pick(D_VALUES)];
          expect(portOf(ebpf, a, b, c, d), `round ${round}: a=${a} b=${b} c=${c} d=${d}`).toBe(portOf(interp, a, b, c, d));
        }
      }
      expect(outcomes).toBeGreaterThan(rounds); // most updates succeed
      expect(interp.tables.t!.entries().length).toBeGreaterThan(10);
    } finally {
      await ebpf.close();
    }
  });
});

// Pools for the random sequence: few masks (so tuples are shared), priorities 0–3 (many ties),
// ranges that overlap and one-value ranges (so chains form), and packet values that hit them.
const A_KEYS = ["*", "0x10&&&0xf0", "0x12", "0x20&&&0xf0", "0x13"];
const B_KEYS = ["*", "10..20", "15..15", "0..50", "100..200", "20..20", "150..65535"];
const C_KEYS = ["*", "5", "6"];
const D_KEYS = ["*", "0x0a000000&&&0xff000000", "0x0a000001", "0x0b000000&&&0xff000000"];
const A_VALUES = [0x10, 0x12, 0x13, 0x1f, 0x20, 0x33];
const B_VALUES = [0, 9, 10, 15, 20, 21, 50, 51, 100, 150, 200, 201, 65535];
const D_VALUES = [0x0a000001, 0x0a000002, 0x0b000005, 0x0c000000];

type Update = (dp: Dataplane) => void;

/** A random add, or a remove or modify of an entry the reference holds. */
function update(rng: Rng, reference: Dataplane): Update {
  const installed = reference.tables.t!.entries();
  if (installed.length > 0 && rng.chance(0.4)) {
    const e = rng.pick(installed);
    const k: KeyInputs = { "h.a": e.keys[0]!, "h.b": e.keys[1]!, "h.c": e.keys[2]!, "h.d": e.keys[3]! };
    if (rng.chance(0.6)) return (dp) => dp.tables.t!.remove(k, e.priority);
    const port = rng.int(1, 30);
    return (dp) => dp.tables.t!.modify({ key: k, priority: e.priority, action: "to", args: { port } });
  }
  const spec = entry(rng.int(0, 3), rng.int(1, 30), { a: rng.pick(A_KEYS), b: rng.pick(B_KEYS), c: rng.pick(C_KEYS), d: rng.pick(D_KEYS) });
  return (dp) => dp.tables.t!.add(spec);
}

/** "ok", or the ControlPlaneError's code. */
function attempt(call: () => void): string {
  try {
    call();
    return "ok";
  } catch (e) {
    if (e instanceof ControlPlaneError) return e.code;
    throw e;
  }
}

