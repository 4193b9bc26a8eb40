// Expressions → registers, with exact widths. A value of up to 64 bits is one
// register, zero above its width; a bit<65..128> value is a pair (lo, hi).
// Wide values support what the examples need of them — reading and writing,
// constants, lookahead, ?:, casts, slices, concatenation, & | ^ ~, == and != —
// and anything else on them (arithmetic, ordering, shifts) is refused with
// E0850 naming the operation.
//
// Expressions are pure and call no helper: register reads are hoisted before
// the statement (statements.ts) and hashes and checksums are computed inline.

import * as ir from "../../../compiler/ir.js";
import { Alu, Jmp, R_AUX, R_SCRATCH, Unsupported, type Label } from "./asm.js";
import { readBits } from "./bits.js";
import { checksum16, csumUpdate, hash } from "./checksums.js";
import type { Gen } from "./context.js";
import { headerRefName, S } from "./layout.js";
import { noteFieldRead } from "./validity.js";

export interface Val {
  readonly lo: number;
  readonly hi?: number;
}

export const width = (e: ir.Expr): number => ir.widthOf(e.type);

export function release(g: Gen, v: Val): void {
  g.regs.release(v.lo, v.hi);
}

/** Scratch offset of a header field, or undefined for a stack element past the stack's end (reads 0). */
export function fieldSlot(g: Gen, ref: ir.HeaderRef, field: string): { at: number; valid: number } | undefined {
  const slot = g.layout.headers.get(headerRefName(ref));
  if (!slot) return undefined;
  return { at: slot.fields.get(field)!, valid: slot.valid };
}

const STD: Record<ir.StdField, number> = { ingress_port: S.PORT, packet_length: S.LEN, timestamp: S.TIME, parser_error: S.PERR };

/**
 * Where a readable location lives: [base register, offset], or undefined when
 * it always reads 0. Every read of a header field goes through here, so here
 * is where a field used while its header may be invalid is noted (validity.ts).
 */
export function locationOf(g: Gen, loc: ir.Location): [number, number] | undefined {
  switch (loc.kind) {
    case "field": {
      noteFieldRead(g, loc.ref);
      const f = fieldSlot(g, loc.ref, loc.field);
      return f && [R_SCRATCH, f.at];
    }
    case "meta":
      return [R_SCRATCH, g.layout.meta.get(loc.field)!];
    case "local":
      return [R_SCRATCH, g.layout.locals.get(loc.id)!];
    case "std":
      return [R_SCRATCH, STD[loc.field]];
    case "param":
      return [R_AUX, g.params[loc.index]!];
  }
}

function constant(g: Gen, value: bigint, w: number, span: ir.Expr["span"]): Val {
  const lo = g.regs.alloc(span);
  g.asm.constant(lo, value & ir.mask(Math.min(w, 64)));
  if (w <= 64) return { lo };
  const hi = g.regs.alloc(span);
  g.asm.constant(hi, value >> 64n);
  return { lo, hi };
}

/** Loads a value stored in memory (1 or 2 words). */
export function loadValue(g: Gen, base: number, at: number, w: number, span?: ir.Expr["span"]): Val {
  const lo = g.regs.alloc(span);
  g.asm.load(8, lo, base, at);
  if (w <= 64) return { lo };
  const hi = g.regs.alloc(span);
  g.asm.load(8, hi, base, at + 8);
  return { lo, hi };
}

export function storeValue(g: Gen, base: number, at: number, v: Val, w: number): void {
  g.asm.store(8, base, at, v.lo);
  if (w > 64) {
    if (v.hi === undefined) g.asm.storeImm(8, base, at + 8, 0);
    else g.asm.store(8, base, at + 8, v.hi);
  }
}

const unsupported = (e: ir.Expr, what: string): Unsupported =>
  new Unsupported(e.span, `ebpf target: ${what} on a ${ir.typeToString(e.type)} value is not supported (values wider than 64 bits support only copies, slices, concatenation, casts, & | ^ ~, == and !=)`);

