// The parser → instructions. Each state is a block. While the parser runs,
// r8 holds the offset into the received packet and r7 = data + r8 the start
// of the current header: along one path both are constants plus what
// `advance` added (bounded when it is added), so an access needs only the
// `r7 + n > data_end` check, and nothing is reloaded from scratch between
// states. Fields are copied into their scratch words; an error stores
// std.parser_error and leaves the offset where it was (the payload starts
// there). Every way out stores the offset in S.POFF for the deparser.
//
// The verifier sees different constant offsets on different paths into a
// state and so walks each path through the parser (an unrolled parser is a
// small DAG); on the way out the offset is stored and r8 cleared (and r7 by
// program.ts), so the states that leave the parser are one again.

import * as ir from "../../../compiler/ir.js";
import { walkExpr, stmtExprs } from "../../../compiler/visit.js";
import { Alu, Jmp, R_AUX, R_CTX, R_SCAN, R_SCRATCH, Unsupported, type Label } from "./asm.js";
import { readBits } from "./bits.js";
import { sumCleanWords } from "./checksums.js";
import type { Gen } from "./context.js";
import { branch, genExpr, release, type Val } from "./expr.js";
import { XdpMd } from "./helpers.js";
import { headerRefName, MAX_PARSE_OFFSET, S } from "./layout.js";
import { parserValidity } from "./validity.js";
import { assign, hoistRegisterReads } from "./statements.js";

interface ParserLabels {
  readonly states: Map<string, Label>;
  readonly errors: Map<number, Label>;
  readonly counting: boolean;
}

export function genParser(g: Gen, end: Label): void {
  const { asm } = g;
  const states = g.program.parser.states;
  const out = asm.label();
  const labels: ParserLabels = {
    states: new Map(states.map((s) => [s.name, asm.label()])),
    errors: new Map(),
    counting: longestPath(states) > ir.MAX_PARSER_TRANSITIONS,
  };
  if (labels.counting) asm.storeImm(8, R_SCRATCH, S.STEPS, 0);
  asm.opi(Alu.MOV, R_SCAN, 0);
  asm.load(4, R_AUX, R_CTX, XdpMd.DATA);
  const accept = asm.label();
  const reject = asm.label();
  labels.states.set(ir.ACCEPT, accept);
  labels.states.set(ir.REJECT, reject);
  const validIn = parserValidity(g.program);
  for (const state of states) {
    asm.bind(labels.states.get(state.name)!);
    g.knownValid = new Set(validIn.get(state.name)); // what every path arriving here extracted
    if (state.name !== "start") countTransition(g, labels);
    for (const s of state.body) genParserStmt(g, s, labels);
    genTransition(g, state.transition, labels);
  }
  asm.bind(accept);
  countTransition(g, labels);
  asm.jump(out);
  asm.bind(reject);
  countTransition(g, labels);
  asm.jump(errorLabel(g, labels, g.program.errors.indexOf("Rejected")));
  for (const [code, label] of labels.errors) {
    asm.bind(label);
    asm.storeImm(8, R_SCRATCH, S.PERR, code);
    asm.jump(out);
  }
  g.knownValid = new Set();
  g.acceptValid = new Set(validIn.get(ir.ACCEPT));
  asm.bind(out);
  asm.store(8, R_SCRATCH, S.POFF, R_SCAN);
  asm.opi(Alu.MOV, R_SCAN, 0);
  asm.jump(end);
}

/** States on the longest path through the (acyclic, unrolled) parser: the transitions it takes. */
function longestPath(states: readonly ir.ParserState[]): number {
  const byName = new Map(states.map((s) => [s.name, s]));
  const memo = new Map<string, number>();
  const depth = (name: string): number => {
    const s = byName.get(name);
    if (!s) return 0;
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, Infinity); // a cycle (not expected after unrolling) counts as unbounded
    const t = s.transition;
    const targets = t.kind === "Goto" ? [t.target] : [...t.cases.map((c) => c.target), ...(t.default ? [t.default] : [])];
    const d = 1 + Math.max(0, ...targets.map(depth));
    memo.set(name, d);
    return d;
  };
  return depth("start");
}

