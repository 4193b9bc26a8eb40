// Entry records of one table in wasm memory: the action index, tie-break id,
// priority, chain link, direct counters, range bounds and action data of
// each installed entry (layout in abi.ts), addressed by slot number. Slots of
// removed entries are reused; the array doubles (and moves) when full, and the
// table descriptor's T_RECORDS always holds its current address.

import * as ir from "../../compiler/ir.js";
import type { StoredEntry } from "../../runtime/controlplane.js";
import * as abi from "./abi.js";
import type { Heap } from "./heap.js";
import type { ParamSlot, TableLayout } from "./layout.js";

const MASK64 = (1n << 64n) - 1n;

export class RecordPool {
  private ptr: number;
  private capacity = 16;
  private next = 0;
  private readonly freeSlots: number[] = [];

  constructor(
    private readonly heap: Heap,
    private readonly t: TableLayout,
  ) {
    this.ptr = heap.alloc(this.capacity * t.recordSize);
    heap.dv().setUint32(t.desc + abi.T_RECORDS, this.ptr, true);
  }

  addr(slot: number): number {
    return this.ptr + slot * this.t.recordSize;
  }

  /** A zeroed slot (counters start at 0). */
  alloc(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) {
      this.heap.u8().fill(0, this.addr(reused), this.addr(reused) + this.t.recordSize);
      return reused;
    }
    if (this.next === this.capacity) {
      const bytes = this.capacity * this.t.recordSize;
      this.ptr = this.heap.grow(this.ptr, bytes, 2 * bytes);
      this.capacity *= 2;
      this.heap.dv().setUint32(this.t.desc + abi.T_RECORDS, this.ptr, true);
    }
    return this.next++;
  }

  release(slot: number): void {
    this.freeSlots.push(slot);
  }

  /** Writes everything but the counters and the chain link. */
  write(slot: number, entry: StoredEntry): void {
    const at = this.addr(slot);
    const dv = this.heap.dv();
    dv.setUint32(at + abi.R_ID, entry.id, true);
    dv.setUint32(at + abi.R_PRIORITY, entry.priority, true);
    this.t.rangeKeys.forEach((k, r) => {
      const m = entry.keys[k]!;
      const [lo, hi] = m.kind === "range" ? [m.lo, m.hi] : [0n, ir.mask(this.t.table.keys[k]!.width)];
      writeValue(dv, at + abi.R_RANGES + abi.RANGE_BYTES * r, lo, 128);
      writeValue(dv, at + abi.R_RANGES + abi.RANGE_BYTES * r + 16, hi, 128);
    });
    this.writeAction(at, abi.R_ACTION, this.t.dataOffset, entry.action);
  }

  writeAction(base: number, actionAt: number, dataAt: number, action: ir.ActionInvocation): void {
    const dv = this.heap.dv();
    dv.setUint32(base + actionAt, this.t.table.actions.indexOf(action.action), true);
    writeActionData(dv, base + dataAt, this.t.params.get(action.action) ?? [], action.args);
  }

  setNext(slot: number, nextPlusOne: number): void {
    this.heap.dv().setUint32(this.addr(slot) + abi.R_NEXT, nextPlusOne, true);
  }

  getNext(slot: number): number {
    return this.heap.dv().getUint32(this.addr(slot) + abi.R_NEXT, true);
  }

  counters(slot: number): { packets: bigint; bytes: bigint } {
    const dv = this.heap.dv();
    return { packets: dv.getBigUint64(this.addr(slot) + abi.R_PACKETS, true), bytes: dv.getBigUint64(this.addr(slot) + abi.R_BYTES, true) };
  }
}

/** A value as 8 bytes, or 16 (low word first) when wider than 64 bits. */
export function writeValue(dv: DataView, at: number, value: bigint, width: number): void {
  dv.setBigUint64(at, value & MASK64, true);
  if (width > 64) dv.setBigUint64(at + 8, value >> 64n, true);
}

export function readValue(dv: DataView, at: number, width: number): bigint {
  const lo = dv.getBigUint64(at, true);
  return width > 64 ? lo | (dv.getBigUint64(at + 8, true) << 64n) : lo;
}

export function writeActionData(dv: DataView, at: number, params: readonly ParamSlot[], args: readonly bigint[]): void {
  params.forEach((p, i) => writeValue(dv, at + p.offset, args[i] ?? 0n, p.width));
}
