// Deparser checksum units (issue 6): `h.c = 0; h.c = checksum16({h})` goes to
// the deparser when nothing after it reads h.c or writes h, else (or when the
// profile has no unit left) it stays on a hash unit in a stage. The simulator's
// deparser computes the units, and must agree with the interpreter; the
// validator refuses too many units and units naming fields that do not exist.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type * as ir from "../../compiler/ir.js";
import { parseStf } from "../../runtime/stf/parse.js";
import { runStf } from "../../runtime/stf/run.js";
import { createInterpreter } from "../../targets/interp/index.js";
import { compileRmt, createRmtDataplane, resolveProfile, validateConfig, type Profile, type RmtConfig } from "../../targets/rmt/index.js";
import { runDifferential } from "../support/compare.js";

const FILE = "test/rmt/programs/checksum.pnet";
const programOf = (file: string, after = ""): ir.Program => {
  const source = readFileSync(file, "utf8").replace("// AFTER", after);
  const { program, diagnostics } = compile(source, { file });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return program!;
};
/** The stage instructions that write a field. */
const stageWrites = (config: RmtConfig, field: string): number =>
  config.tables.flatMap((t) => t.actions.flatMap((a) => a.instructions)).filter((i) => i.text === field).length;

describe("deparser checksum units", () => {
  for (const profile of ["tofino1", "rmt13"] as const) {
    it(`the router's IPv4 checksum is a deparser unit on ${profile}; its .stf passes on the simulator`, async () => {
      const { config } = await compileRmt(programOf("examples/router/router.pnet"), { profile, placer: "ilp" });
      expect(config!.deparser_checksums).toHaveLength(1);
      const unit = config!.deparser_checksums![0]!;
      expect(unit.header).toBe("ip");
      expect(unit.dest).toBe("ip.checksum");
      expect(unit.fields).toHaveLength(13);
      expect(unit.source).toBe("examples/router/router.pnet:188");
      // Conditional: under ipv4_lpm's set_nexthop (action 0) and the TTL gateway.
      expect(JSON.stringify(unit.predicate)).toContain('{"act":"ipv4_lpm","index":0}');
      expect(stageWrites(config!, "ip.checksum")).toBe(0);
      expect(validateConfig(config!)).toEqual([]);
      const report = runStf(createRmtDataplane(config!), parseStf(readFileSync("examples/router/router.stf", "utf8")).commands);
      expect(report.ok).toBe(true);
    });
  }

  it("a recomputation under an if: the unit applies under the gateway; simulator and interpreter agree", async () => {
    const program = programOf(FILE);
    const { config } = await compileRmt(program, { profile: "tofino1" });
    expect(config!.deparser_checksums!.map((u) => [u.header, u.dest])).toEqual([["ip", "ip.checksum"]]);
    expect(config!.deparser_checksums![0]!.predicate).toHaveProperty("gw");
    expect(stageWrites(config!, "ip.checksum")).toBe(0);
    expect(validateConfig(config!)).toEqual([]);
    for (const seed of [1, 2]) runDifferential({ file: FILE, program, seed, reference: createInterpreter(program), candidate: createRmtDataplane(config!), names: ["interp", "rmt"], packets: 400 });
  }, 60_000);

  const cases: [string, string][] = [
    ["the checksum is read after it is computed", "meta.seen = ip.checksum; if (meta.seen == 0) { drop(); }"],
    ["a field of the header is written after", "if (ip.ttl == 3) { ip.identification = 7; }"],
    ["the header is made invalid after", "if (ip.ttl == 3) { ip.setInvalid(); }"],
  ];
  for (const [what, after] of cases) {
    it(`no unit when ${what}: the checksum stays in a stage; simulator and interpreter agree`, async () => {
      const program = programOf(FILE, after);
      const { config } = await compileRmt(program, { profile: "tofino1" });
      expect(config!.deparser_checksums).toEqual([]);
      expect(stageWrites(config!, "ip.checksum")).toBeGreaterThan(0);
      expect(validateConfig(config!)).toEqual([]);
      runDifferential({ file: FILE, program, seed: 1, reference: createInterpreter(program), candidate: createRmtDataplane(config!), names: ["interp", "rmt"], packets: 400 });
    }, 60_000);
  }

  it("a profile without units left falls back to the hash unit", async () => {
    const profile: Profile = { ...resolveProfile("tofino1"), profile: "tofino1-no-csum", deparser_checksum_units: 0 };
    const { config } = await compileRmt(programOf("examples/router/router.pnet"), { profile });
    expect(config!.deparser_checksums).toEqual([]);
    expect(stageWrites(config!, "ip.checksum")).toBeGreaterThan(0);
    expect(validateConfig(config!, { profile })).toEqual([]);
    const report = runStf(createRmtDataplane(config!), parseStf(readFileSync("examples/router/router.stf", "utf8")).commands);
    expect(report.ok).toBe(true);
  });

  describe("the validator", () => {
    const base = async (): Promise<RmtConfig> => (await compileRmt(programOf("examples/router/router.pnet"), { profile: "tofino1" })).config!;
    type Unit = NonNullable<RmtConfig["deparser_checksums"]>[number];
    const withUnits = (c: RmtConfig, f: (u: Unit) => Unit[]): RmtConfig => ({ ...c, deparser_checksums: c.deparser_checksums!.flatMap(f) });

    it("refuses more units than the profile has (tofino1: 6)", async () => {
      const c = await base();
      expect(validateConfig(withUnits(c, (u) => Array.from({ length: 7 }, () => u))).join("\n")).toMatch(/deparser: 7 checksum units, more than 6 \(tofino1\)/);
    });
    it("refuses a unit naming a field missing from the PHV", async () => {
      const c = await base();
      const bad = withUnits(c, (u) => [{ ...u, fields: u.fields.map((f) => (f === "ip.ttl" ? "ip.hops" : f)) }]);
      expect(validateConfig(bad).join("\n")).toMatch(/field ip\.hops is not in the PHV/);
    });
    it("refuses a destination outside the covered header, and fields that are not the header's", async () => {
      const c = await base();
      expect(validateConfig(withUnits(c, (u) => [{ ...u, dest: "eth.ethertype" }])).join("\n")).toMatch(/destination eth\.ethertype is not a field of the covered header/);
      expect(validateConfig(withUnits(c, (u) => [{ ...u, fields: [...u.fields].reverse() }])).join("\n")).toMatch(/not the PHV bits the deparser emits for ip/);
    });
  });
});
