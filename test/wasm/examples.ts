// The example programs and their packet tests, for the wasm tests.

import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

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

/** Every example program file. */
export function examplePrograms(): string[] {
  return [...new Set(exampleTests().map(([p]) => p))];
}
