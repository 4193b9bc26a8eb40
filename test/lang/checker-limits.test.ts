// E0512: a table has at most 256 actions, the implicit NoAction included
// (the action that ran is recorded in 8 bits for `switch`).

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";

function program(actions: number, withDefault: boolean): string {
  const names = Array.from({ length: actions }, (_, i) => `a${i}`);
  return `
header h_t { x: bit<8>; }
headers { h: h_t; }
parser { state start { extract(h); transition accept; } }
${names.map((n) => `action ${n}() { }`).join("\n")}
table t {
    key { h.x: exact; }
    actions { ${names.join("; ")}; }
    ${withDefault ? "default_action = a0();" : ""}
}
control ingress { t.apply(); }
deparser { emit(h); }
`;
}

const codes = (source: string) => compile(source, { file: "t.pnet" }).diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.col}`);

describe("E0512 — more than 256 actions in a table", () => {
  it("accepts 256 actions with a default, and 255 without (NoAction is the 256th)", () => {
    expect(codes(program(256, true))).toEqual([]);
    expect(codes(program(255, false))).toEqual([]);
  });

  it("refuses 257 actions, and 256 without a default, at the first action past the limit", () => {
    // The actions list is line 7 + n (a blank line, 3 prelude lines, n action lines, `table t {`, `key`).
    // Its first name is at column 15; before `a<k>` (k ≥ 100) stand a0..a9 (4 characters each
    // with "; "), a10..a99 (5 each) and a100..a<k-1> (6 each).
    const column = (k: number) => 15 + 10 * 4 + 90 * 5 + (k - 100) * 6;
    expect(codes(program(257, true))).toEqual([`E0512@${7 + 257}:${column(256)}`]);
    expect(codes(program(256, false))).toEqual([`E0512@${7 + 256}:${column(255)}`]);
  });
});

describe("NoAction is predeclared", () => {
  it("refuses a program's own action NoAction (E0202), which would replace every table's implicit default", () => {
    const source = program(2, false).replace("action a0() { }", "action NoAction() { drop(); }\naction a0() { }");
    const result = compile(source, { file: "t.pnet" });
    expect(result.diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.col}`)).toEqual(["E0202@5:8"]);
    expect(result.diagnostics[0]!.message).toBe("`NoAction` is a built-in name and cannot be declared again");
  });
});
