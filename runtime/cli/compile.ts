// `pnet compile prog.pnet [--target T] [--emit ir|wat|asm|json] [--dump-after <pass>] [-o FILE]`:
// prints the IR (after the whole pipeline, or after one pass), or writes a
// target's artefact (artefacts.ts) or prints its text form. Targets that are
// not built yet are refused with exit code 2 rather than producing anything
// half-made.

import { writeFileSync } from "node:fs";
import { basename } from "node:path";
import { passNames } from "../../compiler/pipeline.js";
import { printProgram } from "../../compiler/print.js";
import type { TargetName } from "../dataplane.js";
import type { CompileResult } from "../../compiler/compile.js";
import { buildArtefact, type ArtefactOptions } from "./artefacts.js";
import { flagChoice, flagSet, flagValue, UsageError } from "./args.js";
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
      profile: { value: true },
      placer: { value: true },
      report: { value: false },
      svg: { value: true },
    },
  },
  summary: "compile a program; print its IR or write a target's artefact",
  help: `Usage: pnet compile prog.pnet [--emit ir|wat|asm|json] [--dump-after PASS] [--target T] [-o FILE]
                    [--profile rmt13|tofino1|FILE.json] [--placer greedy|ilp] [--report] [--svg FILE]

Compiles a program through the whole pipeline.

Options:
  --emit ir          print the IR after the whole pipeline (the text form of compiler/ir.ts)
  --dump-after PASS  print the IR right after PASS; passes: ${passNames().join(", ")}
  --emit wat         print the WebAssembly text of the wasm target
  --emit asm         print the eBPF disassembly of the ebpf target (with labels)
  --target T         ${TARGETS.join(", ")}: write the target's artefact (default wasm: a .wasm module)
  --emit json        print the rmt target's table configuration
  -o, --out FILE     write to FILE instead of stdout (binary artefacts need -o)
  --profile P        rmt chip profile: rmt13, tofino1 (default), or a JSON profile file
                     of the same shape (targets/rmt/profiles/*.json)
  --placer P         rmt table placement: greedy, or ilp (optimal, the default)
  --report           print what the back end did (rmt: stages and resources per stage)
  --svg FILE         write the rmt stage map as an SVG picture

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
      const options = {
        text: emit !== undefined,
        ...optional("profile", flagValue(args, "profile")),
        ...optional("placer", flagChoice(args, "placer", PLACERS)),
      };
      const outputs = { out: flagValue(args, "out"), svg: flagValue(args, "svg"), report: flagSet(args, "report") };
      return writeArtefact(io, artefactTarget, compiled, options, outputs);
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

const PLACERS = ["greedy", "ilp"] as const;

function optional<K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [k in K]?: V };
}

interface Outputs {
  readonly out: string | undefined;
  readonly svg: string | undefined;
  readonly report: boolean;
}

async function writeArtefact(io: CliIo, target: TargetName, compiled: CompileResult, options: ArtefactOptions, outputs: Outputs): Promise<number> {
  if (!options.text && outputs.out === undefined && !outputs.report && outputs.svg === undefined) {
    throw new UsageError(`the ${target} artefact is binary: give -o FILE, or --emit to print its text form`);
  }
  const artefact = await buildArtefact(target, compiled.program!, options);
  if (artefact.diagnostics.length > 0) printDiagnostics(io, { ...compiled, diagnostics: [...artefact.diagnostics] });
  if (outputs.report && artefact.report) io.stdout(artefact.report.endsWith("\n") ? artefact.report : artefact.report + "\n");
  if (!artefact.binary) {
    sayErr(io, `${basename(compiled.source.name)}: target ${target} cannot run this program (see above)`);
    return EXIT_FAILED;
  }
  if (options.text) output(io, outputs.out, artefact.text ?? "");
  else if (outputs.out !== undefined) writeBinary(io, outputs.out, artefact.binary);
  if (outputs.svg !== undefined && artefact.svg) writeBinary(io, outputs.svg, new TextEncoder().encode(artefact.svg));
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
