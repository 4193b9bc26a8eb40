// Table application: evaluate the key into scratch, find the entry in the
// table's map (exact → HASH, lpm → LPM_TRIE, priority → a scan of a sorted
// array), fall back to the default-action map on a miss, count hits, then run
// the action whose index the entry (or default) holds, with r7 pointing to
// its parameters.

import type * as ir from "../../../compiler/ir.js";
import { findAction } from "../../../runtime/controlplane.js";
import { Alu, FP, Jmp, R_AUX, R_SCAN, R_SCRATCH, Unsupported, type Label } from "./asm.js";
import { Atomic, atomic } from "../vm/isa.js";
import { INDEX_KEY, lookupIndex, lookupKeyAt } from "./calls.js";
import type { Gen } from "./context.js";
import { genExpr, release, storeValue } from "./expr.js";
import { valuePieces, serialize, type Piece } from "./bits.js";
import { ENTRY_PARAMS, S, wordsOf, type TableLayout } from "./layout.js";
import { genAction } from "./statements.js";

export function applyTable(g: Gen, s: ir.ApplyTableStmt, exit: Label): void {
  const t = g.layout.tables.get(s.table)!;
  const { asm, regs } = g;
  t.table.keys.forEach((k, i) => {
    const v = genExpr(g, k.expr);
    storeValue(g, R_SCRATCH, t.keyTemp[i]!, v, k.width);
    release(g, v);
  });
  const hit = asm.label();
  const miss = asm.label();
  const dispatch = asm.label();
  const done = asm.label();
  if (t.policy === "exact") exactKey(g, t);
  else if (t.policy === "lpm") lpmKey(g, t);
  if (t.policy === "priority") scan(g, t, hit, miss);
  else {
    lookupKeyAt(g, t.map, R_SCRATCH, g.layout.keyBuffer, miss);
    asm.mov(R_AUX, 0);
    asm.jump(hit);
  }

  asm.bind(miss);
  const element = regs.alloc();
  asm.opi(Alu.MOV, element, t.defaultIndex);
  lookupIndex(g, t.defaultMap, element, done);
  asm.mov(R_AUX, 0);
  if (s.hitLocal !== undefined) asm.storeImm(8, R_SCRATCH, g.layout.locals.get(s.hitLocal)!, 0);
  asm.jump(dispatch);

  asm.bind(hit);
  if (s.hitLocal !== undefined) asm.storeImm(8, R_SCRATCH, g.layout.locals.get(s.hitLocal)!, 1);
  if (t.counterMap) {
    const counted = asm.label();
    const slot = regs.alloc();
    asm.load(4, slot, R_AUX, 4);
    g.jumpIfConst(Jmp.JGE, slot, BigInt(t.table.size), counted);
    if (t.counterBase > 0) g.asm.opi(Alu.ADD, slot, t.counterBase);
    lookupIndex(g, t.counterMap, slot, counted);
    addCounter(g);
    asm.bind(counted);
  }

  asm.bind(dispatch);
  const index = regs.alloc();
  asm.load(4, index, R_AUX, 0);
  if (s.actionLocal !== undefined) asm.store(8, R_SCRATCH, g.layout.locals.get(s.actionLocal)!, index);
  const bodies = t.table.actions.map(() => asm.label());
  t.table.actions.forEach((_, k) => asm.jumpIfImm(Jmp.JEQ, index, k, bodies[k]!));
  regs.release(index);
  asm.jump(done);
  t.table.actions.forEach((name, k) => {
    asm.bind(bodies[k]!);
    const action = findAction(g.program, name)!;
    genAction(g, action, t.params.get(name)!.map((o) => o + ENTRY_PARAMS), exit);
    asm.jump(done);
  });
  asm.bind(done);
  asm.opi(Alu.MOV, R_AUX, 0); // one state for every path that joins here (the verifier prunes on it)
}

