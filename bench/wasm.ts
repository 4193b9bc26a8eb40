// Benchmarks of the wasm target (not part of the test suite): throughput of
// every example on wasm and on the interpreter; the router with 100k IPv4 and
// 10k IPv6 routes; an ACL of 1,000 ternary/range rules; an exact table growing
// to 1M entries (lookups/s and inserts/s); batch sizes 1, 32, 256 (the cost of
// crossing from JS into wasm); and a hand-written TypeScript IPv4 router as a
// baseline. "wasm" is the whole Dataplane.process path (copying packets in,
// building result objects); "wasm raw" is the module alone on a staged batch.
// Run: npm run build && node dist/bench/wasm.js   (or bench/run.ts calls main()).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile } from "../compiler/compile.js";
import type * as ir from "../compiler/ir.js";
import { eth, internetChecksum, makeRng, randomPacket, type Rng } from "../runtime/craft.js";
import type { Dataplane, PacketIn } from "../runtime/dataplane.js";
import { parseStf } from "../runtime/stf/parse.js";
import { applyEntriesFile } from "../runtime/stf/run.js";
import { createInterpreter } from "../targets/interp/index.js";
import { createWasmDataplane, type WasmDataplane } from "../targets/wasm/index.js";
import { aclRules, addNew, bytesOf, nsPerPacket, printTable, randomRoutes } from "./util.js";

function table(title: string, header: string[], rows: (string | number)[][]): void {
  printTable(title, [header, ...rows.map((r) => r.map(String))]);
}

const EXAMPLES = ["router", "acl", "vlan", "l2switch", "vxlan", "loadbalancer", "ddos", "mpls", "telemetry"];
const ROUTER_MAC = "02:00:00:00:00:fe"; // a const entry of router.pnet's router_mac table


const fmt = (ns: number): string => (ns >= 100 ? ns.toFixed(0) : ns.toFixed(1));
const mpps = (ns: number): string => (1000 / ns).toFixed(2);


function load(name: string, edit: (source: string) => string = (s) => s): ir.Program {
  const file = join("examples", name, `${name}.pnet`);
  const { program, diagnostics } = compile(edit(readFileSync(file, "utf8")), { file });
  if (!program) throw new Error(`${file}: ${diagnostics.map((d) => d.message).join("; ")}`);
  return program;
}

function withEntries(dp: Dataplane, name: string): Dataplane {
  applyEntriesFile(dp, parseStf(readFileSync(join("examples", name, "entries.stf"), "utf8")).commands);
  return dp;
}

async function examples(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const name of EXAMPLES) {
    const program = load(name);
    const t0 = performance.now();
    const wasm = withEntries(await createWasmDataplane(program), name) as WasmDataplane;
    const compileMs = performance.now() - t0;
    const interp = withEntries(createInterpreter(program), name);
    const rng = makeRng(1);
    const packets = Array.from({ length: 256 }, () => ({ port: rng.int(0, 3), data: randomPacket(rng) }));
    const i = nsPerPacket(() => interp.process(packets), packets.length);
    const w = nsPerPacket(() => wasm.process(packets), packets.length);
    wasm.raw.stage(packets);
    const r = nsPerPacket(() => wasm.raw.run(), packets.length);
    rows.push([name, compileMs.toFixed(0), fmt(i), fmt(w), fmt(r), mpps(r), (w / r).toFixed(1), (i / w).toFixed(1), (i / r).toFixed(1)]);
  }
  table("Examples: ns/packet on random valid traffic (batches of 256)", ["example", "compile ms", "interp", "wasm", "wasm raw", "raw Mpps", "wasm/raw", "interp/wasm", "interp/raw"], rows);
}

// ---------------------------------------------------------------- router with large tables



interface Router {
  readonly program: ir.Program;
  readonly v4: { value: bigint; length: number }[];
  readonly v6: { value: bigint; length: number }[];
}

function routerProgram(rng: Rng): Router {
  const program = load("router", (s) => s.replace("size = 16_384;", "size = 131_072;").replace("size = 4096;", "size = 16_384;"));
  return { program, v4: randomRoutes(rng, 100_000, 32), v6: randomRoutes(rng, 10_000, 128) };
}


function fillRouter(dp: Dataplane, r: Router): number {
  const t0 = performance.now();
  addNew(dp, "router_mac", { key: { "eth.dst": ROUTER_MAC }, action: "l3_interface" });
  for (let n = 1; n <= 16; n++) addNew(dp, "nexthop", { key: { "meta.nexthop": n }, action: "set_l2", args: { port: n, smac: 0x0200000000fen, dmac: 0x020000000000n + BigInt(n) } });
  r.v4.forEach((x, i) => addNew(dp, "ipv4_lpm", { key: { "ip.dst": { kind: "lpm", value: x.value, prefixLength: x.length } }, action: "set_nexthop", args: { id: (i % 16) + 1 } }));
  r.v6.forEach((x, i) => addNew(dp, "ipv6_lpm", { key: { "ipv6.dst": { kind: "lpm", value: x.value, prefixLength: x.length } }, action: "set_nexthop", args: { id: (i % 16) + 1 } }));
  return performance.now() - t0;
}

