// Diagnostics: the compiler's messages to people.
//
// A diagnostic has a stable code (documented in docs/diagnostics.md), says
// which rule was broken, points at a span, and gives a hint saying what to do.
// `render` prints it the way compilers people like do it:
//
//   router.pnet:12:9: error[E0301]: width mismatch: bit<16> + bit<32>
//      12 |     x = a + b;
//         |         ^^^^^
//      = hint: convert one side with `as bit<32>`
//
// Diagnostics are collected, not thrown, so one run reports many of them.

import type { Span } from "./source.js";
import { SourceFile } from "./source.js";

export type Severity = "error" | "warning";

export interface RelatedNote {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly hint?: string;
  readonly related?: readonly RelatedNote[];
}

/** Collects diagnostics during one compilation. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  error(code: string, span: Span, message: string, hint?: string, related?: RelatedNote[]): void {
    this.items.push({ code, severity: "error", message, span, ...(hint ? { hint } : {}), ...(related ? { related } : {}) });
  }

  warning(code: string, span: Span, message: string, hint?: string): void {
    this.items.push({ code, severity: "warning", message, span, ...(hint ? { hint } : {}) });
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }

  /** In source order: by file, then offset; stable for equal positions. */
  sorted(): Diagnostic[] {
    return sortDiagnostics(this.items);
  }
}

export function sortDiagnostics(items: readonly Diagnostic[]): Diagnostic[] {
  return [...items].sort(
    (a, b) => a.span.file.localeCompare(b.span.file) || a.span.start - b.span.start || a.span.end - b.span.end,
  );
}

/** Renders one diagnostic with a code frame; `source` supplies the line text. */
export function renderDiagnostic(d: Diagnostic, source: SourceFile | undefined): string {
  const where = d.span.line > 0 ? `${d.span.file}:${d.span.line}:${d.span.col}` : d.span.file;
  const out = [`${where}: ${d.severity}[${d.code}]: ${d.message}`];
  if (source && d.span.line > 0) out.push(...codeFrame(source, d.span));
  for (const note of d.related ?? []) {
    out.push(`   = note: ${note.message} (${note.span.file}:${note.span.line}:${note.span.col})`);
  }
  if (d.hint) out.push(`   = hint: ${d.hint}`);
  return out.join("\n");
}

function codeFrame(source: SourceFile, span: Span): string[] {
  const text = source.lineText(span.line).replace(/\t/g, " ");
  const gutter = String(span.line);
  const pad = " ".repeat(gutter.length);
  const lineEnd = span.start - span.col + 1 + text.length;
  const width = Math.max(1, Math.min(span.end, lineEnd) - span.start);
  const shown = text.length > 160 ? text.slice(0, 160) + "…" : text;
  const caretCol = Math.min(span.col - 1, shown.length);
  return [
    ` ${gutter} | ${shown}`,
    ` ${pad} | ${" ".repeat(caretCol)}${"^".repeat(Math.min(width, Math.max(1, shown.length - caretCol)))}`,
  ];
}

/** Renders all diagnostics in source order, separated by blank lines. */
export function renderDiagnostics(items: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>): string {
  return sortDiagnostics(items)
    .map((d) => renderDiagnostic(d, sources.get(d.span.file)))
    .join("\n\n");
}

/** The machine-readable form used by `--json`. */
export function diagnosticToJson(d: Diagnostic): object {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: d.span.file,
    line: d.span.line,
    column: d.span.col,
    start: d.span.start,
    end: d.span.end,
    ...(d.hint ? { hint: d.hint } : {}),
    ...(d.related ? { related: d.related.map((r) => ({ message: r.message, line: r.span.line, column: r.span.col })) } : {}),
  };
}
