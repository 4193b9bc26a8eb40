// The eBPF target's benchmark, side by side with the other ways pnet runs a
// program and with a hand-written C XDP router (bench/c/router.c):
//   1. per example: instructions in the object, maps, instructions the kernel
//      verifier processed to accept it, VM instructions per packet, and
//      ns/packet in the kernel (JIT, BPF_PROG_TEST_RUN via `bpftool prog run
//      … repeat N`), pnet's eBPF emulator, wasm and the interpreter, with each
//      one's ratio to the kernel — the example's .stf packets (those of at
//      least 14 bytes, which the kernel's test runs take) with its entries.stf
//      installed in every one of them, the timed kernel copy included, so
//      tables hit;
//   2. acl's priority table with its entries and with 100 and 1,000 random
//      rules: kernel ns/packet, VM instructions per packet (alone: npm run
//      bench -- acl-scale);
//   3. time to compile each example's source to an object (pnet) and router.c
//      (clang -O2 -g -target bpf -mcpu=v3 -c; -g because libbpf wants BTF
//      for the maps);
//   4. router: pnet's object against the C one — file size, instructions in
//      the xdp section, kernel ns/packet on the same packets, both run as
//      on an interface (no pnet metadata; ifindex 1 is port 1).
// Kernel columns need root and bpftool; the C rows need clang (and
// linux/bpf.h, bpf/bpf_helpers.h: libbpf-dev). Missing tools leave a row
// saying so. Run: npm run build && node dist/bench/ebpf.js (or npm run bench -- ebpf).

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile } from "../compiler/compile.js";
import type * as ir from "../compiler/ir.js";
import { makeRng, randomPacket } from "../runtime/craft.js";
import type { Dataplane, PacketIn } from "../runtime/dataplane.js";
import { load } from "../runtime/load.js";
import { parseMac } from "../runtime/values.js";
import { parseStf, type StfCommand } from "../runtime/stf/parse.js";
import { applyEntriesFile } from "../runtime/stf/run.js";
import { META } from "../targets/ebpf/codegen/layout.js";
import { parseElf } from "../targets/ebpf/elf/reader.js";
import { compileEbpf, createEbpfDataplane, generateEbpf } from "../targets/ebpf/index.js";
import { kernelAvailability } from "../targets/ebpf/kernel/available.js";
import { KernelBackend, MIN_TEST_RUN_BYTES } from "../targets/ebpf/kernel/runner.js";
import { XdpAction } from "../targets/ebpf/codegen/helpers.js";
import { EmulatorBackend } from "../targets/ebpf/xdp/backend.js";
import { createDataplane, mapInterfaces } from "../targets/ebpf/xdp/dataplane.js";
import { u32 } from "../targets/ebpf/xdp/encode.js";
import { aclRules, examples, medianMs, nsPerPacket as timeRuns, printTable, repoRoot } from "./util.js";

const KERNEL_REPEAT = 100_000;
/** The ingress ifindex the kernel's test runs report without one given (the loopback device's). */
const TEST_RUN_IFINDEX = 1;
/** Wall time spent per user-space measurement. */
const MEASURE_MS = 300;

interface Bench {
  readonly name: string;
  readonly source: string;
  readonly file: string;
  readonly program: ir.Program;
  readonly entries: readonly StfCommand[];
  readonly packets: readonly PacketIn[];
}

function benches(): Bench[] {
  return examples().map((e) => {
    const dir = join(repoRoot(), "examples", e.name);
    const program = compile(e.source, { file: e.file }).program!;
    const stf = parseStf(readFileSync(join(dir, `${e.name}.stf`), "utf8")).commands;
    const entriesFile = join(dir, "entries.stf");
    const entries = existsSync(entriesFile) ? parseStf(readFileSync(entriesFile, "utf8")).commands : [];
    const packets = stf.flatMap((c) => (c.kind === "packet" && c.data.length >= MIN_TEST_RUN_BYTES ? [{ port: c.port, data: c.data }] : []));
    return { name: e.name, source: e.source, file: e.file, program, entries, packets };
  });
}

function nsPerPacket(dp: Dataplane, packets: readonly PacketIn[]): number {
  return timeRuns(() => dp.process(packets), packets.length, MEASURE_MS);
}

