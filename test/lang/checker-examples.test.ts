// The example programs under examples/ must parse and check without errors,
// and the checker must never throw on a partial AST: every prefix of every
// example (cut at a line end) is parsed with error recovery and checked.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type * as ast from "../../lang/ast.js";
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

  it.each(examples)("%s: every literal has a type and every name a symbol (hash algorithms are bare words)", (path) => {
    const parsed = parseProgram(new SourceFile(path, readFileSync(join(root, path), "utf8")));
    const { checked } = checkProgram(parsed.program);
    const hashAlgorithms = new Set<unknown>();
    const missing: string[] = [];
    walk(parsed.program, (node) => {
      if (node.kind === "Call" && node.callee.kind === "Name" && node.callee.name.name === "hash") hashAlgorithms.add(node.args[0]);
      const at = `${node.kind} at ${node.span.line}:${node.span.col}`;
      if ((node.kind === "IntLit" || node.kind === "BoolLit") && !checked!.types.has(node)) missing.push(at);
      if ((node.kind === "Name" || node.kind === "ErrorLit") && !hashAlgorithms.has(node) && !checked!.symbols.has(node)) missing.push(at);
    });
    expect(missing).toEqual([]);
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

/** Visits every AST node (objects with a `kind`), parents before children. */
function walk(node: unknown, visit: (n: ast.Expr) => void): void {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  if ("kind" in node) visit(node as ast.Expr);
  for (const [key, value] of Object.entries(node)) if (key !== "span") walk(value, visit);
}
