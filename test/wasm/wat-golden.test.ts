// Golden WebAssembly text: every example's module, as `pnet compile --emit
// wat` prints it, compared with test/wasm/golden/<example>.wat, so a change to
// the code generator or its binaryen pass list shows up as a reviewable diff.
// The same modules run the examples' .stf tests (examples.test.ts).
// `npm run bless` rewrites the files; read the diff before committing.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, renderResult } from "../../compiler/compile.js";
import { emitWat } from "../../targets/wasm/index.js";
import { expectGolden } from "../golden.js";

const examples = readdirSync("examples", { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name).sort();

describe("golden wasm text", () => {
  it.each(examples)("%s", async (name) => {
    const file = join("examples", name, `${name}.pnet`);
    const result = compile(readFileSync(file), { file });
    expect(result.program, renderResult(result)).toBeDefined();
    expectGolden(join("test/wasm/golden", `${name}.wat`), await emitWat(result.program!));
  });
});
