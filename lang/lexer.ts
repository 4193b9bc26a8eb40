// The lexer: .pnet source text to tokens (spec §1).
//
// Built once with chevrotain (a table-driven lexer with first-character
// optimisations) and reused for every file. Besides splitting the text it
// reports what a person can fix at this level — unknown characters (E0002),
// unterminated block comments, malformed number and address literals — and
// keeps going, so one run shows every problem. Literal values are computed
// here and attached to their tokens (`payload`), so the parser never re-reads
// digits.
//
// Reserved words: every keyword of spec §1 is a reserved word and cannot name
// a declaration. Some of them (`extract`, `advance`, `verify`, `emit`) are
// still accepted by the parser as the name of a call, and any word may follow
// `.` (`t.apply().hit`, `.action`), so the AST holds them as plain names for
// the checker to resolve. `meta`, `std`, `next`, `last`, `lookahead`, `bit`,
// `bool` … are not reserved: they are identifiers.
//
// `>>` and `>=` in type arguments: `lookahead<bit<8>>()` and `let x: bit<8>= 1`
// lex as `>>` / `>=` like everywhere else; `splitTypeClosers` then splits
// such a token into `>` + `>` / `>` + `=` when it directly follows `bit<N`,
// so the grammar only ever sees single `>` closing a type argument.

import { createToken, createTokenInstance, Lexer, type IToken, type TokenType } from "chevrotain";
import type { IntForm } from "./ast.js";
import type { Diagnostic } from "./diagnostics.js";
import type { SourceFile } from "./source.js";

/** The value of a number or address literal token. */
export interface LiteralValue {
  readonly value: bigint;
  readonly form: IntForm;
}

// ------------------------------------------------------------- token types

/** Every identifier and keyword: what may follow `.` (`x.apply`, `.hit`, `.action`). */
export const AnyWord = createToken({ name: "AnyWord", pattern: Lexer.NA, label: "a name" });
/** What may name something in an expression: identifiers and the reserved call names. */
export const ExprName = createToken({ name: "ExprName", pattern: Lexer.NA, label: "a name" });

export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  label: "a name",
  categories: [AnyWord, ExprName],
});

const KEYWORDS = [
  "const", "header", "headers", "metadata", "parser", "state", "extract", "advance", "verify",
  "transition", "select", "accept", "reject", "default", "action", "table", "key", "actions",
  "default_action", "size", "entries", "counters", "control", "apply", "if", "else", "switch",
  "exit", "let", "deparser", "emit", "error", "counter", "register", "meter", "digest", "as",
  "true", "false", "exact", "lpm", "ternary", "range", "optional", "hit", "miss",
] as const;
type Keyword = (typeof KEYWORDS)[number];

/** Reserved words that the parser still takes as the name of a call (`extract(h);`). */
const CALL_NAMES: ReadonlySet<Keyword> = new Set(["extract", "advance", "verify", "emit"]);

/**
 * Keyword token types have no pattern of their own: the lexer matches an
 * identifier and `lex` then gives a keyword its keyword type (one map lookup
 * instead of 46 more patterns to try at every word).
 */
export const KW = Object.fromEntries(
  KEYWORDS.map((word) => [
    word,
    createToken({
      name: `kw_${word}`,
      pattern: Lexer.NA,
      label: `\`${word}\``,
      categories: CALL_NAMES.has(word) ? [AnyWord, ExprName] : [AnyWord],
    }),
  ]),
) as Record<Keyword, TokenType>;
const KEYWORD_TYPES: ReadonlyMap<string, TokenType> = new Map(KEYWORDS.map((word) => [word, KW[word]]));

/** The keywords that start a top-level declaration. */
export const DECLARATION_KEYWORDS: ReadonlySet<TokenType> = new Set(
  (["const", "header", "headers", "metadata", "error", "parser", "action", "table", "control", "deparser", "counter", "register", "meter", "digest"] as const).map(
    (word) => KW[word],
  ),
);

