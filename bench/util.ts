// Shared bits of the benchmarks: where the repository is, the examples, and
// printing a table of results.

import { readdirSync, readFileSync, existsSync } from "node:fs";
import type { Rng } from "../runtime/craft.js";
import type { Dataplane, EntrySpec } from "../runtime/dataplane.js";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, whether running from bench/ (TypeScript) or dist/bench/ (compiled). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) dir = resolve(dir, "..");
  return dir;
}

export interface Example {
  readonly name: string;
  readonly file: string;
  readonly source: string;
}

export function examples(): Example[] {
  const root = join(repoRoot(), "examples");
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, `${d.name}.pnet`)))
    .map((d) => {
      const file = join(root, d.name, `${d.name}.pnet`);
      return { name: d.name, file, source: readFileSync(file, "utf8") };
    });
}

/** Prints rows as an aligned text table (first row is the header). */
export function printTable(title: string, rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${title}\n`);
  console.log(line(rows[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows.slice(1)) console.log(line(r));
}

/** Median time in ms of `runs` calls of fn, after `warmup` calls. */
export function medianMs(fn: () => void, runs = 20, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** ns per packet of `run`, which handles `packets` packets per call; runs for at least `ms` after one warm-up call. */
export function nsPerPacket(run: () => void, packets: number, ms = 400): number {
  run();
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < BigInt(ms) * 1_000_000n) {
    run();
    calls++;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / (calls * packets);
}

export interface Route {
  readonly value: bigint;
  readonly length: number;
}

/** `count` distinct random prefixes with realistic lengths: mostly /24 (IPv4) or /48 (IPv6). */
export function randomRoutes(rng: Rng, count: number, width: 32 | 128): Route[] {
  const seen = new Set<string>();
  const out: Route[] = [];
  while (out.length < count) {
    const length = width === 32 ? rng.pick([8, 16, 20, 22, 23, 24, 24, 24, 24, 24, 32]) : rng.pick([32, 40, 44, 48, 48, 48, 56, 64]);
    let v = width === 32 ? BigInt(rng.u32()) : (0x2001_0db8n << 96n) | (BigInt(rng.u32()) << 64n) | (BigInt(rng.u32()) << 32n);
    v &= ((1n << BigInt(length)) - 1n) << BigInt(width - length);
    const key = `${v}/${length}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ value: v, length });
    }
  }
  return out;
}

/** Adds an entry unless the program already has one with that key (router.pnet has const entries). */
export function addNew(dp: Dataplane, table: string, entry: EntrySpec): void {
  try {
    dp.tables[table]!.add(entry);
  } catch (e) {
    if ((e as { code?: string }).code !== "duplicate-entry") throw e;
  }
}

/** `v` as `n` big-endian bytes. */
export const bytesOf = (v: bigint, n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => Number((v >> BigInt(8 * (n - 1 - i))) & 0xffn));

/**
 * `count` random rules for examples/acl's table (the wasm and ebpf benchmarks'
 * "ACL with N rules"): ternary source (/0, /8, /16, /24, /32) and destination
 * (/8 … /32) prefixes, TCP or UDP, any source port, a destination port range
 * of up to 1,000 ports, 50 priority levels — 20 distinct masks.
 */
export function aclRules(rng: Rng, count: number): EntrySpec[] {
  const m = (l: number): bigint => (l === 0 ? 0n : BigInt((0xffffffff << (32 - l)) >>> 0));
  return Array.from({ length: count }, (_, n) => {
    const srcLen = rng.pick([0, 8, 16, 24, 32]);
    const dstLen = rng.pick([8, 16, 24, 32]);
    const lo = rng.int(0, 60000);
    return {
      key: {
        "std.ingress_port": "*",
        "ip.src": { kind: "ternary" as const, value: BigInt(rng.u32()) & m(srcLen), mask: m(srcLen) },
        "ip.dst": { kind: "ternary" as const, value: BigInt(rng.u32()) & m(dstLen), mask: m(dstLen) },
        "ip.protocol": rng.chance(0.5) ? "0x06&&&0xff" : "0x11&&&0xff",
        "meta.l4_src": "0..65535",
        "meta.l4_dst": `${lo}..${lo + rng.int(0, 1000)}`,
      },
      action: rng.pick(["permit", "deny", "log_to_host"]),
      priority: n % 50,
    };
  });
}
