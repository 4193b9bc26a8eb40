// Shared by the eBPF target's tests: the examples (program + .stf tests +
// entries), compiling them, whether the real kernel can be used here
// (for a program with digests, also whether its ring buffer can be read), and
// running packets through a program there and in the interpreter.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { compile } from "../../compiler/compile.js";
import type * as ir from "../../compiler/ir.js";
import { fromHex } from "../../runtime/craft.js";
import { createEbpfDataplane } from "../../targets/ebpf/index.js";
import { kernelAvailability } from "../../targets/ebpf/kernel/available.js";
import { ringReaderAvailability } from "../../targets/ebpf/kernel/ringbuf.js";
import { createInterpreter } from "../../targets/interp/index.js";

export interface Example {
  readonly name: string;
  readonly programFile: string;
  readonly stfFiles: readonly string[];
  readonly entriesFile?: string;
}

export const EXAMPLES: readonly Example[] = readdirSync("examples", { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join("examples", d.name, `${d.name}.pnet`)))
  .map((d) => {
    const dir = join("examples", d.name);
    const files = readdirSync(dir);
    return {
      name: d.name,
      programFile: join(dir, `${d.name}.pnet`),
      stfFiles: files.filter((f) => f.endsWith(".stf") && f !== "entries.stf").map((f) => join(dir, f)),
      ...(files.includes("entries.stf") ? { entriesFile: join(dir, "entries.stf") } : {}),
    };
  });

export function compileFile(file: string): ir.Program {
  const { program, diagnostics } = compile(readFileSync(file, "utf8"), { file });
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (!program || errors.length > 0) throw new Error(`${file}: ${errors.map((d) => d.message).join("; ")}`);
  return program;
}

/** Undefined when the kernel path works here, else why not. */
export const KERNEL_UNAVAILABLE = kernelAvailability();
export const kernelAvailable = KERNEL_UNAVAILABLE === undefined;

/** Why a program cannot run in the kernel here (no kernel path, or digests and no ring buffer reader), or undefined. */
export function kernelUnavailableFor(programFile: string): string | undefined {
  return KERNEL_UNAVAILABLE ?? (compileFile(programFile).digests.length > 0 ? ringReaderAvailability() : undefined);
}

/** " (skipped: why)" for a test name, or "". */
export const skippedNote = (why: string | undefined): string => (why ? ` (skipped: ${why})` : "");

/** Runs each packet (hex, on port 0) through `program` in the eBPF `mode` and in the interpreter, expecting the same result. */
export async function expectAgreesWithInterpreter(program: ir.Program, mode: "emulator" | "kernel", packets: readonly string[]): Promise<void> {
  const interp = createInterpreter(program);
  const ebpf = await createEbpfDataplane(program, { mode });
  try {
    for (const hex of packets) {
      const packet = { port: 0, data: fromHex(hex) };
      expect(ebpf.process([packet]), hex).toEqual(interp.process([packet]));
    }
  } finally {
    await ebpf.close();
  }
}
