// The checker's rendered diagnostics for one program per rule family, compared
// with golden files (test/lang/golden/check/<family>.txt; `npm run bless`
// rewrites them). The inputs contain several mistakes each, so the files also
// show that one run reports many diagnostics, in source order, without
// cascades.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkProgram } from "../../lang/checker.js";
import { renderDiagnostics } from "../../lang/diagnostics.js";
import { parseProgram } from "../../lang/parser.js";
import { SourceFile } from "../../lang/source.js";
import { expectGolden } from "../golden.js";

const dir = join(import.meta.dirname, "golden/check");
const inputs = readdirSync(dir).filter((f) => f.endsWith(".pnet"));

describe("checker golden diagnostics", () => {
  it.each(inputs)("%s", (name) => {
    const source = new SourceFile(name, readFileSync(join(dir, name), "utf8"));
    const parsed = parseProgram(source);
    expect(parsed.diagnostics).toEqual([]);
    const { diagnostics } = checkProgram(parsed.program);
    expectGolden(join(dir, name.replace(/\.pnet$/, ".txt")), renderDiagnostics(diagnostics, new Map([[name, source]])) + "\n");
  });
});
