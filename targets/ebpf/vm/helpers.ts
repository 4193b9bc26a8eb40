/**
 * The helper table: eBPF's `call <id>` reaches a host function registered here. The VM knows
 * no helper by itself; the XDP layer registers map_lookup_elem, redirect, adjust_head …, tests
 * register what they need. A table can be shared by many machines, and the verifier consults
 * it to refuse calls of unknown ids before anything runs.
 */

import type { Memory } from "./memory.js";

/** What a helper sees besides its arguments. */
export interface HelperEnv {
  /** The machine's address space: read keys, write values (faults become the VM's faults). */
  readonly memory: Memory;
  /** Index of the calling instruction. */
  readonly pc: number;
}

/**
 * A helper: arguments r1–r5 as unsigned 64-bit values; the result goes to r0 (a number must
 * be a safe integer; negative values and bigints are taken modulo 2^64).
 */
export type HelperFn = (r1: bigint, r2: bigint, r3: bigint, r4: bigint, r5: bigint, env: HelperEnv) => bigint | number;

export interface Helper {
  readonly id: number;
  readonly name: string;
  readonly fn: HelperFn;
}

export class HelperTable {
  private readonly byId = new Map<number, Helper>();

  /** Registers helper `id`; an id can be registered once (replacing one is a bug). */
  register(id: number, name: string, fn: HelperFn): this {
    const existing = this.byId.get(id);
    if (existing) throw new Error(`helper ${id} is already registered as ${existing.name}`);
    this.byId.set(id, { id, name, fn });
    return this;
  }

  get(id: number): Helper | undefined {
    return this.byId.get(id);
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }
}
