// Differential test: every example on the interpreter (the reference) and on
// wasm, under the same random control-plane state, fed the same random packets
// (test/support/compare.ts: entries.stf, random and harvested entries, pooled
// and mixed traffic, entries modified and removed halfway). Every result must
// be identical, and so must every counter, register and per-entry counter
// afterwards. A failure names the seed, the program, the control-plane
// operations so far and the packet. PNET_DIFF_PACKETS sets the packets per
// seed (default 1200).

import { describe, it } from "vitest";
import { createInterpreter } from "../../targets/interp/index.js";
import { createWasmDataplane } from "../../targets/wasm/index.js";
import { runDifferential } from "../support/compare.js";
import { compileExample, examplePrograms } from "../support/examples.js";

const PACKETS = Number(process.env.PNET_DIFF_PACKETS ?? 1200);
const SEEDS = [1, 2, 3];

describe("wasm agrees with the interpreter on random packets and random tables", () => {
  it.each(examplePrograms())("%s", async (file) => {
    const program = compileExample(file);
    for (const seed of SEEDS) {
      const reference = createInterpreter(program);
      const candidate = await createWasmDataplane(program, { batchSize: 64 });
      runDifferential({ file, program, seed, reference, candidate, names: ["interp", "wasm"], packets: PACKETS });
    }
  });
});
