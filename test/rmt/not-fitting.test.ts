// When a program does not fit, both placers say which resource ran out in
// which stage: programs on tofino1 that run out of TCAM, SRAM, exact and
// ternary crossbar, logical table ids (tables confined to the last stage by a
// chain of dependencies), and stages (a chain longer than the pipeline).

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { compileRmt } from "../../targets/rmt/index.js";

const programOf = (source: string) => {
  const { program, diagnostics } = compile(source, { file: "test.pnet" });
  expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return program!;
};

/** One table `big` with the given key and size over a header of `fields` 128-bit fields. */
function oneTable(key: string, size: number, fields = 1): string {
  const f = Array.from({ length: fields }, (_, i) => `  f${i}: bit<128>;`).join("\n");
  return `header h_t {
  a: bit<32>;
${f}
}
headers { h: h_t; }
action out() { forward(1); }
table big { key { ${key} } actions { out; } size = ${size}; }
parser { state start { extract(h); transition accept; } }
control ingress { big.apply(); }
deparser { emit(h); }
`;
}

/** A chain of `n` tables (t_i keyed on what t_{i-1} writes), then `fanout` tables keyed on what t_{n-1} writes. */
function chain(n: number, fanout = 0): string {
  const meta = [...Array.from({ length: n + 1 }, (_, i) => `  x${i}: bit<8>;`), ...Array.from({ length: fanout }, (_, i) => `  y${i}: bit<8>;`)].join("\n");
  const tables = Array.from({ length: n }, (_, i) => `action s${i + 1}(v: bit<8>) { meta.x${i + 1} = v; }\ntable t${i + 1} { key { meta.x${i}: exact; } actions { s${i + 1}; } size = 16; }`);
  const fans = Array.from({ length: fanout }, (_, i) => `action g${i}(v: bit<8>) { meta.y${i} = v; }\ntable f${i} { key { meta.x${n - 1}: exact; } actions { g${i}; } size = 16; }`);
  const applies = [...Array.from({ length: n }, (_, i) => `  t${i + 1}.apply();`), ...Array.from({ length: fanout }, (_, i) => `  f${i}.apply();`)].join("\n");
  return `header h_t { a: bit<8>; }
headers { h: h_t; }
metadata {
${meta}
}
parser { state start { extract(h); meta.x0 = h.a; transition accept; } }
${[...tables, ...fans].join("\n")}
control ingress {
${applies}
  forward(1);
}
deparser { emit(h); }
`;
}

async function refusal(source: string): Promise<{ greedy: string; ilp: string; diagnostic: string }> {
  const result = await compileRmt(programOf(source), { profile: "tofino1", placer: "ilp" });
  expect(result.config).toBeUndefined();
  const line = (p: string) => result.report.split("\n").find((l) => l.startsWith(`${p}: does not fit: `))?.slice(`${p}: does not fit: `.length) ?? "";
  return { greedy: line("greedy"), ilp: line("ilp"), diagnostic: result.diagnostics.find((d) => d.code === "E0806")?.message ?? "" };
}

describe("rmt: which resource ran out in which stage", () => {
  it("TCAM: a ternary table of 200 000 32-bit entries (391 blocks; tofino1 has 12 × 24)", async () => {
    const r = await refusal(oneTable("h.a: ternary;", 200_000));
    // 147 456 entries fill the 288 blocks (512 entries each); 52 544 are left, 103 blocks' worth.
    expect(r.greedy).toBe("table big (200000 entries) does not fit: stages 0..11 hold 147456 of its entries; stage 11: TCAM blocks 24/24 used; table big needs 103 more for its other 52544 entries");
    expect(r.ilp).toBe("stages 0..11: TCAM blocks run out: table big needs 391 in all; the 12 stages have 288");
    expect(r.diagnostic).toBe(`target rmt (tofino1): the program does not fit: ${r.ilp}`);
  });

  it("SRAM: an exact table of 4 000 000 entries of 33 bits (key and a bit choosing out or NoAction: 3 a word, 3072 a block; tofino1 has 12 × 80 blocks)", async () => {
    const r = await refusal(oneTable("h.a: exact;", 4_000_000));
    // 960 blocks hold 2 949 120 entries; the other 1 050 880 need ceil(1050880 / 3072) = 343 blocks; all of them 1303.
    expect(r.greedy).toBe("table big (4000000 entries) does not fit: stages 0..11 hold 2949120 of its entries; stage 11: SRAM blocks 80/80 used; table big needs 343 more for its other 1050880 entries");
    expect(r.ilp).toBe("stages 0..11: SRAM blocks run out: table big needs 1303 in all; the 12 stages have 960");
  });

  it("exact crossbar: a 9 × 128 + 32-bit exact key (1184 bits; a stage has 1024)", async () => {
    const key = ["h.a: exact;", ...Array.from({ length: 9 }, (_, i) => `h.f${i}: exact;`)].join(" ");
    const r = await refusal(oneTable(key, 16, 9));
    expect(r.greedy).toBe("every stage: exact crossbar bits 0/1024 used; table big needs 1184; a stage has no more");
    expect(r.ilp).toBe(r.greedy);
  });

  it("ternary crossbar: a 5 × 128-bit ternary key (640 bits; a stage has 528)", async () => {
    const key = Array.from({ length: 5 }, (_, i) => `h.f${i}: ternary;`).join(" ");
    const r = await refusal(oneTable(key, 16, 5));
    expect(r.greedy).toBe("every stage: ternary crossbar bits 0/528 used; table big needs 640; a stage has no more");
    expect(r.ilp).toBe(r.greedy);
  });

  it("logical table ids: 12 chained tables and 16 more keyed on the 11th's result all need stage 11 (17 ids; a stage has 16)", async () => {
    const r = await refusal(chain(12, 16));
    expect(r.greedy).toMatch(/^table f15 finds no room in stages 11\.\.11 \(its dependencies allow stage 11 at the earliest\): stage 11: logical table ids 16\/16 used; table f15 needs 1 more$/);
    expect(r.ilp).toBe("stage 11: logical table ids run out: tables t12, f0, f1, f2, f3, f4 and 11 more need 17 in all (their dependencies confine them there); the stage has 16");
  });

  it("stages: a chain of 13 dependent tables on tofino1's 12 stages", async () => {
    const r = await refusal(chain(13));
    const why = /^the dependency chain t1 -\(match\)-> t2 .* -\(match\)-> t13 needs 13 stages; tofino1 has 12$/;
    expect(r.greedy).toMatch(why);
    expect(r.ilp).toMatch(why);
  });
});
