// Lowering of control and action statements, with control inlining.
//
// `c.apply()` is replaced by the body of control c (recursively, each time
// with fresh locals), so ingress is one statement list and `exit` simply ends
// it. `switch (t.apply().action)` becomes an ApplyTable that writes the index
// of the action that ran (into Table.actions) to a `$action_t` local, then an
// if/else chain comparing that local with each label's index; labels sharing
// a body are joined with `||`, and `default` is the final else. Call
// statements are resolved here through the checker's symbols: verdicts,
// direct action calls, header validity, stack shifts and extern methods.

import type * as ast from "../lang/ast.js";
import * as ir from "./ir.js";
import { type Frame, type Lowerer, LoweringError, constExpr, newFrame, readLocal } from "./lower-context.js";
import { lowerExpr, lowerValues } from "./lower-expr.js";
import { tableActionNames } from "./lower-tables.js";

const VERDICTS: ReadonlySet<string> = new Set<ir.Verdict>(["forward", "drop", "to_host", "bounce", "multicast"]);

export class StmtLowerer {
  /** The controls being inlined, innermost last (guards against recursion the checker missed). */
  private readonly inlining: ast.ControlDecl[] = [];

  constructor(private readonly lw: Lowerer) {}

  /** The body of a control with every `c.apply()` inlined. */
  lowerControl(control: ast.ControlDecl): ir.Stmt[] {
    if (this.inlining.includes(control)) {
      throw new LoweringError(`control '${control.name.name}' applies itself (recursion)`, control.span);
    }
    this.inlining.push(control);
    const out: ir.Stmt[] = [];
    this.lowerStmts(newFrame(), control.body.stmts, out);
    this.inlining.pop();
    return out;
  }

  lowerAction(action: ast.ActionDecl): ir.Stmt[] {
    const out: ir.Stmt[] = [];
    this.lowerStmts(newFrame(action), action.body.stmts, out);
    return out;
  }

  private lowerStmts(fr: Frame, stmts: readonly ast.Stmt[], out: ir.Stmt[]): void {
    for (const s of stmts) this.lowerStmt(fr, s, out);
  }

  private block(fr: Frame, stmts: readonly ast.Stmt[]): ir.Stmt[] {
    const out: ir.Stmt[] = [];
    this.lowerStmts(fr, stmts, out);
    return out;
  }

  private lowerStmt(fr: Frame, s: ast.Stmt, out: ir.Stmt[]): void {
    const lw = this.lw;
    switch (s.kind) {
      case "Assign": {
        const value = lowerExpr(lw, fr, s.value, out);
        out.push({ kind: "Assign", target: lowerLValue(lw, fr, s.target), value, span: s.span });
        return;
      }
      case "Let":
        out.push(lowerLet(lw, fr, s, out));
        return;
      case "If":
        out.push(this.lowerIf(fr, s, out));
        return;
      case "Switch":
        this.lowerSwitch(fr, s, out);
        return;
      case "Block":
        this.lowerStmts(fr, s.stmts, out);
        return;
      case "CallStmt":
        this.lowerCallStmt(fr, s.call, out);
        return;
      case "Exit":
        out.push({ kind: "Exit", span: s.span });
        return;
    }
  }

  /** An if/else-if chain: each `else if` condition's hoisted effects run inside the previous else. */
  private lowerIf(fr: Frame, s: ast.IfStmt, out: ir.Stmt[]): ir.IfStmt {
    const cond = lowerExpr(this.lw, fr, s.cond, out);
    const then = this.block(fr, s.then.stmts);
    let otherwise: ir.Stmt[] = [];
    if (s.else?.kind === "Block") otherwise = this.block(fr, s.else.stmts);
    else if (s.else) {
      otherwise = [];
      otherwise.push(this.lowerIf(fr, s.else, otherwise));
    }
    return { kind: "If", cond, then, else: otherwise, span: s.span };
  }

  private lowerSwitch(fr: Frame, s: ast.SwitchStmt, out: ir.Stmt[]): void {
    const lw = this.lw;
    const subject = s.subject;
    const table = subject.kind === "Member" && subject.member.name === "action" ? lw.tableApplied(subject.object) : undefined;
    if (!table || subject.kind !== "Member") throw new LoweringError("switch needs `t.apply().action` as its subject", subject.span);
    const name = table.name.name;
    const actions = tableActionNames(table);
    const actionType = ir.bit(8);
    const actionLocal = lw.newLocal(`$action_${name}`, actionType, subject.span);
    out.push({ kind: "ApplyTable", table: name, actionLocal, span: subject.object.span });

    // Bodies are lowered in source order (so local ids follow the source), then chained.
    const arms: { cond: ir.Expr; body: ir.Stmt[]; span: ast.SwitchCase["span"] }[] = [];
    let defaultBody: ir.Stmt[] = [];
    for (const c of s.cases) {
      const body = this.block(fr, c.body.stmts);
      if (c.isDefault) {
        defaultBody = body;
        continue;
      }
      const tests = c.labels.map((label): ir.Expr => {
        const index = actions.indexOf(label.name);
        if (index < 0) throw new LoweringError(`'${label.name}' is not an action of table '${name}'`, label.span);
        return {
          kind: "Binary",
          op: "==",
          left: readLocal(actionLocal, actionType, label.span),
          right: constExpr(BigInt(index), actionType, label.span),
          type: ir.BOOL,
          span: label.span,
        };
      });
      const cond = tests.reduce((a, b) => ({ kind: "Binary", op: "||", left: a, right: b, type: ir.BOOL, span: c.span }));
      arms.push({ cond, body, span: c.span });
    }
    let chain = defaultBody;
    for (let i = arms.length - 1; i >= 0; i--) {
      const arm = arms[i]!;
      chain = [{ kind: "If", cond: arm.cond, then: arm.body, else: chain, span: arm.span }];
    }
    out.push(...chain);
  }

