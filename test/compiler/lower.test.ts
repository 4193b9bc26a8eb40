// Lowering, construct by construct: each test compiles a small program with
// the real parser and checker, lowers it, and compares the IR (spans
// removed) with the IR written out by hand.

import { describe, expect, it } from "vitest";
import { checkProgram } from "../../lang/checker.js";
import { parseProgram } from "../../lang/parser.js";
import { SourceFile } from "../../lang/source.js";
import * as ir from "../../compiler/ir.js";
import { lowerProgram } from "../../compiler/lower.js";

const PRELUDE = `
header ethernet { dst: bit<48>; src: bit<48>; ethertype: bit<16>; }
header vlan_tag { pcp: bit<3>; dei: bit<1>; vid: bit<12>; ethertype: bit<16>; }
headers { eth: ethernet; vlan: vlan_tag[2]; }
metadata { a: bit<8>; b: bit<8>; flag: bool; g: bit<16>; }
parser { state start { extract(eth); transition accept; } }
deparser { emit(eth); emit(vlan); }
action set_a(v: bit<8>) { meta.a = v; }
action nop() { }
table t { key { eth.dst: exact; } actions { set_a; nop; } }
table u { key { eth.src: exact; } actions { set_a; nop; } default_action = nop(); }
`;

function lower(text: string): ir.Program {
  const parsed = parseProgram(new SourceFile("t.pnet", text));
  const errors = (ds: readonly { severity: string; message: string }[]) => ds.filter((d) => d.severity === "error").map((d) => d.message);
  expect(errors(parsed.diagnostics)).toEqual([]);
  const { checked, diagnostics } = checkProgram(parsed.program);
  expect(errors(diagnostics)).toEqual([]);
  return lowerProgram(checked!);
}

/** The value with every `span` property removed, for comparison with hand-written IR. */
function strip<T>(value: T): T {
  if (Array.isArray(value)) return value.map(strip) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "span").map(([k, v]) => [k, strip(v)])) as T;
  }
  return value;
}

function localId(p: ir.Program, name: string, nth = 0): number {
  const found = p.locals.filter((l) => l.name === name);
  expect(found.length, `locals named ${name}`).toBeGreaterThan(nth);
  return found[nth]!.id;
}

const b8 = ir.bit(8);
const c = (value: bigint, type: ir.ValueType) => ({ kind: "Const", value, type });
const local = (id: number, type: ir.ValueType) => ({ kind: "Read", loc: { kind: "local", id }, type });
const meta = (field: string, type: ir.ValueType) => ({ kind: "Read", loc: { kind: "meta", field }, type });
const field = (header: string, name: string, width: number, index?: number | "next" | "last") => ({
  kind: "Read",
  loc: { kind: "field", ref: index === undefined ? { header } : { header, index }, field: name },
  type: ir.bit(width),
});
const setLocal = (id: number, value: object) => ({ kind: "Assign", target: { loc: { kind: "local", id } }, value });
const setMeta = (f: string, value: object) => ({ kind: "Assign", target: { loc: { kind: "meta", field: f } }, value });
const iff = (cond: object, then: object[], otherwise: object[] = []) => ({ kind: "If", cond, then, else: otherwise });
const not = (operand: object) => ({ kind: "Unary", op: "!", operand, type: ir.BOOL });
const bin = (op: string, left: object, right: object, type: ir.ValueType) => ({ kind: "Binary", op, left, right, type });
const verdict = (v: ir.Verdict, arg?: object) => (arg ? { kind: "Verdict", verdict: v, arg } : { kind: "Verdict", verdict: v });

