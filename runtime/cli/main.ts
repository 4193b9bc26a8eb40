#!/usr/bin/env node
// The `pnet` executable (package.json "bin"): runs the command line with the
// process's streams and sets the exit code. Everything else is in cli.ts, so
// that tests can call runCli with captured output.

import { runCli } from "./cli.js";

// A closed pipe (`pnet compile --emit ir x.pnet | head`) is not an error worth a trace.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
});
