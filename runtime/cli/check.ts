// `pnet check prog.pnet [--json]`: parse and check a program. Exit 0 with a
// one-line summary (warnings printed), or 1 with the rendered diagnostics;
// `--json` prints the diagnostics in machine-readable form instead.

import { basename } from "node:path";
import { diagnosticToJson } from "../../lang/diagnostics.js";
import { flagSet } from "./args.js";
import type { Command } from "./command.js";
import { compileFile, countOf, describeProgram, printDiagnostics, tally } from "./program.js";
import { EXIT_FAILED, EXIT_OK, say, sayErr } from "./io.js";

export const checkCommand: Command = {
  spec: { name: "check", positionals: ["prog.pnet"], flags: { json: { value: false } } },
  summary: "parse and check a program; diagnostics with file:line:col",
  help: `Usage: pnet check prog.pnet [--json]

Parses and checks a program and reports every problem with its file, line and
column, a code frame and a hint.

Options:
  --json       print {file, ok, errors, warnings, diagnostics, summary} as JSON on stdout

Exit status: 0 when the program is correct (warnings allowed), 1 when it has
errors, 2 when the file cannot be read.`,

  async run(args, io) {
    const path = args.positionals[0]!;
    const compiled = compileFile(path);
    const program = compiled.program;
    if (flagSet(args, "json")) {
      const summary = program
        ? { headers: program.headers.length, tables: program.tables.length, parserStates: program.parser.states.length }
        : undefined;
      const report = {
        file: path,
        ok: program !== undefined,
        errors: countOf(compiled, "error"),
        warnings: countOf(compiled, "warning"),
        diagnostics: compiled.diagnostics.map(diagnosticToJson),
        ...(summary ? { summary } : {}),
      };
      say(io, JSON.stringify(report, null, 2));
      return program ? EXIT_OK : EXIT_FAILED;
    }
    printDiagnostics(io, compiled);
    if (!program) {
      sayErr(io, `${basename(path)}: ${tally(compiled)}`);
      return EXIT_FAILED;
    }
    const note = countOf(compiled, "warning") > 0 ? ` (${tally(compiled)})` : "";
    say(io, `${basename(path)}: ok — ${describeProgram(program)}${note}`);
    return EXIT_OK;
  },
};
