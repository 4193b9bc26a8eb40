// Big-endian bit fields in memory ↔ 64-bit registers.
//
// readBits loads a field of up to 64 bits that starts at any bit of a byte
// buffer (the packet, or a scratch buffer) with as few loads as it can: one
// load and a byte swap for a byte-aligned 8/16/32/64-bit field, a few loads
// combined otherwise. serialize writes a bit string made of pieces (each a
// word in the scratch value) into a buffer, chunk by chunk (8, 4, 2, 1
// bytes), so every destination byte is written exactly once and no
// read-modify-write of the destination is needed.

import { Alu, type Asm, type Regs, R_SCRATCH } from "./asm.js";

type Bytes = 1 | 2 | 4 | 8;

/** Loads `n` (1..8) big-endian bytes at base+offset into a register, as an unsigned number. */
function loadBigEndian(asm: Asm, regs: Regs, base: number, offset: number, n: number, dst: number): void {
  const chunks: Bytes[] = [];
  for (let left = n; left > 0; ) {
    const k: Bytes = left >= 8 ? 8 : left >= 4 ? 4 : left >= 2 ? 2 : 1;
    chunks.push(k);
    left -= k;
  }
  let at = offset;
  let first = true;
  let tmp: number | undefined;
  for (const k of chunks) {
    const target = first ? dst : (tmp ??= regs.alloc());
    asm.load(k, target, base, at);
    if (k > 1) asm.be(target, (k * 8) as 16 | 32 | 64);
    if (!first) {
      asm.opi(Alu.LSH, dst, k * 8);
      asm.op(Alu.OR, dst, target);
    }
    first = false;
    at += k;
  }
  regs.release(tmp);
}

/**
 * dst = the `width`-bit (≤ 64) big-endian field starting `bitOffset` bits
 * after base+byteOffset. `readable`: how many bytes from base+byteOffset may
 * be loaded (the checked packet window); within it, a field of 3, 5, 6 or 7
 * bytes is one wider load and a shift instead of several loads combined.
 */
export function readBits(asm: Asm, regs: Regs, base: number, byteOffset: number, bitOffset: number, width: number, dst: number, readable = 0): void {
  const start = byteOffset + Math.floor(bitOffset / 8);
  const lead = bitOffset % 8;
  if (lead + width > 64) {
    // Too wide for one register with its leading bits: the high part, then the low 32 bits.
    readBits(asm, regs, base, byteOffset, bitOffset, width - 32, dst, readable);
    const low = regs.alloc();
    readBits(asm, regs, base, byteOffset, bitOffset + width - 32, 32, low, readable);
    asm.opi(Alu.LSH, dst, 32);
    asm.op(Alu.OR, dst, low);
    regs.release(low);
    return;
  }
  let n = Math.ceil((lead + width) / 8);
  const wider = n <= 2 ? n : n <= 4 ? 4 : 8;
  if (start - byteOffset + wider <= readable) n = wider;
  loadBigEndian(asm, regs, base, start, n, dst);
  const trail = 8 * n - lead - width;
  if (trail > 0) asm.opi(Alu.RSH, dst, trail);
  if (lead > 0) asm.truncate(dst, width); // without leading bits, the shift has left exactly `width`
}

/** A piece of a bit string: `width` bits (≤ 64) at `bitStart`, taken from the scratch word at `word`. */
export interface Piece {
  readonly bitStart: number;
  readonly width: number;
  readonly word: number;
}

/** The pieces of a value of `width` bits stored at scratch offset `at` (low word first), placed at `bitStart`. */
export function valuePieces(at: number, width: number, bitStart: number): Piece[] {
  if (width <= 64) return [{ bitStart, width, word: at }];
  return [
    { bitStart, width: width - 64, word: at + 8 },
    { bitStart: bitStart + width - 64, width: 64, word: at },
  ];
}

/**
 * Writes `totalBytes` bytes at base+offset: the bit string made of `pieces`
 * (bits not covered by any piece are 0).
 */
export function serialize(asm: Asm, regs: Regs, pieces: readonly Piece[], totalBytes: number, base: number, offset: number): void {
  const acc = regs.alloc();
  const tmp = regs.alloc();
  for (let c = 0; c < totalBytes; ) {
    const left = totalBytes - c;
    const k: Bytes = left >= 8 ? 8 : left >= 4 ? 4 : left >= 2 ? 2 : 1;
    const c0 = c * 8;
    const c1 = c0 + k * 8;
    let empty = true;
    for (const p of pieces) {
      const ws = p.bitStart;
      const we = p.bitStart + p.width;
      const a = Math.max(c0, ws);
      const b = Math.min(c1, we);
      if (a >= b) continue;
      const target = empty ? acc : tmp;
      asm.load(8, target, R_SCRATCH, p.word);
      if (we - b > 0) asm.opi(Alu.RSH, target, we - b);
      // bits of the piece above the chunk only need clearing when they would land inside it
      // (the store and be16/be32 ignore what lies above the chunk's k bytes)
      if (a > c0 && b - a < p.width - (we - b)) asm.truncate(target, b - a);
      if (c1 - b > 0) asm.opi(Alu.LSH, target, c1 - b);
      if (!empty) asm.op(Alu.OR, acc, tmp);
      empty = false;
    }
    if (empty) asm.opi(Alu.MOV, acc, 0);
    if (k > 1) asm.be(acc, (k * 8) as 16 | 32 | 64);
    asm.store(k, base, offset + c, acc);
    c += k;
  }
  regs.release(acc, tmp);
}
