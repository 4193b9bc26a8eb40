// The statement right after a table apply that tests the apply's result.
// `if (t.apply().hit)` (or `.miss`) and `switch (t.apply().action)` lower to
// an ApplyTable storing hitLocal/actionLocal, then an `if` on that local (a
// chain of them for a switch: `if ($action == 0 || $action == 2) … else if
// …`). When the conditions are exactly those tests and the local is read
// nowhere else, the apply's hit/miss and action paths can jump straight to the
// arm that would be taken (tables.ts, Route) and the local is never stored.

import type * as ir from "../../../compiler/ir.js";
import { forEachExpr } from "../../../compiler/visit.js";

export interface AppliedTest {
  /** The arms' bodies in the order of the `if` chain; the last is the else (the switch's default). */
  readonly arms: readonly (readonly ir.Stmt[])[];
  /** The arm taken after a hit (or a miss) that ran action `action` (its index in Table.actions). */
  readonly armOf: (hit: boolean, action: number) => number;
}

/** The test `next` makes of `apply`'s result, when it can be fused with it. */
export function testOfApply(program: ir.Program, apply: ir.ApplyTableStmt, next: ir.Stmt | undefined): AppliedTest | undefined {
  if (next?.kind !== "If") return undefined;
  if (apply.hitLocal !== undefined) {
    const when = hitTest(next.cond, apply.hitLocal);
    if (when === undefined || readsOf(program, apply.hitLocal) !== 1) return undefined;
    return { arms: [next.then, next.else], armOf: (hit) => (hit === when ? 0 : 1) };
  }
  if (apply.actionLocal === undefined) return undefined;
  const local = apply.actionLocal;
  const arms: (readonly ir.Stmt[])[] = [];
  const labels: Set<number>[] = [];
  let reads = 0;
  for (let s: ir.IfStmt | undefined = next; s !== undefined; ) {
    const tests = actionTests(s.cond, local);
    if (tests === undefined) break;
    arms.push(s.then);
    labels.push(new Set(tests));
    reads += tests.length;
    const inner = onlyIf(s.else);
    if (inner === undefined || actionTests(inner.cond, local) === undefined) {
      arms.push(s.else);
      break;
    }
    s = inner;
  }
  if (labels.length === 0 || reads !== readsOf(program, local)) return undefined;
  return {
    arms,
    armOf: (_, k) => {
      const i = labels.findIndex((l) => l.has(k));
      return i < 0 ? labels.length : i;
    },
  };
}

/** The `if` that is all of `stmts` (an `else if`), if it is one. */
function onlyIf(stmts: readonly ir.Stmt[]): ir.IfStmt | undefined {
  const [first] = stmts;
  return stmts.length === 1 && first?.kind === "If" ? first : undefined;
}

const isLocal = (e: ir.Expr, id: number): boolean => e.kind === "Read" && e.loc.kind === "local" && e.loc.id === id;

/** `$hit` → true, `!$hit` → false (the value of the local that takes the `then` arm); otherwise undefined. */
function hitTest(cond: ir.Expr, id: number): boolean | undefined {
  if (isLocal(cond, id)) return true;
  if (cond.kind === "Unary" && cond.op === "!" && isLocal(cond.operand, id)) return false;
  return undefined;
}

/** The action indices of `$action == k1 || $action == k2 …`; otherwise undefined. */
function actionTests(cond: ir.Expr, id: number): number[] | undefined {
  if (cond.kind !== "Binary") return undefined;
  if (cond.op === "||") {
    const a = actionTests(cond.left, id);
    const b = actionTests(cond.right, id);
    return a && b && [...a, ...b];
  }
  if (cond.op === "==" && isLocal(cond.left, id) && cond.right.kind === "Const") return [Number(cond.right.value)];
  return undefined;
}

const readCounts = new WeakMap<ir.Program, Map<number, number>>();

/** How many times the program reads local `id` (anywhere: ingress, actions, keys). */
function readsOf(program: ir.Program, id: number): number {
  let counts = readCounts.get(program);
  if (!counts) {
    const found = new Map<number, number>();
    forEachExpr(program, (e) => {
      if (e.kind === "Read" && e.loc.kind === "local") found.set(e.loc.id, (found.get(e.loc.id) ?? 0) + 1);
    });
    readCounts.set(program, (counts = found));
  }
  return counts.get(id) ?? 0;
}
