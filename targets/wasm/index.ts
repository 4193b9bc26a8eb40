// The wasm target: createWasmDataplane(program) compiles the program to a
// WebAssembly module (codegen.ts, loaded lazily because binaryen is slow to
// import), instantiates it and puts it behind the common Dataplane interface.
//
// Packets are processed in batches inside wasm memory (abi.ts, batch.ts):
// TypeScript copies a batch's packets into slots with headroom, one `process`
// call runs them all, and the results (verdict, port or group, output bytes
// in the same slot, parser error, digests from the ring) are read back.
// Compiled modules are cached per program; each dataplane has its own
// instance and memory.

import * as ir from "../../compiler/ir.js";
import { normaliseMulticastGroup } from "../../runtime/controlplane.js";
import type { Dataplane, PacketIn, PacketResult } from "../../runtime/dataplane.js";
import * as abi from "./abi.js";
import { Batches } from "./batch.js";
import { counterControls, meterControls, registerControls } from "./externs.js";
import { Heap } from "./heap.js";
import type { Layout } from "./layout.js";
import { WasmTable } from "./tables.js";
import { wasmApi, type WasmExports, type WasmModule } from "./webassembly.js";

export interface WasmOptions {
  /** Packets per `process` call (default 256). */
  readonly batchSize?: number;
}

/** A wasm Dataplane, with direct access to its batch loop for benchmarks. */
export interface WasmDataplane extends Dataplane {
  readonly raw: RawBatch;
}

/** Runs a fixed batch again and again without building results: what the module itself costs. */
export interface RawBatch {
  /** Copies packets into wasm memory as a batch image (up to the batch size). */
  stage(packets: readonly PacketIn[]): void;
  /** Restores the staged bytes and processes them; returns the packets processed. */
  run(): number;
}

interface Compiled {
  readonly module: WasmModule;
  readonly layout: Layout;
}

const cache = new WeakMap<ir.Program, Promise<Compiled>>();

function compiled(program: ir.Program): Promise<Compiled> {
  let p = cache.get(program);
  if (!p) {
    p = (async () => {
      const { generate } = await import("./codegen.js");
      const g = generate(program);
      return { module: await wasmApi.compile(g.binary), layout: g.layout };
    })();
    cache.set(program, p);
    p.catch(() => cache.delete(program));
  }
  return p;
}

/** The module's text form (`pnet compile --emit wat`). */
export async function emitWat(program: ir.Program): Promise<string> {
  const { generate } = await import("./codegen.js");
  return generate(program, { text: true }).text!;
}

/** The module's binary. */
export async function emitWasm(program: ir.Program): Promise<Uint8Array> {
  const { generate } = await import("./codegen.js");
  return generate(program).binary;
}

export async function createWasmDataplane(program: ir.Program, options: WasmOptions = {}): Promise<WasmDataplane> {
  const { module, layout } = await compiled(program);
  const batchSize = Math.max(1, options.batchSize ?? 256);
  const exports: WasmExports = new wasmApi.Instance(module, {}).exports;
  const heap = new Heap(exports.memory, layout.heapBase);
  const tables = layout.tables.map((t) => new WasmTable(program, heap, t));
  const batches = new Batches(program, layout, heap, exports);

  const process = (packets: readonly PacketIn[]): PacketResult[] => {
    const results: PacketResult[] = [];
    for (let first = 0; first < packets.length; ) first += batches.run(packets, first, Math.min(batchSize, packets.length - first), results);
    return results;
  };

  let staged: { image: Uint8Array; ptr: number; count: number; stride: number } | undefined;
  const raw: RawBatch = {
    stage: (packets) => {
      const count = Math.min(batchSize, packets.length);
      const { ptr, stride } = batches.stage(packets, 0, count);
      staged = { image: heap.u8().slice(ptr, ptr + count * (abi.DESC_SIZE + stride)), ptr, count, stride };
    },
    run: () => {
      if (!staged) throw new Error("raw.run: stage a batch first");
      heap.u8().set(staged.image, staged.ptr);
      exports.digest_count.value = 0;
      return exports.process(staged.ptr, staged.count, staged.stride);
    },
  };

  return {
    target: "wasm",
    program,
    process,
    raw,
    tables: Object.fromEntries(tables.map((t) => [t.t.table.name, t.control()])),
    counters: counterControls(heap, layout),
    registers: registerControls(heap, layout),
    meters: meterControls(heap, layout),
    setMulticastGroup: (group, ports) => {
      const g = normaliseMulticastGroup(group, ports);
      batches.setGroup(g.group, g.ports);
    },
    close: async () => {},
  };
}
