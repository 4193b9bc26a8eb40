// Tests of the mid-end passes and the IR validator, on small programs whose
// expected IR shape is worked out by hand.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type * as ir from "../../compiler/ir.js";
import { passNames } from "../../compiler/pipeline.js";
import { IrValidationError, validateProgram } from "../../compiler/validate.js";
import { syntheticSpan } from "../../lang/source.js";

const PRELUDE = `
header eth_t { dst: bit<48>; src: bit<48>; type: bit<16>; }
header tag_t { vid: bit<16>; type: bit<16>; }
headers { eth: eth_t; tags: tag_t[2]; }
metadata { x: bit<8>; y: bit<8>; flag: bool; }
`;

function compileOk(body: string): ir.Program {
  const result = compile(PRELUDE + body, { file: "t.pnet" });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => `${d.code} ${d.span.line}:${d.span.col} ${d.message}`)).toEqual([]);
  return result.program!;
}

const simpleParser = `parser { state start { extract(eth); transition accept; } }`;
const deparser = `deparser { emit(eth); emit(tags); }`;

describe("constant-folding", () => {
  it("evaluates constant operators with exact widths", () => {
    const p = compileOk(`${simpleParser}
      const HI: bit<4> = 0xf;
      const LO: bit<4> = 0;
      control ingress { meta.x = 200 + 100; meta.y = HI ++ LO; meta.flag = HI > LO; }
      ${deparser}`);
    const values = p.ingress.map((s) => (s.kind === "Assign" && s.value.kind === "Const" ? s.value.value : undefined));
    // 200 + 100 wraps at 8 bits: 300 - 256 = 44; 0xf ++ 0x0 = 0xf0; 0xf > 0 = true.
    expect(values).toEqual([44n, 0xf0n, 1n]);
  });

  it("replaces an if on a constant condition by the branch taken", () => {
    const p = compileOk(`${simpleParser}
      const DEBUG: bool = false;
      control ingress { if (DEBUG) { drop(); } else { forward(3); } }
      ${deparser}`);
    expect(p.ingress).toHaveLength(1);
    expect(p.ingress[0]).toMatchObject({ kind: "Verdict", verdict: "forward" });
  });

  it("keeps expressions that read packet state", () => {
    const p = compileOk(`${simpleParser}
      control ingress { meta.x = eth.type[7:0] + 1; }
      ${deparser}`);
    expect(p.ingress[0]).toMatchObject({ kind: "Assign", value: { kind: "Binary", op: "+" } });
  });
});

describe("dead-code", () => {
  it("drops statements after exit and after an if whose branches both exit", () => {
    const p = compileOk(`${simpleParser}
      control ingress {
        if (eth.type == 1) { drop(); exit; } else { exit; }
        forward(1);
      }
      ${deparser}`);
    expect(p.ingress).toHaveLength(1);
    expect(p.ingress[0]!.kind).toBe("If");
  });

  it("removes parser states that cannot be reached from start", () => {
    const result = compile(
      PRELUDE +
        `parser { state start { extract(eth); transition accept; } state orphan { transition accept; } }
         control ingress { drop(); } ${deparser}`,
      { file: "t.pnet" },
    );
    expect(result.diagnostics.map((d) => d.severity)).toContain("warning");
    expect(result.program!.parser.states.map((s) => s.name)).toEqual(["start"]);
  });

  it("removes actions that no table or call can run", () => {
    const p = compileOk(`${simpleParser}
      action used() { drop(); }
      action unused() { forward(1); }
      control ingress { used(); }
      ${deparser}`);
    expect(p.actions.map((a) => a.name)).toEqual(["used"]);
  });
});

