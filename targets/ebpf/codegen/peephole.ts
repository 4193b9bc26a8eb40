// Clean-up passes over the generated instruction buffer, run once the whole
// program is emitted and before labels become offsets. The generator emits
// simple, locally correct shapes (a jump to a block that only jumps on, a
// branch over an unconditional jump, a value stored and loaded back); these
// passes take them out. Each is a function from items to items, safe on its
// own; `optimize` runs them until nothing changes. Unreachable code goes
// first and last: the kernel verifier refuses it, and threading jumps makes
// some.

import { Alu, CallKind, Cls, Jmp, LDDW, Mode, aluImm, aluReg, opClass, opCode, opMode, opSize, sizeBytes, type Insn } from "../vm/isa.js";
import { Helper } from "./helpers.js";

/** One instruction: a jump names its target label (its offset is filled in at assembly); an LDDW carries its second slot. */
export interface Line {
  readonly insn: Insn;
  readonly target?: number;
  readonly wide?: Insn;
  /** The map an LDDW loads (a relocation). */
  readonly map?: string;
}
/** A label bound before the next line. */
export interface Mark {
  readonly label: number;
}
export type Item = Line | Mark;

export const isMark = (item: Item): item is Mark => (item as Line).insn === undefined;

const JA = Cls.JMP | Jmp.JA;
const EXIT = Cls.JMP | Jmp.EXIT;
const CALL = Cls.JMP | Jmp.CALL;
const isJa = (l: Line): boolean => l.insn.opcode === JA;
const isConditional = (l: Line): boolean => l.target !== undefined && !isJa(l);
/** Does control never fall through to the next line? */
const endsFlow = (l: Line): boolean => isJa(l) || l.insn.opcode === EXIT;

/** The passes, in the order they run; each returns a new item list (the same one when it changed nothing). */
export const PASSES: readonly (readonly [string, (items: readonly Item[]) => readonly Item[]])[] = [
  ["removeUnreachable", removeUnreachable],
  ["threadJumps", threadJumps],
  ["invertBranchOverJump", invertBranchOverJump],
  ["dropJumpsToNext", dropJumpsToNext],
  ["forwardStores", forwardStores],
  ["storeImmediates", storeImmediates],
  ["dropDeadStores", dropDeadStores],
  ["dropDeadWrites", dropDeadWrites],
  ["dropUnusedLabels", dropUnusedLabels],
];

export function optimize(items: readonly Item[]): readonly Item[] {
  for (let round = 0; round < 20; round++) {
    const before = items;
    for (const [, pass] of PASSES) items = pass(items);
    if (items === before) break;
  }
  return items;
}

/** Label id → index of the item list where it is bound. */
function labelIndex(items: readonly Item[]): Map<number, number> {
  const at = new Map<number, number>();
  items.forEach((item, i) => isMark(item) && at.set(item.label, i));
  return at;
}

function indexOf(at: Map<number, number>, label: number): number {
  const i = at.get(label);
  if (i === undefined) throw new Error("jump to an unbound label");
  return i;
}

/** The first line at or after item `i`, and the labels bound on the way. */
function lineFrom(items: readonly Item[], i: number): { line?: Line; index: number; labels: number[] } {
  const labels: number[] = [];
  for (; i < items.length; i++) {
    const item = items[i]!;
    if (!isMark(item)) return { line: item, index: i, labels };
    labels.push(item.label);
  }
  return { index: i, labels };
}

const changedOr = (items: readonly Item[], out: Item[], changed: boolean): readonly Item[] => (changed ? out : items);

/**
 * Lines no path from the entry reaches (after `exit`, after a returning
 * branch, or left behind by threading): the kernel refuses unreachable code.
 */
export function removeUnreachable(items: readonly Item[]): readonly Item[] {
  const at = labelIndex(items);
  const reached = new Uint8Array(items.length + 1);
  const work = [0];
  while (work.length > 0) {
    const i = work.pop()!;
    if (i >= items.length || reached[i]) continue;
    reached[i] = 1;
    const item = items[i]!;
    if (isMark(item)) {
      work.push(i + 1);
      continue;
    }
    if (item.target !== undefined) work.push(indexOf(at, item.target));
    if (!endsFlow(item)) work.push(i + 1);
  }
  const out = items.filter((item, i) => reached[i] || isMark(item));
  return changedOr(items, out, out.length !== items.length);
}

