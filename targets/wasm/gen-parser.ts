// The parser, compiled into the packet function.
//
// After `unroll-parser-loops` the state graph is acyclic, so the states are
// laid out in topological order as nested blocks: jumping to state j is a
// branch out of the block that ends just before j's code (a forward goto),
// with no state variable or dispatch loop. Accept branches past all states;
// an error sets std.parser_error and branches to the end ("parser_done").
// The transition counter for ParserTimeout is only generated when some path
// is longer than MAX_PARSER_TRANSITIONS.

import binaryen from "binaryen";
import * as ir from "../../compiler/ir.js";
import { fieldFromChunks, loadHeaderChunks } from "./gen-bits.js";
import type { PacketGen } from "./gen-packet.js";
import type { StmtGen } from "./gen-stmt.js";
import type { Val, X } from "./gen-values.js";

const { i32 } = binaryen;
const error = (name: (typeof ir.BUILTIN_ERRORS)[number]): number => ir.BUILTIN_ERRORS.indexOf(name);

const DONE = "parser_done";
const ACCEPTED = "parser_accept";

function targets(t: ir.Transition): string[] {
  return t.kind === "Goto" ? [t.target] : [...t.cases.map((c) => c.target), ...(t.default !== undefined ? [t.default] : [])];
}

/** States reachable from `start`, each before every state it can reach. */
function topologicalOrder(states: ReadonlyMap<string, ir.ParserState>): ir.ParserState[] {
  const order: ir.ParserState[] = [];
  const mark = new Map<string, "open" | "done">();
  const visit = (name: string): void => {
    const st = states.get(name);
    if (!st || mark.get(name) === "done") return;
    if (mark.get(name) === "open") throw new Error(`internal error: parser cycle through state '${name}' after unroll-parser-loops`);
    mark.set(name, "open");
    for (const t of targets(st.transition)) visit(t);
    mark.set(name, "done");
    order.push(st);
  };
  visit("start");
  return order.reverse();
}

/** The most transitions any path takes (the one to accept/reject included). */
function longestPath(order: readonly ir.ParserState[]): number {
  const depth = new Map<string, number>();
  for (const st of [...order].reverse()) depth.set(st.name, 1 + Math.max(0, ...targets(st.transition).map((t) => depth.get(t) ?? 0)));
  return depth.get("start") ?? 0;
}

export function genParser(g: PacketGen, stmts: StmtGen): X[] {
  const f = g.f;
  const m = g.m;
  const states = new Map(g.layout.program.parser.states.map((s) => [s.name, s]));
  if (!states.has("start")) throw new Error("internal error: the parser has no start state");
  const order = topologicalOrder(states);
  const label = new Map(order.map((s, i) => [s.name, `state_${i}`]));
  const counted = longestPath(order) > ir.MAX_PARSER_TRANSITIONS;
  const transitions = counted ? f.local(i32) : -1;
  g.parserExit = DONE;

  const jump = (target: string): X => {
    const go =
      target === ir.ACCEPT ? m.br(ACCEPTED) : target === ir.REJECT ? g.parserError(error("Rejected")) : m.br(label.get(target)!);
    if (!counted) return go;
    return m.block(null, [
      m.local.set(transitions, m.i32.add(f.get32(transitions), f.i32(1))),
      m.if(m.i32.gt_u(f.get32(transitions), f.i32(ir.MAX_PARSER_TRANSITIONS)), g.parserError(error("ParserTimeout"))),
      go,
    ]);
  };

  const stateCode = (st: ir.ParserState): X[] => {
    const out: X[] = [];
    for (const s of st.body) out.push(...parserStmt(g, stmts, s));
    out.push(...transition(g, st.transition, jump));
    return out;
  };

  let inner: X = f.block(stateCode(order[0]!));
  for (let i = 1; i < order.length; i++) inner = m.block(null, [m.block(label.get(order[i]!.name)!, [inner]), ...stateCode(order[i]!)]);
  const code = m.block(DONE, [m.block(ACCEPTED, [inner])]);
  g.parserExit = undefined;
  return [code];
}

