// The instruction list the clean-up passes work on (lines and label marks,
// jumps naming labels), and what the passes ask of one instruction: where
// control goes, which register it writes, what a helper call reads and keeps.

import { CallKind, Cls, Jmp, LDDW, Mode, opClass, opMode, type Insn } from "../../vm/isa.js";
import { Helper } from "../helpers.js";

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
export const EXIT = Cls.JMP | Jmp.EXIT;
export const CALL = Cls.JMP | Jmp.CALL;
export const isJa = (l: Line): boolean => l.insn.opcode === JA;
export const isConditional = (l: Line): boolean => l.target !== undefined && !isJa(l);
/** Does control never fall through to the next line? */
export const endsFlow = (l: Line): boolean => isJa(l) || l.insn.opcode === EXIT;

/** Label id → index of the item list where it is bound. */
export function labelIndex(items: readonly Item[]): Map<number, number> {
  const at = new Map<number, number>();
  items.forEach((item, i) => isMark(item) && at.set(item.label, i));
  return at;
}

export function indexOf(at: Map<number, number>, label: number): number {
  const i = at.get(label);
  if (i === undefined) throw new Error("jump to an unbound label");
  return i;
}

/** The first line at or after item `i`, and the labels bound on the way. */
export function lineFrom(items: readonly Item[], i: number): { line?: Line; index: number; labels: number[] } {
  const labels: number[] = [];
  for (; i < items.length; i++) {
    const item = items[i]!;
    if (!isMark(item)) return { line: item, index: i, labels };
    labels.push(item.label);
  }
  return { index: i, labels };
}

/**
 * Facts carried forward through the lines, for a pass walking them in order:
 * at each line with a forward jump, `leave` records what the jump carries; at
 * a label, `waysInto` gives the facts along each way in — the line before
 * (when it falls through) and each jump to it — or undefined when some jump
 * comes later (a loop head) or none arrives, as nothing is known there.
 */
export class ForwardFlow<T> {
  private readonly at: Map<number, number>;
  private readonly jumps = new Map<number, number>();
  private readonly arriving = new Map<number, T[]>();
  private flows = true;

  constructor(items: readonly Item[]) {
    this.at = labelIndex(items);
    for (const item of items) if (!isMark(item) && item.target !== undefined) this.jumps.set(item.target, (this.jumps.get(item.target) ?? 0) + 1);
  }

  waysInto(label: number, current: T): readonly T[] | undefined {
    const arriving = this.arriving.get(label) ?? [];
    const ways = arriving.length !== (this.jumps.get(label) ?? 0) ? undefined : this.flows ? [current, ...arriving] : arriving;
    this.flows = true;
    return ways && ways.length > 0 ? ways : undefined;
  }

  /** After line i (`facts` as they stand before it changes them): does control fall through to the next line? */
  leave(i: number, line: Line, facts: T): boolean {
    if (line.target !== undefined && indexOf(this.at, line.target) > i) this.arriving.set(line.target, [...(this.arriving.get(line.target) ?? []), facts]);
    this.flows = !endsFlow(line);
    return this.flows;
  }
}

export const changedOr = (items: readonly Item[], out: Item[], changed: boolean): readonly Item[] => (changed ? out : items);

/** R_SCRATCH (asm.ts; not imported, to keep the passes free of the generator) and the frame pointer. */
export const SCRATCH = 9;
export const FRAME = 10;

/** The register an instruction writes, if any (calls are handled apart). */
export function written(insn: Insn): number | undefined {
  const cls = opClass(insn.opcode);
  if (cls === Cls.ALU || cls === Cls.ALU64 || cls === Cls.LDX || insn.opcode === LDDW) return insn.dst;
  if (cls === Cls.STX && opMode(insn.opcode) === Mode.ATOMIC && insn.imm & 0x01) return insn.imm === (0xf0 | 0x01) ? 0 : insn.src;
  return undefined;
}

// ---- helpers

/** Argument registers r1–r5, as a bit set. */
const ARGS = 0b11_1110;

/** How many argument registers (r1…) each helper the generator calls reads; other calls count as reading r1–r5. */
const HELPER_ARGS: Readonly<Record<number, number>> = {
  [Helper.map_lookup_elem]: 2, [Helper.map_update_elem]: 4, [Helper.map_delete_elem]: 2, [Helper.ktime_get_ns]: 0,
  [Helper.xdp_adjust_head]: 2, [Helper.redirect_map]: 3, [Helper.ringbuf_output]: 4,
};
const isHelper = (insn: Insn): boolean => insn.opcode === CALL && insn.src === CallKind.HELPER;

/**
 * Helpers that write no memory the program reads through r9 (they read their
 * key or value, or touch the packet): scratch contents survive them. Not
 * map_update_elem, which writes a map value.
 */
export const keepsMemory = (insn: Insn): boolean => isHelper(insn) && insn.imm in HELPER_ARGS && insn.imm !== Helper.map_update_elem;

/** The argument registers a call reads, as a bit set. */
export const callArgs = (insn: Insn): number => {
  const n = isHelper(insn) ? HELPER_ARGS[insn.imm] : undefined;
  return n === undefined ? ARGS : ((1 << (n + 1)) - 1) & ~1;
};