/** Evaluates `e` into fresh registers. */
export function genExpr(g: Gen, e: ir.Expr): Val {
  const { asm, regs } = g;
  const w = width(e);
  switch (e.kind) {
    case "Const":
      return constant(g, e.value, w, e.span);
    case "Read": {
      const where = locationOf(g, e.loc);
      return where ? loadValue(g, where[0], where[1], w, e.span) : constant(g, 0n, w, e.span);
    }
    case "IsValid": {
      const slot = g.layout.headers.get(headerRefName(e.ref));
      const r = regs.alloc(e.span);
      if (slot) asm.load(1, r, R_SCRATCH, slot.valid);
      else asm.opi(Alu.MOV, r, 0);
      return { lo: r };
    }
    case "Lookahead": {
      const window = g.lookaheadBytes;
      if (window === 0) throw new Error("internal: lookahead outside a checked parser statement");
      const lo = regs.alloc(e.span);
      if (w <= 64) {
        readBits(asm, regs, R_AUX, 0, 0, w, lo, window);
        return { lo };
      }
      const hi = regs.alloc(e.span);
      readBits(asm, regs, R_AUX, 0, 0, w - 64, hi, window);
      readBits(asm, regs, R_AUX, 0, w - 64, 64, lo, window);
      return { lo, hi };
    }
    case "RegisterRead": {
      const at = g.registerReads.get(e);
      if (at === undefined) throw new Error("internal: register read was not hoisted");
      return loadValue(g, R_SCRATCH, at, w, e.span);
    }
    case "Unary": {
      const v = genExpr(g, e.operand);
      if (e.op === "!") {
        asm.opi(Alu.XOR, v.lo, 1);
        return v;
      }
      invert(g, v.lo, Math.min(w, 64));
      if (v.hi !== undefined) invert(g, v.hi, w - 64);
      return v;
    }
    case "Cast":
      return cast(g, genExpr(g, e.expr), width(e.expr), w);
    case "Slice":
      return slice(g, genExpr(g, e.expr), e.lo, e.hi - e.lo + 1);
    case "Concat": {
      const rw = width(e.right);
      const left = cast(g, genExpr(g, e.left), width(e.left), w);
      const shifted = shiftLeft(g, left, rw, w);
      const right = genExpr(g, e.right);
      asm.op(Alu.OR, shifted.lo, right.lo);
      if (right.hi !== undefined) asm.op(Alu.OR, shifted.hi!, right.hi);
      release(g, right);
      return shifted;
    }
    case "Cond": {
      const other = g.asm.label();
      const end = g.asm.label();
      branch(g, e.cond, false, other);
      const result: Val = w > 64 ? { lo: regs.alloc(e.span), hi: regs.alloc(e.span) } : { lo: regs.alloc(e.span) };
      const arm = (x: ir.Expr): void => {
        const v = genExpr(g, x);
        asm.mov(result.lo, v.lo);
        if (result.hi !== undefined) {
          if (v.hi !== undefined) asm.mov(result.hi, v.hi);
          else asm.opi(Alu.MOV, result.hi, 0);
        }
        release(g, v);
      };
      arm(e.then);
      asm.jump(end);
      asm.bind(other);
      arm(e.else);
      asm.bind(end);
      return result;
    }
    case "Binary":
      return binary(g, e);
    case "Hash":
      return hash(g, e);
    case "Checksum16":
      return checksum16(g, e);
    case "CsumUpdate":
      return csumUpdate(g, e);
  }
}

function invert(g: Gen, r: number, w: number): void {
  if (w < 31) g.asm.opi(Alu.XOR, r, Number(ir.mask(w)));
  else if (w === 32) g.asm.op32i(Alu.XOR, r, -1);
  else {
    g.asm.opi(Alu.XOR, r, -1);
    g.asm.truncate(r, w);
  }
}

/** Zero-extends or truncates from width `from` to width `to`. */
function cast(g: Gen, v: Val, from: number, to: number): Val {
  if (to <= 64) {
    g.regs.release(v.hi);
    if (to < from) g.asm.truncate(v.lo, to);
    return { lo: v.lo };
  }
  if (v.hi === undefined) {
    const hi = g.regs.alloc();
    g.asm.opi(Alu.MOV, hi, 0);
    return { lo: v.lo, hi };
  }
  if (to < from) g.asm.truncate(v.hi, to - 64);
  return v;
}

