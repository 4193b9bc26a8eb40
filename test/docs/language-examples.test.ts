// docs/language.md explains the language with code; this test keeps that code
// true. Its fenced blocks are marked:
//   ```pnet               a complete program: compiles with no diagnostic at all
//   ```pnet-error E0xxx   a complete program: fails with E0xxx as its only error
//   ```pnet-warning W0xxx a complete program: compiles, W0xxx its only diagnostic
//   ```pnet-fragment      an excerpt: not compiled
// Any other `pnet…` marker is a mistake (a misspelt marker would otherwise skip
// a block silently). Links from the page to its own sections and to other
// pages in docs/ must name headings that exist, and the repository files the
// page cites as the place where a rule is enforced or tested must exist.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";

const ROOT = join(import.meta.dirname, "../..");
const DOCS = join(ROOT, "docs");
const PAGE = "language.md";
const page = readFileSync(join(DOCS, PAGE), "utf8");

interface Block {
  /** The marker after the opening fence, e.g. `pnet-error`. */
  readonly kind: string;
  /** The rest of the opening line, e.g. `E0301`. */
  readonly arg: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly source: string;
}

/** Top-level fenced code blocks (fences at the start of a line). */
function fencedBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let open: { kind: string; arg: string; line: number; body: string[] } | undefined;
  text.split("\n").forEach((lineText, i) => {
    if (open) {
      if (/^```\s*$/.test(lineText)) {
        blocks.push({ kind: open.kind, arg: open.arg, line: open.line, source: open.body.join("\n") + "\n" });
        open = undefined;
      } else {
        open.body.push(lineText);
      }
      return;
    }
    const fence = /^```(\S*)\s*(.*)$/.exec(lineText);
    if (fence) open = { kind: fence[1]!, arg: fence[2]!.trim(), line: i + 1, body: [] };
  });
  if (open) throw new Error(`${PAGE}:${open.line}: a code block is never closed`);
  return blocks;
}

/** GitHub's anchor for a heading: lower case, punctuation removed, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors of a markdown file's headings (a repeated heading gets -1, -2 … as on GitHub). */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Diagnostics as one line each, so a failure shows what the compiler said. */
function compiled(b: Block): { ok: boolean; diagnostics: string[]; codes: string[]; errors: string[] } {
  const r = compile(b.source, { file: `docs/${PAGE}:${b.line}` });
  return {
    ok: r.program !== undefined,
    diagnostics: r.diagnostics.map((d) => `${d.severity}[${d.code}] ${d.span.line}:${d.span.col} ${d.message}`),
    codes: r.diagnostics.map((d) => d.code),
    errors: r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code),
  };
}

const KINDS = new Set(["pnet", "pnet-error", "pnet-warning", "pnet-fragment"]);
const blocks = fencedBlocks(page).filter((b) => b.kind.startsWith("pnet"));
const ofKind = (kind: string): [number, Block][] => blocks.filter((b) => b.kind === kind).map((b) => [b.line, b]);

describe(`docs/${PAGE}: code blocks`, () => {
  it("has at least one complete program", () => {
    expect(ofKind("pnet").length).toBeGreaterThan(0);
  });

  it("marks every pnet block with a known marker", () => {
    expect(blocks.filter((b) => !KINDS.has(b.kind)).map((b) => `line ${b.line}: ${b.kind}`)).toEqual([]);
  });

  it.each(ofKind("pnet"))("the program at line %i compiles with no diagnostic", (_line, b) => {
    const r = compiled(b);
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it.each(ofKind("pnet-error"))("the program at line %i fails with exactly the error it names", (_line, b) => {
    expect(b.arg).toMatch(/^E\d{4}$/);
    const r = compiled(b);
    expect(r.errors, r.diagnostics.join("\n")).toEqual([b.arg]);
    expect(r.ok).toBe(false);
  });

  it.each(ofKind("pnet-warning"))("the program at line %i compiles with exactly the warning it names", (_line, b) => {
    expect(b.arg).toMatch(/^W\d{4}$/);
    const r = compiled(b);
    expect(r.codes, r.diagnostics.join("\n")).toEqual([b.arg]);
    expect(r.ok).toBe(true);
  });
});

describe(`docs/${PAGE}: links`, () => {
  const links = [...page.matchAll(/\]\(([\w.-]*)#([^)\s]+)\)/g)].map((m) => ({ file: m[1] || PAGE, anchor: m[2]! }));
  const local = links.filter((l) => existsSync(join(DOCS, l.file)));

  it("cites diagnostic codes with links into docs/diagnostics.md", () => {
    expect(local.some((l) => l.file === "diagnostics.md")).toBe(true);
  });

  it.each([...new Set(local.map((l) => l.file))])("every link into %s names one of its headings", (file) => {
    const known = anchors(readFileSync(join(DOCS, file), "utf8"));
    const broken = local.filter((l) => l.file === file && !known.has(l.anchor)).map((l) => `${l.file}#${l.anchor}`);
    expect([...new Set(broken)]).toEqual([]);
  });
});

describe(`docs/${PAGE}: cited files`, () => {
  const cited = [...new Set([...page.matchAll(/`((?:lang|compiler|targets|runtime|test|examples|docs|bench)\/[\w./-]*)`/g)].map((m) => m[1]!))];

  it("cites the files that enforce and test its rules", () => {
    expect(cited.length).toBeGreaterThan(0);
  });

  it("cites only files and folders that exist", () => {
    expect(cited.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });
});
