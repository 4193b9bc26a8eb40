// What the RMT target refuses, with the target, the feature and the line: a
// program that needs more stages than the chip has (40 dependent tables on
// tofino1), ALU operations the action units cannot do, registers used from
// two stages. And what the ILP buys over greedy on a program made for it.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { compileRmt } from "../../targets/rmt/index.js";

const programOf = (source: string) => {
  const { program, diagnostics } = compile(source, { file: "test.pnet" });
  expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return program!;
};

/** n tables, each keyed on the metadata the previous one writes: a chain of n match dependencies. */
function chain(n: number): string {
  const meta = Array.from({ length: n + 1 }, (_, i) => `  x${i}: bit<8>;`).join("\n");
  const tables = Array.from({ length: n }, (_, i) => `action s${i + 1}(v: bit<8>) { meta.x${i + 1} = v; }\ntable t${i + 1} { key { meta.x${i}: exact; } actions { s${i + 1}; } size = 16; }`).join("\n");
  const applies = Array.from({ length: n }, (_, i) => `  t${i + 1}.apply();`).join("\n");
  return `header h_t { a: bit<8>; }
headers { h: h_t; }
metadata {
${meta}
}
parser { state start { extract(h); meta.x0 = h.a; transition accept; } }
${tables}
control ingress {
${applies}
  forward(1);
}
deparser { emit(h); }
`;
}

describe("rmt limits", () => {
  it("40 dependent tables do not fit tofino1's 12 stages: E0806 names the chain and the stage count", async () => {
    const result = await compileRmt(programOf(chain(40)), { profile: "tofino1", placer: "ilp" });
    expect(result.config).toBeUndefined();
    const d = result.diagnostics.find((x) => x.code === "E0806");
    expect(d?.message).toMatch(/target rmt \(tofino1\): the program does not fit: the dependency chain t1 -\(match\)-> t2 .* needs 40 stages; tofino1 has 12/);
    expect(result.report).toMatch(/greedy: does not fit/);
  });
  it("the same chain fits rmt13's 32 stages up to 32 tables, and both placers use one stage per table", async () => {
    const result = await compileRmt(programOf(chain(32)), { profile: "rmt13", placer: "ilp" });
    expect(result.stages).toEqual({ greedy: 32, ilp: 32 });
  });
  it.each([
    ["meta.a = meta.b * meta.c;", /multiplying two variables/],
    ["meta.a = meta.b * 3;", /multiplying by 3 \(not a power of two\)/],
    ["meta.w = meta.w + meta.v;", /64-bit '\+'/],
    ["meta.a = meta.b << meta.c;", /a shift by a variable amount/],
  ])("refuses `%s` in an action with E0801, naming the target and the line", async (stmt, why) => {
    const source = `header h_t { a: bit<8>; }
headers { h: h_t; }
metadata { a: bit<8>; b: bit<8>; c: bit<8>; w: bit<64>; v: bit<64>; }
parser { state start { extract(h); transition accept; } }
action act() {
  ${stmt}
}
table t { key { h.a: exact; } actions { act; } size = 4; }
control ingress { t.apply(); forward(1); }
deparser { emit(h); }
`;
    const result = await compileRmt(programOf(source), { profile: "tofino1" });
    expect(result.config).toBeUndefined();
    const d = result.diagnostics.find((x) => x.code === "E0801");
    expect(d?.message).toMatch(/^target rmt: action act of table t, writing meta\.\w+ \(line 6\): /);
    expect(d?.message).toMatch(why);
    expect(d?.span.line).toBe(6);
  });
});
