// Compiling a `.pnet` file for a CLI command: read it, compile it, print its
// warnings, and turn errors into rendered diagnostics and exit code 1. Also the
// helpers that load a program on a target and read a `.stf` file, which `run`,
// `test` and `demo` share, and reading a capture.

import { basename } from "node:path";
import { compile, renderResult } from "../../compiler/compile.js";
import type { CompileOptions, CompileResult } from "../../compiler/compile.js";
import type * as ir from "../../compiler/ir.js";
import type { Dataplane, TargetName } from "../dataplane.js";
import { load, TargetUnavailableError } from "../load.js";
import { decodeCapture, PcapError } from "../pcap.js";
import type { Capture } from "../pcap.js";
import { formatStfError, parseStf } from "../stf/parse.js";
import type { StfCommand } from "../stf/parse.js";
import { applyEntriesFile } from "../stf/run.js";
import { CliError, EXIT_FAILED, readInputFile, readTextFile, sayErr } from "./io.js";
import type { CliIo } from "./io.js";
import { plural } from "./traffic.js";

export { TARGETS } from "../load.js";

/** Compiles a file; only an unreadable file throws (problems in the program are diagnostics). */
export function compileFile(path: string, options: Omit<CompileOptions, "file"> = {}): CompileResult {
  return compile(readInputFile(path, "program"), { file: path, ...options });
}

export function countOf(compiled: CompileResult, severity: "error" | "warning"): number {
  return compiled.diagnostics.filter((d) => d.severity === severity).length;
}

/** "2 errors, 1 warning". */
export function tally(compiled: CompileResult): string {
  const errors = countOf(compiled, "error");
  const warnings = countOf(compiled, "warning");
  return [errors > 0 ? plural(errors, "error") : "", warnings > 0 ? plural(warnings, "warning") : ""].filter(Boolean).join(", ");
}

/** Prints the diagnostics (errors and warnings, in source order) to stderr, if there are any. */
export function printDiagnostics(io: CliIo, compiled: CompileResult): void {
  if (compiled.diagnostics.length > 0) sayErr(io, renderResult(compiled) + "\n");
}

/**
 * The checked program, after printing its warnings to stderr; compile errors
 * are printed too and end the command with exit code 1.
 */
export function compileOrFail(path: string, io: CliIo): ir.Program {
  const compiled = compileFile(path);
  printDiagnostics(io, compiled);
  if (!compiled.program) throw new CliError(`${basename(path)}: ${tally(compiled)}; nothing was run`, EXIT_FAILED);
  return compiled.program;
}

/** What the program declares, for one-line summaries. */
export function describeProgram(p: ir.Program): string {
  const n = (count: number, what: string): string => `${count} ${what}${count === 1 ? "" : "s"}`;
  return [n(p.headers.length, "header"), n(p.tables.length, "table"), n(p.parser.states.length, "parser state")].join(", ");
}

/** Loads a program on a target; a target that cannot take it is a one-line error. */
export async function loadOn(program: ir.Program, target: TargetName): Promise<Dataplane> {
  try {
    return await load(program, { target });
  } catch (err) {
    if (!(err instanceof TargetUnavailableError)) throw err;
    throw new CliError(`cannot load the program on ${target}: ${err.message}`);
  }
}

/** Reads and parses a .stf file; syntax errors end the command with exit code 2, all of them listed. */
export function readStf(path: string, what: string): StfCommand[] {
  const { commands, errors } = parseStf(readTextFile(path, what));
  if (errors.length > 0) {
    throw new CliError(errors.map((e) => formatStfError(path, e)).join("\n"));
  }
  return commands;
}

/** Applies an entries file; a refused or failed command ends the command with exit code 2. */
export function applyEntries(dp: Dataplane, path: string): number {
  const commands = readStf(path, "entries file");
  const failures = applyEntriesFile(dp, commands);
  if (failures.length > 0) throw new CliError(failures.map((f) => `${path}:${f.line}: ${f.message}`).join("\n"));
  return commands.length;
}

/** Reads a pcap or pcapng file; a file that is not a capture is a one-line error. */
export function readCapture(path: string): Capture {
  const bytes = readInputFile(path, "capture");
  try {
    return decodeCapture(bytes);
  } catch (err) {
    if (err instanceof PcapError) throw new CliError(`cannot read capture ${path}: ${err.message}`);
    throw err;
  }
}
