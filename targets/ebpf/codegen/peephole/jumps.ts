// Clean-up passes on control flow: unreachable code (which the kernel
// refuses), jumps to jumps, branches over a `ja`, jumps that go where control
// goes anyway, labels nothing names.

import { Jmp, opCode } from "../../vm/isa.js";
import { changedOr, endsFlow, indexOf, isConditional, isJa, isMark, labelIndex, lineFrom, type Item, type Line } from "./items.js";

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
