// The table structures of the wasm target against a naive reference written
// here from the language's rules (language.md §8): longest prefix for lpm (32
// and 128 bits), exact hashing with deletes, reinserts and a full table, and
// priorities for ternary/range keys where, on equal priority, the entry
// inserted first wins. Each lookup is a packet whose key fields are chosen to
// hit (or miss) installed entries; the matched entry's action forwards the
// packet to a port that identifies the entry. The reference's per-key match
// is runtime/matching.ts's (the interpreter's; the wasm code never calls it),
// its choice of winner is a naive scan written here.

import { describe, it, expect } from "vitest";
import * as ir from "../../compiler/ir.js";
import { prefixMask } from "../../runtime/controlplane.js";
import { makeRng, type Rng } from "../../runtime/craft.js";
import { matchesKey } from "../../runtime/matching.js";
import { ControlPlaneError, type Dataplane } from "../../runtime/dataplane.js";
import { createWasmDataplane } from "../../targets/wasm/index.js";
import * as b from "../interp/ir-build.js";
import { randomBits } from "../support/random-entries.js";

const KEYS = b.headerType("keys", [["a", 32], ["v6", 128], ["p", 16]]);
const FIELD_WIDTH: Record<string, number> = { a: 32, v6: 128, p: 16 };

interface Installed {
  readonly keys: ir.KeyMatch[];
  readonly port: number;
  readonly priority: number;
}

function makeProgram(keys: [string, ir.MatchKind][], size: number): ir.Program {
  return b.program({
    headerTypes: [KEYS],
    headers: [["k", "keys"]],
    states: [b.state("start", [b.extract("k")], b.goto("accept"))],
    actions: [b.action("to", [["port", 16]], [b.forward(b.param(0, ir.bit(16)))])],
    tables: [b.table("t", { keys: keys.map(([f, kind]) => b.key(`k.${f}`, b.fld("k", f, FIELD_WIDTH[f]!), kind)), actions: ["to"], size })],
    ingress: [b.apply("t")],
  });
}

function packetOf(values: Record<string, bigint>): Uint8Array {
  const out = new Uint8Array(22);
  const put = (v: bigint, at: number, n: number): void => {
    for (let i = 0; i < n; i++) out[at + i] = Number((v >> BigInt(8 * (n - 1 - i))) & 0xffn);
  };
  put(values.a ?? 0n, 0, 4);
  put(values.v6 ?? 0n, 4, 16);
  put(values.p ?? 0n, 20, 2);
  return out;
}

/** The naive reference: scan everything, keep the best by the table's policy. */
function reference(entries: readonly Installed[], fields: string[], policy: ir.MatchPolicy, values: Record<string, bigint>): number | undefined {
  let best: Installed | undefined;
  const score = (e: Installed): number => (policy === "lpm" ? e.keys.reduce((n, k) => n + (k.kind === "lpm" ? k.prefixLength : 0), 0) : e.priority);
  for (const e of entries) {
    if (!e.keys.every((k, i) => matchesKey(k, values[fields[i]!]!, FIELD_WIDTH[fields[i]!]!))) continue;
    if (!best || score(e) > score(best)) best = e; // ties: the earlier (inserted first) stays
  }
  return best?.port;
}

async function check(dp: Dataplane, entries: readonly Installed[], fields: string[], policy: ir.MatchPolicy, probes: Record<string, bigint>[]): Promise<void> {
  const results = dp.process(probes.map((values) => ({ port: 0, data: packetOf(values) })));
  probes.forEach((values, i) => {
    const got = results[i]!.outputs[0]?.port;
    expect(got, `lookup of ${JSON.stringify(values, (_k, v) => (typeof v === "bigint" ? "0x" + v.toString(16) : v))}`).toBe(reference(entries, fields, policy, values));
  });
}

const near = (rng: Rng, v: bigint, width: number): bigint => (rng.chance(0.5) ? v : v ^ (1n << BigInt(rng.int(0, width - 1))));

describe("lpm tries", () => {
  for (const [field, width] of [["a", 32], ["v6", 128]] as const) {
    it(`bit<${width}>: longest prefix wins, through inserts and removes`, async () => {
      const rng = makeRng(width);
      const dp = await createWasmDataplane(makeProgram([[field, "lpm"]], 4096));
      const t = dp.tables.t!;
      let entries: Installed[] = [];
      let port = 1;
      const base = randomBits(rng, width);
      for (let i = 0; i < 600; i++) {
        // Prefixes of a few shared stems, so they nest.
        const len = rng.int(0, width);
        const value = (rng.chance(0.7) ? base ^ (randomBits(rng, width) >> BigInt(rng.int(0, width))) : randomBits(rng, width)) & prefixMask(len, width);
        const keys: ir.KeyMatch[] = [{ kind: "lpm", value, prefixLength: len }];
        if (entries.some((e) => (e.keys[0] as { value: bigint }).value === value && (e.keys[0] as { prefixLength: number }).prefixLength === len)) continue;
        t.add({ key: { [`k.${field}`]: keys[0]! }, action: "to", args: { port } });
        entries.push({ keys, port: port++, priority: 0 });
      }
      const probes = () => Array.from({ length: 400 }, () => ({ [field]: rng.chance(0.8) ? near(rng, (rng.pick(entries).keys[0] as { value: bigint }).value | (randomBits(rng, width) & ir.mask(rng.int(0, width))), width) : randomBits(rng, width) }));
      await check(dp, entries, [field], "lpm", probes());
      const removed = entries.filter(() => rng.chance(0.5));
      for (const e of removed) t.remove({ [`k.${field}`]: e.keys[0]! });
      entries = entries.filter((e) => !removed.includes(e));
      await check(dp, entries, [field], "lpm", probes());
      for (const e of removed.slice(0, 100)) {
        t.add({ key: { [`k.${field}`]: e.keys[0]! }, action: "to", args: { port: e.port } });
        entries.push(e);
      }
      await check(dp, entries, [field], "lpm", probes());
    });
  }
});

