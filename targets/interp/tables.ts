// Tables: entry lookup by match policy, and per-entry (direct) counters.
//
// Entries live in the shared EntryStore (runtime/controlplane.ts), which
// validates every change; the lookup structure here is rebuilt from the store
// on the first packet after a change. Which entry wins is runtime/matching.ts;
// the structures here find it fast:
//   exact     a hash map on the key values
//   lpm       one hash map per prefix length, longest first
//   priority  a scan in byPriority order, first match wins

import * as ir from "../../compiler/ir.js";
import { EntryStore, prefixMask, tableControl, type StoredEntry } from "../../runtime/controlplane.js";
import { byPriority, matchesEntry, prefixLengthAt } from "../../runtime/matching.js";
import type { CounterValue, TableControl } from "../../runtime/dataplane.js";

type Lookup = (values: readonly bigint[]) => StoredEntry | undefined;

const joinKey = (values: readonly bigint[]): string => values.join(",");

function exactLookup(entries: readonly StoredEntry[]): Lookup {
  const map = new Map<string, StoredEntry>();
  for (const e of entries) map.set(joinKey(e.keys.map((k) => (k as { value: bigint }).value)), e);
  return (values) => map.get(joinKey(values));
}

function lpmLookup(table: ir.Table, entries: readonly StoredEntry[]): Lookup {
  const at = table.keys.findIndex((k) => k.matchKind === "lpm");
  const width = table.keys[at]!.width;
  const byLength = new Map<number, Map<string, StoredEntry>>();
  for (const e of entries) {
    const length = prefixLengthAt(e, at);
    if (!byLength.has(length)) byLength.set(length, new Map());
    byLength.get(length)!.set(joinKey(e.keys.map((k) => (k as { value: bigint }).value)), e);
  }
  const levels = [...byLength].sort((a, b) => b[0] - a[0]).map(([length, map]) => ({ mask: prefixMask(length, width), map }));
  return (values) => {
    const key = [...values];
    for (const level of levels) {
      key[at] = values[at]! & level.mask;
      const found = level.map.get(joinKey(key));
      if (found) return found;
    }
    return undefined;
  };
}

function priorityLookup(table: ir.Table, entries: readonly StoredEntry[]): Lookup {
  const ordered = [...entries].sort(byPriority);
  const widths = table.keys.map((k) => k.width);
  return (values) => ordered.find((e) => matchesEntry(e, values, widths));
}

export class InterpTable {
  readonly store: EntryStore;
  private readonly direct = new Map<number, { packets: bigint; bytes: bigint }>();
  private lookupFn: Lookup | undefined;
  private builtVersion = -1;

  constructor(program: ir.Program, readonly table: ir.Table) {
    this.store = new EntryStore(program, table);
  }

  /** The winning entry for these key values, if any. */
  lookup(values: readonly bigint[]): StoredEntry | undefined {
    if (this.builtVersion !== this.store.version || !this.lookupFn) this.rebuild();
    return this.lookupFn!(values);
  }

  /** Direct counter of a hit entry: one packet of `bytes` bytes. */
  count(entry: StoredEntry, bytes: bigint): void {
    const c = this.direct.get(entry.id);
    if (c) {
      c.packets += 1n;
      c.bytes += bytes;
    } else {
      this.direct.set(entry.id, { packets: 1n, bytes });
    }
  }

  control(): TableControl {
    return tableControl(this.store, {
      readCounter: (entry): CounterValue => {
        const c = this.direct.get(entry.id);
        return { packets: c?.packets ?? 0n, bytes: c?.bytes ?? 0n };
      },
    });
  }

  private rebuild(): void {
    const entries = this.store.list();
    const live = new Set(entries.map((e) => e.id));
    for (const id of this.direct.keys()) if (!live.has(id)) this.direct.delete(id);
    const policy = ir.matchPolicy(this.table);
    this.lookupFn =
      policy === "exact" ? exactLookup(entries) : policy === "lpm" ? lpmLookup(this.table, entries) : priorityLookup(this.table, entries);
    this.builtVersion = this.store.version;
  }
}