/** (v >> lo) truncated to `w` bits. */
function slice(g: Gen, v: Val, lo: number, w: number): Val {
  const { asm, regs } = g;
  if (v.hi === undefined) {
    if (lo > 0) asm.opi(Alu.RSH, v.lo, lo);
    asm.truncate(v.lo, w);
    return v;
  }
  if (lo >= 64) {
    regs.release(v.lo);
    if (lo > 64) asm.opi(Alu.RSH, v.hi, lo - 64);
    asm.truncate(v.hi, w);
    return { lo: v.hi };
  }
  if (lo > 0) {
    const t = regs.alloc();
    asm.mov(t, v.hi);
    asm.opi(Alu.LSH, t, 64 - lo);
    asm.opi(Alu.RSH, v.lo, lo);
    asm.op(Alu.OR, v.lo, t);
    regs.release(t);
    asm.opi(Alu.RSH, v.hi, lo);
  }
  if (w <= 64) {
    regs.release(v.hi);
    asm.truncate(v.lo, w);
    return { lo: v.lo };
  }
  asm.truncate(v.hi, w - 64);
  return v;
}

/** (v << s) within `w` bits, v already of width w (pair when w > 64). */
function shiftLeft(g: Gen, v: Val, s: number, w: number): Val {
  const { asm, regs } = g;
  if (s === 0) return v;
  if (v.hi === undefined) {
    if (s >= 64) asm.opi(Alu.MOV, v.lo, 0);
    else asm.opi(Alu.LSH, v.lo, s);
    asm.truncate(v.lo, w);
    return v;
  }
  if (s >= 64) {
    asm.mov(v.hi, v.lo);
    if (s > 64) asm.opi(Alu.LSH, v.hi, s - 64);
    asm.opi(Alu.MOV, v.lo, 0);
  } else {
    const t = regs.alloc();
    asm.mov(t, v.lo);
    asm.opi(Alu.RSH, t, 64 - s);
    asm.opi(Alu.LSH, v.hi, s);
    asm.op(Alu.OR, v.hi, t);
    asm.opi(Alu.LSH, v.lo, s);
    regs.release(t);
  }
  asm.truncate(v.hi, w - 64);
  return v;
}

const ARITH: Partial<Record<ir.BinaryExpr["op"], number>> = { "+": Alu.ADD, "-": Alu.SUB, "*": Alu.MUL, "&": Alu.AND, "|": Alu.OR, "^": Alu.XOR };
const COMPARE: Partial<Record<ir.BinaryExpr["op"], number>> = { "==": Jmp.JEQ, "!=": Jmp.JNE, "<": Jmp.JLT, "<=": Jmp.JLE, ">": Jmp.JGT, ">=": Jmp.JGE };
/** The jump taken when the comparison is false. */
const NEGATED: Record<number, number> = { [Jmp.JEQ]: Jmp.JNE, [Jmp.JNE]: Jmp.JEQ, [Jmp.JLT]: Jmp.JGE, [Jmp.JGE]: Jmp.JLT, [Jmp.JGT]: Jmp.JLE, [Jmp.JLE]: Jmp.JGT };

/**
 * Jumps to `target` when the boolean `e` is `when`, else falls through:
 * conditions of `if`, `verify` and `?:` become compares and branches instead
 * of a 0/1 value tested afterwards. `&&` and `||` branch on their left
 * operand first (operands are pure and total, so not evaluating the right
 * one changes nothing).
 */
export function branch(g: Gen, e: ir.Expr, when: boolean, target: Label): void {
  const { asm } = g;
  switch (e.kind) {
    case "Const":
      if ((e.value !== 0n) === when) asm.jump(target);
      return;
    case "Unary":
      if (e.op === "!") return branch(g, e.operand, !when, target);
      break;
    case "Binary": {
      if (e.op === "&&" || e.op === "||") {
        // a && b is true when both are; a || b is false when both are false
        const both = e.op === "&&" ? when : !when;
        if (both) {
          const skip = asm.label();
          branch(g, e.left, !when, skip);
          branch(g, e.right, when, target);
          asm.bind(skip);
        } else {
          branch(g, e.left, when, target);
          branch(g, e.right, when, target);
        }
        return;
      }
      const cmp = COMPARE[e.op];
      if (cmp === undefined) break;
      compare(g, e, when ? cmp : NEGATED[cmp]!, target);
      return;
    }
  }
  const v = genExpr(g, e);
  asm.jumpIfImm(when ? Jmp.JNE : Jmp.JEQ, v.lo, 0, target);
  release(g, v);
}

