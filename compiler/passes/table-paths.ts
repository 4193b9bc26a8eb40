// Pass `resolve-table-paths`: resolves which tables each path through
// ingress applies, in order, and stores it as a table control-flow graph in
// Program.analysis.tableGraph (see ir.TableGraph).
//
// A forward walk keeps the "frontier": the tables that may have been applied
// last on the paths reaching this point (START when none). Applying table t
// adds an edge from every frontier table to t; an `if` joins the frontiers of
// its branches; `exit` ends its paths. The RMT back end derives table
// dependencies from this graph. Linear in the size of ingress.

import type * as ir from "../ir.js";
import type { Pass } from "../pipeline.js";

const START = "";

export const resolveTablePaths: Pass = {
  name: "resolve-table-paths",
  description: "build the table control-flow graph: which tables each path through ingress applies, in order",
  run(p) {
    return { ...p, analysis: { ...p.analysis, tableGraph: tableGraph(p.ingress) } };
  },
};

export function tableGraph(ingress: readonly ir.Stmt[]): ir.TableGraph {
  const edges = new Map<string, Set<string>>();
  const ended = new Set<string>();
  const walk = (stmts: readonly ir.Stmt[], frontier: ReadonlySet<string>): Set<string> => {
    let current = new Set(frontier);
    for (const s of stmts) {
      if (current.size === 0) break; // every path has exited
      if (s.kind === "ApplyTable") {
        for (const from of current) {
          if (!edges.has(from)) edges.set(from, new Set());
          edges.get(from)!.add(s.table);
        }
        current = new Set([s.table]);
      } else if (s.kind === "If") {
        current = new Set([...walk(s.then, current), ...walk(s.else, current)]);
      } else if (s.kind === "Exit") {
        current.forEach((t) => ended.add(t));
        current = new Set();
      }
    }
    return current;
  };
  walk(ingress, new Set([START])).forEach((t) => ended.add(t));
  const next: Record<string, string[]> = {};
  for (const [from, to] of edges) if (from !== START) next[from] = [...to];
  return {
    first: [...(edges.get(START) ?? [])],
    next,
    last: [...ended].filter((t) => t !== START),
    empty: ended.has(START),
  };
}
