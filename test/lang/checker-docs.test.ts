// docs/diagnostics.md documents every diagnostic code: each code of
// lang/codes.ts has its section (### E0201 — …) or its row in the table of
// input and syntax codes, and the page names no code that does not exist.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CODES } from "../../lang/codes.js";

const page = readFileSync(join(import.meta.dirname, "../../docs/diagnostics.md"), "utf8");
const documented = new Set([...page.matchAll(/^### ([EW]\d{4}) — /gm), ...page.matchAll(/^\| ([EW]\d{4}) \|/gm)].map((m) => m[1]!));

describe("docs/diagnostics.md", () => {
  it.each(Object.keys(CODES))("documents %s", (code) => {
    expect(documented.has(code)).toBe(true);
  });
  it("documents only codes that exist", () => {
    const known = new Set(Object.keys(CODES));
    expect([...documented].filter((c) => !known.has(c))).toEqual([]);
  });
});
