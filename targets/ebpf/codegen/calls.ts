// Map access sequences: build a u32 key on the stack, look it up, and branch
// on NULL — the shape every extern and table access takes, NULL check
// included, as the kernel verifier requires.

import { Alu, FP, Jmp, type Label } from "./asm.js";
import type { Gen } from "./context.js";
import type { Val } from "./expr.js";
import { Helper } from "./helpers.js";

/** Stack bytes below r10 used for digest records (map keys are built in scratch: stack stores must be aligned). */
export const KEY_AREA = 320;
/** The stack slot holding the pointer to the defaults map's element (below the digest record area). */
export const DEFAULTS_SLOT = -(KEY_AREA + 8);
/** The stack offset of the u32 index key. */
export const INDEX_KEY = -8;

/** r0 = lookup(map, u32 index held in register `index`, which is released); jumps to `missing` when NULL. */
export function lookupIndex(g: Gen, map: string, index: number, missing: Label): void {
  g.asm.store(4, FP, INDEX_KEY, index);
  g.regs.release(index);
  lookupKeyAt(g, map, FP, INDEX_KEY, missing);
}

/**
 * r0 = the element at `index` (released) of an extern's ARRAY `map` of `size`
 * elements; jumps to `outside` unless 0 ≤ index < size (an index out of range
 * is ignored, reads 0, gives green) or when the lookup fails.
 */
export function lookupElement(g: Gen, map: string, index: Val, size: number, outside: Label): void {
  if (index.hi !== undefined) g.asm.jumpIfImm(Jmp.JNE, index.hi, 0, outside);
  g.jumpIfConst(Jmp.JGE, index.lo, BigInt(size), outside);
  g.regs.release(index.hi);
  lookupIndex(g, map, index.lo, outside);
}

/**
 * r0 = lookup(map, key at base+keyOffset), also copied to `copy` when given
 * (the verifiers' NULL check covers every copy); jumps to `target` when
 * r0 == NULL (or, with JNE, when it is not).
 */
export function lookupKeyAt(g: Gen, map: string, base: number, keyOffset: number, target: Label, code: number = Jmp.JEQ, copy?: number): void {
  const { asm } = g;
  g.regs.assertCallSafe();
  asm.loadMap(1, map);
  asm.mov(2, base);
  asm.opi(Alu.ADD, 2, keyOffset);
  asm.call(Helper.map_lookup_elem);
  if (copy !== undefined) asm.mov(copy, 0);
  asm.jumpIfImm(code, 0, 0, target);
}
