// One batch of packets through wasm memory (the ABI of abi.ts), the hot path
// of every wasm Dataplane.process call. It exists apart from index.ts because
// its cost decides how much of the compiled speed reaches users: the module
// itself needs 50–150 ns a packet, so the TypeScript around it must stay far
// below that.
//
// Hence: descriptors are written and read through typed-array views fetched
// once per batch; each packet is copied in with one `set`; all output bytes of
// a batch (multicast copies included) are gathered with `copyWithin` into one
// scratch block in wasm memory and copied out with one `slice`, each output a
// view of it; empty lists are one shared frozen array; no BigInt unless the
// packet has a timestamp or a digest carries values.

import type * as ir from "../../compiler/ir.js";
import { checkPacketIn } from "../../runtime/controlplane.js";
import type { DigestMessage, PacketIn, PacketOut, PacketResult } from "../../runtime/dataplane.js";
import * as abi from "./abi.js";
import type { Heap } from "./heap.js";
import type { Layout } from "./layout.js";
import { readValue } from "./table-records.js";
import type { WasmExports } from "./webassembly.js";

const NONE: readonly never[] = Object.freeze([]);
const EMPTY = new ArrayBuffer(0);

// Descriptor fields as u32 indices from the descriptor's first word.
const W_DESC = abi.DESC_SIZE / 4;
const W_LEN = abi.D_LEN / 4;
const W_PORT = abi.D_PORT / 4;
const W_TIMESTAMP = abi.D_TIMESTAMP / 4;
const W_VERDICT = abi.D_VERDICT / 4;
const W_ARG = abi.D_ARG / 4;
const W_OUT_START = abi.D_OUT_START / 4;
const W_OUT_LEN = abi.D_OUT_LEN / 4;
const W_PARSER_ERROR = abi.D_PARSER_ERROR / 4;

const DROP = abi.VERDICT_CODES.indexOf("drop");
const TO_HOST = abi.VERDICT_CODES.indexOf("to_host");
const BOUNCE = abi.VERDICT_CODES.indexOf("bounce");
const MULTICAST = abi.VERDICT_CODES.indexOf("multicast");

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

interface Block {
  ptr: number;
  bytes: number;
}

export class Batches {
  /** Descriptors and slots of the current batch. */
  private area: Block = { ptr: 0, bytes: 0 };
  /** Where a batch's output bytes are gathered before they are copied out. */
  private out: Block = { ptr: 0, bytes: 0 };
  /** Per packet of the batch: where its first output starts in `out`. */
  private outAt = new Int32Array(0);
  private readonly groups = new Map<number, readonly number[]>();
  /** Group ports without the ingress port, by group · 2^16 + ingress port. */
  private readonly fanOuts = new Map<number, readonly number[]>();
  private readonly digestFields: readonly ir.Digest["fields"][];

  constructor(
    private readonly program: ir.Program,
    private readonly layout: Layout,
    private readonly heap: Heap,
    private readonly exports: WasmExports,
  ) {
    this.digestFields = layout.digests.map((d) => d.def.fields);
  }

  setGroup(group: number, ports: readonly number[]): void {
    if (ports.length === 0) this.groups.delete(group);
    else this.groups.set(group, ports);
    this.fanOuts.clear();
  }

  /** Validates packets[first, first+count) and writes them into wasm memory; returns where the batch is and its stride. */
  stage(packets: readonly PacketIn[], first: number, count: number): { ptr: number; stride: number } {
    let longest = 0;
    for (let i = 0; i < count; i++) {
      const n = checkPacketIn(packets[first + i]!, first + i).data.length;
      if (n > longest) longest = n;
    }
    const headroom = this.layout.headroom;
    const stride = align8(headroom + longest + 8);
    const ptr = this.reserve(this.area, count * (abi.DESC_SIZE + stride));
    const heap = this.heap;
    const u8 = heap.u8();
    const u32 = heap.u32();
    let u64: BigUint64Array | undefined;
    let d = ptr >> 2;
    let slot = ptr + count * abi.DESC_SIZE + headroom;
    for (let i = 0; i < count; i++, d += W_DESC, slot += stride) {
      const p = packets[first + i]!;
      const data = p.data;
      u32[d + W_LEN] = data.length;
      u32[d + W_PORT] = p.port;
      const t = p.timestampNs;
      if (t === undefined) {
        u32[d + W_TIMESTAMP] = 0;
        u32[d + W_TIMESTAMP + 1] = 0;
      } else (u64 ??= heap.u64())[(d + W_TIMESTAMP) >> 1] = t;
      u8.set(data, slot);
    }
    return { ptr, stride };
  }

