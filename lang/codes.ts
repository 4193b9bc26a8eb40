// The catalogue of diagnostic codes.
//
// Codes are stable: tests, golden files and users' scripts (`--json`) rely on
// them. Each code names one rule; docs/diagnostics.md explains each with an
// example. Ranges: E00xx input and lexing, E01xx syntax, E02xx names,
// E03xx types and widths, E04xx parser rules, E05xx tables, E06xx controls
// and actions, E07xx externs and deparser, E08xx target limits; W… warnings.

export const CODES = {
  // E00xx — reading the input
  E0001: "the file cannot be read or decoded",
  E0002: "unrecognised character",
  E0003: "unterminated block comment",
  E0004: "malformed number literal",
  E0005: "malformed IPv4 address literal",

  // E01xx — syntax (parser)
  E0101: "unexpected token",
  E0102: "missing `;`",
  E0103: "unclosed bracket",
  E0104: "closing bracket with nothing open",
  E0105: "expected an expression or pattern",
  E0106: "expected a declaration",
  E0107: "expected a statement, or an expression used as a statement",
  E0108: "parser state without `transition` at its end",
  E0109: "`=` inside an expression (`==` compares)",
  E0110: "reserved word used as a name",
  E0111: "nested too deeply",
  E0112: "table property given twice",
  E0113: "expected a table property",
  E0114: "malformed type",
  E0115: "prefix pattern `v/len` outside table entries",
  E0116: "expected a match kind",
  E0117: "too many syntax errors",
  E0118: "internal error in the parser",

} as const;

export type DiagnosticCode = keyof typeof CODES;
