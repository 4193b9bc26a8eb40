// A one-line progress bar on stderr for long `pnet run`s. Shown only when stderr
// is a terminal and the capture is long enough to be worth it; redrawn at most
// ten times a second, and erased at the end so the summary starts clean.

import type { CliIo } from "./io.js";
import { formatRate } from "./traffic.js";

/** Captures shorter than this finish too fast for a bar to help. */
export const PROGRESS_MIN_PACKETS = 20_000;
const WIDTH = 30;
const REDRAW_MS = 100;

export class ProgressBar {
  private lastDraw = 0;
  private readonly started = performance.now();

  private constructor(
    private readonly io: CliIo,
    private readonly total: number,
  ) {}

  /** A bar, or undefined when none should be shown. */
  static maybe(io: CliIo, total: number): ProgressBar | undefined {
    return io.stderrIsTTY && total >= PROGRESS_MIN_PACKETS ? new ProgressBar(io, total) : undefined;
  }

  update(done: number): void {
    const now = performance.now();
    if (now - this.lastDraw < REDRAW_MS && done < this.total) return;
    this.lastDraw = now;
    const fraction = done / this.total;
    const filled = Math.round(fraction * WIDTH);
    const rate = formatRate(done / Math.max((now - this.started) / 1000, 1e-9));
    const bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    this.io.stderr(`\r[${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${done}/${this.total} packets, ${rate}`);
  }

  finish(): void {
    this.io.stderr("\r\x1b[2K");
  }
}
