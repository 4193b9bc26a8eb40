// Rendering an StfReport for people: one block per failure, led by `file:line:`,
// with expected and actual bytes side by side in 16-byte rows of grouped hex and
// a caret under the first byte that differs.

import type { StfFailure, StfReport } from "./run.js";

const ROW_BYTES = 16;

export function renderFailure(file: string, f: StfFailure): string {
  const lines = [`${file}:${f.line}: ${f.message}${f.fromPacketLine !== undefined && f.fromPacketLine !== f.line ? ` (from the packet at line ${f.fromPacketLine})` : ""}`];
  if (f.expected !== undefined && f.actual !== undefined) lines.push(...sideBySide(f.expected, f.actual, f.firstDifference));
  else if (f.expected !== undefined) lines.push(...rows("expected", f.expected));
  else if (f.actual !== undefined) lines.push(...rows("actual", f.actual));
  return lines.join("\n");
}

/** The failures, then a one-line summary. */
export function renderStfReport(file: string, report: StfReport): string {
  const summary =
    `${report.packetsIn} packet${report.packetsIn === 1 ? "" : "s"} in, ${report.packetsOut} out, ${report.toHost} to host, ` +
    `${report.digests} digest${report.digests === 1 ? "" : "s"}; ${report.checks} check${report.checks === 1 ? "" : "s"}`;
  if (report.ok) return `passed: ${summary}`;
  const blocks = report.failures.map((f) => renderFailure(file, f));
  return [...blocks, `failed: ${report.failures.length} failure${report.failures.length === 1 ? "" : "s"}; ${summary}`].join("\n");
}

/** Hex digits in groups of 4 bytes separated by spaces. */
function groupHex(digits: string): string {
  return digits.match(/.{1,8}/g)?.join(" ") ?? "";
}

/** Hex digits (2 per byte, maybe a final `$`) cut into rows of ROW_BYTES. */
function cut(digits: string): { rows: string[]; dollar: boolean } {
  const dollar = digits.endsWith("$");
  const body = dollar ? digits.slice(0, -1) : digits;
  const out: string[] = [];
  for (let i = 0; i < body.length; i += ROW_BYTES * 2) out.push(body.slice(i, i + ROW_BYTES * 2));
  return { rows: out.length === 0 ? [""] : out, dollar };
}

function rowLabel(label: string, row: number): string {
  return `    ${label.padEnd(8)} ${(row * ROW_BYTES).toString(16).padStart(4, "0")}: `;
}

function rows(label: string, digits: string): string[] {
  const { rows: rs, dollar } = cut(digits);
  return rs.map((r, i) => rowLabel(label, i) + groupHex(r) + (dollar && i === rs.length - 1 ? " $" : ""));
}

function sideBySide(expected: string, actual: string, firstDifference: number | undefined): string[] {
  const e = cut(expected);
  const a = cut(actual);
  const out: string[] = [];
  for (let i = 0; i < Math.max(e.rows.length, a.rows.length); i++) {
    const er = e.rows[i];
    const ar = a.rows[i];
    const lastE = i === e.rows.length - 1;
    out.push(rowLabel("expected", i) + (er === undefined ? "(ends)" : groupHex(er) + (e.dollar && lastE ? " $" : "")));
    out.push(rowLabel("actual", i) + (ar === undefined ? "(ends)" : groupHex(ar)));
    if (firstDifference !== undefined && Math.floor(firstDifference / ROW_BYTES) === i) out.push(caret(firstDifference % ROW_BYTES));
  }
  return out;
}

/** `^^` under byte `column` of a grouped row (groups of 4 bytes, one space between groups). */
function caret(column: number): string {
  const indent = rowLabel("", 0).length + column * 2 + Math.floor(column / 4);
  return " ".repeat(indent) + "^^";
}
