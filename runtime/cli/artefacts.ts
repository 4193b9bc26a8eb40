// What `pnet compile --target T` produces for each target: a binary
// artefact (a .wasm module, an ELF object, a JSON configuration), its text
// form for `--emit`, a report (`--report`), and diagnostics for features the
// target cannot map. Each back end is imported only when asked for.

import type * as ir from "../../compiler/ir.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Profile } from "../../targets/rmt/index.js";
import type { TargetName } from "../dataplane.js";
import { CliError } from "./io.js";

export interface Artefact {
  /** The artefact itself (absent when the target refused the program); written only to a file. */
  readonly binary?: Uint8Array;
  /** The human-readable form (`--emit wat|asm|json`). */
  readonly text?: string;
  /** What the back end did (rmt: stages and resources per stage). */
  readonly report?: string;
  /** An SVG picture of the result (rmt: the stage map). */
  readonly svg?: string;
  /** Features the target cannot map (E08xx). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface ArtefactOptions {
  /** Whether the text form is wanted (it can cost as much as the binary). */
  readonly text: boolean;
  /** rmt: a built-in profile's name (rmt13, tofino1) or the path of a JSON profile file. */
  readonly profile?: string;
  readonly placer?: "greedy" | "ilp";
}

type Builder = (program: ir.Program, options: ArtefactOptions) => Promise<Artefact>;

const BUILDERS: Partial<Record<TargetName, Builder>> = {
  wasm: async (program, options) => {
    const wasm = await import("../../targets/wasm/index.js");
    return { binary: await wasm.emitWasm(program), ...(options.text ? { text: await wasm.emitWat(program) } : {}), diagnostics: [] };
  },
  ebpf: async (program) => {
    const ebpf = await import("../../targets/ebpf/index.js");
    const result = ebpf.compileEbpf(program);
    return result.object.length > 0 ? { binary: result.object, text: result.asm, diagnostics: result.diagnostics } : { diagnostics: result.diagnostics };
  },
  rmt: async (program, options) => {
    const rmt = await import("../../targets/rmt/index.js");
    let profile: Profile;
    try {
      profile = rmt.resolveProfile(options.profile ?? "tofino1");
    } catch (err) {
      if (err instanceof rmt.ProfileError) throw new CliError(`--profile: ${err.message}`);
      throw err;
    }
    const result = await rmt.compileRmt(program, { profile, placer: options.placer ?? "ilp" });
    if (!result.config) return { report: result.report, diagnostics: result.diagnostics };
    const json = JSON.stringify(result.config, null, 2) + "\n";
    return { binary: new TextEncoder().encode(json), text: json, report: result.report, svg: rmt.renderStageSvg(result.config), diagnostics: result.diagnostics };
  },
};

export async function buildArtefact(target: TargetName, program: ir.Program, options: ArtefactOptions): Promise<Artefact> {
  // The kernel runs the ebpf target's object.
  const build = BUILDERS[target === "kernel" ? "ebpf" : target];
  if (!build) throw new CliError(`target ${target} is not available yet; use --emit ir to see the IR`);
  return build(program, options);
}