/** The pnet metadata a packet carries in test runs (docs/ebpf.md, "The metadata protocol"). */
export function metaFor(p: PacketIn): Uint8Array {
  const meta = new Uint8Array(META.BYTES);
  const v = new DataView(meta.buffer);
  v.setUint32(META.MAGIC_AT, META.MAGIC, true);
  v.setUint32(META.PORT, p.port, true);
  return meta;
}

/** Average kernel ns/packet of `packets` (each run `repeat` times) on a loaded backend. */
function kernelNs(backend: KernelBackend, packets: readonly PacketIn[], withMeta: boolean, repeat = KERNEL_REPEAT): number {
  const total = packets.reduce((n, p) => n + backend.runRepeated({ data: p.data, ...(withMeta ? { meta: metaFor(p) } : {}) }, repeat).ns, 0);
  return total / packets.length;
}

/** pnet's object for `b` in the kernel with its entries (or `fill`'s) installed — in the very copy `use` times — and ifindex 1 numbered port 1. */
async function pnetInKernel<T>(b: Bench, use: (backend: KernelBackend) => T, fill: (dp: Dataplane) => unknown = (dp) => applyEntriesFile(dp, b.entries)): Promise<T> {
  const { generated } = generateEbpf(b.program);
  const backend = await KernelBackend.load(compileEbpf(b.program).object);
  try {
    fill(createDataplane(b.program, generated!.layout, backend));
    mapInterfaces(backend, [{ ifindex: TEST_RUN_IFINDEX, port: TEST_RUN_IFINDEX }]);
    return use(backend);
  } finally {
    await backend.close();
  }
}

const fmt = (ns: number): string => (ns >= 100 ? ns.toFixed(0) : ns.toFixed(1));
const ratio = (ns: number, kernel: number | undefined): string => (kernel === undefined ? fmt(ns) : `${fmt(ns)} (${(ns / kernel).toFixed(0)}×)`);

/** Instruction slots in the `xdp` section (an LDDW takes two). */
function xdpSlots(object: Uint8Array): number {
  return parseElf(object).sections.find((s) => s.name === "xdp")!.size / 8;
}

// ------------------------------------------------------------------- router.c

type CObject = { object?: Uint8Array; ms?: number; why?: string };

