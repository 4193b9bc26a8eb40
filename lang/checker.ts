// The checker: resolves every name and type of a parsed program and reports
// every rule it breaks.
//
// `checkProgram` takes the parser's AST (possibly partial after a syntax
// error) and returns the diagnostics in source order, plus the CheckedProgram
// that lowering needs when there is no error. It never throws on an AST the
// parser can produce. The work is split by concern: check-decls (namespaces,
// header types, consts, externs), check-expr / check-refs / check-calls /
// check-builtins / check-const (expressions), check-stmt (statements,
// deparser), check-parser, check-patterns, check-tables, check-flow
// (recursion, apply once). docs/diagnostics.md lists
// every code with an example and the decisions taken where the language
// reference is silent.

import type * as ast from "./ast.js";
import type { CheckedProgram } from "./checked.js";
import type { Diagnostic } from "./diagnostics.js";
import { CheckContext } from "./check-context.js";
import { collectDeclarations } from "./check-decls.js";
import { checkFlow } from "./check-flow.js";
import { checkParser } from "./check-parser.js";
import { checkBlock, checkDeparser } from "./check-stmt.js";
import { checkTable } from "./check-tables.js";

export function checkProgram(parsed: ast.Program): { checked?: CheckedProgram; diagnostics: Diagnostic[] } {
  // After some syntax errors the parser's recovery yields no declaration list at all.
  const program: ast.Program = Array.isArray(parsed.decls) ? parsed : { ...parsed, decls: [] };
  const ctx = new CheckContext(program.file);
  if (tooDeep(ctx, program)) return { diagnostics: ctx.bag.sorted() };
  collectDeclarations(ctx, program);
  for (const d of program.decls) {
    switch (d.kind) {
      case "Action":
        checkAction(ctx, d);
        break;
      case "Control":
        ctx.within("control", () => checkBlock(ctx, d.body));
        break;
      case "Table":
        checkTable(ctx, d);
        break;
      case "Parser":
        checkParser(ctx, d);
        break;
      case "Deparser":
        checkDeparser(ctx, d);
        break;
      default:
        break;
    }
  }
  checkFlow(ctx, program);
  const diagnostics = ctx.bag.sorted();
  if (ctx.bag.hasErrors) return { diagnostics };
  const checked: CheckedProgram = {
    ast: program,
    errors: ctx.errorNames,
    symbols: ctx.symbols,
    types: ctx.types,
    constants: ctx.constants,
    declaredTypes: ctx.declaredTypes,
  };
  return { checked, diagnostics };
}

/** Nodes nested deeper than this are not checked: the checker recurses, and its stack is finite. */
export const MAX_DEPTH = 500;

/**
 * Reports the first node nested more than MAX_DEPTH deep (E0322), e.g. a
 * chain of thousands of `+`. Iterative, so it cannot overflow itself.
 */
function tooDeep(ctx: CheckContext, program: ast.Program): boolean {
  const work: [unknown, number][] = [[program, 0]];
  while (work.length > 0) {
    const [node, depth] = work.pop()!;
    if (!node || typeof node !== "object") continue;
    if (depth > MAX_DEPTH && "span" in node) {
      const span = (node as { span: ast.Program["span"] }).span;
      ctx.error("E0322", span, `this is nested more than ${MAX_DEPTH} levels deep, too deep to check`, "split the expression with `let` locals");
      return true;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== "span" && value && typeof value === "object") work.push([value, Array.isArray(node) ? depth : depth + 1]);
    }
  }
  return false;
}

/** An action body, with its parameters in scope (read-only: see check-stmt.ts). */
function checkAction(ctx: CheckContext, a: ast.ActionDecl): void {
  ctx.within("action", () =>
    ctx.scoped(() => {
      a.params.forEach((p, index) => {
        // A repeated parameter name is reported once, as a duplicate (check-decls.ts).
        if (a.params.findIndex((x) => x.name.name === p.name.name) !== index) return;
        ctx.declareLocal(p.name, {
          symbol: { kind: "param", action: a, index },
          span: p.name.span,
          type: ctx.declaredTypes.get(p) ?? { kind: "bad" },
        });
      });
      checkBlock(ctx, a.body);
    }),
  );
}
