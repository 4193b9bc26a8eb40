// No program makes compileRmt throw: every example and NSDI benchmark, each
// with its ingress duplicated into both branches of an `if` (every table then
// applied on two paths), and seeded mutants with lines deleted (those that
// still compile) either place — with a configuration the validator accepts
// and the simulator runs — or are refused with diagnostics.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { makeRng, mixedPacket } from "../../runtime/craft.js";
import { compileRmt, createRmtDataplane, validateConfig } from "../../targets/rmt/index.js";
import { examplePrograms } from "../support/examples.js";

const BENCH = readdirSync("bench/rmt-programs").filter((f) => f.endsWith(".pnet")).map((f) => join("bench/rmt-programs", f));

/** The source with the ingress body in both branches of a test of the ingress port. */
function duplicated(source: string): string | undefined {
  const head = /control\s+ingress\s*\{/.exec(source);
  if (!head) return undefined;
  const open = head.index + head[0].length;
  let depth = 1;
  let end = open;
  while (depth > 0 && end < source.length) {
    const c = source[end++];
    if (c === "{") depth++;
    else if (c === "}") depth--;
  }
  const body = source.slice(open, end - 1);
  return `${source.slice(0, open)}\n    if (std.ingress_port == 1) {${body}} else {${body}}\n}${source.slice(end)}`;
}

/** The source with `n` lines deleted at seeded places. */
function mutant(source: string, seed: number, n: number): string {
  const rng = makeRng(seed);
  const lines = source.split("\n");
  for (let k = 0; k < n && lines.length > 1; k++) lines.splice(rng.int(0, lines.length - 1), 1);
  return lines.join("\n");
}

async function mustNotThrow(source: string, file: string, placers: readonly ("greedy" | "ilp")[]): Promise<string> {
  const { program, diagnostics } = compile(source, { file });
  if (!program || diagnostics.some((d) => d.severity === "error")) return "does not compile";
  const outcomes: string[] = [];
  for (const placer of placers) {
    const result = await compileRmt(program, { placer, ilpTimeLimit: 5 });
    if (!result.config) {
      expect(result.diagnostics.some((d) => d.severity === "error" && d.code.startsWith("E08")), `${file} (${placer}): refused without an E08xx error`).toBe(true);
      outcomes.push(`${placer}: ${result.diagnostics.map((d) => `${d.code} ${d.message.slice(0, 300)}`).join(",")}`);
      continue;
    }
    expect(validateConfig(result.config), `${file} (${placer})`).toEqual([]);
    const dp = createRmtDataplane(result.config);
    const rng = makeRng(7);
    dp.process(Array.from({ length: 20 }, () => ({ port: 1, data: mixedPacket(rng).data })));
    outcomes.push(`${placer}: ${placer === "ilp" ? result.stages.ilp : result.stages.greedy} stages`);
  }
  return outcomes.join("; ");
}

describe("compileRmt never throws", () => {
  for (const file of [...examplePrograms(), ...BENCH]) {
    it(`${file}: as written, with its ingress on two paths, and 4 mutants`, async () => {
      const source = readFileSync(file, "utf8");
      console.log(file, await mustNotThrow(source, file, ["greedy", "ilp"]));
      const twice = duplicated(source);
      expect(twice, "the program has an ingress control").toBeDefined();
      console.log(`${file} on two paths`, await mustNotThrow(twice!, file, ["greedy", "ilp"]));
      for (let seed = 1; seed <= 4; seed++) await mustNotThrow(mutant(twice!, seed, 1 + (seed % 3)), `${file} mutant ${seed}`, ["greedy"]);
    }, 60_000);
  }
});
