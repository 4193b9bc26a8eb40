// The XDP environment of the emulator ("host-kernel filter emulator"): loads
// an ELF object with the ELF reader, creates its maps, resolves the LDDW
// relocations to map handles, registers the helpers the backend uses with
// the VM, and runs packets through `struct xdp_md` contexts laid out as the
// kernel's BPF_PROG_TEST_RUN lays them out (256 bytes of headroom, optional
// metadata before `data`), so adjust_head behaves alike.

import { readObject } from "../elf/reader.js";
import type { EbpfObject } from "../elf/object.js";
import { HelperTable } from "../vm/helpers.js";
import { lddw, type Insn } from "../vm/isa.js";
import { Machine } from "../vm/machine.js";
import { Memory, type Region } from "../vm/memory.js";
import { BPF_F_BROADCAST, BPF_F_EXCLUDE_INGRESS, Helper, XdpAction, XdpMd } from "../codegen/helpers.js";
import { createMap, DevMap, Errno, RingBufMap, type BpfMap } from "./maps.js";

/** Headroom before `data`, as in the kernel's XDP test runs (XDP_PACKET_HEADROOM). */
export const HEADROOM = 256;
/** sizeof(struct xdp_frame): adjust_head may not move `data` (minus metadata) closer to the buffer start. */
const XDP_FRAME_BYTES = 40;
const ETH_HLEN = 14;
/** bpf_ringbuf_output's only flags, BPF_RB_NO_WAKEUP and BPF_RB_FORCE_WAKEUP (wake-ups mean nothing here). */
const RINGBUF_WAKEUP_FLAGS = 3n;
/** Map handles are numbers no address can equal (the address space is below 2^32). */
const HANDLE_BASE = 0xbf00_0000_0000n;

export interface XdpInput {
  readonly data: Uint8Array;
  /** Bytes placed between data_meta and data (a multiple of 4, at most 32). */
  readonly meta?: Uint8Array;
  readonly ingressIfindex?: number;
  /** What bpf_ktime_get_ns() returns during this run. */
  readonly nowNs?: bigint;
}

export type Redirect =
  | { readonly kind: "port"; readonly ifindex: number }
  | { readonly kind: "broadcast"; readonly map: string; readonly excludeIngress: boolean };

export interface XdpOutput {
  /** The XDP action returned (XdpAction). */
  readonly action: number;
  /** The packet between data and data_end after the run. */
  readonly data: Uint8Array;
  /** The metadata between data_meta and data after the run. */
  readonly meta: Uint8Array;
  readonly redirect?: Redirect;
  readonly steps: number;
}

export class XdpFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XdpFault";
  }
}

interface Frame {
  region: Region;
  /** Offsets in the region. */
  meta: number;
  data: number;
  end: number;
  redirect?: Redirect;
}

export class XdpEnvironment {
  readonly memory = new Memory();
  readonly maps = new Map<string, BpfMap>();
  readonly object: EbpfObject;
  readonly insns: readonly Insn[];
  readonly helpers = new HelperTable();
  private readonly machine: Machine;
  private readonly byHandle = new Map<bigint, BpfMap>();
  private readonly ctx: Region;
  private frame: Frame | undefined;
  private now = 0n;

  constructor(elf: Uint8Array) {
    this.object = readObject(elf, "xdp");
    this.object.maps.forEach((def, i) => {
      const map = createMap(def, this.memory);
      this.maps.set(def.name, map);
      this.byHandle.set(HANDLE_BASE + BigInt(i), map);
    });
    const insns = [...this.object.insns];
    const handleOf = new Map(this.object.maps.map((m, i) => [m.name, HANDLE_BASE + BigInt(i)]));
    for (const r of this.object.relocs) {
      const [a, b] = lddw(insns[r.insn]!.dst, handleOf.get(r.map)!);
      insns[r.insn] = a;
      insns[r.insn + 1] = b;
    }
    this.insns = insns;
    this.registerHelpers();
    this.machine = new Machine(insns, { helpers: this.helpers, memory: this.memory });
    this.ctx = this.memory.map("ctx", new Uint8Array(XdpMd.BYTES), { writable: false });
  }

  map(name: string): BpfMap {
    const m = this.maps.get(name);
    if (!m) throw new Error(`the object has no map named '${name}'`);
    return m;
  }

