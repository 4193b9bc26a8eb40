// How the live commands show a value of a given width to people, in the
// notation .stf lines accept: IPv4 addresses for 32 bits, MACs for 48, hex
// otherwise. `pnet entries list` shows keys this way, `pnet digests` fields.

export const hex = (v: bigint): string => `0x${v.toString(16)}`;

export function valueText(v: bigint, width: number): string {
  const bytes = (n: number): number[] => Array.from({ length: n }, (_, i) => Number((v >> BigInt(8 * (n - 1 - i))) & 0xffn));
  if (width === 32) return bytes(4).join(".");
  if (width === 48) return bytes(6).map((b) => b.toString(16).padStart(2, "0")).join(":");
  return hex(v);
}
