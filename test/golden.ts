// Golden files: compare an artefact with its committed copy.
//
// `npm run bless` (PNET_BLESS=1) rewrites the golden file instead of
// comparing; a missing golden file fails the test (never silently written),
// so CI cannot pass on output nobody has looked at.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { expect } from "vitest";

export const blessing = process.env.PNET_BLESS === "1";

export function expectGolden(path: string, actual: string): void {
  if (blessing) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`golden file ${path} is missing: run \`npm run bless\`, read it, and commit it`);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}
