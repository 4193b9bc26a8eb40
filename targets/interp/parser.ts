// The parser: runs the IR's parser states over a packet, from `start` at bit 0
// until `accept`, `reject` or an error (language.md §4).
//
// An error stops parsing where it happened: std.parser_error is set, headers
// extracted so far stay valid, and the payload starts at the offset reached
// (a failed extract or advance does not move it). Errors travel as ParserStop
// values thrown from the statement (or the lookahead inside an expression)
// that fails. Transitions are counted: every `transition` taken, the last one
// to accept/reject included, counts one; taking more than
// MAX_PARSER_TRANSITIONS raises ParserTimeout instead.

import * as ir from "../../compiler/ir.js";
import { readBits } from "../../compiler/wire.js";
import { compileExpr, compileWrite, PACKET_TOO_SHORT, ParserStop, type Eval, type ExprContext } from "./expr.js";
import { resolveRef, slotOf, type PacketState } from "./state.js";

const errorIndex = (name: (typeof ir.BUILTIN_ERRORS)[number]): number => ir.BUILTIN_ERRORS.indexOf(name);
const NO_MATCH = errorIndex("NoMatch");
const STACK_OVERFLOW = errorIndex("StackOverflow");
const PARSER_TIMEOUT = errorIndex("ParserTimeout");
const REJECTED = errorIndex("Rejected");

type ParserExec = (s: PacketState) => void;

interface CompiledState {
  readonly body: readonly ParserExec[];
  /** The name of the next state (or accept/reject); may throw ParserStop. */
  readonly next: (s: PacketState) => string;
}

export type RunParser = (s: PacketState) => void;

export function compileParser(program: ir.Program, ctx: ExprContext): RunParser {
  const states = new Map<string, CompiledState>();
  for (const st of program.parser.states) {
    states.set(st.name, { body: st.body.map((x) => compileParserStmt(x, ctx)), next: compileTransition(st.transition, ctx) });
  }
  for (const st of program.parser.states) {
    for (const target of targetsOf(st.transition)) {
      if (target !== ir.ACCEPT && target !== ir.REJECT && !states.has(target)) {
        throw new Error(`internal error: parser state ${st.name} goes to unknown state '${target}'`);
      }
    }
  }
  const start = states.get("start");
  if (!start) throw new Error("internal error: the parser has no start state");

  return (s) => {
    let state = start;
    let transitions = 0;
    try {
      for (;;) {
        for (const stmt of state.body) stmt(s);
        const target = state.next(s);
        if (++transitions > ir.MAX_PARSER_TRANSITIONS) throw new ParserStop(PARSER_TIMEOUT);
        if (target === ir.ACCEPT) return;
        if (target === ir.REJECT) throw new ParserStop(REJECTED);
        state = states.get(target)!;
      }
    } catch (e) {
      if (!(e instanceof ParserStop)) throw e;
      s.parserError = BigInt(e.error);
    }
  };
}

function targetsOf(t: ir.Transition): string[] {
  return t.kind === "Goto" ? [t.target] : [...t.cases.map((c) => c.target), ...(t.default !== undefined ? [t.default] : [])];
}

function compileParserStmt(stmt: ir.ParserStmt, ctx: ExprContext): ParserExec {
  switch (stmt.kind) {
    case "Extract":
      return compileExtract(stmt, ctx);
    case "Advance": {
      const bytes = compileExpr(stmt.bytes, ctx);
      return (s) => {
        const bits = bytes(s) * 8n;
        if (BigInt(s.offsetBits) + bits > BigInt(s.data.length * 8)) throw new ParserStop(PACKET_TOO_SHORT);
        s.offsetBits += Number(bits);
      };
    }
    case "Verify": {
      const cond = compileExpr(stmt.cond, ctx);
      const error = stmt.error;
      return (s) => {
        if (cond(s) === 0n) throw new ParserStop(error);
      };
    }
    case "Assign": {
      const value = compileExpr(stmt.value, ctx);
      const write = compileWrite(stmt.target, ctx);
      return (s) => write(s, value(s));
    }
  }
}

function compileExtract(stmt: ir.ExtractStmt, ctx: ExprContext): ParserExec {
  const ref = resolveRef(ctx.layout, stmt.ref);
  const inst = ctx.layout.instance(stmt.ref.header);
  const fields = inst.type.fields;
  const width = inst.type.widthBits;
  const stackId = stmt.ref.index === "next" ? inst.stackId! : -1;
  return (s) => {
    const k = slotOf(ref, s);
    if (k < 0) throw new ParserStop(STACK_OVERFLOW);
    if (s.offsetBits + width > s.data.length * 8) throw new ParserStop(PACKET_TOO_SHORT);
    const slot = s.slots[k]!;
    for (let i = 0; i < fields.length; i++) slot.fields[i] = readBits(s.data, s.offsetBits + fields[i]!.offset, fields[i]!.width);
    slot.valid = true;
    s.offsetBits += width;
    if (stackId >= 0) s.nextIndex[stackId] += 1;
  };
}

function compileTransition(t: ir.Transition, ctx: ExprContext): (s: PacketState) => string {
  if (t.kind === "Goto") {
    const target = t.target;
    return () => target;
  }
  const keys: Eval[] = t.keys.map((k) => compileExpr(k, ctx));
  const cases = t.cases.map((c) => ({ target: c.target, matches: c.patterns.map(patternMatcher) }));
  const fallback = t.default;
  return (s) => {
    const values = keys.map((k) => k(s));
    for (const c of cases) {
      if (c.matches.every((m, i) => m(values[i]!))) return c.target;
    }
    if (fallback === undefined) throw new ParserStop(NO_MATCH);
    return fallback;
  };
}

function patternMatcher(p: ir.KeysetPattern): (v: bigint) => boolean {
  switch (p.kind) {
    case "value":
      return (v) => v === p.value;
    case "mask":
      return (v) => (v & p.mask) === (p.value & p.mask);
    case "range":
      return (v) => p.lo <= v && v <= p.hi;
    case "any":
      return () => true;
  }
}
