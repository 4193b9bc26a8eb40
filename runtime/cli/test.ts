// `pnet test prog.pnet prog.stf [--target T|all] [--json]`: run an STF test on
// one target or on every target, printing pass or fail per target with the
// differences. With `all`, a target that cannot load the program (not built
// yet, or the compiler rejects a feature for it) is reported as skipped with
// its reason; it never counts as a pass.

import { basename } from "node:path";
import { TargetUnavailableError, type TargetName } from "../dataplane.js";
import { renderStfReport } from "../stf/report.js";
import { runStf } from "../stf/run.js";
import type { StfReport } from "../stf/run.js";
import { flagChoice, flagSet } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT_FAILED, EXIT_OK, say } from "./io.js";
import type { CliIo } from "./io.js";
import { compileOrFail, loadOn, readStf, TARGETS } from "./program.js";

type Outcome =
  | { readonly target: TargetName; readonly status: "passed" | "failed"; readonly report: StfReport }
  | { readonly target: TargetName; readonly status: "skipped"; readonly reason: string };

export const testCommand: Command = {
  spec: {
    name: "test",
    positionals: ["prog.pnet", "prog.stf"],
    flags: { target: { value: true }, json: { value: false } },
  },
  summary: "run an STF packet test on one target or all of them",
  help: `Usage: pnet test prog.pnet prog.stf [--target T|all] [--json]

Runs a packet test written in the .stf format (see docs/stf.md): installs its
entries, sends its packets and checks every expectation, counter and register.
Each failure is shown with its .stf line, the port, the expected and actual
bytes and the first byte that differs.

Options:
  --target T   ${TARGETS.join(", ")} or all (default interp); with all, targets that
               cannot load the program are listed as skipped, with the reason
  --json       print the results as JSON on stdout

Exit status: 0 when the test passes on every target that ran, 1 when it fails
(or the program has errors), 2 for bad arguments or a malformed .stf file.`,

  async run(args, io) {
    const [progPath, stfPath] = args.positionals as [string, string];
    const choice = flagChoice(args, "target", [...TARGETS, "all"] as const) ?? "interp";
    const commands = readStf(stfPath, "test file");
    const program = compileOrFail(progPath, io);
    const outcomes: Outcome[] = [];
    for (const target of choice === "all" ? TARGETS : [choice]) {
      let dp;
      try {
        dp = await loadOn(program, target);
      } catch (err) {
        if (choice !== "all" || !(err instanceof CliError)) throw err;
        outcomes.push({ target, status: "skipped", reason: err.message });
        continue;
      }
      try {
        const report = runStf(dp, commands);
        outcomes.push({ target, status: report.ok ? "passed" : "failed", report });
      } catch (err) {
        // The target loaded but cannot run some input of this test (the kernel's test runner refuses runts).
        if (!(err instanceof TargetUnavailableError)) throw err;
        if (choice !== "all") throw new CliError(`cannot run this test on ${target}: ${err.message}`);
        outcomes.push({ target, status: "skipped", reason: `cannot run this test on ${target}: ${err.message}` });
      } finally {
        await dp.close();
      }
    }
    const ran = outcomes.filter((o) => o.status !== "skipped");
    const failed = outcomes.some((o) => o.status === "failed") || ran.length === 0;
    if (flagSet(args, "json")) say(io, JSON.stringify({ program: progPath, test: stfPath, ok: !failed, targets: outcomes }, null, 2));
    else printOutcomes(io, stfPath, outcomes);
    return failed ? EXIT_FAILED : EXIT_OK;
  },
};

function printOutcomes(io: CliIo, stfPath: string, outcomes: readonly Outcome[]): void {
  for (const o of outcomes) {
    if (o.status === "skipped") {
      say(io, `${o.target}: skipped — ${o.reason}`);
      continue;
    }
    const text = renderStfReport(stfPath, o.report);
    say(io, o.status === "passed" ? `${o.target}: ${text}` : `${o.target}: FAILED\n${text}`);
  }
  const ran = outcomes.filter((o) => o.status !== "skipped");
  if (ran.length === 0) say(io, `${basename(stfPath)}: no target could run the test`);
}