/** Jumps to `target` when `left <code> right` (code: a COMPARE or NEGATED jump; wide values only JEQ/JNE). */
function compare(g: Gen, e: ir.BinaryExpr, code: number, target: Label): void {
  const { asm } = g;
  const a = genExpr(g, e.left);
  if (width(e.left) > 64) {
    if (e.op !== "==" && e.op !== "!=") throw unsupported(e.left, `comparison '${e.op}'`);
    const b = genExpr(g, e.right);
    if (code === Jmp.JNE) {
      // differ when either word differs
      asm.jumpIf(Jmp.JNE, a.lo, b.lo, target);
      asm.jumpIf(Jmp.JNE, a.hi!, b.hi!, target);
    } else {
      const differ = asm.label();
      asm.jumpIf(Jmp.JNE, a.lo, b.lo, differ);
      asm.jumpIf(Jmp.JEQ, a.hi!, b.hi!, target);
      asm.bind(differ);
    }
    release(g, b);
  } else if (e.right.kind === "Const" && e.right.value < 0x8000_0000n) {
    asm.jumpIfImm(code, a.lo, Number(e.right.value), target);
  } else {
    const b = genExpr(g, e.right);
    asm.jumpIf(code, a.lo, b.lo, target);
    release(g, b);
  }
  release(g, a);
}

function binary(g: Gen, e: ir.BinaryExpr): Val {
  const { asm, regs } = g;
  const w = width(e);
  if (COMPARE[e.op] !== undefined) {
    // materialised: 1, unless the comparison is false
    const result = regs.alloc(e.span);
    const done = asm.label();
    asm.opi(Alu.MOV, result, 1);
    branch(g, e, true, done);
    asm.opi(Alu.MOV, result, 0);
    asm.bind(done);
    return { lo: result };
  }
  if (e.op === "&&" || e.op === "||") {
    // Operands are pure and total: both are evaluated, no branch needed.
    const a = genExpr(g, e.left);
    const b = genExpr(g, e.right);
    asm.op(e.op === "&&" ? Alu.AND : Alu.OR, a.lo, b.lo);
    release(g, b);
    return a;
  }
  if (e.op === "<<" || e.op === ">>") {
    if (w > 64) throw unsupported(e, `shift '${e.op}'`);
    const a = genExpr(g, e.left);
    const code = e.op === "<<" ? Alu.LSH : Alu.RSH;
    if (e.right.kind === "Const") {
      if (e.right.value >= BigInt(w)) asm.opi(Alu.MOV, a.lo, 0);
      else if (e.right.value > 0n) {
        asm.opi(code, a.lo, Number(e.right.value));
        if (code === Alu.LSH) asm.truncate(a.lo, w);
      }
      return a;
    }
    const n = genExpr(g, e.right);
    const zero = asm.label();
    const end = asm.label();
    if (n.hi !== undefined) asm.jumpIfImm(Jmp.JNE, n.hi, 0, zero);
    asm.jumpIfImm(Jmp.JGE, n.lo, w, zero);
    asm.op(code, a.lo, n.lo);
    if (code === Alu.LSH) asm.truncate(a.lo, w);
    asm.jump(end);
    asm.bind(zero);
    asm.opi(Alu.MOV, a.lo, 0);
    asm.bind(end);
    release(g, n);
    return a;
  }
  const code = ARITH[e.op]!;
  if (w > 64 && (e.op === "+" || e.op === "-" || e.op === "*")) throw unsupported(e, `arithmetic '${e.op}'`);
  const a = genExpr(g, e.left);
  if (w <= 64 && e.right.kind === "Const" && e.right.value < 0x8000_0000n) {
    asm.opi(code, a.lo, Number(e.right.value));
  } else {
    const b = genExpr(g, e.right);
    asm.op(code, a.lo, b.lo);
    if (a.hi !== undefined) asm.op(code, a.hi, b.hi!);
    release(g, b);
  }
  if (e.op === "+" || e.op === "-" || e.op === "*") asm.truncate(a.lo, w);
  return a;
}
