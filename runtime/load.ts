// Loading a program onto a target behind the common Dataplane interface.
//
// Each target is imported only when asked for, so that loading the
// interpreter never pulls in binaryen, the eBPF tooling or the RMT placer.
// A target that cannot run the program here (a feature it cannot map, no
// kernel access) throws TargetUnavailableError itself, which callers such as
// `pnet test --target all` report as "skipped" with the reason; any other
// exception is a bug and is not disguised as a skip.

import type * as ir from "../compiler/ir.js";
import { TargetUnavailableError } from "./dataplane.js";
import type { Dataplane, TargetName } from "./dataplane.js";

export { TargetUnavailableError };

export interface LoadOptions {
  readonly target: TargetName;
}

export const TARGETS: readonly TargetName[] = ["interp", "wasm", "ebpf", "kernel", "rmt"];


export async function load(program: ir.Program, options: LoadOptions): Promise<Dataplane> {
  switch (options.target) {
    case "interp": {
      const { createInterpreter } = await import("../targets/interp/index.js");
      return createInterpreter(program);
    }
    case "wasm": {
      const { createWasmDataplane } = await import("../targets/wasm/index.js");
      return createWasmDataplane(program);
    }
    case "rmt": {
      const { createRmtDataplaneFromProgram } = await import("../targets/rmt/index.js");
      return createRmtDataplaneFromProgram(program, { placer: "greedy" });
    }
    case "ebpf":
    case "kernel": {
      const { createEbpfDataplane } = await import("../targets/ebpf/index.js");
      return createEbpfDataplane(program, { mode: options.target === "kernel" ? "kernel" : "emulator" });
    }
    default:
      throw new Error(`unknown target '${String(options.target)}' (targets: ${TARGETS.join(", ")})`);
  }
}
