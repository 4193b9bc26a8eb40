// The eBPF/XDP target: compileEbpf turns the IR into an ELF object the Linux
// kernel loads (and its assembly listing); createEbpfDataplane runs that same
// object behind the Dataplane interface, in pnet's own emulator or in the real
// kernel through bpftool. docs/ebpf.md describes the design.

import type * as ir from "../../compiler/ir.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import { TargetUnavailableError, type Dataplane } from "../../runtime/dataplane.js";
import { Unsupported } from "./codegen/asm.js";
import { generate, type Generated } from "./codegen/program.js";
import { writeElf } from "./elf/writer.js";
import { kernelAvailability } from "./kernel/available.js";
import { ringReaderAvailability } from "./kernel/ringbuf.js";
import { disassemble } from "./vm/disassembler.js";
import { EmulatorBackend } from "./xdp/backend.js";
import type { Backend } from "./xdp/backend.js";
import { createDataplane, IDENTITY_INTERFACES, mapInterfaces } from "./xdp/dataplane.js";

export interface EbpfCompileResult {
  /** The ELF object; empty when diagnostics hold an error. */
  readonly object: Uint8Array;
  /** The program as text, one instruction per line (the VM's disassembler). */
  readonly asm: string;
  readonly diagnostics: Diagnostic[];
}

/** Code generation with features the target cannot map reported as E085x diagnostics. */
export function generateEbpf(program: ir.Program): { generated?: Generated; diagnostics: Diagnostic[] } {
  try {
    return { generated: generate(program), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    const span = e.span ?? program.span;
    return { diagnostics: [{ code: e.code, severity: "error", message: e.message, span }] };
  }
}

export function compileEbpf(program: ir.Program): EbpfCompileResult {
  const { generated, diagnostics } = generateEbpf(program);
  if (!generated) return { object: new Uint8Array(0), asm: "", diagnostics };
  const { object } = generated;
  const header = `; ${program.file}: XDP program '${object.name}' (section ${object.section}), ${object.insns.length} instructions\n; maps: ${object.maps.map((m) => m.name).join(", ")}\n`;
  return { object: writeElf(object), asm: header + disassemble(object.insns, { labels: true }), diagnostics };
}

export interface EbpfDataplaneOptions {
  /** "emulator" (default): pnet's eBPF VM; "kernel": the real kernel via bpftool (root). */
  readonly mode?: "emulator" | "kernel";
}

/**
 * Compiles `program` and loads the object. Throws TargetUnavailableError when
 * the target cannot map the program (E085x), or when mode "kernel" has no
 * kernel path here (Linux, root, bpftool).
 * Packets carry their pnet port in the metadata; for runs without it, interface i is port i.
 */
export async function createEbpfDataplane(program: ir.Program, options: EbpfDataplaneOptions = {}): Promise<Dataplane> {
  const target = (options.mode ?? "emulator") === "kernel" ? "kernel" : "ebpf";
  const { generated, diagnostics } = generateEbpf(program);
  if (!generated) throw new TargetUnavailableError(target, diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
  const elf = writeElf(generated.object);
  let backend: Backend;
  if (target === "kernel") {
    const missing = kernelAvailability();
    if (missing !== undefined) throw new TargetUnavailableError("kernel", `the kernel target needs Linux, root and bpftool: ${missing}`);
    const noReader = program.digests.length > 0 ? ringReaderAvailability() : undefined;
    if (noReader !== undefined) throw new TargetUnavailableError("kernel", `the kernel target reads this program's digests with python3: ${noReader}`);
    const { KernelBackend } = await import("./kernel/runner.js");
    backend = await KernelBackend.load(elf);
  } else backend = new EmulatorBackend(elf);
  mapInterfaces(backend, IDENTITY_INTERFACES);
  return createDataplane(program, generated.layout, backend);
}
