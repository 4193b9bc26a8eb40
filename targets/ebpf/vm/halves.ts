/**
 * 64-bit register arithmetic on split registers: each register is a pair of int32 halves in
 * two Int32Arrays (`lo`, `hi`), which keeps the VM's hot loop in small-integer arithmetic.
 * Functions update register `d` in place; stores into the Int32Arrays wrap modulo 2^32,
 * which several of them rely on.
 */

/** Address of register `r` + `offset`, or NaN when the register's upper half is set (never mapped). */
export function address(lo: Int32Array, hi: Int32Array, r: number, offset: number): number {
  return hi[r] === 0 ? (lo[r]! >>> 0) + offset : NaN;
}

export function add64(lo: Int32Array, hi: Int32Array, d: number, bLo: number, bHi: number): void {
  const sum = (lo[d]! >>> 0) + (bLo >>> 0);
  lo[d] = sum | 0;
  hi[d] = hi[d]! + bHi + (sum > 0xffffffff ? 1 : 0);
}

/** Low 64 bits of the product, from 16-bit limbs of the low halves plus the cross terms. */
export function mul64(lo: Int32Array, hi: Int32Array, d: number, s: number): void {
  const a = lo[d]! >>> 0;
  const b = lo[s]! >>> 0;
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const low = a0 * b0;
  const mid = a1 * b0 + a0 * b1 + (low >>> 16); // < 2^34: exact
  const carry = Math.floor(mid / 0x10000);
  const high = a1 * b1 + carry + Math.imul(a, hi[s]!) + Math.imul(hi[d]!, b);
  lo[d] = (low & 0xffff) + (mid % 0x10000) * 0x10000;
  hi[d] = high;
}

export function divmod64(lo: Int32Array, hi: Int32Array, d: number, s: number, signed: boolean, modulo: boolean): void {
  if (!signed && hi[d] === 0 && hi[s] === 0) {
    const a = lo[d]! >>> 0;
    const b = lo[s]! >>> 0;
    if (b === 0) lo[d] = modulo ? a : 0;
    else lo[d] = modulo ? a % b : Math.floor(a / b);
    return;
  }
  const big = (r: number): bigint => {
    const v = (BigInt(hi[r]! >>> 0) << 32n) | BigInt(lo[r]! >>> 0);
    return signed ? BigInt.asIntN(64, v) : v;
  };
  const a = big(d);
  const b = big(s);
  if (b === 0n) {
    if (!modulo) lo[d] = hi[d] = 0;
    return;
  }
  const v = modulo ? a % b : a / b;
  lo[d] = Number(BigInt.asIntN(32, v));
  hi[d] = Number(BigInt.asIntN(32, v >> 32n));
}

export function lsh64(lo: Int32Array, hi: Int32Array, d: number, n: number): void {
  if (n === 0) return;
  if (n < 32) {
    hi[d] = (hi[d]! << n) | (lo[d]! >>> (32 - n));
    lo[d] = lo[d]! << n;
  } else {
    hi[d] = lo[d]! << (n - 32);
    lo[d] = 0;
  }
}

export function rsh64(lo: Int32Array, hi: Int32Array, d: number, n: number, arithmetic: boolean): void {
  if (n === 0) return;
  const h = hi[d]!;
  if (n < 32) {
    lo[d] = (lo[d]! >>> n) | (h << (32 - n));
    hi[d] = arithmetic ? h >> n : h >>> n;
  } else {
    lo[d] = arithmetic ? h >> (n - 32) : h >>> (n - 32);
    hi[d] = arithmetic ? h >> 31 : 0;
  }
}

function swap32(x: number): number {
  return ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
}

/** Reverses the low `bits` bits' bytes and clears the rest (be16/32/64 on a little-endian host, bswap). */
export function bswap(lo: Int32Array, hi: Int32Array, d: number, bits: number): void {
  const l = lo[d]!;
  if (bits === 16) {
    lo[d] = ((l & 0xff) << 8) | ((l >>> 8) & 0xff);
    hi[d] = 0;
  } else if (bits === 32) {
    lo[d] = swap32(l);
    hi[d] = 0;
  } else {
    lo[d] = swap32(hi[d]!);
    hi[d] = swap32(l);
  }
}

export function compareU64(lo: Int32Array, hi: Int32Array, a: number, b: number): number {
  const ah = hi[a]! >>> 0;
  const bh = hi[b]! >>> 0;
  if (ah !== bh) return ah - bh;
  return (lo[a]! >>> 0) - (lo[b]! >>> 0);
}

export function compareS64(lo: Int32Array, hi: Int32Array, a: number, b: number): number {
  const ah = hi[a]!;
  const bh = hi[b]!;
  if (ah !== bh) return ah - bh;
  return (lo[a]! >>> 0) - (lo[b]! >>> 0);
}
