// A table applied at several sites (on different paths, as the language
// allows) is one logical table in one stage, selected from every path: its
// dependencies are the union over its sites, each ordered by its own place in
// the program. Tests: the placement (greedy and ILP) and the validator on a
// small program and on l2l3-simple with Igmp_Snooping on two paths, the
// program's .stf on the simulator, the simulator against the interpreter, and
// the E0806 refusal when the sites need opposite orders (a dependency cycle).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type * as ir from "../../compiler/ir.js";
import { parseStf } from "../../runtime/stf/parse.js";
import { renderStfReport } from "../../runtime/stf/report.js";
import { runStf } from "../../runtime/stf/run.js";
import { createInterpreter } from "../../targets/interp/index.js";
import { compileRmt, createRmtDataplane, validateConfig, type RmtConfig } from "../../targets/rmt/index.js";
import { runDifferential } from "../support/compare.js";

const TWO = "test/rmt/programs/two-paths.pnet";
const L2L3 = "bench/rmt-programs/l2l3-simple.pnet";

function programOf(source: string, file: string): ir.Program {
  const { program, diagnostics } = compile(source, { file });
  expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return program!;
}

/** l2l3-simple with Igmp_Snooping applied on the IPv6 path too (after Ipv6_Prefix hits, the mapper's other edge). */
function l2l3TwoPaths(): string {
  const source = readFileSync(L2L3, "utf8");
  const changed = source.replace("Ipv6_Xcast_Forwarding.apply();\n", "Ipv6_Xcast_Forwarding.apply();\n                Igmp_Snooping.apply();\n");
  expect(changed).not.toBe(source);
  return changed;
}

const stagesOf = (config: RmtConfig, name: string): number[] => config.tables.find((t) => t.name === name)!.placement.map((p) => p.stage);
const one = (config: RmtConfig, name: string): number => {
  const s = stagesOf(config, name);
  expect(new Set(s).size, `${name} in one stage`).toBe(1);
  return s[0]!;
};

