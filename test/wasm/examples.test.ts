// Every example's .stf packet test on the wasm target: the same expectations
// the interpreter meets (written independently of pnet by the examples' authors).

import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { compile } from "../../compiler/compile.js";
import { parseStf } from "../../runtime/stf/parse.js";
import { renderStfReport } from "../../runtime/stf/report.js";
import { runStf } from "../../runtime/stf/run.js";
import { createWasmDataplane } from "../../targets/wasm/index.js";
import { exampleTests } from "./examples.js";

describe("example .stf tests on wasm", () => {
  it.each(exampleTests())("%s with %s", async (programFile, stfFile) => {
    const { program, diagnostics } = compile(readFileSync(programFile, "utf8"), { file: programFile });
    expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    const parsed = parseStf(readFileSync(stfFile, "utf8"));
    expect(parsed.errors).toEqual([]);
    const report = runStf(await createWasmDataplane(program!), parsed.commands);
    if (!report.ok) expect.fail(renderStfReport(stfFile, report));
  });
});