describe("program structure", () => {
  it("gives header fields their bit offsets and keeps stacks, bool metadata and user errors", () => {
    const p = lower(`${PRELUDE} error { BadThing } control ingress { }`);
    expect(strip(p.headerTypes.find((h) => h.name === "vlan_tag"))).toEqual({
      name: "vlan_tag",
      fields: [
        { name: "pcp", width: 3, offset: 0 },
        { name: "dei", width: 1, offset: 3 },
        { name: "vid", width: 12, offset: 4 },
        { name: "ethertype", width: 16, offset: 16 },
      ],
      widthBits: 32,
    });
    expect(strip(p.headers)).toEqual([
      { name: "eth", type: "ethernet" },
      { name: "vlan", type: "vlan_tag", stackSize: 2 },
    ]);
    expect(strip(p.metadata)).toEqual([
      { name: "a", type: b8 },
      { name: "b", type: b8 },
      { name: "flag", type: ir.BOOL },
      { name: "g", type: ir.bit(16) },
    ]);
    expect(p.errors).toEqual([...ir.BUILTIN_ERRORS, "BadThing"]);
    expect(p.deparser.emits.map((e) => e.header)).toEqual(["eth", "vlan"]);
  });

  it("lowers externs with their sizes and widths", () => {
    const p = lower(`${PRELUDE}
      counter k[64]; register r[128]: bit<32>; meter m[16]; digest d { mac: bit<48>; port: bit<16>; }
      control ingress { }`);
    expect(strip(p.counters)).toEqual([{ name: "k", size: 64 }]);
    expect(strip(p.registers)).toEqual([{ name: "r", size: 128, width: 32 }]);
    expect(strip(p.meters)).toEqual([{ name: "m", size: 16 }]);
    expect(strip(p.digests)).toEqual([{ name: "d", fields: [{ name: "mac", width: 48 }, { name: "port", width: 16 }] }]);
  });
});

describe("parser", () => {
  const text = `
    header ethernet { dst: bit<48>; src: bit<48>; ethertype: bit<16>; }
    header vlan_tag { pcp: bit<3>; dei: bit<1>; vid: bit<12>; ethertype: bit<16>; }
    headers { eth: ethernet; vlan: vlan_tag[2]; }
    metadata { peek: bit<8>; }
    error { BadVlan }
    const TPID: bit<16> = 0x8100;
    parser {
      state parse_vlan {
        extract(vlan.next);
        verify(vlan.last.vid != 0, BadVlan);
        let p: bit<8> = lookahead<bit<8>>();
        meta.peek = p;
        transition select (vlan.last.ethertype, p) {
          (TPID, _): parse_vlan;
          (0x0800 &&& 0xff00, 0..0x3f): accept;
          default: reject;
          (0x86dd, 1): accept;
        }
      }
      state start {
        extract(eth);
        transition select (eth.ethertype) { TPID: parse_vlan; default: accept; }
      }
    }
    deparser { emit(eth); emit(vlan); }
    control ingress { }`;

  it("puts start first and keeps next/last, verify errors, lets and lookahead", () => {
    const p = lower(text);
    expect(p.parser.states.map((s) => s.name)).toEqual(["start", "parse_vlan"]);
    const pl = localId(p, "p");
    const vlan = strip(p.parser.states[1]!);
    expect(vlan.body).toEqual([
      { kind: "Extract", ref: { header: "vlan", index: "next" } },
      {
        kind: "Verify",
        cond: bin("!=", field("vlan", "vid", 12, "last"), c(0n, ir.bit(12)), ir.BOOL),
        error: ir.BUILTIN_ERRORS.length,
      },
      setLocal(pl, { kind: "Lookahead", type: b8 }),
      setMeta("peek", local(pl, b8)),
    ]);
    expect(vlan.transition).toEqual({
      kind: "Select",
      keys: [field("vlan", "ethertype", 16, "last"), local(pl, b8)],
      // The case after `default` can never match: it is dropped.
      cases: [
        { patterns: [{ kind: "value", value: 0x8100n }, { kind: "any" }], target: "parse_vlan" },
        {
          patterns: [
            { kind: "mask", value: 0x0800n, mask: 0xff00n },
            { kind: "range", lo: 0n, hi: 0x3fn },
          ],
          target: "accept",
        },
      ],
      default: "reject",
    });
    expect(strip(p.parser.states[0]!.transition)).toEqual({
      kind: "Select",
      keys: [field("eth", "ethertype", 16)],
      cases: [{ patterns: [{ kind: "value", value: 0x8100n }], target: "parse_vlan" }],
      default: "accept",
    });
  });
});

