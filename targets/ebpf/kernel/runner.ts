// The real kernel as a backend: the object is loaded and pinned with
// `bpftool prog load … pinmaps DIR`, the control plane writes the pinned maps
// (`bpftool batch` for many updates, one command per update otherwise), and
// packets run through BPF_PROG_TEST_RUN (`bpftool prog run … data_in
// data_out ctx_in ctx_out`) with the pnet metadata in front of the packet, as
// the emulator runs them; digests are read from the pinned ring buffer by
// ringbuf-read.py (ringbuf.ts). close() removes every pin of a program it loaded.
// attach() takes a program pinned by someone else (pnet load's, attached to an
// interface: targets/ebpf/attach/) and leaves its pins alone; writes are then
// applied by commit() and can be switched off while a control-plane log is
// replayed.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TargetUnavailableError } from "../../../runtime/dataplane.js";
import { XdpMd } from "../codegen/helpers.js";
import type { XdpInput } from "../xdp/env.js";
import type { Backend, RunOutput } from "../xdp/backend.js";
import { BPFFS, bpftool, bpftoolJson, BpftoolError, ensureBpffs, fromHexList, hexArgs } from "./bpftool.js";
import { readRing } from "./ringbuf.js";

/** BPF_PROG_TEST_RUN refuses XDP packets shorter than an Ethernet header (ETH_HLEN). */
export const MIN_TEST_RUN_BYTES = 14;

/** bpftool batch reads lines of at most this many characters. */
const BATCH_LINE_MAX = 60_000;
let loaded = 0;

export class KernelBackend implements Backend {
  readonly mode = "kernel";
  /** While set, map writes are dropped (replaying a log only rebuilds the control plane's bookkeeping; the maps hold the result). */
  replaying = false;
  private pending: string[][] = [];
  /** Whole-map dumps read since the last change or run (reading counters one by one would spawn bpftool per index). */
  private readonly dumps = new Map<string, Map<string, Uint8Array>>();

  private constructor(
    readonly prog: string,
    readonly mapDir: string,
    /** Where test-run files go (made on the first run). */
    private work: string | undefined,
    /** Whether close() removes the pins (it loaded them). */
    private readonly owned: boolean,
  ) {}

