// Pass `resolve-table-paths`: lists, for every path through ingress, the
// tables it applies in order, and stores the distinct sequences in
// Program.analysis.tablePaths.
//
// The RMT back end builds its table dependency graph from these sequences
// (which tables can follow which), and the validator-level invariant that no
// path applies a table twice is re-checked here on the final IR. Paths that
// apply the same tables are merged, so the count stays small for real
// programs; a program with more than MAX_PATHS distinct sequences is reported
// instead of exhausting memory.

import type * as ir from "../ir.js";
import type { Pass } from "../pipeline.js";

export const MAX_PATHS = 4096;

export const resolveTablePaths: Pass = {
  name: "resolve-table-paths",
  description: "record which tables each path through ingress applies, in order",
  run(p, diagnostics) {
    const result = pathsOf(p.ingress, [{ tables: [], exited: false }]);
    if (result === "too-many") {
      diagnostics.warning(
        "W0801",
        p.span,
        `ingress has more than ${MAX_PATHS} distinct sequences of table applications; table paths were not recorded`,
        "targets that need them (rmt) will reject the program; simplify the control flow",
      );
      return p;
    }
    return { ...p, analysis: { ...p.analysis, tablePaths: result.map((s) => s.tables) } };
  },
};

interface PathState {
  readonly tables: readonly string[];
  readonly exited: boolean;
}

function key(s: PathState): string {
  return `${s.exited ? "x" : "o"}:${s.tables.join(",")}`;
}

function dedupe(paths: readonly PathState[]): PathState[] {
  return [...new Map(paths.map((s) => [key(s), s])).values()];
}

/** Extends every open path by the statements; exited paths pass through unchanged. */
function pathsOf(stmts: readonly ir.Stmt[], start: readonly PathState[]): PathState[] | "too-many" {
  let paths: PathState[] = [...start];
  for (const s of stmts) {
    const open = paths.filter((x) => !x.exited);
    const done = paths.filter((x) => x.exited);
    let next: PathState[];
    if (s.kind === "ApplyTable") next = open.map((x) => ({ tables: [...x.tables, s.table], exited: false }));
    else if (s.kind === "Exit") next = open.map((x) => ({ ...x, exited: true }));
    else if (s.kind === "If") {
      const a = pathsOf(s.then, open);
      const b = pathsOf(s.else, open);
      if (a === "too-many" || b === "too-many") return "too-many";
      next = [...a, ...b];
    } else next = open;
    paths = dedupe([...done, ...next]);
    if (paths.length > MAX_PATHS) return "too-many";
  }
  return paths;
}
