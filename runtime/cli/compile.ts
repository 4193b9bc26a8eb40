// `pnet compile prog.pnet [--target T] [--emit ir|wat|asm|json] [--dump-after <pass>] [-o FILE]`:
// prints the IR (after the whole pipeline, or after one pass), or writes a
// target's artefact (artefacts.ts) or prints its text form. Targets that are
// not built yet are refused with exit code 2 rather than producing anything
// half-made.

import { writeFileSync } from "node:fs";
import { basename } from "node:path";
import { passNames } from "../../compiler/pipeline.js";
import { printProgram } from "../../compiler/print.js";
import type * as ir from "../../compiler/ir.js";
import type { TargetName } from "../dataplane.js";
import { buildArtefact } from "./artefacts.js";
import { flagChoice, flagValue, UsageError } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT_FAILED, EXIT_OK, reason, sayErr } from "./io.js";
import type { CliIo } from "./io.js";
import { compileFile, printDiagnostics, tally, TARGETS } from "./program.js";

const EMITS = ["ir", "wat", "asm", "json"] as const;
type Emit = (typeof EMITS)[number];

/** The target whose artefact each `--emit` form is. */
const EMIT_TARGET: Readonly<Record<Exclude<Emit, "ir">, TargetName>> = { wat: "wasm", asm: "ebpf", json: "rmt" };

export const compileCommand: Command = {
  spec: {
    name: "compile",
    positionals: ["prog.pnet"],
    flags: {
      target: { value: true },
      emit: { value: true },
      "dump-after": { value: true },
      out: { value: true, short: "o" },
    },
  },
  summary: "compile a program; print its IR or write a target's artefact",
  help: `Usage: pnet compile prog.pnet [--emit ir] [--dump-after PASS] [--target T] [-o FILE]

Compiles a program through the whole pipeline.

Options:
  --emit ir          print the IR after the whole pipeline (the text form of compiler/ir.ts)
  --dump-after PASS  print the IR right after PASS; passes: ${passNames().join(", ")}
  --emit wat         print the WebAssembly text of the wasm target
  --target T         ${TARGETS.join(", ")}: write the target's artefact (default wasm: a .wasm module)
  -o, --out FILE     write to FILE instead of stdout (binary artefacts need -o)

Exit status: 0 on success, 1 when the program has errors, 2 for bad arguments
or an unreadable file.`,

  async run(args, io) {
    const path = args.positionals[0]!;
    const emit = flagChoice(args, "emit", EMITS);
    const target = flagChoice(args, "target", TARGETS);
    const dumpAfter = flagValue(args, "dump-after");
    if (dumpAfter !== undefined && !passNames().includes(dumpAfter)) {
      throw new UsageError(`unknown pass "${dumpAfter}" for --dump-after; the passes are: ${passNames().join(", ")}`);
    }
    if (emit !== undefined && emit !== "ir" && target !== undefined && target !== EMIT_TARGET[emit]) {
      throw new UsageError(`--emit ${emit} is the ${EMIT_TARGET[emit]} target's output, not ${target}'s`);
    }
    const artefactTarget = emit !== undefined && emit !== "ir" ? EMIT_TARGET[emit] : emit === undefined && dumpAfter === undefined ? (target ?? "wasm") : undefined;
    if (artefactTarget === "interp") {
      throw new UsageError(`the interp target executes the IR directly and writes no artefact; use --emit ir to see the IR`);
    }

    let dumped: string | undefined;
    const compiled = compileFile(path, dumpAfter === undefined ? {} : { dumpAfter, onDump: (_pass, text) => (dumped = text) });
    printDiagnostics(io, compiled);
    if (artefactTarget !== undefined && compiled.program) {
      return writeArtefact(io, artefactTarget, compiled.program, emit !== undefined, flagValue(args, "out"));
    }
    // A dump taken before a later pass failed is still shown: it is what the user asked to see.
    const shown = dumpAfter !== undefined ? dumped : compiled.program && printProgram(compiled.program);
    if (shown !== undefined) output(io, flagValue(args, "out"), shown);
    if (compiled.program) return EXIT_OK;
    const stopped = dumpAfter !== undefined && dumped === undefined ? `; the compiler stopped before pass "${dumpAfter}"` : "";
    sayErr(io, `${basename(path)}: ${tally(compiled)}${stopped}`);
    return EXIT_FAILED;
  },
};

async function writeArtefact(io: CliIo, target: TargetName, program: ir.Program, asText: boolean, file: string | undefined): Promise<number> {
  if (!asText && file === undefined) {
    throw new UsageError(`the ${target} artefact is binary: give -o FILE, or --emit to print its text form`);
  }
  const artefact = await buildArtefact(target, program, { text: asText });
  if (asText || !artefact.binary) output(io, file, artefact.text);
  else writeBinary(io, file!, artefact.binary);
  return EXIT_OK;
}

function writeBinary(io: CliIo, file: string, bytes: Uint8Array): void {
  try {
    writeFileSync(file, bytes);
  } catch (err) {
    throw new CliError(`cannot write ${file}: ${reason(err)}`);
  }
  sayErr(io, `wrote ${file} (${bytes.length} bytes)`);
}

function output(io: CliIo, file: string | undefined, text: string): void {
  const withNewline = text.endsWith("\n") ? text : text + "\n";
  if (file === undefined) {
    io.stdout(withNewline);
    return;
  }
  try {
    writeFileSync(file, withNewline);
  } catch (err) {
    throw new CliError(`cannot write ${file}: ${reason(err)}`);
  }
  sayErr(io, `wrote ${file}`);
}
