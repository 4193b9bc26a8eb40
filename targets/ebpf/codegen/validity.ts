// Which headers the generated code knows to be valid at the point being
// generated: inside `if (h.isValid())`, after `h.setValid()` or after
// `extract(h)` in the same parser state. A write to a field of such a header
// skips the "writes to invalid headers do nothing" test (statements.ts,
// assign). Anything that might make a header invalid — setInvalid, a stack
// shift, an action that does either — forgets what was known.

import type * as ir from "../../../compiler/ir.js";
import { findAction } from "../../../runtime/controlplane.js";
import type { Gen } from "./context.js";
import { headerRefName } from "./layout.js";

/** Headers valid whenever the boolean `cond` is `when` (isValid() tests joined by && or ||, and !). */
export function validWhen(cond: ir.Expr, when: boolean): string[] {
  if (cond.kind === "IsValid") return when ? [headerRefName(cond.ref)] : [];
  if (cond.kind === "Unary" && cond.op === "!") return validWhen(cond.operand, !when);
  if (cond.kind === "Binary" && (cond.op === "&&" || cond.op === "||")) {
    // a && b true: both true; a || b false: both false; otherwise nothing is certain
    if ((cond.op === "&&") === when) return [...validWhen(cond.left, when), ...validWhen(cond.right, when)];
  }
  return [];
}

/** Can running `s` make a header invalid (directly, in a branch, or in an action it runs)? */
export function mayInvalidate(g: Gen, s: ir.Stmt, seen: Set<string> = new Set()): boolean {
  const inAction = (name: string): boolean => {
    if (seen.has(name)) return false;
    seen.add(name);
    return findAction(g.program, name)!.body.some((x) => mayInvalidate(g, x, seen));
  };
  switch (s.kind) {
    case "SetValidity":
      return !s.valid;
    case "StackShift":
      return true;
    case "If":
      return [...s.then, ...s.else].some((x) => mayInvalidate(g, x, seen));
    case "CallAction":
      return inAction(s.action);
    case "ApplyTable":
      return g.program.tables.find((t) => t.name === s.table)!.actions.some(inAction);
    default:
      return false;
  }
}

/** Updates what is known once `s` has run. */
export function afterStmt(g: Gen, s: ir.Stmt): void {
  if (s.kind === "SetValidity") {
    if (s.valid) g.knownValid.add(headerRefName(s.ref));
    else g.knownValid.delete(headerRefName(s.ref));
  } else if (mayInvalidate(g, s)) g.knownValid.clear();
}
