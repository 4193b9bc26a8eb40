// Table applies in the eBPF target: `if (t.apply().hit/.miss)` and
// `switch (t.apply().action)` branching straight from the apply's paths to
// the arm (applied.ts), the defaults map's single element (a setdefault must
// change only its table's default), and the action dispatch (empty actions,
// the untested last action) and direct (ARRAY) exact tables — against the
// interpreter, in the emulator and the kernel.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { fromHex } from "../../runtime/craft.js";
import type { Dataplane } from "../../runtime/dataplane.js";
import { compileEbpf, createEbpfDataplane } from "../../targets/ebpf/index.js";
import { generate } from "../../targets/ebpf/codegen/program.js";
import { createInterpreter } from "../../targets/interp/index.js";
import { MapType } from "../../targets/ebpf/elf/object.js";
import { KERNEL_UNAVAILABLE, kernelAvailable } from "./harness.js";

const SOURCE = `
header h_t { a: bit<8>; b: bit<8>; c: bit<16>; }
headers { h: h_t; }
action seta(v: bit<8>) { h.b = v; }
action mark() { h.c = h.c + 1; }
action nop() { }
action other() { }
action leave() { forward(3); h.setInvalid(); }
table t1 { key { h.a: exact; } actions { seta; mark; nop; } default_action = nop(); }
table t2 { key { h.b: exact; } actions { seta; nop; } default_action = seta(9); }
table t3 { key { h.a: lpm; } actions { seta; mark; nop; other; leave; } default_action = other(); }
table t4 { key { h.c: exact; } actions { nop; other; } }
table t5 { key { h.a: exact; } actions { nop; } }
table t6 { key { h.a: exact; h.b: exact; } actions { mark; nop; } default_action = nop(); }
table t7 { key { h.b: ternary; } actions { mark; nop; } default_action = mark(); counters; }
table t8 { key { h.a: exact; } actions { mark; nop; } counters; }
parser { state start { extract(h); transition accept; } }
control ingress {
    if (t1.apply().hit) { h.c = h.c + 0x10; } else { h.c = h.c + 0x20; }
    if (t2.apply().miss) { h.c = h.c + 0x100; }
    switch (t3.apply().action) {
        seta: mark: { h.c = h.c + 0x1000; }
        nop: { forward(2); exit; }
        default: { h.c = h.c + 0x4000; }
    }
    switch (t4.apply().action) {
        other: { h.c = h.c ^ 0x8000; }
    }
    if (h.a == 7 && t5.apply().hit) { h.c = h.c + 0x2000; }
    t6.apply();
    if (t7.apply().miss) { h.c = h.c + 0x40; }
    if (t8.apply().hit) { h.c = h.c + 0x80; }
    forward(1);
}
deparser { emit(h); }
`;

function build() {
  const { program, diagnostics } = compile(SOURCE, { file: "applies.pnet" });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return program!;
}

/** Entries and default changes, applied alike to every dataplane, between rounds of packets. */
const STEPS: ((dp: Dataplane) => void)[] = [
  () => {},
  (dp) => {
    dp.tables.t1!.add({ key: { "h.a": 1 }, action: "seta", args: { v: 5 } });
    dp.tables.t1!.add({ key: { "h.a": 2 }, action: "mark" });
    dp.tables.t1!.add({ key: { "h.a": 3 }, action: "nop" });
    dp.tables.t2!.add({ key: { "h.b": 5 }, action: "nop" });
    dp.tables.t3!.add({ key: { "h.a": "0x00/6" }, action: "seta", args: { v: 5 } });
    dp.tables.t3!.add({ key: { "h.a": "0x04/7" }, action: "nop" });
    dp.tables.t3!.add({ key: { "h.a": "0x06/8" }, action: "leave" });
    dp.tables.t4!.add({ key: { "h.c": 0x1131 }, action: "other" });
    dp.tables.t5!.add({ key: { "h.a": 7 }, action: "nop" });
    dp.tables.t6!.add({ key: { "h.a": 4, "h.b": 5 }, action: "mark" });
    dp.tables.t7!.add({ key: { "h.b": "0x04&&&0xfc" }, action: "nop", priority: 1 });
    dp.tables.t8!.add({ key: { "h.a": 8 }, action: "mark" });
    dp.tables.t8!.add({ key: { "h.a": 9 }, action: "nop" });
  },
  (dp) => {
    dp.tables.t1!.setDefault("mark");
    dp.tables.t2!.setDefault("nop");
    dp.tables.t3!.setDefault("mark");
    dp.tables.t4!.setDefault("other");
  },
  (dp) => {
    dp.tables.t2!.setDefault("seta", { v: 1 });
    dp.tables.t3!.setDefault("nop");
    dp.tables.t1!.remove({ "h.a": 2 });
    dp.tables.t4!.remove({ "h.c": 0x1131 });
    dp.tables.t6!.remove({ "h.a": 4, "h.b": 5 });
  },
  (dp) => {
    dp.tables.t1!.add({ key: { "h.a": 2 }, action: "seta", args: { v: 3 } });
  },
];

