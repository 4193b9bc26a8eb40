// The example programs under examples/ and their files, for every test that
// runs them: the .stf packet tests (expectations written by the examples'
// authors), the entries.stf that fills an example's tables, and the compiled
// IR (a compile error fails the test that asked, with the messages).

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { compile } from "../../compiler/compile.js";
import type * as ir from "../../compiler/ir.js";
import { parseStf, type StfCommand } from "../../runtime/stf/parse.js";

/** [program, test] pairs: every examples/<dir>/<name>.stf but entries files, beside the directory's .pnet. */
export function exampleTests(): (readonly [string, string])[] {
  if (!existsSync("examples")) return [];
  return readdirSync("examples", { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const dir = join("examples", d.name);
      const files = readdirSync(dir);
      const program = files.find((f) => f.endsWith(".pnet"));
      return program ? files.filter((f) => f.endsWith(".stf") && f !== "entries.stf").map((f) => [join(dir, program), join(dir, f)] as const) : [];
    });
}

/** Every example program file (examples/<dir>/*.pnet). */
export function examplePrograms(): string[] {
  if (!existsSync("examples")) return [];
  return readdirSync("examples", { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join("examples", d.name)).filter((f) => f.endsWith(".pnet")).map((f) => join("examples", d.name, f)));
}

/** The program compiled; the test fails with the error messages if it does not compile. */
export function compileExample(file: string): ir.Program {
  const { program, diagnostics } = compile(readFileSync(file, "utf8"), { file });
  expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return program!;
}

/** An .stf file's commands; the test fails if it does not parse. */
export function readStf(file: string): StfCommand[] {
  const parsed = parseStf(readFileSync(file, "utf8"));
  expect(parsed.errors).toEqual([]);
  return parsed.commands;
}

/** The commands of the example's entries.stf (beside the program), if it has one. */
export function exampleEntries(programFile: string): StfCommand[] | undefined {
  const file = join(dirname(programFile), "entries.stf");
  return existsSync(file) ? readStf(file) : undefined;
}
