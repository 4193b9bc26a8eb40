/**
 * Unsigned bounds of numbers the verifier does not know exactly: what an ALU operation, a load
 * or a byte swap gives, and what a conditional jump teaches on each of its branches. Offsets
 * into the packet or a map value are usually such numbers (`if (off > 0x3fff) goto drop;`),
 * so bounds are what lets a pointer plus an unknown offset be checked at all.
 */

import { Alu, Cls, Jmp } from "../isa.js";
import { U64_MAX, boundsOf, bounded, type Scalar } from "./state.js";

const U32_MAX = 0xffff_ffffn;

/** The bounds of `a op b` (ALU or ALU64 `code`, not MOV/NEG/END) when the exact value is not known. */
export function aluBounds(cls: number, code: number, offset: number, a: Scalar, b: Scalar): Scalar {
  const max = cls === Cls.ALU ? U32_MAX : U64_MAX;
  const operand = (v: Scalar): [bigint, bigint] => {
    const [lo, hi] = boundsOf(v);
    return hi <= max ? [lo, hi] : [0n, max];
  };
  const [alo, ahi] = operand(a);
  const [blo, bhi] = operand(b);
  const within = (lo: bigint, hi: bigint): Scalar => (hi <= max ? bounded(lo, hi) : bounded(0n, max));
  const bitsUpTo = (v: bigint): bigint => (1n << BigInt(v.toString(2).length)) - 1n;
  const shift = b.value === undefined ? undefined : b.value & (cls === Cls.ALU ? 31n : 63n);
  switch (code) {
    case Alu.ADD:
      return within(alo + blo, ahi + bhi);
    case Alu.SUB:
      return alo >= bhi ? bounded(alo - bhi, ahi - blo) : bounded(0n, max);
    case Alu.MUL:
      return within(alo * blo, ahi * bhi);
    case Alu.DIV:
      if (offset !== 0) return bounded(0n, max);
      return b.value !== undefined && b.value !== 0n ? bounded(alo / bhi, ahi / bhi) : bounded(0n, ahi);
    case Alu.MOD:
      if (offset !== 0) return bounded(0n, max);
      return b.value !== undefined && b.value !== 0n ? bounded(0n, ahi < bhi - 1n ? ahi : bhi - 1n) : bounded(0n, ahi);
    case Alu.AND:
      return bounded(0n, ahi < bhi ? ahi : bhi);
    case Alu.OR:
      return bounded(alo > blo ? alo : blo, bitsUpTo(ahi > bhi ? ahi : bhi));
    case Alu.XOR:
      return bounded(0n, bitsUpTo(ahi > bhi ? ahi : bhi));
    case Alu.LSH:
      return shift === undefined ? bounded(0n, max) : within(alo << shift, ahi << shift);
    case Alu.RSH:
      return shift === undefined ? bounded(0n, ahi) : bounded(alo >> shift, ahi >> shift);
    case Alu.ARSH:
      // Without the sign bit an arithmetic shift is a logical one.
      if (ahi > max >> 1n) return bounded(0n, max);
      return shift === undefined ? bounded(0n, ahi) : bounded(alo >> shift, ahi >> shift);
    default:
      return bounded(0n, max);
  }
}

/** `mov32` (or `movsx`, offset ≠ 0) of a number whose value is not known. */
export function movBounds(cls: number, offset: number, v: Scalar): Scalar {
  const [lo, hi] = boundsOf(v);
  const max = cls === Cls.ALU ? U32_MAX : U64_MAX;
  if (offset === 0) return hi <= max ? bounded(lo, hi) : bounded(0n, max);
  // Sign extension of `offset` bits keeps a value whose sign bit is clear.
  return hi < 1n << BigInt(offset - 1) ? bounded(lo, hi) : bounded(0n, max);
}

/** A byte swap (`END`) or `bswap` of `bits` bits keeps at most `bits` bits. */
export const swapBounds = (bits: number): Scalar => bounded(0n, bits >= 64 ? U64_MAX : (1n << BigInt(bits)) - 1n);

