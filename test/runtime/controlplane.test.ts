import { describe, it, expect } from "vitest";
import * as ir from "../../compiler/ir.js";
import {
  checkIndex,
  controlOf,
  EntryStore,
  keyIdentity,
  normaliseMeterConfig,
  normaliseMulticastGroup,
} from "../../runtime/controlplane.js";
import { ControlPlaneError, type ControlPlaneErrorCode, type Dataplane } from "../../runtime/dataplane.js";
import { createInterpreter } from "../../targets/interp/index.js";
import * as b from "../interp/ir-build.js";

// routes: exact + lpm (policy lpm), with a const entry and counters, size 3 (one taken by the const entry).
// acl: ternary + range + optional (policy priority), const default.
// mac: exact only, default NoAction.
const routes = b.table("routes", {
  keys: [b.key("meta.vrf", b.meta("vrf", ir.bit(16)), "exact"), b.key("ip.dst", b.fld("ip", "dst", 32), "lpm")],
  actions: ["set_nexthop", "drop_packet"],
  defaultAction: { action: "drop_packet", args: [] },
  size: 3,
  counters: true,
  entries: [{ keys: [{ kind: "exact", value: 0n }, { kind: "lpm", value: 0x0a000000n, prefixLength: 8 }], action: { action: "set_nexthop", args: [1n, 1n] } }],
});
const acl = b.table("acl", {
  keys: [
    b.key("ip.src", b.fld("ip", "src", 32), "ternary"),
    b.key("ip.total_len", b.fld("ip", "total_len", 16), "range"),
    b.key("ip.protocol", b.fld("ip", "protocol", 8), "optional"),
  ],
  actions: ["permit", "deny"],
  defaultAction: { action: "permit", args: [] },
  defaultIsConst: true,
});
const mac = b.table("mac", { keys: [b.key("eth.dst", b.fld("eth", "dst", 48), "exact")], actions: ["fwd"] });

const PROGRAM = b.program({
  headers: [["eth", "ethernet"], ["ip", "ipv4"]],
  metadata: [["vrf", ir.bit(16)]],
  actions: [
    b.action("set_nexthop", [["port", 16], ["dmac", 48]], []),
    b.action("drop_packet", [], []),
    b.action("permit", [], []),
    b.action("deny", [], []),
    b.action("fwd", [["port", 16]], []),
    b.action("unlisted", [], []),
  ],
  tables: [routes, acl, mac],
  counters: [["hits", 4]],
  registers: [["cells", 8, 12]],
  meters: [["rate", 2]],
});

function fresh(): Dataplane {
  return createInterpreter(PROGRAM);
}

/** Runs `f`, expects a ControlPlaneError with `code` (and message), and returns the message. */
function expectCode(f: () => unknown, code: ControlPlaneErrorCode, message?: RegExp): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ControlPlaneError);
    const err = e as ControlPlaneError;
    expect(err.code).toBe(code);
    if (message) expect(err.message).toMatch(message);
    return err.message;
  }
  throw new Error(`expected a ControlPlaneError ${code}, but nothing was thrown`);
}

/** Every observable piece of control-plane state, to compare before and after a failed call. */
function snapshot(dp: Dataplane): unknown {
  return {
    tables: Object.fromEntries(Object.entries(dp.tables).map(([n, t]) => [n, t.entries()])),
    registers: Array.from({ length: 8 }, (_, i) => dp.registers.cells!.read(i)),
    counters: Array.from({ length: 4 }, (_, i) => dp.counters.hits!.read(i)),
  };
}

/** The call fails with `code` and leaves every table and extern as it was. */
function failsUnchanged(dp: Dataplane, f: () => unknown, code: ControlPlaneErrorCode, message?: RegExp): void {
  const before = snapshot(dp);
  expectCode(f, code, message);
  expect(snapshot(dp)).toEqual(before);
}

