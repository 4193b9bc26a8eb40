// Syntax errors: every code the lexer and parser report, at the right span,
// the recovery that lets one run report several errors, and the guarantee
// that parsing never throws (deep nesting, huge literals, garbage).

import { describe, expect, it } from "vitest";
import type * as ast from "../../lang/ast.js";
import { MAX_NESTING, parseProgram } from "../../lang/parser.js";
import { SourceFile } from "../../lang/source.js";

function parse(text: string): { program: ast.Program; found: string[] } {
  const { program, diagnostics } = parseProgram(new SourceFile("t.pnet", text));
  return { program, found: diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.col}+${d.span.end - d.span.start}`) };
}

/** `code line:col+length` of each diagnostic, in source order. */
const codes = (text: string): string[] => parse(text).found;

function messages(text: string): string[] {
  return parseProgram(new SourceFile("t.pnet", text)).diagnostics.map((d) => `${d.code}: ${d.message}${d.hint ? ` | ${d.hint}` : ""}`);
}

describe("each syntax error code, at its span", () => {
  it.each([
    ["E0002 unrecognised character", "const A: bit<8> = 1 # 2;", ["E0002 1:21+1"]],
    ["E0003 unterminated comment", "const A: bit<8> = 1; /* x", ["E0003 1:22+2"]],
    ["E0004 malformed number", "const A: bit<8> = 0x;", ["E0004 1:19+2"]],
    ["E0005 malformed IPv4", "const A: bit<32> = 1.2.3.999;", ["E0005 1:20+9"]],
    ["E0101 unexpected token", "const A bit<8> = 1;", ["E0101 1:9+3"]],
    ["E0102 missing `;`", "control c {\n  x = 1\n  y = 2;\n}", ["E0102 3:3+1"]],
    ["E0103 unclosed `{` at the end", "control c {\n  if (a) {\n    x = 1;\n  }\n", ["E0103 5:1+0"]],
    ["E0103 unclosed `{` before a declaration", "control c {\n  x = 1;\ncontrol d { }", ["E0103 3:1+7"]],
    ["E0103 unclosed `(`", "control c { f(a b); }", ["E0103 1:17+1"]],
    ["E0104 stray `}`", "control c { }\n}\ncontrol d { }", ["E0104 2:1+1"]],
    ["E0105 missing expression", "control c { x = ; }", ["E0105 1:17+1"]],
    ["E0106 not a declaration", "const A: bit<8> = 1;\nforward(1);", ["E0106 2:1+7"]],
    ["E0107 expression as a statement", "control c { x + 1; }", ["E0107 1:13+5"]],
    ["E0107 not a statement", "control c { else { } }", ["E0107 1:13+4"]],
    ["E0108 state without transition", "parser { state s { extract(h); } }", ["E0108 1:32+1"]],
    ["E0109 `=` in a condition", "control c { if (a = 1) { } }", ["E0109 1:19+1"]],
    ["E0110 reserved word as a name", "header h { size: bit<8>; }", ["E0110 1:12+4"]],
    ["E0111 nested too deeply", `const A: bit<8> = ${"(".repeat(500)}1${")".repeat(500)};`, [`E0111 1:${19 + MAX_NESTING}+1`]],
    ["E0112 repeated table property", "table t { size = 1; size = 2; }", ["E0112 1:21+9"]],
    ["E0113 unknown table property", "table t { priority = 1; }", ["E0113 1:11+8"]],
    ["E0114 malformed type", "header h { a: bit; }", ["E0114 1:15+3"]],
    ["E0115 prefix in a select", "parser { state s { transition select (a) { 10.0.0.0/8: accept; } } }", ["E0115 1:44+10"]],
    ["E0116 unknown match kind", "table t { key { a: longest; } }", ["E0116 1:20+7"]],
    ["E0119 body without braces", "control c { if (a) drop(); }", ["E0119 1:20+7"]],
  ])("%s", (_, source, expected) => {
    expect(codes(source)).toEqual(expected);
  });

  it("E0117 stops after too many errors", () => {
    const found = codes(`control c {\n${"  x = ;\n".repeat(80)}}`);
    expect(found.length).toBe(51);
    expect(found.slice(0, 2)).toEqual(["E0105 2:7+1", "E0105 3:7+1"]);
    expect(found[50]).toBe("E0117 51:7+1");
  });
});

describe("messages say what to do", () => {
  it("a missing `;` names the line of the statement it ends", () => {
    expect(messages("control c {\n  x = 1\n  y = 2;\n}")).toEqual(["E0102: expected `;` after the statement, found `y` | add `;` after `1` on line 2"]);
  });
  it("an unclosed block names where it opened", () => {
    const [d] = parseProgram(new SourceFile("t.pnet", "control c {\n  if (a) {\n  }\n")).diagnostics;
    expect(d!.message).toBe("expected `}` to close the block opened at line 1, column 11, found the end of the file");
    expect(d!.related).toEqual([{ span: expect.objectContaining({ line: 1, col: 11 }), message: "the block opened here" }]);
  });
  it("a missing transition", () => {
    expect(messages("parser { state s { } }")).toEqual([
      "E0108: expected `transition` at the end of the state, found `}` | every state ends with `transition <state>;`, `transition accept;` or `transition select (…) { … }`",
    ]);
  });
  it("`=` where `==` was meant, in conditions and arguments", () => {
    expect(messages("control c { if (a = b) { } verify(v = 4, E); }")).toEqual([
      "E0109: `=` assigns and cannot appear inside an expression | to compare two values, write `==`",
      "E0109: `=` assigns and cannot appear inside an expression | to compare two values, write `==`",
    ]);
  });
  it("`==` where `=` was meant", () => {
    expect(messages("control c { x == 1; }")).toEqual(["E0107: this expression is not a statement: its value would be thrown away | `==` compares; to assign, write `=`"]);
  });
  it("an action call without parentheses", () => {
    expect(messages("table t { default_action = nop; }")).toEqual([
      "E0101: expected `(` after the action name, found `;` | an action call has parentheses even without arguments, e.g. `drop_packet()`",
    ]);
  });
});

describe("recovery", () => {
  it("reports several errors in one run and keeps the declarations around them", () => {
    const { program, found } = parse(
      [
        "header h { a: bit<8>; }",
        "control c {",
        "  x = ;",
        "  y = 1",
        "  z = 2;",
        "}",
        "table t { key { a: exact } }",
        "control d { drop(); }",
      ].join("\n"),
    );
    expect(found).toEqual(["E0105 3:7+1", "E0102 5:3+1", "E0102 7:26+1"]);
    expect(program.decls.map((d) => d.kind)).toEqual(["Header", "Control", "Table", "Control"]);
    const c = program.decls[1] as ast.ControlDecl;
    expect(c.body.stmts.map((s) => s.kind)).toEqual(["Assign", "Assign", "Assign"]);
  });

  it("resumes at the next declaration after tokens that cannot start one", () => {
    const { program, found } = parse("const A: bit<8> = 1;\nforward(1);\nstate s { }\nconst B: bit<8> = 2;\n} }\ncontrol c { }");
    expect(found).toEqual(["E0106 2:1+7", "E0104 5:1+1"]);
    expect(program.decls.map((d) => (d as ast.ConstDecl | ast.ControlDecl).name.name)).toEqual(["A", "B", "c"]);
  });

  it("an unfinished declaration at the end of the file is kept", () => {
    const { program } = parse("control ingress {\n  drop();\n  if (a) {\n    exit;\n");
    const c = program.decls[0] as ast.ControlDecl;
    expect(c.body.stmts.map((s) => s.kind)).toEqual(["CallStmt", "If"]);
  });

  it("no cascade after an unrecognised character or an unterminated comment", () => {
    expect(codes("control c {\n  x = y @ 2;\n  z = 1;\n}")).toEqual(["E0002 2:9+1"]);
    expect(codes("control c {\n  x = 1; /* to the end\n  z = 1;\n}")).toEqual(["E0003 2:10+2"]);
  });

  it("a missing `;` is reported once, not again as a useless expression", () => {
    expect(codes("control c { x = a b; }")).toEqual(["E0102 1:19+1"]);
  });

  it("placeholder nodes of a recovered parse are well formed", () => {
    const { program } = parse("const A: bit<8> = ;\ntable t { default_action = ; entries { (1, ): a(); } }\nparser { state s { transition select (x) { : accept; } } }");
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (node === null || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      if ("span" in n) {
        const span = n.span as ast.Program["span"];
        expect(Number.isInteger(span.start) && Number.isInteger(span.end) && span.line >= 1 && span.col >= 1).toBe(true);
        expect(typeof n.kind).toBe("string");
      }
      Object.values(n).forEach(visit);
    };
    visit(program);
  });
});

describe("limits", () => {
  it(`${MAX_NESTING} levels of brackets parse; more is E0111, never a stack overflow`, () => {
    const parens = (n: number): string => `const A: bit<8> = ${"(".repeat(n)}1${")".repeat(n)};`;
    expect(codes(parens(MAX_NESTING))).toEqual([]);
    expect(codes(parens(500))[0]).toMatch(/^E0111 /);
    const blocks = (n: number): string => `control c { ${"if (a) {".repeat(n - 1)}${"}".repeat(n - 1)} }`;
    expect(codes(blocks(MAX_NESTING))).toEqual([]);
    expect(codes(blocks(5000))[0]).toMatch(/^E0111 /);
    // an error at the deepest point must not exhaust the stack while recovering
    expect(codes(`control c { x = ${"f(".repeat(MAX_NESTING - 1)}1 2${")".repeat(MAX_NESTING - 1)}; }`)[0]).toMatch(/^E0103 /);
  });

  it("long prefix-operator, `?:` and else-if chains are loops, not recursion", () => {
    expect(codes(`const A: bit<8> = ${"!".repeat(50_000)}1;`)).toEqual([]);
    expect(codes(`const A: bit<8> = ${"a ? b : ".repeat(20_000)}1;`)).toEqual([]);
    expect(codes(`control c { if (a) { } ${"else if (a) { } ".repeat(20_000)}else { } }`)).toEqual([]);
  });

  it("a 1 MB program parses in bounded time", () => {
    const unit = (i: number): string =>
      `action a${i}(p: bit<16>) { forward(p); ip.ttl = ip.ttl - 1; }\n` +
      `table t${i} { key { ip.dst: lpm; meta.vrf: exact; } actions { a${i}; } default_action = a${i}(0); size = 1024;\n` +
      `  entries { (10.0.0.0/8, 1): a${i}(1); (0x0a000000/8, 2): a${i}(2); } }\n` +
      `control c${i} { if (ip.isValid() && ip.ttl > 1) { t${i}.apply(); } else { drop(); } let h: bit<32> = hash(crc32, {ip.src, ip.dst}); }\n`;
    let text = "";
    for (let i = 0; text.length < 1_000_000; i++) text += unit(i);
    const started = performance.now();
    const { program, found } = parse(text);
    const elapsed = performance.now() - started;
    expect(found).toEqual([]);
    expect(program.decls.length).toBeGreaterThan(5_000);
    expect(elapsed).toBeLessThan(5_000);
  });
});
