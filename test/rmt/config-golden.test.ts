// Golden RMT artefacts: for every example, the greedy placer's table
// configuration (what `pnet compile --target rmt --placer greedy --emit json`
// prints) and its report, compared with test/rmt/golden/<example>.json and
// .report.txt; for the examples the chip cannot run (acl, ddos: docs/rmt.md),
// the diagnostics saying why. Greedy, because an optimal ILP placement need
// not be unique. The simulator runs these configurations in examples.test.ts.
// `npm run bless` rewrites the files; read the diff before committing.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, renderResult } from "../../compiler/compile.js";
import { renderDiagnostics } from "../../lang/diagnostics.js";
import { compileRmt } from "../../targets/rmt/index.js";
import { expectGolden } from "../golden.js";

const examples = readdirSync("examples", { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name).sort();
const golden = (name: string) => join("test/rmt/golden", name);

describe("golden rmt configurations", () => {
  it.each(examples)("%s", async (name) => {
    const file = join("examples", name, `${name}.pnet`);
    const result = compile(readFileSync(file), { file });
    expect(result.program, renderResult(result)).toBeDefined();
    const rmt = await compileRmt(result.program!, { placer: "greedy" });
    expectGolden(golden(`${name}.report.txt`), `${rmt.report}\n`);
    if (rmt.config) expectGolden(golden(`${name}.json`), `${JSON.stringify(rmt.config, null, 2)}\n`);
    else expectGolden(golden(`${name}.diagnostics.txt`), `${renderDiagnostics(rmt.diagnostics, new Map([[result.source.name, result.source]]))}\n`);
  });
});