describe("table entries: valid input, normalised", () => {
  it("adds with every key notation and shows normalised entries, const first", () => {
    const dp = fresh();
    dp.tables.routes!.add({ key: { "meta.vrf": 1, "ip.dst": "192.168.0.0/16" }, action: "set_nexthop", args: { port: "2", dmac: "00:00:00:00:00:02" } });
    dp.tables.acl!.add({ key: { "ip.src": "0x0a******", "ip.total_len": "64..1500", "ip.protocol": "*" }, action: "deny", priority: 10 });
    dp.tables.acl!.add({ key: { "ip.src": "10.0.0.0&&&255.0.0.0", "ip.total_len": 100, "ip.protocol": 6 }, action: "deny", priority: 5 });
    dp.tables.acl!.add({ key: { "ip.src": "*", "ip.total_len": "*", "ip.protocol": "17" }, action: "permit", priority: 1 });
    dp.tables.mac!.add({ key: { "eth.dst": "00:1b:21:3c:4d:5e" }, action: "fwd", args: { port: 7n } });

    expect(dp.tables.routes!.entries()).toEqual([
      { keys: [{ kind: "exact", value: 0n }, { kind: "lpm", value: 0x0a000000n, prefixLength: 8 }], action: { action: "set_nexthop", args: [1n, 1n] }, priority: 1, isConst: true },
      { keys: [{ kind: "exact", value: 1n }, { kind: "lpm", value: 0xc0a80000n, prefixLength: 16 }], action: { action: "set_nexthop", args: [2n, 2n] }, priority: 0, isConst: false },
    ]);
    expect(dp.tables.acl!.entries().map((e) => [e.keys, e.priority])).toEqual([
      [[{ kind: "ternary", value: 0x0a000000n, mask: 0xff000000n }, { kind: "range", lo: 64n, hi: 1500n }, { kind: "optional" }], 10],
      [[{ kind: "ternary", value: 0x0a000000n, mask: 0xff000000n }, { kind: "range", lo: 100n, hi: 100n }, { kind: "optional", value: 6n }], 5],
      [[{ kind: "ternary", value: 0n, mask: 0n }, { kind: "range", lo: 0n, hi: 0xffffn }, { kind: "optional", value: 17n }], 1],
    ]);
    expect(dp.tables.mac!.entries()[0]!.keys).toEqual([{ kind: "exact", value: 0x001b213c4d5en }]);
  });

  it("lpm takes a full-length value, value&&&prefix-mask and * (/0); ternary takes value/len and a plain value", () => {
    const store = new EntryStore(PROGRAM, routes);
    store.add({ key: { "meta.vrf": 2, "ip.dst": "10.1.2.3" }, action: "drop_packet" });
    store.add({ key: { "meta.vrf": 2, "ip.dst": "10.1.0.0&&&255.255.0.0" }, action: "drop_packet" });
    expect(store.list().slice(1).map((e) => e.keys[1])).toEqual([
      { kind: "lpm", value: 0x0a010203n, prefixLength: 32 },
      { kind: "lpm", value: 0x0a010000n, prefixLength: 16 },
    ]);
    const wide = new EntryStore(PROGRAM, { ...routes, size: 10 });
    wide.add({ key: { "meta.vrf": 3, "ip.dst": "*" }, action: "drop_packet" });
    expect(wide.list()[1]!.keys[1]).toEqual({ kind: "lpm", value: 0n, prefixLength: 0 });

    const t = new EntryStore(PROGRAM, acl);
    t.add({ key: { "ip.src": "10.0.0.0/8", "ip.total_len": "1..2", "ip.protocol": "*" }, action: "deny", priority: 1 });
    t.add({ key: { "ip.src": "10.0.0.1", "ip.total_len": "1..2", "ip.protocol": "*" }, action: "deny", priority: 1 });
    expect(t.list().map((e) => e.keys[0])).toEqual([
      { kind: "ternary", value: 0x0a000000n, mask: 0xff000000n },
      { kind: "ternary", value: 0x0a000001n, mask: 0xffffffffn },
    ]);
  });

  it("accepts structured KeyMatch objects and bigints", () => {
    const dp = fresh();
    dp.tables.routes!.add({ key: { "meta.vrf": 9n, "ip.dst": { kind: "lpm", value: 0xac100000n, prefixLength: 12 } }, action: "drop_packet" });
    expect(dp.tables.routes!.entries()[1]!.keys[1]).toEqual({ kind: "lpm", value: 0xac100000n, prefixLength: 12 });
  });

  it("a ternary mask written with * nibbles covers the whole key: unwritten high digits must be 0", () => {
    const t = new EntryStore(PROGRAM, acl);
    t.add({ key: { "ip.src": "0x1*", "ip.total_len": "*", "ip.protocol": "*" }, action: "deny", priority: 1 });
    expect(t.list()[0]!.keys[0]).toEqual({ kind: "ternary", value: 0x10n, mask: 0xfffffff0n });
  });

  it("modify keeps the entry (and its counters), remove frees the slot, setDefault changes the miss action", () => {
    const dp = fresh();
    const routesCtl = dp.tables.routes!;
    routesCtl.add({ key: { "meta.vrf": 1, "ip.dst": "1.0.0.0/8" }, action: "drop_packet" });
    routesCtl.modify({ key: { "meta.vrf": 1, "ip.dst": "1.0.0.0/8" }, action: "set_nexthop", args: { port: 4, dmac: 5 } });
    expect(routesCtl.entries()[1]!.action).toEqual({ action: "set_nexthop", args: [4n, 5n] });
    routesCtl.remove({ "meta.vrf": 1, "ip.dst": "1.0.0.0/8" });
    expect(routesCtl.entries()).toHaveLength(1);
    routesCtl.setDefault("set_nexthop", { port: 9, dmac: 9 });
    dp.tables.mac!.setDefault("NoAction");
    dp.tables.mac!.setDefault("fwd", { port: 1 });
  });

  it("the key identity ignores nothing that matters and nothing else", () => {
    expect(keyIdentity([{ kind: "ternary", value: 1n, mask: 3n }])).not.toBe(keyIdentity([{ kind: "ternary", value: 1n, mask: 1n }]));
    expect(keyIdentity([{ kind: "lpm", value: 0n, prefixLength: 0 }])).not.toBe(keyIdentity([{ kind: "lpm", value: 0n, prefixLength: 1 }]));
    expect(keyIdentity([{ kind: "optional" }])).not.toBe(keyIdentity([{ kind: "optional", value: 0n }]));
  });
});

