// Which locals the per-packet reset can skip: those written before they are
// read on every path (definite assignment). The IR lowering makes many such
// locals — a table apply's hit and action locals, a meter's colour, `let`
// temporaries — and zeroing them cost one store each per packet.
//
// A local is visible only in its block (docs/language.md): one declared in
// ingress is used in ingress, one in an action in that action, one in a
// parser state in that state; each is walked on its own from "nothing
// assigned". What counts as a write: an assignment of the whole local, a
// table apply's hit/action local and a meter's result local (the code
// generator stores them on every path out of the statement; a table apply
// skips the store only where its defaults-map lookup fails, which cannot
// happen: the index is a constant below the ARRAY's max_entries). Any other
// read — a table key of a table never applied, the kept bits of a slice
// assigned before the whole local — keeps a local zeroed.

import type * as ir from "../../../compiler/ir.js";
import { forEachExpr, stmtExprs, walkExpr } from "../../../compiler/visit.js";

/** Local ids whose every read is preceded, on every path to it, by a write of the whole local. */
export function assignedBeforeRead(program: ir.Program): Set<number> {
  const tables = new Map(program.tables.map((t) => [t.name, t]));
  const covered = new Set<ir.Expr>();
  const uncovered = new Set<ir.Expr>();
  const partial = new Set<number>(); // slice-assigned where they may be unassigned (the other bits are kept: read)
  const read = (e: ir.Expr, assigned: ReadonlySet<number>): void =>
    walkExpr(e, (x) => {
      if (x.kind === "Read" && x.loc.kind === "local") (assigned.has(x.loc.id) ? covered : uncovered).add(x);
    });
  /** The locals assigned after `stmts`, or undefined when they never complete (exit). */
  const walk = (stmts: readonly (ir.Stmt | ir.ParserStmt)[], entry: ReadonlySet<number>): Set<number> | undefined => {
    let assigned: Set<number> | undefined = new Set(entry);
    for (const s of stmts) {
      if (!assigned) return undefined;
      for (const e of stmtExprs(s)) read(e, assigned);
      if (s.kind === "Assign" && s.target.loc.kind === "local") {
        if (!s.target.slice) assigned.add(s.target.loc.id);
        else if (!assigned.has(s.target.loc.id)) partial.add(s.target.loc.id);
      }
      else if (s.kind === "ApplyTable") {
        for (const k of tables.get(s.table)?.keys ?? []) read(k.expr, assigned);
        if (s.hitLocal !== undefined) assigned.add(s.hitLocal);
        if (s.actionLocal !== undefined) assigned.add(s.actionLocal);
      } else if (s.kind === "MeterExecute") assigned.add(s.resultLocal);
      else if (s.kind === "Exit") assigned = undefined;
      else if (s.kind === "If") {
        const a: Set<number> | undefined = walk(s.then, assigned);
        const b: Set<number> | undefined = walk(s.else, assigned);
        assigned = a && b ? new Set([...a].filter((x) => b.has(x))) : (a ?? b);
      }
    }
    return assigned;
  };
  walk(program.ingress, new Set());
  for (const a of program.actions) walk(a.body, new Set());
  for (const st of program.parser.states) {
    const assigned = walk(st.body, new Set());
    if (st.transition.kind === "Select") for (const k of st.transition.keys) read(k, assigned ?? new Set());
  }
  const safe = new Set(program.locals.map((l) => l.id));
  forEachExpr(program, (x) => {
    if (x.kind === "Read" && x.loc.kind === "local" && (!covered.has(x) || uncovered.has(x))) safe.delete(x.loc.id);
  });
  for (const id of partial) safe.delete(id);
  return safe;
}
