// Reading a pinned ring buffer (the digests of a loaded program) through
// ringbuf-read.py: Node can neither call bpf(2) nor mmap a map, and bpftool
// cannot read ring buffers. The script ships with pnet's sources; python3 (its
// standard library only) runs it. Where either is missing, ringReaderAvailability
// says why and nothing here is used.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The script beside this module (sources run directly), or in the source tree beside dist/ (as targets/rmt finds its profiles). */
function findScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, "ringbuf-read.py"), join(here, "..", "..", "..", "..", "targets", "ebpf", "kernel", "ringbuf-read.py")].find((f) => existsSync(f));
}

let cached: { python: string; script: string } | { reason: string } | undefined;

function probe(): { python: string; script: string } | { reason: string } {
  const script = findScript();
  if (!script) return { reason: "ringbuf-read.py is not found beside pnet's code (copy targets/ebpf/kernel/ringbuf-read.py next to ringbuf.js)" };
  // The interpreter's real path: a version manager's python3 shim costs ~100 ms a start, the interpreter ~20.
  const r = spawnSync("python3", ["-c", "import ctypes, mmap, select, sys; print(sys.executable)"], { encoding: "utf8", timeout: 10_000 });
  if (r.error || r.status !== 0) return { reason: "python3 (needed to read the digest ring buffer) is not installed" };
  return { python: r.stdout.trim() || "python3", script };
}

/** Undefined when ring buffers can be read here; otherwise the reason they cannot. */
export function ringReaderAvailability(): string | undefined {
  cached ??= probe();
  return "reason" in cached ? cached.reason : undefined;
}

function reader(): { python: string; script: string } {
  cached ??= probe();
  if ("reason" in cached) throw new RingReadError(cached.reason);
  return cached;
}

export class RingReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RingReadError";
  }
}

const records = (out: string): Uint8Array[] => out.split("\n").filter((l) => l !== "").map((l) => new Uint8Array(Buffer.from(l, "hex")));

/** Every record of the ring buffer pinned at `pin` not read yet, oldest first; they are consumed. */
export function readRing(pin: string): Uint8Array[] {
  const { python, script } = reader();
  const r = spawnSync(python, ["-I", "-S", script, pin], { encoding: "utf8", timeout: 30_000, maxBuffer: 1 << 30 });
  if (r.error) throw new RingReadError(`reading ${pin}: ${r.error.message}`);
  if (r.status !== 0) throw new RingReadError((r.stderr || `the ring buffer reader exited ${r.status}`).trim());
  return records(r.stdout);
}

/** Calls `onRecord` for each record of the ring buffer as it comes, until the returned process is killed. */
export function followRing(pin: string, onRecord: (record: Uint8Array) => void): ChildProcess {
  const { python, script } = reader();
  const child = spawn(python, ["-I", "-S", script, pin, "--follow"], { stdio: ["ignore", "pipe", "pipe"] });
  let pending = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (text: string) => {
    const lines = (pending + text).split("\n");
    pending = lines.pop()!;
    for (const r of records(lines.join("\n"))) onRecord(r);
  });
  return child;
}
