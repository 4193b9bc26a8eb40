// Issue 4's comparison: the wasm target against the same program JIT-compiled
// in the kernel, as the router's LPM tables grow (1k, 10k, 100k IPv4 routes;
// 10k IPv6 routes more at the largest size). The same seeded routes and next
// hops go into both; traffic is IPv4 to random installed routes. wasm: the
// whole Dataplane.process path and the module alone ("raw"), batches of 256.
// Kernel: `bpftool prog run … repeat N` on single packets, median over several;
// only up to KERNEL_MAX_ROUTES (see below).
// BPF_PROG_TEST_RUN repeats a packet on the same buffer, so a routed packet's
// first run rewrites its destination MAC and every later run drops it at
// router_mac (no LPM); packets sent with TTL 1 are left unchanged (LPM lookup,
// then to_host) and take the same path on every run, on both targets: they
// give the like-for-like ratio.
// Run: npm run build && node dist/bench/lpm-scale.js   (or bench/run.ts calls main()).

import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { compile } from "../compiler/compile.js";
import type * as ir from "../compiler/ir.js";
import { eth, makeRng, type Rng } from "../runtime/craft.js";
import type { Dataplane, PacketIn } from "../runtime/dataplane.js";
import { compileEbpf, generateEbpf } from "../targets/ebpf/index.js";
import { kernelAvailability } from "../targets/ebpf/kernel/available.js";
import { KernelBackend } from "../targets/ebpf/kernel/runner.js";
import { createDataplane } from "../targets/ebpf/xdp/dataplane.js";
import { createWasmDataplane } from "../targets/wasm/index.js";
import { metaFor } from "./ebpf.js";
import { addNew, bytesOf, nsPerPacket as timeRuns, printTable, randomRoutes, repoRoot, type Route } from "./util.js";

const nsPerPacket = (run: () => void, packets: number): number => timeRuns(run, packets, MEASURE_MS);

const SIZES = [1_000, 5_000, 10_000, 100_000];
/**
 * The kernel is measured up to this many routes. Its control plane writes just
 * the changed key on every add (targets/ebpf/xdp/dataplane.ts, TableMirror.apply),
 * so installing is linear: 10k routes ~0.8 s, 100k ~9 s, bpftool batch included
 * (it was quadratic before, re-encoding the whole table per add: 10k took ~330 s).
 */
const KERNEL_MAX_ROUTES = 100_000;
const V6_ROUTES = 10_000; // added at the largest size only
const ROUTER_MAC = "02:00:00:00:00:fe"; // a const entry of router.pnet's router_mac table
const NEXT_HOPS = 16;
const BATCH = 256;
const KERNEL_REPEAT = 100_000;
const KERNEL_PACKETS = 9;
const MEASURE_MS = 400;


/** router.pnet with its LPM tables made big enough for the largest size. */
function routerProgram(): ir.Program {
  const file = join(repoRoot(), "examples", "router", "router.pnet");
  const source = readFileSync(file, "utf8").replace("size = 16_384;", "size = 131_072;").replace("size = 4096;", "size = 16_384;");
  const { program, diagnostics } = compile(source, { file });
  if (!program) throw new Error(`${file}: ${diagnostics.map((d) => d.message).join("; ")}`);
  return program;
}



function install(dp: Dataplane, v4: readonly Route[], v6: readonly Route[]): void {
  addNew(dp, "router_mac", { key: { "eth.dst": ROUTER_MAC }, action: "l3_interface" });
  for (let n = 1; n <= NEXT_HOPS; n++) addNew(dp, "nexthop", { key: { "meta.nexthop": n }, action: "set_l2", args: { port: n, smac: 0x0200000000fen, dmac: 0x020000000000n + BigInt(n) } });
  v4.forEach((x, i) => addNew(dp, "ipv4_lpm", { key: { "ip.dst": { kind: "lpm", value: x.value, prefixLength: x.length } }, action: "set_nexthop", args: { id: (i % NEXT_HOPS) + 1 } }));
  v6.forEach((x, i) => addNew(dp, "ipv6_lpm", { key: { "ipv6.dst": { kind: "lpm", value: x.value, prefixLength: x.length } }, action: "set_nexthop", args: { id: (i % NEXT_HOPS) + 1 } }));
}


/** IPv4 UDP frames to a random host of a random installed route (no route is a martian: 0/8, 127/8 … still match their prefix first). */
function traffic(rng: Rng, routes: readonly Route[], count: number, ttl: number): PacketIn[] {
  return Array.from({ length: count }, () => {
    const r = rng.pick(routes);
    const dst = r.value | (BigInt(rng.u32()) & ((1n << BigInt(32 - r.length)) - 1n));
    const data = eth({ src: "02:00:00:00:00:01", dst: ROUTER_MAC })
      .ipv4({ src: "192.0.2.1", dst: bytesOf(dst, 4), ttl })
      .udp({ srcPort: 1234, dstPort: 53 })
      .payload(new Uint8Array(18))
      .build();
    return { port: 0, data };
  });
}


const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;


