// Running bpftool (and mounting the BPF filesystem) for the kernel path. The
// bpf() system call is not reachable from Node without a native addon, so
// every kernel operation — loading, map updates, test runs — goes through
// bpftool, in batches where it can.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

export const BPFFS = "/sys/fs/bpf";

export class BpftoolError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`bpftool ${args.slice(0, 4).join(" ")}… failed: ${lastLines(stderr, 12)}`);
    this.name = "BpftoolError";
  }
}

function lastLines(text: string, n: number): string {
  return text.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("Warning: bpftool is now running") && !l.startsWith("If it used to work")).slice(-n).join("\n");
}

/** Runs bpftool; throws BpftoolError with its stderr on failure. */
export function bpftool(args: readonly string[]): string {
  try {
    return execFileSync("bpftool", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  } catch (e) {
    // with -j, bpftool reports errors as JSON on stdout
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new BpftoolError(args, [err.stderr, err.stdout].filter(Boolean).join("\n") || err.message);
  }
}

/** Runs bpftool with JSON output. */
export function bpftoolJson<T>(args: readonly string[]): T {
  return JSON.parse(bpftool(["-j", ...args])) as T;
}

/** Makes sure a BPF filesystem is mounted at /sys/fs/bpf (mounting one if needed: pins live there). */
export function ensureBpffs(): void {
  const mounts = existsSync("/proc/mounts") ? readFileSync("/proc/mounts", "utf8") : "";
  if (mounts.split("\n").some((l) => l.split(" ")[1] === BPFFS && l.split(" ")[2] === "bpf")) return;
  execFileSync("mount", ["-t", "bpf", "bpf", BPFFS], { stdio: ["ignore", "pipe", "pipe"] });
}

/** bpftool's hex byte list: ["hex", "0a", "00", …]. */
export function hexArgs(bytes: Uint8Array): string[] {
  return ["hex", ...Array.from(bytes, (b) => b.toString(16).padStart(2, "0"))];
}

/** bpftool prints bytes as "0x0a" strings. */
export function fromHexList(list: readonly string[]): Uint8Array {
  return new Uint8Array(list.map((s) => parseInt(s, 16)));
}
