// Which table entry a packet's key values hit (language.md §8), as pure
// functions of the stored entries: whether one key match accepts a value,
// which of two matching entries wins, and an entry's (value, mask) form for
// tuple-space search. The targets that look entries up in TypeScript (the
// interpreter, the RMT simulator) build their lookup structures on these, and
// the targets that search tuples (wasm, ebpf) group entries by the masks, so
// that they cannot disagree on the rules:
//   exact     at most one entry can match
//   lpm       the longest prefix wins
//   priority  the highest priority, then the earliest inserted (const entries
//             first, in source order: the lowest entry id)

import * as ir from "../compiler/ir.js";
import { prefixMask } from "../compiler/ir.js";
import type { StoredEntry } from "./controlplane.js";

/** Whether one key's match accepts the key value `v` of a `width`-bit key. */
export function matchesKey(m: ir.KeyMatch, v: bigint, width: number): boolean {
  switch (m.kind) {
    case "exact":
      return v === m.value;
    case "lpm":
      return (v & prefixMask(m.prefixLength, width)) === m.value;
    case "ternary":
      return (v & m.mask) === (m.value & m.mask);
    case "range":
      return m.lo <= v && v <= m.hi;
    case "optional":
      return m.value === undefined || v === m.value;
  }
}

/** Whether every key of the entry matches its value (`widths[i]` is key i's width). */
export function matchesEntry(entry: StoredEntry, values: readonly bigint[], widths: readonly number[]): boolean {
  return entry.keys.every((m, i) => matchesKey(m, values[i]!, widths[i]!));
}

/** Sort order of a priority table: the winner first (highest priority, then earliest inserted). */
export function byPriority(a: StoredEntry, b: StoredEntry): number {
  return b.priority - a.priority || a.id - b.id;
}

/** The prefix length of an lpm table's entry (`at`: the index of its lpm key). */
export function prefixLengthAt(entry: StoredEntry, at: number): number {
  return (entry.keys[at] as { prefixLength: number }).prefixLength;
}

/** The winner of two entries that both match, by the table's policy (`lpmAt`: the lpm key's index). */
export function better(policy: ir.MatchPolicy, lpmAt: number, a: StoredEntry, b: StoredEntry): StoredEntry {
  if (policy === "lpm") return prefixLengthAt(b, lpmAt) > prefixLengthAt(a, lpmAt) ? b : a;
  if (policy === "priority") return byPriority(a, b) > 0 ? b : a;
  return a;
}

/**
 * Value and mask of every key element of a priority-table entry: the entry
 * matches a key whose elements, masked, equal the values — except that a range
 * other than one value gets mask 0 and must be checked apart against its bounds.
 * Entries with equal masks form one tuple of a tuple-space search.
 */
export function tupleForm(table: ir.Table, keys: readonly ir.KeyMatch[]): { values: bigint[]; masks: bigint[] } {
  const values: bigint[] = [];
  const masks: bigint[] = [];
  keys.forEach((k, i) => {
    const width = table.keys[i]!.width;
    const full = ir.mask(width);
    let v = 0n;
    let m = 0n;
    switch (k.kind) {
      case "exact":
        [v, m] = [k.value, full];
        break;
      case "lpm":
        m = prefixMask(k.prefixLength, width);
        v = k.value & m;
        break;
      case "ternary":
        [v, m] = [k.value & k.mask, k.mask];
        break;
      case "optional":
        if (k.value !== undefined) [v, m] = [k.value, full];
        break;
      case "range":
        if (k.lo === k.hi) [v, m] = [k.lo, full];
        break;
    }
    values.push(v);
    masks.push(m);
  });
  return { values, masks };
}
