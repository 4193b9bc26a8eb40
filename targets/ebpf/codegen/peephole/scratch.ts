// Clean-up passes on the scratch value (r9): a load of a slot whose content
// is known becomes a move, and a store to a slot nothing ever loads, or that
// a later store overwrites before any load, goes.

import { Alu, Cls, LDDW, Mode, aluImm, aluReg, opClass, opMode, opSize, sizeBytes, type Insn } from "../../vm/isa.js";
import { CALL, FRAME, SCRATCH, changedOr, endsFlow, ForwardFlow, isMark, keepsMemory, written, type Item } from "./items.js";

/** What a memory slot [r9 + at, size bytes) is known to hold: a register's value or a constant. */
interface Known {
  readonly at: number;
  readonly size: number;
  readonly reg?: number;
  readonly imm?: number;
}

const overlaps = (k: Known, at: number, size: number): boolean => k.at < at + size && at < k.at + k.size;
const fitsMovImm = (v: number): boolean => v >= 0 && v < 0x8000_0000;

/** What is known at a label: the facts every way in agrees on. */
function joined(ways: readonly Known[][] | undefined): Known[] {
  if (!ways) return [];
  const same = (a: Known, b: Known): boolean => a.at === b.at && a.size === b.size && a.reg === b.reg && a.imm === b.imm;
  return ways[0]!.filter((k) => ways.every((w) => w.some((x) => same(x, k))));
}

/**
 * A load of a scratch slot whose content is known — stored from a register
 * or a constant, or loaded into a register that still holds it — becomes a
 * register move (or nothing), and a store of what the slot is known to hold
 * goes (a drop() where the verdict is still the reset's 0). Facts follow forward jumps and meet at labels
 * (joined). Those about r0–r5 are dropped at every call (it clobbers them),
 * all at a call that may write memory (keepsMemory); each when its register
 * is overwritten or its slot stored to; all at any store through a register
 * other than r9 or r10 (it might point into the scratch value: action
 * parameters and map keys do).
 */
export function forwardStores(items: readonly Item[]): readonly Item[] {
  const flow = new ForwardFlow<Known[]>(items);
  let known: Known[] = [];
  let changed = false;
  const out: Item[] = [];
  const forgetReg = (r: number): void => {
    known = known.filter((k) => k.reg !== r);
  };
  for (const [i, item] of items.entries()) {
    if (isMark(item)) {
      known = joined(flow.waysInto(item.label, known));
      out.push(item);
      continue;
    }
    const { insn } = item;
    flow.leave(i, item, [...known]);
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
        // st sign-extends its immediate to 8 bytes, and a narrower load zero-extends what was stored
        const value = cls === Cls.ST ? (size === 8 ? insn.imm : insn.imm & (2 ** (8 * size) - 1)) : undefined;
        const same = (k: Known): boolean => k.at === insn.offset && k.size === size && (cls === Cls.ST ? k.imm === value : k.reg === insn.src);
        if (opMode(insn.opcode) === Mode.MEM && known.some(same)) {
          changed = true; // the slot already holds these bytes
          continue;
        }
        known = known.filter((k) => !overlaps(k, insn.offset, size));
        if (cls === Cls.STX && size === 8) known.push({ at: insn.offset, size, reg: insn.src });
        if (value !== undefined && (size === 8 || fitsMovImm(value))) known.push({ at: insn.offset, size, imm: value });
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

/**
 * A store to a scratch slot that a later store covers before anything can
 * read it — straight-line code in between (no label, jump, call or exit),
 * loading only other slots through r9 or the stack — is dropped: nothing
 * sees the first value (`h.c = 0; h.c = checksum16({h})` once the checksum
 * reads the 0 as a constant).
 */
export function dropOverwrittenStores(items: readonly Item[]): readonly Item[] {
  const isStore = (insn: Insn): boolean => (opClass(insn.opcode) === Cls.ST || opClass(insn.opcode) === Cls.STX) && opMode(insn.opcode) === Mode.MEM;
  const overwritten = (i: number, at: number, size: number): boolean => {
    for (let j = i + 1; j < items.length; j++) {
      const item = items[j]!;
      if (isMark(item) || item.target !== undefined || opClass(item.insn.opcode) === Cls.JMP || opClass(item.insn.opcode) === Cls.JMP32) return false;
      const { insn } = item;
      const cls = opClass(insn.opcode);
      if (written(insn) === SCRATCH) return false;
      if (cls === Cls.LDX) {
        const bytes = sizeBytes(opSize(insn.opcode));
        if (insn.src !== FRAME && (insn.src !== SCRATCH || (insn.offset < at + size && at < insn.offset + bytes))) return false;
      } else if (cls === Cls.STX && opMode(insn.opcode) !== Mode.MEM) return false;
      else if (isStore(insn) && insn.dst === SCRATCH && insn.offset <= at && at + size <= insn.offset + sizeBytes(opSize(insn.opcode))) return true;
    }
    return false;
  };
  let changed = false;
  const out = items.filter((item, i) => {
    if (isMark(item) || !isStore(item.insn) || item.insn.dst !== SCRATCH) return true;
    const dead = overwritten(i, item.insn.offset, sizeBytes(opSize(item.insn.opcode)));
    changed ||= dead;
    return !dead;
  });
  return changedOr(items, out, changed);
}
