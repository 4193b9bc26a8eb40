// Syntax errors in the project's own words (codes E01xx).
//
// Chevrotain detects a syntax error and recovers from it; this file decides
// what to tell the person. The error-message provider given to chevrotain
// does not write prose: it records what was expected and in which grammar
// rule, and `syntaxDiagnostic` turns that, plus the offending token and the
// surrounding tokens, into a diagnostic with a precise span and a hint
// (the missing `;`, the unclosed `{` and where it opened, `=` for `==`,
// a reserved word used as a name, a state without `transition` …).

import { EOF, tokenMatcher, type IParserErrorMessageProvider, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import type { Diagnostic, RelatedNote } from "./diagnostics.js";
import { AnyWord, DECLARATION_KEYWORDS, ExprName, Identifier, IntToken, KW, NumberLit, P, TOKEN_TYPES, tokenEnd } from "./lexer.js";
import type { Span, SourceFile } from "./source.js";

/** What the message provider records about one error (it travels as the exception's message). */
interface ErrorFacts {
  readonly expected: readonly string[]; // token type names
  readonly ruleName: string;
}

/** Thrown out of the parser when a file has so many syntax errors that more would only be noise. */
export class TooManySyntaxErrors extends Error {}

/** More syntax errors than this in one file stop the parse (and bound its time on garbage input). */
export const MAX_SYNTAX_ERRORS = 50;

const byName = new Map(TOKEN_TYPES.map((t) => [t.name, t]));

/** Counts errors across one run; reset by the parser before each file. */
export const errorBudget = { used: 0 };

function facts(expected: readonly TokenType[], ruleName: string): string {
  if (++errorBudget.used > MAX_SYNTAX_ERRORS) throw new TooManySyntaxErrors();
  return JSON.stringify({ expected: [...new Set(expected.map((t) => t.name))], ruleName } satisfies ErrorFacts);
}

export const messageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, ruleName }) => facts([expected], ruleName),
  buildNotAllInputParsedMessage: ({ ruleName }) => facts([], ruleName),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, ruleName }) =>
    facts(expectedPathsPerAlt.flatMap((paths) => paths.map((path) => path[0]!).filter(Boolean)), ruleName),
  buildEarlyExitMessage: ({ expectedIterationPaths, ruleName }) =>
    facts(expectedIterationPaths.map((path) => path[0]!).filter(Boolean), ruleName),
};

/** What a `;` ends, by the rule that wanted it. */
const SEMICOLON_ENDS: Readonly<Record<string, string>> = {
  exprStmt: "the statement",
  letStmt: "the `let` statement",
  exitStmt: "`exit`",
  constDecl: "the constant",
  field: "the field",
  indexedExtern: "the declaration",
  keyElement: "the key element",
  selectCase: "the select case",
  entry: "the entry",
  transition: "the transition",
  tableProp: "the table property",
  actionList: "the action name",
};

/** The context where a rule is looking for one of several things. */
const WANTED: Readonly<Record<string, [code: string, what: string]>> = {
  operand: ["E0105", "an expression"],
  callArgs: ["E0105", "an argument"],
  program: ["E0106", "a declaration"],
  ifStmt: ["E0119", "a block `{ … }`"],
  typeExpr: ["E0114", "a type (`bit<N>`, `bool` or a header type)"],
  stateName: ["E0101", "a state name, `accept` or `reject`"],
  transition: ["E0101", "a state name or `select` after `transition`"],
};

