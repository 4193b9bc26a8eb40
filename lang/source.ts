// Source files and spans.
//
// Every AST node, IR node and diagnostic carries a Span so that any message,
// from the parser to a target back end, can point at the exact source text.
// Offsets are UTF-16 code-unit offsets into the decoded text; line and column
// are 1-based, as editors show them.

export interface Span {
  readonly file: string;
  readonly start: number; // offset of the first character
  readonly end: number; // offset one past the last character
  readonly line: number;
  readonly col: number;
}

/** A decoded source text with a line index, for rendering spans. */
export class SourceFile {
  private readonly lineStarts: number[];

  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.lineStarts[lo]! + 1 };
  }

  /** The text of a 1-based line, without its line terminator. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, "");
  }

  span(start: number, end: number): Span {
    const { line, col } = this.position(start);
    return { file: this.name, start, end, line, col };
  }
}

/** The smallest span covering both. */
export function joinSpans(a: Span, b: Span): Span {
  const first = a.start <= b.start ? a : b;
  return { file: a.file, start: first.start, end: Math.max(a.end, b.end), line: first.line, col: first.col };
}

/** A span for things the compiler makes up (no source text behind them). */
export function syntheticSpan(file = "<builtin>"): Span {
  return { file, start: 0, end: 0, line: 0, col: 0 };
}
