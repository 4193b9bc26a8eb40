// Bytes the control plane writes into the program's maps, laid out exactly
// as the generated code reads them (codegen/layout.ts): table keys per match
// policy, entry values (action index, counter slot, parameters), the tuples
// and records of priority tables, meter states and register cells; and decoding
// of what the program writes (counters, registers, digests).

import * as ir from "../../../compiler/ir.js";
import { orBits } from "../../../compiler/wire.js";
import type { NormalisedMeterConfig, StoredEntry } from "../../../runtime/controlplane.js";
import type { DigestMessage } from "../../../runtime/dataplane.js";
import { bytesOf, DIGEST_RECORD, ENTRY_PARAMS, FILTER_MULTIPLIER, FILTER_SHIFT, M, METER_BYTES, packedWords, RECORD, recordEntry, TUPLE, wordsOf, type TableLayout } from "../codegen/layout.js";

export const NO_COUNTER_SLOT = 0xffff_ffff;

/** A value as its 8-byte little-endian words (two for widths above 64 bits). */
export function encodeWords(value: bigint, width: number): Uint8Array {
  const out = new Uint8Array(bytesOf(width));
  const v = new DataView(out.buffer);
  v.setBigUint64(0, value & ir.mask(64), true);
  if (width > 64) v.setBigUint64(8, value >> 64n, true);
  return out;
}

export function decodeWords(bytes: Uint8Array, at: number, width: number): bigint {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lo = v.getBigUint64(at, true);
  return width > 64 ? lo | (v.getBigUint64(at + 8, true) << 64n) : lo;
}

export const u32 = (n: number): Uint8Array => new Uint8Array(new Uint32Array([n >>> 0]).buffer);

/** An entry's (or the default's) value: u32 action index, u32 counter slot, parameters. */
export function entryValue(t: TableLayout, program: ir.Program, invocation: ir.ActionInvocation, slot: number): Uint8Array {
  const out = new Uint8Array(t.valueSize);
  const v = new DataView(out.buffer);
  v.setUint32(0, t.table.actions.indexOf(invocation.action), true);
  v.setUint32(4, slot, true);
  const offsets = t.params.get(invocation.action) ?? [];
  const action = program.actions.find((a) => a.name === invocation.action);
  invocation.args.forEach((arg, i) => {
    out.set(encodeWords(arg, ir.widthOf(action!.params[i]!.type)), ENTRY_PARAMS + offsets[i]!);
  });
  return out;
}

/** HASH key: each element's words, in key order. */
export function exactKey(t: TableLayout, keys: readonly ir.KeyMatch[]): Uint8Array {
  const out = new Uint8Array(t.keySize);
  let at = 0;
  t.table.keys.forEach((k, i) => {
    const m = keys[i]!;
    if (m.kind !== "exact") throw new Error("internal: exact table with a non-exact key");
    out.set(encodeWords(m.value, k.width), at);
    at += bytesOf(k.width);
  });
  return out;
}

/** A direct table's ARRAY index (layout.ts, directTable): the one key's value. */
export function directKey(keys: readonly ir.KeyMatch[]): Uint8Array {
  const m = keys[0]!;
  if (m.kind !== "exact") throw new Error("internal: direct table with a non-exact key");
  return u32(Number(m.value));
}

/** A direct table's element: the entry, then its present word (1). */
export function present(entry: Uint8Array): Uint8Array {
  const out = new Uint8Array(entry.length + 8);
  out.set(entry);
  out[entry.length] = 1;
  return out;
}

/** LPM_TRIE key: prefix length, then exact elements (whole bytes) and the lpm element left-aligned. */
export function lpmKey(t: TableLayout, keys: readonly ir.KeyMatch[]): Uint8Array {
  const out = new Uint8Array(t.keySize);
  let at = 4;
  let prefix = 0;
  for (const i of t.lpmOrder) {
    const k = t.table.keys[i]!;
    const m = keys[i]!;
    const bytes = Math.ceil(k.width / 8);
    if (m.kind === "lpm") {
      orBits(out, 8 * at, k.width, m.value); // left-aligned: the prefix starts at the element's first bit
      prefix += m.prefixLength;
    } else if (m.kind === "exact") {
      orBits(out, 8 * (at + bytes) - k.width, k.width, m.value);
      prefix += 8 * bytes;
    } else throw new Error("internal: lpm table with a key that is neither exact nor lpm");
    at += bytes;
  }
  new DataView(out.buffer).setUint32(0, prefix, true);
  return out;
}

/**
 * An entry's rank in a priority table's search: larger wins, ordered exactly
 * as runtime/matching.ts's byPriority (priority, then the earlier insertion:
 * the lower id), never 0 (an empty record).
 */
export function tupleRank(e: StoredEntry): bigint {
  if (e.id >= 0xffff_ffff) throw new Error(`internal error: entry id ${e.id} does not fit the ebpf target's 32-bit insertion rank`);
  return (BigInt(e.priority) << 32n) | BigInt(0xffff_ffff - e.id);
}

