// Table application: evaluate the key into scratch, find the entry in the
// table's map (exact → HASH, or an ARRAY indexed by a key of up to 16 bits,
// lpm → LPM_TRIE, priority → tuple-space search:
// a HASH probe per distinct mask), fall back to the table's default entry on
// a miss (in the defaults element looked up once per packet), count hits,
// then run the action whose index the entry holds, with r7 pointing to its
// parameters, and continue where the statement after the apply would
// (applied.ts).

import type * as ir from "../../../compiler/ir.js";
import { findAction } from "../../../runtime/controlplane.js";
import { Alu, FP, Jmp, R_AUX, R_SCAN, R_SCRATCH, Unsupported, type Label } from "./asm.js";
import { Atomic, atomic } from "../vm/isa.js";
import { DEFAULTS_SLOT, INDEX_KEY, lookupIndex, lookupKeyAt } from "./calls.js";
import type { Gen } from "./context.js";
import { genExpr, release, storeValue } from "./expr.js";
import { valuePieces, serialize, type Piece } from "./bits.js";
import { DEFAULTS_MAP, ENTRY_PARAMS, FILTER_MULTIPLIER, FILTER_SHIFT, MAX_TUPLES, packedWords, RECORD, recordEntry, S, TUPLE, wordsOf, type TableLayout } from "./layout.js";
import { genAction } from "./statements.js";

/** Where control goes once action `action` (its index in Table.actions) ran after a hit or a miss. */
export type Route = (hit: boolean, action: number) => Label;

/**
 * Applies the table, then continues after the statement — or, with `route`
 * (applied.ts: an `if`/`switch` testing the apply's hit or action, which then
 * reads the local nowhere else), at the label `route` gives, without storing
 * hitLocal/actionLocal; `next` is then the label bound right after the
 * apply's code. When the route depends on hit or miss and the entry must be
 * read, the action dispatch is shared and r8 carries which it was.
 */