/**
 * A jump to a line that is `ja M` goes to M directly (a jump has no effect
 * besides where it goes). Loops of jumps are left alone.
 */
export function threadJumps(items: readonly Item[]): readonly Item[] {
  const at = labelIndex(items);
  const finalTarget = (label: number): number => {
    const seen = new Set<number>();
    for (;;) {
      seen.add(label);
      const { line } = lineFrom(items, indexOf(at, label));
      if (!line || !isJa(line) || seen.has(line.target!)) return label;
      label = line.target!;
    }
  };
  let changed = false;
  const out = items.map((item) => {
    if (isMark(item) || item.target === undefined) return item;
    const target = finalTarget(item.target);
    if (target === item.target) return item;
    changed = true;
    return { ...item, target };
  });
  return changedOr(items, out, changed);
}

const INVERSE: Partial<Record<number, number>> = {
  [Jmp.JEQ]: Jmp.JNE, [Jmp.JNE]: Jmp.JEQ, [Jmp.JGT]: Jmp.JLE, [Jmp.JLE]: Jmp.JGT, [Jmp.JGE]: Jmp.JLT, [Jmp.JLT]: Jmp.JGE,
  [Jmp.JSGT]: Jmp.JSLE, [Jmp.JSLE]: Jmp.JSGT, [Jmp.JSGE]: Jmp.JSLT, [Jmp.JSLT]: Jmp.JSGE,
};

/** Marks the items inside a loop: from a backward jump's target to the jump. */
function inLoops(items: readonly Item[]): Uint8Array {
  const at = labelIndex(items);
  const inside = new Uint8Array(items.length);
  items.forEach((item, i) => {
    if (!isMark(item) && item.target !== undefined) {
      const t = indexOf(at, item.target);
      if (t <= i) inside.fill(1, t, i + 1);
    }
  });
  return inside;
}

/**
 * `jcc L1; ja L2; L1:` → `j!cc L2; L1:` — the same paths, one jump fewer.
 * Not inside loops: there the kernel verifier's cost depends on which exit
 * is the taken branch (it pushes taken branches and explores fall-throughs
 * first; docs/ebpf.md, priority tables), so loops keep the shape they were
 * generated with.
 */
export function invertBranchOverJump(items: readonly Item[]): readonly Item[] {
  const inLoop = inLoops(items);
  const out: Item[] = [];
  let changed = false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const inverse = !isMark(item) && isConditional(item) ? INVERSE[opCode(item.insn.opcode)] : undefined;
    const next = items[i + 1];
    if (inverse !== undefined && next && !isMark(next) && isJa(next) && !inLoop[i]) {
      const after = lineFrom(items, i + 2);
      if (after.labels.includes((item as Line).target!)) {
        const insn = (item as Line).insn;
        out.push({ insn: { ...insn, opcode: (insn.opcode & ~0xf0) | inverse }, target: next.target });
        i++;
        changed = true;
        continue;
      }
    }
    out.push(item);
  }
  return changedOr(items, out, changed);
}

/** Label id → index of the first line at or after where it is bound. */
function landing(items: readonly Item[]): Map<number, number> {
  const at = new Map<number, number>();
  for (const [label, i] of labelIndex(items)) at.set(label, lineFrom(items, i).index);
  return at;
}

/**
 * A jump (taken or not) to where execution continues anyway does nothing:
 * to the next line, or — for a conditional one — to where the `ja` after it
 * goes.
 */
export function dropJumpsToNext(items: readonly Item[]): readonly Item[] {
  const lands = landing(items);
  let changed = false;
  const out = items.filter((item, i) => {
    if (isMark(item) || item.target === undefined) return true;
    const next = lineFrom(items, i + 1);
    const goes = lands.get(item.target);
    const redundant = goes === next.index || (isConditional(item) && next.line !== undefined && isJa(next.line) && lands.get(next.line.target!) === goes);
    changed ||= redundant;
    return !redundant;
  });
  return changedOr(items, out, changed);
}

