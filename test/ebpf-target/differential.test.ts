// interp vs the eBPF emulator on seeded random traffic under random table
// contents, for every example (differential.ts); and interp vs the real kernel
// (`bpftool prog run`) on a smaller sample where the kernel can be used.

import { describe, it } from "vitest";
import { createInterpreter } from "../../targets/interp/index.js";
import { createEbpfDataplane } from "../../targets/ebpf/index.js";
import { MIN_TEST_RUN_BYTES } from "../../targets/ebpf/kernel/runner.js";
import { compareRuns, prepare } from "./differential.js";
import { compileFile, EXAMPLES, KERNEL_UNAVAILABLE, kernelAvailable } from "./harness.js";

const CASES = EXAMPLES.map((e, i) => [e.name, e, i] as const);

describe("interp vs eBPF emulator: random traffic, random entries", () => {
  it.each(CASES)("%s: 600 packets, 40 random entries (seeded)", async (_name, example, i) => {
    const program = compileFile(example.programFile);
    const interp = createInterpreter(program);
    const ebpf = await createEbpfDataplane(program, { mode: "emulator" });
    const packets = prepare(example, [interp, ebpf], { seed: 1000 + i, packets: 600, randomEntries: 40 });
    compareRuns(interp, ebpf, packets);
    await ebpf.close();
  });
});

describe(`interp vs the kernel (bpftool prog run)${kernelAvailable ? "" : ` (skipped: ${KERNEL_UNAVAILABLE})`}`, () => {
  it.skipIf(!kernelAvailable).each(CASES)(`%s: 40 packets of at least ${MIN_TEST_RUN_BYTES} bytes, 20 random entries (seeded)`, async (_name, example, i) => {
    const program = compileFile(example.programFile);
    const interp = createInterpreter(program);
    const kernel = await createEbpfDataplane(program, { mode: "kernel" });
    try {
      const packets = prepare(example, [interp, kernel], { seed: 2000 + i, packets: 40, randomEntries: 20, minLength: MIN_TEST_RUN_BYTES });
      compareRuns(interp, kernel, packets);
    } finally {
      await kernel.close();
    }
  });
});