  run(input: XdpInput): XdpOutput {
    const meta = input.meta ?? new Uint8Array(0);
    const bytes = new Uint8Array(HEADROOM + input.data.length);
    const data = HEADROOM;
    bytes.set(meta, data - meta.length);
    bytes.set(input.data, data);
    const region = this.memory.map("packet", bytes);
    this.frame = { region, meta: data - meta.length, data, end: data + input.data.length };
    this.now = input.nowNs ?? 0n;
    const ctx = new DataView(this.ctx.bytes.buffer);
    ctx.setUint32(XdpMd.INGRESS_IFINDEX, input.ingressIfindex ?? 0, true);
    ctx.setUint32(XdpMd.RX_QUEUE_INDEX, 0, true);
    ctx.setUint32(XdpMd.EGRESS_IFINDEX, 0, true);
    this.writeCtx();
    try {
      const result = this.machine.run(BigInt(this.ctx.base));
      if (!result.ok) throw new XdpFault(`the XDP program faulted: ${result.fault.message}`);
      const f = this.frame;
      return {
        action: Number(result.r0),
        data: bytes.slice(f.data, f.end),
        meta: bytes.slice(f.meta, f.data),
        ...(f.redirect ? { redirect: f.redirect } : {}),
        steps: result.steps,
      };
    } finally {
      this.memory.unmap(region);
      this.frame = undefined;
    }
  }

  private writeCtx(): void {
    const f = this.frame!;
    const ctx = new DataView(this.ctx.bytes.buffer);
    ctx.setUint32(XdpMd.DATA, f.region.base + f.data, true);
    ctx.setUint32(XdpMd.DATA_END, f.region.base + f.end, true);
    ctx.setUint32(XdpMd.DATA_META, f.region.base + f.meta, true);
  }

  private mapOf(handle: bigint): BpfMap {
    const m = this.byHandle.get(handle);
    if (!m) throw new Error(`0x${handle.toString(16)} is not a map`);
    return m;
  }

  private registerHelpers(): void {
    const h = this.helpers;
    const mem = this.memory;
    h.register(Helper.map_lookup_elem, "map_lookup_elem", (r1, r2) => {
      const m = this.mapOf(r1);
      return m.lookup(mem.view(r2, m.def.keySize));
    });
    h.register(Helper.map_update_elem, "map_update_elem", (r1, r2, r3, r4) => {
      const m = this.mapOf(r1);
      return m.update(mem.view(r2, m.def.keySize), mem.view(r3, m.def.valueSize), Number(r4));
    });
    h.register(Helper.map_delete_elem, "map_delete_elem", (r1, r2) => {
      const m = this.mapOf(r1);
      return m.delete(mem.view(r2, m.def.keySize));
    });
    h.register(Helper.ringbuf_output, "ringbuf_output", (r1, r2, r3, r4) => {
      const m = this.mapOf(r1);
      if (!(m instanceof RingBufMap) || r4 & ~RINGBUF_WAKEUP_FLAGS) return -Errno.EINVAL;
      return m.output(r3 === 0n ? new Uint8Array(0) : mem.view(r2, Number(r3)));
    });
    h.register(Helper.ktime_get_ns, "ktime_get_ns", () => this.now);
    h.register(Helper.xdp_adjust_head, "xdp_adjust_head", (_ctx, r2) => {
      const f = this.frame!;
      const delta = Number(BigInt.asIntN(32, r2));
      const metalen = f.data - f.meta;
      const data = f.data + delta;
      if (data < XDP_FRAME_BYTES + metalen || data > f.end - ETH_HLEN) return -Errno.EINVAL;
      const bytes = f.region.bytes;
      if (metalen > 0) bytes.copyWithin(f.meta + delta, f.meta, f.data);
      f.meta += delta;
      f.data = data;
      this.writeCtx();
      return 0;
    });
    h.register(Helper.redirect_map, "redirect_map", (r1, r2, r3) => {
      const m = this.mapOf(r1);
      const flags = Number(r3);
      if (!(m instanceof DevMap)) return flags & 3;
      if (flags & BPF_F_BROADCAST) {
        this.frame!.redirect = { kind: "broadcast", map: m.def.name, excludeIngress: (flags & BPF_F_EXCLUDE_INGRESS) !== 0 };
        return XdpAction.REDIRECT;
      }
      const ifindex = m.target(Number(r2 & 0xffffffffn));
      if (ifindex === undefined) return flags & 3;
      this.frame!.redirect = { kind: "port", ifindex };
      return XdpAction.REDIRECT;
    });
  }
}
