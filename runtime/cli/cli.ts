// The `pnet` command line: dispatch to a subcommand, `--help` at every level,
// and the promise that people never see a stack trace: usage mistakes and
// unreadable inputs print one line and exit 2; anything unexpected is reported
// as a bug in one line (the stack only with PNET_DEBUG=1) and exits 3.

import { parseArgs, UsageError } from "./args.js";
import { benchCommand } from "./bench.js";
import { checkCommand } from "./check.js";
import type { Command } from "./command.js";
import { compileCommand } from "./compile.js";
import { demoCommand } from "./demo.js";
import { digestsCommand } from "./digests.js";
import { entriesCommand } from "./entries.js";
import { loadCommand } from "./load.js";
import { unloadCommand } from "./unload.js";
import { TargetUnavailableError } from "../dataplane.js";
import { CliError, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, say, sayErr } from "./io.js";
import type { CliIo } from "./io.js";
import { runCommand } from "./run.js";
import { testCommand } from "./test.js";

const COMMANDS: readonly Command[] = [checkCommand, compileCommand, runCommand, testCommand, benchCommand, demoCommand, loadCommand, entriesCommand, digestsCommand, unloadCommand];

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length));
  return [
    "Usage: pnet <command> [options]",
    "",
    "pnet compiles P4-style packet-processing programs (.pnet) and runs them.",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.summary}`),
    "",
    "`pnet <command> --help` describes a command. Exit status: 0 success, 1 compile",
    "errors or failed tests, 2 bad arguments or unreadable files, 3 a bug in pnet.",
  ].join("\n");
}

/** Runs one command line (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      sayErr(io, globalHelp());
      return EXIT_USAGE;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      say(io, globalHelp());
      return EXIT_OK;
    }
    const command = COMMANDS.find((c) => c.spec.name === name);
    if (!command) {
      throw new UsageError(`unknown command "${name}"; the commands are ${COMMANDS.map((c) => c.spec.name).join(", ")} (see \`pnet --help\`)`);
    }
    const args = parseArgs(rest, command.spec);
    if (args.help) {
      say(io, command.help);
      return EXIT_OK;
    }
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      sayErr(io, `pnet: ${err.message}`);
      return EXIT_USAGE;
    }
    if (err instanceof CliError) {
      sayErr(io, err.message.split("\n").map((l) => `pnet: ${l}`).join("\n"));
      return err.code;
    }
    if (err instanceof TargetUnavailableError) {
      // e.g. `pnet run --target kernel` on a capture holding a runt the kernel's test runner refuses
      sayErr(io, `pnet: target ${err.target} cannot run this: ${err.message}`);
      return EXIT_USAGE;
    }
    const detail = process.env.PNET_DEBUG === "1" && err instanceof Error ? `\n${err.stack}` : "";
    sayErr(io, `pnet: internal error: ${err instanceof Error ? err.message : String(err)} (this is a bug in pnet; PNET_DEBUG=1 shows the stack trace)${detail}`);
    return EXIT_INTERNAL;
  }
}
