// The meaning of the IR's hash and checksum operations (language.md §5), on
// the bit string that their inputs concatenate to. Every target computes these
// exactly: the interpreter and the RMT simulator call these functions, and the
// wasm code generator embeds the CRC tables built here.
//
//   crc32     IEEE 802.3 / zlib CRC-32: reflected, polynomial 0x04c11db7, init and final XOR 0xffffffff
//   crc16     CRC-16/ARC: reflected, polynomial 0x8005, init 0, no final XOR
//   xor16     XOR of the 16-bit big-endian words; an odd last byte is the high byte of a last word
//             whose low byte is 0 (padded as RFC 1071 pads)
//   identity  the low 32 bits of the concatenation itself (before byte padding): hash(identity, {x}) == x
//   checksum16     RFC 1071 over the bit string zero-padded to whole 16-bit words
//   csum16_update  RFC 1624 eqn. 3
// crc32/crc16/xor16 work on bytes: the bit string zero-padded at the end to a whole number of bytes.

import type { HashAlgorithm } from "./ir.js";
import { bitsToBytes } from "./wire.js";

/** Reflected polynomials (bit-reversed) of CRC-32 and CRC-16/ARC, as the table-driven loops use them. */
export const CRC32_POLY = 0xedb88320;
export const CRC16_POLY = 0xa001;

/** The lookup table of a reflected CRC: entry n is the CRC register after shifting byte n through. */
export function crcTable(poly: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const CRC32_TABLE = crcTable(CRC32_POLY);
const CRC16_TABLE = crcTable(CRC16_POLY);

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC32_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function crc16Arc(bytes: Uint8Array): number {
  let c = 0;
  for (const b of bytes) c = CRC16_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return c & 0xffff;
}

/** XOR of big-endian 16-bit words; an odd last byte is padded with a zero low byte. */
export function xor16(bytes: Uint8Array): number {
  let acc = 0;
  for (let i = 0; i < bytes.length; i += 2) acc ^= (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  return acc;
}

/** RFC 1071 internet checksum: one's complement of the one's complement sum of 16-bit words. */
export function internetChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (bytes.length % 2 === 1) sum += bytes[bytes.length - 1]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** `hash(alg, {…})` of the concatenated inputs: a bit<32> value. */
export function hash(algorithm: HashAlgorithm, value: bigint, width: number): bigint {
  switch (algorithm) {
    case "crc32":
      return BigInt(crc32(bitsToBytes(value, width)));
    case "crc16":
      return BigInt(crc16Arc(bitsToBytes(value, width)));
    case "xor16":
      return BigInt(xor16(bitsToBytes(value, width)));
    case "identity":
      return value & 0xffff_ffffn;
  }
}

/** The bit string zero-padded at the end to whole 16-bit words, as bytes. */
function wordBytes(value: bigint, width: number): Uint8Array {
  const pad = (16 - (width % 16)) % 16;
  return bitsToBytes(value << BigInt(pad), width + pad);
}

/** `checksum16({…})`: RFC 1071, the complement of the ones' complement sum of the 16-bit words. */
export function checksum16(value: bigint, width: number): bigint {
  return BigInt(internetChecksum(wordBytes(value, width)));
}

/**
 * `csum16_update(hc, old, new)`: RFC 1624 eqn. 3, HC' = ~(~HC + ~m + m'),
 * where old and new may be several 16-bit words (each word contributes). The
 * outer complement of a ones' complement sum is exactly RFC 1071's checksum.
 */
export function csum16Update(hc: bigint, oldValue: bigint, oldWidth: number, newValue: bigint, newWidth: number): bigint {
  const notHc = bitsToBytes(~hc & 0xffffn, 16);
  const notOld = wordBytes(oldValue, oldWidth).map((b) => ~b & 0xff);
  return BigInt(internetChecksum(Uint8Array.from([...notHc, ...notOld, ...wordBytes(newValue, newWidth)])));
}
