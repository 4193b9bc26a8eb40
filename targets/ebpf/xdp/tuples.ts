// Keeps a priority table's tuple-space maps (codegen/layout.ts: the HASH of
// records and the ARRAY of tuples) equal to its EntryStore, one change at a
// time. Entries are grouped by their masks (runtime/matching.ts, tupleForm)
// into tuples, and within a tuple by masked key into chains ordered as the
// interpreter ranks them (byPriority); a chain is one HASH value, so removing
// the best entry of a chain brings the next one forward. The tuple ARRAY lists
// the tuples best first, which lets the program stop early, each with a filter
// of its chains' keys, which lets it skip probes that would miss.

import * as ir from "../../../compiler/ir.js";
import type { NormalisedEntry, StoredEntry } from "../../../runtime/controlplane.js";
import { ControlPlaneError } from "../../../runtime/dataplane.js";
import { byPriority, tupleForm } from "../../../runtime/matching.js";
import { MAX_TUPLES, TSS_CHAIN, type TableLayout } from "../codegen/layout.js";
import type { Backend } from "./backend.js";
import { filterBit, tupleCount, tupleElement, tupleKey, tupleRank, tupleRecord, u32 } from "./encode.js";

interface Tuple {
  readonly id: number;
  readonly masks: readonly bigint[];
  /** Masked key (text) → its entries, best first. */
  readonly chains: Map<string, Chain>;
  /** The highest rank of its entries. */
  best: bigint;
  /** Chains per filter bit (the filter has bit b when bits[b] > 0). */
  readonly bits: Uint16Array;
}

interface Chain {
  readonly key: Uint8Array;
  readonly bit: number;
  readonly entries: StoredEntry[];
}

const textOf = (values: readonly bigint[]): string => values.join(",");

export class TupleMirror {
  private readonly tuples = new Map<string, Tuple>();
  private readonly freeIds = Array.from({ length: MAX_TUPLES }, (_, i) => MAX_TUPLES - 1 - i);
  /** The tuple ARRAY's elements as written (hex; [0] is the count). */
  private readonly written: string[] = [];

  constructor(
    private readonly program: ir.Program,
    private readonly t: TableLayout,
    private readonly backend: Backend,
    private readonly slotOf: (e: StoredEntry) => number,
  ) {}

  /** Refuses, before the store changes, an entry that would need one tuple or one chain record too many. */
  admit(e: NormalisedEntry): void {
    const { values, masks } = tupleForm(this.t.table, e.keys);
    const tuple = this.tuples.get(textOf(masks));
    const name = this.t.table.name;
    if (!tuple && this.tuples.size >= MAX_TUPLES) {
      throw new ControlPlaneError(
        "table-full",
        `table ${name}: the ebpf target searches at most ${MAX_TUPLES} distinct masks (tuples) a table, and this entry's masks would be a new one; ` +
          `give it the masks of existing entries (prefix lengths, ternary masks, wildcards, ranges vs single values), or remove entries with masks few others use`,
      );
    }
    if ((tuple?.chains.get(textOf(values))?.entries.length ?? 0) >= TSS_CHAIN) {
      throw new ControlPlaneError(
        "table-full",
        `table ${name}: the ebpf target holds at most ${TSS_CHAIN} entries that differ only in their ranges (same masks and masked values); ` +
          `merge some of those ranges, or tell them apart by another key`,
      );
    }
  }

  add(e: StoredEntry): void {
    const { values, masks } = tupleForm(this.t.table, e.keys);
    let tuple = this.tuples.get(textOf(masks));
    if (!tuple) {
      const id = this.freeIds.pop();
      if (id === undefined) throw new Error(`internal error: table ${this.t.table.name} has no free tuple (admit was skipped)`);
      tuple = { id, masks, chains: new Map(), best: 0n, bits: new Uint16Array(256) };
      this.tuples.set(textOf(masks), tuple);
    }
    let chain = tuple.chains.get(textOf(values));
    if (!chain) {
      chain = { key: tupleKey(this.t, tuple.id, values), bit: filterBit(this.t, values), entries: [] };
      tuple.chains.set(textOf(values), chain);
      tuple.bits[chain.bit]!++;
    }
    const at = chain.entries.findIndex((x) => byPriority(e, x) < 0);
    chain.entries.splice(at < 0 ? chain.entries.length : at, 0, e);
    if (tupleRank(e) > tuple.best) tuple.best = tupleRank(e);
    this.writeChain(chain.key, chain.entries); // records before the tuple that leads to them
    this.writeTuples();
  }

  /** The entry's action changed: its record is rewritten in place. */
  modify(e: StoredEntry): void {
    const { chain } = this.find(e);
    chain.entries[chain.entries.findIndex((x) => x.id === e.id)] = e;
    this.writeChain(chain.key, chain.entries);
  }

  remove(e: StoredEntry): void {
    const { tuple, chain, text } = this.find(e);
    chain.entries.splice(chain.entries.findIndex((x) => x.id === e.id), 1);
    if (chain.entries.length === 0) {
      tuple.chains.delete(text);
      tuple.bits[chain.bit]!--;
    }
    if (tuple.chains.size === 0) {
      this.tuples.delete(textOf(tuple.masks));
      this.freeIds.push(tuple.id);
    } else if (tupleRank(e) === tuple.best) {
      tuple.best = [...tuple.chains.values()].reduce((b, c) => (tupleRank(c.entries[0]!) > b ? tupleRank(c.entries[0]!) : b), 0n);
    }
    this.writeTuples(); // the tuple is no longer searched (or its best is lowered) before its records go
    if (chain.entries.length === 0) this.backend.delete(this.t.map, chain.key);
    else this.writeChain(chain.key, chain.entries);
  }

  private find(e: StoredEntry): { tuple: Tuple; chain: Chain; text: string } {
    const { values, masks } = tupleForm(this.t.table, e.keys);
    const tuple = this.tuples.get(textOf(masks));
    const chain = tuple?.chains.get(textOf(values));
    if (!tuple || !chain?.entries.some((x) => x.id === e.id)) throw new Error(`internal error: table ${this.t.table.name} lost track of entry ${e.id}`);
    return { tuple, chain, text: textOf(values) };
  }

  /** A chain's HASH value: its records, best first, then empty (rank 0) ones. */
  private writeChain(key: Uint8Array, entries: readonly StoredEntry[]): void {
    const value = new Uint8Array(this.t.chain * this.t.recordBytes);
    entries.forEach((e, i) => value.set(tupleRecord(this.t, this.program, e, this.slotOf(e)), i * this.t.recordBytes));
    this.backend.update(this.t.map, key, value);
  }

  /** The tuple ARRAY: tuples by best rank, highest first (elements from the end, the count last), skipping unchanged elements. */
  private writeTuples(): void {
    const ordered = [...this.tuples.values()].sort((a, b) => (a.best > b.best ? -1 : 1));
    for (let i = ordered.length - 1; i >= 0; i--) {
      const tuple = ordered[i]!;
      this.writeElement(i + 1, tupleElement(this.t, tuple.best, tuple.id, tuple.bits, tuple.masks));
    }
    this.writeElement(0, tupleCount(this.t, ordered.length));
  }

  private writeElement(index: number, element: Uint8Array): void {
    const text = Buffer.from(element).toString("hex");
    if (this.written[index] === text) return;
    this.backend.update(this.t.tupleMap, u32(index), element);
    this.written[index] = text;
  }
}
