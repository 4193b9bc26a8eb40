// Every example's .stf packet test on the wasm target: the same expectations
// the interpreter meets (written independently of pnet by the examples' authors).

import { describe, it, expect } from "vitest";
import { renderStfReport } from "../../runtime/stf/report.js";
import { runStf } from "../../runtime/stf/run.js";
import { createWasmDataplane } from "../../targets/wasm/index.js";
import { compileExample, exampleTests, readStf } from "../support/examples.js";

describe("example .stf tests on wasm", () => {
  it.each(exampleTests())("%s with %s", async (programFile, stfFile) => {
    const report = runStf(await createWasmDataplane(compileExample(programFile)), readStf(stfFile));
    if (!report.ok) expect.fail(renderStfReport(stfFile, report));
  });
});
