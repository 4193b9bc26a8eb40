// A table of a wasm dataplane: the shared EntryStore (runtime/controlplane.ts)
// validates every change; this class mirrors each accepted change into wasm
// memory — the entry's record (table-records.ts) and the structure for the
// table's match policy (hash, trie or tuple space) — while the module stays
// live. If the mirror fails (out of memory), the store change is undone and the
// error reported, so the table is as it was.

import * as ir from "../../compiler/ir.js";
import { EntryStore, tableControl, type StoredEntry } from "../../runtime/controlplane.js";
import type { CounterValue, EntrySpec, KeyInputs, TableControl } from "../../runtime/dataplane.js";
import * as abi from "./abi.js";
import type { Heap } from "./heap.js";
import { exactValues, pack } from "./keys.js";
import type { TableLayout } from "./layout.js";
import { HashIndex } from "./table-hash.js";
import { LpmTrie } from "./table-lpm.js";
import { RecordPool } from "./table-records.js";
import { TupleSpace } from "./table-tss.js";

interface Structure {
  insert(entry: StoredEntry, slot: number): void;
  remove(entry: StoredEntry, slot: number): void;
}

export class WasmTable {
  readonly store: EntryStore;
  private readonly records: RecordPool;
  private readonly structure: Structure;
  private readonly slotOf = new Map<number, number>();

  constructor(
    program: ir.Program,
    private readonly heap: Heap,
    readonly t: TableLayout,
  ) {
    this.store = new EntryStore(program, t.table);
    this.records = new RecordPool(heap, t);
    this.structure = t.policy === "exact" ? this.exact() : t.policy === "lpm" ? this.lpm() : this.priority();
    this.writeDefault();
    for (const e of this.store.list()) this.install(e);
  }

  private exact(): Structure {
    const dv = (): DataView => this.heap.dv();
    const index = new HashIndex(this.heap, this.t.packing.words, (ptr, mask) => {
      dv().setUint32(this.t.desc + abi.T_STRUCT, ptr, true);
      dv().setUint32(this.t.desc + abi.T_MASK, mask, true);
    });
    const key = (e: StoredEntry): Uint32Array => pack(this.t.packing, exactValues(e.keys));
    return {
      insert: (e, slot) => index.set(key(e), slot + 1),
      remove: (e) => index.delete(key(e)),
    };
  }

  private lpm(): Structure {
    const trie = new LpmTrie(this.heap, this.t);
    const form = (e: StoredEntry): { key: bigint; length: number } => {
      let key = 0n;
      let length = 0;
      for (const el of this.t.packing.elements) {
        const m = e.keys[el.key]!;
        key |= (m as { value: bigint }).value << BigInt(el.shift);
        length += m.kind === "lpm" ? m.prefixLength : el.width;
      }
      return { key, length };
    };
    return {
      insert: (e, slot) => {
        const { key, length } = form(e);
        trie.insert(key, length, slot + 1);
      },
      remove: (e) => {
        const { key, length } = form(e);
        trie.remove(key, length);
      },
    };
  }

  private priority(): Structure {
    const tss = new TupleSpace(this.heap, this.t, this.records);
    return { insert: (e, slot) => tss.insert(e, slot), remove: (_e, slot) => tss.remove(slot) };
  }

  private install(e: StoredEntry): void {
    const slot = this.records.alloc();
    this.records.write(slot, e);
    try {
      this.structure.insert(e, slot);
    } catch (err) {
      this.records.release(slot);
      throw err;
    }
    this.slotOf.set(e.id, slot);
  }

  private uninstall(e: StoredEntry): void {
    const slot = this.slotOf.get(e.id)!;
    this.structure.remove(e, slot);
    this.records.release(slot);
    this.slotOf.delete(e.id);
  }

  private writeDefault(): void {
    this.records.writeAction(this.t.desc, abi.T_DEFAULT_ACTION, abi.T_DEFAULT_DATA, this.store.defaultAction);
  }

  control(): TableControl {
    const base = tableControl(this.store, {
      readCounter: (entry): CounterValue => this.records.counters(this.slotOf.get(entry.id)!),
    });
    return {
      ...base,
      add: (spec: EntrySpec) => {
        const e = this.store.add(spec);
        try {
          this.install(e);
        } catch (err) {
          this.store.remove(spec.key, spec.priority);
          throw err;
        }
      },
      modify: (spec: EntrySpec) => {
        const e = this.store.modify(spec);
        const slot = this.slotOf.get(e.id)!;
        this.records.writeAction(this.records.addr(slot), abi.R_ACTION, this.t.dataOffset, e.action);
      },
      remove: (key: KeyInputs, priority?: number) => {
        this.uninstall(this.store.remove(key, priority));
      },
      setDefault: (action, args) => {
        this.store.setDefault(action, args);
        this.writeDefault();
      },
    };
  }
}