describe("hoisting of table applies and meter executes", () => {
  it("applies the table before an if whose whole condition is `.hit`", () => {
    const p = lower(`${PRELUDE} control ingress { if (t.apply().hit) { drop(); } }`);
    const hit = localId(p, "$hit_t");
    expect(p.locals[hit]!.type).toEqual(ir.BOOL);
    expect(strip(p.ingress)).toEqual([{ kind: "ApplyTable", table: "t", hitLocal: hit }, iff(local(hit, ir.BOOL), [verdict("drop")])]);
  });

  it("lowers `.miss` to the negated hit", () => {
    const p = lower(`${PRELUDE} control ingress { if (t.apply().miss) { drop(); } }`);
    const hit = localId(p, "$hit_t");
    expect(strip(p.ingress)).toEqual([{ kind: "ApplyTable", table: "t", hitLocal: hit }, iff(not(local(hit, ir.BOOL)), [verdict("drop")])]);
  });

  it("applies the right side of && only when the left side is true", () => {
    const p = lower(`${PRELUDE} control ingress { if (meta.flag && t.apply().hit) { drop(); } }`);
    const and = localId(p, "$and");
    const hit = localId(p, "$hit_t");
    expect(strip(p.ingress)).toEqual([
      setLocal(and, c(0n, ir.BOOL)),
      iff(meta("flag", ir.BOOL), [{ kind: "ApplyTable", table: "t", hitLocal: hit }, setLocal(and, local(hit, ir.BOOL))]),
      iff(local(and, ir.BOOL), [verdict("drop")]),
    ]);
  });

  it("applies the right side of || only when the left side is false", () => {
    const p = lower(`${PRELUDE} control ingress { if (meta.flag || t.apply().miss) { drop(); } }`);
    const or = localId(p, "$or");
    const hit = localId(p, "$hit_t");
    expect(strip(p.ingress)).toEqual([
      setLocal(or, c(1n, ir.BOOL)),
      iff(not(meta("flag", ir.BOOL)), [{ kind: "ApplyTable", table: "t", hitLocal: hit }, setLocal(or, not(local(hit, ir.BOOL)))]),
      iff(local(or, ir.BOOL), [verdict("drop")]),
    ]);
  });

  it("evaluates only the chosen arm of ?: and keeps an apply in the condition unconditional", () => {
    const p = lower(`${PRELUDE} control ingress { meta.flag = t.apply().hit ? meta.flag : u.apply().hit; }`);
    const hitT = localId(p, "$hit_t");
    const hitU = localId(p, "$hit_u");
    const cond = localId(p, "$cond");
    expect(strip(p.ingress)).toEqual([
      { kind: "ApplyTable", table: "t", hitLocal: hitT },
      iff(
        local(hitT, ir.BOOL),
        [setLocal(cond, meta("flag", ir.BOOL))],
        [{ kind: "ApplyTable", table: "u", hitLocal: hitU }, setLocal(cond, local(hitU, ir.BOOL))],
      ),
      setMeta("flag", local(cond, ir.BOOL)),
    ]);
  });

  it("saves an operand read before a later operand applies a table", () => {
    const p = lower(`${PRELUDE} control ingress { meta.flag = meta.a == 1 && (meta.b == (t.apply().hit ? 1 : 2)); }`);
    const tmp = localId(p, "$tmp");
    const hit = localId(p, "$hit_t");
    const and = localId(p, "$and");
    // meta.b is read before t runs (its action may write meta.b): saved in $tmp first.
    expect(strip(p.ingress)).toEqual([
      setLocal(and, c(0n, ir.BOOL)),
      iff(bin("==", meta("a", b8), c(1n, b8), ir.BOOL), [
        setLocal(tmp, meta("b", b8)),
        { kind: "ApplyTable", table: "t", hitLocal: hit },
        setLocal(and, bin("==", local(tmp, b8), { kind: "Cond", cond: local(hit, ir.BOOL), then: c(1n, b8), else: c(2n, b8), type: b8 }, ir.BOOL)),
      ]),
      setMeta("flag", local(and, ir.BOOL)),
    ]);
  });

  it("hoists a meter execute into a MeterExecute writing a bit<2> local", () => {
    const p = lower(`${PRELUDE} meter m[8]; control ingress { if (m.execute(meta.a) == 2) { drop(); } m.execute(meta.b); }`);
    const first = localId(p, "$color_m", 0);
    const second = localId(p, "$color_m", 1);
    expect(p.locals[first]!.type).toEqual(ir.bit(2));
    expect(strip(p.ingress)).toEqual([
      { kind: "MeterExecute", meter: "m", index: meta("a", b8), resultLocal: first },
      iff(bin("==", local(first, ir.bit(2)), c(2n, ir.bit(2)), ir.BOOL), [verdict("drop")]),
      { kind: "MeterExecute", meter: "m", index: meta("b", b8), resultLocal: second },
    ]);
  });

  it("hoists the condition of an else-if into the else branch", () => {
    const p = lower(`${PRELUDE} control ingress { if (meta.flag) { drop(); } else if (t.apply().hit) { bounce(); } }`);
    const hit = localId(p, "$hit_t");
    expect(strip(p.ingress)).toEqual([
      iff(meta("flag", ir.BOOL), [verdict("drop")], [{ kind: "ApplyTable", table: "t", hitLocal: hit }, iff(local(hit, ir.BOOL), [verdict("bounce")])]),
    ]);
  });
});

