// The RMT target's placement benchmark (issue 6): for every example and the
// four programs modelled on the NSDI 2015 benchmarks (bench/rmt-programs), on
// both chip profiles: stages used by greedy and by the ILP, whether the ILP
// proved its count optimal, placement time (greedy in ms, ILP in s, lowering
// excluded), and resource use per stage of the ILP's placement (max and mean
// share of SRAM, TCAM and exact crossbar over the stages used).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../compiler/compile.js";
import { DiagnosticBag } from "../lang/diagnostics.js";
import { lowerForRmt } from "../targets/rmt/build.js";
import { placeGreedy } from "../targets/rmt/greedy.js";
import { placeIlp } from "../targets/rmt/ilp.js";
import { compileRmt } from "../targets/rmt/index.js";
import { loadProfile, PROFILE_NAMES } from "../targets/rmt/profile.js";
import { examples, printTable, repoRoot } from "./util.js";

const NSDI = ["l2l3-simple", "l2l3-complex", "l3-dc", "dd-small"];

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (x: number): string => `${Math.round(x * 100)}%`;

export async function main(): Promise<void> {
  const programs = [
    ...examples().map((e) => ({ name: e.name, source: e.source })),
    ...NSDI.map((name) => ({ name: `nsdi:${name}`, source: readFileSync(join(repoRoot(), "bench/rmt-programs", `${name}.pnet`), "utf8") })),
  ];
  const rows: string[][] = [["program", "profile", "tables", "greedy", "ILP", "optimal", "greedy ms", "ILP s", "SRAM max/mean", "TCAM max/mean", "xbar max/mean"]];
  for (const { name, source } of programs) {
    const { program } = compile(source, { file: `${name}.pnet` });
    if (!program) {
      rows.push([name, "-", "does not compile"]);
      continue;
    }
    for (const profileName of PROFILE_NAMES) {
      const profile = loadProfile(profileName);
      const lowered = lowerForRmt(program, profile, new DiagnosticBag());
      if (!lowered) {
        const code = (await compileRmt(program, { profile: profileName })).diagnostics.find((d) => d.severity === "error")?.code ?? "?";
        rows.push([name, profileName, "-", `refused (${code})`]);
        continue;
      }
      let t0 = process.hrtime.bigint();
      const greedy = placeGreedy(lowered.tables, lowered.deps, lowered.demands, profile);
      const greedyMs = ms(t0);
      t0 = process.hrtime.bigint();
      const ilp = await placeIlp(lowered.tables, lowered.deps, lowered.demands, profile, { upperBound: "stages" in greedy ? greedy.stages : profile.num_stages, timeLimit: 30 });
      const ilpS = ms(t0) / 1000;
      const placed = await compileRmt(program, { profile: profileName, placer: "ilp" });
      const stages = placed.config?.stages ?? [];
      const share = (f: (u: (typeof stages)[number]["usage"]) => number, cap: number): string => {
        if (stages.length === 0) return "-";
        const xs = stages.map((s) => f(s.usage) / cap);
        return `${pct(Math.max(...xs))}/${pct(xs.reduce((a, b) => a + b, 0) / xs.length)}`;
      };
      const ps = profile.per_stage;
      rows.push([
        name,
        profileName,
        String(lowered.tables.length),
        "stages" in greedy ? String(greedy.stages) : "no fit",
        "stages" in ilp ? String(ilp.stages) : "no fit",
        "stages" in ilp ? (ilp.optimal ? "yes" : "no") : "-",
        greedyMs.toFixed(1),
        ilpS.toFixed(2),
        share((u) => u.sram_blocks, ps.sram.blocks),
        share((u) => u.tcam_blocks, ps.tcam.blocks),
        share((u) => u.xbar_exact_bits, ps.xbar.exact_bits),
      ]);
    }
  }
  printTable("RMT placement: stages by greedy and ILP, time, resource use per stage (ILP placement)", rows);
}