describe("exact hashing", () => {
  it("finds every entry, forgets removed ones, takes them back, and refuses a full table unchanged", async () => {
    const rng = makeRng(7);
    const size = 3000;
    const dp = await createWasmDataplane(makeProgram([["a", "exact"], ["p", "exact"]], size));
    const t = dp.tables.t!;
    let entries: Installed[] = [];
    const seen = new Set<string>();
    while (entries.length < size) {
      const [a, p] = [randomBits(rng, 32) & 0xffffn, randomBits(rng, 16) & 0xffn];
      if (seen.has(`${a},${p}`)) continue;
      seen.add(`${a},${p}`);
      t.add({ key: { "k.a": a, "k.p": p }, action: "to", args: { port: entries.length + 1 } });
      entries.push({ keys: [{ kind: "exact", value: a }, { kind: "exact", value: p }], port: entries.length + 1, priority: 0 });
    }
    const value = (e: Installed, i: number): bigint => (e.keys[i] as { value: bigint }).value;
    const probes = () => Array.from({ length: 1500 }, () => (rng.chance(0.8) ? ((e) => ({ a: value(e, 0), p: value(e, 1) }))(rng.pick(entries)) : { a: randomBits(rng, 32) & 0xffffn, p: randomBits(rng, 16) & 0xffn }));
    await check(dp, entries, ["a", "p"], "exact", probes());
    expect(() => t.add({ key: { "k.a": 0x1_0000n, "k.p": 1n }, action: "to", args: { port: 9 } })).toThrow(ControlPlaneError);
    expect(t.entries().length).toBe(size);
    const removed = entries.filter(() => rng.chance(0.6));
    for (const e of removed) t.remove({ "k.a": value(e, 0), "k.p": value(e, 1) });
    entries = entries.filter((e) => !removed.includes(e));
    await check(dp, entries, ["a", "p"], "exact", probes());
    for (const e of removed.slice(0, 1000)) {
      t.add({ key: { "k.a": value(e, 0), "k.p": value(e, 1) }, action: "to", args: { port: e.port + 10000 } });
      entries.push({ ...e, port: e.port + 10000 });
    }
    await check(dp, entries, ["a", "p"], "exact", probes());
  });
});

describe("ternary and range: tuple-space search", () => {
  it("highest priority wins; on equal priority the entry inserted first wins", async () => {
    const rng = makeRng(11);
    const dp = await createWasmDataplane(makeProgram([["a", "ternary"], ["p", "range"], ["v6", "optional"]], 4096));
    const t = dp.tables.t!;
    let entries: Installed[] = [];
    const masks = Array.from({ length: 12 }, () => randomBits(rng, 32) & randomBits(rng, 32));
    const v6s = [1n, 2n, 3n];
    for (let i = 0; i < 700; i++) {
      const mask = rng.pick(masks);
      const lo = BigInt(rng.int(0, 200));
      const keys: ir.KeyMatch[] = [
        { kind: "ternary", value: randomBits(rng, 32) & mask, mask },
        rng.chance(0.3) ? { kind: "range", lo, hi: lo } : { kind: "range", lo, hi: lo + BigInt(rng.int(0, 100)) },
        rng.chance(0.5) ? { kind: "optional" } : { kind: "optional", value: rng.pick(v6s) },
      ];
      const priority = rng.int(0, 5);
      try {
        t.add({ key: { "k.a": keys[0]!, "k.p": keys[1]!, "k.v6": keys[2]! }, action: "to", args: { port: i + 1 }, priority });
        entries.push({ keys, port: i + 1, priority });
      } catch (e) {
        expect((e as ControlPlaneError).code).toBe("duplicate-entry");
      }
    }
    const probes = () =>
      Array.from({ length: 800 }, () => {
        const e = rng.pick(entries);
        const k0 = e.keys[0] as { value: bigint; mask: bigint };
        const k1 = e.keys[1] as { lo: bigint; hi: bigint };
        return { a: k0.value | (randomBits(rng, 32) & ~k0.mask & 0xffffffffn), p: rng.chance(0.8) ? k1.lo + BigInt(rng.int(0, Number(k1.hi - k1.lo))) : BigInt(rng.int(0, 400)), v6: rng.pick([...v6s, 9n]) };
      });
    await check(dp, entries, ["a", "p", "v6"], "priority", probes());
    const removed = entries.filter(() => rng.chance(0.5));
    for (const e of removed) t.remove({ "k.a": e.keys[0]!, "k.p": e.keys[1]!, "k.v6": e.keys[2]! }, e.priority);
    entries = entries.filter((e) => !removed.includes(e));
    await check(dp, entries, ["a", "p", "v6"], "priority", probes());
  });
});
