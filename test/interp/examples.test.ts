// Every example's .stf packet test, run on the reference interpreter: the
// expected packets in those files were worked out by their authors, so this is
// where the interpreter meets independently written expectations.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it, expect } from "vitest";
import { parseStf } from "../../runtime/stf/parse.js";
import { renderStfReport } from "../../runtime/stf/report.js";
import { runStf } from "../../runtime/stf/run.js";
import { createInterpreter } from "../../targets/interp/index.js";

const frontend = await import("../../compiler/compile.js").catch(() => undefined);

/** [program, test] pairs: every examples/<dir>/<name>.stf but entries files, beside the directory's .pnet. */
const TESTS = existsSync("examples")
  ? readdirSync("examples", { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => {
        const dir = join("examples", d.name);
        const files = readdirSync(dir);
        const program = files.find((f) => f.endsWith(".pnet"));
        return program ? files.filter((f) => f.endsWith(".stf") && f !== "entries.stf").map((f) => [join(dir, program), join(dir, f)] as const) : [];
      })
  : [];

describe.skipIf(!frontend || TESTS.length === 0)("example .stf tests on the interpreter (skipped while compile() or the examples are missing)", () => {
  it.each(TESTS)("%s with %s", (programFile, stfFile) => {
    const { program, diagnostics } = frontend!.compile(readFileSync(programFile, "utf8"), { file: programFile });
    expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    const parsed = parseStf(readFileSync(stfFile, "utf8"));
    expect(parsed.errors).toEqual([]);
    const report = runStf(createInterpreter(program!), parsed.commands);
    if (!report.ok) expect.fail(renderStfReport(stfFile, report));
  });
});
