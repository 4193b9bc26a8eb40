// Loading a program onto a target behind the common Dataplane interface.
//
// Each target is imported only when asked for, so that loading the
// interpreter never pulls in binaryen, the eBPF tooling or the RMT placer.

import type * as ir from "../compiler/ir.js";
import type { Dataplane, TargetName } from "./dataplane.js";

export interface LoadOptions {
  readonly target: TargetName;
}

const TARGETS: readonly TargetName[] = ["interp", "wasm", "ebpf", "rmt"];

export async function load(program: ir.Program, options: LoadOptions): Promise<Dataplane> {
  switch (options.target) {
    case "interp": {
      const { createInterpreter } = await import("../targets/interp/index.js");
      return createInterpreter(program);
    }
    case "wasm":
    case "ebpf":
    case "rmt":
      throw new Error(`target '${options.target}' is not available yet`);
    default:
      throw new Error(`unknown target '${String(options.target)}' (targets: ${TARGETS.join(", ")})`);
  }
}
