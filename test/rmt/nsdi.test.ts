// The four programs modelled on the NSDI 2015 benchmarks (bench/rmt-programs:
// L2L3-Simple 16 tables, L2L3-Complex 24, L3-DC 13, DD-Small 13) compile with
// pnet and place on tofino1 and rmt13 by both placers, greedy never more than
// one stage worse than the ILP, and the configuration passes the validator.
// Timing is measured in bench/rmt.ts, not asserted here.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { compileRmt, validateConfig } from "../../targets/rmt/index.js";

const DIR = join(import.meta.dirname, "../../bench/rmt-programs");
const PROGRAMS: [string, number][] = [["l2l3-simple", 16], ["l2l3-complex", 24], ["l3-dc", 13], ["dd-small", 13]];

describe("NSDI 2015 benchmark programs on the RMT target", () => {
  for (const [name, tables] of PROGRAMS) {
    it(`${name} compiles cleanly and declares ${tables} tables`, () => {
      const source = readFileSync(join(DIR, `${name}.pnet`), "utf8");
      const { program, diagnostics } = compile(source, { file: `${name}.pnet` });
      expect(diagnostics.map((d) => d.message)).toEqual([]);
      // The paper's count: declared tables, plus L3-DC's condition (an `if`) and its hash (a keyless action).
      const extra = name === "l3-dc" ? 2 : 0;
      expect((source.match(/^table \w+/gm) ?? []).length + extra).toBe(tables);
      expect(program).toBeDefined();
    });
    for (const profile of ["tofino1", "rmt13"] as const) {
      it(`${name} places on ${profile}: greedy <= ILP + 1 stages, ILP <= greedy, validated`, async () => {
        const { program } = compile(readFileSync(join(DIR, `${name}.pnet`), "utf8"), { file: `${name}.pnet` });
        const result = await compileRmt(program!, { profile, placer: "ilp" });
        expect(result.diagnostics).toEqual([]);
        const { greedy, ilp } = result.stages;
        expect(greedy).toBeDefined();
        expect(ilp).toBeDefined();
        expect(ilp!).toBeLessThanOrEqual(greedy!);
        expect(greedy!).toBeLessThanOrEqual(ilp! + 1);
        expect(validateConfig(result.config!)).toEqual([]);
      });
    }
  }
});