describe("unroll-parser-loops", () => {
  const loop = `parser {
      state start { extract(eth); transition select (eth.type) { 0x8100: tag; default: accept; } }
      state tag { extract(tags.next); transition select (tags.last.type) { 0x8100: tag; default: accept; } }
    }
    control ingress { drop(); }
    ${deparser}`;

  it("specialises the loop per stack depth and leaves no next/last", () => {
    const p = compileOk(loop);
    // start, then tag with 0 elements extracted (extracts [0]), with 1 (extracts [1]),
    // and with 2: the stack is full, so the third tag overflows.
    expect(p.parser.states.map((s) => s.name)).toEqual(["start", "tag", "tag$1", "tag$2"]);
    const extracts = p.parser.states.map((s) => s.body[0]);
    expect(extracts[1]).toMatchObject({ kind: "Extract", ref: { header: "tags", index: 0 } });
    expect(extracts[2]).toMatchObject({ kind: "Extract", ref: { header: "tags", index: 1 } });
    expect(extracts[3]).toMatchObject({ kind: "Verify", error: p.errors.indexOf("StackOverflow"), cond: { kind: "Const", value: 0n } });
    expect(JSON.stringify(p.parser, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toMatch(/"next"|"last"/);
  });

  it("reads `last` as the element just extracted", () => {
    const p = compileOk(loop);
    const select = p.parser.states[2]!.transition as ir.SelectTransition;
    expect(select.keys[0]).toMatchObject({ kind: "Read", loc: { kind: "field", ref: { header: "tags", index: 1 }, field: "type" } });
  });
});

describe("resolve-table-paths", () => {
  it("builds the graph of which table may follow which", () => {
    const p = compileOk(`${simpleParser}
      action nop() { }
      table a { key { eth.dst: exact; } actions { nop; } }
      table b { key { eth.src: exact; } actions { nop; } }
      table c { key { eth.type: exact; } actions { nop; } }
      control ingress {
        if (eth.type == 1) { a.apply(); } else { if (eth.type == 2) { exit; } b.apply(); }
        c.apply();
      }
      ${deparser}`);
    // Paths: [a, c], [b, c], and [] (the exit before b).
    const g = p.analysis!.tableGraph;
    expect([...g.first].sort()).toEqual(["a", "b"]);
    expect(g.next).toEqual({ a: ["c"], b: ["c"] });
    expect(g.last).toEqual(["c"]);
    expect(g.empty).toBe(true);
  });
});

describe("the pipeline", () => {
  it("can dump the IR after every pass by name", () => {
    for (const name of passNames()) {
      const dumped: string[] = [];
      compile(PRELUDE + `${simpleParser} control ingress { drop(); } ${deparser}`, {
        file: "t.pnet",
        dumpAfter: name,
        onDump: (pass, text) => dumped.push(`${pass}:${text.length > 0}`),
      });
      expect(dumped).toEqual([`${name}:true`]);
    }
  });
});

describe("the IR validator", () => {
  const base = () => compileOk(`${simpleParser} control ingress { meta.x = 1; } ${deparser}`);

  it("accepts what the pipeline produces", () => {
    expect(() => validateProgram(base(), "test")).not.toThrow();
  });

  it("names the pass and the problem when an assignment's widths disagree", () => {
    const p = base();
    const bad: ir.Program = {
      ...p,
      ingress: [
        {
          kind: "Assign",
          target: { loc: { kind: "meta", field: "x" } },
          value: { kind: "Const", type: { kind: "bit", width: 16 }, value: 1n, span: syntheticSpan() },
          span: syntheticSpan(),
        },
      ],
    };
    expect(() => validateProgram(bad, "my-pass")).toThrow(IrValidationError);
    expect(() => validateProgram(bad, "my-pass")).toThrow(/after pass 'my-pass'[\s\S]*assigns bit<16> to bit<8>/);
  });

  it("refuses a constant that does not fit its width, and an unknown header", () => {
    const p = base();
    const span = syntheticSpan();
    const bad: ir.Program = {
      ...p,
      ingress: [
        { kind: "Assign", target: { loc: { kind: "meta", field: "x" } }, value: { kind: "Const", type: { kind: "bit", width: 8 }, value: 256n, span }, span },
        { kind: "SetValidity", ref: { header: "nope" }, valid: true, span },
      ],
    };
    expect(() => validateProgram(bad, "p")).toThrow(/256 does not fit bit<8>[\s\S]*unknown header 'nope'/);
  });

  it("refuses next/last outside the parser and a transition to a missing state", () => {
    const p = base();
    const span = syntheticSpan();
    const bad: ir.Program = {
      ...p,
      ingress: [{ kind: "SetValidity", ref: { header: "tags", index: "next" }, valid: true, span }],
      parser: { ...p.parser, states: [{ ...p.parser.states[0]!, transition: { kind: "Goto", target: "missing", span } }] },
    };
    expect(() => validateProgram(bad, "p")).toThrow(/transition to unknown state 'missing'[\s\S]*tags\.next outside the parser/);
  });
});