const packets = Array.from({ length: 10 }, (_, a) => ({ port: 0, data: fromHex(`${a.toString(16).padStart(2, "0")}05003000${"de".repeat(16)}`) }));

const MODES = [
  ["emulator", true, ""],
  ["kernel", kernelAvailable, kernelAvailable ? "" : ` (skipped: ${KERNEL_UNAVAILABLE})`],
] as const;

describe.each(MODES)("table applies in the %s", (mode, available, skipped) => {
  it.skipIf(!available)(`agree with the interpreter on hit/miss and action tests, defaults and set-defaults${skipped}`, async () => {
    const p = build();
    const interp = createInterpreter(p);
    const ebpf = await createEbpfDataplane(p, { mode });
    try {
      for (const step of STEPS) {
        step(interp);
        step(ebpf);
        for (const packet of packets) expect(ebpf.process([packet])).toEqual(interp.process([packet]));
      }
      expect(interp.tables.t8!.readCounter({ "h.a": 8 }).packets).toBe(2n); // t3 exits for h.a = 8 once its default is nop
      expect(ebpf.tables.t8!.readCounter({ "h.a": 8 })).toEqual(interp.tables.t8!.readCounter({ "h.a": 8 }));
      expect(ebpf.tables.t7!.readCounter({ "h.b": "0x04&&&0xfc" }, 1)).toEqual(interp.tables.t7!.readCounter({ "h.b": "0x04&&&0xfc" }, 1));
    } finally {
      await ebpf.close();
    }
  });
});

describe("table applies in the generated code", () => {
  it("store no hit or action local that only the next if or switch reads, and keep the one an && reads", () => {
    const p = build();
    const { layout } = generate(p);
    const { asm } = compileEbpf(p);
    const stored = (name: string): boolean => {
      const id = p.locals.find((l) => l.name === name)!.id;
      return new RegExp(`st\\w* \\[%r9\\+${layout.locals.get(id)}\\]`).test(asm);
    };
    expect(["$hit_t1", "$hit_t2", "$action_t3", "$action_t4"].filter(stored)).toEqual([]);
    expect(stored("$hit_t5")).toBe(true);
  });

  it("puts every table's default entry in one element of the defaults map", () => {
    const { layout } = generate(build());
    const defaults = layout.maps.find((m) => m.name === "defaults")!;
    expect(defaults.maxEntries).toBe(1);
    const tables = [...layout.tables.values()];
    expect(defaults.valueSize).toBe(tables.reduce((n, t) => n + t.valueSize, 0));
    expect(tables.map((t) => t.defaultOffset)).toEqual([0, 16, 32, 48, 56, 64, 72, 80]);
  });

  it("makes an exact table with one key of at most 16 bits an ARRAY indexed by the key, each entry followed by a present word", () => {
    const { layout } = generate(build());
    const map = (table: string) => {
      const t = layout.tables.get(table)!;
      const m = layout.maps.find((x) => x.name === t.map)!;
      return [t.direct, m.type, m.keySize, m.valueSize, m.maxEntries];
    };
    expect(map("t1")).toEqual([true, MapType.ARRAY, 4, 24, 256]);
    expect(map("t4")).toEqual([true, MapType.ARRAY, 4, 16, 65536]);
    expect(map("t6")).toEqual([false, MapType.HASH, 16, 8, 1024]);
    expect(map("t3")).toEqual([false, MapType.LPM_TRIE, 5, 16, 1024]);
  });
});