/** Labels no jump names only split basic blocks (and stop forwardStores). */
export function dropUnusedLabels(items: readonly Item[]): readonly Item[] {
  const used = new Set<number>();
  for (const item of items) if (!isMark(item) && item.target !== undefined) used.add(item.target);
  const out = items.filter((item) => !isMark(item) || used.has(item.label));
  return changedOr(items, out, out.length !== items.length);
}

// ---- helpers

/** How many argument registers (r1…) each helper the generator calls reads; other calls count as reading r1–r5. */
const HELPER_ARGS: Readonly<Record<number, number>> = {
  [Helper.map_lookup_elem]: 2, [Helper.map_update_elem]: 4, [Helper.map_delete_elem]: 2, [Helper.ktime_get_ns]: 0,
  [Helper.xdp_adjust_head]: 2, [Helper.redirect_map]: 3, [Helper.map_push_elem]: 3,
};
const isHelper = (insn: Insn): boolean => insn.opcode === CALL && insn.src === CallKind.HELPER;

/**
 * Helpers that write no memory the program reads through r9 (they read their
 * key or value, or touch the packet): scratch contents survive them. Not
 * map_update_elem, which writes a map value.
 */
const keepsMemory = (insn: Insn): boolean => isHelper(insn) && insn.imm in HELPER_ARGS && insn.imm !== Helper.map_update_elem;

/** The argument registers a call reads, as a bit set. */
const callArgs = (insn: Insn): number => {
  const n = isHelper(insn) ? HELPER_ARGS[insn.imm] : undefined;
  return n === undefined ? ARGS : ((1 << (n + 1)) - 1) & ~1;
};

// ---- store-to-load forwarding

/** R_SCRATCH (asm.ts; not imported, to keep this file free of the generator) and the frame pointer. */
const SCRATCH = 9;
const FRAME = 10;

/** What a memory slot [r9 + at, size bytes) is known to hold: a register's value or a constant. */
interface Known {
  readonly at: number;
  readonly size: number;
  readonly reg?: number;
  readonly imm?: number;
}

/** The register an instruction writes, if any (calls are handled apart). */
function written(insn: Insn): number | undefined {
  const cls = opClass(insn.opcode);
  if (cls === Cls.ALU || cls === Cls.ALU64 || cls === Cls.LDX || insn.opcode === LDDW) return insn.dst;
  if (cls === Cls.STX && opMode(insn.opcode) === Mode.ATOMIC && insn.imm & 0x01) return insn.imm === (0xf0 | 0x01) ? 0 : insn.src;
  return undefined;
}

const overlaps = (k: Known, at: number, size: number): boolean => k.at < at + size && at < k.at + k.size;
const fitsMovImm = (v: number): boolean => v >= 0 && v < 0x8000_0000;

/**
 * What is known at a label: what every way in agrees on — the line before
 * (when it falls through) and each jump to it, all of which come earlier
 * (a label some later jump reaches, a loop head, knows nothing).
 */
function joined(current: Known[], flows: boolean, arriving: Known[][], jumps: number): Known[] {
  if (arriving.length !== jumps) return [];
  const ways = flows ? [current, ...arriving] : arriving;
  if (ways.length === 0) return [];
  const same = (a: Known, b: Known): boolean => a.at === b.at && a.size === b.size && a.reg === b.reg && a.imm === b.imm;
  return ways[0]!.filter((k) => ways.every((w) => w.some((x) => same(x, k))));
}

/**
 * A load of a scratch slot whose content is known — stored from a register
 * or a constant, or loaded into a register that still holds it — becomes a
 * register move (or nothing). Facts follow forward jumps and meet at labels
 * (joined). Those about r0–r5 are dropped at every call (it clobbers them),
 * all at a call that may write memory (keepsMemory); each when its register
 * is overwritten or its slot stored to; all at any store through a register
 * other than r9 or r10 (it might point into the scratch value: action
 * parameters and map keys do).
 */
