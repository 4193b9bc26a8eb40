// Property tests: seeded random traffic (valid, truncated, random bytes) under
// random table contents, through a hand-built program that uses every feature
// and through every example under examples/*/*.pnet. For every packet:
// nothing throws; the deparsed bytes are the valid emitted headers serialised
// independently here, followed by the received bytes from the parser's stop;
// the Dataplane's outputs are exactly those bytes; and counters add up.
// A failing seed is printed by the test name and can be replayed.

import { describe, it, expect } from "vitest";
import * as ir from "../../compiler/ir.js";
import { makeRng, mixedPacket, toHex, type Rng } from "../../runtime/craft.js";
import { ControlPlaneError, type Dataplane, type PacketIn } from "../../runtime/dataplane.js";
import { applyEntriesFile } from "../../runtime/stf/run.js";
import { compileProgram, type InterpreterCore } from "../../targets/interp/core.js";
import { dataplaneOf } from "../../targets/interp/index.js";
import type { PacketState } from "../../targets/interp/state.js";
import { compileExample, exampleEntries, examplePrograms } from "../support/examples.js";
import { randomControlPlane, type Op } from "../support/random-entries.js";
import { mutatedPacket, taggedPacket, timedTraffic } from "../support/traffic.js";
import * as b from "./ir-build.js";


const PACKETS = 400;
const SEEDS = [1, 2, 3];

// ---------------------------------------------------------------- the independent serialiser

/** The deparser's expected output, from the state alone: valid emitted slots, each as one big-endian bit string, then the payload. */
function expectedBytes(program: ir.Program, s: PacketState): string {
  const types = new Map(program.headerTypes.map((t) => [t.name, t]));
  const slotsOf = new Map<string, { base: number; count: number; type: ir.HeaderType }>();
  let next = 0;
  for (const h of program.headers) {
    const count = h.stackSize ?? 1;
    slotsOf.set(h.name, { base: next, count, type: types.get(h.type)! });
    next += count;
  }
  let hex = "";
  for (const { header } of program.deparser.emits) {
    const { base, count, type } = slotsOf.get(header)!;
    for (let i = 0; i < count; i++) {
      const slot = s.slots[base + i]!;
      if (!slot.valid) continue;
      const bits = type.fields.reduce((acc, f, j) => (acc << BigInt(f.width)) | slot.fields[j]!, 0n);
      hex += bits.toString(16).padStart(type.widthBits / 4, "0");
    }
  }
  return hex + toHex(s.data.subarray(s.offsetBits / 8));
}

/** Invariants of a final state: fields within their widths, invalid headers all zero, the offset on a byte inside the packet. */
function checkState(program: ir.Program, s: PacketState): void {
  const types = new Map(program.headerTypes.map((t) => [t.name, t]));
  const slotTypes = program.headers.flatMap((h) => new Array<ir.HeaderType>(h.stackSize ?? 1).fill(types.get(h.type)!));
  s.slots.forEach((slot, k) => {
    slotTypes[k]!.fields.forEach((f, j) => {
      const v = slot.fields[j]!;
      if (v < 0n || v > ir.mask(f.width) || (!slot.valid && v !== 0n)) throw new Error(`slot ${k} field ${f.name} = ${v} (valid ${slot.valid})`);
    });
  });
  if (s.offsetBits % 8 !== 0 || s.offsetBits < 0 || s.offsetBits > s.data.length * 8) throw new Error(`parser offset ${s.offsetBits} bits`);
}

// ---------------------------------------------------------------- random control plane

/** Random entries (12 a table), default actions, registers, meters and multicast groups (test/support); what the control plane refuses is skipped. */
function applyRandomControlPlane(dp: Dataplane, ops: readonly Op[]): void {
  for (const op of ops) {
    try {
      op.run(dp);
    } catch (e) {
      if (!(e instanceof ControlPlaneError)) throw e;
    }
  }
}

// ---------------------------------------------------------------- the checks

