// Parser tests: every construct of the language parses into the AST of
// lang/ast.ts (kinds, names, values, spans), and expressions follow the
// precedence table of spec §5.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type * as ast from "../../lang/ast.js";
import { parseProgram } from "../../lang/parser.js";
import { SourceFile } from "../../lang/source.js";

function parse(text: string): ast.Program {
  const { program, diagnostics } = parseProgram(new SourceFile("t.pnet", text));
  expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return program;
}

/** A compact, hand-checkable rendering of expressions, types and patterns. */
function sx(n: ast.Expr | ast.TypeExpr | ast.Pattern): string {
  switch (n.kind) {
    case "IntLit":
      return n.text;
    case "BoolLit":
      return String(n.value);
    case "Name":
      return n.name.name;
    case "ErrorLit":
      return `error.${n.member.name}`;
    case "Member":
      return `${sx(n.object)}.${n.member.name}`;
    case "Index":
      return `${sx(n.object)}[${sx(n.index)}]`;
    case "Slice":
      return `${sx(n.object)}[${sx(n.hi)}:${sx(n.lo)}]`;
    case "Call": {
      const typeArgs = n.typeArgs.length > 0 ? `<${n.typeArgs.map(sx).join(", ")}>` : "";
      return `${sx(n.callee)}${typeArgs}(${n.args.map(sx).join(", ")})`;
    }
    case "Unary":
      return `(${n.op}${sx(n.operand)})`;
    case "Binary":
      return `(${sx(n.left)} ${n.op} ${sx(n.right)})`;
    case "Cast":
      return `(${sx(n.expr)} as ${sx(n.type)})`;
    case "Cond":
      return `(${sx(n.cond)} ? ${sx(n.then)} : ${sx(n.else)})`;
    case "List":
      return `{${n.elements.map(sx).join(", ")}}`;
    case "BitType":
      return `bit<${n.width}>`;
    case "BoolType":
      return "bool";
    case "ErrorType":
      return "error";
    case "NamedType":
      return n.name.name;
    case "StackType":
      return `${n.element.name}[${n.size}]`;
    case "ValuePattern":
      return sx(n.value);
    case "MaskPattern":
      return `${sx(n.value)} &&& ${sx(n.mask)}`;
    case "RangePattern":
      return `${sx(n.lo)}..${sx(n.hi)}`;
    case "PrefixPattern":
      return `${sx(n.value)}/${n.prefixLength}`;
    case "WildcardPattern":
      return "_";
  }
}

/** Parses `e` as the value of a constant. */
function expr(e: string): ast.Expr {
  const decl = parse(`const X: bit<8> = ${e};`).decls[0] as ast.ConstDecl;
  return decl.value;
}

/** The statements of `control c { … }`. */
function stmts(body: string): readonly ast.Stmt[] {
  return (parse(`control c { ${body} }`).decls[0] as ast.ControlDecl).body.stmts;
}

describe("precedence (spec §5)", () => {
  it.each([
    ["a & mask == 0", "((a & mask) == 0)"],
    ["a + b << c", "((a + b) << c)"],
    ["x as bit<8> * y", "((x as bit<8>) * y)"],
    ["!a && b || c", "(((!a) && b) || c)"],
    ["a || b && c", "(a || (b && c))"],
    ["a - b - c", "((a - b) - c)"],
    ["a * b + c * d", "((a * b) + (c * d))"],
    ["a ++ b + c", "((a ++ b) + c)"],
    ["a | b ^ c & d", "(a | (b ^ (c & d)))"],
    ["a << 1 & b", "((a << 1) & b)"],
    ["a < b == c", "((a < b) == c)"],
    ["a == b && c != d", "((a == b) && (c != d))"],
    ["~a as bit<4>", "((~a) as bit<4>)"],
    ["!!a", "(!(!a))"],
    ["x as bit<8> as bit<16>", "((x as bit<8>) as bit<16>)"],
    ["a ? b : c ? d : e", "(a ? b : (c ? d : e))"],
    ["a ? b ? c : d : e", "(a ? (b ? c : d) : e)"],
    ["a || b ? c + 1 : d", "((a || b) ? (c + 1) : d)"],
    ["(a + b) * c", "((a + b) * c)"],
    ["h.f[7:0] ++ s[1].g", "(h.f[7:0] ++ s[1].g)"],
    ["t.apply().hit && !u.apply().miss", "(t.apply().hit && (!u.apply().miss))"],
    ["a >> 2 >= b", "((a >> 2) >= b)"],
  ])("%s", (source, tree) => {
    expect(sx(expr(source))).toBe(tree);
  });
});

describe("examples", () => {
  const dir = new URL("../../examples/", import.meta.url);
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".pnet"))
    : [];
  it.skipIf(files.length === 0)("every examples/**/*.pnet parses without diagnostics (skipped: no examples yet)", () => {
    for (const file of files) {
      const { diagnostics } = parseProgram(new SourceFile(file, readFileSync(new URL(file, dir), "utf8")));
      expect(diagnostics.map((d) => `${file}:${d.span.line}:${d.span.col} ${d.message}`)).toEqual([]);
    }
  });
});

describe("statements (spec §6)", () => {
  it("assignment, call, let, exit", () => {
    const [assign, call, let_, exit] = stmts("ip.ttl = ip.ttl - 1; forward(port); let t: bit<16> = 5; exit;");
    expect(assign).toMatchObject({ kind: "Assign", target: { kind: "Member" }, value: { kind: "Binary", op: "-" } });
    expect(call).toMatchObject({ kind: "CallStmt", call: { kind: "Call", callee: { kind: "Name", name: { name: "forward" } } } });
    expect(let_).toMatchObject({ kind: "Let", name: { name: "t" }, type: { kind: "BitType", width: 16 }, value: { kind: "IntLit", value: 5n } });
    expect(exit).toMatchObject({ kind: "Exit" });
  });
});
