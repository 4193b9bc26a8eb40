// hash(), checksum16() and csum16_update() computed inline (no helper, no
// table map), exactly as docs/interp.md defines them (padding, CRC
// parameters, RFC 1071/1624): hashes lay their inputs out as one bit string in
// a scratch buffer (bits.ts's serialize) and fold it byte by byte or word by
// word; the checksums add their inputs' values directly.

import * as ir from "../../../compiler/ir.js";
import { Alu, R_AUX, R_SCRATCH } from "./asm.js";
import { serialize, valuePieces, type Piece } from "./bits.js";
import { checksummedHeader } from "./clean-sums.js";
import type { Gen } from "./context.js";
import { genExpr, locationOf, release, storeValue, width, type Val } from "./expr.js";
import { noteFieldRead } from "./validity.js";

/** Lays out the inputs as one bit string in a scratch buffer (zero-padded to whole bytes); returns the buffer offset and its length in bytes. */
function bitString(g: Gen, inputs: readonly ir.Expr[]): { at: number; bytes: number } {
  const bits = inputs.reduce((n, x) => n + width(x), 0);
  const bytes = Math.ceil(bits / 8);
  const pieces: Piece[] = [];
  let pos = 0;
  for (const x of inputs) {
    const xw = width(x);
    const direct = x.kind === "Read" ? locationOf(g, x.loc) : undefined;
    let at: number;
    if (direct && direct[0] === R_SCRATCH) at = direct[1];
    else {
      at = g.temp(16, x.span);
      const v = genExpr(g, x);
      storeValue(g, R_SCRATCH, at, v, xw);
      release(g, v);
    }
    pieces.push(...valuePieces(at, xw, pos));
    pos += xw;
  }
  const buffer = g.temp(bytes);
  serialize(g.asm, g.regs, pieces, bytes, R_SCRATCH, buffer);
  return { at: buffer, bytes };
}

/**
 * Reflected CRC, bit by bit (no table): crc = (crc >> 1) ^ ((crc & 1) · poly), in 32-bit ALU.
 * (The usual `poly & -(crc & 1)` makes the kernel verifier fork its state on every bit.)
 */
function crc(g: Gen, buf: { at: number; bytes: number }, poly: number, init: number, finalXor: number, dst: number): void {
  const { asm, regs } = g;
  const b = regs.alloc();
  const t = regs.alloc();
  asm.op32i(Alu.MOV, dst, init);
  for (let i = 0; i < buf.bytes; i++) {
    asm.load(1, b, R_SCRATCH, buf.at + i);
    asm.op32(Alu.XOR, dst, b);
    for (let k = 0; k < 8; k++) {
      asm.op32(Alu.MOV, t, dst);
      asm.op32i(Alu.AND, t, 1);
      asm.op32i(Alu.MUL, t, poly);
      asm.op32i(Alu.RSH, dst, 1);
      asm.op32(Alu.XOR, dst, t);
    }
  }
  if (finalXor !== 0) asm.op32i(Alu.XOR, dst, finalXor);
  regs.release(b, t);
}

export function hash(g: Gen, e: ir.HashExpr): Val {
  const { asm, regs } = g;
  const dst = regs.alloc(e.span);
  if (e.algorithm === "identity") {
    // the low 32 bits of the concatenation, before any padding
    asm.opi(Alu.MOV, dst, 0);
    for (const x of e.inputs) {
      const v = genExpr(g, x);
      const xw = width(x);
      if (xw >= 64) asm.opi(Alu.MOV, dst, 0);
      else asm.opi(Alu.LSH, dst, xw);
      asm.op(Alu.OR, dst, v.lo);
      release(g, v);
    }
    asm.truncate(dst, 32);
    return { lo: dst };
  }
  const buf = bitString(g, e.inputs);
  if (e.algorithm === "crc32") crc(g, buf, 0xedb88320 | 0, -1, -1, dst);
  else if (e.algorithm === "crc16") crc(g, buf, 0xa001, 0, 0, dst);
  else {
    const t = regs.alloc();
    asm.opi(Alu.MOV, dst, 0);
    for (let i = 0; i < buf.bytes; i += 2) {
      if (i + 1 < buf.bytes) {
        asm.load(2, t, R_SCRATCH, buf.at + i);
        asm.be(t, 16);
      } else {
        asm.load(1, t, R_SCRATCH, buf.at + i);
        asm.opi(Alu.LSH, t, 8);
      }
      asm.op(Alu.XOR, dst, t);
    }
    regs.release(t);
  }
  asm.truncate(dst, 32);
  return { lo: dst };
}

/**
 * Folds a ones' complement sum to 16 bits and complements it: as many
 * `acc = (acc & 0xffff) + (acc >> 16)` steps as a sum of at most `bound` needs.
 */
function foldComplement(g: Gen, acc: number, bound: bigint): void {
  fold(g, acc, bound);
  g.asm.opi(Alu.XOR, acc, 0xffff);
}

/** Folds a ones' complement sum of at most `bound` to 16 bits. */
function fold(g: Gen, acc: number, bound: bigint): void {
  const t = g.regs.alloc();
  for (let max = bound; max > 0xffffn; ) {
    g.asm.mov(t, acc);
    g.asm.opi(Alu.RSH, t, 16);
    g.asm.opi(Alu.AND, acc, 0xffff);
    g.asm.op(Alu.ADD, acc, t);
    // the largest result: from max itself, or from the largest value below it with all low 16 bits set
    max = [(max & 0xffffn) + (max >> 16n), 0xffffn + (max >> 16n) - 1n].reduce((a, b) => (a > b ? a : b));
  }
  g.regs.release(t);
}

