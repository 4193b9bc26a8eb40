// The shape of one `pnet` subcommand: its argument spec, its help text and what
// it does. main.ts dispatches on the name; each command lives in its own file.

import type { CommandSpec, ParsedArgs } from "./args.js";
import type { CliIo } from "./io.js";

export interface Command {
  readonly spec: CommandSpec;
  /** One line for `pnet --help`. */
  readonly summary: string;
  /** The full text of `pnet <name> --help`. */
  readonly help: string;
  /** Returns the exit code; throws CliError or UsageError for problems to report in one line. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}
