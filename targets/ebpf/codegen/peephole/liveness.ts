// Clean-up passes that need register liveness (r0–r5, and r7/r8, which the
// parser and actions use as pointers; r6 and r9 hold the context and the
// scratch value throughout, and r10 is the frame: always live): writes
// nothing reads, immediates moved through a register only to be stored,
// values computed in one register only to be moved to another, and xors
// only to be compared.

import { Alu, Cls, Jmp, LDDW, Mode, opClass, opCode, opMode, opSize, type Insn } from "../../vm/isa.js";
import { CALL, EXIT, callArgs, changedOr, endsFlow, indexOf, isMark, labelIndex, written, type Item, type Line } from "./items.js";

/** r6, r9 and r10, live everywhere. */
const ALWAYS = 0b110_0100_0000;
/** r0–r5, which a call overwrites. */
const CLOBBERED = 0b11_1111;
const bit = (r: number): number => 1 << r;

/** Registers one instruction reads and writes, as bit sets. */
function useDef(insn: Insn): { use: number; def: number } {
  const cls = opClass(insn.opcode);
  const code = opCode(insn.opcode);
  const reg = (insn.opcode & 0x08) !== 0;
  switch (cls) {
    case Cls.ALU:
    case Cls.ALU64:
      if (code === Alu.END || code === Alu.NEG) return { use: bit(insn.dst), def: bit(insn.dst) };
      if (code === Alu.MOV) return { use: reg ? bit(insn.src) : 0, def: bit(insn.dst) };
      return { use: bit(insn.dst) | (reg ? bit(insn.src) : 0), def: bit(insn.dst) };
    case Cls.LDX:
      return { use: bit(insn.src), def: bit(insn.dst) };
    case Cls.ST:
      return { use: bit(insn.dst), def: 0 };
    case Cls.STX: {
      const w = written(insn);
      return { use: bit(insn.dst) | bit(insn.src) | (w === 0 ? 1 : 0), def: w === undefined ? 0 : bit(w) };
    }
    case Cls.JMP:
    case Cls.JMP32:
      if (insn.opcode === CALL) return { use: callArgs(insn), def: CLOBBERED };
      if (insn.opcode === EXIT) return { use: bit(0), def: 0 };
      if (code === Jmp.JA) return { use: 0, def: 0 };
      return { use: bit(insn.dst) | (reg ? bit(insn.src) : 0), def: 0 };
    default:
      return insn.opcode === LDDW ? { use: 0, def: bit(insn.dst) } : { use: 0x7ff, def: CLOBBERED };
  }
}

/** For each item, the registers live after it (bit sets). */
function liveAfter(items: readonly Item[]): Int32Array {
  const at = labelIndex(items);
  const n = items.length;
  const use = new Int32Array(n);
  const def = new Int32Array(n);
  const falls = new Uint8Array(n);
  const jumps = new Int32Array(n).fill(-1);
  items.forEach((item, i) => {
    falls[i] = isMark(item) || !endsFlow(item) ? 1 : 0;
    if (isMark(item)) return;
    ({ use: use[i], def: def[i] } = useDef(item.insn));
    if (item.target !== undefined) jumps[i] = indexOf(at, item.target);
  });
  const liveIn = new Int32Array(n + 1);
  const after = new Int32Array(n);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = n - 1; i >= 0; i--) {
      let out = 0;
      if (falls[i]) out |= liveIn[i + 1]!;
      if (jumps[i]! >= 0) out |= liveIn[jumps[i]!]!;
      const into = use[i]! | (out & ~def[i]!) | ALWAYS;
      after[i] = out;
      if (into !== liveIn[i]) {
        liveIn[i] = into;
        changed = true;
      }
    }
  }
  return after;
}

/** Does the line only compute its destination register (no memory write, no control flow)? */
const onlyWrites = (insn: Insn): boolean => {
  const cls = opClass(insn.opcode);
  return cls === Cls.ALU || cls === Cls.ALU64 || cls === Cls.LDX || insn.opcode === LDDW;
};

/** `mov r7, 0` / `mov r8, 0`: the generator clears the parser's pointer and offset on purpose (the verifier's states meet), so these stay. */
const isClear = (insn: Insn): boolean => insn.opcode === (Cls.ALU64 | Alu.MOV) && insn.imm === 0 && (insn.dst === 7 || insn.dst === 8);

/**
 * A line that only sets r0–r5, r7 or r8 and that nothing reads afterwards
 * is dropped (a load the verifier accepted cannot fault, so dropping one
 * changes nothing; left behind by forwarding, by action dispatches whose
 * every case is empty, and by the parser's last step past a header) —
 * except the clears of r7 and r8.
 */
export function dropDeadWrites(items: readonly Item[]): readonly Item[] {
  const after = liveAfter(items);
  let changed = false;
  const out = items.filter((item, i) => {
    if (isMark(item) || !onlyWrites(item.insn) || (ALWAYS & bit(item.insn.dst)) !== 0 || isClear(item.insn)) return true;
    const dead = (after[i]! & bit(item.insn.dst)) === 0;
    changed ||= dead;
    return !dead;
  });
  return changedOr(items, out, changed);
}

