// Generic traversals of the IR, so that passes and the validator describe
// only what they change or check, not how to walk every node kind.

import type * as ir from "./ir.js";

/** The direct sub-expressions of an expression. */
export function childExprs(e: ir.Expr): readonly ir.Expr[] {
  switch (e.kind) {
    case "Const":
    case "Read":
    case "IsValid":
    case "Lookahead":
      return [];
    case "Unary":
      return [e.operand];
    case "Binary":
    case "Concat":
      return [e.left, e.right];
    case "Slice":
    case "Cast":
      return [e.expr];
    case "Cond":
      return [e.cond, e.then, e.else];
    case "Hash":
    case "Checksum16":
      return e.inputs;
    case "CsumUpdate":
      return [e.sum, e.old, e.new];
    case "RegisterRead":
      return [e.index];
  }
}

/** Rebuilds an expression bottom-up: `f` sees each node after its children were mapped. */
export function mapExpr(e: ir.Expr, f: (e: ir.Expr) => ir.Expr): ir.Expr {
  const m = (x: ir.Expr) => mapExpr(x, f);
  switch (e.kind) {
    case "Const":
    case "Read":
    case "IsValid":
    case "Lookahead":
      return f(e);
    case "Unary":
      return f({ ...e, operand: m(e.operand) });
    case "Binary":
    case "Concat":
      return f({ ...e, left: m(e.left), right: m(e.right) });
    case "Slice":
    case "Cast":
      return f({ ...e, expr: m(e.expr) });
    case "Cond":
      return f({ ...e, cond: m(e.cond), then: m(e.then), else: m(e.else) });
    case "Hash":
    case "Checksum16":
      return f({ ...e, inputs: e.inputs.map(m) });
    case "CsumUpdate":
      return f({ ...e, sum: m(e.sum), old: m(e.old), new: m(e.new) });
    case "RegisterRead":
      return f({ ...e, index: m(e.index) });
  }
}

/** Calls `f` on every expression node, outermost first. */
export function walkExpr(e: ir.Expr, f: (e: ir.Expr) => void): void {
  f(e);
  for (const c of childExprs(e)) walkExpr(c, f);
}

/** The expressions a statement evaluates itself (not those of nested statements). */
export function stmtExprs(s: ir.Stmt | ir.ParserStmt): readonly ir.Expr[] {
  switch (s.kind) {
    case "Assign":
      return [s.value];
    case "If":
      return [s.cond];
    case "CallAction":
      return s.args;
    case "Verdict":
      return s.arg ? [s.arg] : [];
    case "RegisterWrite":
      return [s.index, s.value];
    case "Count":
    case "MeterExecute":
      return [s.index];
    case "DigestSend":
      return s.values;
    case "Advance":
      return [s.bytes];
    case "Verify":
      return [s.cond];
    case "ApplyTable":
    case "SetValidity":
    case "StackShift":
    case "Exit":
    case "Extract":
      return [];
  }
}

/** Maps the expressions a statement evaluates itself (nested statements untouched). */
export function mapStmtExprs<S extends ir.Stmt | ir.ParserStmt>(s: S, f: (e: ir.Expr) => ir.Expr): S {
  return mapOwnExprs(s, f) as S;
}

function mapOwnExprs(s: ir.Stmt | ir.ParserStmt, f: (e: ir.Expr) => ir.Expr): ir.Stmt | ir.ParserStmt {
  switch (s.kind) {
    case "Assign":
      return { ...s, value: f(s.value) };
    case "If":
      return { ...s, cond: f(s.cond) };
    case "CallAction":
      return { ...s, args: s.args.map(f) };
    case "Verdict":
      return s.arg ? { ...s, arg: f(s.arg) } : s;
    case "RegisterWrite":
      return { ...s, index: f(s.index), value: f(s.value) };
    case "Count":
    case "MeterExecute":
      return { ...s, index: f(s.index) };
    case "DigestSend":
      return { ...s, values: s.values.map(f) };
    case "Advance":
      return { ...s, bytes: f(s.bytes) };
    case "Verify":
      return { ...s, cond: f(s.cond) };
    case "ApplyTable":
    case "SetValidity":
    case "StackShift":
    case "Exit":
    case "Extract":
      return s;
  }
}

/** Calls `f` on every statement, outermost first, descending into if branches. */
export function walkStmts(stmts: readonly ir.Stmt[], f: (s: ir.Stmt) => void): void {
  for (const s of stmts) {
    f(s);
    if (s.kind === "If") {
      walkStmts(s.then, f);
      walkStmts(s.else, f);
    }
  }
}

/** Maps every expression of every statement, nested ones included. */
export function mapStmtsExprs(stmts: readonly ir.Stmt[], f: (e: ir.Expr) => ir.Expr): ir.Stmt[] {
  return stmts.map((s) => {
    const mapped = mapStmtExprs(s, f);
    return mapped.kind === "If"
      ? { ...mapped, then: mapStmtsExprs(mapped.then, f), else: mapStmtsExprs(mapped.else, f) }
      : mapped;
  });
}

/** Calls `f` on every expression node of the program: parser, ingress, actions and table keys. */
export function forEachExpr(program: ir.Program, f: (e: ir.Expr) => void): void {
  const visitStmts = (stmts: readonly ir.Stmt[]): void => walkStmts(stmts, (s) => stmtExprs(s).forEach((e) => walkExpr(e, f)));
  for (const st of program.parser.states) {
    for (const s of st.body) stmtExprs(s).forEach((e) => walkExpr(e, f));
    if (st.transition.kind === "Select") st.transition.keys.forEach((e) => walkExpr(e, f));
  }
  visitStmts(program.ingress);
  for (const a of program.actions) visitStmts(a.body);
  for (const t of program.tables) t.keys.forEach((k) => walkExpr(k.expr, f));
}
