// Differential test: every example that places runs on the RMT simulator
// (driven by its configuration only) and on the reference interpreter, under
// the same control-plane history and traffic (test/support/compare.ts:
// entries.stf, random registers, meters and multicast groups, random and
// harvested entries in the tables the chip holds, pooled and mixed traffic,
// entries modified and removed halfway). Outputs, digests, parser errors,
// counters, table counters and registers must be identical.

import { describe, expect, it } from "vitest";
import { createInterpreter } from "../../targets/interp/index.js";
import { compileRmt, createRmtDataplane } from "../../targets/rmt/index.js";
import { runDifferential } from "../support/compare.js";
import { compileExample, examplePrograms } from "../support/examples.js";

const SEEDS = [1, 2, 3];
const PACKETS = 600;

describe("rmt simulator against the interpreter", () => {
  for (const file of examplePrograms()) {
    const program = compileExample(file);
    for (const profile of ["tofino1", "rmt13"] as const) {
      it(`${file} on ${profile}, seeds ${SEEDS.join(", ")}: identical packets, digests, counters, registers`, async () => {
        const result = await compileRmt(program, { profile });
        if (!result.config) {
          // The refusals are checked in examples.test.ts.
          expect(result.diagnostics.some((d) => d.code.startsWith("E08"))).toBe(true);
          return;
        }
        for (const seed of SEEDS) {
          const candidate = createRmtDataplane(result.config);
          const tables = new Set(Object.keys(candidate.tables));
          runDifferential({ file, program, seed, reference: createInterpreter(program), candidate, names: ["interp", "rmt"], packets: PACKETS, tables });
        }
      }, 60_000);
    }
  }
});