/**
 * `mov rX, imm; stx [b+o], rX` with rX not read afterwards → `st [b+o], imm`:
 * the 64-bit `mov` and `st` sign-extend the same 32-bit immediate, and a
 * narrower store keeps the same low bytes either way.
 */
export function storeImmediates(items: readonly Item[]): readonly Item[] {
  return fusePairs(items, (first, second) =>
    first.opcode === (Cls.ALU64 | Alu.MOV) && opClass(second.opcode) === Cls.STX && opMode(second.opcode) === Mode.MEM &&
    second.src === first.dst && second.dst !== first.dst && first.dst <= 5
      ? { ...second, opcode: Cls.ST | Mode.MEM | opSize(second.opcode), src: 0, imm: first.imm }
      : undefined,
  );
}

/**
 * Replaces two adjacent instructions by the one `fuse` returns, where the
 * first one's destination register is not read after the second.
 */
function fusePairs(items: readonly Item[], fuse: (first: Insn, second: Insn) => Insn | undefined): readonly Item[] {
  const after = liveAfter(items);
  const out: Item[] = [];
  let changed = false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const next = items[i + 1];
    const fused = !isMark(item) && next && !isMark(next) && (after[i + 1]! & bit(item.insn.dst)) === 0 ? fuse(item.insn, next.insn) : undefined;
    if (fused) {
      out.push({ ...next, insn: fused });
      i++;
      changed = true;
      continue;
    }
    out.push(item);
  }
  return changedOr(items, out, changed);
}

/** Does the line set its destination register whatever it held before (a load, a move, a 64-bit constant)? */
const fullyDefines = (insn: Insn): boolean =>
  (opClass(insn.opcode) === Cls.LDX && opMode(insn.opcode) === Mode.MEM) || insn.opcode === LDDW ||
  ((opClass(insn.opcode) === Cls.ALU || opClass(insn.opcode) === Cls.ALU64) && opCode(insn.opcode) === Alu.MOV && insn.offset === 0);

/**
 * `rA = …; (uses of rA); mov rB, rA` with rA not read afterwards → the same
 * lines computing into rB directly, without the move: the value is built in
 * the register that needs it (`ldxdw r1, [r9+o]; lsh r1, 12; mov r0, r1` —
 * a sum's first term — becomes `ldxdw r0, [r9+o]; lsh r0, 12`). Only over
 * straight-line code (no label, jump or call in between) none of which
 * touches rB, and only for a temporary rA (r0–r5).
 */
export function coalesceMoves(items: readonly Item[]): readonly Item[] {
  const after = liveAfter(items);
  const out: (Item | undefined)[] = [...items];
  let changed = false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (isMark(item) || item.insn.opcode !== (Cls.ALU64 | Alu.MOV | 0x08) || item.insn.offset !== 0) continue;
    const a = item.insn.src;
    const b = item.insn.dst;
    if (a > 5 || a === b || (after[i]! & bit(a)) !== 0) continue;
    let def = -1;
    for (let j = i - 1; j >= 0; j--) {
      const prev = out[j];
      if (!prev || isMark(prev) || prev !== items[j]) break; // a label, or a line this pass already rewrote
      const { insn } = prev;
      const cls = opClass(insn.opcode);
      if (cls === Cls.JMP || cls === Cls.JMP32 || (cls === Cls.STX && opMode(insn.opcode) === Mode.ATOMIC)) break;
      const { use, def: writes } = useDef(insn);
      if (((use | writes) & bit(b)) !== 0) break;
      if (writes === bit(a) && fullyDefines(insn)) {
        def = j;
        break;
      }
    }
    if (def < 0) continue;
    const rename = (r: number): number => (r === a ? b : r);
    for (let j = def; j < i; j++) {
      const { insn } = items[j] as Line;
      if (((useDef(insn).use | useDef(insn).def) & bit(a)) === 0) continue;
      const cls = opClass(insn.opcode);
      const code = opCode(insn.opcode);
      // a register source: loads' and stores' bases and values, ALU X operands (END's 0x08 bit is its byte order)
      const hasSrc = cls === Cls.LDX || cls === Cls.STX || ((cls === Cls.ALU || cls === Cls.ALU64) && (insn.opcode & 0x08) !== 0 && code !== Alu.END && code !== Alu.NEG);
      const src = hasSrc ? rename(insn.src) : insn.src;
      out[j] = { ...(items[j] as Line), insn: { ...insn, dst: rename(insn.dst), src: j === def ? insn.src : src } };
    }
    out[i] = undefined;
    changed = true;
  }
  return changedOr(items, out.filter((x): x is Item => x !== undefined), changed);
}

/**
 * `xor rX, K; jeq/jne rX, C` with rX not read afterwards → `jeq/jne rX, K ^ C`
 * (a checksum compared with 0: `checksum16(…) != 0` tests the fold against
 * 0xffff). The 64-bit forms sign-extend both immediates, and the xor of two
 * sign-extended values is the sign-extended xor.
 */
export function xorIntoCompare(items: readonly Item[]): readonly Item[] {
  return fusePairs(items, (first, second) =>
    first.opcode === (Cls.ALU64 | Alu.XOR) && second.dst === first.dst && (second.opcode === (Cls.JMP | Jmp.JEQ) || second.opcode === (Cls.JMP | Jmp.JNE))
      ? { ...second, imm: second.imm ^ first.imm }
      : undefined,
  );
}
