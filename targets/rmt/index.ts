// The RMT target: compile a program to a table configuration for an
// RMT-class chip (placed by a greedy or an optimal ILP placer), check any
// configuration, render its stage map, and run packets on the simulator.
// Design and decisions: docs/rmt.md.

import { createHash } from "node:crypto";
import * as ir from "../../compiler/ir.js";
import { printProgram } from "../../compiler/print.js";
import { DiagnosticBag, type Diagnostic } from "../../lang/diagnostics.js";
import { TargetUnavailableError, type Dataplane } from "../../runtime/dataplane.js";
import { assignResources, latencyOf, stageSummaries } from "./assign.js";
import { lowerForRmt, type Lowered } from "./build.js";
import { CONFIG_FORMAT, CONFIG_VERSION, type RmtConfig } from "./config.js";
import { placeGreedy, type PlaceResult } from "./greedy.js";
import { placeIlp } from "./ilp.js";
import { loadProfile, type Profile, type ProfileName } from "./profile.js";
import { stageTable } from "./report.js";
import { createRmtDataplane } from "./sim/dataplane.js";

export { createRmtDataplane } from "./sim/dataplane.js";
export { validateConfig } from "./validate.js";
export { renderStageSvg } from "./svg.js";
export { checkProfile, ProfileError, resolveProfile, type Profile } from "./profile.js";
export type { RmtConfig } from "./config.js";

export type Placer = "greedy" | "ilp";

export interface RmtCompileOptions {
  /** A built-in profile's name, or a profile (a user's file: `resolveProfile`). Default tofino1. */
  readonly profile?: ProfileName | Profile;
  readonly placer?: Placer;
  /** Seconds the ILP solver may take (default 30). */
  readonly ilpTimeLimit?: number;
}

export interface RmtCompileResult {
  readonly config?: RmtConfig;
  readonly report: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Stages used by each placer that ran (undefined: it found no placement). */
  readonly stages: { readonly greedy?: number; readonly ilp?: number };
}

function assemble(program: ir.Program, lowered: Lowered, placed: Extract<PlaceResult, { placement: unknown }>, profile: Profile): RmtConfig {
  const tables = assignResources(lowered.tables, lowered.demands, placed.placement, profile);
  const stages = stageSummaries(tables, lowered.deps, placed.stages, profile);
  const latency = latencyOf(stages, profile);
  return {
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    target: profile,
    program: { name: program.file, source_sha256: createHash("sha256").update(printProgram(program)).digest("hex"), compiler_version: "pnet 0.1.0" },
    phv: { slices: lowered.phv.table },
    intrinsic_out: lowered.intrinsicOut,
    parser: lowered.parser,
    tables,
    stages,
    dependencies: lowered.deps,
    deparser: lowered.deparser,
    deparser_checksums: lowered.deparserChecksums,
    externs: lowered.externs,
    ...(latency !== undefined ? { latency: { per_gress_cycles: { ingress: latency } } } : {}),
  };
}

/**
 * The program compiled for the chip, or the diagnostics saying why not. It
 * does not throw: a failure of the back end itself (a bug: every known cause
 * has its own diagnostic) becomes an E0806 naming it, as a last resort, so a
 * user still gets a message instead of a stack trace.
 */
export async function compileRmt(program: ir.Program, options: RmtCompileOptions = {}): Promise<RmtCompileResult> {
  try {
    return await compileRmtOrThrow(program, options);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const diags = new DiagnosticBag();
    diags.error("E0806", program.span, `target rmt: internal error of the back end: ${why}`, "please report this program; the other targets may compile it");
    return { report: `rmt: not compiled, internal error: ${why}`, diagnostics: diags.sorted(), stages: {} };
  }
}

async function compileRmtOrThrow(program: ir.Program, options: RmtCompileOptions): Promise<RmtCompileResult> {
  const profile = typeof options.profile === "object" ? options.profile : loadProfile(options.profile ?? "tofino1");
  const profileName = profile.profile;
  const diags = new DiagnosticBag();
  const lowered = lowerForRmt(program, profile, diags);
  if (!lowered) return { report: `rmt (${profileName}): not compiled, see the diagnostics`, diagnostics: diags.sorted(), stages: {} };
  const greedy = placeGreedy(lowered.tables, lowered.deps, lowered.demands, profile);
  const lines = [`rmt (${profileName}): ${lowered.tables.length} logical tables (${lowered.tables.filter((t) => t.kind === "match").length} match, ${lowered.tables.filter((t) => t.kind === "action").length} action-only, ${lowered.tables.filter((t) => t.kind === "gateway").length} gateways), ${lowered.deps.length} dependencies`];
  lines.push("error" in greedy ? `greedy: does not fit: ${greedy.error}` : `greedy: ${greedy.stages} stages`);
  let chosen: PlaceResult = greedy;
  let ilpStages: number | undefined;
  if (options.placer === "ilp") {
    const ilp = await placeIlp(lowered.tables, lowered.deps, lowered.demands, profile, { upperBound: "stages" in greedy ? greedy.stages : profile.num_stages, timeLimit: options.ilpTimeLimit ?? 30 });
    if ("error" in ilp) {
      lines.push(`ilp: does not fit: ${ilp.error}`);
      // The ILP's reason holds for every placement, greedy's only for its own.
      if ("error" in greedy) chosen = ilp;
    } else {
      lines.push(`ilp: ${ilp.stages} stages${ilp.optimal ? " (optimal)" : " (time limit: best found)"}`);
      ilpStages = ilp.stages;
      chosen = ilp;
    }
  }
  if ("error" in chosen) {
    diags.error("E0806", program.span, `target rmt (${profileName}): the program does not fit: ${chosen.error}`, "use a profile with more stages or fewer dependent tables");
    return { report: lines.join("\n"), diagnostics: diags.sorted(), stages: { ...("stages" in greedy ? { greedy: greedy.stages } : {}) } };
  }
  const config = assemble(program, lowered, chosen, profile);
  lines.push("", stageTable(config));
  return { config, report: lines.join("\n"), diagnostics: diags.sorted(), stages: { ...("stages" in greedy ? { greedy: greedy.stages } : {}), ...(ilpStages !== undefined ? { ilp: ilpStages } : {}) } };
}

/** The simulator over a freshly compiled configuration; TargetUnavailableError (with the E08xx diagnostics) when the program does not map. */
export async function createRmtDataplaneFromProgram(program: ir.Program, options: RmtCompileOptions = {}): Promise<Dataplane> {
  const result = await compileRmt(program, options);
  if (!result.config) throw new TargetUnavailableError("rmt", result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
  return createRmtDataplane(result.config);
}