/** A zero-extending load of `size` bytes. */
export const loadBounds = (size: number): Scalar => bounded(0n, (1n << BigInt(8 * size)) - 1n);

/** What a branch proves: the operands' new bounds, or undefined when the branch cannot be taken. */
export type Refined = readonly [Scalar, Scalar] | undefined;

/**
 * The bounds of `a` and `b` when `a code b` holds (`taken`) and when it does not. Unsigned
 * comparisons and (in)equalities only; other conditions teach nothing. JMP32 is refined only
 * when both sides fit in 32 bits (then it compares the same numbers).
 */
export function refineBranch(cls: number, code: number, a: Scalar, b: Scalar): { taken: Refined; notTaken: Refined } {
  let [alo, ahi] = boundsOf(a);
  let [blo, bhi] = boundsOf(b);
  if (cls === Cls.JMP32) {
    if (b.value !== undefined) blo = bhi = b.value & U32_MAX;
    if (ahi > U32_MAX || bhi > U32_MAX) return { taken: [a, b], notTaken: [a, b] };
    const exact = (v: Scalar, lo: bigint, hi: bigint): Scalar => (v.value !== undefined ? v : bounded(lo, hi));
    a = exact(a, alo, ahi);
    b = exact(b, blo, bhi);
  }
  const holds = (op: number): Refined => relation(op, [alo, ahi], [blo, bhi], a, b);
  const negation: Record<number, number> = {
    [Jmp.JEQ]: Jmp.JNE, [Jmp.JNE]: Jmp.JEQ, [Jmp.JGT]: Jmp.JLE, [Jmp.JLE]: Jmp.JGT, [Jmp.JGE]: Jmp.JLT, [Jmp.JLT]: Jmp.JGE,
  };
  const not = negation[code];
  if (not === undefined) return { taken: [a, b], notTaken: [a, b] };
  return { taken: holds(code), notTaken: holds(not) };
}

function relation(op: number, [alo, ahi]: [bigint, bigint], [blo, bhi]: [bigint, bigint], a: Scalar, b: Scalar): Refined {
  const pair = (a1: bigint, a2: bigint, b1: bigint, b2: bigint): Refined =>
    a1 > a2 || b1 > b2 ? undefined : [keep(a, a1, a2), keep(b, b1, b2)];
  const max = (x: bigint, y: bigint): bigint => (x > y ? x : y);
  const min = (x: bigint, y: bigint): bigint => (x < y ? x : y);
  switch (op) {
    case Jmp.JEQ:
      return pair(max(alo, blo), min(ahi, bhi), max(alo, blo), min(ahi, bhi));
    case Jmp.JNE: {
      if (alo === ahi && blo === bhi) return alo === blo ? undefined : [a, b];
      // Only an excluded end point narrows an interval.
      const cut = (lo: bigint, hi: bigint, point: bigint | undefined): [bigint, bigint] =>
        point === lo ? [lo + 1n, hi] : point === hi ? [lo, hi - 1n] : [lo, hi];
      const [a1, a2] = cut(alo, ahi, blo === bhi ? blo : undefined);
      const [b1, b2] = cut(blo, bhi, alo === ahi ? alo : undefined);
      return pair(a1, a2, b1, b2);
    }
    case Jmp.JGT:
      return pair(max(alo, blo + 1n), ahi, blo, min(bhi, ahi - 1n));
    case Jmp.JGE:
      return pair(max(alo, blo), ahi, blo, min(bhi, ahi));
    case Jmp.JLT:
      return pair(alo, min(ahi, bhi - 1n), max(blo, alo + 1n), bhi);
    default: // JLE
      return pair(alo, min(ahi, bhi), max(blo, alo), bhi);
  }
}

/** The value itself when its bounds did not change (keeps a known value as it was). */
function keep(v: Scalar, lo: bigint, hi: bigint): Scalar {
  const [vlo, vhi] = boundsOf(v);
  return vlo === lo && vhi === hi ? v : bounded(lo, hi);
}
