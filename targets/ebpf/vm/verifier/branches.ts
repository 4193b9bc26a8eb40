/**
 * What a conditional jump teaches the verifier on each branch: bounds of numbers compared with
 * each other (ranges.ts), the NULL check of a map_lookup_elem result (every copy becomes NULL
 * or a map value pointer), and packet ranges: on the branch where `p <= data_end` holds, every
 * pointer with the same base as `p` may access `p`'s offset bytes from it (the kernel's
 * find_good_pkt_pointers; `data_meta + n <= data` for the metadata).
 */

import { Cls, Jmp } from "../isa.js";
import { refineBranch } from "./ranges.js";
import { currentFrame, known, mapValues, type Pointer, type State, type Value } from "./state.js";

export interface Branch {
  /** The operands' registers; `src` undefined for an immediate. */
  readonly dst: number;
  readonly src: number | undefined;
  readonly cls: number;
  readonly code: number;
}

/**
 * Narrows `taken` and `notTaken` (copies of the state before the jump, whose operands are `a`
 * and `b`) to what each branch proves. Returns whether each branch can happen.
 */
export function learn(branch: Branch, a: Value, b: Value, taken: State, notTaken: State): { taken: boolean; notTaken: boolean } {
  const { dst, src, cls, code } = branch;
  if (a.kind === "scalar" && b.kind === "scalar") {
    const refined = refineBranch(cls, code, a, b);
    for (const [state, pair] of [[taken, refined.taken], [notTaken, refined.notTaken]] as const) {
      if (pair === undefined) continue;
      const regs = currentFrame(state).regs;
      regs[dst] = pair[0];
      if (src !== undefined) regs[src] = pair[1];
    }
    return { taken: refined.taken !== undefined, notTaken: refined.notTaken !== undefined };
  }
  if (cls !== Cls.JMP) return { taken: true, notTaken: true };
  if ((code === Jmp.JEQ || code === Jmp.JNE) && a.kind === "map value or null" && b.kind === "scalar" && b.value === 0n) {
    const [isNull, notNull] = code === Jmp.JEQ ? [taken, notTaken] : [notTaken, taken];
    const resolve = (state: State, to: Value): void =>
      mapValues(state, (v) => (v.kind === "map value or null" && v.id === a.id ? to : v));
    resolve(isNull, known(0n));
    resolve(notNull, { kind: "pointer", region: { kind: "map value", map: a.map }, offset: 0n });
    return { taken: true, notTaken: true };
  }
  if (a.kind === "pointer" && b.kind === "pointer") {
    const proven = packetCheck(code, a, b);
    if (proven !== undefined) markRange(proven.inside ? taken : notTaken, proven.pointer);
  }
  return { taken: true, notTaken: true };
}

/** For `a code b` between a packet pointer and its end: the pointer, and whether `taken` is the safe side. */
function packetCheck(code: number, a: Pointer, b: Pointer): { pointer: Pointer; inside: boolean } | undefined {
  // p > end and p >= end fail on the safe side; p < end and p <= end hold on it.
  const safeWhenTaken = (c: number): boolean | undefined =>
    c === Jmp.JGT || c === Jmp.JGE ? false : c === Jmp.JLT || c === Jmp.JLE ? true : undefined;
  if (isEndOf(b, a)) {
    const inside = safeWhenTaken(code);
    return inside === undefined ? undefined : { pointer: a, inside };
  }
  if (isEndOf(a, b)) {
    // end < p and end <= p fail on the safe side.
    const inside = safeWhenTaken(code);
    return inside === undefined ? undefined : { pointer: b, inside: !inside };
  }
  return undefined;
}

/** Is `end` the limit of the area `p` points into: data_end for the packet, data for the metadata? */
function isEndOf(end: Pointer, p: Pointer): boolean {
  if (p.region.kind !== "packet" || end.region.kind !== "packet") return false;
  if (p.region.part === "data") return end.region.part === "end";
  return p.region.part === "meta" && end.region.part === "data" && end.offset === 0n && end.variable === undefined;
}

/** Every pointer with `p`'s base may now access `p.offset` bytes from that base. */
function markRange(state: State, p: Pointer): void {
  if (p.offset === undefined || p.offset < 0n || p.offset > 0xffffn) return;
  const bytes = Number(p.offset);
  const part = (p.region as { part: string }).part;
  mapValues(state, (v) => {
    if (v.kind !== "pointer" || v.region.kind !== "packet" || v.region.part !== part) return v;
    if (v.variable?.id !== p.variable?.id || (v.range ?? 0) >= bytes) return v;
    return { ...v, range: bytes };
  });
}
