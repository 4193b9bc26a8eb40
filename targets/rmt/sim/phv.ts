// The packet header vector of the simulator: one number per container
// (containers are at most 32 bits), read and written as slices.

import type { CSlice } from "../config.js";

export class PhvLayout {
  readonly index = new Map<string, number>();
  constructor(names: readonly string[]) {
    names.forEach((n, i) => this.index.set(n, i));
  }
  at(container: string): number {
    const i = this.index.get(container);
    if (i === undefined) throw new Error(`configuration error: unknown PHV container ${container}`);
    return i;
  }
}

/** A compiled slice list: reads the bits MSB first as one value. */
export function sliceReader(layout: PhvLayout, slices: readonly CSlice[]): (phv: Uint32Array) => bigint {
  const parts = slices.map(([c, lo, w]) => ({ i: layout.at(c), lo, w, mask: w === 32 ? 0xffffffff : (1 << w) - 1 }));
  if (parts.length === 1) {
    const p = parts[0]!;
    return (phv) => BigInt(((phv[p.i]! >>> p.lo) & p.mask) >>> 0);
  }
  return (phv) => {
    let v = 0n;
    for (const p of parts) v = (v << BigInt(p.w)) | BigInt(((phv[p.i]! >>> p.lo) & p.mask) >>> 0);
    return v;
  };
}

/** A compiled write of `value` into the slices (MSB first). */
export function sliceWriter(layout: PhvLayout, slices: readonly CSlice[]): (phv: Uint32Array, value: bigint) => void {
  const parts = slices.map(([c, lo, w]) => ({ i: layout.at(c), lo, w, mask: (w === 32 ? 0xffffffff : (1 << w) - 1) >>> 0 }));
  return (phv, value) => {
    let v = value;
    for (let k = parts.length - 1; k >= 0; k--) {
      const p = parts[k]!;
      const bits = Number(v & BigInt(p.mask));
      v >>= BigInt(p.w);
      const m = (p.mask << p.lo) >>> 0;
      phv[p.i] = ((phv[p.i]! & ~m) | ((bits << p.lo) & m)) >>> 0;
    }
  };
}
