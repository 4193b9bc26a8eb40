// The validator refuses a configuration corrupted in each way it checks, and
// accepts the placers' output; a placement that breaks a dependency also gives
// wrong packets on the simulator (which runs whatever the config says).

import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { parseStf } from "../../runtime/stf/parse.js";
import { runStf } from "../../runtime/stf/run.js";
import type { RmtConfig, TableDef } from "../../targets/rmt/config.js";
import { compileRmt, createRmtDataplane, resolveProfile, validateConfig, type Profile } from "../../targets/rmt/index.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
type Config = Mutable<RmtConfig>;

let base: RmtConfig;
const FILE = "examples/router/router.pnet";

beforeAll(async () => {
  const { program } = compile(readFileSync(FILE, "utf8"), { file: FILE });
  const result = await compileRmt(program!, { profile: "tofino1" });
  base = result.config!;
});

const mutate = (f: (c: Config) => void): string[] => {
  const c = JSON.parse(JSON.stringify(base)) as Config;
  f(c);
  return validateConfig(c as RmtConfig);
};
const table = (c: Config, name: string): Mutable<TableDef> => c.tables.find((t) => t.name === name)!;
/** The table whose instructions write this field. */
const writer = (c: Config, field: string): Mutable<TableDef> => c.tables.find((t) => t.kind === "action" && t.actions.some((a) => a.instructions.some((i) => i.text === field)))!;

describe("validator", () => {
  it("accepts the placed router", () => {
    expect(validateConfig(base)).toEqual([]);
  });
  it("refuses a target block that differs from the known profile (relaxed limits)", () => {
    expect(mutate((c) => (c.target.per_stage.max_logical_tables = 99)).join("\n")).toMatch(/differs from the known profile 'tofino1'/);
  });
  it("refuses an unknown profile", () => {
    expect(mutate((c) => (c.target.profile = "tofino9")).join("\n")).toMatch(/not a known profile/);
  });
  it("refuses more logical tables in a stage than the chip has", () => {
    const errors = mutate((c) => {
      const gw = c.tables.find((t) => t.kind === "gateway")!;
      for (let i = 0; i < 16; i++) c.tables.push({ ...JSON.parse(JSON.stringify(gw)), name: `copy${i}`, order: 1000 + i, placement: gw.placement.map((p) => ({ ...p, logical_id: 20 + i, gateway: { condition: "x", unit: 20 + i } })) });
    });
    expect(errors.join("\n")).toMatch(/stage \d+: \d+ logical tables, more than 16/);
    expect(errors.join("\n")).toMatch(/logical id \d+ is beyond 15/);
    expect(errors.join("\n")).toMatch(/gateways, more than 16/);
  });
  it("refuses a memory block used twice in a stage", () => {
    const errors = mutate((c) => {
      const a = table(c, "nexthop").placement[0]!;
      const other = c.tables.find((t) => t !== table(c, "nexthop") && t.placement.some((p) => p.stage === a.stage && p.match_memory.type === "sram"));
      const target = other ? other.placement.find((p) => p.stage === a.stage)! : a;
      target.match_memory.units = [...target.match_memory.units, a.match_memory.units[0]!];
      if (!other) a.match_memory.units.push(a.match_memory.units[0]!);
    });
    expect(errors.join("\n")).toMatch(/sram block \(\d+,\d+\) is used twice/);
  });
  it("refuses a table whose blocks cannot hold its entries", () => {
    const errors = mutate((c) => {
      const p = table(c, "ipv4_lpm").placement[0]!;
      p.match_memory.units = p.match_memory.units.slice(1);
    });
    expect(errors.join("\n")).toMatch(/ipv4_lpm, stage \d+: \d+ entries need \d+ tcam blocks, \d+ given/);
  });
  it("refuses a table whose slices hold fewer entries than its size", () => {
    expect(mutate((c) => (table(c, "nexthop").placement[0]!.entries = 10)).join("\n")).toMatch(/nexthop: its slices hold 10 entries, less than its size 1024/);
  });
  it("refuses word-packing arithmetic that does not add up", () => {
    expect(mutate((c) => (table(c, "nexthop").placement[0]!.match_memory.pack.entries_per_table_word = 20)).join("\n")).toMatch(/20 entries of \d+ bits do not fit 1 × 128 bits/);
    expect(mutate((c) => (table(c, "nexthop").placement[0]!.match_memory.pack.table_word_width = 3)).join("\n")).toMatch(/table_word_width 3, but an entry is \d+ bits/);
  });
  it("refuses a memory type the match kind cannot use", () => {
    expect(mutate((c) => (table(c, "nexthop").placement[0]!.match_memory.type = "tcam")).join("\n")).toMatch(/exact matching cannot use tcam match memory/);
    expect(mutate((c) => (table(c, "ipv6_lpm").placement[0]!.match_memory.type = "sram")).join("\n")).toMatch(/lpm matching cannot use sram match memory/);
  });
  it("refuses action data that is not in the stage of its match", () => {
    expect(mutate((c) => delete table(c, "nexthop").placement[0]!.action_memory).join("\n")).toMatch(/nexthop, stage \d+: action data \(\d+ bits\) has no action memory in the stage of its match/);
  });
  it("refuses a dependency broken by the placement, recomputed from the tables (not the stored list)", () => {
    const errors = mutate((c) => {
      c.dependencies = [];
      table(c, "nexthop").placement[0]!.stage = 0;
    });
    expect(errors.join("\n")).toMatch(/dependency match \S+ -> nexthop \(meta\.nexthop\)/);
  });
  it("refuses PHV containers the chip does not have, and overlapping container bits", () => {
    expect(mutate((c) => (c.phv.slices[0]!.container = "W64")).join("\n")).toMatch(/container W64, which tofino1 does not have/);
    const errors = mutate((c) => {
      const [a, b] = c.phv.slices.filter((s) => s.container.startsWith("W"));
      b!.container = a!.container;
      b!.container_lo = a!.container_lo;
    });
    expect(errors.join("\n")).toMatch(/bit \d+ holds both/);
  });
  it("refuses crossbar bytes used twice or missing a key byte", () => {
    expect(mutate((c) => {
      const x = table(c, "nexthop").placement[0]!.xbar.exact;
      x.push({ ...x[0]! });
    }).join("\n")).toMatch(/exact crossbar byte \d+ is used twice/);
    expect(mutate((c) => (table(c, "nexthop").placement[0]!.xbar.exact = [])).join("\n")).toMatch(/container byte \S+ it matches on is not on its crossbar/);
  });
  it("refuses more parser TCAM entries than the chip has", () => {
    expect(mutate((c) => (c.parser.tcam = Array.from({ length: 300 }, () => c.parser.tcam[0]!))).join("\n")).toMatch(/parser: 300 TCAM entries, more than 256/);
  });
});

