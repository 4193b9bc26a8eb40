// Every example on the RMT target: each places on both profiles (ILP never
// worse than greedy) or is refused with an E08xx diagnostic for a documented
// reason; the configuration passes the validator; every example's .stf test
// passes on the simulator, which runs the configuration alone.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { parseStf } from "../../runtime/stf/parse.js";
import { renderStfReport } from "../../runtime/stf/report.js";
import { runStf } from "../../runtime/stf/run.js";
import { compileRmt, createRmtDataplane, validateConfig } from "../../targets/rmt/index.js";

const EXAMPLES = readdirSync("examples", { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join("examples", d.name, `${d.name}.pnet`)))
  .map((d) => join("examples", d.name, `${d.name}.pnet`));

/** Examples the RMT target refuses, with the code and the reason (docs/rmt.md). */
const REFUSED: Record<string, { code: string; because: RegExp }> = {
  "examples/acl/acl.pnet": { code: "E0804", because: /register conntrack is used at line \d+ and again/ },
  "examples/ddos/ddos.pnet": { code: "E0804", because: /register syn_count is used at line \d+ and again/ },
};

const programOf = (file: string) => {
  const { program, diagnostics } = compile(readFileSync(file, "utf8"), { file });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return program!;
};

describe("examples on rmt", () => {
  for (const file of EXAMPLES) {
    for (const profile of ["tofino1", "rmt13"] as const) {
      it(`${file} on ${profile}: greedy and ILP placements, validator, .stf on the simulator`, async () => {
        const program = programOf(file);
        const result = await compileRmt(program, { profile, placer: "ilp" });
        const refused = REFUSED[file];
        if (refused) {
          expect(result.config).toBeUndefined();
          expect(result.diagnostics.map((d) => d.code)).toContain(refused.code);
          expect(result.diagnostics.map((d) => d.message).join("\n")).toMatch(refused.because);
          return;
        }
        if (!result.config) expect.fail(result.report + "\n" + result.diagnostics.map((d) => `${d.code} ${d.message} (line ${d.span.line})`).join("\n"));
        console.log(`${file} ${profile}\n${result.report}`);
        expect(result.stages.greedy).toBeDefined();
        expect(result.stages.ilp).toBeDefined();
        expect(result.stages.ilp!).toBeLessThanOrEqual(result.stages.greedy!);
        expect(validateConfig(result.config!)).toEqual([]);
        const stfFile = file.replace(/\.pnet$/, ".stf");
        const parsed = parseStf(readFileSync(stfFile, "utf8"));
        const report = runStf(createRmtDataplane(result.config!), parsed.commands);
        if (!report.ok) expect.fail(renderStfReport(stfFile, report));
      }, 60_000);
    }
  }
});
