// Table keys on the TypeScript side: entries' key values packed into words
// exactly as generated code packs a packet's key (layout.ts), and the key hash
// (MurmurHash3 x86_32, seed 0, over 32-bit halves) that gen-helpers.ts
// computes in wasm. Keys are handled as Uint32Array halves (low half of word
// 0 first), so hashing and comparing need no bigint.

import * as ir from "../../compiler/ir.js";
import type { KeyPacking } from "./layout.js";

/** Packs one value per key element (indexed by key number) into 2·words halves. */
export function pack(packing: KeyPacking, values: readonly bigint[]): Uint32Array {
  let x = 0n;
  for (const el of packing.elements) x |= values[el.key]! << BigInt(el.shift);
  return halves(x, packing.words);
}

export function halves(x: bigint, words: number): Uint32Array {
  const out = new Uint32Array(2 * words);
  for (let i = 0; i < out.length; i++) out[i] = Number((x >> BigInt(32 * i)) & 0xffff_ffffn);
  return out;
}

/** The exact values of an entry's keys (exact tables). */
export function exactValues(keys: readonly ir.KeyMatch[]): bigint[] {
  return keys.map((k) => (k as { value: bigint }).value);
}

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

/** MurmurHash3 x86_32 with seed 0 over the halves (must equal gen-helpers.ts's hash<K>). */
export function hash32(h32: Uint32Array): number {
  let h = 0;
  for (let i = 0; i < h32.length; i++) {
    let k = Math.imul(h32[i]!, C1);
    k = Math.imul(rotl(k, 15), C2);
    h ^= k;
    h = (Math.imul(rotl(h, 13), 5) + 0xe6546b64) | 0;
  }
  h ^= h32.length * 4;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