describe("a wrong placement gives wrong packets", () => {
  // tofino1 recomputes the router's checksum in the deparser: a profile without deparser checksum units keeps it in a stage.
  const profile: Profile = { ...resolveProfile("tofino1"), profile: "tofino1-no-csum", deparser_checksum_units: 0 };
  it("moving the TTL decrement into the stage of the checksum that reads it (no deparser checksum units): validator refuses, the router's .stf fails on the simulator", async () => {
    const { program } = compile(readFileSync(FILE, "utf8"), { file: FILE });
    const staged = (await compileRmt(program!, { profile })).config!;
    expect(validateConfig(staged, { profile })).toEqual([]);
    const bad = JSON.parse(JSON.stringify(staged)) as Config;
    const ttl = writer(bad, "ip.ttl");
    const sum = bad.tables.find((t) => t !== ttl && t.actions.some((a) => a.instructions.some((i) => i.text === "ip.checksum")) && t.placement[0]!.stage > ttl.placement[0]!.stage)!;
    ttl.placement[0]!.stage = sum.placement[0]!.stage;
    ttl.placement[0]!.logical_id = 15;
    expect(validateConfig(bad as RmtConfig, { profile }).join("\n")).toMatch(/dependency action/);
    const report = runStf(createRmtDataplane(bad as RmtConfig), parseStf(readFileSync("examples/router/router.stf", "utf8")).commands);
    expect(report.ok).toBe(false);
    const good = runStf(createRmtDataplane(staged), parseStf(readFileSync("examples/router/router.stf", "utf8")).commands);
    expect(good.ok).toBe(true);
  });
});