interface WasmFigures {
  installMs: number;
  full: number;
  raw: number;
  rawTtl1: number;
  verdicts: string;
}

async function measureWasm(program: ir.Program, v4: readonly Route[], v6: readonly Route[], routed: PacketIn[], expiring: PacketIn[]): Promise<WasmFigures> {
  const dp = await createWasmDataplane(program, { batchSize: BATCH });
  try {
    const t0 = performance.now();
    install(dp, v4, v6);
    const installMs = performance.now() - t0;
    const counts = new Map<string, number>();
    for (const r of dp.process(routed)) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
    const full = nsPerPacket(() => dp.process(routed), routed.length);
    dp.raw.stage(routed);
    const raw = nsPerPacket(() => dp.raw.run(), routed.length);
    dp.raw.stage(expiring);
    const rawTtl1 = nsPerPacket(() => dp.raw.run(), expiring.length);
    return { installMs, full, raw, rawTtl1, verdicts: [...counts].map(([v, n]) => `${v} ${n}`).join(", ") };
  } finally {
    await dp.close();
  }
}

interface KernelFigures {
  installMs: number;
  routed: number;
  ttl1: number;
}

/** The router in the kernel (what createEbpfDataplane(…, { mode: "kernel" }) builds, keeping the backend for repeat runs). */
async function measureKernel(program: ir.Program, v4: readonly Route[], v6: readonly Route[], routed: PacketIn[], expiring: PacketIn[]): Promise<KernelFigures> {
  const { generated } = generateEbpf(program);
  const backend = await KernelBackend.load(compileEbpf(program).object);
  try {
    const dp = createDataplane(program, generated!.layout, backend);
    const t0 = performance.now();
    install(dp, v4, v6);
    // Map updates are queued and written by `bpftool batch` before the next run: one run of one packet includes them.
    backend.runRepeated({ data: routed[0]!.data, meta: metaFor(routed[0]!) }, 1);
    const installMs = performance.now() - t0;
    const ns = (packets: PacketIn[]): number => median(packets.map((p) => backend.runRepeated({ data: p.data, meta: metaFor(p) }, KERNEL_REPEAT).ns));
    return { installMs, routed: ns(routed), ttl1: ns(expiring) };
  } finally {
    await backend.close();
  }
}

const fmt = (ns: number): string => (ns >= 100 ? ns.toFixed(0) : ns.toFixed(1));
const secs = (ms: number): string => (ms / 1000).toFixed(2);

export async function main(): Promise<void> {
  const kernelWhy = kernelAvailability();
  const rng = makeRng(4);
  const program = routerProgram();
  const all = randomRoutes(rng, SIZES[SIZES.length - 1]!, 32);
  const v6All = randomRoutes(rng, V6_ROUTES, 128);
  const rows: string[][] = [[
    "IPv4 routes", "IPv6", "install wasm s", "install kernel s", "wasm full", "wasm raw", "wasm raw TTL 1", "kernel TTL 1", "kernel routed*", "raw/kernel TTL 1", "full/kernel TTL 1", "wasm verdicts",
  ]];
  for (const size of SIZES) {
    const v4 = all.slice(0, size);
    const v6 = size === SIZES[SIZES.length - 1] ? v6All : [];
    // The same seed twice: the same destinations, with TTL 64 and with TTL 1.
    const routed = traffic(makeRng(size), v4, BATCH, 64);
    const expiring = traffic(makeRng(size), v4, BATCH, 1);
    const w = await measureWasm(program, v4, v6, routed, expiring);
    const k = kernelWhy || size > KERNEL_MAX_ROUTES ? undefined : await measureKernel(program, v4, v6, routed.slice(0, KERNEL_PACKETS), expiring.slice(0, KERNEL_PACKETS));
    rows.push([
      size.toLocaleString("en-US"), v6.length.toLocaleString("en-US"), secs(w.installMs), k ? secs(k.installMs) : "-",
      fmt(w.full), fmt(w.raw), fmt(w.rawTtl1), k ? fmt(k.ttl1) : "-", k ? fmt(k.routed) : "-",
      k ? (w.rawTtl1 / k.ttl1).toFixed(2) : "-", k ? (w.full / k.ttl1).toFixed(2) : "-", w.verdicts,
    ]);
    console.error(`lpm-scale: ${rows[rows.length - 1]!.join(" | ")}`); // progress: the whole suite takes minutes
  }
  printTable(
    `Router LPM scale, wasm vs the kernel (JIT): ns/packet on IPv4 traffic to random installed routes; wasm batches of ${BATCH}; ` +
      (kernelWhy
        ? `kernel not measured: ${kernelWhy}`
        : `kernel ("-" above ${KERNEL_MAX_ROUTES.toLocaleString("en-US")} routes): median of ${KERNEL_PACKETS} packets, each bpftool prog run repeat ${KERNEL_REPEAT.toLocaleString("en-US")}. ` +
          "* the kernel repeats a packet on one buffer: the first run rewrites a routed packet's destination MAC, so later runs drop it at router_mac without an LPM lookup; TTL 1 packets take the LPM-then-to_host path on every run on both targets"),
    rows,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
