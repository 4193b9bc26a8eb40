// The parser's entry point: source text to AST plus syntax diagnostics.
//
// One chevrotain parser instance (the grammar in parse-declarations.ts and
// the files it extends) is built when this module loads and reused for every
// file. `parseProgram` never throws: lexical and syntax errors become
// diagnostics, recovery keeps going so one run reports many of them, and
// anything unexpected inside chevrotain becomes a diagnostic too.
//
// Nesting is capped before parsing (MAX_NESTING brackets deep, E0111): the
// grammar is recursive descent, and a pathological file must not exhaust the
// stack. 128 levels leave a wide margin below Node's default stack even when
// recovering from an error at the deepest point; real programs nest a few.

import type { IToken } from "chevrotain";
import type * as ast from "./ast.js";
import { sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { lex, P, tokenEnd } from "./lexer.js";
import { Grammar } from "./parse-declarations.js";
import { errorBudget, fileDiagnostic, MAX_SYNTAX_ERRORS, messageProvider, syntaxDiagnostic, TooManySyntaxErrors, worthReporting } from "./parse-errors.js";
import type { SourceFile } from "./source.js";

/** Brackets (`(`, `[`, `{`) open at once beyond which a file is rejected. */
export const MAX_NESTING = 128;

const grammar = new Grammar({ recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: messageProvider });

export interface ParseResult {
  readonly program: ast.Program;
  readonly diagnostics: Diagnostic[];
}

export function parseProgram(source: SourceFile): ParseResult {
  const diagnostics: Diagnostic[] = [];
  let decls: ast.Decl[] = [];
  // chevrotain signals every syntax error with an Error object; their stack traces are never shown and cost most of the time on bad input
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const lexed = lex(source);
    diagnostics.push(...lexed.diagnostics);
    const tooDeep = checkNesting(lexed.tokens, source);
    if (tooDeep) {
      diagnostics.push(tooDeep);
    } else {
      const parsed = parseTokens(source, lexed.tokens, lexed.diagnostics);
      decls = parsed.decls;
      diagnostics.push(...parsed.diagnostics);
    }
  } catch (e) {
    diagnostics.push(failure(e, source));
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
  const program: ast.Program = { kind: "Program", file: source.name, decls, span: source.span(0, source.text.length) };
  return { program, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Runs the grammar over the tokens. Chevrotain's recovery skips what cannot
 * start a declaration up to the next one (one error per skipped stretch), so
 * a stray token does not hide the rest of the file.
 */
function parseTokens(source: SourceFile, tokens: IToken[], lexical: readonly Diagnostic[]): { decls: ast.Decl[]; diagnostics: Diagnostic[] } {
  errorBudget.used = 0;
  grammar.begin(source, tokens);
  let stopped = false;
  try {
    grammar.program();
  } catch (e) {
    if (!(e instanceof TooManySyntaxErrors)) throw e;
    stopped = true;
  }
  const found = [...grammar.errors.map((e) => syntaxDiagnostic(e, { source, tokens })), ...grammar.problems];
  const diagnostics = worthReporting(found, lexical, tokens);
  if (stopped) {
    const span = diagnostics[diagnostics.length - 1]?.span ?? source.span(0, 0);
    diagnostics.push(fileDiagnostic("E0117", span, `more than ${MAX_SYNTAX_ERRORS} syntax errors: stopped parsing after this one`, "fix the first errors and compile again"));
  }
  return { decls: grammar.decls, diagnostics };
}

/** E0111 at the first bracket that opens more than MAX_NESTING levels. */
function checkNesting(tokens: readonly IToken[], source: SourceFile): Diagnostic | undefined {
  let depth = 0;
  for (const token of tokens) {
    const type = token.tokenType;
    if (type === P["("] || type === P["["] || type === P["{"]) {
      if (++depth > MAX_NESTING) {
        return fileDiagnostic(
          "E0111",
          source.span(token.startOffset, tokenEnd(token)),
          `nested too deeply: more than ${MAX_NESTING} brackets are open here`,
          "split the expression or block into smaller pieces (e.g. with `let` locals or actions)",
        );
      }
    } else if ((type === P[")"] || type === P["]"] || type === P["}"]) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** Anything thrown out of the grammar, as a diagnostic (never a crash). */
function failure(e: unknown, source: SourceFile): Diagnostic {
  const at = source.span(source.text.length, source.text.length);
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return fileDiagnostic("E0111", at, "the program is nested too deeply to parse", "split deeply nested expressions or `?:` chains into smaller pieces");
  }
  const message = e instanceof Error ? e.message : String(e);
  return fileDiagnostic("E0118", at, `internal error in the parser: ${message}`, "this is a bug in pnet; please report it with the input file");
}