function parserStmt(g: PacketGen, stmts: StmtGen, s: ir.ParserStmt): X[] {
  const f = g.f;
  const m = g.m;
  switch (s.kind) {
    case "Extract": {
      const slot = g.slot(s.ref);
      if (!slot) return [g.parserError(error("StackOverflow"))];
      const bytes = slot.type.widthBits / 8;
      const check = m.if(m.i32.lt_u(m.i32.sub(f.get32(g.len), f.get32(g.off)), f.i32(bytes)), g.parserError(error("PacketTooShort")));
      const base = f.local(i32);
      const setBase = m.local.set(base, g.cursor());
      const chunks = loadHeaderChunks(f, () => f.get32(base), 0, bytes);
      const sets = slot.fields.flatMap((x) => g.write(x.v, fieldFromChunks(f, chunks, x.field.offset, x.field.width)));
      const loads = f.flush();
      return [
        check,
        setBase,
        ...loads,
        ...sets,
        m.local.set(slot.valid, f.i32(1)),
        m.local.set(slot.orig, m.i32.add(f.get32(g.off), f.i32(1))),
        m.local.set(g.off, m.i32.add(f.get32(g.off), f.i32(bytes))),
      ];
    }
    case "Advance": {
      const v = g.expr(s.bytes);
      const pre = f.flush();
      const rest = m.i64.extend_u(m.i32.sub(f.get32(g.len), f.get32(g.off)));
      let tooFar = m.i64.gt_u(v.words[0]!(), rest);
      if (v.words[1]) tooFar = m.i32.or(tooFar, m.i64.ne(v.words[1](), f.i64(0)));
      return [...pre, m.if(tooFar, g.parserError(error("PacketTooShort"))), m.local.set(g.off, m.i32.add(f.get32(g.off), f.low32(v)))];
    }
    case "Verify": {
      const c = g.expr(s.cond);
      const pre = f.flush();
      return [...pre, m.if(m.i32.eqz(f.truthy(c)), g.parserError(s.error))];
    }
    case "Assign":
      return stmts.stmt(s);
  }
}

function transition(g: PacketGen, t: ir.Transition, jump: (target: string) => X): X[] {
  const f = g.f;
  const m = g.m;
  if (t.kind === "Goto") return [jump(t.target)];
  const keys = t.keys.map((k) => g.expr(k));
  const out = f.flush();
  for (const c of t.cases) {
    const conds = c.patterns.map((p, i) => matches(g, p, keys[i]!)).filter((x): x is X => x !== null);
    const cond = conds.length === 0 ? null : conds.reduce((a, b) => m.i32.and(a, b));
    if (cond === null) {
      out.push(jump(c.target));
      return out;
    }
    out.push(m.if(cond, jump(c.target)));
  }
  out.push(t.default !== undefined ? jump(t.default) : g.parserError(error("NoMatch")));
  return out;
}

/** The i32 condition of a keyset pattern on a key value; null for "any". */
function matches(g: PacketGen, p: ir.KeysetPattern, key: Val): X | null {
  const f = g.f;
  const m = g.m;
  const word = (v: bigint, j: number): bigint => (v >> BigInt(64 * j)) & ir.mask(64);
  const all = (xs: X[]): X => xs.reduce((a, b) => m.i32.and(a, b));
  switch (p.kind) {
    case "any":
      return null;
    case "value":
      return all(key.words.map((w, j) => m.i64.eq(w(), f.i64(word(p.value, j)))));
    case "mask":
      return all(key.words.map((w, j) => m.i64.eq(m.i64.and(w(), f.i64(word(p.mask, j))), f.i64(word(p.value & p.mask, j)))));
    case "range": {
      const lo = f.constVal(p.lo, key.width);
      const hi = f.constVal(p.hi, key.width);
      return m.i32.and(m.i32.eqz(lessThan(g, key, lo)), m.i32.eqz(lessThan(g, hi, key)));
    }
  }
}

function lessThan(g: PacketGen, a: Val, b: Val): X {
  const m = g.m;
  if (a.words.length === 1) return m.i64.lt_u(a.words[0]!(), b.words[0]!());
  return m.i32.or(
    m.i64.lt_u(a.words[1]!(), b.words[1]!()),
    m.i32.and(m.i64.eq(a.words[1]!(), b.words[1]!()), m.i64.lt_u(a.words[0]!(), b.words[0]!())),
  );
}

