// Matching a packet against an `expect` pattern (testing.md, "Matching"), and the
// pattern's text form for reports.
//
// Kept apart from the runner so the rule — prefix unless `$`, `*` matches any
// hex digit, the first differing byte is reported — lives in one small place.

import type { StfPattern } from "./parse.js";

export type MatchResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** The first byte that differs, or where the shorter side ends. */
      readonly offset: number;
      readonly reason: string;
    };

export function matchPattern(pattern: StfPattern, data: Uint8Array): MatchResult {
  const expectedBytes = pattern.nibbles.length / 2;
  const common = Math.min(expectedBytes, data.length);
  for (let byte = 0; byte < common; byte++) {
    const hi = pattern.nibbles[2 * byte];
    const lo = pattern.nibbles[2 * byte + 1];
    const actual = data[byte]!;
    if ((hi !== undefined && hi !== actual >> 4) || (lo !== undefined && lo !== (actual & 0xf))) {
      return { ok: false, offset: byte, reason: `byte ${byte} differs` };
    }
  }
  if (data.length < expectedBytes) {
    return { ok: false, offset: data.length, reason: `the packet has ${data.length} bytes, fewer than the ${expectedBytes} expected` };
  }
  if (pattern.exactLength && data.length > expectedBytes) {
    return { ok: false, offset: expectedBytes, reason: `the packet has ${data.length} bytes, more than the ${expectedBytes} expected ($)` };
  }
  return { ok: true };
}

/** The pattern as hex digits, `*` for wildcards and a trailing `$` when the length must match. */
export function patternToText(pattern: StfPattern): string {
  const digits = pattern.nibbles.map((n) => (n === undefined ? "*" : n.toString(16))).join("");
  return pattern.exactLength ? `${digits}$` : digits;
}