/** How the construct a rule parses is written: the hint for an unexpected token in it. */
const FORMS: Readonly<Record<string, string>> = {
  block: "a body is a block in braces: `{ … }`",
  constDecl: "a constant is declared as `const NAME: bit<N> = value;`",
  field: "a field is declared as `name: type;`",
  headerDecl: "a header type is declared as `header name { field: bit<N>; … }`",
  headersBlock: "header instances are declared as `headers { name: header_type; … }`",
  metadataBlock: "metadata is declared as `metadata { name: type; … }`",
  errorDecl: "errors are declared as `error { Name1, Name2 }`",
  parserDecl: "the parser is `parser { state start { … } … }`",
  stateDecl: "a state is `state name { statements transition …; }`",
  transition: "a transition is `transition name;` or `transition select (keys) { value: name; … }`",
  selectCase: "a select case is `value: state;` or `default: state;`",
  actionDecl: "an action is `action name(param: bit<N>, …) { … }`",
  tableDecl: "a table is `table name { key { … } actions { … } … }`",
  tableProp: "table properties are `key { … }`, `actions { … }`, `default_action = a();`, `size = n;`, `counters;` and `entries { … }`",
  keyElement: "a key element is `field: match_kind;`",
  actionList: "the actions list is `actions { name; name; }`",
  entry: "an entry is `key_values: action(args);`",
  controlDecl: "a control is `control name { … }`",
  deparserDecl: "the deparser is `deparser { emit(h); … }`",
  indexedExtern: "externs are `counter c[size];`, `meter m[size];` and `register r[size]: bit<N>;`",
  digestDecl: "a digest is `digest name { field: bit<N>; … }`",
  letStmt: "a local is declared as `let name: type = value;`",
  ifStmt: "a conditional is `if (condition) { … } else { … }`",
  switchStmt: "a switch is `switch (t.apply().action) { name: { … } default: { … } }`",
  switchCase: "a switch case is `action_name: { … }` or `default: { … }`",
  typeExpr: "a type is `bit<N>`, `bool`, `error`, a header type `H` or a stack `H[n]`",
};

/** What a `{ … }` holds, by the rule that wants its `}`: code, description, hint. */
const INSIDE: Readonly<Record<string, [code: string, what: string, hint?: string]>> = {
  block: ["E0107", "a statement"],
  deparserDecl: ["E0107", "a statement"],
  stateDecl: ["E0101", "the end of the state", "`transition` is the last statement of a state"],
  fields: ["E0101", "a field (`name: type;`)"],
  headersBlock: ["E0101", "a header instance (`name: header_type;`)"],
  parserDecl: ["E0101", "a `state`"],
  errorDecl: ["E0101", "`,`", "separate the error names with `,`"],
  tableDecl: ["E0113", "a table property (`key`, `actions`, `default_action`, `size`, `counters` or `entries`)"],
  switchStmt: ["E0101", "a case (`action_name: { … }` or `default: { … }`)"],
  transition: ["E0101", "a select case (`value: state;` or `default: state;`)"],
};

const CLOSERS = new Map<TokenType, TokenType>([
  [P["}"], P["{"]],
  [P[")"], P["("]],
  [P["]"], P["["]],
]);

interface ErrorContext {
  readonly source: SourceFile;
  /** The tokens of the whole file, for finding where an unclosed bracket opened. */
  readonly tokens: readonly IToken[];
}

