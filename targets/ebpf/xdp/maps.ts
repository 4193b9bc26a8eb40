// eBPF maps for the emulator, with the kernel's semantics for the types the
// backend uses: HASH, ARRAY, PERCPU_ARRAY (one CPU), LPM_TRIE (longest
// prefix of the key's prefix length wins), RINGBUF, DEVMAP, DEVMAP_HASH. Each map's values
// live in one arena mapped into the VM's address space (as the kernel
// preallocates), so a lookup returns a real pointer the program reads and
// writes; slots are recycled on delete.

import type { Memory, Region } from "../vm/memory.js";
import { MapFlags, MapType, type MapDef } from "../elf/object.js";

/** Kernel errno values returned (negated) by helpers. */
export const Errno = { ENOENT: 2, E2BIG: 7, EAGAIN: 11, EINVAL: 22, EEXIST: 17 } as const;

/** `map_update_elem` flags. */
export const UpdateFlags = { ANY: 0, NOEXIST: 1, EXIST: 2 } as const;

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

export abstract class BpfMap {
  constructor(readonly def: MapDef) {}
  /** Address of the value for `key`, or 0 (NULL). */
  abstract lookup(key: Uint8Array): number;
  /** 0 or a negative errno. */
  abstract update(key: Uint8Array, value: Uint8Array, flags: number): number;
  abstract delete(key: Uint8Array): number;
  /** The value bytes for `key` (a live view), or undefined. */
  abstract get(key: Uint8Array): Uint8Array | undefined;
}

/** A map whose values sit in `maxEntries` fixed slots of one region. */
abstract class SlotMap extends BpfMap {
  readonly arena: Region;
  constructor(def: MapDef, memory: Memory) {
    super(def);
    this.arena = memory.map(`map ${def.name}`, new Uint8Array(Math.max(1, def.valueSize * def.maxEntries)));
  }
  protected address(slot: number): number {
    return this.arena.base + slot * this.def.valueSize;
  }
  protected bytes(slot: number): Uint8Array {
    return this.arena.bytes.subarray(slot * this.def.valueSize, (slot + 1) * this.def.valueSize);
  }
}

export class ArrayMap extends SlotMap {
  private index(key: Uint8Array): number {
    if (key.length !== 4) return -1;
    const i = new DataView(key.buffer, key.byteOffset, 4).getUint32(0, true);
    return i < this.def.maxEntries ? i : -1;
  }
  lookup(key: Uint8Array): number {
    const i = this.index(key);
    return i < 0 ? 0 : this.address(i);
  }
  update(key: Uint8Array, value: Uint8Array, flags: number): number {
    const i = this.index(key);
    if (i < 0) return -Errno.E2BIG;
    if (flags === UpdateFlags.NOEXIST) return -Errno.EEXIST;
    this.bytes(i).set(value.subarray(0, this.def.valueSize));
    return 0;
  }
  delete(): number {
    return -Errno.EINVAL;
  }
  get(key: Uint8Array): Uint8Array | undefined {
    const i = this.index(key);
    return i < 0 ? undefined : this.bytes(i);
  }
}

export class HashMap extends SlotMap {
  protected readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private nextSlot = 0;
  /** The identity of a key. */
  protected keyText(key: Uint8Array): string {
    return hex(key);
  }
  protected validKey(key: Uint8Array): boolean {
    return key.length === this.def.keySize;
  }
  lookup(key: Uint8Array): number {
    const s = this.slots.get(this.keyText(key));
    return s === undefined ? 0 : this.address(s);
  }
  update(key: Uint8Array, value: Uint8Array, flags: number): number {
    if (!this.validKey(key)) return -Errno.EINVAL;
    const k = this.keyText(key);
    let s = this.slots.get(k);
    if (s !== undefined && flags === UpdateFlags.NOEXIST) return -Errno.EEXIST;
    if (s === undefined) {
      if (flags === UpdateFlags.EXIST) return -Errno.ENOENT;
      s = this.free.pop() ?? (this.nextSlot < this.def.maxEntries ? this.nextSlot++ : undefined);
      if (s === undefined) return -Errno.E2BIG;
      this.slots.set(k, s);
      this.added(key);
    }
    this.bytes(s).set(value.subarray(0, this.def.valueSize));
    return 0;
  }
  delete(key: Uint8Array): number {
    const k = this.keyText(key);
    const s = this.slots.get(k);
    if (s === undefined) return -Errno.ENOENT;
    this.slots.delete(k);
    this.bytes(s).fill(0);
    this.free.push(s);
    this.removed(key);
    return 0;
  }
  protected added(_key: Uint8Array): void {}
  protected removed(_key: Uint8Array): void {}
  get(key: Uint8Array): Uint8Array | undefined {
    const s = this.slots.get(this.keyText(key));
    return s === undefined ? undefined : this.bytes(s);
  }
}

/**
 * LPM_TRIE: keys are a u32 prefix length then the data bytes, most
 * significant bit first. Stored entries are indexed by prefix length; a
 * lookup tries the stored lengths from its own down to 0 (the kernel's
 * longest match).
 */
export class LpmTrieMap extends HashMap {
  private readonly lengths = new Map<number, number>(); // prefix length → entries

