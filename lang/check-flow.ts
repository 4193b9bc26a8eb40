// Rules about control flow across declarations: no recursion between controls
// (E0602) or between actions (E0603), and no table applied twice on one path
// of ingress (E0601).
//
// Apply-once is a may-analysis, as in P4: along every path (if/else branches,
// switch cases, the two sides of `?:`, and through applied controls) the set
// of tables that may already have been applied is carried forward; applying
// a table already in the set is an error. A switch without a default case
// also continues on the path where no case matches, unless its labels cover
// every action the table can run. Conditions are not evaluated, so
// `if (c) { t.apply(); } if (!c) { t.apply(); }` is rejected too. `exit` ends
// a path. Each control is summarised once (the tables it may apply on any
// path, and those applied on paths that return normally), so a control
// applied from two places is analysed once and checked at each call site.

import type * as ast from "./ast.js";
import { NO_ACTION } from "../compiler/ir.js";
import type { CheckContext } from "./check-context.js";
import { q } from "./check-types.js";
import type { Span } from "./source.js";

export function checkFlow(ctx: CheckContext, program: ast.Program): void {
  const controls = program.decls.filter((d): d is ast.ControlDecl => d.kind === "Control");
  const actions = program.decls.filter((d): d is ast.ActionDecl => d.kind === "Action");
  reportRecursion(ctx, controls, (c) => callsIn(ctx, c.body.stmts, "control"), "E0602", "controls");
  reportRecursion(ctx, actions, (a) => callsIn(ctx, a.body.stmts, "action"), "E0603", "actions");
  const analysis = new ApplyOnce(ctx);
  for (const c of controls) analysis.summary(c);
}

// ------------------------------------------------------------ recursion

interface Call<D> {
  readonly target: D;
  readonly span: Span;
}

type Named = ast.ControlDecl | ast.ActionDecl;

/** The controls applied (`c.apply();`) or actions called (`a(…);`) by statements. */
function callsIn<D extends Named>(ctx: CheckContext, stmts: readonly ast.Stmt[], kind: "control" | "action"): Call<D>[] {
  const out: Call<D>[] = [];
  forEachStmt(stmts, (s) => {
    if (s.kind !== "CallStmt") return;
    const callee = s.call.callee;
    const name = kind === "control" && callee.kind === "Member" && callee.member.name === "apply" ? callee.object : callee;
    const sym = name.kind === "Name" ? ctx.symbols.get(name) : undefined;
    if (sym?.kind === kind && (kind === "action" || name !== callee)) out.push({ target: sym.decl as D, span: s.call.span });
  });
  return out;
}

function forEachStmt(stmts: readonly ast.Stmt[], f: (s: ast.Stmt) => void): void {
  for (const s of stmts) {
    f(s);
    if (s.kind === "Block") forEachStmt(s.stmts, f);
    else if (s.kind === "If") {
      forEachStmt(s.then.stmts, f);
      if (s.else) forEachStmt([s.else], f);
    } else if (s.kind === "Switch") {
      for (const c of s.cases) forEachStmt(c.body.stmts, f);
    }
  }
}

/** Reports every cycle in the call graph once, at the call that closes it. */
function reportRecursion<D extends Named>(ctx: CheckContext, decls: readonly D[], calls: (d: D) => Call<D>[], code: "E0602" | "E0603", what: string): void {
  const state = new Map<D, "active" | "done">();
  const path: D[] = [];
  const visit = (d: D): void => {
    state.set(d, "active");
    path.push(d);
    for (const c of calls(d)) {
      const s = state.get(c.target);
      if (s === "active") {
        const cycle = [...path.slice(path.indexOf(c.target)), c.target].map((x) => x.name.name);
        ctx.error(
          code,
          c.span,
          `recursion between ${what}: ${cycle.join(" → ")}`,
          `${what} may not call themselves, directly or through others; there are no loops in a data plane`,
        );
      } else if (!s) {
        visit(c.target);
      }
    }
    path.pop();
    state.set(d, "done");
  };
  for (const d of decls) if (!state.has(d)) visit(d);
}

// ------------------------------------------------------------ apply once

/** Tables that may have been applied on some path reaching a point, with where; null: unreachable. */
type Applied = ReadonlyMap<ast.TableDecl, Span> | null;

interface Summary {
  /** Every table the control may apply, on any path, with one place it does. */
  readonly any: Map<ast.TableDecl, Span>;
  /** The tables applied on paths that return normally (null: every path exits). */
  readonly normal: Applied;
}

class ApplyOnce {
  private readonly summaries = new Map<ast.ControlDecl, Summary | "busy">();

  constructor(private readonly ctx: CheckContext) {}

  summary(c: ast.ControlDecl): Summary {
    const known = this.summaries.get(c);
    // A control reached again while it is being summarised is recursion, already reported.
    if (known === "busy") return { any: new Map(), normal: new Map() };
    if (known) return known;
    this.summaries.set(c, "busy");
    const any = new Map<ast.TableDecl, Span>();
    const normal = this.stmts(c.body.stmts, new Map(), any);
    const s = { any, normal };
    this.summaries.set(c, s);
    return s;
  }

  private stmts(list: readonly ast.Stmt[], applied: Applied, any: Map<ast.TableDecl, Span>): Applied {
    let cur = applied;
    for (const s of list) cur = this.stmt(s, cur, any);
    return cur;
  }

