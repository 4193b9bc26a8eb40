// Clean-up passes over the generated instruction buffer, run once the whole
// program is emitted and before labels become offsets. The generator emits
// simple, locally correct shapes (a jump to a block that only jumps on, a
// branch over an unconditional jump, a value stored and loaded back); these
// passes take them out. Each is a function from items to items, safe on its
// own (its comment says why); `optimize` runs them in rounds until a round
// changes nothing. Unreachable code, which the kernel verifier refuses, is
// removed first in every round and once more at the end (threading jumps
// leaves some behind).

import { foldConstants } from "./constants.js";
import type { Item } from "./items.js";
import { dropJumpsToNext, dropUnusedLabels, invertBranchOverJump, removeUnreachable, threadJumps } from "./jumps.js";
import { coalesceMoves, dropDeadWrites, storeImmediates, xorIntoCompare } from "./liveness.js";
import { dropDeadStores, dropOverwrittenStores, forwardStores } from "./scratch.js";

export { isMark, type Item, type Line, type Mark } from "./items.js";

/** The passes, in the order they run; each returns a new item list (the same one when it changed nothing). */
export const PASSES: readonly (readonly [string, (items: readonly Item[]) => readonly Item[]])[] = [
  ["removeUnreachable", removeUnreachable],
  ["threadJumps", threadJumps],
  ["invertBranchOverJump", invertBranchOverJump],
  ["dropJumpsToNext", dropJumpsToNext],
  ["forwardStores", forwardStores],
  ["foldConstants", foldConstants],
  ["storeImmediates", storeImmediates],
  ["dropDeadStores", dropDeadStores],
  ["dropOverwrittenStores", dropOverwrittenStores],
  ["dropDeadWrites", dropDeadWrites],
  ["coalesceMoves", coalesceMoves],
  ["xorIntoCompare", xorIntoCompare],
  ["dropUnusedLabels", dropUnusedLabels],
];

/** Rounds of PASSES until one changes nothing (a few in practice; the cap only bounds the work). */
export function optimize(items: readonly Item[]): readonly Item[] {
  for (let round = 0; round < 20; round++) {
    const before = items;
    for (const [, pass] of PASSES) items = pass(items);
    if (items === before) break;
  }
  return removeUnreachable(items);
}
