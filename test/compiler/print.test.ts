// The IR printer on IR built by hand: the notation of constants, locals,
// parameters and references, select and entry patterns, and if/else chains.

import { describe, expect, it } from "vitest";
import * as ir from "../../compiler/ir.js";
import { formatValue, printProgram } from "../../compiler/print.js";
import { syntheticSpan } from "../../lang/source.js";

const span = syntheticSpan("hand.pnet");
const b16 = ir.bit(16);
const k = (value: bigint, type: ir.ValueType): ir.ConstExpr => ({ kind: "Const", value, type, span });
const read = (loc: ir.Location, type: ir.ValueType): ir.ReadExpr => ({ kind: "Read", loc, type, span });
const ethertype = read({ kind: "field", ref: { header: "eth" }, field: "ethertype" }, b16);

const program: ir.Program = {
  kind: "Program",
  file: "hand.pnet",
  headerTypes: [
    {
      name: "ethernet",
      fields: [
        { name: "dst", width: 48, offset: 0 },
        { name: "src", width: 48, offset: 48 },
        { name: "ethertype", width: 16, offset: 96 },
      ],
      widthBits: 112,
      span,
    },
  ],
  headers: [
    { name: "eth", type: "ethernet", span },
    { name: "tags", type: "ethernet", stackSize: 2, span },
  ],
  metadata: [{ name: "ok", type: ir.BOOL, span }],
  errors: [...ir.BUILTIN_ERRORS],
  locals: [
    { id: 0, name: "$hit_t", type: ir.BOOL, span },
    { id: 1, name: "x", type: b16, span },
  ],
  parser: {
    states: [
      {
        name: "start",
        body: [
          { kind: "Extract", ref: { header: "eth" }, span },
          { kind: "Extract", ref: { header: "tags", index: "next" }, span },
          { kind: "Verify", cond: k(1n, ir.BOOL), error: 2, span },
        ],
        transition: {
          kind: "Select",
          keys: [ethertype],
          cases: [
            { patterns: [{ kind: "value", value: 0x800n }], target: "accept", span },
            { patterns: [{ kind: "mask", value: 0x8600n, mask: 0xff00n }], target: "reject", span },
            { patterns: [{ kind: "range", lo: 0n, hi: 1500n }], target: "accept", span },
          ],
          default: "reject",
          span,
        },
        span,
      },
    ],
    span,
  },
  actions: [
    {
      name: "fwd",
      params: [{ name: "port", type: b16 }],
      body: [{ kind: "Verdict", verdict: "forward", arg: read({ kind: "param", index: 0 }, b16), span }],
      span,
    },
    { name: "NoAction", params: [], body: [], span },
  ],
  tables: [
    {
      name: "t",
      keys: [
        { name: "eth.ethertype", expr: ethertype, matchKind: "ternary", width: 16, span },
        { name: "eth.dst[47:40]", expr: { kind: "Slice", expr: read({ kind: "field", ref: { header: "eth" }, field: "dst" }, ir.bit(48)), hi: 47, lo: 40, type: ir.bit(8), span }, matchKind: "range", width: 8, span },
      ],
      actions: ["fwd", "NoAction"],
      defaultAction: { action: "NoAction", args: [] },
      defaultIsConst: false,
      size: 1024,
      counters: true,
      entries: [
        {
          keys: [
            { kind: "ternary", value: 0x800n, mask: 0xffffn },
            { kind: "range", lo: 1n, hi: 20n },
          ],
          action: { action: "fwd", args: [3n] },
          priority: 1,
          span,
        },
      ],
      span,
    },
  ],
  counters: [],
  registers: [],
  meters: [],
  digests: [],
  ingress: [
    { kind: "ApplyTable", table: "t", hitLocal: 0, span },
    {
      kind: "If",
      cond: read({ kind: "local", id: 0 }, ir.BOOL),
      then: [{ kind: "Assign", target: { loc: { kind: "local", id: 1 } }, value: { kind: "Binary", op: "+", left: ethertype, right: { kind: "Binary", op: "*", left: k(2n, b16), right: k(3n, b16), type: b16, span }, type: b16, span }, span }],
      else: [
        {
          kind: "If",
          cond: read({ kind: "meta", field: "ok" }, ir.BOOL),
          then: [{ kind: "Assign", target: { loc: { kind: "field", ref: { header: "tags", index: 1 }, field: "ethertype" }, slice: { hi: 7, lo: 0 } }, value: k(0xffn, ir.bit(8)), span }],
          else: [{ kind: "Verdict", verdict: "drop", span }],
          span,
        },
      ],
      span,
    },
    { kind: "Exit", span },
  ],
  deparser: { emits: [{ header: "eth", span }, { header: "tags", span }], span },
  span,
};

const EXPECTED = `// pnet IR of hand.pnet

header ethernet (112 bits) {
  dst: bit<48> @0
  src: bit<48> @48
  ethertype: bit<16> @96
}

headers {
  eth: ethernet
  tags: ethernet[2]
}

metadata {
  ok: bool
}

errors { NoError, PacketTooShort, NoMatch, StackOverflow, ParserTimeout, Rejected }

locals {
  %$hit_t.0: bool
  %x.1: bit<16>
}

parser {
  state start {
    extract(eth)
    extract(tags.next)
    verify(true, NoMatch)
    transition select (eth.ethertype) {
      16w0x0800: accept
      16w0x8600 &&& 16w0xff00: reject
      16w0..16w0x05dc: accept
      default: reject
    }
  }
}

action fwd(port: bit<16>) {
  forward($port)
}

action NoAction() {
}

table t {
  key {
    eth.ethertype: ternary bit<16>
    eth.dst[47:40]: range bit<8>
  }
  actions { fwd, NoAction }
  default_action = NoAction()
  size = 1024
  counters
  entries {
    priority 1: (16w0x0800 &&& 16w0xffff, 8w1..8w20) -> fwd(16w3)
  }
}

ingress {
  apply t -> hit %$hit_t.0
  if (%$hit_t.0) {
    %x.1 = eth.ethertype + (16w2 * 16w3)
  } else if (meta.ok) {
    tags[1].ethertype[7:0] = 8w255
  } else {
    drop()
  }
  exit
}

deparser {
  emit(eth)
  emit(tags)
}
`;

describe("printProgram", () => {
  it("prints every section in a stable, readable notation", () => {
    expect(printProgram(program)).toBe(EXPECTED);
  });
});

describe("formatValue", () => {
  it("writes widths P4-style: decimal when small, padded hex otherwise", () => {
    expect(formatValue(64n, ir.bit(8))).toBe("8w64");
    expect(formatValue(7n, ir.bit(16))).toBe("16w7");
    expect(formatValue(255n, ir.bit(32))).toBe("32w255");
    expect(formatValue(256n, ir.bit(12))).toBe("12w0x100");
    expect(formatValue(2048n, ir.bit(16))).toBe("16w0x0800");
    expect(formatValue(1n, ir.bit(48))).toBe("48w1");
    expect(formatValue(0x0a000001n, ir.bit(32))).toBe("32w0x0a000001");
    expect(formatValue(0x1ffn, ir.bit(9))).toBe("9w0x1ff");
  });
  it("writes bools and errors by name", () => {
    expect(formatValue(1n, ir.BOOL)).toBe("true");
    expect(formatValue(0n, ir.BOOL)).toBe("false");
    expect(formatValue(2n, ir.ERROR, ir.BUILTIN_ERRORS)).toBe("error.NoMatch");
  });
});