export function forwardStores(items: readonly Item[]): readonly Item[] {
  const at = labelIndex(items);
  const jumpsTo = new Map<number, number>();
  for (const item of items) if (!isMark(item) && item.target !== undefined) jumpsTo.set(item.target, (jumpsTo.get(item.target) ?? 0) + 1);
  const arriving = new Map<number, Known[][]>();
  let known: Known[] = [];
  let flows = true;
  let changed = false;
  const out: Item[] = [];
  const forgetReg = (r: number): void => {
    known = known.filter((k) => k.reg !== r);
  };
  for (const [i, item] of items.entries()) {
    if (isMark(item)) {
      known = joined(known, flows, arriving.get(item.label) ?? [], jumpsTo.get(item.label) ?? 0);
      flows = true;
      out.push(item);
      continue;
    }
    const { insn } = item;
    if (item.target !== undefined && indexOf(at, item.target) > i) arriving.set(item.target, [...(arriving.get(item.target) ?? []), known]);
    flows = !endsFlow(item);
    const cls = opClass(insn.opcode);
    const size = opMode(insn.opcode) === Mode.MEM ? sizeBytes(opSize(insn.opcode)) : 0;
    if (cls === Cls.LDX && size > 0 && insn.src === SCRATCH) {
      const k = known.find((x) => x.at === insn.offset && x.size === size);
      if (k && k.reg === insn.dst) {
        changed = true; // the register already holds the slot
        continue;
      }
      forgetReg(insn.dst);
      if (k) {
        changed = true;
        const mov = k.reg !== undefined ? aluReg(Cls.ALU64, Alu.MOV, insn.dst, k.reg) : aluImm(Cls.ALU64, Alu.MOV, insn.dst, k.imm!);
        out.push({ insn: mov });
        if (k.reg !== undefined) known.push({ at: k.at, size, reg: insn.dst });
        continue;
      }
      known.push({ at: insn.offset, size, reg: insn.dst });
      out.push(item);
      continue;
    }
    if ((cls === Cls.ST || cls === Cls.STX) && (size > 0 || opMode(insn.opcode) === Mode.ATOMIC)) {
      if (insn.dst === SCRATCH && size > 0) {
        known = known.filter((k) => !overlaps(k, insn.offset, size));
        if (cls === Cls.STX && size === 8) known.push({ at: insn.offset, size, reg: insn.src });
        if (cls === Cls.ST) {
          // st sign-extends its immediate to 8 bytes, and a narrower load zero-extends what was stored
          const value = size === 8 ? insn.imm : insn.imm & (2 ** (8 * size) - 1);
          if (size === 8 || fitsMovImm(value)) known.push({ at: insn.offset, size, imm: value });
        }
      } else if (insn.dst !== FRAME) known = [];
      const w = written(insn);
      if (w !== undefined) forgetReg(w);
      out.push(item);
      continue;
    }
    if (insn.opcode === CALL) known = keepsMemory(insn) ? known.filter((k) => k.reg === undefined || k.reg > 5) : [];
    else if (endsFlow(item)) known = [];
    else {
      const w = written(insn);
      if (w === SCRATCH) known = [];
      else if (w !== undefined) forgetReg(w);
    }
    out.push(item);
  }
  return changedOr(items, out, changed);
}

// ---- liveness (r0–r5; the callee-saved r6–r9 and r10 always count as live:
// the generator clears r7/r8 on purpose, so that the verifier's states meet)

const ALWAYS = 0b111_1100_0000;
const bit = (r: number): number => 1 << r;
const ARGS = 0b11_1110;
const CLOBBERED = 0b11_1111;

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

/**
 * A line that only sets a temporary (r0–r5) nothing reads afterwards is
 * dropped (a load the verifier accepted cannot fault, so dropping one
 * changes nothing; left behind by forwarding and by action dispatches
 * whose every case is empty).
 */