describe("a table applied on two paths", () => {
  for (const placer of ["greedy", "ilp"] as const) {
    for (const profile of ["tofino1", "rmt13"] as const) {
      it(`two-paths.pnet, ${placer} on ${profile}: one logical table with two sites, placed after what either site depends on, validated, its .stf passes`, async () => {
        const program = programOf(readFileSync(TWO, "utf8"), TWO);
        const result = await compileRmt(program, { profile, placer });
        expect(result.diagnostics).toEqual([]);
        const config = result.config!;
        const t = config.tables.filter((x) => x.name === "t");
        expect(t).toHaveLength(1);
        expect(t[0]!.sites!.map((s) => s.source)).toEqual([`${TWO}:22`, `${TWO}:25`]);
        // The copy eth.dst = eth.src (line 24) writes what t's second site matches: t comes a stage later.
        const copy = config.tables.find((x) => x.kind === "action" && x.source === `${TWO}:24`)!;
        expect(one(config, "t")).toBeGreaterThan(one(config, copy.name));
        // The gateway of line 25 selects t's second site: t is not before it.
        const gw = config.tables.find((x) => x.kind === "gateway" && x.source === `${TWO}:25`)!;
        expect(one(config, "t")).toBeGreaterThanOrEqual(one(config, gw.name));
        expect(one(config, "out")).toBeGreaterThan(one(config, "t"));
        expect(validateConfig(config)).toEqual([]);
        const stf = TWO.replace(/\.pnet$/, ".stf");
        const commands = parseStf(readFileSync(stf, "utf8")).commands;
        for (const dp of [createInterpreter(program), createRmtDataplane(config)]) {
          const report = runStf(dp, commands);
          if (!report.ok) expect.fail(`${dp.target}: ${renderStfReport(stf, report)}`);
        }
      });
    }
  }

  it("the validator recomputes the second site's dependency: t moved into the stage of the copy it reads is refused, and the packet goes wrong", async () => {
    const program = programOf(readFileSync(TWO, "utf8"), TWO);
    const config = (await compileRmt(program, { profile: "tofino1" })).config!;
    const copy = config.tables.find((x) => x.kind === "action" && x.source === `${TWO}:24`)!;
    const stage = one(config, copy.name);
    const moved: RmtConfig = { ...config, tables: config.tables.map((x) => (x.name === "t" ? { ...x, placement: x.placement.map((p) => ({ ...p, stage })) } : x)) };
    expect(validateConfig(moved).join("\n")).toMatch(new RegExp(`dependency match ${copy.name} -> t \\(eth\\.dst\\)`));
    // t now looks up the destination as the stage received it, before the copy: the third packet of the .stf is lost.
    const report = runStf(createRmtDataplane(moved), parseStf(readFileSync(TWO.replace(/\.pnet$/, ".stf"), "utf8")).commands);
    expect(report.ok).toBe(false);
  });

  it("the validator refuses a predicate that is not the disjunction of the sites' predicates", async () => {
    const program = programOf(readFileSync(TWO, "utf8"), TWO);
    const config = (await compileRmt(program, { profile: "tofino1" })).config!;
    const t = config.tables.find((x) => x.name === "t")!;
    const wrong: RmtConfig = { ...config, tables: config.tables.map((x) => (x === t ? { ...x, predicate: t.sites![0]!.predicate } : x)) };
    expect(validateConfig(wrong)).toContain("table t: its predicate is not the disjunction of its sites' predicates");
  });

  it("two-paths.pnet: the simulator agrees with the interpreter (3 seeds × 600 packets, random entries)", async () => {
    const program = programOf(readFileSync(TWO, "utf8"), TWO);
    for (const profile of ["tofino1", "rmt13"] as const) {
      const config = (await compileRmt(program, { profile, placer: "ilp" })).config!;
      for (const seed of [1, 2, 3]) {
        const candidate = createRmtDataplane(config);
        runDifferential({ file: TWO, program, seed, reference: createInterpreter(program), candidate, names: ["interp", "rmt"], packets: 600, tables: new Set(Object.keys(candidate.tables)) });
      }
    }
  }, 60_000);

  for (const profile of ["tofino1", "rmt13"] as const) {
    it(`l2l3-simple with Igmp_Snooping on the IPv4 multicast and IPv6 paths, ${profile}: both placers, one stage for it after both paths' producers, validated, agrees with the interpreter`, async () => {
      const program = programOf(l2l3TwoPaths(), L2L3);
      const result = await compileRmt(program, { profile, placer: "ilp" });
      expect(result.diagnostics).toEqual([]);
      expect(result.stages.greedy).toBeDefined();
      expect(result.stages.ilp!).toBeLessThanOrEqual(result.stages.greedy!);
      const config = result.config!;
      const igmp = config.tables.find((t) => t.name === "Igmp_Snooping")!;
      expect(igmp.sites).toHaveLength(2);
      const at = one(config, "Igmp_Snooping");
      // On the IPv6 path it follows Ipv6_Prefix's hit and Ipv6_Xcast_Forwarding's multicast verdict.
      expect(at).toBeGreaterThanOrEqual(Math.max(...stagesOf(config, "Ipv6_Prefix")));
      expect(at).toBeGreaterThan(Math.max(...stagesOf(config, "Ipv6_Xcast_Forwarding")));
      expect(at).toBeGreaterThanOrEqual(Math.max(...stagesOf(config, "Check_uCast_Ipv4")));
      expect(validateConfig(config)).toEqual([]);
      const greedy = (await compileRmt(program, { profile })).config!;
      expect(validateConfig(greedy)).toEqual([]);
      for (const seed of [1, 2]) {
        const candidate = createRmtDataplane(config);
        runDifferential({ file: L2L3, program, seed, reference: createInterpreter(program), candidate, names: ["interp", "rmt"], packets: 400, tables: new Set(Object.keys(candidate.tables)) });
      }
    }, 60_000);
  }

  it("two tables applied in opposite orders on two paths, each matching what the other writes: E0806 names the table, its sites and the cycle, for both placers", async () => {
    const source = `header ethernet { dst: bit<48>; src: bit<48>; ethertype: bit<16>; }
headers { eth: ethernet; }
metadata { x: bit<8>; y: bit<8>; }
parser { state start { extract(eth); transition accept; } }
action nop() { }
action setx(v: bit<8>) { meta.x = v; }
action sety(v: bit<8>) { meta.y = v; }
table a { key { meta.y: exact; } actions { setx; nop; } size = 16; }
table b { key { meta.x: exact; } actions { sety; nop; } size = 16; }
control ingress {
    if (eth.ethertype == 0x0800) { a.apply(); b.apply(); } else { b.apply(); a.apply(); }
}
deparser { emit(eth); }
`;
    const program = programOf(source, "cycle.pnet");
    for (const placer of ["greedy", "ilp"] as const) {
      const result = await compileRmt(program, { placer });
      expect(result.config).toBeUndefined();
      expect(result.diagnostics.map((d) => d.code)).toEqual(["E0806"]);
      expect(result.diagnostics[0]!.message).toMatch(/the dependencies form a cycle (a -\(match on meta\.x\)-> b -\(match on meta\.y\)-> a|b -\(match on meta\.y\)-> a -\(match on meta\.x\)-> b): table (a|b) is applied at cycle\.pnet:11 and cycle\.pnet:11, and a logical table sits in one stage, so it cannot come both before and after (a|b)/);
    }
  });
});