export function applyTable(g: Gen, s: ir.ApplyTableStmt, exit: Label, route?: Route, next?: Label): void {
  const t = g.layout.tables.get(s.table)!;
  const { asm } = g;
  t.table.keys.forEach((k, i) => {
    const v = genExpr(g, k.expr);
    storeValue(g, R_SCRATCH, t.keyTemp[i]!, v, k.width);
    release(g, v);
  });
  const done = asm.label();
  const then: Route = route ?? (() => done);
  const actions = t.table.actions.map((name) => findAction(g.program, name)!);
  const ks = [...actions.keys()];
  const byAction = (hit: boolean): boolean => ks.some((k) => then(hit, k) !== then(hit, 0));
  const needEntry = actions.some((a) => a.body.length > 0) || byAction(true) || byAction(false) || (route === undefined && s.actionLocal !== undefined);
  const flagged = needEntry && ks.some((k) => then(true, k) !== then(false, k));
  const hitLocal = route === undefined ? s.hitLocal : undefined;
  const hit = asm.label();
  const miss = asm.label();
  const dispatchAt = asm.label();
  // The path placed first follows the lookup; the other jumps over it, and the later one falls into
  // the dispatch. A hit that needs nothing but the entry goes second: its label is the dispatch.
  // Outside a tuple search (which uses r8) the hit flag is set before the lookup, the miss path clears it.
  const keep = needEntry || t.counterMap !== undefined;
  const flagEarly = flagged && t.policy !== "priority";
  const hitFirst = t.counterMap !== undefined || hitLocal !== undefined || (flagged && !flagEarly);
  if (flagEarly) asm.opi(Alu.MOV, R_SCAN, 1);
  if (t.policy === "priority") search(g, t, hit, miss);
  else if (t.direct) directLookup(g, t, keep, hitFirst ? miss : hit, hitFirst ? Jmp.JEQ : Jmp.JNE, miss);
  else {
    if (t.policy === "exact") exactKey(g, t);
    else lpmKey(g, t);
    lookupKeyAt(g, t.map, R_SCRATCH, g.layout.keyBuffer, hitFirst ? miss : hit, hitFirst ? Jmp.JEQ : Jmp.JNE, keep ? R_AUX : undefined);
  }
  const missPath = (): void => {
    asm.bind(miss);
    if (hitLocal !== undefined) asm.storeImm(8, R_SCRATCH, g.layout.locals.get(hitLocal)!, 0);
    if (flagged) asm.opi(Alu.MOV, R_SCAN, 0);
    if (needEntry) {
      asm.load(8, R_AUX, FP, DEFAULTS_SLOT);
      if (t.defaultOffset > 0) asm.opi(Alu.ADD, R_AUX, t.defaultOffset);
    }
    asm.jump(needEntry ? dispatchAt : then(false, 0));
  };
  const hitPath = (): void => {
    asm.bind(hit);
    if (t.counterMap) countHit(g, t);
    if (hitLocal !== undefined) asm.storeImm(8, R_SCRATCH, g.layout.locals.get(hitLocal)!, 1);
    if (flagged && !flagEarly) asm.opi(Alu.MOV, R_SCAN, 1);
    asm.jump(needEntry ? dispatchAt : then(true, 0));
  };
  for (const path of hitFirst ? [hitPath, missPath] : [missPath, hitPath]) path();

  if (needEntry) {
    asm.bind(dispatchAt);
    const local = route === undefined ? s.actionLocal : undefined;
    if (!flagged) dispatch(g, t, actions, (k) => then(true, k), local, next ?? done, exit);
    else {
      // after the action: one test of r8 per distinct (hit, miss) pair of destinations, in action order
      const pair = (k: number): string => `${then(true, k).id}/${then(false, k).id}`;
      const splits = new Map<string, Label>();
      for (const k of ks) if (!splits.has(pair(k))) splits.set(pair(k), asm.label());
      dispatch(g, t, actions, (k) => splits.get(pair(k))!, local, splits.get(pair(0))!, exit);
      for (const k of ks) {
        const at = splits.get(pair(k));
        if (at === undefined) continue;
        splits.delete(pair(k));
        asm.bind(at);
        asm.jumpIfImm(Jmp.JNE, R_SCAN, 0, then(true, k));
        asm.jump(then(false, k));
      }
    }
  }
  asm.bind(done);
}

/** Counts a hit in the entry's counter slot (r7 points to the entry). */
function countHit(g: Gen, t: TableLayout): void {
  const { asm, regs } = g;
  const counted = asm.label();
  const slot = regs.alloc();
  asm.load(4, slot, R_AUX, 4);
  g.jumpIfConst(Jmp.JGE, slot, BigInt(t.table.size), counted);
  if (t.counterBase > 0) asm.opi(Alu.ADD, slot, t.counterBase);
  lookupIndex(g, t.counterMap!, slot, counted);
  addCounter(g);
  asm.bind(counted);
}

/**
 * Runs the action whose index the entry at r7 holds, then goes to `then(k)`.
 * An empty action costs no test when it continues where the tests fall
 * through, and the last action is not tested (the control plane writes only
 * the table's action indices). `local`: the actionLocal to store, if any;
 * `next`: the label bound right after the dispatch.
 */