export function dropDeadWrites(items: readonly Item[]): readonly Item[] {
  const after = liveAfter(items);
  let changed = false;
  const out = items.filter((item, i) => {
    if (isMark(item) || !onlyWrites(item.insn) || item.insn.dst > 5) return true;
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
  const after = liveAfter(items);
  const out: Item[] = [];
  let changed = false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const next = items[i + 1];
    if (
      !isMark(item) && item.insn.opcode === (Cls.ALU64 | Alu.MOV) && next && !isMark(next) && opClass(next.insn.opcode) === Cls.STX &&
      opMode(next.insn.opcode) === Mode.MEM && next.insn.src === item.insn.dst && next.insn.dst !== item.insn.dst && item.insn.dst <= 5 &&
      (after[i + 1]! & bit(item.insn.dst)) === 0
    ) {
      out.push({ insn: { ...next.insn, opcode: Cls.ST | Mode.MEM | opSize(next.insn.opcode), src: 0, imm: item.insn.imm } });
      i++;
      changed = true;
      continue;
    }
    out.push(item);
  }
  return changedOr(items, out, changed);
}

// ---- scratch slots nothing reads

/**
 * Offset from which the scratch value may be read other than by an `ldx
 * [r9+o]`: the smallest K of every `mov rX, r9; add rX, K` (a map key or the
 * parameters of a direct action call, read forward from there). Undefined
 * when r9 is used any other way, set more than once, or when some access
 * uses a negative offset from a register other than r10 (a pointer derived
 * from r9 could then read below its K).
 */
function escapeBound(items: readonly Item[]): number | undefined {
  let bound = Infinity;
  let defs = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (isMark(item)) continue;
    const { insn } = item;
    const cls = opClass(insn.opcode);
    const memory = cls === Cls.LDX || cls === Cls.ST || cls === Cls.STX;
    if (memory && insn.offset < 0 && (cls === Cls.LDX ? insn.src : insn.dst) !== FRAME) return undefined;
    if ((cls === Cls.ALU || cls === Cls.ALU64) && insn.dst === SCRATCH) defs++;
    else if ((cls === Cls.ALU || cls === Cls.ALU64) && (insn.opcode & 0x08) !== 0 && insn.src === SCRATCH) {
      const next = items[i + 1];
      const add = next && !isMark(next) && next.insn.opcode === (Cls.ALU64 | Alu.ADD) && next.insn.dst === insn.dst ? next.insn.imm : -1;
      if (insn.opcode !== (Cls.ALU64 | Alu.MOV | 0x08) || add < 0) return undefined;
      bound = Math.min(bound, add);
    } else if (cls === Cls.STX && insn.src === SCRATCH) return undefined;
    if (insn.opcode === LDDW && insn.dst === SCRATCH) defs++;
    if (cls === Cls.LDX && insn.dst === SCRATCH) defs++;
  }
  return defs <= 1 ? bound : undefined;
}

/**
 * A store to a scratch slot that no instruction anywhere loads (and that no
 * pointer derived from r9 can reach, escapeBound) is dropped: nothing
 * outside the program reads the scratch value, and each packet starts by
 * zeroing what it reads. This removes the zeroing and computing of standard
 * metadata a program never reads, and table keys copied through a slot.
 */
export function dropDeadStores(items: readonly Item[]): readonly Item[] {
  const bound = escapeBound(items);
  if (bound === undefined) return items;
  const read: [number, number][] = [];
  for (const item of items) {
    if (isMark(item)) continue;
    const { insn } = item;
    const cls = opClass(insn.opcode);
    if (cls === Cls.LDX && insn.src === SCRATCH) read.push([insn.offset, insn.offset + sizeBytes(opSize(insn.opcode))]);
    if (cls === Cls.STX && opMode(insn.opcode) === Mode.ATOMIC && insn.dst === SCRATCH) read.push([insn.offset, insn.offset + sizeBytes(opSize(insn.opcode))]);
  }
  let changed = false;
  const out = items.filter((item) => {
    if (isMark(item)) return true;
    const { insn } = item;
    const cls = opClass(insn.opcode);
    if ((cls !== Cls.ST && cls !== Cls.STX) || opMode(insn.opcode) !== Mode.MEM || insn.dst !== SCRATCH) return true;
    const from = insn.offset;
    const to = from + sizeBytes(opSize(insn.opcode));
    const dead = to <= bound && !read.some(([a, b]) => a < to && from < b);
    changed ||= dead;
    return !dead;
  });
  return changedOr(items, out, changed);
}
