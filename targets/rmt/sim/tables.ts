// A placed table in the simulator: its entries (kept by the control plane's
// EntryStore) spread over the table's placement slices in order, each slice
// holding at most its `entries`, and looked up slice by slice in the slice's
// own stage. Which entry wins is runtime/matching.ts (language.md §8).

import * as ir from "../../../compiler/ir.js";
import { EntryStore, tableControl, type StoredEntry } from "../../../runtime/controlplane.js";
import type { CounterValue, TableControl } from "../../../runtime/dataplane.js";
import { better, byPriority, matchesEntry } from "../../../runtime/matching.js";
import type { TableDef } from "../config.js";

export class SimTable {
  readonly store: EntryStore;
  private readonly policy: ir.MatchPolicy;
  private readonly lpmAt: number;
  private readonly widths: number[];
  private slices: StoredEntry[][] = [];
  private built = -1;
  private readonly direct = new Map<number, { packets: bigint; bytes: bigint }>();

  constructor(
    program: ir.Program,
    table: ir.Table,
    readonly def: TableDef,
  ) {
    this.store = new EntryStore(program, table);
    this.policy = ir.matchPolicy(table);
    this.lpmAt = table.keys.findIndex((k) => k.matchKind === "lpm");
    this.widths = table.keys.map((k) => k.width);
  }

  private rebuild(): void {
    const all = this.store.list();
    const live = new Set(all.map((e) => e.id));
    for (const id of this.direct.keys()) if (!live.has(id)) this.direct.delete(id);
    const ordered = this.policy === "priority" ? [...all].sort(byPriority) : all;
    let at = 0;
    this.slices = this.def.placement.map((p) => ordered.slice(at, (at += p.entries)));
    this.built = this.store.version;
  }

  /** The better of two candidates by the table's policy. */
  better(a: StoredEntry | undefined, b: StoredEntry | undefined): StoredEntry | undefined {
    if (!a) return b;
    if (!b) return a;
    return better(this.policy, this.lpmAt, a, b);
  }

  /** The best entry of one placement slice for these key values. */
  lookupSlice(slice: number, values: readonly bigint[]): StoredEntry | undefined {
    if (this.built !== this.store.version) this.rebuild();
    let best: StoredEntry | undefined;
    for (const e of this.slices[slice] ?? []) {
      if (matchesEntry(e, values, this.widths)) {
        best = this.better(best, e);
        if (this.policy === "priority") break;
      }
    }
    return best;
  }

  count(entry: StoredEntry, bytes: bigint): void {
    const c = this.direct.get(entry.id);
    if (c) {
      c.packets += 1n;
      c.bytes += bytes;
    } else this.direct.set(entry.id, { packets: 1n, bytes });
  }

  control(): TableControl {
    return tableControl(this.store, {
      readCounter: (entry): CounterValue => {
        if (this.built !== this.store.version) this.rebuild();
        const c = this.direct.get(entry.id);
        return { packets: c?.packets ?? 0n, bytes: c?.bytes ?? 0n };
      },
    });
  }
}
