// The parser block: states, transitions, select, reachability and loops.
//
// Parsing starts in `start` (E0401) and every transition names a state,
// `accept` or `reject` (E0402). A select case has one pattern per key
// (E0403). A state that nothing reaches is a warning (W0001). A loop is only
// allowed when it passes through a state that extracts into a header stack's
// `next` element: the stack's size bounds it (E0405 names any loop that
// does not).

import type * as ast from "./ast.js";
import type { CheckContext } from "./check-context.js";
import { didYouMean } from "./check-context.js";
import { checkValue } from "./check-expr.js";
import { checkPattern } from "./check-patterns.js";
import { checkStmts } from "./check-stmt.js";
import { BAD, type Ty, isBad, plural, q, show } from "./check-types.js";
import { exprText } from "./check-text.js";

const TERMINALS: ReadonlySet<string> = new Set(["accept", "reject"]);

interface Edge {
  readonly to: string;
  readonly ident: ast.Ident;
}

export function checkParser(ctx: CheckContext, p: ast.ParserDecl): void {
  const states = new Map<string, ast.StateDecl>();
  for (const s of p.states) {
    const earlier = states.get(s.name.name);
    if (earlier) ctx.duplicate(s.name, earlier.name.span, "state");
    else states.set(s.name.name, s);
  }
  if (!states.has("start")) {
    ctx.error("E0401", p.span, "the parser has no `start` state", "parsing begins in `start`: add state start { … }");
  }
  const edges = new Map<string, Edge[]>();
  ctx.within("parser", () => {
    for (const s of p.states) {
      ctx.scoped(() => {
        checkStmts(ctx, s.body);
        edges.set(s.name.name, transition(ctx, s, states));
      });
    }
  });
  if (states.has("start")) reportUnreachable(ctx, states, edges);
  reportUnboundedLoops(ctx, p, states, edges);
}

/** Checks a state's transition; returns its edges to existing states. */
function transition(ctx: CheckContext, s: ast.StateDecl, states: ReadonlyMap<string, ast.StateDecl>): Edge[] {
  const t = s.transition;
  if (!t) {
    ctx.error("E0410", s.name.span, `state ${q(s.name.name)} has no transition`, "end it with transition accept;, transition reject; or transition <state>;");
    return [];
  }
  if (t.kind === "DirectTransition") return target(ctx, t.target, states);
  const keyTypes = t.keys.map((k) => selectKey(ctx, k));
  const edges: Edge[] = [];
  let defaultCase: ast.SelectCase | undefined;
  for (const c of t.cases) {
    if (defaultCase) {
      ctx.warning("W0002", c.span, "this case comes after `default`, so it never matches", "move it before the default case, or remove it");
    }
    if (c.isDefault) defaultCase ??= c;
    else if (c.patterns.length !== t.keys.length) {
      ctx.error(
        "E0403",
        c.span,
        `select has ${plural(t.keys.length, "key")}, but this case has ${plural(c.patterns.length, "value")}`,
        t.keys.length > 1 ? `write one value per key, in parentheses: (${t.keys.map(exprText).join(", ")})` : "write one value per key",
      );
    } else {
      c.patterns.forEach((pat, i) => checkPattern(ctx, pat, keyTypes[i]!, "select"));
    }
    edges.push(...target(ctx, c.target, states));
  }
  return edges;
}

function selectKey(ctx: CheckContext, k: ast.Expr): Ty {
  const t = checkValue(ctx, k);
  if (isBad(t) || t.kind !== "error") return t;
  ctx.error("E0307", k.span, `select keys must be bit<N> or bool, but ${q(exprText(k))} is ${show(t)}`, "test error values with if in a control");
  return BAD;
}

function target(ctx: CheckContext, id: ast.Ident, states: ReadonlyMap<string, ast.StateDecl>): Edge[] {
  if (TERMINALS.has(id.name)) return [];
  if (states.has(id.name)) return [{ to: id.name, ident: id }];
  ctx.error("E0402", id.span, `unknown state ${q(id.name)}`, didYouMean(id.name, [...states.keys(), ...TERMINALS], "declare the state, or go to accept or reject"));
  return [];
}