function routerTraffic(rng: Rng, r: Router, count: number, v6Share = 0.2): PacketIn[] {
  return Array.from({ length: count }, () => {
    const base = eth({ src: "02:00:00:00:00:01", dst: ROUTER_MAC });
    const host = (x: { value: bigint; length: number }, width: number): bigint => x.value | (BigInt(rng.u32()) & ((1n << BigInt(Math.min(32, width - x.length))) - 1n));
    const data = rng.chance(v6Share)
      ? base.ipv6({ src: bytesOf(0x20010db8n << 96n, 16), dst: bytesOf(host(rng.pick(r.v6), 128), 16), hopLimit: 64 }).udp({ srcPort: 1234, dstPort: 53 }).payload(new Uint8Array(18)).build()
      : base.ipv4({ src: "192.0.2.1", dst: bytesOf(host(rng.pick(r.v4), 32), 4), ttl: 64 }).udp({ srcPort: 1234, dstPort: 53 }).payload(new Uint8Array(18)).build();
    return { port: 0, data };
  });
}

/** A hand-written TypeScript IPv4 router: the same checks and rewrites as router.pnet's IPv4 path, per-length Maps for the LPM. */
function handRouter(routes: { value: bigint; length: number }[]): (p: Uint8Array) => number {
  const byLength = new Map<number, Map<number, number>>();
  routes.forEach((x, i) => {
    if (!byLength.has(x.length)) byLength.set(x.length, new Map());
    byLength.get(x.length)!.set(Number(x.value), (i % 16) + 1);
  });
  const lengths = [...byLength.keys()].sort((a, b) => b - a).map((l) => ({ mask: l === 0 ? 0 : (0xffffffff << (32 - l)) >>> 0, map: byLength.get(l)! }));
  return (p) => {
    if (p.length < 34 || p[12] !== 0x08 || p[13] !== 0x00 || p[14] !== 0x45) return -1;
    let sum = 0;
    for (let i = 14; i < 34; i += 2) sum += (p[i]! << 8) | p[i + 1]!;
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    if (sum !== 0xffff) return -1;
    const dst = ((p[30]! << 24) | (p[31]! << 16) | (p[32]! << 8) | p[33]!) >>> 0;
    let hop = 0;
    for (const l of lengths) {
      const found = l.map.get((dst & l.mask) >>> 0);
      if (found !== undefined) {
        hop = found;
        break;
      }
    }
    if (hop === 0 || p[22]! <= 1) return -1;
    p[22]! -= 1;
    p[24] = 0;
    p[25] = 0;
    const c = internetChecksum(p.subarray(14, 34));
    p[24] = c >> 8;
    p[25] = c & 0xff;
    p.set([2, 0, 0, 0, 0, hop], 0);
    p.set([2, 0, 0, 0, 0, 0xfe], 6);
    return hop;
  };
}

async function router(): Promise<void> {
  const rng = makeRng(2);
  const r = routerProgram(rng);
  const wasm = await createWasmDataplane(r.program);
  const fillMs = fillRouter(wasm, r);
  const interp = createInterpreter(r.program);
  fillRouter(interp, r);
  const rows: (string | number)[][] = [];
  const v4only = routerTraffic(rng, r, 256, 0);
  const mixed = routerTraffic(rng, r, 256, 0.2);
  const baseline = handRouter(r.v4);
  const copies = v4only.map((p) => p.data.slice());
  const hand = nsPerPacket(() => copies.forEach((p, i) => (p.set(v4only[i]!.data), baseline(p))), copies.length);
  for (const [what, packets] of [["IPv4", v4only], ["80% IPv4, 20% IPv6", mixed]] as const) {
    const i = nsPerPacket(() => interp.process(packets), packets.length);
    const w = nsPerPacket(() => wasm.process(packets), packets.length);
    wasm.raw.stage(packets);
    const raw = nsPerPacket(() => wasm.raw.run(), packets.length);
    rows.push([what, fmt(i), fmt(w), fmt(raw), mpps(raw), what === "IPv4" ? fmt(hand) : "", (i / raw).toFixed(0)]);
  }
  table(
    `Router, 100,000 IPv4 + 10,000 IPv6 routes (installed in ${(fillMs / 1000).toFixed(1)} s on wasm): ns/packet`,
    ["traffic", "interp", "wasm", "wasm raw", "raw Mpps", "hand-written TS", "interp/raw"],
    rows,
  );
  const batchRows: (string | number)[][] = [];
  for (const size of [1, 32, 256]) {
    const dp = await createWasmDataplane(r.program, { batchSize: size });
    fillRouter(dp, r);
    const packets = v4only.slice(0, size);
    dp.raw.stage(packets);
    batchRows.push([size, fmt(nsPerPacket(() => dp.raw.run(), size)), fmt(nsPerPacket(() => dp.process(packets), size))]);
  }
  table("Router: batch size (JS↔wasm call and copy overheads per packet), ns/packet", ["batch", "wasm raw", "wasm"], batchRows);
}

