// What every `pnet` command shares: where output goes (so tests can capture it),
// the exit codes, and reading input files with one clear line for each way that
// can fail (missing, a directory, unreadable, not UTF-8).

import { readFileSync, statSync } from "node:fs";

/** Exit codes: what scripts can rely on. */
export const EXIT_OK = 0;
/** Compile errors, failed tests. */
export const EXIT_FAILED = 1;
/** Bad arguments, unreadable or malformed input files. */
export const EXIT_USAGE = 2;
/** A bug in pnet (an exception nobody expected). */
export const EXIT_INTERNAL = 3;

export interface CliIo {
  /** Writes text to standard output as is (callers add the newlines). */
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal: progress bars only go there. */
  readonly stderrIsTTY: boolean;
}

/** Writes one line to stdout. */
export function say(io: CliIo, line = ""): void {
  io.stdout(line + "\n");
}

/** Writes one line to stderr. */
export function sayErr(io: CliIo, line: string): void {
  io.stderr(line + "\n");
}

/** A problem to report as one line (no stack trace) before exiting with `code`. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly code: number = EXIT_USAGE,
  ) {
    super(message);
  }
}

/**
 * Reads a whole file, or throws a CliError saying why not. `what` names the
 * file's role in messages ("program", "test file", "capture").
 */
export function readInputFile(path: string, what: string): Uint8Array {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (err) {
    throw new CliError(`cannot read ${what} ${path}: ${reason(err)}`);
  }
  if (isDirectory) throw new CliError(`cannot read ${what} ${path}: it is a directory, not a file`);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new CliError(`cannot read ${what} ${path}: ${reason(err)}`);
  }
}

/** Reads a text file that must be UTF-8. */
export function readTextFile(path: string, what: string): string {
  const bytes = readInputFile(path, what);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`cannot read ${what} ${path}: it is not UTF-8 text`);
  }
}

/** The human part of a Node file-system error ("no such file or directory"). */
export function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case "ENOENT": return "no such file or directory";
    case "EACCES": case "EPERM": return "permission denied";
    case "EISDIR": return "it is a directory, not a file";
    case "ENOTDIR": return "a part of the path is not a directory";
    default: return e.message ?? String(err);
  }
}