  private lowerCallStmt(fr: Frame, call: ast.CallExpr, out: ir.Stmt[]): void {
    const lw = this.lw;
    const callee = call.callee;
    if (callee.kind === "Name") {
      const s = lw.symbol(callee);
      if (s.kind === "builtin" && VERDICTS.has(s.name)) {
        const [arg] = lowerValues(lw, fr, call.args, out);
        out.push({ kind: "Verdict", verdict: s.name as ir.Verdict, ...(arg ? { arg } : {}), span: call.span });
        return;
      }
      if (s.kind === "action") {
        const args = lowerValues(lw, fr, call.args, out);
        out.push({ kind: "CallAction", action: s.decl.name.name, args, span: call.span });
        return;
      }
    }
    if (callee.kind === "Member") {
      const method = callee.member.name;
      const object = lw.symbolOf(callee.object);
      if (method === "apply" && object?.kind === "table") {
        out.push({ kind: "ApplyTable", table: object.decl.name.name, span: call.span });
        return;
      }
      if (method === "apply" && object?.kind === "control") {
        out.push(...this.lowerControl(object.decl));
        return;
      }
      if (method === "setValid" || method === "setInvalid") {
        out.push({ kind: "SetValidity", ref: lw.requireHeaderRef(callee.object), valid: method === "setValid", span: call.span });
        return;
      }
      if (method === "push_front" || method === "pop_front") {
        const count = call.args[0];
        if (!count) throw new LoweringError(`${method} needs a count`, call.span);
        const header = lw.requireHeaderRef(callee.object).header;
        out.push({ kind: "StackShift", header, direction: method, count: lw.constNumber(count), span: call.span });
        return;
      }
      if (method === "write" && object?.kind === "register") {
        const [index, value] = lowerValues(lw, fr, call.args, out);
        if (!index || !value) throw new LoweringError("a register write takes an index and a value", call.span);
        out.push({ kind: "RegisterWrite", register: object.decl.name.name, index, value, span: call.span });
        return;
      }
      if (method === "count" && object?.kind === "counter") {
        const [index] = lowerValues(lw, fr, call.args, out);
        if (!index) throw new LoweringError("a counter count takes an index", call.span);
        out.push({ kind: "Count", counter: object.decl.name.name, index, span: call.span });
        return;
      }
      if (method === "send" && object?.kind === "digest") {
        const list = call.args[0];
        if (list?.kind !== "List") throw new LoweringError("a digest send takes a `{…}` list", call.span);
        out.push({ kind: "DigestSend", digest: object.decl.name.name, values: lowerValues(lw, fr, list.elements, out), span: call.span });
        return;
      }
    }
    // A value call used as a statement (`m.execute(i);`): keep its hoisted effects, drop the value.
    lowerExpr(lw, fr, call, out);
  }
}

/** `let x: T = e;` → a new local (in this frame) and its assignment; hoisted effects of `e` go to `pre`. */
export function lowerLet(lw: Lowerer, fr: Frame, s: ast.LetStmt, pre: ir.Stmt[]): ir.AssignStmt {
  const value = lowerExpr(lw, fr, s.value, pre);
  const id = lw.newLocal(s.name.name, lw.declaredType(s), s.span);
  fr.lets.set(s, id);
  return { kind: "Assign", target: { loc: { kind: "local", id } }, value, span: s.span };
}

/** The target of an assignment: a field, metadata field or local, or a (nested) slice of one. */
export function lowerLValue(lw: Lowerer, fr: Frame, e: ast.Expr): ir.LValue {
  if (e.kind === "Slice") {
    const inner = lowerLValue(lw, fr, e.object);
    const hi = lw.constNumber(e.hi);
    const lo = lw.constNumber(e.lo);
    const base = inner.slice?.lo ?? 0;
    return { loc: inner.loc, slice: { hi: base + hi, lo: base + lo } };
  }
  if (e.kind === "Name") {
    const s = lw.symbol(e);
    const id = s.kind === "local" ? fr.lets.get(s.decl) : undefined;
    if (id === undefined) throw new LoweringError(`'${e.name.name}' cannot be assigned`, e.span);
    return { loc: { kind: "local", id } };
  }
  if (e.kind === "Member") {
    if (lw.symbolOf(e.object)?.kind === "meta") return { loc: { kind: "meta", field: e.member.name } };
    const ref = lw.headerRef(e.object);
    if (ref) return { loc: { kind: "field", ref, field: e.member.name } };
  }
  throw new LoweringError(`a ${e.kind} expression cannot be assigned`, e.span);
}