describe("switch on the action that ran", () => {
  it("compares the action local with each label's index, || for shared bodies, default last", () => {
    const p = lower(`${PRELUDE}
      action other() { }
      table s { key { eth.dst: exact; } actions { set_a; nop; other; } }
      control ingress {
        switch (s.apply().action) {
          default: { drop(); }
          set_a: { forward(1); }
          nop: other: { bounce(); }
        }
      }`);
    const act = localId(p, "$action_s");
    expect(p.locals[act]!.type).toEqual(b8);
    const is = (i: bigint) => bin("==", local(act, b8), c(i, b8), ir.BOOL);
    expect(strip(p.ingress)).toEqual([
      { kind: "ApplyTable", table: "s", actionLocal: act },
      iff(is(0n), [verdict("forward", c(1n, ir.bit(16)))], [iff(bin("||", is(1n), is(2n), ir.BOOL), [verdict("bounce")], [verdict("drop")])]),
    ]);
    // NoAction (the implicit default) is the last action, index 3: it falls to `default`.
    expect(p.tables.find((x) => x.name === "s")!.actions).toEqual(["set_a", "nop", "other", "NoAction"]);
  });

  it("runs nothing when no label matches and there is no default", () => {
    const p = lower(`${PRELUDE} control ingress { switch (u.apply().action) { set_a: { drop(); } } }`);
    const act = localId(p, "$action_u");
    expect(strip(p.ingress)).toEqual([
      { kind: "ApplyTable", table: "u", actionLocal: act },
      iff(bin("==", local(act, b8), c(0n, b8), ir.BOOL), [verdict("drop")]),
    ]);
  });
});