// Longest first where one symbol is a prefix of another (the lexer takes the first match).
const PUNCTUATION = [
  ["&&&", "MaskOp"], ["&&", "AndAnd"], ["&", "Amp"], ["||", "OrOr"], ["|", "Pipe"],
  ["..", "DotDot"], [".", "Dot"], ["++", "PlusPlus"], ["+", "Plus"], ["-", "Minus"], ["*", "Star"],
  ["<<", "Shl"], ["<=", "Le"], ["<", "Lt"], [">>", "Shr"], [">=", "Ge"], [">", "Gt"],
  ["==", "EqEq"], ["=", "Assign"], ["!=", "NotEq"], ["!", "Bang"], ["~", "Tilde"], ["^", "Caret"],
  ["?", "Question"], [":", "Colon"], [";", "Semi"], [",", "Comma"], ["/", "Slash"],
  ["(", "LParen"], [")", "RParen"], ["{", "LBrace"], ["}", "RBrace"], ["[", "LBracket"], ["]", "RBracket"],
] as const;
type Punct = (typeof PUNCTUATION)[number][0];

/** Every binary operator of spec §5; the parser folds them by precedence. */
export const BinaryOp = createToken({ name: "BinaryOp", pattern: Lexer.NA, label: "an operator" });
const BINARY_OPS: ReadonlySet<string> = new Set(["*", "+", "-", "++", "<<", ">>", "&", "^", "|", "==", "!=", "<", "<=", ">", ">=", "&&", "||"]);

export const P = Object.fromEntries(
  PUNCTUATION.map(([symbol, name]) => [
    symbol,
    createToken({ name, pattern: symbol, label: `\`${symbol}\``, categories: BINARY_OPS.has(symbol) ? [BinaryOp] : [] }),
  ]),
) as Record<Punct, TokenType>;

/** Number, IPv4 and MAC literals. */
export const IntToken = createToken({ name: "IntToken", pattern: Lexer.NA, label: "a number" });

const IDENT_CHAR = "(?![0-9A-Za-z_])";
/** `00:1b:21:3c:4d:5e`; before numbers and identifiers, which would take its first group. */
export const MacLit = createToken({
  name: "MacLit",
  pattern: new RegExp(`[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}${IDENT_CHAR}`),
  label: "a MAC address",
  categories: [IntToken],
});
/** `10.0.0.1`. */
export const Ipv4Lit = createToken({
  name: "Ipv4Lit",
  pattern: new RegExp(`[0-9]+(?:\\.[0-9]+){3}${IDENT_CHAR}`),
  label: "an IPv4 address",
  categories: [IntToken],
});
/** Any run of word characters starting with a digit; its form is checked after lexing (E0004). */
export const NumberLit = createToken({ name: "NumberLit", pattern: /[0-9][0-9A-Za-z_]*/, label: "a number", categories: [IntToken] });

/** Includes U+FEFF, the byte-order mark some editors put at the start of a file. */
const Whitespace = createToken({ name: "Whitespace", pattern: /[ \t\r\n\f\v\uFEFF]+/, group: Lexer.SKIPPED });
const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED });
/** Kept in a group so that an unterminated one (running to the end of the file) can be reported. */
const BlockComment = createToken({ name: "BlockComment", pattern: /\/\*(?:[^*]|\*(?!\/))*(?:\*\/)?/, group: "comments" });

const ALL_TOKENS: TokenType[] = [
  Whitespace,
  LineComment,
  BlockComment,
  MacLit,
  Ipv4Lit,
  NumberLit,
  Identifier,
  ...Object.values(P),
  AnyWord,
  ExprName,
  BinaryOp,
  IntToken,
];
/** The token vocabulary, for the parser. */
export const TOKEN_TYPES: readonly TokenType[] = [...ALL_TOKENS, ...Object.values(KW)];

const lexer = new Lexer(ALL_TOKENS, {
  ensureOptimizations: true,
  positionTracking: "onlyOffset",
  skipValidations: false,
});

// ----------------------------------------------------------------- lexing

export interface LexResult {
  readonly tokens: IToken[];
  readonly diagnostics: Diagnostic[];
}