function dispatch(g: Gen, t: TableLayout, actions: readonly ir.Action[], then: (k: number) => Label, local: number | undefined, next: Label, exit: Label): void {
  const { asm, regs } = g;
  const empty = actions.map((a) => a.body.length === 0);
  const lastEmpty = empty.lastIndexOf(true);
  const fall = lastEmpty >= 0 ? then(lastEmpty) : undefined; // undefined: into the last action's body
  const last = actions.length - 1;
  const bodies = actions.map(() => asm.label());
  const index = regs.alloc();
  asm.load(4, index, R_AUX, 0);
  if (local !== undefined) asm.store(8, R_SCRATCH, g.layout.locals.get(local)!, index);
  actions.forEach((_, k) => {
    if (empty[k] ? then(k) === fall : fall === undefined && k === last) return;
    asm.jumpIfImm(Jmp.JEQ, index, k, empty[k] ? then(k) : bodies[k]!);
  });
  regs.release(index);
  if (fall !== undefined) asm.jump(fall);
  // the untested action's body right after the tests; one going to `next` last, where it falls through
  const rest = [...actions.keys()].filter((k) => !(fall === undefined && k === last));
  const toNext = rest.findIndex((k) => !empty[k] && then(k) === next);
  if (toNext >= 0) rest.push(...rest.splice(toNext, 1));
  const order = fall === undefined ? [last, ...rest] : rest;
  for (const k of order) {
    if (empty[k]) continue;
    asm.bind(bodies[k]!);
    const a = actions[k]!;
    genAction(g, a, t.params.get(a.name)!.map((o) => o + ENTRY_PARAMS), exit);
    asm.jump(then(k));
  }
}

/**
 * At entry: the defaults map's only element (every table's default entry,
 * layout.ts) into the stack slot DEFAULTS_SLOT, where the verifier keeps the
 * spilled pointer, so that a miss costs two instructions, not a lookup.
 */
export function lookupDefaults(g: Gen, missing: Label): void {
  if (!g.layout.maps.some((m) => m.name === DEFAULTS_MAP)) return;
  g.asm.storeImm(4, FP, INDEX_KEY, 0);
  lookupKeyAt(g, DEFAULTS_MAP, FP, INDEX_KEY, missing);
  g.asm.store(8, FP, DEFAULTS_SLOT, 0);
}

/** A register holding 0 (the tuple ARRAY's element 0: the tuple count). */
function zero(g: Gen): number {
  const r = g.regs.alloc();
  g.asm.opi(Alu.MOV, r, 0);
  return r;
}

/** Adds one packet and std.packet_length bytes to the counter at r0 (atomically: other CPUs count too). */
export function addCounter(g: Gen): void {
  const { asm } = g;
  asm.opi(Alu.MOV, 1, 1);
  asm.emit(atomic(8, Atomic.ADD, 0, 0, 1));
  asm.load(8, 1, R_SCRATCH, S.LEN);
  asm.emit(atomic(8, Atomic.ADD, 0, 8, 1));
}

/**
 * A direct table (layout.ts, directTable): the ARRAY element the key indexes
 * (kept in r7 when `keep`) holds an entry when its present word is not 0;
 * jumps to `target` with `code` on that word.
 */
function directLookup(g: Gen, t: TableLayout, keep: boolean, target: Label, code: number, miss: Label): void {
  const key = g.regs.alloc();
  g.asm.load(8, key, R_SCRATCH, t.keyTemp[0]!);
  lookupIndex(g, t.map, key, miss);
  if (keep) g.asm.mov(R_AUX, 0);
  g.asm.load(8, 1, 0, t.valueSize);
  g.asm.jumpIfImm(code, 1, 0, target); // JEQ: to the miss; JNE: to the hit
}

/** HASH key: the key values' words, in key order, in the scratch key buffer. */
function exactKey(g: Gen, t: TableLayout): void {
  const r = g.regs.alloc();
  let at = g.layout.keyBuffer;
  t.table.keys.forEach((k, i) => {
    for (let w = 0; w < wordsOf(k.width); w++) {
      g.asm.load(8, r, R_SCRATCH, t.keyTemp[i]! + 8 * w);
      g.asm.store(8, R_SCRATCH, at, r);
      at += 8;
    }
  });
  g.regs.release(r);
}

/**
 * LPM_TRIE key: u32 prefix length (all bits), then the exact elements, each
 * in whole bytes, big-endian, then the lpm element left-aligned in whole
 * bytes — so an entry's prefix is the exact bytes plus its lpm prefix.
 */
