// The wasm target: createWasmDataplane(program) compiles the program to a
// WebAssembly module (codegen.ts, loaded lazily because binaryen is slow to
// import), instantiates it and puts it behind the common Dataplane interface.
//
// Packets are processed in batches inside wasm memory (abi.ts): TypeScript
// copies a batch's packets into slots with headroom, one `process` call runs
// them all, and the results (verdict, port or group, output bytes in the same
// slot, parser error, digests from the ring) are read back. Compiled modules
// are cached per program; each dataplane has its own instance and memory.

import * as ir from "../../compiler/ir.js";
import { checkPacketIn, normaliseMulticastGroup } from "../../runtime/controlplane.js";
import type { Dataplane, DigestMessage, PacketIn, PacketOut, PacketResult } from "../../runtime/dataplane.js";
import * as abi from "./abi.js";
import { counterControls, meterControls, registerControls } from "./externs.js";
import { Heap } from "./heap.js";
import type { Layout } from "./layout.js";
import { readValue } from "./table-records.js";
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

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

export async function createWasmDataplane(program: ir.Program, options: WasmOptions = {}): Promise<WasmDataplane> {
  const { module, layout } = await compiled(program);
  const batchSize = Math.max(1, options.batchSize ?? 256);
  const exports: WasmExports = new wasmApi.Instance(module, {}).exports;
  const heap = new Heap(exports.memory, layout.heapBase);
  const tables = layout.tables.map((t) => new WasmTable(program, heap, t));
  const groups = new Map<number, readonly number[]>();
  let area = { ptr: 0, bytes: 0 };

  /** Room for `count` descriptors and slots of `stride` bytes. */
  const reserve = (count: number, stride: number): number => {
    const bytes = count * (abi.DESC_SIZE + stride);
    if (bytes > area.bytes) {
      if (area.bytes > 0) heap.release(area.ptr, area.bytes);
      area = { ptr: heap.alloc(bytes), bytes };
    }
    return area.ptr;
  };

  /** Writes a batch into wasm memory; returns where the slots start and their stride. */
  const stage = (packets: readonly PacketIn[], first: number, count: number): { ptr: number; stride: number } => {
    let longest = 0;
    for (let i = 0; i < count; i++) longest = Math.max(longest, checkPacketIn(packets[first + i]!, first + i).data.length);
    const stride = align8(layout.headroom + longest + 8);
    const ptr = reserve(count, stride);
    const u8 = heap.u8();
    const dv = heap.dv();
    const slots = ptr + count * abi.DESC_SIZE;
    for (let i = 0; i < count; i++) {
      const p = packets[first + i]!;
      const d = ptr + i * abi.DESC_SIZE;
      dv.setUint32(d + abi.D_LEN, p.data.length, true);
      dv.setUint32(d + abi.D_PORT, p.port, true);
      dv.setBigUint64(d + abi.D_TIMESTAMP, p.timestampNs ?? 0n, true);
      u8.set(p.data, slots + i * stride + layout.headroom);
    }
    return { ptr, stride };
  };

  const digestsOf = (count: number): DigestMessage[][] => {
    const out: DigestMessage[][] = Array.from({ length: count }, () => []);
    const n = exports.digest_count.value;
    const dv = heap.dv();
    for (let r = 0; r < n; r++) {
      const at = layout.digestBase + r * layout.digestRecordSize;
      const d = layout.digests[dv.getUint32(at + abi.DG_DIGEST, true)]!.def;
      const fields: Record<string, bigint> = {};
      d.fields.forEach((field, i) => (fields[field.name] = readValue(dv, at + abi.DG_VALUES + 16 * i, field.width)));
      out[dv.getUint32(at + abi.DG_PACKET, true)]?.push({ digest: d.name, fields });
    }
    return out;
  };

  const result = (p: PacketIn, d: number, data: number, digests: DigestMessage[]): PacketResult => {
    const dv = heap.dv();
    const verdict = abi.VERDICT_CODES[dv.getUint32(d + abi.D_VERDICT, true)] ?? "drop";
    const arg = dv.getUint32(d + abi.D_ARG, true);
    const parserError = program.errors[dv.getUint32(d + abi.D_PARSER_ERROR, true)] ?? "NoError";
    const none = { verdict, digests, parserError, outputs: [] as PacketOut[], toHost: [] as Uint8Array[] };
    if (verdict === "drop") return none;
    const start = data + dv.getInt32(d + abi.D_OUT_START, true);
    const bytes = heap.u8().slice(start, start + dv.getUint32(d + abi.D_OUT_LEN, true));
    switch (verdict) {
      case "to_host":
        return { ...none, toHost: [bytes] };
      case "forward":
        return { ...none, outputs: [{ port: arg, data: bytes }] };
      case "bounce":
        return { ...none, outputs: [{ port: p.port, data: bytes }] };
      case "multicast": {
        const ports = (groups.get(arg) ?? []).filter((port) => port !== p.port);
        return { ...none, outputs: ports.map((port, i) => ({ port, data: i === 0 ? bytes : bytes.slice() })) };
      }
    }
  };

  const process = (packets: readonly PacketIn[]): PacketResult[] => {
    const results: PacketResult[] = [];
    let first = 0;
    while (first < packets.length) {
      const count = Math.min(batchSize, packets.length - first);
      const { ptr, stride } = stage(packets, first, count);
      exports.digest_count.value = 0;
      const done = exports.process(ptr, count, stride);
      const digests = digestsOf(count);
      const slots = ptr + count * abi.DESC_SIZE + layout.headroom;
      for (let i = 0; i < done; i++) results.push(result(packets[first + i]!, ptr + i * abi.DESC_SIZE, slots + i * stride, digests[i]!));
      first += done;
    }
    return results;
  };

  let staged: { image: Uint8Array; ptr: number; count: number; stride: number } | undefined;
  const raw: RawBatch = {
    stage: (packets) => {
      const count = Math.min(batchSize, packets.length);
      const { ptr, stride } = stage(packets, 0, count);
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
      if (g.ports.length === 0) groups.delete(g.group);
      else groups.set(g.group, g.ports);
    },
    close: async () => {},
  };
}
