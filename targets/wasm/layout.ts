// The static memory layout of a compiled program: where every table
// descriptor, extern, scratch buffer and the digest ring live, how each
// table's key is packed into 64-bit words, and how its entry records are laid
// out. Computed from the IR alone (no binaryen), so the code generator and the
// TypeScript runtime derive the same addresses. Everything above `heapBase`
// is managed at run time by heap.ts (table structures, packet batches).

import * as ir from "../../compiler/ir.js";
import { forEachExpr } from "../../compiler/visit.js";
import * as abi from "./abi.js";

/** One key element inside the packed key: its bits are [shift, shift+width) of the packed string. */
export interface PackedElement {
  readonly key: number; // index into Table.keys
  readonly width: number;
  readonly shift: number;
}

/**
 * A table key packed into `words` 64-bit words (word 0 least significant).
 * Exact and priority tables pack the keys in order, the last key in the low
 * bits. Lpm tables put the exact keys first and the lpm key last, aligned to
 * the top of the words, so a trie walks the key from its most significant bits.
 */
export interface KeyPacking {
  readonly words: number;
  readonly elements: readonly PackedElement[];
  readonly bits: number;
}

export interface ParamSlot {
  readonly offset: number; // from the start of the action data
  readonly width: number;
}

export interface TableLayout {
  readonly table: ir.Table;
  readonly policy: ir.MatchPolicy;
  readonly desc: number;
  readonly packing: KeyPacking;
  /** Priority tables: the keys matched as ranges, in key order (each has lo/hi in the record). */
  readonly rangeKeys: readonly number[];
  readonly dataOffset: number;
  readonly dataSize: number;
  readonly recordSize: number;
  /** Per action (by name), where its parameters sit in the action data. */
  readonly params: ReadonlyMap<string, readonly ParamSlot[]>;
  /** Lpm tables: trie stride in bits (divides 64) and number of levels. */
  readonly stride: number;
  readonly levels: number;
}

export interface ExternLayout<T> {
  readonly def: T;
  readonly base: number;
}

export interface DigestLayout {
  readonly def: ir.Digest;
  readonly id: number;
}

export interface Layout {
  readonly program: ir.Program;
  /** Bytes reserved before each packet in its slot, enough for every header the deparser can emit. */
  readonly headroom: number;
  readonly crc32Table: number;
  readonly crc16Table: number;
  readonly scratch: number;
  readonly tables: readonly TableLayout[];
  readonly counters: readonly ExternLayout<ir.Counter>[];
  readonly registers: readonly ExternLayout<ir.Register>[];
  readonly meters: readonly ExternLayout<ir.Meter>[];
  readonly digests: readonly DigestLayout[];
  readonly digestBase: number;
  readonly digestRecordSize: number;
  readonly digestCapacity: number;
  /** Upper bound of the digests one packet can send (the batch loop keeps that much room). */
  readonly maxDigestsPerPacket: number;
  readonly heapBase: number;
}

const align = (n: number, a: number): number => Math.ceil(n / a) * a;
const valueBytes = (width: number): number => (width > 64 ? 16 : 8);
export const cellBytes = (register: ir.Register): number => valueBytes(register.width);

export function packKey(table: ir.Table, policy: ir.MatchPolicy): KeyPacking {
  const indexes = table.keys.map((_, i) => i);
  const order = policy === "lpm" ? [...indexes.filter((i) => table.keys[i]!.matchKind !== "lpm"), ...indexes.filter((i) => table.keys[i]!.matchKind === "lpm")] : indexes;
  const bits = order.reduce((n, i) => n + table.keys[i]!.width, 0);
  const words = Math.max(1, Math.ceil(bits / 64));
  let top = policy === "lpm" ? words * 64 : bits; // bit just above the next element
  const elements = order.map((key) => {
    const width = table.keys[key]!.width;
    top -= width;
    return { key, width, shift: top };
  });
  return { words, elements, bits };
}

function tableLayout(program: ir.Program, table: ir.Table, desc: number): TableLayout {
  const policy = ir.matchPolicy(table);
  const packing = packKey(table, policy);
  const rangeKeys = policy === "priority" ? table.keys.flatMap((k, i) => (k.matchKind === "range" ? [i] : [])) : [];
  const params = new Map<string, ParamSlot[]>();
  let dataSize = 0;
  for (const name of table.actions) {
    const action = program.actions.find((a) => a.name === name);
    let offset = 0;
    const slots = (action?.params ?? []).map((p) => {
      const width = ir.widthOf(p.type);
      const slot = { offset, width };
      offset += valueBytes(width);
      return slot;
    });
    params.set(name, slots);
    dataSize = Math.max(dataSize, offset);
  }
  const dataOffset = abi.R_RANGES + abi.RANGE_BYTES * rangeKeys.length;
  const stride = packing.words === 1 ? 8 : 4;
  const lpmBits = policy === "lpm" ? packing.bits : 0;
  return {
    table,
    policy,
    desc,
    packing,
    rangeKeys,
    dataOffset,
    dataSize,
    recordSize: align(dataOffset + dataSize, 8),
    params,
    stride,
    levels: Math.ceil(lpmBits / stride),
  };
}