/** Compiles router.c (median time of 5) into memory; no object, with the reason, when clang or the headers are missing. */
function compileC(): CObject {
  const probe = spawnSync("clang", ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) return { why: "clang is not installed" };
  const work = mkdtempSync(join(tmpdir(), "pnet-bench-c-"));
  try {
    const out = join(work, "router.o");
    const include = `/usr/include/${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu`; // asm/types.h
    const args = ["-O2", "-g", "-target", "bpf", "-mcpu=v3", ...(existsSync(include) ? ["-I", include] : []), "-c", join(repoRoot(), "bench", "c", "router.c"), "-o", out];
    let failed = "";
    const ms = medianMs(() => {
      const r = spawnSync("clang", args, { encoding: "utf8" });
      if (r.status !== 0) failed = (r.stderr || "").split("\n").find((l) => l.includes("error")) ?? "clang failed";
    }, 5, 1);
    return failed ? { why: failed } : { object: new Uint8Array(readFileSync(out)), ms };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const le32 = (n: number): number[] => Array.from(u32(n));
const be32 = (n: number): number[] => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const macBytes = (m: bigint): number[] => Array.from({ length: 6 }, (_, i) => Number((m >> BigInt(8 * (5 - i))) & 0xffn));
const ip4 = (a: number, b: number, c: number, d: number): number => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

/** router.c's maps filled like router.pnet's const entries plus examples/router/entries.stf. */
function fillC(backend: KernelBackend): void {
  const put = (map: string, key: number[], value: number[]): void => backend.update(map, new Uint8Array(key), new Uint8Array(value));
  for (const mac of ["00:00:5e:00:01:01", "02:00:00:00:00:fe"]) put("c_router_mac", [...macBytes(parseMac(mac)), 0, 0], le32(1));
  const NEXTHOP = 0, HOST = 1, DROP = 2;
  const routes: [number, number, number, number][] = [
    [ip4(192, 0, 2, 1), 32, HOST, 0], [ip4(127, 0, 0, 0), 8, DROP, 0], [ip4(224, 0, 0, 0), 4, DROP, 0],
    [ip4(10, 0, 0, 0), 8, NEXTHOP, 1], [ip4(10, 1, 2, 0), 24, NEXTHOP, 2], [ip4(198, 51, 100, 0), 24, NEXTHOP, 9],
  ];
  for (const [addr, len, action, nh] of routes) put("c_ipv4_lpm", [...le32(len), ...be32(addr)], [...le32(action), ...le32(nh)]);
  const routes6: [string, number, number][] = [["20010db8000100000000000000000000", 48, 3], ["20010db8000100020000000000000000", 64, 4]];
  for (const [hex, len, nh] of routes6) put("c_ipv6_lpm", [...le32(len), ...Buffer.from(hex, "hex")], [...le32(NEXTHOP), ...le32(nh)]);
  for (const id of [1, 2, 3, 4]) put("c_nexthop", le32(id), [...le32(id), ...macBytes(0x0200000000fen), ...macBytes(0x020000000000n + BigInt(id))]);
}

/** Packets on which two loaded programs return the same XDP action and, unless both drop, the same bytes. */
function agreement(pnet: KernelBackend, c: KernelBackend, packets: readonly PacketIn[]): number {
  return packets.filter((p) => {
    const a = pnet.runRepeated({ data: p.data }, 1).output;
    const b = c.runRepeated({ data: p.data }, 1).output;
    return a.action === b.action && (a.action === XdpAction.DROP || Buffer.from(a.data).equals(Buffer.from(b.data)));
  }).length;
}


/** router.stf's frames, all on the port the C program sees as its ingress (so forward-to-ingress is XDP_TX in both). */
const onTestRunPort = (b: Bench): PacketIn[] => b.packets.map((p) => ({ ...p, port: TEST_RUN_IFINDEX }));

/** VM instructions per packet in the emulator, with the entries (or `fill`'s) installed. */
function vmSteps(b: Bench, elf: Uint8Array, packets = b.packets, fill: (dp: Dataplane) => unknown = (dp) => applyEntriesFile(dp, b.entries)): number {
  const backend = new EmulatorBackend(elf);
  fill(createDataplane(b.program, generateEbpf(b.program).generated!.layout, backend));
  return packets.reduce((n, p) => n + backend.env.run({ data: p.data, meta: metaFor(p) }).steps, 0) / packets.length;
}

/** Packets per kernel test run in the ACL-scale rows (a 1,000-rule scan takes microseconds a packet). */
const SCALE_REPEAT = 10_000;

/**
 * acl's priority table in the kernel and the emulator with its entries.stf
 * and with 100 and 1,000 random rules (util.ts, aclRules): kernel ns/packet
 * over its .stf packets and over random TCP/UDP traffic (mostly misses: the
 * whole table is searched), VM instructions per packet.
 */
export async function aclScale(acl = benches().find((b) => b.name === "acl")!, kernelWhy = kernelAvailability()): Promise<void> {
  const rng = makeRng(3);
  const rules = aclRules(rng, 1000);
  const traffic = Array.from({ length: 16 }, () => ({ port: 1, data: randomPacket(rng, rng.pick(["ipv4-tcp", "ipv4-udp"] as const)) }));
  const elf = compileEbpf(acl.program).object;
  const rows: string[][] = [["rules", "kernel ns (.stf packets)", "kernel ns (random traffic)", "VM insns/packet (random traffic)"]];
  for (const count of [0, 100, 1000]) {
    const fill = (dp: Dataplane): unknown => (count === 0 ? applyEntriesFile(dp, acl.entries) : rules.slice(0, count).forEach((r) => dp.tables.acl!.add(r)));
    const kernel = kernelWhy
      ? ["-", "-"]
      : await pnetInKernel(acl, (k) => [fmt(kernelNs(k, acl.packets, true, SCALE_REPEAT)), fmt(kernelNs(k, traffic, true, SCALE_REPEAT))], fill);
    rows.push([count === 0 ? "entries.stf (6)" : String(count), ...kernel, vmSteps(acl, elf, traffic, fill).toFixed(0)]);
  }
  printTable(`acl's priority table with N rules: kernel ns/packet (bpftool prog run repeat ${SCALE_REPEAT})${kernelWhy ? ` — kernel columns empty: ${kernelWhy}` : ""}`, rows);
}

export async function main(): Promise<void> {
  const kernelWhy = kernelAvailability();
  const all = benches();

  // 1. per example
  const rows: string[][] = [["example", "packets", "insns", "maps", "verifier processed", "VM insns/packet", "kernel (JIT)", "emulator", "wasm", "interp"]];
  for (const b of all) {
    const elf = compileEbpf(b.program).object;
    const { object } = generateEbpf(b.program).generated!;
    const processed = kernelWhy ? "-" : KernelBackend.verifierProcessed(elf).toLocaleString("en-US");
    const kernel = kernelWhy ? undefined : await pnetInKernel(b, (k) => kernelNs(k, b.packets, true));
    const row = [b.name, String(b.packets.length), String(object.insns.length), String(object.maps.length), processed, vmSteps(b, elf).toFixed(0), kernel === undefined ? "-" : fmt(kernel)];
    const emulator = await createEbpfDataplane(b.program);
    for (const dp of [emulator, await load(b.program, { target: "wasm" }), await load(b.program, { target: "interp" })]) {
      applyEntriesFile(dp, b.entries);
      row.push(ratio(nsPerPacket(dp, b.packets), kernel));
      await dp.close();
    }
    rows.push(row);
  }
  printTable(
    `eBPF target per example: each example's .stf packets (>= ${MIN_TEST_RUN_BYTES} bytes) with entries.stf; ns/packet, (N×) = N times the kernel` +
      (kernelWhy ? ` — kernel columns empty: ${kernelWhy}` : `; kernel: bpftool prog run repeat ${KERNEL_REPEAT}`),
    rows,
  );

  // 2. acl with N rules
  await aclScale(all.find((b) => b.name === "acl")!, kernelWhy);

  // 3. compile time to an object
  const c = compileC();
  const times: string[][] = [["program", "ms to an object"]];
  for (const b of all) times.push([`${b.name}.pnet (pnet)`, medianMs(() => compileEbpf(compile(b.source, { file: b.file }).program!), 5, 1).toFixed(1)]);
  times.push(["router.c (clang -O2)", c.ms !== undefined ? c.ms.toFixed(1) : `- (${c.why})`]);
  printTable("Compile time: source to an ELF object (median of 5)", times);

  await compareWithC(all.find((b) => b.name === "router")!, kernelWhy, c);
}

/** 4. router: pnet's object against the hand-written C one (`npm run bench -- ebpf-vs-c` runs only this). */
export async function compareWithC(router = benches().find((b) => b.name === "router")!, kernelWhy = kernelAvailability(), c = compileC()): Promise<void> {
  const pnetObject = compileEbpf(router.program).object;
  const packets = onTestRunPort(router);
  const pnetNs = kernelWhy ? undefined : await pnetInKernel(router, (k) => kernelNs(k, packets, false));
  let cNs: number | undefined;
  let agree = "-";
  if (!kernelWhy && c.object) {
    const backend = await KernelBackend.load(c.object);
    try {
      fillC(backend);
      cNs = kernelNs(backend, packets, false);
      agree = `${await pnetInKernel(router, (k) => agreement(k, backend, packets))}/${packets.length}`;
    } finally {
      await backend.close();
    }
  }
  const kernelCell = (ns: number | undefined, why: string | undefined): string => (ns !== undefined ? fmt(ns) : `- (${why})`);
  printTable(`router: pnet's object and the hand-written C (bench/c/router.c); kernel ns/packet over router.stf's ${packets.length} frames (IPv4, IPv6, ARP, tagged, malformed), both without pnet metadata (as on an interface)`, [
    ["object", "file bytes", "xdp insn slots", "kernel ns/packet", "same action and bytes as pnet"],
    ["router.pnet (pnet)", String(pnetObject.length), String(xdpSlots(pnetObject)), kernelCell(pnetNs, kernelWhy), "-"],
    c.object
      ? ["router.c (clang, with -g)", String(c.object.length), String(xdpSlots(c.object)), kernelCell(cNs, kernelWhy), agree]
      : ["router.c", `- (${c.why})`, "-", "-", "-"],
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
