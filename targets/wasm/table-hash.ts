// An open-addressing hash table in wasm memory, kept by TypeScript and probed
// by generated code (gen-tables.ts): exact tables use one, and every group of
// a tuple-space table has one.
//
// Bucket: the key's words, then a u32 tag (0 empty, TOMBSTONE deleted, else a
// value ≥ 1), 4 bytes padding (abi.bucketSize). Linear probing from
// hash32(key) & mask. The table is rebuilt at twice the needed size whenever
// live + deleted buckets would pass half the capacity, so probes stay short
// and an empty bucket always ends a miss.

import * as abi from "./abi.js";
import type { Heap } from "./heap.js";
import { hash32 } from "./keys.js";

export class HashIndex {
  ptr: number;
  capacity: number;
  private live = 0;
  private tombs = 0;
  private readonly bucket: number; // bytes
  private readonly halves: number;

  /** `moved` is told the bucket array's address and index mask whenever they change. */
  constructor(
    private readonly heap: Heap,
    readonly words: number,
    private readonly moved: (ptr: number, mask: number) => void,
    initialCapacity = 16,
  ) {
    this.bucket = abi.bucketSize(words);
    this.halves = 2 * words;
    this.capacity = initialCapacity;
    this.ptr = heap.alloc(this.capacity * this.bucket);
    moved(this.ptr, this.capacity - 1);
  }

  get size(): number {
    return this.live;
  }

  /** The bucket index holding `key`, or -1. */
  private find(key: Uint32Array): number {
    const u32 = this.heap.u32();
    const mask = this.capacity - 1;
    let i = hash32(key) & mask;
    for (let n = 0; n <= mask; n++) {
      const at = (this.ptr + i * this.bucket) >> 2;
      const tag = u32[at + this.halves]!;
      if (tag === 0) return -1;
      if (tag !== abi.TOMBSTONE && this.equal(u32, at, key)) return i;
      i = (i + 1) & mask;
    }
    return -1;
  }

  private equal(u32: Uint32Array, at: number, key: Uint32Array): boolean {
    for (let j = 0; j < this.halves; j++) if (u32[at + j] !== key[j]) return false;
    return true;
  }

  get(key: Uint32Array): number {
    const i = this.find(key);
    return i < 0 ? 0 : this.heap.u32()[((this.ptr + i * this.bucket) >> 2) + this.halves]!;
  }

  /** Sets the tag of `key`, inserting it when absent (tag ≥ 1). */
  set(key: Uint32Array, tag: number): void {
    const i = this.find(key);
    if (i >= 0) {
      this.heap.u32()[((this.ptr + i * this.bucket) >> 2) + this.halves] = tag;
      return;
    }
    if (2 * (this.live + this.tombs + 1) > this.capacity) this.rebuild(Math.max(16, pow2(4 * (this.live + 1))));
    this.place(key, tag);
    this.live++;
  }

  delete(key: Uint32Array): void {
    const i = this.find(key);
    if (i < 0) return;
    this.heap.u32()[((this.ptr + i * this.bucket) >> 2) + this.halves] = abi.TOMBSTONE;
    this.live--;
    this.tombs++;
  }

  /** Every (key, tag) pair. */
  *entries(): Generator<[Uint32Array, number]> {
    const u32 = this.heap.u32();
    for (let i = 0; i < this.capacity; i++) {
      const at = (this.ptr + i * this.bucket) >> 2;
      const tag = u32[at + this.halves]!;
      if (tag !== 0 && tag !== abi.TOMBSTONE) yield [u32.slice(at, at + this.halves), tag];
    }
  }

  free(): void {
    this.heap.release(this.ptr, this.capacity * this.bucket);
  }

  private place(key: Uint32Array, tag: number): void {
    const u32 = this.heap.u32();
    const mask = this.capacity - 1;
    let i = hash32(key) & mask;
    for (;;) {
      const at = (this.ptr + i * this.bucket) >> 2;
      const t = u32[at + this.halves]!;
      if (t === 0 || t === abi.TOMBSTONE) {
        if (t === abi.TOMBSTONE) this.tombs--;
        u32.set(key, at);
        u32[at + this.halves] = tag;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  private rebuild(capacity: number): void {
    const old = [...this.entries()];
    const [oldPtr, oldCapacity] = [this.ptr, this.capacity];
    this.ptr = this.heap.alloc(capacity * this.bucket);
    this.capacity = capacity;
    this.tombs = 0;
    for (const [key, tag] of old) this.place(key, tag);
    this.heap.release(oldPtr, oldCapacity * this.bucket);
    this.moved(this.ptr, this.capacity - 1);
  }
}

function pow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