describe("every ControlPlaneErrorCode, and the state is unchanged after it", () => {
  const route = (key: Record<string, string | number>, action = "drop_packet", args?: Record<string, string | number>) => ({ key, action, ...(args ? { args } : {}) });

  it("unknown-table and unknown-extern (controlOf)", () => {
    const dp = fresh();
    expectCode(() => controlOf(dp, "tables", "nope"), "unknown-table", /no table named 'nope' \(tables: routes, acl, mac\)/);
    expectCode(() => controlOf(dp, "counters", "nope"), "unknown-extern", /no counter named 'nope'/);
    expectCode(() => controlOf(dp, "registers", "hits"), "unknown-extern", /no register named 'hits' \(registers: cells\)/);
    expectCode(() => controlOf(dp, "meters", "x"), "unknown-extern", /no meter named 'x'/);
    expect(controlOf(dp, "tables", "routes")).toBe(dp.tables.routes);
  });

  it("unknown-action: not in the program, or not in the table's list", () => {
    const dp = fresh();
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 1, "ip.dst": "1.0.0.0/8" }, "teleport")), "unknown-action", /action 'teleport' does not exist \(table routes has: set_nexthop, drop_packet\)/);
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 1, "ip.dst": "1.0.0.0/8" }, "unlisted")), "unknown-action", /is not one of table routes's actions/);
    failsUnchanged(dp, () => dp.tables.routes!.setDefault("fwd", { port: 1 }), "unknown-action");
    failsUnchanged(dp, () => dp.tables.routes!.setDefault("NoAction"), "unknown-action");
  });

  it("unknown-key and missing-key", () => {
    const dp = fresh();
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 1, "ip.dst": "1.0.0.0/8", "ip.src": 1 })), "unknown-key", /table routes has no key 'ip.src' \(keys: meta.vrf, ip.dst\)/);
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 1 })), "missing-key", /no value for key 'ip.dst'/);
    failsUnchanged(dp, () => dp.tables.routes!.remove({ "ip.dst": "1.0.0.0/8" }), "missing-key");
  });

  it("bad-value: unparsable text, notation of another kind, negative numbers, value bits outside a ternary mask", () => {
    const dp = fresh();
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": "one", "ip.dst": "1.0.0.0/8" })), "bad-value", /table routes, key 'meta.vrf' \(exact, bit<16>\): "one" is not a value/);
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": "1..2", "ip.dst": "1.0.0.0/8" })), "bad-value", /this notation is not for exact keys; write a value/);
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": "*", "ip.dst": "1.0.0.0/8" })), "bad-value", /not for exact keys/);
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": -1, "ip.dst": "1.0.0.0/8" })), "bad-value", /not a non-negative integer/);
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 1.5, "ip.dst": "1.0.0.0/8" })), "bad-value");
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 1, "ip.dst": "1.0.0.0&&&0xff00ff00" })), "bad-value", /not for lpm keys/);
    failsUnchanged(
      dp,
      () => dp.tables.acl!.add({ key: { "ip.src": "10.0.0.1&&&255.0.0.0", "ip.total_len": "*", "ip.protocol": "*" }, action: "deny", priority: 1 }),
      "bad-value",
      /value 0xa000001 has bits set where mask 0xff000000 is 0; write 0xa000000&&&0xff000000/,
    );
    failsUnchanged(
      dp,
      () => dp.tables.routes!.add({ key: { "meta.vrf": 1, "ip.dst": { kind: "exact", value: 1n } }, action: "drop_packet" }),
      "bad-value",
      /a exact match was given for a lpm key/,
    );
    failsUnchanged(dp, () => dp.tables.acl!.add({ key: { "ip.src": "*", "ip.total_len": "*", "ip.protocol": "*" }, action: "deny", priority: -1 }), "bad-value", /priority -1/);
    failsUnchanged(dp, () => dp.tables.acl!.add({ key: { "ip.src": "*", "ip.total_len": "*", "ip.protocol": "*" }, action: "deny", priority: 2 ** 32 }), "bad-value");
  });

  it("value-too-wide: keys, range ends and action arguments", () => {
    const dp = fresh();
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 0x10000, "ip.dst": "1.0.0.0/8" })), "value-too-wide", /0x10000 does not fit in bit<16> \(at most 0xffff\)/);
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 1, "ip.dst": "2001:db8::/32" })), "value-too-wide");
    failsUnchanged(dp, () => dp.tables.acl!.add({ key: { "ip.src": "*", "ip.total_len": "0..65536", "ip.protocol": "*" }, action: "deny", priority: 1 }), "value-too-wide", /high end 0x10000/);
    failsUnchanged(
      dp,
      () => dp.tables.routes!.add(route({ "meta.vrf": 1, "ip.dst": "1.0.0.0/8" }, "set_nexthop", { port: 70000, dmac: 1 })),
      "value-too-wide",
      /action set_nexthop, parameter 'port': 0x11170 does not fit in bit<16>/,
    );
    failsUnchanged(dp, () => dp.tables.acl!.add({ key: { "ip.src": "0x1********", "ip.total_len": "*", "ip.protocol": "*" }, action: "deny", priority: 1 }), "value-too-wide");
  });

  it("mask-outside-field", () => {
    const dp = fresh();
    failsUnchanged(
      dp,
      () => dp.tables.acl!.add({ key: { "ip.src": "0&&&0x1ffffffff", "ip.total_len": "*", "ip.protocol": "*" }, action: "deny", priority: 1 }),
      "mask-outside-field",
      /mask 0x1ffffffff has bits set outside the 32-bit field/,
    );
  });

  it("bad-prefix: too long, or host bits set (as P4 runtimes reject them)", () => {
    const dp = fresh();
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 1, "ip.dst": "10.0.0.0/33" })), "bad-prefix", /prefix length \/33 is not between \/0 and \/32/);
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 1, "ip.dst": "10.1.0.0/8" })), "bad-prefix", /0xa010000\/8 has bits set after the prefix; write 0xa000000\/8/);
  });

  it("bad-range", () => {
    const dp = fresh();
    failsUnchanged(dp, () => dp.tables.acl!.add({ key: { "ip.src": "*", "ip.total_len": "2047..1024", "ip.protocol": "*" }, action: "deny", priority: 1 }), "bad-range", /range 2047..1024 is empty/);
  });

  it("missing-priority and unexpected-priority", () => {
    const dp = fresh();
    failsUnchanged(dp, () => dp.tables.acl!.add({ key: { "ip.src": "*", "ip.total_len": "*", "ip.protocol": "*" }, action: "deny" }), "missing-priority", /each entry needs a priority/);
    failsUnchanged(dp, () => dp.tables.routes!.add({ ...route({ "meta.vrf": 1, "ip.dst": "1.0.0.0/8" }), priority: 1 }), "unexpected-priority", /the longest prefix decides/);
    failsUnchanged(dp, () => dp.tables.mac!.add({ key: { "eth.dst": 1 }, action: "fwd", args: { port: 1 }, priority: 1 }), "unexpected-priority", /the exact key decides/);
  });

  it("duplicate-entry: same normalised key, whatever the notation, action or priority", () => {
    const dp = fresh();
    dp.tables.routes!.add(route({ "meta.vrf": 1, "ip.dst": "10.0.0.0/8" }));
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": "0x1", "ip.dst": "0x0a000000/8" }, "set_nexthop", { port: 1, dmac: 1 })), "duplicate-entry", /already has an entry with this key; use modify/);
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 0, "ip.dst": "10.0.0.0&&&255.0.0.0" })), "duplicate-entry", /\(a const entry\)/);
    dp.tables.acl!.add({ key: { "ip.src": "0x0a******", "ip.total_len": "*", "ip.protocol": "*" }, action: "deny", priority: 1 });
    failsUnchanged(dp, () => dp.tables.acl!.add({ key: { "ip.src": "10.0.0.0&&&255.0.0.0", "ip.total_len": "0..65535", "ip.protocol": "_" }, action: "permit", priority: 7 }), "duplicate-entry");
  });

  it("no-such-entry: remove, modify and readCounter of an absent key, or with another priority", () => {
    const dp = fresh();
    failsUnchanged(dp, () => dp.tables.routes!.remove({ "meta.vrf": 1, "ip.dst": "10.0.0.0/8" }), "no-such-entry");
    failsUnchanged(dp, () => dp.tables.routes!.modify(route({ "meta.vrf": 1, "ip.dst": "10.0.0.0/8" })), "no-such-entry");
    failsUnchanged(dp, () => dp.tables.routes!.readCounter({ "meta.vrf": 1, "ip.dst": "10.0.0.0/8" }), "no-such-entry");
    dp.tables.acl!.add({ key: { "ip.src": "*", "ip.total_len": "*", "ip.protocol": "*" }, action: "deny", priority: 3 });
    failsUnchanged(dp, () => dp.tables.acl!.remove({ "ip.src": "*", "ip.total_len": "*", "ip.protocol": "*" }, 4), "no-such-entry", /has priority 3, not 4/);
  });

  it("const-entry: const entries cannot be removed or modified", () => {
    const dp = fresh();
    failsUnchanged(dp, () => dp.tables.routes!.remove({ "meta.vrf": 0, "ip.dst": "10.0.0.0/8" }), "const-entry", /cannot be removed/);
    failsUnchanged(dp, () => dp.tables.routes!.modify(route({ "meta.vrf": 0, "ip.dst": "10.0.0.0/8" })), "const-entry", /cannot be changed/);
  });

  it("const-default", () => {
    const dp = fresh();
    failsUnchanged(dp, () => dp.tables.acl!.setDefault("deny"), "const-default", /has a const default_action/);
  });

  it("table-full: size counts the const entries", () => {
    const dp = fresh();
    dp.tables.routes!.add(route({ "meta.vrf": 1, "ip.dst": "1.0.0.0/8" }));
    dp.tables.routes!.add(route({ "meta.vrf": 2, "ip.dst": "1.0.0.0/8" }));
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 3, "ip.dst": "1.0.0.0/8" })), "table-full", /table routes is full: size = 3, of which 1 const entries/);
    dp.tables.routes!.remove({ "meta.vrf": 1, "ip.dst": "1.0.0.0/8" });
    dp.tables.routes!.add(route({ "meta.vrf": 3, "ip.dst": "1.0.0.0/8" }));
  });

  it("bad-arguments: missing or unknown parameter names", () => {
    const dp = fresh();
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 1, "ip.dst": "1.0.0.0/8" }, "set_nexthop", { port: 1 })), "bad-arguments", /no value for parameter 'dmac' \(it is set_nexthop\(port: bit<16>, dmac: bit<48>\)\)/);
    failsUnchanged(dp, () => dp.tables.routes!.add(route({ "meta.vrf": 1, "ip.dst": "1.0.0.0/8" }, "drop_packet", { port: 1 })), "bad-arguments", /action drop_packet has no parameter 'port'/);
    failsUnchanged(dp, () => dp.tables.routes!.setDefault("set_nexthop", { port: 1, dmac: 2, ttl: 3 }), "bad-arguments");
  });

  it("index-out-of-range on counters, registers and meters; value-too-wide on register writes", () => {
    const dp = fresh();
    failsUnchanged(dp, () => dp.counters.hits!.read(4), "index-out-of-range", /counter hits: index 4 is not in 0..3/);
    failsUnchanged(dp, () => dp.counters.hits!.read(-1), "index-out-of-range");
    failsUnchanged(dp, () => dp.registers.cells!.read(8), "index-out-of-range");
    failsUnchanged(dp, () => dp.registers.cells!.write(1.5, 1), "index-out-of-range");
    failsUnchanged(dp, () => dp.registers.cells!.write(0, 0x1000), "value-too-wide", /register cells: 0x1000 does not fit in bit<12>/);
    failsUnchanged(dp, () => dp.registers.cells!.write(0, -1), "bad-value");
    failsUnchanged(dp, () => dp.meters.rate!.configure(2, { cir: 1, cburst: 1, pir: 1, pburst: 1 }), "index-out-of-range");
    dp.registers.cells!.write(7, 0xfffn);
    expect(dp.registers.cells!.read(7)).toBe(0xfffn);
    expect(checkIndex("x", 3, 2)).toBe(2);
  });

  it("unknown-extern: per-entry counters of a table without `counters;`", () => {
    const dp = fresh();
    dp.tables.mac!.add({ key: { "eth.dst": 1 }, action: "fwd", args: { port: 1 } });
    expectCode(() => dp.tables.mac!.readCounter({ "eth.dst": 1 }), "unknown-extern", /table mac has no per-entry counters/);
  });
});

