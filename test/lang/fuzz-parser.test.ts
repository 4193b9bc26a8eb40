// Mutation fuzzing of the lexer and parser: valid programs (examples/ and a
// few inline ones) are damaged by deleting, duplicating, swapping and
// replacing tokens and bytes, truncated, nested deeply, given 200-digit
// literals or replaced by random bytes. Whatever the input, parseProgram must
// return (never throw), and every diagnostic and AST node must carry a sane
// span. Seeded and reproducible: PNET_FUZZ_SEED=<n> replays a run, and a
// failure prints the seed, the case and the input.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lex } from "../../lang/lexer.js";
import { parseProgram } from "../../lang/parser.js";
import { SourceFile } from "../../lang/source.js";

const SEED = Number(process.env.PNET_FUZZ_SEED ?? 20_240_611);
const CASES = Number(process.env.PNET_FUZZ_CASES ?? 2_000);

/** mulberry32: a small, good-enough seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INLINE = [
  `header h { a: bit<8>; b: bit<8>; }
headers { x: h; s: h[2]; }
metadata { m: bit<16>; f: bool; }
error { Bad }
parser {
  state start { extract(x); transition select (x.a, lookahead<bit<8>>()) { (1, _): more; (2 &&& 3, 4..5): accept; default: reject; } }
  state more { extract(s.next); verify(s.last.a == 1, Bad); advance(2); transition accept; }
}
action set(p: bit<16>, d: bit<48>) { forward(p); x.a = x.a - 1; }
table t { key { x.a: exact; meta.m: lpm; } actions { set; } const default_action = set(1, 00:00:00:00:00:01); size = 16; counters;
  entries { (1, 10.0.0.0/8): set(2, 0x0); (_, 0x0a000000/8): set(3, 1_000); } }
control ingress {
  if (!x.isValid() || x.a as bit<16> ++ 8 == 0) { exit; } else if (x.b <= 1) { drop(); } else { to_host(); }
  switch (t.apply().action) { set: { meta.f = true; } default: { } }
  meta.m = meta.f ? hash(crc32, {x.a, x.b})[15:0] : ~meta.m & 0xff << 2;
}
deparser { emit(x); emit(s); }
`,
  `const A: bit<32> = 10.0.0.1;
counter c[8]; register r[8]: bit<32>; meter m[8]; digest d { a: bit<48>; }
control ingress { c.count(0); r.write(1, r.read(1) + 1); let k: bit<2> = m.execute(0); d.send({std.ingress_port}); multicast(1); bounce(); }
`,
];

function corpus(): string[] {
  const dir = new URL("../../examples/", import.meta.url);
  const files = existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".pnet")).sort() : [];
  return [...INLINE, ...files.map((f) => readFileSync(new URL(f, dir), "utf8"))];
}

/** The text pieces of a program: its tokens' text, or (if it does not lex) its characters. */
function pieces(text: string): { start: number; end: number }[] {
  const tokens = lex(new SourceFile("p", text)).tokens;
  return tokens.map((t) => ({ start: t.startOffset, end: t.startOffset + t.image.length }));
}

const SNIPPETS = ["{", "}", "(", ")", "[", "]", ";", ":", ",", ".", "..", "&&&", "=", "==", "<", ">", ">>", "/", "_", "?", "if", "else", "state", "transition", "select", "default", "table", "key", "control", "apply", "error", "bit<8>", "lookahead<bit<8>>()", "0x", "1.2.3", "aa:bb", "/*", "*/", "//"];

type Mutation = (text: string, random: () => number) => string;

const pick = <T,>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;
const at = (text: string, random: () => number): number => Math.floor(random() * (text.length + 1));

