/**
 * The eBPF VM's address space: a small table of regions (packet or context bytes, the stack,
 * map values, …), each a Uint8Array placed at a synthetic address. Every load and store goes
 * through `find`, so an access outside every region is a fault, never a stray read.
 *
 * All regions live below 4 GiB, so a pointer's upper 32 bits are zero: a 32-bit context field
 * (like `xdp_md.data`) can hold a real pointer, as on the kernel after its context rewrite.
 * Address 0 stays unmapped (NULL), and regions are 64 KiB apart — more than any 16-bit
 * instruction offset — so one instruction cannot step from a valid pointer into another region.
 */

import { VmFault } from "./fault.js";

export interface Region {
  readonly name: string;
  /** Address of `bytes[0]`. */
  readonly base: number;
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly writable: boolean;
  /** First accessible address (≥ base). The stack raises it to hide frames not in use. */
  start: number;
  /** One past the last accessible address. */
  readonly end: number;
}

export interface MapOptions {
  /** Default true. */
  writable?: boolean;
}

/** Lowest address a region may take: everything below faults, NULL included. */
const FIRST_ADDRESS = 0x10000;
/** Regions start at multiples of this and leave at least this much unmapped between them. */
const GUARD = 0x10000;
const ADDRESS_LIMIT = 2 ** 32;

const alignUp = (n: number): number => Math.ceil(n / GUARD) * GUARD;
const hex = (n: number): string => `0x${n.toString(16)}`;

export class Memory {
  /** Sorted by base address. */
  private readonly table: Region[] = [];
  /** The region that satisfied the last lookup: most accesses hit it again. */
  private last: Region | undefined;

  get regions(): readonly Region[] {
    return this.table;
  }

  /** Places `bytes` in the address space (the memory is shared, not copied). */
  map(name: string, bytes: Uint8Array, options: MapOptions = {}): Region {
    const base = this.freeAddress(bytes.length);
    const region: Region = {
      name,
      base,
      bytes,
      view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      writable: options.writable ?? true,
      start: base,
      end: base + bytes.length,
    };
    this.table.push(region);
    this.table.sort((a, b) => a.base - b.base);
    return region;
  }

  unmap(region: Region): void {
    const i = this.table.indexOf(region);
    if (i < 0) throw new Error(`region ${region.name} is not mapped`);
    this.table.splice(i, 1);
    if (this.last === region) this.last = undefined;
  }

  /** The region holding all of [address, address + size), or undefined. NaN finds nothing. */
  find(address: number, size: number): Region | undefined {
    const last = this.last;
    if (last !== undefined && address >= last.start && address + size <= last.end) return last;
    for (const r of this.table) {
      if (address >= r.start && address + size <= r.end) {
        this.last = r;
        return r;
      }
    }
    return undefined;
  }

  /**
   * A live view of [address, address + length) for helpers (map keys, values to copy, …).
   * Faults like a load or store would; `pc` is filled in by the VM.
   */
  view(address: bigint | number, length: number, access: "read" | "write" = "read"): Uint8Array {
    const at = typeof address === "bigint" ? (address < BigInt(ADDRESS_LIMIT) && address >= 0n ? Number(address) : NaN) : address;
    const r = Number.isSafeInteger(length) && length >= 0 ? this.find(at, length) : undefined;
    if (r === undefined || (access === "write" && !r.writable)) {
      throw this.fault(BigInt.asUintN(64, BigInt(address)), length, access);
    }
    const from = at - r.base;
    return r.bytes.subarray(from, from + length);
  }

  /** Address of byte `offset` of a region, as a register value. */
  address(region: Region, offset = 0): bigint {
    return BigInt(region.base + offset);
  }

  /** The fault for a failed access, describing where the address fell. */
  fault(address: bigint, size: number, access: "read" | "write"): VmFault {
    const at = address < BigInt(ADDRESS_LIMIT) ? Number(address) : NaN;
    const inside = this.table.find((r) => at >= r.base && at < r.end);
    let where: string;
    if (inside && access === "write" && !inside.writable && at >= inside.start && at + size <= inside.end) {
      where = `region ${inside.name} is read-only`;
    } else if (inside && at < inside.start) {
      where = `below the accessible part of ${inside.name}`;
    } else if (inside) {
      where = `runs ${at + size - inside.end} byte(s) past the end of ${inside.name} (${inside.end - inside.start} bytes)`;
    } else {
      const before = this.table.find((r) => at >= r.end && at < r.end + GUARD);
      const after = this.table.find((r) => at < r.start && at >= r.start - GUARD);
      where = before
        ? `offset ${at - before.start} of ${before.name}, past its end (${before.end - before.start} bytes)`
        : after
          ? `${after.start - at} byte(s) before ${after.name}`
          : "outside every memory region";
    }
    return new VmFault("memory", -1, `invalid ${access} of ${size} byte(s) at 0x${address.toString(16)}: ${where}`);
  }

  /** First-fit placement with guard gaps, so a freed address range is reused. */
  private freeAddress(length: number): number {
    let candidate = FIRST_ADDRESS;
    for (const r of this.table) {
      if (candidate + length + GUARD <= r.base) break;
      candidate = Math.max(candidate, alignUp(r.end + GUARD));
    }
    if (candidate + length > ADDRESS_LIMIT) {
      throw new Error(`eBPF VM address space exhausted mapping ${length} bytes at ${hex(candidate)}`);
    }
    return candidate;
  }
}