export function lex(source: SourceFile): LexResult {
  const diagnostics: Diagnostic[] = [];
  const error = (code: string, start: number, end: number, message: string, hint?: string): void => {
    diagnostics.push({ code, severity: "error", message, span: source.span(start, end), ...(hint ? { hint } : {}) });
  };
  const result = lexer.tokenize(source.text);
  for (const e of result.errors) {
    const text = source.text.slice(e.offset, e.offset + e.length);
    error("E0002", e.offset, e.offset + e.length, unknownCharMessage(text), unknownCharHint(text));
  }
  for (const comment of result.groups["comments"] ?? []) {
    if (!comment.image.endsWith("*/") || comment.image.length < 4) {
      error("E0003", comment.startOffset, comment.startOffset + 2, "unterminated block comment", "close it with `*/` (block comments do not nest)");
    }
  }
  for (const token of result.tokens) {
    if (token.tokenType === Identifier) {
      const keyword = KEYWORD_TYPES.get(token.image);
      if (keyword) {
        token.tokenType = keyword;
        token.tokenTypeIdx = keyword.tokenTypeIdx!;
      }
    } else if (token.tokenType === NumberLit || token.tokenType === Ipv4Lit || token.tokenType === MacLit) {
      const value = literalValue(token.tokenType, token.image);
      if (typeof value === "string") error(token.tokenType === NumberLit ? "E0004" : "E0005", token.startOffset, tokenEnd(token), value, literalHint(token.tokenType));
      token.payload = typeof value === "string" ? { value: 0n, form: "dec" } : value;
    }
  }
  return { tokens: splitTypeClosers(result.tokens), diagnostics };
}

/** One past the token's last character (the lexer tracks only start offsets). */
export function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

function unknownCharMessage(text: string): string {
  const shown = [...text].map((c) => (c >= " " && c <= "~" ? c : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`));
  return shown.length === 1 ? `unrecognised character \`${shown[0]}\`` : `unrecognised characters \`${shown.join("")}\``;
}

function unknownCharHint(text: string): string | undefined {
  if (text.includes('"') || text.includes("'")) return "the language has no string or character literals";
  if (text.includes("%")) return "there is no `%` operator";
  if (text.includes("#")) return "there is no preprocessor: use `const` for named values";
  return undefined;
}

function literalHint(type: TokenType): string {
  if (type === Ipv4Lit) return "an IPv4 address is four decimal numbers 0..255 separated by `.`";
  return "write a decimal (`1500`), hex (`0x05dc`) or binary (`0b1010`) number; `_` may separate digits";
}

/** The value of a literal, or a message saying why it is malformed. */
function literalValue(type: TokenType, image: string): LiteralValue | string {
  if (type === MacLit) return { value: BigInt("0x" + image.replace(/:/g, "")), form: "mac" };
  if (type === Ipv4Lit) {
    let value = 0n;
    for (const octet of image.split(".")) {
      if (!/^[0-9]{1,3}$/.test(octet) || Number(octet) > 255) return `IPv4 address \`${image}\`: \`${octet}\` is not a number 0..255`;
      value = (value << 8n) | BigInt(octet);
    }
    return { value, form: "ipv4" };
  }
  const radix = image[0] === "0" ? image[1] : undefined;
  if (radix === "x" || radix === "X") {
    if (/^0[xX][0-9a-fA-F]+(?:_+[0-9a-fA-F]+)*$/.test(image)) return { value: BigInt("0x" + image.slice(2).replace(/_/g, "")), form: "hex" };
  } else if (radix === "b" || radix === "B") {
    if (/^0[bB][01]+(?:_+[01]+)*$/.test(image)) return { value: BigInt("0b" + image.slice(2).replace(/_/g, "")), form: "bin" };
  } else if (/^[0-9]+(?:_+[0-9]+)*$/.test(image)) {
    return { value: BigInt(image.includes("_") ? image.replace(/_/g, "") : image), form: "dec" };
  }
  return `malformed number \`${image.length > 40 ? image.slice(0, 40) + "…" : image}\``;
}

/** Splits `>>` / `>=` right after `bit<N` into `>` + `>` / `>` + `=` (see the header comment). */
function splitTypeClosers(tokens: IToken[]): IToken[] {
  let out: IToken[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (
      (t.tokenType === P[">>"] || t.tokenType === P[">="]) &&
      i >= 3 &&
      tokens[i - 1]!.tokenType === NumberLit &&
      tokens[i - 2]!.tokenType === P["<"] &&
      tokens[i - 3]!.image === "bit"
    ) {
      out ??= tokens.slice(0, i);
      const second = t.tokenType === P[">>"] ? P[">"] : P["="];
      out.push(
        createTokenInstance(P[">"], ">", t.startOffset, t.startOffset, NaN, NaN, NaN, NaN),
        createTokenInstance(second, t.image[1]!, t.startOffset + 1, t.startOffset + 1, NaN, NaN, NaN, NaN),
      );
    } else {
      out?.push(t);
    }
  }
  return out ?? tokens;
}