/** Random traffic (valid, truncated, random bytes, mutated, stacked tags) on ports 0-7, time moving forward. */
function traffic(rng: Rng, n: number): PacketIn[] {
  return timedTraffic(rng, n, (r) => {
    const roll = r.float();
    return roll < 0.7 ? mixedPacket(r).data : roll < 0.85 ? mutatedPacket(r) : taggedPacket(r);
  });
}

/**
 * Runs the traffic twice in lockstep: through the core, checking each final
 * state and its deparsed bytes, and through a Dataplane with the same
 * control-plane history, whose outputs must be those bytes.
 */
function checkTraffic(program: ir.Program, seed: number, setup: (dp: Dataplane) => void): { core: InterpreterCore; dp: Dataplane; packets: PacketIn[] } {
  const core = compileProgram(program);
  const dp = dataplaneOf(compileProgram(program));
  const ops = randomControlPlane(makeRng(seed), program, { entries: 12 });
  for (const d of [dataplaneOf(core), dp]) {
    setup(d);
    applyRandomControlPlane(d, ops);
  }
  const packets = traffic(makeRng(seed + 1000), PACKETS);
  for (const p of packets) {
    const s = core.run(p);
    checkState(program, s);
    const bytes = toHex(core.deparse(s));
    expect(bytes).toBe(expectedBytes(program, s));
    const [r] = dp.process([p]);
    expect(r!.verdict).toBe(s.verdict);
    expect(r!.digests).toEqual(s.digests);
    for (const out of [...r!.outputs.map((o) => o.data), ...r!.toHost]) expect(toHex(out)).toBe(bytes);
    if (s.verdict === "forward") expect(r!.outputs.map((o) => o.port)).toEqual([Number(s.verdictArg)]);
    if (s.verdict === "bounce") expect(r!.outputs.map((o) => o.port)).toEqual([p.port]);
    if (s.verdict === "multicast") expect(r!.outputs.every((o) => o.port !== p.port)).toBe(true);
  }
  return { core, dp, packets };
}

/** Per-entry counters never count more packets than were sent, nor more bytes than were received. */
function checkTableCounters(dp: Dataplane, packets: readonly PacketIn[]): void {
  const totalBytes = BigInt(packets.reduce((n, p) => n + p.data.length, 0));
  for (const t of dp.program.tables.filter((x) => x.counters)) {
    const ctl = dp.tables[t.name]!;
    const sums = ctl.entries().reduce(
      (acc, e) => {
        const key = Object.fromEntries(t.keys.map((k, i) => [k.name, e.keys[i]!]));
        const c = ctl.readCounter(key, ir.matchPolicy(t) === "priority" ? e.priority : undefined);
        return { packets: acc.packets + c.packets, bytes: acc.bytes + c.bytes };
      },
      { packets: 0n, bytes: 0n },
    );
    expect(sums.packets).toBeLessThanOrEqual(BigInt(packets.length));
    expect(sums.bytes).toBeLessThanOrEqual(totalBytes);
  }
}

// ---------------------------------------------------------------- a program that uses every feature

const u = (w: number) => ir.bit(w);
const PORTS = b.headerType("ports", [["sport", 16], ["dport", 16]]);