function countTransition(g: Gen, labels: ParserLabels): void {
  if (!labels.counting) return;
  const t = g.regs.alloc();
  g.asm.load(8, t, R_SCRATCH, S.STEPS);
  g.asm.opi(Alu.ADD, t, 1);
  g.asm.store(8, R_SCRATCH, S.STEPS, t);
  g.asm.jumpIfImm(Jmp.JGT, t, ir.MAX_PARSER_TRANSITIONS, errorLabel(g, labels, g.program.errors.indexOf("ParserTimeout")));
  g.regs.release(t);
}

function errorLabel(g: Gen, labels: ParserLabels, code: number): Label {
  let l = labels.errors.get(code);
  if (!l) {
    l = g.asm.label();
    labels.errors.set(code, l);
  }
  return l;
}

const tooShort = (g: Gen, labels: ParserLabels): Label => errorLabel(g, labels, g.program.errors.indexOf("PacketTooShort"));

/** Jumps to PacketTooShort unless `bytes` bytes follow r7 in the packet. */
function packetWindow(g: Gen, bytes: number, labels: ParserLabels): void {
  const { asm, regs } = g;
  const end = regs.alloc();
  const dataEnd = regs.alloc();
  asm.mov(end, R_AUX);
  asm.opi(Alu.ADD, end, bytes);
  asm.load(4, dataEnd, R_CTX, XdpMd.DATA_END);
  asm.jumpIf(Jmp.JGT, end, dataEnd, tooShort(g, labels));
  regs.release(end, dataEnd);
}

function lookaheadBits(exprs: readonly ir.Expr[]): number {
  let bits = 0;
  for (const e of exprs) walkExpr(e, (x) => void (x.kind === "Lookahead" && (bits = Math.max(bits, ir.widthOf(x.type)))));
  return bits;
}

/** Bounds-checks the lookahead window a statement needs (the longest of its lookaheads). */
function prepareLookahead(g: Gen, exprs: readonly ir.Expr[], labels: ParserLabels): void {
  const bytes = Math.ceil(lookaheadBits(exprs) / 8);
  g.lookaheadBytes = 0;
  if (bytes === 0) return;
  packetWindow(g, bytes, labels);
  g.lookaheadBytes = bytes;
}

function genParserStmt(g: Gen, s: ir.ParserStmt, labels: ParserLabels): void {
  const { asm, regs } = g;
  g.resetTemp();
  hoistRegisterReads(g, stmtExprs(s));
  prepareLookahead(g, stmtExprs(s), labels);
  switch (s.kind) {
    case "Extract": {
      const slot = g.layout.headers.get(headerRefName(s.ref));
      if (!slot) throw new Unsupported(s.span, `ebpf target: extract into ${headerRefName(s.ref)}, outside its stack`);
      const bytes = slot.type.widthBits / 8;
      packetWindow(g, bytes, labels);
      const t = regs.alloc();
      for (const f of slot.type.fields) {
        const at = slot.fields.get(f.name)!;
        if (f.width <= 64) {
          readBits(asm, regs, R_AUX, 0, f.offset, f.width, t, bytes);
          asm.store(8, R_SCRATCH, at, t);
        } else {
          readBits(asm, regs, R_AUX, 0, f.offset, f.width - 64, t, bytes);
          asm.store(8, R_SCRATCH, at + 8, t);
          readBits(asm, regs, R_AUX, 0, f.offset + f.width - 64, 64, t, bytes);
          asm.store(8, R_SCRATCH, at, t);
        }
      }
      regs.release(t);
      if (slot.cleanSum) sumCleanWords(g, slot.cleanSum);
      asm.opi(Alu.ADD, R_AUX, bytes);
      asm.opi(Alu.ADD, R_SCAN, bytes);
      if (slot.origin !== undefined) asm.store(8, R_SCRATCH, slot.origin, R_SCAN); // for the deparser's in-place check
      asm.storeImm(1, R_SCRATCH, slot.valid, 1);
      g.knownValid.add(headerRefName(s.ref));
      break;
    }
    case "Advance": {
      const n = genExpr(g, s.bytes);
      if (n.hi !== undefined) asm.jumpIfImm(Jmp.JNE, n.hi, 0, tooShort(g, labels));
      const off = regs.alloc();
      const len = regs.alloc();
      asm.mov(off, R_SCAN);
      asm.load(8, len, R_SCRATCH, S.LEN);
      asm.jumpIf(Jmp.JGT, n.lo, len, tooShort(g, labels));
      asm.op(Alu.ADD, off, n.lo);
      asm.jumpIf(Jmp.JGT, off, len, tooShort(g, labels));
      // the verifier needs a bound on what is added to a packet pointer (XDP frames are far smaller)
      asm.jumpIfImm(Jmp.JGT, off, MAX_PARSE_OFFSET, tooShort(g, labels));
      asm.mov(R_SCAN, off);
      asm.load(4, R_AUX, R_CTX, XdpMd.DATA);
      asm.op(Alu.ADD, R_AUX, R_SCAN);
      regs.release(off, len);
      release(g, n);
      break;
    }
    case "Verify": {
      branch(g, s.cond, false, errorLabel(g, labels, s.error));
      break;
    }
    case "Assign":
      assign(g, s.target, s.value);
      break;
  }
  g.lookaheadBytes = 0;
}

