// The chip's fixed-function units as the simulator models them: hash units
// (crc32, crc16, xor16, identity), the ones' complement checksum unit, and
// the meter ALU (RFC 2698 in integer nanobytes). Their definitions are the
// language's (docs/interp.md); targets may not import one another, so the
// RMT chip has its own implementation, checked against the interpreter by the
// differential tests.

import type { NormalisedMeterConfig } from "../../../runtime/controlplane.js";
import { concatBytes, internetChecksum } from "../../../runtime/craft.js";

/** A bit string (MSB first) as bytes, zero-padded at the end. */
export function bitsToBytes(value: bigint, width: number): Uint8Array {
  const n = (width + 7) >> 3;
  const out = new Uint8Array(n);
  let v = value << BigInt(n * 8 - width);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function reflected(poly: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}
const CRC32 = reflected(0xedb88320);
const CRC16 = reflected(0xa001);

export function hashUnit(alg: "crc32" | "crc16" | "xor16" | "identity", value: bigint, width: number): bigint {
  if (alg === "identity") return value & 0xffff_ffffn;
  const bytes = bitsToBytes(value, width);
  if (alg === "crc32") {
    let c = 0xffffffff;
    for (const b of bytes) c = CRC32[(c ^ b) & 0xff]! ^ (c >>> 8);
    return BigInt((c ^ 0xffffffff) >>> 0);
  }
  if (alg === "crc16") {
    let c = 0;
    for (const b of bytes) c = CRC16[(c ^ b) & 0xff]! ^ (c >>> 8);
    return BigInt(c & 0xffff);
  }
  let acc = 0;
  for (let i = 0; i < bytes.length; i += 2) acc ^= (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  return BigInt(acc);
}

const words = (value: bigint, width: number): Uint8Array => {
  const pad = (16 - (width % 16)) % 16;
  return bitsToBytes(value << BigInt(pad), width + pad);
};

export function checksumUnit(value: bigint, width: number): bigint {
  return BigInt(internetChecksum(words(value, width)));
}

/** RFC 1624 eqn. 3 over 16-bit words. */
export function checksumUpdateUnit(hc: bigint, old: bigint, oldWidth: number, neu: bigint, newWidth: number): bigint {
  const notHc = bitsToBytes(~hc & 0xffffn, 16);
  const notOld = words(old, oldWidth).map((b) => ~b & 0xff);
  return BigInt(internetChecksum(concatBytes([notHc, notOld, words(neu, newWidth)])));
}

const NANO = 1_000_000_000n;

export interface MeterCell {
  readonly config: NormalisedMeterConfig;
  tc: bigint;
  tp: bigint;
  last: bigint;
}

export const meterCell = (config: NormalisedMeterConfig): MeterCell => ({ config, tc: config.cburst * NANO, tp: config.pburst * NANO, last: 0n });

/** Colour 0 green, 1 yellow, 2 red; updates the buckets. */
export function meterUnit(cell: MeterCell, now: bigint, bytes: bigint): bigint {
  const { cir, pir, cburst, pburst } = cell.config;
  if (now > cell.last) {
    const elapsed = now - cell.last;
    const tc = cell.tc + cir * elapsed;
    const tp = cell.tp + pir * elapsed;
    cell.tc = tc < cburst * NANO ? tc : cburst * NANO;
    cell.tp = tp < pburst * NANO ? tp : pburst * NANO;
    cell.last = now;
  }
  const cost = bytes * NANO;
  if (cell.tp < cost) return 2n;
  cell.tp -= cost;
  if (cell.tc < cost) return 1n;
  cell.tc -= cost;
  return 0n;
}