  /** Runs packets[first, first+count) and appends their results; returns how many were processed (fewer when the digest ring filled). */
  run(packets: readonly PacketIn[], first: number, count: number, results: PacketResult[]): number {
    const { ptr, stride } = this.stage(packets, first, count);
    this.exports.digest_count.value = 0;
    const done = this.exports.process(ptr, count, stride);
    const desc = ptr >> 2;
    const data = ptr + count * abi.DESC_SIZE + this.layout.headroom;

    // Sizes first (the scratch block may grow the memory), then gather the bytes.
    if (this.outAt.length < done) this.outAt = new Int32Array(Math.max(done, 256));
    const outAt = this.outAt;
    let u32 = this.heap.u32();
    let total = 0;
    for (let i = 0, d = desc; i < done; i++, d += W_DESC) {
      const verdict = u32[d + W_VERDICT]!;
      if (verdict === DROP) continue;
      outAt[i] = total;
      const copies = verdict === MULTICAST ? this.fanOut(u32[d + W_ARG]!, packets[first + i]!.port).length : 1;
      total += u32[d + W_OUT_LEN]! * copies;
    }
    let buffer = EMPTY;
    if (total > 0) {
      const out = this.reserve(this.out, total);
      const u8 = this.heap.u8();
      u32 = this.heap.u32();
      for (let i = 0, d = desc; i < done; i++, d += W_DESC) {
        const verdict = u32[d + W_VERDICT]!;
        if (verdict === DROP) continue;
        const start = data + i * stride + (u32[d + W_OUT_START]! | 0);
        const end = start + u32[d + W_OUT_LEN]!;
        const len = end - start;
        const copies = verdict === MULTICAST ? this.fanOut(u32[d + W_ARG]!, packets[first + i]!.port).length : 1;
        for (let c = 0, at = out + outAt[i]!; c < copies; c++, at += len) u8.copyWithin(at, start, end);
      }
      buffer = u8.slice(out, out + total).buffer;
    }

    const digests = this.exports.digest_count.value > 0 ? this.digests(done) : undefined;
    const verdicts = abi.VERDICT_CODES;
    const errors = this.program.errors;
    for (let i = 0, d = desc; i < done; i++, d += W_DESC) {
      const code = u32[d + W_VERDICT]!;
      const verdict = verdicts[code] ?? "drop";
      const parserError = errors[u32[d + W_PARSER_ERROR]!] ?? "NoError";
      const messages: readonly DigestMessage[] = digests?.[i] ?? NONE;
      let outputs: readonly PacketOut[] = NONE;
      let toHost: readonly Uint8Array[] = NONE;
      if (verdict !== "drop") {
        const len = u32[d + W_OUT_LEN]!;
        const at = outAt[i]!;
        if (code === MULTICAST) {
          const ports = this.fanOut(u32[d + W_ARG]!, packets[first + i]!.port);
          if (ports.length > 0) {
            const list: PacketOut[] = [];
            for (let c = 0; c < ports.length; c++) list.push({ port: ports[c]!, data: new Uint8Array(buffer, at + c * len, len) });
            outputs = list;
          }
        } else if (code === TO_HOST) toHost = [new Uint8Array(buffer, at, len)];
        else outputs = [{ port: code === BOUNCE ? packets[first + i]!.port : u32[d + W_ARG]!, data: new Uint8Array(buffer, at, len) }];
      }
      results.push({ verdict, digests: messages, parserError, outputs, toHost });
    }
    return done;
  }

  /** The ports a multicast to `group` from `ingress` goes out of: the group's, in order, except the ingress port. */
  private fanOut(group: number, ingress: number): readonly number[] {
    const key = group * 0x10000 + ingress;
    let ports = this.fanOuts.get(key);
    if (ports === undefined) {
      ports = (this.groups.get(group) ?? NONE).filter((p) => p !== ingress);
      this.fanOuts.set(key, ports);
    }
    return ports;
  }

  /** The batch's digests from the ring, by packet index (undefined: none). */
  private digests(done: number): (DigestMessage[] | undefined)[] {
    const out: (DigestMessage[] | undefined)[] = new Array(done);
    const n = this.exports.digest_count.value;
    const { digestBase, digestRecordSize, digests } = this.layout;
    const dv = this.heap.dv();
    const u32 = this.heap.u32();
    for (let r = 0, at = digestBase; r < n; r++, at += digestRecordSize) {
      const packet = u32[(at + abi.DG_PACKET) >> 2]!;
      const index = u32[(at + abi.DG_DIGEST) >> 2]!;
      if (packet >= done) continue;
      const defs = this.digestFields[index]!;
      const fields: Record<string, bigint> = {};
      for (let f = 0; f < defs.length; f++) fields[defs[f]!.name] = readValue(dv, at + abi.DG_VALUES + 16 * f, defs[f]!.width);
      (out[packet] ??= []).push({ digest: digests[index]!.def.name, fields });
    }
    return out;
  }

  /** `block`, grown to at least `bytes` (its contents are not kept). */
  private reserve(block: Block, bytes: number): number {
    if (bytes > block.bytes) {
      if (block.bytes > 0) this.heap.release(block.ptr, block.bytes);
      block.ptr = this.heap.alloc(bytes);
      block.bytes = bytes;
    }
    return block.ptr;
  }
}
