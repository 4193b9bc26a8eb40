// End to end on real interfaces: examples/router/router.pnet is loaded with
// `pnet load` on both interfaces of the middle namespace of h1 ↔ r ↔ h2
// (topology.ts), in native and in generic XDP mode, its ports numbered 1 and
// 2 (not the interfaces' ifindexes); real ICMP (ping) and UDP
// (Node sockets inside the namespaces) go from h1 to h2 across it and must
// arrive with the TTL decremented; `pnet entries` lists and changes the live
// tables; `pnet unload` must leave no program, pin, state file or XDP
// attachment behind. A second pair of namespaces checks that `pnet entries
// list` reads live per-entry counters (examples/acl, whose table has them),
// a third that multicast copies reach exactly the group's ports, and a fourth
// that `pnet digests` prints the MACs examples/l2switch learns, in order. Needs
// root, bpftool, ip and nsenter (and python3 for the digests); otherwise
// skipped, saying why.
//
// Native XDP on veth: a frame redirected into a veth reaches its peer only when
// the peer runs an XDP program too, so h1-r and h2-r get an XDP_PASS program;
// and the hosts' UDP checksums are left to "hardware" (CHECKSUM_PARTIAL), which
// native XDP on veth loses, so UDP in native mode needs ethtool to turn TX
// checksum offload off on the hosts. Generic mode needs neither.

import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveAvailability } from "../../targets/ebpf/attach/system.js";
import { writeElf } from "../../targets/ebpf/elf/writer.js";
import { ringReaderAvailability } from "../../targets/ebpf/kernel/ringbuf.js";
import { Alu, Cls, aluImm, exit } from "../../targets/ebpf/vm/isa.js";
import { ADDR, DEV, has, ifindex, inNs, MAC, NS, run, setup, teardown } from "./topology.js";

const root = join(import.meta.dirname, "..", "..");
const why = liveAvailability() ?? (has("nsenter") ? undefined : "nsenter (util-linux) is not installed");
const ping = has("ping", ["-V"]);
const ethtool = has("ethtool");
const skipped = why ? ` (skipped: ${why})` : "";

let built = "";
let work = "";