  /** Loads `elf` into the kernel (the verifier runs now; its complaint is the error). */
  static async load(elf: Uint8Array): Promise<KernelBackend> {
    ensureBpffs();
    const id = `pnet_${process.pid}_${loaded++}_${Date.now().toString(36)}`;
    const work = mkdtempSync(join(tmpdir(), "pnet-ebpf-"));
    const prog = `${BPFFS}/${id}`;
    const mapDir = `${BPFFS}/${id}_maps`;
    const obj = join(work, "prog.o");
    writeFileSync(obj, elf);
    mkdirSync(mapDir);
    try {
      bpftool(["prog", "load", obj, prog, "type", "xdp", "pinmaps", mapDir]);
    } catch (e) {
      rmSync(mapDir, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
      throw e;
    }
    return new KernelBackend(prog, mapDir, work, true);
  }

  /** The program pinned at `prog` with its maps pinned in `mapDir`, loaded by someone else: close() leaves the pins. */
  static attach(prog: string, mapDir: string): KernelBackend {
    return new KernelBackend(prog, mapDir, undefined, false);
  }

  /**
   * Instructions the kernel verifier processed to accept `elf` (its "processed N insns"),
   * read from the verbose log of a throw-away load.
   */
  static verifierProcessed(elf: Uint8Array): number {
    ensureBpffs();
    const work = mkdtempSync(join(tmpdir(), "pnet-ebpf-"));
    const pin = `${BPFFS}/pnet_${process.pid}_verify_${loaded++}`;
    try {
      writeFileSync(join(work, "prog.o"), elf);
      const r = spawnSync("bpftool", ["-d", "prog", "load", join(work, "prog.o"), pin, "type", "xdp"], { encoding: "utf8", maxBuffer: 1 << 30 });
      const m = /processed (\d+) insns/.exec(r.stderr ?? "");
      if (r.status !== 0 || !m) throw new BpftoolError(["-d", "prog", "load"], r.stderr ?? "");
      return Number(m[1]);
    } finally {
      rmSync(pin, { force: true });
      rmSync(work, { recursive: true, force: true });
    }
  }

  private pin(map: string): string {
    return `${this.mapDir}/${map}`;
  }

  update(map: string, key: Uint8Array, value: Uint8Array): void {
    if (this.replaying) return;
    this.dumps.clear();
    this.pending.push(["map", "update", "pinned", this.pin(map), "key", ...hexArgs(key), "value", ...hexArgs(value)]);
  }

  delete(map: string, key: Uint8Array): void {
    if (this.replaying) return;
    this.dumps.clear();
    this.pending.push(["map", "delete", "pinned", this.pin(map), "key", ...hexArgs(key)]);
  }

  /** Drops the queued map changes (after the control plane refused a command). */
  discard(): void {
    this.pending = [];
  }

  /** Applies queued map changes now: short ones in one `bpftool batch`, long ones one by one (reads and runs do it first anyway). */
  commit(): void {
    if (this.pending.length === 0) return;
    const lines: string[] = [];
    for (const args of this.pending) {
      const line = args.join(" ");
      if (line.length <= BATCH_LINE_MAX) lines.push(line);
      else {
        this.batch(lines.splice(0));
        bpftool(args);
      }
    }
    this.batch(lines);
    this.pending = [];
  }

  private batch(lines: string[]): void {
    if (lines.length === 0) return;
    const dir = mkdtempSync(join(tmpdir(), "pnet-batch-"));
    try {
      const file = join(dir, "batch.txt");
      writeFileSync(file, lines.join("\n") + "\n");
      bpftool(["batch", "file", file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  lookup(map: string, key: Uint8Array): Uint8Array | undefined {
    this.commit();
    let dump = this.dumps.get(map);
    if (!dump) {
      type Entry = { key: string[]; value?: string[]; values?: { value: string[] }[] };
      const entries = bpftoolJson<Entry[]>(["map", "dump", "pinned", this.pin(map)]);
      dump = new Map(entries.map((e) => [Buffer.from(fromHexList(e.key)).toString("hex"), fromHexList(e.value ?? e.values?.[0]?.value ?? [])]));
      this.dumps.set(map, dump);
    }
    return dump.get(Buffer.from(key).toString("hex"))?.slice();
  }

  /** bpftool cannot read a ring buffer: ringbuf-read.py does (kernel/ringbuf.ts). */
  drain(map: string): Uint8Array[] {
    return readRing(this.pin(map));
  }

  run(input: XdpInput): RunOutput {
    return this.runRepeated(input, 1).output;
  }

  /** One BPF_PROG_TEST_RUN of `repeat` runs: the last run's output and the kernel's average ns per run. */
  runRepeated(input: XdpInput, repeat: number): { output: RunOutput; ns: number } {
    if (input.data.length < MIN_TEST_RUN_BYTES) {
      throw new TargetUnavailableError("kernel", `the kernel's BPF_PROG_TEST_RUN refuses XDP packets shorter than ${MIN_TEST_RUN_BYTES} bytes; this one has ${input.data.length} (run it in the emulator)`);
    }
    this.commit();
    this.dumps.clear();
    const meta = input.meta ?? new Uint8Array(0);
    const work = (this.work ??= mkdtempSync(join(tmpdir(), "pnet-ebpf-")));
    const files = { in: join(work, "in.bin"), out: join(work, "out.bin"), ctxIn: join(work, "ctx_in.bin"), ctxOut: join(work, "ctx_out.bin") };
    const data = new Uint8Array(meta.length + input.data.length);
    data.set(meta, 0);
    data.set(input.data, meta.length);
    writeFileSync(files.in, data);
    const ctx = new DataView(new ArrayBuffer(XdpMd.BYTES));
    ctx.setUint32(XdpMd.DATA, meta.length, true); // data_meta is 0: the metadata is the first bytes of data_in
    ctx.setUint32(XdpMd.DATA_END, data.length, true);
    writeFileSync(files.ctxIn, new Uint8Array(ctx.buffer));
    rmSync(files.out, { force: true });
    const r = bpftoolJson<{ retval: number; duration: number }>([
      "prog", "run", "pinned", this.prog,
      "data_in", files.in, "data_out", files.out, "data_size_out", String(data.length + 1024),
      "ctx_in", files.ctxIn, "ctx_out", files.ctxOut,
      "repeat", String(repeat),
    ]);
    const out = new Uint8Array(readFileSync(files.out));
    const cv = new DataView(new Uint8Array(readFileSync(files.ctxOut)).buffer);
    const start = cv.getUint32(XdpMd.DATA, true);
    const end = cv.getUint32(XdpMd.DATA_END, true);
    return { output: { action: r.retval, meta: out.slice(0, start), data: out.slice(start, end) }, ns: r.duration };
  }

  async close(): Promise<void> {
    this.pending = [];
    if (this.owned) {
      rmSync(this.prog, { force: true });
      rmSync(this.mapDir, { recursive: true, force: true });
    }
    if (this.work) rmSync(this.work, { recursive: true, force: true });
  }
}
