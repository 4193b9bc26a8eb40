// Clean-up passes over the generated instruction buffer, run once the whole
// program is emitted and before labels become offsets. The generator emits
// simple, locally correct shapes (a jump to a block that only jumps on, a
// branch over an unconditional jump, a value stored and loaded back); these
// passes take them out. Each is a function from items to items, safe on its
// own; `optimize` runs them until nothing changes. Unreachable code goes
// first and last: the kernel verifier refuses it, and threading jumps makes
// some.

import { Alu, Cls, Jmp, LDDW, Mode, aluImm, aluReg, opClass, opCode, opMode, opSize, sizeBytes, type Insn } from "../vm/isa.js";

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

export const isMark = (item: Item): item is Mark => "label" in item;

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

/** Item ranges [from, to] that a backward jump at `to` to `from` makes a loop. */
function loops(items: readonly Item[]): [number, number][] {
  const at = labelIndex(items);
  const out: [number, number][] = [];
  items.forEach((item, i) => {
    if (!isMark(item) && item.target !== undefined) {
      const t = indexOf(at, item.target);
      if (t <= i) out.push([t, i]);
    }
  });
  return out;
}

/**
 * `jcc L1; ja L2; L1:` → `j!cc L2; L1:` — the same paths, one jump fewer.
 * Not inside loops: there the kernel verifier's cost depends on which exit
 * is the taken branch (it pushes taken branches and explores fall-throughs
 * first; docs/ebpf.md, priority tables), so loops keep the shape they were
 * generated with.
 */
export function invertBranchOverJump(items: readonly Item[]): readonly Item[] {
  const inLoop = loops(items);
  const out: Item[] = [];
  let changed = false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const inverse = !isMark(item) && isConditional(item) ? INVERSE[opCode(item.insn.opcode)] : undefined;
    const next = items[i + 1];
    if (inverse !== undefined && next && !isMark(next) && isJa(next) && !inLoop.some(([a, b]) => a <= i && i <= b)) {
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

/** A jump (taken or not) to the line that follows it anyway does nothing. */
export function dropJumpsToNext(items: readonly Item[]): readonly Item[] {
  let changed = false;
  const out = items.filter((item, i) => {
    if (isMark(item) || item.target === undefined) return true;
    const keep = !lineFrom(items, i + 1).labels.includes(item.target);
    changed ||= !keep;
    return keep;
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
 * Within a basic block, a load of a scratch slot whose content is known —
 * just stored from a register or a constant, or just loaded into a register
 * that still holds it — becomes a register move (or nothing). Facts are
 * dropped at every label (another path may arrive), at every call (helpers
 * clobber r0–r5 and may write memory), when their register is overwritten,
 * when the slot is stored to, and at any store through a register other than
 * r9 or r10 (it might point into the scratch value: action parameters and
 * map keys do).
 */
export function forwardStores(items: readonly Item[]): readonly Item[] {
  let known: Known[] = [];
  let changed = false;
  const out: Item[] = [];
  const forgetReg = (r: number): void => {
    known = known.filter((k) => k.reg !== r);
  };
  for (const item of items) {
    if (isMark(item)) {
      known = [];
      out.push(item);
      continue;
    }
    const { insn } = item;
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
    if (insn.opcode === CALL || endsFlow(item)) known = [];
    else {
      const w = written(insn);
      if (w === SCRATCH) known = [];
      else if (w !== undefined) forgetReg(w);
    }
    out.push(item);
  }
  return changedOr(items, out, changed);
}
