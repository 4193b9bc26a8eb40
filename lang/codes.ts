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
} as const;

export type DiagnosticCode = keyof typeof CODES;