/** The pnet CLI inside a namespace, with the host's /sys/fs/bpf (nsenter --net, not ip netns exec). */
function pnetIn(ns: string, ...args: string[]): { status: number; out: string; err: string } {
  const r = spawnSync("nsenter", [`--net=/run/netns/${ns}`, process.execPath, join(built, "runtime", "cli", "main.js"), ...args], { cwd: root, encoding: "utf8", timeout: 30_000 });
  return { status: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function pnetOkIn(ns: string, ...args: string[]): string {
  const r = pnetIn(ns, ...args);
  if (r.status !== 0) expect.fail(`pnet ${args.join(" ")} exited ${r.status}: ${r.err}`);
  return r.out;
}

/** pnet in the router's namespace. */
const pnet = (...args: string[]): ReturnType<typeof pnetIn> => pnetIn(NS.r, ...args);
const pnetOk = (...args: string[]): string => pnetOkIn(NS.r, ...args);

const mac = (m: string): string => `0x${m.replaceAll(":", "")}`;

/** pnet's port numbers for r's interfaces: not their ifindexes (lo is 1 in every namespace), so the ifindex → port map is exercised. */
const PORT = { r1: 1, r2: 2 } as const;

/** Routes for both subnets, next hops on ports 1 and 2; the --port value numbering r's interfaces. */
function entriesFile(): string {
  const { r1: p1, r2: p2 } = PORT;
  const file = join(work, "live.stf");
  writeFileSync(file, [
    `add router_mac eth.dst:${MAC.r1} l3_interface()`,
    `add router_mac eth.dst:${MAC.r2} l3_interface()`,
    `add ipv4_lpm ip.dst:10.199.1.0/24 set_nexthop(id:1)`,
    `add ipv4_lpm ip.dst:10.199.2.0/24 set_nexthop(id:2)`,
    `add ipv4_lpm ip.dst:${ADDR.r1}/32 send_to_host()`,
    `add ipv4_lpm ip.dst:${ADDR.r2}/32 send_to_host()`,
    `add nexthop meta.nexthop:1 set_l2(port:${p1}, smac:${mac(MAC.r1)}, dmac:${mac(MAC.h1)})`,
    `add nexthop meta.nexthop:2 set_l2(port:${p2}, smac:${mac(MAC.r2)}, dmac:${mac(MAC.h2)})`,
  ].join("\n") + "\n");
  return `${p1}=${DEV.r1},${p2}=${DEV.r2}`;
}

/** UDP datagrams from h1 to h2 with the given TTLs; the texts h2 received (and from where). */
async function udp(ttls: readonly number[]): Promise<{ text: string; from: string }[]> {
  const server = `
    const s = require("node:dgram").createSocket("udp4"); const got = [];
    const done = () => { s.close(); process.stdout.write(JSON.stringify(got) + "\\n"); process.exit(0); };
    s.on("message", (m, r) => { got.push({ text: m.toString(), from: r.address }); if (got.length === ${ttls.length}) done(); });
    s.bind(9999, "${ADDR.h2}", () => process.stdout.write("ready\\n"));
    setTimeout(done, 3000);`;
  const client = `
    const s = require("node:dgram").createSocket("udp4");
    s.bind(0, "${ADDR.h1}", async () => {
      for (const ttl of ${JSON.stringify(ttls)}) {
        s.setTTL(ttl);
        await new Promise((res, rej) => s.send("ttl-" + ttl, 9999, "${ADDR.h2}", (e) => (e ? rej(e) : res())));
      }
      s.close();
    });`;
  const child = spawn("ip", ["netns", "exec", NS.h2, process.execPath, "-e", server], { stdio: ["ignore", "pipe", "pipe"], timeout: 10_000 });
  let out = "";
  const finished = new Promise<void>((resolve) => child.on("close", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("ready\n")) resolve();
    });
    child.on("close", () => reject(new Error(`the UDP server in ${NS.h2} stopped: ${out}`)));
  });
  inNs(NS.h1, process.execPath, ["-e", client]);
  await finished;
  return JSON.parse(out.split("\n")[1]!) as { text: string; from: string }[];
}