// ---------------------------------------------------------------- ACL with 1,000 rules

async function acl(): Promise<void> {
  const program = load("acl");
  const rng = makeRng(3);
  const rules = aclRules(rng, 1000);
  const traffic = Array.from({ length: 256 }, () => ({ port: 1, data: randomPacket(rng, rng.pick(["ipv4-tcp", "ipv4-udp"] as const)) }));
  const rows: (string | number)[][] = [];
  for (const count of [10, 100, 1000]) {
    const wasm = await createWasmDataplane(program);
    const interp = createInterpreter(program);
    for (const r of rules.slice(0, count)) {
      wasm.tables.acl!.add(r);
      interp.tables.acl!.add(r);
    }
    const i = nsPerPacket(() => interp.process(traffic), traffic.length, 300);
    wasm.raw.stage(traffic);
    const raw = nsPerPacket(() => wasm.raw.run(), traffic.length);
    rows.push([count, fmt(i), fmt(nsPerPacket(() => wasm.process(traffic), traffic.length)), fmt(raw), mpps(raw), (i / raw).toFixed(0)]);
  }
  table("ACL (5-tuple: ternary addresses and protocol, port ranges; tuple-space search): ns/packet", ["rules", "interp", "wasm", "wasm raw", "raw Mpps", "interp/raw"], rows);
}

// ---------------------------------------------------------------- exact table to 1M entries

const FLOWS = `
header ethernet { dst: bit<48>; src: bit<48>; ethertype: bit<16>; }
header ipv4 { version: bit<4>; ihl: bit<4>; tos: bit<8>; total_len: bit<16>; id: bit<16>; flags: bit<3>;
              frag_offset: bit<13>; ttl: bit<8>; protocol: bit<8>; checksum: bit<16>; src: bit<32>; dst: bit<32>; }
headers { eth: ethernet; ip: ipv4; }
parser {
  state start { extract(eth); transition select (eth.ethertype) { 0x0800: parse_ip; default: accept; } }
  state parse_ip { extract(ip); transition accept; }
}
action fwd(port: bit<16>) { forward(port); }
table flows { key { ip.src: exact; ip.dst: exact; } actions { fwd; } size = 1_048_576; }
control ingress { flows.apply(); }
deparser { emit(eth); emit(ip); }
`;

async function exactTable(): Promise<void> {
  const { program } = compile(FLOWS, { file: "flows.pnet" });
  const dp = await createWasmDataplane(program!);
  const rng = makeRng(4);
  const keys: [number, number][] = [];
  const rows: (string | number)[][] = [];
  for (const target of [1_000, 10_000, 100_000, 1_000_000]) {
    const t0 = performance.now();
    const before = keys.length;
    while (keys.length < target) {
      const k: [number, number] = [rng.u32(), rng.u32()];
      dp.tables.flows!.add({ key: { "ip.src": k[0], "ip.dst": k[1] }, action: "fwd", args: { port: keys.length & 0xff } });
      keys.push(k);
    }
    const insertRate = (keys.length - before) / ((performance.now() - t0) / 1000);
    const ip = (n: number): Uint8Array => bytesOf(BigInt(n), 4);
    const traffic = Array.from({ length: 256 }, () => {
      const [s, d] = rng.pick(keys);
      return { port: 0, data: eth({ src: "02:00:00:00:00:01", dst: "02:00:00:00:00:02" }).ipv4({ src: ip(s), dst: ip(d) }).udp({ srcPort: 1, dstPort: 2 }).build() };
    });
    dp.raw.stage(traffic);
    const raw = nsPerPacket(() => dp.raw.run(), traffic.length);
    rows.push([target.toLocaleString("en"), `${(insertRate / 1000).toFixed(0)}k`, fmt(raw), mpps(raw)]);
  }
  table("Exact table (ip.src, ip.dst) growing to 1M entries: inserts/s (through the control plane) and lookups (packets, all hits)", ["entries", "inserts/s", "ns/packet raw", "Mpps"], rows);
}

export async function main(): Promise<void> {
  console.log(`pnet wasm benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
  if (!process.env.PNET_BENCH_SKIP_EXAMPLES) await examples();
  await router();
  await acl();
  await exactTable();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
