// The compiler driver: source text (or bytes) → diagnostics and the IR.
//
// decode (UTF-8, BOM stripped) → parse → check → lower → mid-end pipeline.
// Each phase runs only when the ones before it reported no errors, so people
// see the first real problem rather than its echoes. compile() never throws
// for any input: a bad encoding is diagnostic E0001, and an exception from a
// phase (a compiler bug) becomes E0999 "internal compiler error", with the
// stack trace only when PNET_DEBUG=1. This is the entry point of the library
// (`compile(source, { file })`), the CLI and the tests.

import type { Diagnostic } from "../lang/diagnostics.js";
import { DiagnosticBag, renderDiagnostic, renderDiagnostics, sortDiagnostics } from "../lang/diagnostics.js";
import { SourceFile, syntheticSpan } from "../lang/source.js";
import { parseProgram } from "../lang/parser.js";
import { checkProgram } from "../lang/checker.js";
import type * as ir from "./ir.js";
import { LoweringError, lowerProgram } from "./lower.js";
import { runPipeline } from "./pipeline.js";
import { printProgram } from "./print.js";

export interface CompileOptions {
  /** The file name used in spans and messages (default `<input>`). */
  file?: string;
  /** A pass name (see pipeline.passNames(); "lower" is the IR before any pass) whose output is passed to onDump. */
  dumpAfter?: string;
  /** Receives the printed IR after the `dumpAfter` pass. */
  onDump?: (pass: string, ir: string) => void;
}

export interface CompileResult {
  /** The IR after every pass; absent when any error was reported. */
  program?: ir.Program;
  /** Errors and warnings, in source order. */
  diagnostics: Diagnostic[];
  source: SourceFile;
}

export function compile(input: string | Uint8Array, options: CompileOptions = {}): CompileResult {
  const file = options.file ?? "<input>";
  const decoded = decode(input, file);
  if (decoded.error) return { diagnostics: [printable(decoded.error, decoded.source)], source: decoded.source };
  const source = decoded.source;
  const diagnostics: Diagnostic[] = [];
  const result = (program?: ir.Program): CompileResult => ({
    ...(program && !hasErrors(diagnostics) ? { program } : {}),
    diagnostics: sortDiagnostics(diagnostics).map((d) => printable(d, source)),
    source,
  });
  try {
    const parsed = parseProgram(source);
    diagnostics.push(...parsed.diagnostics);
    if (hasErrors(diagnostics)) return result();
    const { checked, diagnostics: checkDiagnostics } = checkProgram(parsed.program);
    diagnostics.push(...checkDiagnostics);
    if (!checked || hasErrors(diagnostics)) return result();
    const bag = new DiagnosticBag();
    const { dumpAfter, onDump } = options;
    const program = runPipeline(lowerProgram(checked), bag, {
      ...(dumpAfter === undefined ? {} : { dumpAfter }),
      ...(onDump ? { onDump: (pass: string, p: ir.Program) => onDump(pass, printProgram(p)) } : {}),
    });
    diagnostics.push(...bag.items);
    return result(program);
  } catch (err) {
    diagnostics.push(internalError(err, file));
    return result();
  }
}

/** The diagnostics of a result rendered for people, with code frames from its source. */
export function renderResult(result: CompileResult): string {
  return renderDiagnostics(result.diagnostics, new Map([[result.source.name, result.source]]));
}

/** Lets embedders write `diagnostics.map(String)`: the rendered message with its code frame. */
function printable(d: Diagnostic, source: SourceFile): Diagnostic {
  return Object.defineProperty({ ...d }, "toString", { value: () => renderDiagnostic(d, source), enumerable: false });
}

function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

function internalError(err: unknown, file: string): Diagnostic {
  const message = (err instanceof Error ? err.message : String(err)).replace(/^internal compiler error:\s*/, "");
  const stack = process.env.PNET_DEBUG === "1" && err instanceof Error && err.stack ? `\n${err.stack}` : "";
  return {
    code: "E0999",
    severity: "error",
    message: `internal compiler error: ${message}${stack}`,
    span: err instanceof LoweringError && err.span ? err.span : syntheticSpan(file),
    hint: "this is a bug in pnet, not in your program; please report it with the program (PNET_DEBUG=1 shows the stack trace)",
  };
}

// ------------------------------------------------------------- decoding

/** Decodes UTF-8 (strictly) and strips a byte-order mark; a bad byte is E0001, pointing at it. */
function decode(input: string | Uint8Array, file: string): { source: SourceFile; error?: Diagnostic } {
  if (typeof input === "string") return { source: new SourceFile(file, input.replace(/^\uFEFF/, "")) };
  try {
    // TextDecoder strips a leading BOM itself (ignoreBOM is false by default).
    return { source: new SourceFile(file, new TextDecoder("utf-8", { fatal: true }).decode(input)) };
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(input));
    const lenient = new TextDecoder("utf-8");
    const source = new SourceFile(file, lenient.decode(input));
    const at = lenient.decode(input.subarray(0, bad)).length;
    const byte = input[bad]!.toString(16).padStart(2, "0");
    return {
      source,
      error: {
        code: "E0001",
        severity: "error",
        message: `the file is not valid UTF-8: byte 0x${byte} at byte offset ${bad} does not start a valid UTF-8 sequence`,
        span: source.span(at, at + 1),
        hint: "save the file with UTF-8 encoding",
      },
    };
  }
}

/**
 * The byte offset where the first ill-formed UTF-8 sequence starts (Unicode
 * Table 3-7: no overlong forms, surrogates or code points above U+10FFFF),
 * or -1 when the bytes are well-formed.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b === 0xe0) [length, lo] = [3, 0xa0];
    else if (b === 0xed) [length, hi] = [3, 0x9f];
    else if (b >= 0xe1 && b <= 0xef) length = 3;
    else if (b === 0xf0) [length, lo] = [4, 0x90];
    else if (b === 0xf4) [length, hi] = [4, 0x8f];
    else if (b >= 0xf1 && b <= 0xf3) length = 4;
    else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < length; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}