function lpmKey(g: Gen, t: TableLayout): void {
  const pieces: Piece[] = [];
  let pos = 0;
  for (const i of t.lpmOrder) {
    const k = t.table.keys[i]!;
    const bytes = Math.ceil(k.width / 8);
    const start = k.matchKind === "lpm" ? pos : pos + 8 * bytes - k.width;
    pieces.push(...valuePieces(t.keyTemp[i]!, k.width, start));
    pos += 8 * bytes;
  }
  g.asm.storeImm(4, R_SCRATCH, g.layout.keyBuffer, pos);
  serialize(g.asm, g.regs, pieces, pos / 8, R_SCRATCH, g.layout.keyBuffer + 4);
}

/**
 * Priority tables, tuple-space search (docs/ebpf.md, "Priority tables"): the
 * key is packed once into a bit string; the tuple ARRAY's element 0 holds the
 * tuple count, elements 1…count the tuples in decreasing order of their best
 * rank. For each tuple the packed key is masked into the HASH key (u32 tuple
 * id, masked bytes) and, when the tuple's filter has the key's bit, looked
 * up; the value's records, best rank first, are checked against the range
 * keys' bounds, and the first that matches and beats the best so far is
 * copied into scratch. The walk stops at the first tuple whose best rank
 * cannot beat it. A bounded loop (r8 is the tuple index: it survives the
 * lookups) the verifier walks once per tuple slot; the records are unrolled.
 */
function search(g: Gen, t: TableLayout, hit: Label, miss: Label): void {
  const { asm } = g;
  lookupIndex(g, t.tupleMap, zero(g), miss);
  asm.load(4, 1, 0, 0);
  asm.store(8, R_SCRATCH, S.MATCH, 1); // the count and the best rank, kept where calls cannot clobber them
  asm.jumpIfImm(Jmp.JEQ, 1, 0, miss); // an empty table: not even the key is packed
  asm.storeImm(8, R_SCRATCH, S.BEST, 0);
  const pieces = t.table.keys.flatMap((k, j) => valuePieces(t.keyTemp[j]!, k.width, t.keyBitStart[j]!));
  serialize(asm, g.regs, pieces, t.packedBytes, R_SCRATCH, g.layout.packedKey);
  const i = R_SCAN;
  asm.opi(Alu.MOV, i, 1);
  const loop = asm.label();
  const next = asm.label();
  const done = asm.label();
  const inRange = asm.label();
  const inTable = asm.label();
  const present = asm.label();
  const promising = asm.label();
  // Branch shapes matter to the verifier: it explores the fall-through first and pushes
  // the taken branch, so each loop exit falls through and the loop continues by a taken
  // jump; otherwise pending states pile up once per tuple slot (the kernel allows 8192).
  asm.bind(loop);
  asm.load(8, 1, R_SCRATCH, S.MATCH);
  asm.jumpIf(Jmp.JLE, i, 1, inRange);
  asm.jump(done);
  asm.bind(inRange);
  asm.jumpIfImm(Jmp.JLE, i, MAX_TUPLES, inTable);
  asm.jump(done);
  asm.bind(inTable);
  asm.store(4, FP, INDEX_KEY, i);
  lookupKeyAt(g, t.tupleMap, FP, INDEX_KEY, present, Jmp.JNE);
  asm.jump(done);
  asm.bind(present);
  asm.load(8, 1, 0, TUPLE.BEST);
  asm.load(8, 2, R_SCRATCH, S.BEST);
  asm.jumpIf(Jmp.JGT, 1, 2, promising);
  asm.jump(done); // tuples are sorted by best rank: no later one can win
  asm.bind(promising);
  maskedKey(g, t, next);
  lookupKeyAt(g, t.map, R_SCRATCH, g.layout.keyBuffer, next);
  for (let c = 0; c < t.chain; c++) record(g, t, c * t.recordBytes, next);
  asm.bind(next);
  asm.opi(Alu.ADD, i, 1);
  asm.jump(loop);

  asm.bind(done);
  asm.load(8, 1, R_SCRATCH, S.BEST);
  asm.jumpIfImm(Jmp.JEQ, 1, 0, miss);
  asm.mov(R_AUX, R_SCRATCH);
  asm.opi(Alu.ADD, R_AUX, g.layout.bestEntry);
  asm.jump(hit);
}