function kitchenSink(): ir.Program {
  const errors = ["BadVersion"];
  const badVersion = ir.BUILTIN_ERRORS.length;
  const ihl16 = b.cast(b.fld("ip", "ihl", 4), u(16));
  const routes = b.table("routes", {
    keys: [b.key("ip.dst", b.fld("ip", "dst", 32), "lpm")],
    actions: ["fwd", "to_cpu", "mcast", "bounce_back"],
    defaultAction: { action: "miss", args: [] },
    counters: true,
  });
  const acl = b.table("acl", {
    keys: [b.key("ip.src", b.fld("ip", "src", 32), "ternary"), b.key("ports.dport", b.fld("ports", "dport", 16), "range"), b.key("ip.protocol", b.fld("ip", "protocol", 8), "optional")],
    actions: ["deny", "permit"],
    counters: true,
    entries: [{ keys: [{ kind: "ternary", value: 0n, mask: 0n }, { kind: "range", lo: 0n, hi: 0n }, { kind: "optional" }], action: { action: "deny", args: [] } }],
  });
  const macs = b.table("macs", { keys: [b.key("eth.dst", b.fld("eth", "dst", 48), "exact"), b.key("meta.vrf", b.meta("vrf", u(8)), "exact")], actions: ["fwd"] });
  const flow = b.slice(b.hashOf("crc16", [b.fld("ip", "src", 32), b.fld("ip", "dst", 32)]), 7, 0);
  const reg = b.regRead("flow_bytes", flow, 16);
  const ipFields = b.IPV4.fields.map((f) => b.fld("ip", f.name, f.width));
  const learn: ir.Digest = { name: "learn", fields: [{ name: "mac", width: 48 }, { name: "port", width: 16 }], span: b.SPAN };
  return b.program({
    headerTypes: [b.ETHERNET, b.VLAN, b.IPV4, PORTS],
    headers: [["outer", "ethernet"], ["eth", "ethernet"], ["vlan", "vlan_tag", 2], ["ip", "ipv4"], ["ports", "ports"]],
    metadata: [["vrf", u(8)], ["seen", u(16)]],
    errors,
    locals: [[0, ir.BOOL], [1, u(8)], [2, u(2)]],
    states: [
      b.state("start", [b.extract("eth")], b.select([b.fld("eth", "ethertype", 16)], [[[{ kind: "value", value: 0x8100n }], "vlan"], [[{ kind: "value", value: 0x800n }], "ipv4"]], "accept")),
      b.state(
        "vlan",
        [b.extract("vlan", "next"), b.setMeta("seen", b.bin("+", b.meta("seen", u(16)), b.c(1, 16)))],
        b.select([b.fld("vlan", "ethertype", 16, "last")], [[[{ kind: "value", value: 0x8100n }], "vlan"], [[{ kind: "value", value: 0x800n }], "ipv4"]], "accept"),
      ),
      b.state(
        "ipv4",
        [b.extract("ip"), b.verify(b.bin("==", b.fld("ip", "version", 4), b.c(4, 4)), badVersion), b.advance(b.bin("*", b.bin("-", ihl16, b.c(5, 16)), b.c(4, 16)))],
        b.select([b.fld("ip", "protocol", 8), b.lookahead(8)], [[[{ kind: "range", lo: 6n, hi: 6n }, { kind: "any" }], "l4"], [[{ kind: "mask", value: 0x11n, mask: 0xffn }, { kind: "any" }], "l4"]], "accept"),
      ),
      b.state("l4", [b.extract("ports")], b.goto("accept")),
    ],
    actions: [
      b.action("fwd", [["port", 16]], [b.forward(b.param(0, u(16)))]),
      b.action("to_cpu", [], [b.verdict("to_host")]),
      b.action("mcast", [["group", 16]], [b.multicast(b.param(0, u(16)))]),
      b.action("bounce_back", [], [b.verdict("bounce")]),
      b.action("miss", [], [b.verdict("drop")]),
      b.action("deny", [], [b.verdict("drop")]),
      b.action("permit", [], []),
    ],
    tables: [routes, acl, macs],
    counters: [["all", 1], ["by_error", 8], ["routes_miss", 1]],
    registers: [["flow_bytes", 256, 16]],
    meters: [["per_port", 8]],
    digests: [learn],
    ingress: [
      b.count("all", b.c(0, 1)),
      b.count("by_error", b.std("parser_error")),
      b.setMeta("vrf", b.cast(b.std("ingress_port"), u(8))),
      b.apply("routes", 0, 1),
      b.iff(b.not(b.local(0, ir.BOOL)), [b.count("routes_miss", b.c(0, 1))]),
      b.apply("macs"),
      b.iff(b.isValid("ip"), [
        b.apply("acl"),
        b.regWrite("flow_bytes", flow, b.bin("+", reg, b.cast(b.std("packet_length"), u(16)))),
        b.setField("ip", "ttl", b.bin("-", b.fld("ip", "ttl", 8), b.c(1, 8))),
        b.setField("ip", "checksum", b.c(0, 16)),
        b.setField("ip", "checksum", b.checksum(ipFields)),
      ]),
      b.meterExec("per_port", b.std("ingress_port"), 2),
      b.iff(b.bin("==", b.local(2, u(2)), b.c(2, 2)), [b.verdict("drop"), b.exit]),
      b.iff(b.bin("==", b.std("ingress_port"), b.c(3, 16)), [b.digestSend("learn", [b.fld("eth", "src", 48), b.std("ingress_port")])]),
      b.iff(b.bin("==", b.std("ingress_port"), b.c(2, 16)), [b.stackShift("vlan", "pop_front", 1)]),
      b.iff(b.bin("==", b.std("ingress_port"), b.c(5, 16)), [
        b.stackShift("vlan", "push_front", 1),
        b.setValid("vlan", true, 0),
        b.setField("vlan", "vid", b.slice(b.meta("seen", u(16)), 11, 0), 0),
      ]),
      b.iff(b.bin("&&", b.isValid("ports"), b.bin("==", b.fld("ports", "dport", 16), b.c(4789, 16))), [
        b.setValid("outer", true),
        b.setField("outer", "dst", b.concat(b.c(0x02, 8), b.cast(b.hashOf("crc32", [b.fld("eth", "src", 48)]), u(40)))),
        b.setField("outer", "ethertype", b.c(0x88b5, 16)),
      ]),
      b.iff(b.bin("==", b.fld("eth", "dst", 48), b.c(0xffffffffffffn, 48)), [b.multicast(1)]),
    ],
    emits: ["outer", "eth", "vlan", "ip", "ports"],
  });
}

