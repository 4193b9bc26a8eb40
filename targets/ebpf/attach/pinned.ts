// The eBPF Dataplane's Backend over the pinned maps of a program attached to
// an interface. Writes are queued and applied in one `bpftool batch` by
// commit(); reads dump the map (`bpftool map dump`). While `replaying`, writes
// are dropped: replaying the control-plane log only rebuilds the Dataplane's
// bookkeeping, the maps already hold the result. Packets come from the wire,
// so run() is refused.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bpftool, bpftoolJson, fromHexList, hexArgs } from "../kernel/bpftool.js";
import type { Backend, RunOutput } from "../xdp/backend.js";

/** bpftool batch reads lines of at most 64 KiB. */
const BATCH_LINE_MAX = 60_000;

export class PinnedMapsBackend implements Backend {
  readonly mode = "kernel";
  replaying = false;
  private pending: string[][] = [];

  constructor(private readonly mapDir: string) {}

  private pin(map: string): string {
    return join(this.mapDir, map);
  }

  update(map: string, key: Uint8Array, value: Uint8Array): void {
    if (!this.replaying) this.pending.push(["map", "update", "pinned", this.pin(map), "key", ...hexArgs(key), "value", ...hexArgs(value)]);
  }

  delete(map: string, key: Uint8Array): void {
    if (!this.replaying) this.pending.push(["map", "delete", "pinned", this.pin(map), "key", ...hexArgs(key)]);
  }

  /** Drops the queued writes (a command the control plane refused queues none, but be sure). */
  discard(): void {
    this.pending = [];
  }

  /** Applies the queued writes: lines that fit in one `bpftool batch`, longer ones one by one. */
  commit(): void {
    const writes = this.pending;
    this.pending = [];
    const short = writes.filter((w) => w.join(" ").length <= BATCH_LINE_MAX);
    for (const w of writes) if (!short.includes(w)) bpftool(w);
    if (short.length === 0) return;
    const work = mkdtempSync(join(tmpdir(), "pnet-live-"));
    try {
      const file = join(work, "batch.txt");
      writeFileSync(file, short.map((w) => w.join(" ")).join("\n") + "\n");
      bpftool(["batch", "file", file]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  lookup(map: string, key: Uint8Array): Uint8Array | undefined {
    this.commit();
    type Entry = { key: string[]; value?: string[]; values?: { value: string[] }[] };
    const wanted = Buffer.from(key).toString("hex");
    for (const e of bpftoolJson<Entry[]>(["map", "dump", "pinned", this.pin(map)])) {
      if (Buffer.from(fromHexList(e.key)).toString("hex") === wanted) return fromHexList(e.value ?? e.values?.[0]?.value ?? []);
    }
    return undefined;
  }

  /** Digests of a live program are not collected (docs/ebpf-live.md). */
  pop(): Uint8Array | undefined {
    return undefined;
  }

  run(): RunOutput {
    throw new Error("a program attached to an interface takes its packets from the wire");
  }

  async close(): Promise<void> {
    this.pending = [];
  }
}
