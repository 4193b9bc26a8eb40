// Short source-like text of expressions, for diagnostic messages.
//
// The checker has the AST, not the source text; messages name the culprit
// the way it was written (`ip.ttl`, `vlan[0]`, `t.apply().hit`). Long or
// compound expressions are abbreviated so a message stays one line.

import type * as ast from "./ast.js";

export function exprText(e: ast.Expr): string {
  const text = render(e);
  return text.length > 40 ? text.slice(0, 37) + "…" : text;
}

function render(e: ast.Expr): string {
  switch (e.kind) {
    case "IntLit":
      return e.text;
    case "BoolLit":
      return String(e.value);
    case "Name":
      return e.name.name;
    case "ErrorLit":
      return `error.${e.member.name}`;
    case "Member":
      return `${render(e.object)}.${e.member.name}`;
    case "Index":
      return `${render(e.object)}[${render(e.index)}]`;
    case "Slice":
      return `${render(e.object)}[${render(e.hi)}:${render(e.lo)}]`;
    case "Call":
      return `${render(e.callee)}(${e.args.length > 0 ? "…" : ""})`;
    case "Unary":
      return `${e.op}${render(e.operand)}`;
    case "Binary":
      return `${render(e.left)} ${e.op} ${render(e.right)}`;
    case "Cast":
      return `${render(e.expr)} as ${typeText(e.type)}`;
    case "Cond":
      return `${render(e.cond)} ? … : …`;
    case "List":
      return "{…}";
  }
}

export function typeText(t: ast.TypeExpr): string {
  switch (t.kind) {
    case "BitType":
      return `bit<${t.width}>`;
    case "BoolType":
      return "bool";
    case "ErrorType":
      return "error";
    case "NamedType":
      return t.name.name;
    case "StackType":
      return `${t.element.name}[${t.size}]`;
  }
}
