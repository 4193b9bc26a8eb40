// Tuple-space search for tables with ternary, range or optional keys (and lpm
// keys beside them), in wasm memory, kept by TypeScript and searched by
// generated code (gen-tables.ts).
//
// Entries are grouped by their mask over the packed key (a range key counts
// as fully masked when it is one value, unmasked otherwise: the range itself
// is checked against the bounds in the record). Each group is a hash table
// (table-hash.ts) from masked key to a chain of records ordered by priority,
// highest first, then by insertion (EntryStore id), so the first record in a
// chain whose ranges match is the group's best. The group array is sorted by
// each group's highest priority; the search stops at the first group that
// cannot beat the best match so far. Cost: one hash probe per distinct mask
// rather than one comparison per entry.

import type { StoredEntry } from "../../runtime/controlplane.js";
import { tupleForm } from "../../runtime/matching.js";
import * as abi from "./abi.js";
import type { Heap } from "./heap.js";
import { pack } from "./keys.js";
import type { TableLayout } from "./layout.js";
import { HashIndex } from "./table-hash.js";
import type { RecordPool } from "./table-records.js";

interface Group {
  readonly mask: Uint32Array;
  readonly index: HashIndex;
  /** Record slot → priority. */
  readonly members: Map<number, number>;
  maxPriority: number;
}

export class TupleSpace {
  private readonly groups = new Map<string, Group>();
  private readonly placed = new Map<number, { group: Group; key: Uint32Array }>();
  private arrayPtr: number;
  private arrayCapacity = 4;
  private readonly groupBytes: number;

  constructor(
    private readonly heap: Heap,
    private readonly t: TableLayout,
    private readonly records: RecordPool,
  ) {
    this.groupBytes = abi.groupSize(t.packing.words);
    this.arrayPtr = heap.alloc(this.arrayCapacity * this.groupBytes);
    this.writeArray();
  }

  /** Adds the entry whose record (id and priority already written) is `slot`. */
  insert(entry: StoredEntry, slot: number): void {
    const { values, masks } = tupleForm(this.t.table, entry.keys);
    const mask = pack(this.t.packing, masks);
    const key = pack(this.t.packing, values);
    const name = mask.join(",");
    let group = this.groups.get(name);
    if (!group) {
      group = { mask, index: new HashIndex(this.heap, this.t.packing.words, () => {}), members: new Map(), maxPriority: 0 };
      this.groups.set(name, group);
    }
    let prev = 0;
    let cur = group.index.get(key);
    while (cur !== 0 && this.precedes(cur - 1, entry)) {
      prev = cur;
      cur = this.records.getNext(cur - 1);
    }
    this.records.setNext(slot, cur);
    if (prev === 0) group.index.set(key, slot + 1);
    else this.records.setNext(prev - 1, slot + 1);
    group.members.set(slot, entry.priority);
    group.maxPriority = Math.max(group.maxPriority, entry.priority);
    this.placed.set(slot, { group, key });
    this.writeArray();
  }

  remove(slot: number): void {
    const at = this.placed.get(slot);
    if (!at) return;
    const { group, key } = at;
    this.placed.delete(slot);
    let prev = 0;
    let cur = group.index.get(key);
    while (cur !== 0 && cur !== slot + 1) {
      prev = cur;
      cur = this.records.getNext(cur - 1);
    }
    const next = this.records.getNext(slot);
    if (prev !== 0) this.records.setNext(prev - 1, next);
    else if (next !== 0) group.index.set(key, next);
    else group.index.delete(key);
    group.members.delete(slot);
    if (group.members.size === 0) {
      group.index.free();
      this.groups.delete(group.mask.join(","));
    } else {
      group.maxPriority = Math.max(...group.members.values());
    }
    this.writeArray();
  }

  /** Whether record `slot` comes before `entry` in a chain: higher priority, or equal and inserted earlier. */
  private precedes(slot: number, entry: StoredEntry): boolean {
    const dv = this.heap.dv();
    const at = this.records.addr(slot);
    const priority = dv.getUint32(at + abi.R_PRIORITY, true);
    return priority > entry.priority || (priority === entry.priority && dv.getUint32(at + abi.R_ID, true) < entry.id);
  }

  /** Rewrites the group array, best group first, and the descriptor's pointer and count. */
  private writeArray(): void {
    const ordered = [...this.groups.values()].sort((a, b) => b.maxPriority - a.maxPriority);
    if (ordered.length > this.arrayCapacity) {
      this.heap.release(this.arrayPtr, this.arrayCapacity * this.groupBytes);
      while (this.arrayCapacity < ordered.length) this.arrayCapacity *= 2;
      this.arrayPtr = this.heap.alloc(this.arrayCapacity * this.groupBytes);
    }
    const K = this.t.packing.words;
    const u32 = this.heap.u32();
    ordered.forEach((g, i) => {
      const at = (this.arrayPtr + i * this.groupBytes) >> 2;
      u32.set(g.mask, at);
      u32[at + 2 * K + abi.G_PRIORITY / 4] = g.maxPriority;
      u32[at + 2 * K + abi.G_BUCKETS / 4] = g.index.ptr;
      u32[at + 2 * K + abi.G_MASK / 4] = g.index.capacity - 1;
    });
    const dv = this.heap.dv();
    dv.setUint32(this.t.desc + abi.T_STRUCT, this.arrayPtr, true);
    dv.setUint32(this.t.desc + abi.T_MASK, ordered.length, true);
  }
}