export function syntaxDiagnostic(e: IRecognitionException, ctx: ErrorContext): Diagnostic {
  const facts = readFacts(e);
  const token = e.token;
  const atEof = token.tokenType === EOF || Number.isNaN(token.startOffset);
  const start = atEof ? ctx.source.text.length : token.startOffset;
  const span = ctx.source.span(start, atEof ? start : tokenEnd(token));
  const found = atEof ? "the end of the file" : `\`${shorten(token.image)}\``;
  const expected = facts.expected.map((name) => byName.get(name)).filter((t): t is TokenType => t !== undefined);
  const only = expected.length === 1 ? expected[0] : undefined;
  const d = (code: string, message: string, hint?: string, related?: RelatedNote[]): Diagnostic => ({
    code,
    severity: "error",
    message,
    span,
    ...(hint ? { hint } : {}),
    ...(related ? { related } : {}),
  });
  const isKeyword = !atEof && tokenMatcher(token, AnyWord) && !tokenMatcher(token, Identifier);
  const nameExpected = expected.some((t) => t === Identifier || t === AnyWord || t === ExprName);
  const reservedHint = isKeyword && nameExpected ? `\`${token.image}\` is a reserved word; choose another name (e.g. \`${token.image}_\`)` : undefined;

  if (token.tokenType === P["="] && only !== P["="]) {
    return d("E0109", `unexpected \`=\`: an assignment cannot appear inside an expression`, "to compare two values, write `==`");
  }
  if (only === KW.transition) {
    return d(
      "E0108",
      `expected \`transition\` at the end of the state, found ${found}`,
      "every state ends with `transition <state>;`, `transition accept;` or `transition select (…) { … }`",
    );
  }
  if (only === P[";"]) {
    const previous = previousToken(ctx.tokens, start);
    const after = previous ? ` after \`${shorten(previous.image)}\` on line ${ctx.source.position(previous.startOffset).line}` : "";
    return d("E0102", `expected \`;\` after ${SEMICOLON_ENDS[facts.ruleName] ?? "this"}, found ${found}`, `add \`;\`${after}`);
  }
  if (only === P["}"] && !atEof && !DECLARATION_KEYWORDS.has(token.tokenType)) {
    const inside = INSIDE[facts.ruleName];
    if (inside) return d(inside[0], `expected ${inside[1]} or \`}\`, found ${found}`, inside[2] ?? reservedHint ?? contextHint("stmt", token, atEof));
  }
  if (only && CLOSERS.has(only)) {
    const opener = findOpener(ctx.tokens, start, CLOSERS.get(only)!, only);
    if (opener) {
      const where = ctx.source.span(opener.startOffset, tokenEnd(opener));
      const what = only === P["}"] ? "the block" : `the \`${opener.image}\``;
      return d(
        "E0103",
        `expected ${only.LABEL} to close ${what} opened at line ${where.line}, column ${where.col}, found ${found}`,
        closerHint(only, token, atEof),
        [{ span: where, message: `${what} opened here` }],
      );
    }
  }
  if (!atEof && CLOSERS.has(token.tokenType) && (facts.ruleName === "program" || facts.ruleName === "decl")) {
    return d("E0104", `unmatched \`${token.image}\`: nothing is open here`, "delete it, or look above for a missing opening bracket");
  }
  if (only === P["("] && e.context.ruleStack.includes("actionCall")) {
    return d("E0101", `expected \`(\` after the action name, found ${found}`, "an action call has parentheses even without arguments, e.g. `drop_packet()`");
  }
  if (only === NumberLit && e.context.ruleStack[e.context.ruleStack.length - 1] === "typeExpr") {
    return d("E0114", `expected a number, found ${found}`, "the width of `bit<N>` and the size of a stack `H[n]` are number literals");
  }
  const wanted = expected.length !== 1 ? WANTED[facts.ruleName] : undefined;
  if (wanted) {
    return d(wanted[0], `expected ${wanted[1]}, found ${found}`, reservedHint ?? contextHint(facts.ruleName, token, atEof) ?? FORMS[facts.ruleName]);
  }
  const list = expected.length > 0 ? describeExpected(expected) : "the end of the file";
  return d("E0101", `expected ${list}, found ${found}`, reservedHint ?? FORMS[facts.ruleName]);
}

function readFacts(e: IRecognitionException): ErrorFacts {
  try {
    return JSON.parse(e.message) as ErrorFacts;
  } catch {
    return { expected: [], ruleName: "" };
  }
}

