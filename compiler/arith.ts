// Exact bit-width arithmetic on bigint: the meaning of every IR operator.
//
// Used by constant folding at compile time and by the reference interpreter
// at run time, so that a folded constant and an interpreted expression can
// never disagree. Values are unsigned and always kept within their width.

import type { ArithOp, CompareOp, ShiftOp } from "./ir.js";
import { mask } from "./ir.js";

/** Truncates to `width` bits (wrap modulo 2^width). */
export function wrap(value: bigint, width: number): bigint {
  return value & mask(width);
}

export function arith(op: ArithOp, a: bigint, b: bigint, width: number): bigint {
  switch (op) {
    case "+":
      return wrap(a + b, width);
    case "-":
      return wrap(a - b, width);
    case "*":
      return wrap(a * b, width);
    case "&":
      return a & b;
    case "|":
      return a | b;
    case "^":
      return a ^ b;
  }
}

/** Shifts by ≥ width give 0; the amount may be any width. */
export function shift(op: ShiftOp, a: bigint, amount: bigint, width: number): bigint {
  if (amount >= BigInt(width)) return 0n;
  return op === "<<" ? wrap(a << amount, width) : a >> amount;
}

const COMPARE_OPS: ReadonlySet<string> = new Set<CompareOp>(["==", "!=", "<", "<=", ">", ">="]);

/** Whether a binary operator is a comparison (its operands are bit<N>, its result is bool). */
export function isCompare(op: string): op is CompareOp {
  return COMPARE_OPS.has(op);
}

export function compare(op: CompareOp, a: bigint, b: bigint): boolean {
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}

export function complement(a: bigint, width: number): bigint {
  return wrap(~a, width);
}

/** `a ++ b`: a in the high bits. */
export function concat(a: bigint, b: bigint, bWidth: number): bigint {
  return (a << BigInt(bWidth)) | b;
}

/** `v[hi:lo]`. */
export function slice(v: bigint, hi: number, lo: number): bigint {
  return (v >> BigInt(lo)) & mask(hi - lo + 1);
}

/** Replaces bits hi..lo of `base` with `part` (an assignment to a slice). */
export function setSlice(base: bigint, hi: number, lo: number, part: bigint): bigint {
  const m = mask(hi - lo + 1) << BigInt(lo);
  return (base & ~m) | ((part << BigInt(lo)) & m);
}
