// Big-endian bit fields in wasm memory: how generated code reads header fields
// from packet bytes and writes them back (network byte order, most significant
// bit first).
//
// Wasm loads and stores are little-endian, so a run of n ≤ 8 bytes is loaded
// as 4/2/1-byte (or one 8-byte) pieces whose bytes are swapped by the helper
// functions bswap32/bswap64 (inlined by binaryen). Fields are assembled from,
// or stored as, such runs ("chunks"): a chunk ending at byte b1 holds a field
// occupying bits [o, o+w) of the header when shifted by o + w - 8·b1, which is
// the one formula every function here uses. Callers guarantee that the bytes
// touched are inside the packet (the parser checks the length first).

import binaryen from "binaryen";
import { mask } from "../../compiler/ir.js";
import { wordCount, type Fn, type Val, type Word, type X } from "./gen-values.js";

export const BSWAP32 = "bswap32";
export const BSWAP64 = "bswap64";

const pieces = (n: number): number[] => (n === 8 ? [8] : [4, 2, 1].filter((s) => n & s));

/** The `n` bytes (1..8) at ptr+offset as a big-endian number. */
export function loadBE(f: Fn, ptr: () => X, offset: number, n: number): X {
  const m = f.m;
  const parts: X[] = [];
  let at = 0;
  for (const s of pieces(n)) {
    const o = offset + at;
    let x: X;
    if (s === 8) x = m.call(BSWAP64, [m.i64.load(o, 1, ptr())], binaryen.i64);
    else if (s === 4) x = m.i64.extend_u(m.call(BSWAP32, [m.i32.load(o, 1, ptr())], binaryen.i32));
    else if (s === 2) x = m.i64.extend_u(m.i32.shr_u(m.call(BSWAP32, [m.i32.load16_u(o, 1, ptr())], binaryen.i32), f.i32(16)));
    else x = m.i64.load8_u(o, 1, ptr());
    at += s;
    parts.push(f.shift(x, 8 * (n - at))!);
  }
  return f.or(parts);
}

/** Stores the low 8n bits of `value` as n big-endian bytes at ptr+offset (higher bits are ignored). */
export function storeBE(f: Fn, ptr: () => X, offset: number, n: number, value: Word): X[] {
  const m = f.m;
  const out: X[] = [];
  let at = 0;
  for (const s of pieces(n)) {
    const o = offset + at;
    at += s;
    const v = f.shift(value(), -8 * (n - at))!;
    if (s === 8) out.push(m.i64.store(o, 1, ptr(), m.call(BSWAP64, [v], binaryen.i64)));
    else if (s === 4) out.push(m.i32.store(o, 1, ptr(), m.call(BSWAP32, [m.i32.wrap(v)], binaryen.i32)));
    else if (s === 2) out.push(m.i32.store16(o, 1, ptr(), m.i32.shr_u(m.call(BSWAP32, [m.i32.wrap(v)], binaryen.i32), f.i32(16))));
    else out.push(m.i64.store8(o, 1, ptr(), v));
  }
  return out;
}

/** Byte ranges of at most 8 bytes covering [first, end). */
function chunks(first: number, end: number): { b0: number; b1: number }[] {
  const out = [];
  for (let b0 = first; b0 < end; b0 += 8) out.push({ b0, b1: Math.min(b0 + 8, end) });
  return out;
}

/** A header's bytes loaded as chunks of 8 bytes (the last one shorter): one Val each. */
export function loadHeaderChunks(f: Fn, ptr: () => X, offset: number, bytes: number): { b0: number; b1: number; value: Val }[] {
  return chunks(0, bytes).map(({ b0, b1 }) => ({ b0, b1, value: f.val(8 * (b1 - b0), [loadBE(f, ptr, offset + b0, b1 - b0)]) }));
}

/** Field bits [o, o+w) of a header from its loaded chunks. */
export function fieldFromChunks(f: Fn, cs: readonly { b0: number; b1: number; value: Val }[], o: number, w: number): Val {
  const hit = cs.filter((c) => 8 * c.b0 < o + w && 8 * c.b1 > o);
  const n = wordCount(w);
  const words: X[] = [];
  for (let j = 0; j < n; j++) {
    const top = j === n - 1 ? w - 64 * j : 64;
    words.push(f.and(f.or(hit.map((c) => f.wordOf(c.value, o + w - 8 * c.b1, j))), mask(top)));
  }
  return f.val(w, words);
}

/** Reads bits [o, o+w) at ptr+offset directly from memory (lookahead). */
export function readBits(f: Fn, ptr: () => X, offset: number, o: number, w: number): Val {
  const first = o >> 3;
  const cs = chunks(first, (o + w + 7) >> 3).map(({ b0, b1 }) => ({ b0, b1, value: f.val(8 * (b1 - b0), [loadBE(f, ptr, offset + b0, b1 - b0)]) }));
  return fieldFromChunks(f, cs, o, w);
}

/**
 * Writes `v` (w bits) at bits [o, o+w) after ptr+offset, keeping the other bits
 * of the bytes it shares (read-modify-write where a byte is only partly the field's).
 */
export function writeBits(f: Fn, ptr: () => X, offset: number, o: number, w: number, v: Val): X[] {
  const m = f.m;
  const out: X[] = [];
  for (const { b0, b1 } of chunks(o >> 3, (o + w + 7) >> 3)) {
    const n = b1 - b0;
    const shiftBy = 8 * b1 - o - w;
    const fieldMask = (shiftBy >= 0 ? mask(w) << BigInt(shiftBy) : mask(w) >> BigInt(-shiftBy)) & mask(8 * n);
    const part = f.wordOf(v, shiftBy, 0);
    if (fieldMask === mask(8 * n)) {
      const word = f.word(part);
      out.push(...f.flush(), ...storeBE(f, ptr, offset + b0, n, word));
    } else {
      const old = loadBE(f, ptr, offset + b0, n);
      const merged = m.i64.or(m.i64.and(old, f.i64(~fieldMask)), m.i64.and(part, f.i64(fieldMask)));
      const word = f.word(merged);
      out.push(...f.flush(), ...storeBE(f, ptr, offset + b0, n, word));
    }
  }
  return out;
}

/** Stores a whole header from its field values (every bit of it is some field's): no reads. */
export function storeHeader(f: Fn, ptr: () => X, offset: number, fields: readonly { o: number; w: number; v: Val }[], bytes: number): X[] {
  const out: X[] = [];
  for (const { b0, b1 } of chunks(0, bytes)) {
    const hit = fields.filter((x) => 8 * b0 < x.o + x.w && 8 * b1 > x.o);
    const word = f.word(f.or(hit.map((x) => f.wordOf(x.v, 8 * b1 - x.o - x.w, 0))));
    out.push(...f.flush(), ...storeBE(f, ptr, offset + b0, b1 - b0, word));
  }
  return out;
}
