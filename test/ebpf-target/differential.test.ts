// interp vs the eBPF emulator on seeded random traffic under random table
// contents, for every example (differential.ts); and interp vs the real kernel
// (`bpftool prog run`) on a smaller sample where the kernel can be used.

import { describe, it } from "vitest";
import { createInterpreter } from "../../targets/interp/index.js";
import { createEbpfDataplane } from "../../targets/ebpf/index.js";
import { MIN_TEST_RUN_BYTES } from "../../targets/ebpf/kernel/runner.js";
import { makeRng } from "../../runtime/craft.js";
import { churn, compareRuns, prepare } from "./differential.js";
import { compileFile, EXAMPLES, KERNEL_UNAVAILABLE, kernelAvailable, kernelUnavailableFor, skippedNote } from "./harness.js";

const CASES = EXAMPLES.map((e, i) => [e.name, e, i] as const);

describe("interp vs eBPF emulator: random traffic, random entries", () => {
  it.each(CASES)("%s: 600 packets, 40 random entries, a random add/remove/modify/set-default every 10 packets (seeded)", async (_name, example, i) => {
    const program = compileFile(example.programFile);
    const interp = createInterpreter(program);
    const ebpf = await createEbpfDataplane(program, { mode: "emulator" });
    const packets = prepare(example, [interp, ebpf], { seed: 1000 + i, packets: 600, randomEntries: 40 });
    const rng = makeRng(3000 + i);
    compareRuns(interp, ebpf, packets, (n) => n % 10 === 9 && churn(rng, [interp, ebpf]));
    await ebpf.close();
  });
});

describe(`interp vs the kernel (bpftool prog run)${kernelAvailable ? "" : ` (skipped: ${KERNEL_UNAVAILABLE})`}`, () => {
  for (const [name, example, i] of CASES) {
    const why = kernelUnavailableFor(example.programFile);
    it.skipIf(!!why)(`${name}: 40 packets of at least ${MIN_TEST_RUN_BYTES} bytes, 20 random entries, a random control-plane change every 10 packets (seeded)${kernelAvailable ? skippedNote(why) : ""}`, async () => {
      const program = compileFile(example.programFile);
      const interp = createInterpreter(program);
      const kernel = await createEbpfDataplane(program, { mode: "kernel" });
      try {
        const packets = prepare(example, [interp, kernel], { seed: 2000 + i, packets: 40, randomEntries: 20, minLength: MIN_TEST_RUN_BYTES });
        const rng = makeRng(4000 + i);
        compareRuns(interp, kernel, packets, (n) => n % 10 === 9 && churn(rng, [interp, kernel]));
      } finally {
        await kernel.close();
      }
    });
  }
});