function shorten(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/** The tokens that can start an expression, said together as "an expression". */
const EXPRESSION_START: ReadonlySet<TokenType> = new Set([ExprName, Identifier, IntToken, KW.true, KW.false, KW.error, P["("], P["!"], P["~"]]);

function describeExpected(types: readonly TokenType[]): string {
  const anExpression = types.includes(ExprName) || types.includes(IntToken);
  const labels = [...new Set(types.map((t) => (anExpression && EXPRESSION_START.has(t) ? "an expression" : (t.LABEL ?? t.name))))];
  if (labels.length <= 1) return labels[0] ?? "something else";
  return `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}

function closerHint(closer: TokenType, found: IToken, atEof: boolean): string {
  if (closer === P[")"] && !atEof && (tokenMatcher(found, ExprName) || tokenMatcher(found, IntToken))) {
    return "separate arguments and tuple elements with `,`";
  }
  if (closer === P[")"] && found.tokenType === P[","]) return "is a value missing before the `,`?";
  if (closer === P["}"]) return "every `{` needs a matching `}`";
  return `add ${closer.LABEL}`;
}

function contextHint(ruleName: string, token: IToken, atEof: boolean): string | undefined {
  if (atEof) return undefined;
  if (ruleName === "decl" || ruleName === "program") {
    if (token.tokenType === KW.state) return "a `state` belongs inside `parser { … }`";
    if (tokenMatcher(token, ExprName) || token.tokenType === KW.if) return "statements belong inside a `control`, `action`, parser state or `deparser`";
    return "a program is a list of `const`, `header`, `headers`, `metadata`, `error`, `parser`, `action`, `table`, `control`, `deparser`, `counter`, `register`, `meter` and `digest` declarations";
  }
  if (ruleName === "stmt") {
    if (token.tokenType === KW.else) return "`else` must directly follow the `}` of an `if` block, and its body is a block: `else { … }`";
    if (token.tokenType === KW.transition) return "`transition` ends a parser state and is its last statement";
    if (token.tokenType === KW.state) return "is a `}` missing before this state?";
  }
  if (ruleName === "operand" && token.tokenType === P["{"]) return "a `{ … }` list is only allowed as an argument of `hash`, `checksum16` or `send`";
  return undefined;
}

/** The last token before `offset`. */
function previousToken(tokens: readonly IToken[], offset: number): IToken | undefined {
  const i = indexAt(tokens, offset);
  return i > 0 ? tokens[i - 1] : undefined;
}

/** Index of the first token starting at or after `offset`. */
function indexAt(tokens: readonly IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The innermost `open` before `offset` that no `close` after it matches. */
function findOpener(tokens: readonly IToken[], offset: number, open: TokenType, close: TokenType): IToken | undefined {
  let depth = 0;
  for (let i = indexAt(tokens, offset) - 1; i >= 0; i--) {
    const type = tokens[i]!.tokenType;
    if (type === close) depth++;
    else if (type === open && depth-- === 0) return tokens[i];
  }
  return undefined;
}

/**
 * The syntax diagnostics worth showing, in source order: one per offending
 * position (the first found), none that merely follows from an earlier one
 * in the same statement (same line, no `;`, `{` or `}` in between), and none
 * after a lexical error that explains it (an unrecognised character earlier
 * on the line, or an unterminated comment earlier in the file).
 */
export function worthReporting(found: readonly Diagnostic[], lexical: readonly Diagnostic[], tokens: readonly IToken[]): Diagnostic[] {
  const kept: Diagnostic[] = [];
  let previous: Diagnostic | undefined;
  for (const d of [...found].sort((a, b) => a.span.start - b.span.start)) {
    const cascade =
      previous !== undefined &&
      (previous.span.start === d.span.start || (previous.span.line === d.span.line && !boundaryBetween(tokens, previous.span.start, d.span.start)));
    previous = d;
    const explained = lexical.some(
      (l) => d.span.start >= l.span.start && (l.code === "E0003" || (l.code === "E0002" && l.span.line === d.span.line)),
    );
    if (!cascade && !explained) kept.push(d);
  }
  return kept;
}

const BOUNDARIES: ReadonlySet<TokenType> = new Set([P[";"], P["{"], P["}"]]);

/** Whether a `;`, `{` or `}` starts strictly between two offsets. */
function boundaryBetween(tokens: readonly IToken[], from: number, to: number): boolean {
  for (let i = indexAt(tokens, from + 1); i < tokens.length && tokens[i]!.startOffset < to; i++) {
    if (BOUNDARIES.has(tokens[i]!.tokenType)) return true;
  }
  return false;
}

/** A diagnostic that is not about one token. */
export function fileDiagnostic(code: string, span: Span, message: string, hint?: string): Diagnostic {
  return { code, severity: "error", message, span, ...(hint ? { hint } : {}) };
}
