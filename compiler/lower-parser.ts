// Lowering of the parser: states, their statements and transitions.
//
// States keep source order, except that `start` comes first (the IR's
// entry state). `extract(s.next)` / `s.last` stay symbolic ("next"/"last")
// until the unroll-parser-loops pass. Select cases after a `default` can
// never match, so they are dropped; the default becomes the select's
// `default` target. All locals of the parser share one frame: a `let` in a
// state is a program-wide local like any other.

import type * as ast from "../lang/ast.js";
import type * as ir from "./ir.js";
import { widthOf } from "./ir.js";
import { type Frame, type Lowerer, LoweringError, newFrame } from "./lower-context.js";
import { lowerPureExpr } from "./lower-expr.js";
import { keysetPattern } from "./lower-patterns.js";
import { lowerLValue, lowerLet } from "./lower-stmt.js";

export function lowerParser(lw: Lowerer, decl: ast.ParserDecl): ir.Parser {
  const fr = newFrame();
  const ordered = [...decl.states.filter((s) => s.name.name === "start"), ...decl.states.filter((s) => s.name.name !== "start")];
  return { states: ordered.map((s) => lowerState(lw, fr, s)), span: decl.span };
}

function lowerState(lw: Lowerer, fr: Frame, s: ast.StateDecl): ir.ParserState {
  const body: ir.ParserStmt[] = [];
  for (const stmt of s.body) body.push(lowerParserStmt(lw, fr, stmt));
  if (!s.transition) throw new LoweringError(`state '${s.name.name}' has no transition`, s.span);
  return { name: s.name.name, body, transition: lowerTransition(lw, fr, s.transition), span: s.span };
}

function lowerParserStmt(lw: Lowerer, fr: Frame, s: ast.Stmt): ir.ParserStmt {
  switch (s.kind) {
    case "Let": {
      const pre: ir.Stmt[] = [];
      const assign = lowerLet(lw, fr, s, pre);
      if (pre.length > 0) throw new LoweringError("a table apply or meter execute cannot appear in the parser", s.span);
      return assign;
    }
    case "Assign":
      return {
        kind: "Assign",
        target: lowerLValue(lw, fr, s.target),
        value: lowerPureExpr(lw, fr, s.value, "the parser"),
        span: s.span,
      };
    case "CallStmt":
      return lowerParserCall(lw, fr, s.call);
    default:
      throw new LoweringError(`a ${s.kind} statement cannot appear in a parser state`, s.span);
  }
}

function lowerParserCall(lw: Lowerer, fr: Frame, call: ast.CallExpr): ir.ParserStmt {
  const builtin = call.callee.kind === "Name" ? lw.symbol(call.callee) : undefined;
  const [first, second] = call.args;
  if (builtin?.kind === "builtin" && first) {
    switch (builtin.name) {
      case "extract":
        return { kind: "Extract", ref: lw.requireHeaderRef(first), span: call.span };
      case "advance":
        return { kind: "Advance", bytes: lowerPureExpr(lw, fr, first, "the parser"), span: call.span };
      case "verify":
        if (!second) break;
        return {
          kind: "Verify",
          cond: lowerPureExpr(lw, fr, first, "the parser"),
          error: Number(lw.constValue(second)),
          span: call.span,
        };
      default:
        break;
    }
  }
  throw new LoweringError("this call cannot appear in a parser state", call.span);
}

function lowerTransition(lw: Lowerer, fr: Frame, t: ast.Transition): ir.Transition {
  if (t.kind === "DirectTransition") return { kind: "Goto", target: t.target.name, span: t.span };
  const keys = t.keys.map((k) => lowerPureExpr(lw, fr, k, "the parser"));
  const cases: ir.SelectCase[] = [];
  for (const c of t.cases) {
    if (c.isDefault) return { kind: "Select", keys, cases, default: c.target.name, span: t.span };
    if (c.patterns.length !== keys.length) {
      throw new LoweringError(`a select case has ${c.patterns.length} values for ${keys.length} keys`, c.span);
    }
    const patterns = c.patterns.map((p, i) => keysetPattern(lw, p, widthOf(keys[i]!.type)));
    cases.push({ patterns, target: c.target.name, span: c.span });
  }
  return { kind: "Select", keys, cases, span: t.span };
}
