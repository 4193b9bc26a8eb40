// What `pnet compile --target T` writes for each target: a binary artefact
// (a .wasm module, an ELF object, a JSON configuration) and, for `--emit`,
// its text form. Each back end is imported only when its target is asked for.

import type * as ir from "../../compiler/ir.js";
import type { TargetName } from "../dataplane.js";
import { CliError } from "./io.js";

export interface Artefact {
  /** The artefact itself; written only to a file (-o). */
  readonly binary?: Uint8Array;
  /** The human-readable form (`--emit wat|asm|json`), printable. */
  readonly text: string;
}

type Builder = (program: ir.Program, options: ArtefactOptions) => Promise<Artefact>;

export interface ArtefactOptions {
  /** Whether the text form is wanted (it can cost as much as the binary). */
  readonly text: boolean;
}

const BUILDERS: Partial<Record<TargetName, Builder>> = {
  wasm: async (program, options) => {
    const wasm = await import("../../targets/wasm/index.js");
    return { binary: await wasm.emitWasm(program), text: options.text ? await wasm.emitWat(program) : "" };
  },
};

export async function buildArtefact(target: TargetName, program: ir.Program, options: ArtefactOptions): Promise<Artefact> {
  const build = BUILDERS[target];
  if (!build) throw new CliError(`target ${target} is not available yet; use --emit ir to see the IR`);
  return build(program, options);
}
