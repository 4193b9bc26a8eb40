/**
 * Reads bpf_conformance `.data` files: `-- asm` or `-- raw` program, `-- mem` bytes, and the
 * expected `-- result` (r0) or `-- error`. An unknown section is an error, so a new kind of
 * test cannot be skipped silently.
 */

import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { insnFromWord, type Insn } from "../../targets/ebpf/vm/isa.js";

/** The suite's tests folder, beside the repository (../shared/ebpf-conformance). */
export const SUITE = fileURLToPath(new URL("../../../shared/ebpf-conformance/tests", import.meta.url));

/** The `.data` file names, sorted; empty when the suite is missing (callers must fail then). */
export function suiteFiles(): string[] {
  return existsSync(SUITE) ? readdirSync(SUITE).filter((f) => f.endsWith(".data")).sort() : [];
}

export interface ConformanceCase {
  /** Assembly text, comments included. */
  asm?: string;
  /** Slots from `-- raw` (the reference runner prefers them over `-- asm`). */
  raw?: Insn[];
  /** The memory r1 points to (r2 holds its length). */
  mem: Uint8Array;
  /** Expected r0 at exit. */
  result?: bigint;
  /** Expected failure; the text, when not empty, must appear in the message. */
  error?: string;
}

/** Sections that only document (C source, runner hints) and are not part of the test. */
const IGNORED = new Set(["c", "no register offset"]);

export function parseConformance(text: string): ConformanceCase {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split(/\r?\n/)) {
    const header = /^--\s*(.+?)\s*$/.exec(line);
    if (header) {
      const name = header[1]!.replace(/ pattern$/, "");
      if (!IGNORED.has(name) && !["asm", "raw", "mem", "result", "error"].includes(name)) {
        throw new Error(`unknown section "-- ${name}"`);
      }
      current = [];
      sections.set(name, current);
    } else {
      current?.push(line);
    }
  }
  const body = (name: string): string | undefined => sections.get(name)?.join("\n");
  const words = (name: string): string[] =>
    (body(name) ?? "").replace(/#.*/g, "").split(/\s+/).filter((w) => w !== "");

  const result = words("result")[0];
  const parsed: ConformanceCase = {
    mem: Uint8Array.from(words("mem").map((b) => parseInt(b, 16))),
  };
  const asm = body("asm");
  if (asm !== undefined) parsed.asm = asm;
  if (sections.has("raw")) parsed.raw = words("raw").map((w) => insnFromWord(BigInt(w)));
  if (result !== undefined) parsed.result = BigInt(result);
  if (sections.has("error")) parsed.error = body("error")!.trim();
  if (parsed.asm === undefined && parsed.raw === undefined) throw new Error("no -- asm or -- raw section");
  if (parsed.result === undefined && parsed.error === undefined) throw new Error("no -- result or -- error section");
  return parsed;
}
