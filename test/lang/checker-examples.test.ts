// The example programs under examples/ must parse and check without errors,
// and the checker must never throw on a partial AST: every prefix of every
// example (cut at a line end) is parsed with error recovery and checked.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkProgram } from "../../lang/checker.js";
import { renderDiagnostics } from "../../lang/diagnostics.js";
import { parseProgram } from "../../lang/parser.js";
import { SourceFile } from "../../lang/source.js";

const root = join(import.meta.dirname, "../../examples");
const examples = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(root, d.name)).filter((f) => f.endsWith(".pnet")).map((f) => join(d.name, f)));

describe("example programs", () => {
  it("there are examples to check", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)("%s checks without errors", (path) => {
    const source = new SourceFile(path, readFileSync(join(root, path), "utf8"));
    const parsed = parseProgram(source);
    expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const result = checkProgram(parsed.program);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(renderDiagnostics(errors, new Map([[path, source]]))).toBe("");
    expect(result.checked).toBeDefined();
  });

  it.each(examples)("%s: the checker does not throw on any truncated prefix", (path) => {
    const text = readFileSync(join(root, path), "utf8");
    const cuts = [...text.matchAll(/\n/g)].map((m) => m.index);
    for (const cut of cuts) {
      const parsed = parseProgram(new SourceFile(path, text.slice(0, cut)));
      expect(() => checkProgram(parsed.program)).not.toThrow();
    }
  });
});
