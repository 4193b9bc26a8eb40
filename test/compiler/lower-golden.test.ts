// Golden IR dumps: every example program and the compiler's own test
// programs, compiled, with the final IR (what `pnet compile --emit ir`
// prints) compared with test/compiler/golden/ir/<name>.ir. The test programs
// also keep the IR straight out of lowering (<name>.lower.ir), before any
// pass rewrites it. `npm run bless` rewrites them; read the diff before committing.

import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, renderResult } from "../../compiler/compile.js";
import { printProgram } from "../../compiler/print.js";
import { expectGolden } from "../golden.js";

const golden = (name: string) => join("test/compiler/golden/ir", name);

function pnetFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".pnet"))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const examples = pnetFiles("examples");
const programs = pnetFiles("test/compiler/programs");

describe("golden IR", () => {
  it("gives every program a distinct golden file name", () => {
    const names = [...examples, ...programs].map((f) => basename(f, ".pnet"));
    expect(new Set(names).size).toBe(names.length);
  });

  it.each([...examples, ...programs])("%s", (file) => {
    let lowered: string | undefined;
    const result = compile(readFileSync(file), { file, dumpAfter: "lower", onDump: (_, text) => (lowered = text) });
    expect(result.program, renderResult(result)).toBeDefined();
    const name = basename(file, ".pnet");
    expectGolden(golden(`${name}.ir`), printProgram(result.program!));
    if (programs.includes(file)) expectGolden(golden(`${name}.lower.ir`), lowered!);
  });
});