describe("meter configurations (RFC 2698 constraints)", () => {
  const meter = PROGRAM.meters[0]!;
  it("normalises numbers and bigints", () => {
    expect(normaliseMeterConfig(meter, { cir: 1000, cburst: 1500, pir: 2000n, pburst: 3000 })).toEqual({ cir: 1000n, cburst: 1500n, pir: 2000n, pburst: 3000n });
  });
  it.each([
    [{ cir: 2000, cburst: 1, pir: 1000, pburst: 1 }, /pir \(1000\) must be at least cir \(2000\)/],
    [{ cir: 1, cburst: 0, pir: 1, pburst: 1 }, /must be greater than 0/],
    [{ cir: 1, cburst: 1, pir: 1, pburst: 0 }, /must be greater than 0/],
    [{ cir: -1, cburst: 1, pir: 1, pburst: 1 }, /not a non-negative integer/],
    [{ cir: 1, cburst: 2n ** 32n, pir: 1, pburst: 1 }, /cburst = 4294967296 is above the limit 4294967295/],
    [{ cir: 1, cburst: 1, pir: 2n ** 40n, pburst: 1 }, /pir = 1099511627776 is above the limit/],
    [{ cir: 1, cburst: 1, pburst: 1 }, /'pir' is missing/],
  ])("rejects %o", (config, message) => {
    const dp = fresh();
    expectCode(() => dp.meters.rate!.configure(0, config as never), "bad-value", message);
  });
});

describe("multicast groups", () => {
  it("keeps the port order; an empty list removes the group", () => {
    expect(normaliseMulticastGroup(5, [3, 1, 2])).toEqual({ group: 5, ports: [3, 1, 2] });
    expect(normaliseMulticastGroup(0, [])).toEqual({ group: 0, ports: [] });
  });
  it.each([
    [-1, [1], /multicast group -1 is not an integer from 0 to 65535/],
    [65536, [1], /not an integer from 0 to 65535/],
    [1, [1, 70000], /port 70000 is not an integer/],
    [1, [2, 2], /port 2 is listed twice/],
  ])("rejects group %s ports %o", (group, ports, message) => {
    const dp = fresh();
    expectCode(() => dp.setMulticastGroup(group, ports), "bad-value", message);
  });
});
