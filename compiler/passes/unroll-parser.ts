// Pass `unroll-parser-loops`: removes `stack.next` / `stack.last` from the
// parser by specialising states on how many elements of each stack have been
// extracted so far, which also breaks every parser cycle.
//
// The checker only accepts cycles that pass through `extract(s.next)`, so the
// number of extracted elements grows on every trip round a loop and is
// bounded by the stack size: the unrolled parser is finite and acyclic, which
// the eBPF verifier and an RMT parser TCAM both need. An `extract(s.next)`
// into a full stack becomes `verify(false, StackOverflow)`.
//
// A state is copied once per distinct count of the stacks that matter to it
// (those used by `next`/`last` in it or in a state reachable from it), so
// states after the loops (IPv4, TCP, …) are not duplicated. Copies are named
// `state`, `state$1`, `state$2`, … in the order they are first reached.

import * as ir from "../ir.js";
import type { Pass } from "../pipeline.js";
import { mapExpr, mapStmtExprs, stmtExprs, walkExpr } from "../visit.js";

export const unrollParserLoops: Pass = {
  name: "unroll-parser-loops",
  description: "specialise parser states on header-stack depth; replace next/last with constant indexes",
  run(p) {
    return { ...p, parser: { ...p.parser, states: unroll(p) } };
  },
};

type Counts = ReadonlyMap<string, number>;

function unroll(p: ir.Program): ir.ParserState[] {
  const byName = new Map(p.parser.states.map((s) => [s.name, s]));
  const relevant = relevantStacks(p.parser.states, byName);
  const stackSize = new Map(p.headers.filter((h) => h.stackSize !== undefined).map((h) => [h.name, h.stackSize!]));
  const stackOverflow = p.errors.indexOf("StackOverflow");

  const names = new Map<string, string>(); // state + counts key → emitted name
  const copies = new Map<string, number>(); // state → copies made so far
  const out: ir.ParserState[] = [];
  const work: { state: ir.ParserState; counts: Counts; name: string }[] = [];

  /** The name of `state` specialised to `counts`, scheduling it when new. */
  const instance = (target: string, counts: Counts): string => {
    const state = byName.get(target);
    if (!state) return target; // accept / reject
    const projected = new Map([...counts].filter(([stack]) => relevant.get(target)!.has(stack)));
    const key = `${target}|${[...projected].map(([s, n]) => `${s}=${n}`).join(",")}`;
    let name = names.get(key);
    if (name === undefined) {
      const n = copies.get(target) ?? 0;
      copies.set(target, n + 1);
      name = n === 0 ? target : `${target}$${n}`;
      names.set(key, name);
      work.push({ state, counts: projected, name });
    }
    return name;
  };

  instance("start", new Map());
  while (work.length > 0) {
    const { state, counts, name } = work.shift()!;
    const live = new Map(counts);
    const body: ir.ParserStmt[] = [];
    let overflowed = false;
    for (const stmt of state.body) {
      const resolved = mapStmtExprs(stmt, (e) => resolveExpr(e, live));
      if (resolved.kind === "Extract" && resolved.ref.index === "next") {
        const stack = resolved.ref.header;
        const n = live.get(stack) ?? 0;
        if (n >= stackSize.get(stack)!) {
          body.push({ kind: "Verify", cond: { kind: "Const", type: ir.BOOL, value: 0n, span: stmt.span }, error: stackOverflow, span: stmt.span });
          overflowed = true;
          break;
        }
        body.push({ ...resolved, ref: { header: stack, index: n } });
        live.set(stack, n + 1);
      } else {
        body.push(resolved.kind === "Extract" ? { ...resolved, ref: resolveRef(resolved.ref, live) } : resolved);
      }
    }
    const transition: ir.Transition = overflowed
      ? { kind: "Goto", target: ir.REJECT, span: state.transition.span }
      : specialiseTransition(state.transition, live, instance);
    out.push({ ...state, name, body, transition });
  }
  return out;
}

function specialiseTransition(t: ir.Transition, counts: Counts, instance: (target: string, counts: Counts) => string): ir.Transition {
  if (t.kind === "Goto") return { ...t, target: instance(t.target, counts) };
  return {
    ...t,
    keys: t.keys.map((k) => resolveExpr(k, counts)),
    cases: t.cases.map((c) => ({ ...c, target: instance(c.target, counts) })),
    ...(t.default !== undefined ? { default: instance(t.default, counts) } : {}),
  };
}

/** `last` is the last extracted element; before any extract it names element 0, which is invalid (reads 0). */
function resolveRef(ref: ir.HeaderRef, counts: Counts): ir.HeaderRef {
  if (ref.index === "next") return { header: ref.header, index: counts.get(ref.header) ?? 0 };
  if (ref.index === "last") return { header: ref.header, index: Math.max(0, (counts.get(ref.header) ?? 0) - 1) };
  return ref;
}

function resolveExpr(e: ir.Expr, counts: Counts): ir.Expr {
  return mapExpr(e, (x) => {
    if (x.kind === "IsValid") return { ...x, ref: resolveRef(x.ref, counts) };
    if (x.kind === "Read" && x.loc.kind === "field") return { ...x, loc: { ...x.loc, ref: resolveRef(x.loc.ref, counts) } };
    return x;
  });
}

/** For each state, the stacks whose depth matters in it or in any state reachable from it. */
function relevantStacks(states: readonly ir.ParserState[], byName: ReadonlyMap<string, ir.ParserState>): Map<string, Set<string>> {
  const own = new Map(states.map((s) => [s.name, stacksUsedDynamically(s)]));
  const result = new Map(states.map((s) => [s.name, new Set(own.get(s.name))]));
  // Propagate backwards along transitions until nothing changes (cycles included).
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of states) {
      const mine = result.get(s.name)!;
      for (const next of targets(s.transition)) {
        for (const stack of byName.has(next) ? result.get(next)! : []) {
          if (!mine.has(stack)) {
            mine.add(stack);
            changed = true;
          }
        }
      }
    }
  }
  return result;
}

function targets(t: ir.Transition): string[] {
  return t.kind === "Goto" ? [t.target] : [...t.cases.map((c) => c.target), ...(t.default !== undefined ? [t.default] : [])];
}

function stacksUsedDynamically(s: ir.ParserState): Set<string> {
  const used = new Set<string>();
  const noteRef = (ref: ir.HeaderRef) => {
    if (ref.index === "next" || ref.index === "last") used.add(ref.header);
  };
  const noteExpr = (e: ir.Expr) =>
    walkExpr(e, (x) => {
      if (x.kind === "IsValid") noteRef(x.ref);
      if (x.kind === "Read" && x.loc.kind === "field") noteRef(x.loc.ref);
    });
  for (const stmt of s.body) {
    if (stmt.kind === "Extract") noteRef(stmt.ref);
    stmtExprs(stmt).forEach(noteExpr);
  }
  if (s.transition.kind === "Select") s.transition.keys.forEach(noteExpr);
  return used;
}
