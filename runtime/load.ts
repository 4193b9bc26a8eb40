// Loading a program onto a target behind the common Dataplane interface.
//
// Each target is imported only when asked for, so that loading the
// interpreter never pulls in binaryen, the eBPF tooling or the RMT placer.
// A target that cannot run the program here (not built into this version,
// a feature it cannot map, no kernel access) throws TargetUnavailableError,
// which callers such as `pnet test --target all` report as "skipped" with the
// reason; any other exception is a bug and is not disguised as a skip.

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
      const rmt = await import("../targets/rmt/index.js");
      const compiled = await rmt.compileRmt(program, { placer: "greedy" });
      if (!compiled.config) {
        throw new TargetUnavailableError("rmt", compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
      }
      return rmt.createRmtDataplane(compiled.config);
    }
    case "ebpf":
    case "kernel": {
      const ebpf = await import("../targets/ebpf/index.js");
      if (options.target === "kernel") {
        const { kernelAvailability } = await import("../targets/ebpf/kernel/available.js");
        const missing = kernelAvailability();
        if (missing !== undefined) throw new TargetUnavailableError("kernel", `the kernel target needs Linux, root and bpftool: ${missing}`);
      }
      try {
        return await ebpf.createEbpfDataplane(program, { mode: options.target === "kernel" ? "kernel" : "emulator" });
      } catch (err) {
        if (err instanceof ebpf.EbpfUnsupportedError) throw new TargetUnavailableError(options.target, err.message);
        throw err;
      }
    }
    default:
      throw new Error(`unknown target '${String(options.target)}' (targets: ${TARGETS.join(", ")})`);
  }
}
