// The mid-end pipeline: the named list of IR passes, in order.
//
// Each pass is a function from a Program to a Program. The validator runs
// after every pass, so a pass that breaks an IR invariant is caught at once
// and named. `pnet compile --dump-after <pass>` prints the IR after any pass.

import type { Program } from "./ir.js";
import type { DiagnosticBag } from "../lang/diagnostics.js";
import { validateProgram } from "./validate.js";
import { constantFolding } from "./passes/constant-folding.js";
import { deadCode } from "./passes/dead-code.js";
import { unrollParserLoops } from "./passes/unroll-parser.js";
import { resolveTablePaths } from "./passes/table-paths.js";

export interface Pass {
  readonly name: string;
  /** What the pass does, for `pnet compile --help` and the docs. */
  readonly description: string;
  run(program: Program, diagnostics: DiagnosticBag): Program;
}

/** The mid end, in order. Folding first so dead-code sees constant conditions. */
export const PASSES: readonly Pass[] = [constantFolding, deadCode, unrollParserLoops, resolveTablePaths];

export interface PipelineOptions {
  /** Called with the IR after the named pass ("lower" for the IR before any pass). */
  readonly dumpAfter?: string;
  readonly onDump?: (passName: string, program: Program) => void;
}

export function passNames(): string[] {
  return ["lower", ...PASSES.map((p) => p.name)];
}

/** Runs every pass, validating after each; throws if a pass produced invalid IR (a compiler bug). */
export function runPipeline(program: Program, diagnostics: DiagnosticBag, options: PipelineOptions = {}): Program {
  validateProgram(program, "lower");
  if (options.dumpAfter === "lower") options.onDump?.("lower", program);
  let current = program;
  for (const pass of PASSES) {
    current = pass.run(current, diagnostics);
    validateProgram(current, pass.name);
    if (options.dumpAfter === pass.name) options.onDump?.(pass.name, current);
  }
  return current;
}
