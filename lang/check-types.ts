// Value types as the checker sees them, and the fixed facts of the language.
//
// The checker works with the IR's ValueType plus one extra member, BAD: the
// type of an expression that already produced an error. Every rule that meets
// BAD stays silent, so one mistake gives one diagnostic, not a cascade.

import { type ValueType, bit, mask, typeToString } from "../compiler/ir.js";

export const BAD = { kind: "bad" } as const;
export type Ty = ValueType | typeof BAD;

export const MAX_WIDTH = 128;
export const MAX_STACK = 16;
/** Sizes of tables and externs must fit a bit<32>. */
export const MAX_SIZE = 0xffff_ffffn;

/** The width an untyped literal takes where any width is accepted (shift amounts, indices, advance, sizes). */
export const ANY_WIDTH_DEFAULT = bit(32);
/** forward(port) and multicast(group) take a bit<16>. */
export const PORT_TYPE = bit(16);
export const GROUP_TYPE = bit(16);
/** m.execute(i) returns the colour: 0 green, 1 yellow, 2 red. */
export const METER_COLOUR = bit(2);
export const HASH_TYPE = bit(32);
export const CHECKSUM_TYPE = bit(16);

export const STD_FIELDS: ReadonlyMap<string, ValueType> = new Map<string, ValueType>([
  ["ingress_port", bit(16)],
  ["packet_length", bit(32)],
  ["timestamp", bit(64)],
  ["parser_error", { kind: "error" }],
]);

export const HASH_ALGORITHMS: readonly string[] = ["crc32", "crc16", "xor16", "identity"];

export function isBad(t: Ty): t is typeof BAD {
  return t.kind === "bad";
}

export function sameType(a: ValueType, b: ValueType): boolean {
  return a.kind === b.kind && (a.kind !== "bit" || a.width === (b as { width: number }).width);
}

export function show(t: Ty): string {
  return t.kind === "bad" ? "?" : typeToString(t);
}

export function fits(value: bigint, width: number): boolean {
  return value >= 0n && value <= mask(width);
}

/** `x` in backquotes, for messages. */
export function q(text: string): string {
  return "`" + text + "`";
}

export function plural(n: number, one: string, many = one + "s"): string {
  return `${n} ${n === 1 ? one : many}`;
}