/**
 * RFC 1071 without laying the inputs out as 16-bit words: 2^16 ≡ 1 modulo
 * 0xffff, so the ones' complement sum of a bit string's words is, up to the
 * fold, the plain sum of each input shifted left by (bits after it in the
 * string) mod 16 — zero only when every input is, as the word sum. Inputs
 * wider than 48 bits are added 32 bits at a time, so no term leaves 64 bits.
 */
export function checksum16(g: Gen, e: ir.Checksum16Expr): Val {
  const { asm, regs } = g;
  const bits = e.inputs.reduce((n, x) => n + width(x), 0);
  let after = bits + ((16 - (bits % 16)) % 16); // bits after the current input's end, padding included
  let bound = 0n;
  const acc = regs.alloc(e.span);
  const header = checksummedHeader(g.program, e);
  const clean = header === undefined ? undefined : g.layout.headers.get(header)?.cleanSum;
  if (clean) {
    // the parser summed the unwritten fields' words into the header's clean-sum word (clean-sums.ts)
    noteFieldRead(g, { header: header! });
    asm.load(8, acc, R_SCRATCH, clean.at);
    bound = 0xffffn;
  } else asm.opi(Alu.MOV, acc, 0);
  /** acc += (reg's low `w` bits, which are all it holds when `exact`) << shift. */
  const add = (reg: number, w: number, shift: number, exact: boolean): void => {
    if (!exact) asm.truncate(reg, w);
    if (shift > 0) asm.opi(Alu.LSH, reg, shift);
    asm.op(Alu.ADD, acc, reg);
    bound += ir.mask(w) << BigInt(shift);
  };
  for (const x of e.inputs) {
    const xw = width(x);
    after -= xw;
    if (clean && x.kind === "Read" && x.loc.kind === "field" && clean.fields.has(x.loc.field)) continue;
    const v = genExpr(g, x);
    const words: [number, number][] = v.hi === undefined ? [[v.lo, xw]] : [[v.lo, 64], [v.hi, xw - 64]];
    words.forEach(([reg, w], i) => {
      const shift = (after + 64 * i) % 16;
      if (w <= 48) return add(reg, w, shift, true);
      const high = regs.alloc(e.span);
      asm.mov(high, reg);
      asm.opi(Alu.RSH, high, 32);
      add(high, w - 32, shift, true);
      regs.release(high);
      add(reg, 32, shift, false);
    });
    release(g, v);
  }
  foldComplement(g, acc, bound);
  return { lo: acc };
}

/** Adds each 16-bit word of `v` (width w, padded at the end to whole words) to acc, complemented if asked; returns how many. */
function addWords(g: Gen, acc: number, v: Val, w: number, complement: boolean): number {
  const { asm, regs } = g;
  const pad = (16 - (w % 16)) % 16;
  const words = (w + pad) / 16;
  const t = regs.alloc();
  for (let k = 0; k < words; k++) {
    const bit = k * 16 - pad; // word k (from the low end) starts at this bit of v
    const reg = bit >= 64 ? v.hi! : v.lo;
    const shift = bit >= 64 ? bit - 64 : bit;
    asm.mov(t, reg);
    if (shift > 0) asm.opi(Alu.RSH, t, shift);
    else if (shift < 0) asm.opi(Alu.LSH, t, -shift);
    if (bit < 64 && bit + 16 > 64 && v.hi !== undefined) {
      const u = regs.alloc();
      asm.mov(u, v.hi);
      asm.opi(Alu.LSH, u, 64 - bit);
      asm.op(Alu.OR, t, u);
      regs.release(u);
    }
    asm.opi(Alu.AND, t, 0xffff);
    if (complement) asm.opi(Alu.XOR, t, 0xffff);
    asm.op(Alu.ADD, acc, t);
  }
  regs.release(t);
  return words;
}

export function csumUpdate(g: Gen, e: ir.CsumUpdateExpr): Val {
  const acc = g.regs.alloc(e.span);
  g.asm.opi(Alu.MOV, acc, 0);
  let words = 0;
  for (const [x, complement] of [[e.sum, true], [e.old, true], [e.new, false]] as const) {
    const v = genExpr(g, x);
    words += addWords(g, acc, v, width(x), complement);
    release(g, v);
  }
  foldComplement(g, acc, BigInt(words) * 0xffffn);
  return { lo: acc };
}

/**
 * At an extract, with r7 at the header's first byte and its bytes bounds-checked:
 * the ones' complement sum of the header's clean words (clean-sums.ts) into
 * its clean-sum word. Loaded in the machine's byte order, a pair of words at
 * a time where it can: the sum of byte-swapped words is the byte-swapped sum
 * (RFC 1071 §2B), so one swap after the fold gives the network-order sum.
 */
export function sumCleanWords(g: Gen, clean: { readonly at: number; readonly words: readonly number[] }): void {
  const { asm, regs } = g;
  const acc = regs.alloc();
  const t = regs.alloc();
  let bound = 0n;
  for (let k = 0; k < clean.words.length; k++) {
    const word = clean.words[k]!;
    const pair = clean.words[k + 1] === word + 1;
    asm.load(pair ? 4 : 2, k === 0 ? acc : t, R_AUX, 2 * word);
    if (k > 0) asm.op(Alu.ADD, acc, t);
    bound += pair ? 0xffff_ffffn : 0xffffn;
    if (pair) k++;
  }
  fold(g, acc, bound);
  asm.be(acc, 16);
  asm.store(8, R_SCRATCH, clean.at, acc);
  regs.release(acc, t);
}