describe("controls, actions and statements", () => {
  it("inlines controls recursively, with fresh locals each time a control is applied", () => {
    const p = lower(`${PRELUDE}
      control leaf { let x: bit<8> = meta.a; meta.b = x; }
      control mid { leaf.apply(); exit; }
      control ingress { if (meta.flag) { mid.apply(); } else { leaf.apply(); } }`);
    const x0 = localId(p, "x", 0);
    const x1 = localId(p, "x", 1);
    expect(x0).not.toBe(x1);
    expect(strip(p.ingress)).toEqual([
      iff(
        meta("flag", ir.BOOL),
        [setLocal(x0, meta("a", b8)), setMeta("b", local(x0, b8)), { kind: "Exit" }],
        [setLocal(x1, meta("a", b8)), setMeta("b", local(x1, b8))],
      ),
    ]);
  });

  it("lowers action bodies with parameters by index and direct calls with their arguments", () => {
    const p = lower(`${PRELUDE}
      action two(x: bit<8>, y: bit<16>) { meta.a = x; forward(y); }
      control ingress { two(5, 0x10); set_a(meta.b); }`);
    expect(strip(p.actions.find((a) => a.name === "two"))).toEqual({
      name: "two",
      params: [
        { name: "x", type: b8 },
        { name: "y", type: ir.bit(16) },
      ],
      body: [
        setMeta("a", { kind: "Read", loc: { kind: "param", index: 0 }, type: b8 }),
        verdict("forward", { kind: "Read", loc: { kind: "param", index: 1 }, type: ir.bit(16) }),
      ],
    });
    expect(strip(p.ingress)).toEqual([
      { kind: "CallAction", action: "two", args: [c(5n, b8), c(0x10n, ir.bit(16))] },
      { kind: "CallAction", action: "set_a", args: [meta("b", b8)] },
    ]);
  });

  it("lowers validity, stack shifts, verdicts, slices and folds named constants", () => {
    const p = lower(`${PRELUDE}
      const PORT: bit<16> = 7;
      control ingress {
        vlan.push_front(1);
        vlan[0].setValid();
        vlan[0].vid = eth.ethertype[11:0];
        eth.src[7:0] = meta.a;
        vlan.pop_front(2);
        eth.setInvalid();
        if (vlan[1].isValid()) { multicast(meta.g); } else { forward(PORT); }
        to_host();
      }`);
    expect(strip(p.ingress)).toEqual([
      { kind: "StackShift", header: "vlan", direction: "push_front", count: 1 },
      { kind: "SetValidity", ref: { header: "vlan", index: 0 }, valid: true },
      {
        kind: "Assign",
        target: { loc: { kind: "field", ref: { header: "vlan", index: 0 }, field: "vid" } },
        value: { kind: "Slice", expr: field("eth", "ethertype", 16), hi: 11, lo: 0, type: ir.bit(12) },
      },
      { kind: "Assign", target: { loc: { kind: "field", ref: { header: "eth" }, field: "src" }, slice: { hi: 7, lo: 0 } }, value: meta("a", b8) },
      { kind: "StackShift", header: "vlan", direction: "pop_front", count: 2 },
      { kind: "SetValidity", ref: { header: "eth" }, valid: false },
      iff(
        { kind: "IsValid", ref: { header: "vlan", index: 1 }, type: ir.BOOL },
        [verdict("multicast", meta("g", ir.bit(16)))],
        [verdict("forward", c(7n, ir.bit(16)))],
      ),
      verdict("to_host"),
    ]);
  });

  it("expands headers into their fields in hash and checksum16 lists; sends digest values in order", () => {
    const p = lower(`${PRELUDE}
      register r[16]: bit<32>;
      counter k[4];
      digest d { v: bit<16>; mac: bit<48>; }
      control ingress {
        r.write(0, hash(crc32, {eth, meta.a}));
        meta.b = checksum16({vlan[1]})[7:0];
        d.send({eth.ethertype, eth.src});
        k.count(r.read(1)[1:0]);
      }`);
    const ethFields = [field("eth", "dst", 48), field("eth", "src", 48), field("eth", "ethertype", 16)];
    const [write, checksum, send, count] = strip(p.ingress) as [ir.RegisterWriteStmt, ir.AssignStmt, ir.DigestSendStmt, ir.CountStmt];
    expect(write.value).toEqual({ kind: "Hash", algorithm: "crc32", inputs: [...ethFields, meta("a", b8)], type: ir.bit(32) });
    expect((checksum.value as ir.SliceExpr).expr).toEqual({
      kind: "Checksum16",
      inputs: [field("vlan", "pcp", 3, 1), field("vlan", "dei", 1, 1), field("vlan", "vid", 12, 1), field("vlan", "ethertype", 16, 1)],
      type: ir.bit(16),
    });
    expect(send).toEqual({ kind: "DigestSend", digest: "d", values: [field("eth", "ethertype", 16), field("eth", "src", 48)] });
    expect((count.index as ir.SliceExpr).expr).toMatchObject({ kind: "RegisterRead", register: "r", type: ir.bit(32) });
  });
});