beforeAll(() => {
  if (why) return;
  const cache = join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  built = mkdtempSync(join(cache, "pnet-live-test-"));
  work = mkdtempSync(join(cache, "pnet-live-work-"));
  spawnSync(process.execPath, [join("node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--noCheck", "--outDir", built], { cwd: root, timeout: 120_000 });
  copyFileSync(join(root, "targets", "ebpf", "kernel", "ringbuf-read.py"), join(built, "targets", "ebpf", "kernel", "ringbuf-read.py")); // tsc copies no scripts
  setup();
  const pass = join(work, "pass.o");
  writeFileSync(pass, writeElf({ name: "pass", section: "xdp", insns: [aluImm(Cls.ALU64, Alu.MOV, 0, 2), exit()], relocs: [], maps: [], license: "GPL" }));
  run("ip", ["-n", NS.h1, "link", "set", "dev", DEV.h1, "xdpdrv", "obj", pass, "sec", "xdp"]);
  run("ip", ["-n", NS.h2, "link", "set", "dev", DEV.h2, "xdpdrv", "obj", pass, "sec", "xdp"]);
  if (ethtool) {
    inNs(NS.h1, "ethtool", ["-K", DEV.h1, "tx", "off"]);
    inNs(NS.h2, "ethtool", ["-K", DEV.h2, "tx", "off"]);
  }
}, 180_000);

afterAll(() => {
  if (why) return;
  try {
    for (const dev of [DEV.r1, DEV.r2]) if (existsSync(`/run/pnet/${dev}.json`) || existsSync(`/sys/fs/bpf/pnet/${dev}`)) pnet("unload", "--dev", dev);
  } finally {
    teardown();
    rmSync(built, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
});

describe.each(["native", "generic"] as const)(`router.pnet on veths, XDP %s mode${skipped}`, (mode) => {
  const progIds: number[] = [];

  it.skipIf(!!why)("pnet load attaches it to r-h1 and r-h2 with entries and ports numbered 1 and 2, not by ifindex", () => {
    expect(ifindex(NS.r, DEV.r1)).not.toBe(PORT.r1);
    expect(ifindex(NS.r, DEV.r2)).not.toBe(PORT.r2);
    const ports = entriesFile();
    for (const dev of [DEV.r1, DEV.r2]) {
      const out = pnetOk("load", "examples/router/router.pnet", "--dev", dev, "--port", ports, "--entries", join(work, "live.stf"), "--mode", mode);
      const m = /XDP program (\d+), (\w+) mode/.exec(out);
      expect(m, out).not.toBeNull();
      expect(m![2]).toBe(mode);
      progIds.push(Number(m![1]));
      expect(run("bpftool", ["prog", "show", "id", m![1]!])).toContain("pnet_xdp");
      const link = run("ip", ["-n", NS.r, "link", "show", "dev", dev]);
      expect(link).toContain(`prog/xdp id ${m![1]}`);
      expect(link).toMatch(mode === "generic" ? / xdpgeneric / : / xdp /);
    }
    expect(existsSync(`/sys/fs/bpf/pnet/${DEV.r1}/maps/ports`)).toBe(true);
    // loading twice on one interface is refused in one line
    const again = pnet("load", "examples/router/router.pnet", "--dev", DEV.r1);
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/^pnet: a program is already loaded on r-h1 .*pnet unload --dev r-h1 first\n$/);
  });

  it.skipIf(!!why || !ping)(`ICMP echo h1 → h2 crosses the router, replies with TTL 63${ping ? "" : " (skipped: ping is not installed)"}`, () => {
    const out = inNs(NS.h1, "ping", ["-c", "3", "-W", "1", "-i", "0.2", ADDR.h2]);
    expect(out).toMatch(/3 packets transmitted, 3 received/);
    const ttls = [...out.matchAll(/ttl=(\d+)/g)].map((m) => Number(m[1]));
    expect(ttls).toEqual([63, 63, 63]); // h2 answers with 64; one hop through the XDP router
  });

  const udpWhy = mode === "native" && !ethtool ? " (skipped: native XDP on veth needs ethtool to turn the hosts' TX checksum offload off)" : "";
  it.skipIf(!!why || udpWhy !== "")(`UDP h1 → h2 arrives when the TTL allows a hop, not with TTL 1${udpWhy}`, async () => {
    const got = await udp([64, 1, 2, 64]);
    // TTL 1 goes to r's host stack (router.pnet: to_host), which does not forward (ip_forward is 0)
    expect(got).toEqual([
      { text: "ttl-64", from: ADDR.h1 },
      { text: "ttl-2", from: ADDR.h1 },
      { text: "ttl-64", from: ADDR.h1 },
    ]);
  });

  it.skipIf(!!why)("pnet entries lists the live tables and changes them while traffic flows", () => {
    const list = pnetOk("entries", "--dev", DEV.r1, "list");
    expect(list).toContain("table ipv4_lpm (default drop_packet()): 7 entries");
    expect(list).toContain("  ipv4_lpm ip.dst:10.199.2.0/24 set_nexthop(id:0x2)");
    expect(list).toContain("  const router_mac eth.dst:02:00:00:00:00:fe l3_interface()");
    expect(list).toContain(`  router_mac eth.dst:${MAC.r1} l3_interface()`);

    const reach = (): boolean => spawnSync("ip", ["netns", "exec", NS.h1, "ping", "-c", "1", "-W", "1", ADDR.h2], { timeout: 5000 }).status === 0;
    pnetOk("entries", "--dev", DEV.r1, "add ipv4_lpm ip.dst:10.199.2.2/32 drop_packet()");
    if (ping) expect(reach()).toBe(false);
    pnetOk("entries", "--dev", DEV.r1, "remove ipv4_lpm ip.dst:10.199.2.2/32");
    if (ping) expect(reach()).toBe(true);
    expect(pnetOk("entries", "--dev", DEV.r1, "list")).toContain("table ipv4_lpm (default drop_packet()): 7 entries");

    const refused = pnet("entries", "--dev", DEV.r1, "add ipv4_lpm ip.dst:10.199.2.0/24 drop_packet()");
    expect(refused.status).toBe(2);
    expect(refused.err).toBe("pnet: table ipv4_lpm already has an entry with this key; use modify to change its action\n");
    const bad = pnet("entries", "--dev", DEV.r1, "add nexthop meta.nexthop:7 set_l2(port:70000, smac:0, dmac:0)");
    expect(bad.status).toBe(2);
    expect(bad.err.split("\n")).toHaveLength(2); // one line and the final newline
  });

  it.skipIf(!!why)("pnet unload leaves no program, pin, state or attachment behind", async () => {
    for (const dev of [DEV.r1, DEV.r2]) expect(pnetOk("unload", "--dev", dev)).toMatch(new RegExp(`^unloaded ${dev}: removed XDP program \\d+ detached`));
    for (const dev of [DEV.r1, DEV.r2]) expect(run("ip", ["-n", NS.r, "link", "show", "dev", dev])).not.toMatch(/prog\/xdp/);
    expect(existsSync("/sys/fs/bpf/pnet")).toBe(false);
    expect(existsSync(`/run/pnet/${DEV.r1}.json`) || existsSync(`/run/pnet/${DEV.r2}.json`)).toBe(false);
    // the kernel frees a program once nothing holds it (after an RCU grace period): poll briefly
    const alive = (): number[] => progIds.filter((id) => spawnSync("bpftool", ["prog", "show", "id", String(id)], { timeout: 5000 }).status === 0);
    for (let i = 0; i < 20 && alive().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toEqual([]);
    const again = pnet("unload", "--dev", DEV.r1);
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/^pnet: nothing loaded by pnet on r-h1/);
  });
});

describe(`per-entry counters of a live program${skipped}`, () => {
  // acl.pnet's acl table has `counters;`; one catch-all rule sends every IPv4 packet to the host.
  // Static neighbours, because acl.pnet drops ARP.
  const C = { a: "pnet-c1", b: "pnet-c2" } as const;
  const deleteNs = (): void => {
    for (const ns of Object.values(C)) if (existsSync(`/run/netns/${ns}`)) run("ip", ["netns", "delete", ns]);
  };
  afterAll(() => {
    if (why) return;
    try {
      if (existsSync("/run/pnet/c1-c2.json")) pnetIn(C.a, "unload", "--dev", "c1-c2");
    } finally {
      deleteNs();
    }
  });

  it.skipIf(!!why || !ping)(`pnet entries list shows the packets and bytes an entry matched${ping ? "" : " (skipped: ping is not installed)"}`, () => {
    deleteNs();
    for (const ns of Object.values(C)) run("ip", ["netns", "add", ns]);
    run("ip", ["-n", C.a, "link", "add", "c1-c2", "address", "02:00:00:00:09:01", "type", "veth", "peer", "name", "c2-c1", "address", "02:00:00:00:09:02", "netns", C.b]);
    run("ip", ["-n", C.a, "addr", "add", "10.199.9.1/24", "dev", "c1-c2"]);
    run("ip", ["-n", C.b, "addr", "add", "10.199.9.2/24", "dev", "c2-c1"]);
    run("ip", ["-n", C.a, "link", "set", "dev", "c1-c2", "up"]);
    run("ip", ["-n", C.b, "link", "set", "dev", "c2-c1", "up"]);
    run("ip", ["-n", C.a, "neigh", "add", "10.199.9.2", "lladdr", "02:00:00:00:09:02", "dev", "c1-c2"]);
    run("ip", ["-n", C.b, "neigh", "add", "10.199.9.1", "lladdr", "02:00:00:00:09:01", "dev", "c2-c1"]);
    const rule = "add acl 100 std.ingress_port:* ip.src:* ip.dst:* ip.protocol:* meta.l4_src:* meta.l4_dst:* log_to_host()";
    writeFileSync(join(work, "acl.stf"), rule + "\n");
    const unnumbered = pnetIn(C.a, "load", "examples/acl/acl.pnet", "--dev", "c1-c2");
    expect(unnumbered.status).toBe(2);
    expect(unnumbered.err).toMatch(/^pnet: c1-c2 has no pnet port number, .*name it in --port/);
    expect(existsSync("/run/pnet/c1-c2.json") || existsSync("/sys/fs/bpf/pnet/c1-c2")).toBe(false);
    pnetOkIn(C.a, "load", "examples/acl/acl.pnet", "--dev", "c1-c2", "--port", "1=c1-c2", "--entries", join(work, "acl.stf"), "--mode", "generic");
    expect(pnetOkIn(C.a, "entries", "--dev", "c1-c2", "list")).toContain("log_to_host()  [0 packets, 0 bytes]");
    expect(inNs(C.b, "ping", ["-c", "3", "-W", "1", "-i", "0.2", "10.199.9.1"])).toMatch(/3 packets transmitted, 3 received/);
    // 3 echo requests of 98 bytes (14 Ethernet + 20 IPv4 + 8 ICMP + 56 data) in; the replies leave by the stack, not XDP
    expect(pnetOkIn(C.a, "entries", "--dev", "c1-c2", "list")).toContain("log_to_host()  [3 packets, 294 bytes]");
    expect(pnetOkIn(C.a, "unload", "--dev", "c1-c2")).toMatch(/^unloaded c1-c2/);
  });
});

describe(`multicast on a live program sends copies to the group's ports only${skipped}`, () => {
  // A switch namespace with four veths (ports 1–4, XDP generic on port 1), their peers in a host
  // namespace; IPv6 off in both so no interface sends anything of its own. Frames are counted with
  // the peers' RX counters (ip -s link), not captured.
  const M = { s: "pnet-ms", h: "pnet-mh" } as const;
  const PORTS = [1, 2, 3, 4] as const;
  const sw = (p: number): string => `ms${p}`;
  const peer = (p: number): string => `mh${p}`;
  const deleteNs = (): void => {
    for (const ns of Object.values(M)) if (existsSync(`/run/netns/${ns}`)) run("ip", ["netns", "delete", ns]);
  };
  afterAll(() => {
    if (why) return;
    try {
      if (existsSync(`/run/pnet/${sw(1)}.json`) || existsSync(`/sys/fs/bpf/pnet/${sw(1)}`)) pnetIn(M.s, "unload", "--dev", sw(1));
    } finally {
      deleteNs();
    }
  });

  const rx = (p: number): number =>
    (JSON.parse(run("ip", ["-n", M.h, "-s", "-j", "link", "show", "dev", peer(p)])) as { stats64: { rx: { packets: number } } }[])[0]!.stats64.rx.packets;
  /** Five frames sent in on port 1 (pings to a static neighbour that never answers); what each peer received meanwhile. */
  const received = (): number[] => {
    const before = PORTS.map(rx);
    spawnSync("ip", ["netns", "exec", M.h, "ping", "-c", "5", "-i", "0.2", "-W", "1", "10.199.8.2"], { timeout: 10_000 });
    return PORTS.map((p, i) => rx(p) - before[i]!);
  };

  it.skipIf(!!why || !ping)(`multicast(1) with group 1 = {2, 3}, then {3, 4}: a frame in on port 1 arrives on exactly those ports${ping ? "" : " (skipped: ping is not installed)"}`, () => {
    deleteNs();
    for (const ns of Object.values(M)) {
      run("ip", ["netns", "add", ns]);
      inNs(ns, "sysctl", ["-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"]);
    }
    for (const p of PORTS) {
      run("ip", ["-n", M.h, "link", "add", peer(p), "type", "veth", "peer", "name", sw(p), "netns", M.s]);
      run("ip", ["-n", M.h, "link", "set", "dev", peer(p), "up"]);
      run("ip", ["-n", M.s, "link", "set", "dev", sw(p), "up"]);
    }
    run("ip", ["-n", M.h, "addr", "add", "10.199.8.1/24", "dev", peer(1)]);
    run("ip", ["-n", M.h, "neigh", "add", "10.199.8.2", "lladdr", "02:00:00:00:08:02", "dev", peer(1)]);
    const source = [
      "header ethernet { dst: bit<48>; src: bit<48>; ethertype: bit<16>; }",
      "headers { eth: ethernet; }",
      "parser { state start { extract(eth); transition accept; } }",
      "control ingress { multicast(1); }",
      "deparser { emit(eth); }",
    ].join("\n") + "\n";
    writeFileSync(join(work, "mcast.pnet"), source);
    writeFileSync(join(work, "mcast.stf"), "mcast 1 2 3\n");
    pnetOkIn(M.s, "load", join(work, "mcast.pnet"), "--dev", sw(1), "--port", PORTS.map((p) => `${p}=${sw(p)}`).join(","), "--entries", join(work, "mcast.stf"), "--mode", "generic");
    expect(received()).toEqual([0, 5, 5, 0]);
    pnetOkIn(M.s, "entries", "--dev", sw(1), "mcast 1 3 4");
    expect(received()).toEqual([0, 0, 5, 5]);
    expect(pnetOkIn(M.s, "unload", "--dev", sw(1))).toMatch(/^unloaded ms1/);
  });
});

describe(`pnet digests reads a live program's digests from its ring buffer${skipped}`, () => {
  // examples/l2switch learns MACs through mac_learn digests: every frame whose source MAC is not in
  // smac sends one. A switch namespace (ls1, ls2: ports 1 and 2; l2switch on ls1, generic mode) and a
  // host namespace with the peers; IPv6 off and no addresses, so lh1 sends only the test's frames.
  const L = { s: "pnet-ls", h: "pnet-lh" } as const;
  const STATION = { a: "02:00:00:00:07:0a", b: "02:00:00:00:07:0b" } as const;
  const reader = ringReaderAvailability();
  const deleteNs = (): void => {
    for (const ns of Object.values(L)) if (existsSync(`/run/netns/${ns}`)) run("ip", ["netns", "delete", ns]);
  };
  afterAll(() => {
    if (why) return;
    try {
      for (const dev of ["ls1", "ls2"]) if (existsSync(`/run/pnet/${dev}.json`) || existsSync(`/sys/fs/bpf/pnet/${dev}`)) pnetIn(L.s, "unload", "--dev", dev);
    } finally {
      deleteNs();
    }
  });
  /**
   * `count` frames into lh1 from source MAC `mac` (to a unicast MAC, local experimental ethertype),
   * through a raw socket: the interface's own address never changes (changing it with `ip link set
   * address` between pings gave three digests per batch whatever the ping count).
   */
  const send = (mac: string, count: number): void => {
    const frame = `bytes.fromhex("020000000702${mac.replaceAll(":", "")}88b5") + bytes(46)`;
    inNs(L.h, "python3", ["-c", `import socket\ns = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)\ns.bind(("lh1", 0))\nfor _ in range(${count}): s.send(${frame})`]);
  };
  const skip = why ?? reader;

  it.skipIf(!!skip)(`the learned MACs, in the order the frames came, each read once; --json and --follow${skip && !why ? ` (skipped: ${skip})` : ""}`, async () => {
    deleteNs();
    for (const ns of Object.values(L)) {
      run("ip", ["netns", "add", ns]);
      inNs(ns, "sysctl", ["-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"]);
    }
    for (const p of [1, 2]) {
      run("ip", ["-n", L.h, "link", "add", `lh${p}`, "type", "veth", "peer", "name", `ls${p}`, "netns", L.s]);
      run("ip", ["-n", L.h, "link", "set", "dev", `lh${p}`, "up"]);
      run("ip", ["-n", L.s, "link", "set", "dev", `ls${p}`, "up"]);
    }

    const nothing = pnetIn(L.s, "digests", "--dev", "ls1");
    expect(nothing.status).toBe(2);
    expect(nothing.err).toMatch(/^pnet: no program loaded by pnet on ls1 .*\n$/);

    pnetOkIn(L.s, "load", "examples/l2switch/l2switch.pnet", "--dev", "ls1", "--port", "1=ls1,2=ls2", "--mode", "generic");
    const quiet = pnetIn(L.s, "digests", "--dev", "ls1");
    expect([quiet.status, quiet.out, quiet.err]).toEqual([0, "", "no digests from examples/l2switch/l2switch.pnet on ls1 since the last read\n"]);

    send(STATION.a, 3);
    send(STATION.b, 2);
    send(STATION.a, 1);
    expect(pnetOkIn(L.s, "digests", "--dev", "ls1")).toBe([
      ...Array(3).fill(`mac_learn mac:${STATION.a} port:0x1`),
      ...Array(2).fill(`mac_learn mac:${STATION.b} port:0x1`),
      `mac_learn mac:${STATION.a} port:0x1`,
    ].join("\n") + "\n");
    expect(pnetIn(L.s, "digests", "--dev", "ls1").out).toBe(""); // read once

    // the control plane's answer: a known source sends no more digests
    pnetOkIn(L.s, "entries", "--dev", "ls1", `add smac eth.src:${STATION.a} known_source(port:1)`);
    send(STATION.a, 2);
    send(STATION.b, 1);
    expect(JSON.parse(pnetOkIn(L.s, "digests", "--dev", "ls1", "--json"))).toEqual({
      dev: "ls1",
      program: "examples/l2switch/l2switch.pnet",
      digests: [{ digest: "mac_learn", fields: { mac: STATION.b, port: "0x1" } }],
    });

    // --follow: what is waiting, then what comes, until SIGTERM; the ring buffer reader stops with it
    send(STATION.b, 1);
    const follower = spawn("nsenter", [`--net=/run/netns/${L.s}`, process.execPath, join(built, "runtime", "cli", "main.js"), "digests", "--dev", "ls1", "--follow", "--json"], { cwd: root, stdio: ["ignore", "pipe", "pipe"], timeout: 30_000 });
    let out = "";
    let waiting: { n: number; resolve: () => void } | undefined;
    follower.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (waiting && out.split("\n").length > waiting.n) waiting.resolve();
    });
    /** Resolves once `n` whole lines have been printed. */
    const lines = (n: number): Promise<void> =>
      new Promise((resolve, reject) => {
        if (out.split("\n").length > n) return resolve();
        waiting = { n, resolve };
        follower.once("close", () => reject(new Error(`pnet digests --follow stopped: ${out}`)));
      });
    await lines(1);
    send(STATION.b, 2);
    await lines(3);
    const closed = new Promise<{ code: number | null; signal: string | null }>((resolve) => follower.on("close", (code, signal) => resolve({ code, signal })));
    follower.kill("SIGTERM");
    expect(await closed).toEqual({ code: 0, signal: null });
    expect(out.trimEnd().split("\n").map((l) => JSON.parse(l))).toEqual(Array(3).fill({ digest: "mac_learn", fields: { mac: STATION.b, port: "0x1" } }));

    // a program without digests
    writeFileSync(join(work, "plain.pnet"), "header e_t { dst: bit<48>; src: bit<48>; t: bit<16>; }\nheaders { eth: e_t; }\nparser { state start { extract(eth); transition accept; } }\ncontrol ingress { drop(); }\ndeparser { emit(eth); }\n");
    pnetOkIn(L.s, "load", join(work, "plain.pnet"), "--dev", "ls2", "--port", "2=ls2", "--mode", "generic");
    const none = pnetIn(L.s, "digests", "--dev", "ls2");
    expect(none.status).toBe(2);
    expect(none.err).toMatch(/^pnet: .*plain\.pnet on ls2 declares no digests\n$/);
    for (const dev of ["ls1", "ls2"]) expect(pnetOkIn(L.s, "unload", "--dev", dev)).toMatch(new RegExp(`^unloaded ${dev}`));
  });
});
