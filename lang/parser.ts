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

import { NotAllInputParsedException, type IToken } from "chevrotain";
import type * as ast from "./ast.js";
import { sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { DECLARATION_KEYWORDS, lex, P, tokenEnd } from "./lexer.js";
import { Grammar } from "./parse-declarations.js";
import { errorBudget, fileDiagnostic, MAX_SYNTAX_ERRORS, messageProvider, syntaxDiagnostic, TooManySyntaxErrors } from "./parse-errors.js";
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
  }
  const program: ast.Program = { kind: "Program", file: source.name, decls, span: source.span(0, source.text.length) };
  return { program, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Runs the grammar over the tokens. When it stops at a token that cannot
 * start a declaration, that is reported and parsing resumes at the next
 * declaration keyword, so one stray token does not hide the rest of the file.
 */
function parseTokens(source: SourceFile, tokens: IToken[], lexical: readonly Diagnostic[]): { decls: ast.Decl[]; diagnostics: Diagnostic[] } {
  errorBudget.used = 0;
  const ctx = { source, tokens };
  const decls: ast.Decl[] = [];
  const found: Diagnostic[] = [];
  for (let from = 0; ; ) {
    grammar.begin(source, from === 0 ? tokens : tokens.slice(from));
    let stopped = false;
    try {
      grammar.program();
    } catch (e) {
      if (!(e instanceof TooManySyntaxErrors)) throw e;
      stopped = true;
    }
    decls.push(...grammar.decls);
    found.push(...grammar.errors.map((e) => syntaxDiagnostic(e, ctx)), ...grammar.problems);
    if (stopped) {
      const span = found[found.length - 1]?.span ?? source.span(0, 0);
      const tooMany = fileDiagnostic("E0117", span, `more than ${MAX_SYNTAX_ERRORS} syntax errors: stopped parsing after this one`, "fix the first errors and compile again");
      return { decls, diagnostics: [...cleanUp(found, lexical), tooMany] };
    }
    const rest = grammar.errors.find((e) => e instanceof NotAllInputParsedException);
    if (!rest) break;
    const at = tokens.indexOf(rest.token, from);
    if (at < 0) break;
    from = nextDeclaration(tokens, at + 1);
    if (from >= tokens.length) break;
  }
  return { decls, diagnostics: cleanUp(found, lexical) };
}

/** Index of the first token at or after `from` that starts a declaration. */
function nextDeclaration(tokens: readonly IToken[], from: number): number {
  let i = from;
  while (i < tokens.length && !DECLARATION_KEYWORDS.has(tokens[i]!.tokenType)) i++;
  return i;
}

/**
 * One syntax diagnostic per offending position (the first found), and none
 * that merely follows from a lexical error: after an unrecognised character
 * on the same line, or anywhere after an unterminated comment.
 */
function cleanUp(found: readonly Diagnostic[], lexical: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<number>();
  return found.filter((d) => {
    if (seen.has(d.span.start)) return false;
    seen.add(d.span.start);
    return !lexical.some(
      (l) => d.span.start >= l.span.start && (l.code === "E0003" || (l.code === "E0002" && l.span.line === d.span.line)),
    );
  });
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
  if (e instanceof RangeError) {
    return fileDiagnostic("E0111", at, "the program is nested too deeply to parse", "split deeply nested expressions or `?:` chains into smaller pieces");
  }
  const message = e instanceof Error ? e.message : String(e);
  return fileDiagnostic("E0118", at, `internal error in the parser: ${message}`, "this is a bug in pnet; please report it with the input file");
}