  private lengthOf(key: Uint8Array): number {
    return new DataView(key.buffer, key.byteOffset, 4).getUint32(0, true);
  }
  private canonical(key: Uint8Array, length: number): string {
    const data = key.slice(4);
    for (let bit = length; bit < data.length * 8; bit++) data[bit >> 3]! &= ~(0x80 >> (bit & 7));
    return `${length}:${hex(data)}`;
  }
  protected override keyText(key: Uint8Array): string {
    return this.canonical(key, this.lengthOf(key));
  }
  protected override validKey(key: Uint8Array): boolean {
    return key.length === this.def.keySize && this.lengthOf(key) <= (this.def.keySize - 4) * 8;
  }
  protected override added(key: Uint8Array): void {
    const l = this.lengthOf(key);
    this.lengths.set(l, (this.lengths.get(l) ?? 0) + 1);
  }
  protected override removed(key: Uint8Array): void {
    const l = this.lengthOf(key);
    const n = (this.lengths.get(l) ?? 1) - 1;
    if (n === 0) this.lengths.delete(l);
    else this.lengths.set(l, n);
  }
  override lookup(key: Uint8Array): number {
    const max = Math.min(this.lengthOf(key), (this.def.keySize - 4) * 8);
    const known = [...this.lengths.keys()].filter((l) => l <= max).sort((a, b) => b - a);
    for (const l of known) {
      const s = this.slots.get(this.canonical(key, l));
      if (s !== undefined) return this.address(s);
    }
    return 0;
  }
}

/**
 * RINGBUF: records written by the program (ringbuf_output), read in order by the control plane.
 * Space is counted as the kernel counts it — an 8-byte header plus the data, rounded up to 8 —
 * and a record that does not fit is refused with -EAGAIN, the kernel's answer, and lost.
 */
export class RingBufMap extends BpfMap {
  private readonly records: Uint8Array[] = [];
  private used = 0;
  lookup(): number {
    return 0;
  }
  update(): number {
    return -Errno.EINVAL;
  }
  delete(_key: Uint8Array): number {
    return -Errno.EINVAL;
  }
  get(): undefined {
    return undefined;
  }
  /** The kernel's test: the producer may not get a whole ring (max_entries) ahead of the consumer. */
  output(data: Uint8Array): number {
    const need = ringRecordBytes(data.length);
    if (this.used + need > this.def.maxEntries - 1) return -Errno.EAGAIN;
    this.records.push(data.slice());
    this.used += need;
    return 0;
  }
  /** Every record not read yet, oldest first; the ring is empty afterwards. */
  drain(): Uint8Array[] {
    this.used = 0;
    return this.records.splice(0);
  }
}

/** Bytes a record of `length` data bytes takes in a ring buffer (BPF_RINGBUF_HDR_SZ, 8-byte aligned). */
export const ringRecordBytes = (length: number): number => Math.ceil((length + 8) / 8) * 8;

/**
 * DEVMAP: port → interface. The emulator's interfaces are numbered like
 * pnet's ports (ifindex = port) and every one of them exists, so every key
 * below max_entries maps to itself unless the control plane set it.
 * DEVMAP_HASH (DevHashMap) holds only the keys the control plane set.
 */
export class DevMap extends BpfMap {
  protected readonly entries = new Map<number, number>();
  lookup(): number {
    return 0; // XDP programs do not read devmap values here
  }
  update(key: Uint8Array, value: Uint8Array): number {
    this.entries.set(new DataView(key.buffer, key.byteOffset, 4).getUint32(0, true), new DataView(value.buffer, value.byteOffset, 4).getUint32(0, true));
    return 0;
  }
  delete(_key: Uint8Array): number {
    return -Errno.EINVAL;
  }
  get(): undefined {
    return undefined;
  }
  /** The interface for a port, or undefined when the port is outside the map. */
  target(port: number): number | undefined {
    return port < this.def.maxEntries ? (this.entries.get(port) ?? port) : undefined;
  }
}

export class DevHashMap extends DevMap {
  override update(key: Uint8Array, value: Uint8Array): number {
    const port = new DataView(key.buffer, key.byteOffset, 4).getUint32(0, true);
    if (!this.entries.has(port) && this.entries.size >= this.def.maxEntries) return -Errno.E2BIG;
    return super.update(key, value);
  }
  override delete(key: Uint8Array): number {
    return this.entries.delete(new DataView(key.buffer, key.byteOffset, 4).getUint32(0, true)) ? 0 : -Errno.ENOENT;
  }
  override target(port: number): number | undefined {
    return this.entries.get(port);
  }
}

export function createMap(def: MapDef, memory: Memory): BpfMap {
  switch (def.type) {
    case MapType.ARRAY:
    case MapType.PERCPU_ARRAY:
      if (def.keySize !== 4) throw new Error(`map ${def.name}: array keys are 4 bytes`);
      return new ArrayMap(def, memory);
    case MapType.HASH:
      return new HashMap(def, memory);
    case MapType.LPM_TRIE:
      if (!(def.flags & MapFlags.NO_PREALLOC)) throw new Error(`map ${def.name}: LPM_TRIE needs BPF_F_NO_PREALLOC`);
      if (def.keySize < 5 || def.keySize > 260) throw new Error(`map ${def.name}: LPM_TRIE keys are 5–260 bytes`);
      return new LpmTrieMap(def, memory);
    case MapType.RINGBUF:
      if (def.keySize !== 0 || def.valueSize !== 0 || def.maxEntries & (def.maxEntries - 1) || def.maxEntries % 4096) {
        throw new Error(`map ${def.name}: a RINGBUF has no key or value and a power-of-two size, a multiple of the page size`);
      }
      return new RingBufMap(def);
    case MapType.DEVMAP:
      return new DevMap(def);
    case MapType.DEVMAP_HASH:
      return new DevHashMap(def);
    default:
      throw new Error(`map ${def.name}: map type ${def.type} is not emulated`);
  }
}