describe("properties of the interpreter on random traffic", () => {
  it.each(SEEDS)("a program using every feature, seed %i: states, bytes and outputs agree; counters add up", (seed) => {
    const program = kitchenSink();
    const { dp, packets } = checkTraffic(program, seed, () => {});
    const total = BigInt(packets.reduce((n, p) => n + p.data.length, 0));
    expect(dp.counters.all!.read(0)).toEqual({ packets: BigInt(PACKETS), bytes: total });
    const byError = Array.from({ length: 8 }, (_, i) => dp.counters.by_error!.read(i));
    expect(byError.reduce((n, c) => n + c.packets, 0n)).toBe(BigInt(PACKETS));
    expect(byError.reduce((n, c) => n + c.bytes, 0n)).toBe(total);
    checkTableCounters(dp, packets);
    // every packet applies `routes` once: a hit of one entry, or a miss counted in ingress
    const routes = dp.tables.routes!;
    const hits = routes.entries().reduce((n, e) => n + routes.readCounter({ "ip.dst": e.keys[0]! }).packets, 0n);
    expect(hits + dp.counters.routes_miss!.read(0).packets).toBe(BigInt(PACKETS));
  });

  it("the kitchen-sink program exercises every parser outcome", () => {
    const program = kitchenSink();
    const core = compileProgram(program);
    const seen = new Set<string>();
    for (const p of traffic(makeRng(7), 2000)) seen.add(program.errors[Number(core.run(p).parserError)]!);
    expect([...seen].sort()).toEqual(["BadVersion", "NoError", "PacketTooShort", "StackOverflow"]);
  });
});

// ---------------------------------------------------------------- the examples

const EXAMPLES = examplePrograms();

describe.skipIf(EXAMPLES.length === 0)("properties on every example (skipped while the examples are missing)", () => {
  it.each(EXAMPLES.flatMap((file) => SEEDS.map((seed) => [file, seed] as const)))("%s, seed %i", (file, seed) => {
    const program = compileExample(file);
    const entries = exampleEntries(file);
    const { dp, packets } = checkTraffic(program, seed, (d) => {
      if (entries) expect(applyEntriesFile(d, entries)).toEqual([]);
    });
    checkTableCounters(dp, packets);
  });
});
