// Values in generated code: how the code generator represents bit<N> values
// (N ≤ 128) as wasm i64 words, and the function builder that owns locals.
//
// A Val is one i64 word for widths up to 64 and two (low, high) above; every
// word holds only bits inside the width (the upper bits are 0), which is the
// invariant that lets comparisons and stores ignore the width. Word thunks are
// cheap and pure (a constant or a local.get): results of real computations are
// first stored in fresh locals through `Fn.pre`, a list of statements that the
// statement being compiled runs before it uses the values. binaryen's
// simplify-locals and coalesce-locals passes fold these temporaries back into
// expressions, so the generator can stay simple.

import binaryen from "binaryen";
import { mask } from "../../compiler/ir.js";

export type X = binaryen.ExpressionRef;
export type Word = () => X;

export interface Val {
  readonly width: number;
  readonly words: readonly Word[];
}

export const wordCount = (width: number): number => (width > 64 ? 2 : 1);
const MASK64 = mask(64);

/** A function under construction: its locals and the statements pending before the current one. */
export class Fn {
  readonly vars: binaryen.Type[] = [];
  pre: X[] = [];

  constructor(
    readonly m: binaryen.Module,
    readonly params: readonly binaryen.Type[],
  ) {}

  local(type: binaryen.Type): number {
    this.vars.push(type);
    return this.params.length + this.vars.length - 1;
  }

  /** Runs `f` with a fresh pending list and returns what it left there (for code that runs conditionally). */
  nested<T>(f: () => T): { pre: X[]; value: T } {
    const saved = this.pre;
    this.pre = [];
    try {
      const value = f();
      return { pre: this.pre, value };
    } finally {
      this.pre = saved;
    }
  }

  emit(x: X): void {
    this.pre.push(x);
  }

  /** Takes the pending statements (the caller places them). */
  flush(): X[] {
    const out = this.pre;
    this.pre = [];
    return out;
  }

  // ------------------------------------------------------------ constants and words

  i32(n: number): X {
    return this.m.i32.const(n | 0);
  }

  i64(v: bigint | number): X {
    const b = BigInt.asUintN(64, BigInt(v));
    return this.m.i64.const(BigInt.asIntN(64, b));
  }

  get64(index: number): Word {
    return () => this.m.local.get(index, binaryen.i64);
  }

  get32(index: number): X {
    return this.m.local.get(index, binaryen.i32);
  }

  /** A word that is cheap to repeat: constants and local reads are rebuilt; anything else goes to a fresh local. */
  word(x: X): Word {
    const info = binaryen.getExpressionInfo(x) as { id: number; value?: unknown; index?: number; type: number };
    if (info.id === binaryen.ConstId && info.type === binaryen.i64) {
      const v = info.value as { low: number; high: number } | bigint | number;
      const big = typeof v === "object" ? (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0) : BigInt(v);
      return () => this.i64(big);
    }
    if (info.id === binaryen.LocalGetId) {
      const index = info.index!;
      return () => this.m.local.get(index, binaryen.i64);
    }
    const l = this.local(binaryen.i64);
    this.emit(this.m.local.set(l, x));
    return this.get64(l);
  }

  val(width: number, words: readonly X[]): Val {
    return { width, words: words.map((w) => this.word(w)) };
  }

  constVal(value: bigint, width: number): Val {
    const words: Word[] = [() => this.i64(value & MASK64)];
    if (width > 64) words.push(() => this.i64(value >> 64n));
    return { width, words };
  }

  // ------------------------------------------------------------ word arithmetic

  /** x shifted left by `amount` bits (negative: right, logical); null when nothing is left. */
  shift(x: X, amount: number): X | null {
    if (amount >= 64 || amount <= -64) return null;
    if (amount === 0) return x;
    return amount > 0 ? this.m.i64.shl(x, this.i64(amount)) : this.m.i64.shr_u(x, this.i64(-amount));
  }

  or(parts: readonly (X | null)[]): X {
    const xs = parts.filter((p): p is X => p !== null);
    if (xs.length === 0) return this.i64(0);
    return xs.reduce((a, b) => this.m.i64.or(a, b));
  }

  and(x: X, m: bigint): X {
    return (m & MASK64) === MASK64 ? x : this.m.i64.and(x, this.i64(m));
  }

  /** Word j of (v << L); L may be negative (a right shift); bits above the value's width are not masked. */
  wordOf(v: Val, L: number, j: number): X {
    return this.or(v.words.map((w, i) => this.shiftMaybe(w, 64 * (i - j) + L)));
  }

  private shiftMaybe(w: Word, amount: number): X | null {
    if (amount >= 64 || amount <= -64) return null;
    return this.shift(w(), amount);
  }

  /** The value `v << L` cut to `width` bits (L negative: a right shift), as a new Val. */
  shiftConst(v: Val, L: number, width: number): Val {
    const n = wordCount(width);
    const words: X[] = [];
    for (let j = 0; j < n; j++) {
      const top = j === n - 1 ? width - 64 * j : 64;
      words.push(this.and(this.wordOf(v, L, j), mask(top)));
    }
    return this.val(width, words);
  }

  /** Zero-extends or truncates to `width`. */
  resize(v: Val, width: number): Val {
    if (v.width === width) return v;
    if (width > v.width) return { width, words: wordCount(width) > v.words.length ? [...v.words, () => this.i64(0)] : v.words };
    return this.shiftConst(v, 0, width);
  }

  /** v != 0 as an i32 condition. */
  truthy(v: Val): X {
    const m = this.m;
    if (v.words.length === 1) return m.i64.ne(v.words[0]!(), this.i64(0));
    return m.i64.ne(m.i64.or(v.words[0]!(), v.words[1]!()), this.i64(0));
  }

  /** An i32 0/1 as a bool Val. */
  boolVal(x: X): Val {
    return this.val(1, [this.m.i64.extend_u(x)]);
  }

  /** Low 32 bits of the value as i32. */
  low32(v: Val): X {
    return this.m.i32.wrap(v.words[0]!());
  }

  /** v < limit (a small non-negative number), unsigned, for index checks; as i32. */
  below(v: Val, limit: number): X {
    const m = this.m;
    const lowOk = m.i64.lt_u(v.words[0]!(), this.i64(limit));
    return v.words.length === 1 ? lowOk : m.i32.and(lowOk, m.i64.eqz(v.words[1]!()));
  }

  /** Sets locals from a Val (words beyond the value's are 0). */
  setLocals(locals: readonly number[], v: Val): X[] {
    return locals.map((l, j) => this.m.local.set(l, j < v.words.length ? v.words[j]!() : this.i64(0)));
  }

  block(children: readonly X[], type: binaryen.Type = binaryen.none, label: string | null = null): X {
    if (children.length === 1 && label === null && type === binaryen.none) return children[0]!;
    return this.m.block(label, [...children], type);
  }
}