/** Key values (or masks) packed as the program packs a packet's key: one big-endian bit string, in whole words. */
function packKey(t: TableLayout, values: readonly bigint[]): Uint8Array {
  const out = new Uint8Array(8 * packedWords(t));
  t.table.keys.forEach((k, i) => orBits(out, t.keyBitStart[i]!, k.width, values[i]!));
  return out;
}

/** The HASH key of a tuple's entries: u32 tuple id, then the packed masked key (tupleForm's values). */
export function tupleKey(t: TableLayout, id: number, values: readonly bigint[]): Uint8Array {
  const out = new Uint8Array(t.keySize);
  new DataView(out.buffer).setUint32(0, id, true);
  out.set(packKey(t, values).subarray(0, t.packedBytes), 4);
  return out;
}

/** One record of a HASH value: rank, each range key's lo and hi, then the entry's value. */
export function tupleRecord(t: TableLayout, program: ir.Program, e: StoredEntry, slot: number): Uint8Array {
  const out = new Uint8Array(t.recordBytes);
  const v = new DataView(out.buffer);
  v.setBigUint64(RECORD.RANK, tupleRank(e), true);
  t.rangeKeys.forEach((j, r) => {
    const m = e.keys[j] as { lo: bigint; hi: bigint };
    v.setBigUint64(RECORD.BOUNDS + 16 * r, m.lo, true);
    v.setBigUint64(RECORD.BOUNDS + 16 * r + 8, m.hi, true);
  });
  out.set(entryValue(t, program, e.action, slot), recordEntry(t));
  return out;
}

/** The filter bit (0…255) of a tuple's masked key (tupleForm's values), computed as the program does (layout.ts, TUPLE). */
export function filterBit(t: TableLayout, values: readonly bigint[]): number {
  const packed = new DataView(packKey(t, values).buffer);
  let x = 0n;
  for (let w = 0; w < packedWords(t); w++) x ^= packed.getBigUint64(8 * w, true);
  return Number(BigInt.asUintN(64, x * FILTER_MULTIPLIER) >> BigInt(FILTER_SHIFT));
}

/** An element of a priority table's tuple ARRAY: its best rank, its id, its filter (`bits[b]` > 0: bit b set), its masks (tupleForm's masks); element 0 is tupleCount. */
export function tupleElement(t: TableLayout, best: bigint, id: number, bits: ArrayLike<number>, masks: readonly bigint[]): Uint8Array {
  const out = tupleCount(t, 0);
  const v = new DataView(out.buffer);
  v.setBigUint64(TUPLE.BEST, best, true);
  v.setUint32(TUPLE.ID, id, true);
  for (let b = 0; b < 256; b++) if (bits[b]! > 0) out[TUPLE.FILTER + (b >> 3)]! |= 1 << (b & 7);
  out.set(packKey(t, masks), TUPLE.MASKS);
  return out;
}

/** Element 0 of a priority table's tuple ARRAY: the number of tuples that follow. */
export function tupleCount(t: TableLayout, count: number): Uint8Array {
  const out = new Uint8Array(TUPLE.MASKS + 8 * packedWords(t));
  new DataView(out.buffer).setUint32(0, count, true);
  return out;
}

/** A freshly configured meter: both buckets full (docs/interp.md). */
export function meterState(c: NormalisedMeterConfig): Uint8Array {
  const out = new Uint8Array(METER_BYTES);
  const v = new DataView(out.buffer);
  const capC = c.cburst * 1_000_000_000n;
  const capP = c.pburst * 1_000_000_000n;
  v.setBigUint64(M.CONFIGURED, 1n, true);
  v.setBigUint64(M.CIR, c.cir, true);
  v.setBigUint64(M.PIR, c.pir, true);
  v.setBigUint64(M.CAPC, capC, true);
  v.setBigUint64(M.CAPP, capP, true);
  v.setBigUint64(M.TC, capC, true);
  v.setBigUint64(M.TP, capP, true);
  v.setBigUint64(M.LAST, 0n, true);
  return out;
}

/** A digest record of the ring buffer (DIGEST_RECORD: the declaration's index, then its fields) as the runtime's message. */
export function decodeDigestRecord(program: ir.Program, bytes: Uint8Array): DigestMessage {
  const index = Number(decodeWords(bytes, DIGEST_RECORD.INDEX, 64));
  const d = program.digests[index];
  if (!d) throw new Error(`a digest record names declaration ${index}; the program has ${program.digests.length}`);
  const fields: Record<string, bigint> = {};
  let at = DIGEST_RECORD.FIELDS;
  for (const f of d.fields) {
    fields[f.name] = decodeWords(bytes, at, f.width);
    at += 8 * wordsOf(f.width);
  }
  return { digest: d.name, fields };
}
