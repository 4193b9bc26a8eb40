// Which headers the generated code knows to be valid at the point being
// generated: inside `if (h.isValid())`, after `h.setValid()`, after
// `extract(h)` on every parser path to this state, after an `if` whose every
// branch that falls through leaves them valid (`if (!h.isValid()) { exit; }`),
// and, once `std.parser_error` is known to be NoError, the headers every
// accepting parser path extracts. A write to a field of such a header skips
// the "writes to invalid headers do nothing" test (statements.ts, assign); a
// read of a field of any other header is recorded (Gen.readUnknown), because
// only such headers' words must be zeroed for every packet (program.ts). Anything
// that might make a header invalid — setInvalid, a stack shift, an action
// that does either — forgets what was known.

import * as ir from "../../../compiler/ir.js";
import { findAction } from "../../../runtime/controlplane.js";
import type { Gen } from "./context.js";
import { headerRefName } from "./layout.js";

const NO_ERROR = ir.BUILTIN_ERRORS.indexOf("NoError");

/** Headers valid whenever the boolean `cond` is `when` (isValid() and parser_error tests joined by && or ||, and !). */
export function validWhen(g: Gen, cond: ir.Expr, when: boolean): string[] {
  if (cond.kind === "IsValid") return when ? [headerRefName(cond.ref)] : [];
  if (cond.kind === "Unary" && cond.op === "!") return validWhen(g, cond.operand, !when);
  if (cond.kind === "Binary" && (cond.op === "&&" || cond.op === "||")) {
    // a && b true: both true; a || b false: both false; otherwise nothing is certain
    if ((cond.op === "&&") === when) return [...validWhen(g, cond.left, when), ...validWhen(g, cond.right, when)];
  }
  if (cond.kind === "Binary" && (cond.op === "==" || cond.op === "!=") && isParserErrorIsNone(cond.left, cond.right)) {
    return (cond.op === "==") === when ? [...g.acceptValid] : [];
  }
  return [];
}

function isParserErrorIsNone(a: ir.Expr, b: ir.Expr): boolean {
  const isError = (e: ir.Expr): boolean => e.kind === "Read" && e.loc.kind === "std" && e.loc.field === "parser_error";
  const isNone = (e: ir.Expr): boolean => e.kind === "Const" && e.value === BigInt(NO_ERROR);
  return (isError(a) && isNone(b)) || (isError(b) && isNone(a));
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

/** Does control never reach the statement after `stmts` (they end in `exit`, or in an `if` both of whose branches do)? */
export function endsControl(stmts: readonly ir.Stmt[]): boolean {
  return stmts.some((s) => s.kind === "Exit" || (s.kind === "If" && endsControl(s.then) && endsControl(s.else)));
}

/** What is known after an `if` from what each branch left (undefined: the branch does not fall through). */
export function joinBranches(a: Set<string> | undefined, b: Set<string> | undefined, before: Set<string>): Set<string> {
  if (a === undefined) return b ?? before;
  if (b === undefined) return a;
  return new Set([...a].filter((h) => b.has(h)));
}

/** Updates what is known once `s` has run (an `if` updates it itself, from its branches). */
export function afterStmt(g: Gen, s: ir.Stmt): void {
  if (s.kind === "SetValidity") {
    if (s.valid) g.knownValid.add(headerRefName(s.ref));
    else {
      g.knownValid.delete(headerRefName(s.ref));
      g.acceptValid.delete(headerRefName(s.ref));
    }
  } else if (mayInvalidate(g, s)) {
    if (s.kind !== "If") g.knownValid.clear();
    g.acceptValid.clear();
  }
}

/** Records a read of a field of `ref` where it may be invalid (its words must then read 0: they are zeroed per packet). */
export function noteFieldRead(g: Gen, ref: ir.HeaderRef): void {
  if (!g.knownValid.has(headerRefName(ref))) g.readUnknown.add(ref.header);
}

/**
 * The headers valid on entry to each parser state (extracted on every path
 * from start), and on every path to accept ("accept"): a must-analysis over
 * the unrolled, acyclic parser (iterated to a fixed point from "everything").
 */
export function parserValidity(program: ir.Program): Map<string, Set<string>> {
  const all = new Set(program.parser.states.flatMap((st) => st.body.flatMap((s) => (s.kind === "Extract" ? [headerRefName(s.ref)] : []))));
  const into = new Map<string, Set<string>>(program.parser.states.map((st) => [st.name, new Set(all)]));
  into.set(ir.ACCEPT, new Set(all));
  into.set("start", new Set());
  for (let changed = true; changed; ) {
    changed = false;
    for (const st of program.parser.states) {
      const out = new Set(into.get(st.name));
      for (const s of st.body) if (s.kind === "Extract") out.add(headerRefName(s.ref));
      const t = st.transition;
      const targets = t.kind === "Goto" ? [t.target] : [...t.cases.map((c) => c.target), ...(t.default !== undefined ? [t.default] : [])];
      for (const target of targets) {
        const known = into.get(target);
        if (!known || target === "start") continue; // reject, or a loop back (none once unrolled)
        for (const h of known) if (!out.has(h)) {
          known.delete(h);
          changed = true;
        }
      }
    }
  }
  return into;
}