  private stmt(s: ast.Stmt, applied: Applied, any: Map<ast.TableDecl, Span>): Applied {
    if (applied === null) return null;
    switch (s.kind) {
      case "Assign":
        return this.expr(s.value, this.expr(s.target, applied, any), any);
      case "Let":
        return this.expr(s.value, applied, any);
      case "If": {
        const c = this.expr(s.cond, applied, any);
        return join(this.stmts(s.then.stmts, c, any), s.else ? this.stmt(s.else, c, any) : c);
      }
      case "Switch": {
        const subject = this.expr(s.subject, applied, any);
        const outs = s.cases.map((c) => this.stmts(c.body.stmts, subject, any));
        if (!this.exhaustive(s)) outs.push(subject);
        return outs.reduce(join, null);
      }
      case "Block":
        return this.stmts(s.stmts, applied, any);
      case "CallStmt":
        return this.controlApply(s.call, applied, any) ?? this.expr(s.call, applied, any);
      case "Exit":
        return null;
    }
  }

  /** `c.apply()` of a control: its tables meet the ones already applied. Undefined for other calls. */
  private controlApply(call: ast.CallExpr, applied: ReadonlyMap<ast.TableDecl, Span>, any: Map<ast.TableDecl, Span>): Applied | undefined {
    const callee = call.callee;
    if (callee.kind !== "Member" || callee.member.name !== "apply" || callee.object.kind !== "Name") return undefined;
    const sym = this.ctx.symbols.get(callee.object);
    if (sym?.kind !== "control") return undefined;
    const sum = this.summary(sym.decl);
    for (const [table, where] of sum.any) {
      const first = applied.get(table);
      if (first) {
        this.ctx.error(
          "E0601",
          call.span,
          `table ${q(table.name.name)} may be applied twice on one path: control ${q(sym.decl.name.name)} applies it again`,
          "apply each table at most once on any path; use a second table, or restructure the branches",
          [
            { span: first, message: "first applied here" },
            { span: where, message: `applied again here, inside ${q(sym.decl.name.name)}` },
          ],
        );
      }
      if (!any.has(table)) any.set(table, where);
    }
    if (sum.normal === null) return null;
    const out = new Map(applied);
    for (const table of sum.normal.keys()) if (!out.has(table)) out.set(table, call.span);
    return out;
  }

  private expr(e: ast.Expr, applied: Applied, any: Map<ast.TableDecl, Span>): Applied {
    if (applied === null) return null;
    switch (e.kind) {
      case "Call": {
        let cur = this.expr(e.callee, applied, any);
        for (const a of e.args) cur = this.expr(a, cur, any);
        const table = this.tableApplied(e);
        return table && cur ? this.applyTable(table, e.span, cur, any) : cur;
      }
      case "Cond": {
        const c = this.expr(e.cond, applied, any);
        return join(this.expr(e.then, c, any), this.expr(e.else, c, any));
      }
      default:
        return subExprs(e).reduce<Applied>((cur, x) => this.expr(x, cur, any), applied);
    }
  }

  /**
   * True when some case of the switch runs whatever the table does: a
   * default, or a label for every action it can run (its list, and the
   * implicit NoAction when it has no default_action).
   */
  private exhaustive(s: ast.SwitchStmt): boolean {
    if (s.cases.some((c) => c.isDefault)) return true;
    const table = s.subject.kind === "Member" && s.subject.object.kind === "Call" ? this.tableApplied(s.subject.object) : undefined;
    if (!table) return false;
    const labels = new Set(s.cases.flatMap((c) => c.labels.map((l) => l.name)));
    const runs = [...table.actions.map((a) => a.name), ...(table.defaultAction ? [] : [NO_ACTION])];
    return runs.every((a) => labels.has(a));
  }

  private tableApplied(call: ast.CallExpr): ast.TableDecl | undefined {
    const callee = call.callee;
    if (callee.kind !== "Member" || callee.member.name !== "apply" || callee.object.kind !== "Name") return undefined;
    const sym = this.ctx.symbols.get(callee.object);
    return sym?.kind === "table" ? sym.decl : undefined;
  }

  private applyTable(table: ast.TableDecl, span: Span, applied: ReadonlyMap<ast.TableDecl, Span>, any: Map<ast.TableDecl, Span>): Applied {
    const first = applied.get(table);
    if (first) {
      this.ctx.error(
        "E0601",
        span,
        `table ${q(table.name.name)} may be applied twice on one path`,
        "apply each table at most once on any path; use a second table, or restructure the branches",
        [{ span: first, message: "first applied here" }],
      );
      return applied;
    }
    if (!any.has(table)) any.set(table, span);
    return new Map(applied).set(table, span);
  }
}

function join(a: Applied, b: Applied): Applied {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Map(a);
  for (const [t, s] of b) if (!out.has(t)) out.set(t, s);
  return out;
}

function subExprs(e: ast.Expr): readonly ast.Expr[] {
  switch (e.kind) {
    case "Member":
      return [e.object];
    case "Index":
      return [e.object, e.index];
    case "Slice":
      return [e.object, e.hi, e.lo];
    case "Call":
      return [e.callee, ...e.args];
    case "Unary":
      return [e.operand];
    case "Binary":
      return [e.left, e.right];
    case "Cast":
      return [e.expr];
    case "Cond":
      return [e.cond, e.then, e.else];
    case "List":
      return e.elements;
    default:
      return [];
  }
}