/** A register holding 0 (for the default-action map's only index). */
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
 * Priority tables: an ARRAY map whose element 0 holds the entry count and
 * elements 1…count the entries, sorted by priority (highest first, earlier
 * insertion first on ties); the first entry that matches wins. A bounded
 * loop (r8 is the index: it survives the lookups) the verifier walks once
 * per entry slot; the kernel inlines the array lookups.
 */
function scan(g: Gen, t: TableLayout, hit: Label, miss: Label): void {
  const { asm, regs } = g;
  lookupIndex(g, t.map, zero(g), miss);
  asm.load(4, 1, 0, 0);
  asm.store(8, R_SCRATCH, S.MATCH, 1); // the count, kept where calls cannot clobber it
  const i = R_SCAN;
  asm.opi(Alu.MOV, i, 1);
  const loop = asm.label();
  const next = asm.label();
  const inRange = asm.label();
  const inTable = asm.label();
  const present = asm.label();
  // Branch shapes matter to the verifier: it explores the fall-through first and pushes
  // the taken branch, so each loop exit falls through and the loop continues by a taken
  // jump; otherwise pending states pile up once per entry slot (the kernel allows 8192).
  asm.bind(loop);
  asm.load(8, 1, R_SCRATCH, S.MATCH);
  asm.jumpIf(Jmp.JLE, i, 1, inRange);
  asm.jump(miss);
  asm.bind(inRange);
  asm.jumpIfImm(Jmp.JLE, i, t.table.size, inTable);
  asm.jump(miss);
  asm.bind(inTable);
  asm.store(4, FP, INDEX_KEY, i);
  lookupKeyAt(g, t.map, FP, INDEX_KEY, present, Jmp.JNE);
  asm.jump(miss);
  asm.bind(present);
  const e = regs.alloc();
  asm.mov(e, 0);
  const k = regs.alloc();
  const v = regs.alloc();
  const signs = regs.alloc();
  const mismatch = regs.alloc();
  // Without branches: mismatch = OR of (key & mask) ^ value over the masked words;
  // signs = OR of key − lo and hi − key over range keys (negative when outside).
  asm.opi(Alu.MOV, signs, 0);
  asm.opi(Alu.MOV, mismatch, 0);
  let at = 0;
  t.table.keys.forEach((key, j) => {
    const words = wordsOf(key.width);
    const keyAt = t.keyTemp[j]!;
    if (key.matchKind === "range") {
      if (key.width > 62) throw new Unsupported(key.span, `ebpf target: a range key wider than 62 bits (${key.name}: bit<${key.width}>) is not supported`);
      asm.load(8, k, R_SCRATCH, keyAt);
      asm.load(8, v, e, at);
      asm.op(Alu.SUB, k, v);
      asm.op(Alu.OR, signs, k);
      asm.load(8, k, R_SCRATCH, keyAt);
      asm.load(8, v, e, at + 8);
      asm.op(Alu.SUB, v, k);
      asm.op(Alu.OR, signs, v);
    } else {
      for (let w = 0; w < words; w++) {
        asm.load(8, k, R_SCRATCH, keyAt + 8 * w);
        asm.load(8, v, e, at + 8 * words + 8 * w); // mask word
        asm.op(Alu.AND, k, v);
        asm.load(8, v, e, at + 8 * w); // value word
        asm.op(Alu.XOR, k, v);
        asm.op(Alu.OR, mismatch, k);
      }
    }
    at += 16 * words;
  });
  asm.opi(Alu.RSH, signs, 63);
  asm.op(Alu.OR, mismatch, signs);
  asm.jumpIfImm(Jmp.JNE, mismatch, 0, next);
  asm.mov(R_AUX, e);
  asm.opi(Alu.ADD, R_AUX, t.entryKeyBytes);
  regs.release(e, k, v, signs, mismatch);
  asm.jump(hit);
  asm.bind(next);
  asm.opi(Alu.ADD, i, 1);
  asm.jump(loop);
}
