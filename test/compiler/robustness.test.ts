// No input may crash the compiler: the bad inputs named in the front-end
// issue, and a seeded mutation fuzzer over the example programs at the byte
// and token level, run through the whole compile() (parse, check, lower,
// passes, validator). A failure prints the seed and the input, so it can be
// replayed with FUZZ_SEED=<seed>.

import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { lex } from "../../lang/lexer.js";
import { SourceFile } from "../../lang/source.js";
import { makeRng, type Rng } from "../../runtime/craft.js";

const EXAMPLES = join(__dirname, "../../examples");
const programs = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(EXAMPLES, d.name, `${d.name}.pnet`)))
  .map((d) => readFileSync(join(EXAMPLES, d.name, `${d.name}.pnet`), "utf8"));

/** Compiles and returns the diagnostic codes; fails on an exception or an internal error. */
function survive(input: string | Uint8Array, label: string): string[] {
  let codes: string[];
  try {
    codes = compile(input, { file: "fuzz.pnet" }).diagnostics.map((d) => d.code);
  } catch (err) {
    throw new Error(`compile() threw on ${label}: ${(err as Error).stack}\n--- input ---\n${String(input).slice(0, 4000)}`);
  }
  if (codes.includes("E0999")) throw new Error(`internal compiler error on ${label}\n--- input ---\n${String(input).slice(0, 4000)}`);
  return codes;
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

describe("bad input gets diagnostics, never a crash, in bounded time", () => {
  it("examples are present to mutate", () => {
    expect(programs.length).toBeGreaterThanOrEqual(3);
  });

  it("an empty file: errors for the missing parts", () => {
    // One "missing block" error each for headers, parser, control ingress and deparser.
    expect(survive("", "empty")).toEqual(["E0204", "E0204", "E0204", "E0204"]);
  });

  it("random bytes", () => {
    const rng = makeRng(1);
    for (let i = 0; i < 50; i++) expect(survive(rng.bytes(rng.int(1, 2000)), `random bytes #${i}`).length).toBeGreaterThan(0);
  });

  it("a non-UTF-8 file is E0001 naming the offset", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("header h { a: bit<8>; }\n"), 0xff, 0xfe, 0x41]);
    const result = compile(bytes, { file: "latin.pnet" });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["E0001"]);
    expect(result.diagnostics[0]!.message).toMatch(/24/); // the first bad byte is at offset 24
  });

  it("every truncation of an example", () => {
    const text = programs[0]!;
    for (let cut = 0; cut < text.length; cut += 7) survive(text.slice(0, cut), `truncated at ${cut}`);
  });

  it("unbalanced braces", () => {
    const text = programs[0]!;
    expect(survive(text.replace("{", ""), "a missing {").length).toBeGreaterThan(0);
    expect(survive(text + "\n}}}\n", "extra }").length).toBeGreaterThan(0);
    expect(survive("control ingress { if (true) { drop(); }", "unclosed control").length).toBeGreaterThan(0);
  });

  it("500 nested parentheses", () => {
    const { value, ms } = timed(() => survive(`const A: bit<8> = ${"(".repeat(500)}1${")".repeat(500)};`, "500 parens"));
    expect(value.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(5000);
  });

  it("a 200-digit literal does not fit any width", () => {
    expect(survive(`const A: bit<128> = ${"9".repeat(200)};`, "200 digits")).toContain("E0302");
  });

  it("a 1 MB program", () => {
    let text = programs[0]!;
    let i = 0;
    while (text.length < 1_000_000) text += `\nconst GEN_${i++}: bit<32> = ${i} + 0x${i.toString(16)};`;
    const { value, ms } = timed(() => survive(text, "1 MB"));
    expect(value.filter((c) => c.startsWith("E"))).toEqual([]);
    expect(ms).toBeLessThan(20_000);
  });
});

// ------------------------------------------------------------------ fuzz

type Mutator = (text: string, rng: Rng) => string;

const byteMutators: Mutator[] = [
  (t, r) => { const i = r.int(0, t.length); return t.slice(0, i) + t.slice(i + r.int(1, 20)); }, // delete a run
  (t, r) => { const i = r.int(0, t.length); const j = r.int(0, t.length); return t.slice(0, i) + t.slice(j, j + r.int(1, 40)) + t.slice(i); }, // copy a run
  (t, r) => { const i = r.int(0, t.length); return t.slice(0, i) + r.pick(["{", "}", "(", ")", ";", ":", "<", ">", "&&&", "..", "_", "0x", "/", "\u0000", "é", "\"", "@"]) + t.slice(i); },
];

function tokenMutator(text: string, rng: Rng): string {
  const tokens = lex(new SourceFile("t", text)).tokens.map((t) => t.image);
  if (tokens.length === 0) return text;
  const i = rng.int(0, tokens.length - 1);
  const j = rng.int(0, tokens.length - 1);
  switch (rng.int(0, 3)) {
    case 0:
      tokens.splice(i, 1); // delete a token
      break;
    case 1:
      tokens.splice(i, 0, tokens[j]!); // duplicate a token elsewhere
      break;
    case 2:
      [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!]; // swap two
      break;
    default:
      tokens[i] = rng.pick(["bit<0>", "bit<129>", "999999999999999999999999", "default", "apply", "next", "last", "exit", "reject", "meta", "std"]);
  }
  return tokens.join(" ");
}

describe("mutation fuzzing of the examples through compile()", () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20261121);
  const cases = Number(process.env.FUZZ_CASES ?? 2000);

  it(`${cases} byte- and token-level mutants (seed ${seed}) never crash the compiler`, () => {
    const rng = makeRng(seed);
    for (let n = 0; n < cases; n++) {
      let text = rng.pick(programs);
      const rounds = rng.int(1, 3);
      for (let k = 0; k < rounds; k++) text = rng.chance(0.5) ? tokenMutator(text, rng) : rng.pick(byteMutators)(text, rng);
      survive(text, `mutant ${n} of seed ${seed}`);
    }
  });
});