const MUTATIONS: Record<string, Mutation> = {
  deleteToken(text, random) {
    const p = pieces(text);
    if (p.length === 0) return text;
    const t = pick(p, random);
    return text.slice(0, t.start) + text.slice(t.end);
  },
  duplicateToken(text, random) {
    const p = pieces(text);
    if (p.length === 0) return text;
    const t = pick(p, random);
    return text.slice(0, t.end) + " " + text.slice(t.start, t.end) + text.slice(t.end);
  },
  swapTokens(text, random) {
    const p = pieces(text);
    if (p.length < 2) return text;
    const i = Math.floor(random() * (p.length - 1));
    const j = random() < 0.5 ? i + 1 : Math.floor(random() * p.length);
    const [a, b] = i < j ? [p[i]!, p[j]!] : [p[j]!, p[i]!];
    if (a === b) return text;
    return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end);
  },
  replaceToken(text, random) {
    const p = pieces(text);
    if (p.length === 0) return text;
    const t = pick(p, random);
    const other = pick(p, random);
    const replacement = random() < 0.5 ? text.slice(other.start, other.end) : pick(SNIPPETS, random);
    return text.slice(0, t.start) + replacement + text.slice(t.end);
  },
  insertSnippet(text, random) {
    const i = at(text, random);
    return text.slice(0, i) + pick(SNIPPETS, random) + text.slice(i);
  },
  deleteBytes(text, random) {
    const i = at(text, random);
    return text.slice(0, i) + text.slice(i + 1 + Math.floor(random() * 20));
  },
  duplicateBytes(text, random) {
    const i = at(text, random);
    const j = Math.min(text.length, i + 1 + Math.floor(random() * 40));
    return text.slice(0, j) + text.slice(i, j) + text.slice(j);
  },
  swapBytes(text, random) {
    if (text.length < 2) return text;
    const chars = [...text];
    const i = Math.floor(random() * chars.length);
    const j = Math.floor(random() * chars.length);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    return chars.join("");
  },
  randomBytes(text, random) {
    const i = at(text, random);
    let junk = "";
    for (let n = 1 + Math.floor(random() * 12); n > 0; n--) {
      junk += String.fromCharCode(random() < 0.8 ? Math.floor(random() * 128) : Math.floor(random() * 0xffff));
    }
    return text.slice(0, i) + junk + text.slice(i);
  },
  truncate(text, random) {
    return text.slice(0, at(text, random));
  },
  deepNesting(text, random) {
    const i = at(text, random);
    const depth = Math.floor(random() * 300);
    const [open, close] = pick([["(", ")"], ["{", "}"], ["[", "]"], ["if (a) {", "}"], ["f(", ")"]], random);
    const closed = random() < 0.5 ? close.repeat(depth) : "";
    return text.slice(0, i) + open.repeat(depth) + "x" + closed + text.slice(i);
  },
  hugeLiteral(text, random) {
    const p = pieces(text).filter((t) => /^[0-9]/.test(text.slice(t.start, t.end)));
    const digits = Array.from({ length: 200 }, () => Math.floor(random() * 10)).join("");
    const literal = random() < 0.5 ? digits : `0x${digits}`;
    if (p.length === 0) return `const X: bit<8> = ${literal};\n${text}`;
    const t = pick(p, random);
    return text.slice(0, t.start) + literal + text.slice(t.end);
  },
  garbage(_text, random) {
    let out = "";
    for (let n = Math.floor(random() * 400); n > 0; n--) out += String.fromCharCode(Math.floor(random() * (random() < 0.9 ? 128 : 0x10000)));
    return out;
  },
};

/** Every object with a `span` (AST nodes, diagnostics) has integer offsets inside the text and a 1-based position. */
function checkSpans(node: unknown, length: number): void {
  if (Array.isArray(node)) {
    for (const child of node) checkSpans(child, length);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const n = node as Record<string, unknown>;
  for (const key in n) {
    const value = n[key];
    if (key !== "span") {
      checkSpans(value, length);
      continue;
    }
    const s = value as { start: number; end: number; line: number; col: number };
    const ok = Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= length && s.line >= 1 && s.col >= 1;
    if (!ok) throw new Error(`bad span in a ${String(n.kind ?? n.code)}: ${JSON.stringify(s)}`);
  }
}

describe("parser fuzzing", () => {
  it(`${CASES} mutated programs never throw and always give sane spans (seed ${SEED})`, () => {
    const random = rng(SEED);
    const programs = corpus();
    const names = Object.keys(MUTATIONS);
    const codes = new Set<string>();
    for (let i = 0; i < CASES; i++) {
      let text = pick(programs, random);
      const applied: string[] = [];
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
        const name = pick(names, random);
        applied.push(name);
        text = MUTATIONS[name]!(text, random);
      }
      try {
        const { program, diagnostics } = parseProgram(new SourceFile("fuzz.pnet", text));
        // recovery is where made-up nodes and inserted tokens could leave a bad span
        if (diagnostics.length > 0) checkSpans(program, text.length);
        for (const d of diagnostics) {
          if (!/^E0[01]\d\d$/.test(d.code) || d.message.length === 0) throw new Error(`unexpected diagnostic ${d.code}: ${d.message}`);
          codes.add(d.code);
        }
        checkSpans(diagnostics, text.length);
        if (i % 10 === 0) {
          const again = parseProgram(new SourceFile("fuzz.pnet", text)).diagnostics;
          if (JSON.stringify(again) !== JSON.stringify(diagnostics)) throw new Error("a second parse of the same text reported differently");
        }
      } catch (e) {
        const shown = text.length > 4000 ? `${text.slice(0, 4000)}… (${text.length} characters)` : text;
        console.error(`fuzz failure: PNET_FUZZ_SEED=${SEED}, case ${i}, mutations ${applied.join(", ")}\n--- input ---\n${shown}\n--- end ---`);
        throw e;
      }
    }
    // the run exercised the error paths, not just valid input
    expect(codes.size).toBeGreaterThan(10);
  });
});