function genTransition(g: Gen, t: ir.Transition, labels: ParserLabels): void {
  const { asm } = g;
  const target = (name: string): Label => labels.states.get(name) ?? errorLabel(g, labels, g.program.errors.indexOf("NoMatch"));
  if (t.kind === "Goto") {
    asm.jump(target(t.target));
    return;
  }
  g.resetTemp();
  hoistRegisterReads(g, t.keys);
  prepareLookahead(g, t.keys, labels);
  const keys = t.keys.map((k) => genExpr(g, k));
  g.lookaheadBytes = 0;
  for (const c of t.cases) {
    const next = asm.label();
    c.patterns.forEach((p, i) => matchPattern(g, keys[i]!, ir.widthOf(t.keys[i]!.type), p, next, c.span));
    asm.jump(target(c.target));
    asm.bind(next);
  }
  for (const k of keys) release(g, k);
  asm.jump(t.default !== undefined ? target(t.default) : errorLabel(g, labels, g.program.errors.indexOf("NoMatch")));
}

/** Falls through when key matches the pattern, else jumps to `next`. */
function matchPattern(g: Gen, key: Val, w: number, p: ir.KeysetPattern, next: Label, span: ir.SelectCase["span"]): void {
  const { asm, regs } = g;
  const words = (v: bigint): bigint[] => (w > 64 ? [v & ir.mask(64), v >> 64n] : [v]);
  const regsOf = key.hi !== undefined ? [key.lo, key.hi] : [key.lo];
  switch (p.kind) {
    case "any":
      return;
    case "value":
      words(p.value).forEach((v, i) => g.jumpIfConst(Jmp.JNE, regsOf[i]!, v, next));
      return;
    case "mask": {
      const m = words(p.mask);
      const t = regs.alloc();
      words(p.value & p.mask).forEach((v, i) => {
        asm.mov(t, regsOf[i]!);
        if (m[i]! < 0x8000_0000n) asm.opi(Alu.AND, t, Number(m[i]!));
        else {
          const mk = regs.alloc();
          asm.constant(mk, m[i]!);
          asm.op(Alu.AND, t, mk);
          regs.release(mk);
        }
        g.jumpIfConst(Jmp.JNE, t, v, next);
      });
      regs.release(t);
      return;
    }
    case "range":
      if (w > 64) throw new Unsupported(span, "ebpf target: a select range on a value wider than 64 bits is not supported");
      g.jumpIfConst(Jmp.JLT, key.lo, p.lo, next);
      g.jumpIfConst(Jmp.JGT, key.lo, p.hi, next);
      return;
  }
}
