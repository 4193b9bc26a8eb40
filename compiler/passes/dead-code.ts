// Pass `dead-code`: removes what can never run or never matter —
// statements after `exit` (or after an if whose branches all exit), empty
// ifs, parser states not reachable from `start`, the rest of a state's body
// after a `verify` that always fails, and actions no table or call can run.
//
// Unreachable parser states also get a warning from the checker; removing
// them here keeps back ends (the eBPF verifier, RMT parser TCAM) from paying
// for them.

import * as ir from "../ir.js";
import type { Pass } from "../pipeline.js";
import { walkStmts } from "../visit.js";

export const deadCode: Pass = {
  name: "dead-code",
  description: "drop unreachable statements, parser states and unused actions",
  run(p) {
    const ingress = pruneStmts(p.ingress);
    const actions = p.actions.map((a) => ({ ...a, body: pruneStmts(a.body) }));
    return {
      ...p,
      parser: { ...p.parser, states: reachableStates(p.parser.states).map(pruneStateBody) },
      actions: usedActions({ ...p, ingress, actions }),
      ingress,
    };
  },
};

/** Does running these statements always end in `exit`? */
function alwaysExits(stmts: readonly ir.Stmt[]): boolean {
  return stmts.some((s) => s.kind === "Exit" || (s.kind === "If" && alwaysExits(s.then) && alwaysExits(s.else)));
}

export function pruneStmts(stmts: readonly ir.Stmt[]): ir.Stmt[] {
  const out: ir.Stmt[] = [];
  for (const s of stmts) {
    if (s.kind === "If") {
      const then = pruneStmts(s.then);
      const otherwise = pruneStmts(s.else);
      if (then.length > 0 || otherwise.length > 0) out.push({ ...s, then, else: otherwise });
    } else {
      out.push(s);
    }
    if (alwaysExits(out.slice(-1))) break;
  }
  return out;
}

function successors(s: ir.ParserState): string[] {
  const t = s.transition;
  if (t.kind === "Goto") return [t.target];
  return [...t.cases.map((c) => c.target), ...(t.default !== undefined ? [t.default] : [])];
}

function reachableStates(states: readonly ir.ParserState[]): ir.ParserState[] {
  const byName = new Map(states.map((s) => [s.name, s]));
  const seen = new Set<string>(["start"]);
  const work = ["start"];
  while (work.length > 0) {
    const state = byName.get(work.pop()!);
    for (const next of state ? successors(state) : []) {
      if (!seen.has(next) && byName.has(next)) {
        seen.add(next);
        work.push(next);
      }
    }
  }
  return states.filter((s) => seen.has(s.name));
}

/** A verify on constant false stops parsing: nothing after it in the state runs. */
function pruneStateBody(s: ir.ParserState): ir.ParserState {
  const stop = s.body.findIndex((x) => x.kind === "Verify" && x.cond.kind === "Const" && x.cond.value === 0n);
  return stop < 0 ? s : { ...s, body: s.body.slice(0, stop + 1), transition: { kind: "Goto", target: ir.REJECT, span: s.transition.span } };
}

function usedActions(p: ir.Program): ir.Action[] {
  const used = new Set<string>();
  for (const t of p.tables) {
    t.actions.forEach((a) => used.add(a));
    used.add(t.defaultAction.action);
  }
  const markCalls = (stmts: readonly ir.Stmt[]) =>
    walkStmts(stmts, (s) => {
      if (s.kind === "CallAction") used.add(s.action);
    });
  markCalls(p.ingress);
  p.actions.forEach((a) => markCalls(a.body));
  return p.actions.filter((a) => used.has(a.name));
}
