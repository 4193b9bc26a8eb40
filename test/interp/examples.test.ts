// Every example's .stf packet test, run on the reference interpreter: the
// expected packets in those files were worked out by their authors, so this is
// where the interpreter meets independently written expectations.

import { describe, it, expect } from "vitest";
import { renderStfReport } from "../../runtime/stf/report.js";
import { runStf } from "../../runtime/stf/run.js";
import { createInterpreter } from "../../targets/interp/index.js";
import { compileExample, exampleTests, readStf } from "../support/examples.js";

const TESTS = exampleTests();

describe.skipIf(TESTS.length === 0)("example .stf tests on the interpreter (skipped while the examples are missing)", () => {
  it.each(TESTS)("%s with %s", (programFile, stfFile) => {
    const report = runStf(createInterpreter(compileExample(programFile)), readStf(stfFile));
    if (!report.ok) expect.fail(renderStfReport(stfFile, report));
  });
});