describe("tables", () => {
  const text = `${PRELUDE}
    table kinds {
      key {
        eth.dst[47:40]: ternary;
        vlan[0].vid: range;
        meta.a: optional;
        eth.ethertype: exact;
      }
      actions { set_a; }
      const default_action = set_a(9);
      size = 256;
      counters;
      entries {
        (0x0a &&& 0xf0, 100..200, 3, 0x0800): set_a(1);
        (0x0b, 7, _, 0x86dd): set_a(2);
        (_, _, _, 1): set_a(3);
      }
    }
    table routes {
      key { meta.b: exact; eth.src: lpm; }
      actions { set_a; }
      entries {
        (1, 00:11:22:00:00:00/24): set_a(1);
        (2, 00:11:22:33:44:55): set_a(2);
        (3, _): set_a(3);
      }
    }
    control ingress { kinds.apply(); routes.apply(); }`;

  it("names keys as written and builds KeyMatch per kind with priorities in entry order", () => {
    const p = lower(text);
    const kinds = strip(p.tables.find((x) => x.name === "kinds")!);
    expect(kinds.keys.map((k) => [k.name, k.matchKind, k.width])).toEqual([
      ["eth.dst[47:40]", "ternary", 8],
      ["vlan[0].vid", "range", 12],
      ["meta.a", "optional", 8],
      ["eth.ethertype", "exact", 16],
    ]);
    expect(kinds.keys[0]!.expr).toEqual({ kind: "Slice", expr: field("eth", "dst", 48), hi: 47, lo: 40, type: b8 });
    expect(kinds.keys[1]!.expr).toEqual(field("vlan", "vid", 12, 0));
    expect(kinds.actions).toEqual(["set_a"]);
    expect(kinds.defaultAction).toEqual({ action: "set_a", args: [9n] });
    expect(kinds.defaultIsConst).toBe(true);
    expect(kinds.size).toBe(256);
    expect(kinds.counters).toBe(true);
    expect(kinds.entries).toEqual([
      {
        keys: [
          { kind: "ternary", value: 0n, mask: 0xf0n }, // 0x0a & 0xf0: the value is stored masked
          { kind: "range", lo: 100n, hi: 200n },
          { kind: "optional", value: 3n },
          { kind: "exact", value: 0x0800n },
        ],
        action: { action: "set_a", args: [1n] },
        priority: 3,
      },
      {
        keys: [
          { kind: "ternary", value: 0x0bn, mask: 0xffn },
          { kind: "range", lo: 7n, hi: 7n },
          { kind: "optional" },
          { kind: "exact", value: 0x86ddn },
        ],
        action: { action: "set_a", args: [2n] },
        priority: 2,
      },
      {
        keys: [
          { kind: "ternary", value: 0n, mask: 0n },
          { kind: "range", lo: 0n, hi: 0xfffn },
          { kind: "optional" },
          { kind: "exact", value: 1n },
        ],
        action: { action: "set_a", args: [3n] },
        priority: 1,
      },
    ]);
  });

  it("reads lpm values without a prefix as full length and `_` as prefix 0; defaults to NoAction and 1024", () => {
    const p = lower(text);
    const routes = strip(p.tables.find((x) => x.name === "routes")!);
    expect(routes.entries.map((e) => e.keys[1])).toEqual([
      { kind: "lpm", value: 0x001122000000n, prefixLength: 24 },
      { kind: "lpm", value: 0x001122334455n, prefixLength: 48 },
      { kind: "lpm", value: 0n, prefixLength: 0 },
    ]);
    expect(routes.defaultAction).toEqual({ action: "NoAction", args: [] });
    expect(routes.defaultIsConst).toBe(false);
    expect(routes.actions).toEqual(["set_a", "NoAction"]);
    expect(routes.size).toBe(1024);
    expect(routes.counters).toBe(false);
    expect(ir.matchPolicy(routes)).toBe("lpm");
  });

  it("adds one empty NoAction to the program when a table needs it, and none otherwise", () => {
    const p = lower(text);
    expect(strip(p.actions.filter((a) => a.name === "NoAction"))).toEqual([{ name: "NoAction", params: [], body: [] }]);
    const q = lower(`
      header h_t { x: bit<8>; }
      headers { h: h_t; }
      parser { state start { extract(h); transition accept; } }
      action a() { }
      table t { key { h.x: exact; } actions { a; } default_action = a(); }
      control ingress { t.apply(); }
      deparser { emit(h); }`);
    expect(q.actions.map((a) => a.name)).toEqual(["a"]);
    expect(q.tables[0]!.actions).toEqual(["a"]);
  });
});