function reportUnreachable(ctx: CheckContext, states: ReadonlyMap<string, ast.StateDecl>, edges: ReadonlyMap<string, Edge[]>): void {
  const seen = new Set(["start"]);
  const work = ["start"];
  while (work.length > 0) {
    for (const e of edges.get(work.pop()!) ?? []) {
      if (!seen.has(e.to)) {
        seen.add(e.to);
        work.push(e.to);
      }
    }
  }
  for (const [name, s] of states) {
    if (!seen.has(name)) {
      ctx.warning("W0001", s.name.span, `state ${q(name)} is never reached from start`, "remove it, or add a transition to it");
    }
  }
}

// ------------------------------------------------------------ loops

/**
 * Finds the loops that do not pass through a state extracting into a stack's
 * `next`: the strongly connected components of the graph without those
 * states. Each is reported once, at the transition that closes it.
 */
function reportUnboundedLoops(
  ctx: CheckContext,
  p: ast.ParserDecl,
  states: ReadonlyMap<string, ast.StateDecl>,
  edges: ReadonlyMap<string, Edge[]>,
): void {
  const bounded = new Set([...states.values()].filter((s) => extractsIntoNext(ctx, s.body)).map((s) => s.name.name));
  const next = (n: string): Edge[] => (edges.get(n) ?? []).filter((e) => !bounded.has(e.to));
  const order = p.states.map((s) => s.name.name).filter((n, i, all) => all.indexOf(n) === i && !bounded.has(n));
  for (const component of stronglyConnected(order, next)) {
    const first = order.find((n) => component.has(n))!;
    const cycle = cycleFrom(first, component, next);
    if (!cycle) continue;
    const closing = cycle.closing;
    ctx.error(
      "E0405",
      closing.span,
      `parser loop ${[...cycle.path, first].join(" → ")} does not extract into a header stack, so nothing bounds it`,
      "a parser loop must pass through a state that does extract(stack.next); otherwise remove the transition back",
    );
  }
}

/** True when the statements extract into `s.next` of a header stack. */
function extractsIntoNext(ctx: CheckContext, stmts: readonly ast.Stmt[]): boolean {
  return stmts.some((s) => {
    if (s.kind === "Block") return extractsIntoNext(ctx, s.stmts);
    if (s.kind !== "CallStmt") return false;
    const { callee, args } = s.call;
    if (callee.kind !== "Name" || callee.name.name !== "extract" || args.length !== 1) return false;
    const arg = args[0]!;
    // `extract(s)` of a whole stack was reported (E0408), and so was an unknown name:
    // count them as bounded rather than report the loop too.
    const stack = arg.kind === "Member" && arg.member.name === "next" ? arg.object : arg;
    if (stack.kind !== "Name") return false;
    const sym = ctx.symbols.get(stack);
    return (stack !== arg && sym === undefined) || (sym?.kind === "header" && sym.decl.type.kind === "StackType");
  });
}

/** Tarjan's algorithm; yields only components that contain a cycle. */
function stronglyConnected(nodes: readonly string[], next: (n: string) => Edge[]): Set<string>[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: Set<string>[] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const { to } of next(v)) {
      if (!index.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(v, Math.min(low.get(v)!, index.get(to)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component = new Set<string>();
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.add(w);
      } while (w !== v);
      if (component.size > 1 || next(v).some((e) => e.to === v)) out.push(component);
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return out;
}

/** A shortest cycle from `first` back to itself inside the component, and the edge that closes it. */
function cycleFrom(first: string, component: ReadonlySet<string>, next: (n: string) => Edge[]): { path: string[]; closing: ast.Ident } | undefined {
  const parent = new Map<string, string>();
  const work = [first];
  const seen = new Set([first]);
  while (work.length > 0) {
    const v = work.shift()!;
    for (const e of next(v)) {
      if (!component.has(e.to)) continue;
      if (e.to === first) {
        const path = [v];
        while (path[0] !== first) path.unshift(parent.get(path[0]!)!);
        return { path, closing: e.ident };
      }
      if (!seen.has(e.to)) {
        seen.add(e.to);
        parent.set(e.to, v);
        work.push(e.to);
      }
    }
  }
  return undefined;
}
