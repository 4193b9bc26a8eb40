// The run-time part of wasm memory (above Layout.heapBase): a small allocator
// for table structures and packet batches, managed from TypeScript.
//
// Blocks come in power-of-two sizes and freed blocks are reused by size, so a
// table that grows by doubling recycles its old arrays. The memory grows on
// demand (WebAssembly.Memory.grow detaches the old ArrayBuffer, so views are
// re-created lazily through u8()/u32()/u64()/dv()). Generated code never calls the
// allocator: it reads structure addresses from table descriptors.

import { ControlPlaneError } from "../../runtime/dataplane.js";
import type { WasmMemory } from "./webassembly.js";

const PAGE = 65536;

export class Heap {
  private readonly freeBySize = new Map<number, number[]>();
  private buffer: ArrayBuffer | undefined;
  private u8View: Uint8Array = new Uint8Array(0);
  private u32View: Uint32Array = new Uint32Array(0);
  private u64View: BigUint64Array = new BigUint64Array(0);
  private dataView: DataView = new DataView(new ArrayBuffer(0));

  constructor(
    readonly memory: WasmMemory,
    private top: number,
  ) {}

  private refresh(): void {
    const buffer = this.memory.buffer;
    if (this.buffer !== buffer) {
      this.buffer = buffer;
      this.u8View = new Uint8Array(buffer);
      this.u32View = new Uint32Array(buffer);
      this.u64View = new BigUint64Array(buffer);
      this.dataView = new DataView(buffer);
    }
  }

  u8(): Uint8Array {
    this.refresh();
    return this.u8View;
  }

  u32(): Uint32Array {
    this.refresh();
    return this.u32View;
  }

  u64(): BigUint64Array {
    this.refresh();
    return this.u64View;
  }

  dv(): DataView {
    this.refresh();
    return this.dataView;
  }

  /** A zeroed block of at least `bytes` bytes, 64-byte aligned. Out of memory is a table-full error. */
  alloc(bytes: number): number {
    const size = blockSize(bytes);
    const reused = this.freeBySize.get(size)?.pop();
    if (reused !== undefined) {
      this.u8().fill(0, reused, reused + size);
      return reused;
    }
    const ptr = this.top;
    const end = ptr + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      try {
        this.memory.grow(Math.ceil((end - have) / PAGE));
      } catch {
        throw new ControlPlaneError("table-full", `out of wasm memory: cannot allocate ${size} more bytes (${have} in use)`);
      }
    }
    this.top = end;
    return ptr;
  }

  release(ptr: number, bytes: number): void {
    const size = blockSize(bytes);
    const list = this.freeBySize.get(size) ?? [];
    list.push(ptr);
    this.freeBySize.set(size, list);
  }

  /** Moves a block to a bigger one, keeping its first `used` bytes. */
  grow(ptr: number, oldBytes: number, newBytes: number, used = oldBytes): number {
    const fresh = this.alloc(newBytes);
    this.u8().copyWithin(fresh, ptr, ptr + used);
    this.release(ptr, oldBytes);
    return fresh;
  }
}

function blockSize(bytes: number): number {
  let size = 64;
  while (size < bytes) size *= 2;
  return size;
}
