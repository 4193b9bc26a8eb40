// Every example's .stf test on the eBPF emulator: the ELF object the backend
// writes is read back by the emulator's loader and run by pnet's eBPF VM; the
// expected packets were written by the examples' authors.

import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { parseStf } from "../../runtime/stf/parse.js";
import { renderStfReport } from "../../runtime/stf/report.js";
import { runStf } from "../../runtime/stf/run.js";
import { createEbpfDataplane } from "../../targets/ebpf/index.js";
import { compileFile, EXAMPLES } from "./harness.js";

const TESTS = EXAMPLES.flatMap((e) => e.stfFiles.map((f) => [e.programFile, f] as const));

describe("example .stf tests on the eBPF emulator", () => {
  it.each(TESTS)("%s with %s", async (programFile, stfFile) => {
    const dp = await createEbpfDataplane(compileFile(programFile), { mode: "emulator" });
    const parsed = parseStf(readFileSync(stfFile, "utf8"));
    expect(parsed.errors).toEqual([]);
    const report = runStf(dp, parsed.commands);
    await dp.close();
    if (!report.ok) expect.fail(renderStfReport(stfFile, report));
  });
});