/** Bytes that hash/checksum inputs of one expression need in the scratch buffer. */
function scratchBytes(e: ir.Expr): number {
  const width = (xs: readonly ir.Expr[]): number => xs.reduce((n, x) => n + ir.widthOf(x.type), 0);
  switch (e.kind) {
    case "Hash":
    case "Checksum16":
      return Math.ceil(width(e.inputs) / 16) * 2;
    case "CsumUpdate":
      return 2 + Math.ceil(ir.widthOf(e.old.type) / 16) * 2 + Math.ceil(ir.widthOf(e.new.type) / 16) * 2;
    default:
      return 0;
  }
}


/** An upper bound of the digests sent on any one path through ingress. */
function maxDigests(program: ir.Program): number {
  const actions = new Map(program.actions.map((a) => [a.name, a]));
  const tables = new Map(program.tables.map((t) => [t.name, t]));
  const memo = new Map<string, number>();
  const ofAction = (name: string): number => {
    if (!memo.has(name)) {
      memo.set(name, 0);
      memo.set(name, ofStmts(actions.get(name)?.body ?? []));
    }
    return memo.get(name)!;
  };
  const ofStmts = (stmts: readonly ir.Stmt[]): number =>
    stmts.reduce((n, s) => {
      switch (s.kind) {
        case "DigestSend":
          return n + 1;
        case "If":
          return n + Math.max(ofStmts(s.then), ofStmts(s.else));
        case "CallAction":
          return n + ofAction(s.action);
        case "ApplyTable":
          return n + Math.max(0, ...(tables.get(s.table)?.actions ?? []).map(ofAction));
        default:
          return n;
      }
    }, 0);
  return ofStmts(program.ingress);
}

/** Header bytes the deparser can emit at most (every emitted instance valid). */
export function maxEmittedBytes(program: ir.Program): number {
  const types = new Map(program.headerTypes.map((t) => [t.name, t]));
  return program.deparser.emits.reduce((n, e) => {
    const h = program.headers.find((x) => x.name === e.header)!;
    return n + (types.get(h.type)!.widthBits / 8) * (h.stackSize ?? 1);
  }, 0);
}

export const DIGEST_CAPACITY = 4096;

export function computeLayout(program: ir.Program): Layout {
  let at = 64; // address 0 stays unused: a record pointer of 0 means "no entry"
  const take = (bytes: number, alignment = 8): number => {
    at = align(at, alignment);
    const base = at;
    at += bytes;
    return base;
  };
  const crc32Table = take(1024);
  const crc16Table = take(1024);
  let scratchSize = 16;
  forEachExpr(program, (e) => (scratchSize = Math.max(scratchSize, scratchBytes(e) + 16)));
  const scratch = take(scratchSize);
  const tables = program.tables.map((t) => {
    const probe = tableLayout(program, t, 0);
    const desc = take(abi.T_HEADER + probe.dataSize, 16);
    return { ...probe, desc };
  });
  const counters = program.counters.map((def) => ({ def, base: take(def.size * abi.COUNTER_CELL) }));
  const registers = program.registers.map((def) => ({ def, base: take(def.size * cellBytes(def), 16) }));
  const meters = program.meters.map((def) => ({ def, base: take(def.size * abi.METER_CELL) }));
  const digests = program.digests.map((def, id) => ({ def, id }));
  const digestRecordSize = abi.DG_VALUES + 16 * Math.max(0, ...program.digests.map((d) => d.fields.length));
  const maxDigestsPerPacket = maxDigests(program);
  const digestCapacity = Math.max(DIGEST_CAPACITY, maxDigestsPerPacket);
  const digestBase = take(digestRecordSize * digestCapacity);
  return {
    program,
    headroom: align(Math.max(64, maxEmittedBytes(program)), 8),
    crc32Table,
    crc16Table,
    scratch,
    tables,
    counters,
    registers,
    meters,
    digests,
    digestBase,
    digestRecordSize,
    digestCapacity,
    maxDigestsPerPacket,
    heapBase: align(at, 65536),
  };
}