/**
 * The HASH key into the key buffer: the tuple's id (r0 points to the tuple),
 * then the packed key AND the tuple's mask, a word at a time; then, unless the
 * tuple's filter has the masked key's bit (layout.ts, FILTER_MULTIPLIER), on
 * to `next` without a probe.
 */
function maskedKey(g: Gen, t: TableLayout, next: Label): void {
  const { asm } = g;
  const buffer = g.layout.keyBuffer;
  asm.load(4, 1, 0, TUPLE.ID);
  asm.store(4, R_SCRATCH, buffer, 1);
  asm.opi(Alu.MOV, 3, 0);
  for (let w = 0; w < packedWords(t); w++) {
    asm.load(8, 1, R_SCRATCH, g.layout.packedKey + 8 * w);
    asm.load(8, 2, 0, TUPLE.MASKS + 8 * w);
    asm.op(Alu.AND, 1, 2);
    asm.store(8, R_SCRATCH, buffer + 4 + 8 * w, 1);
    asm.op(Alu.XOR, 3, 1);
  }
  asm.constant(2, FILTER_MULTIPLIER);
  asm.op(Alu.MUL, 3, 2);
  asm.opi(Alu.RSH, 3, FILTER_SHIFT); // the bit, 0…255
  asm.mov(2, 3);
  asm.opi(Alu.RSH, 2, 6);
  asm.opi(Alu.LSH, 2, 3); // its word's offset, 0…24
  asm.mov(1, 0);
  asm.op(Alu.ADD, 1, 2);
  asm.load(8, 1, 1, TUPLE.FILTER);
  asm.opi(Alu.AND, 3, 63);
  asm.op(Alu.RSH, 1, 3);
  asm.opi(Alu.AND, 1, 1);
  asm.jumpIfImm(Jmp.JEQ, 1, 0, next);
}

/**
 * One record of the HASH value at r0 + `rec`: done with this tuple (`next`)
 * when its rank cannot beat the best so far (records are sorted, an empty one
 * has rank 0); otherwise, when every range key is within its bounds — the
 * sign bits of key − lo and hi − key, without branches — it becomes the best
 * and its entry is copied to scratch.
 */
function record(g: Gen, t: TableLayout, rec: number, next: Label): void {
  const { asm } = g;
  const mismatch = asm.label();
  asm.load(8, 1, 0, rec + RECORD.RANK);
  asm.load(8, 2, R_SCRATCH, S.BEST);
  asm.jumpIf(Jmp.JLE, 1, 2, next);
  if (t.rangeKeys.length > 0) {
    asm.opi(Alu.MOV, 3, 0);
    t.rangeKeys.forEach((j, r) => {
      const key = t.table.keys[j]!;
      if (key.width > 62) throw new Unsupported(key.span, `ebpf target: a range key wider than 62 bits (${key.name}: bit<${key.width}>) is not supported`);
      const bounds = rec + RECORD.BOUNDS + 16 * r;
      asm.load(8, 4, R_SCRATCH, t.keyTemp[j]!);
      asm.load(8, 5, 0, bounds);
      asm.op(Alu.SUB, 4, 5);
      asm.op(Alu.OR, 3, 4);
      asm.load(8, 4, R_SCRATCH, t.keyTemp[j]!);
      asm.load(8, 5, 0, bounds + 8);
      asm.op(Alu.SUB, 5, 4);
      asm.op(Alu.OR, 3, 5);
    });
    asm.jumpIfImm(Jmp.JSLT, 3, 0, mismatch);
  }
  asm.store(8, R_SCRATCH, S.BEST, 1);
  const entry = rec + recordEntry(t);
  for (let at = 0; at < t.valueSize; at += 8) {
    asm.load(8, 1, 0, entry + at);
    asm.store(8, R_SCRATCH, g.layout.bestEntry + at, 1);
  }
  asm.jump(next);
  asm.bind(mismatch);
}
