// Parsing of values that people write outside a program: action arguments,
// table keys, register values in the control-plane API, STF files and the CLI.
//
// One parser for every target and the STF runner, so that `10.0.0.0/8` means
// the same thing everywhere. Parsing here knows nothing about widths: it turns
// text into numbers and key notations; runtime/controlplane.ts fits them to a
// table's keys and reports values that do not fit.

/** Text that is not a value in any notation pnet accepts; the message says what was expected. */
export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ValueError";
  }
}

// ---------------------------------------------------------------- integers

const DECIMAL = /^[0-9]+(_[0-9]+)*$/;
const HEX = /^0[xX]([0-9a-fA-F]+(_[0-9a-fA-F]+)*)$/;
const BINARY = /^0[bB]([01]+(_[01]+)*)$/;

/** Decimal `1500`, hex `0x0800`, binary `0b1010`; `_` may separate digits (`1_000_000`). */
export function parseInteger(text: string): bigint {
  const t = text.trim();
  if (DECIMAL.test(t)) return BigInt(t.replaceAll("_", ""));
  const hex = HEX.exec(t);
  if (hex) return BigInt("0x" + hex[1]!.replaceAll("_", ""));
  const bin = BINARY.exec(t);
  if (bin) return BigInt("0b" + bin[1]!.replaceAll("_", ""));
  throw new ValueError(`"${text}" is not an integer (write decimal 1500, hex 0x05dc or binary 0b101)`);
}

// ---------------------------------------------------------------- addresses

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** `10.0.0.1` → 0x0a000001. */
export function parseIpv4(text: string): bigint {
  const m = IPV4.exec(text.trim());
  const octets = m?.slice(1).map(Number);
  if (!octets || octets.some((o) => o > 255)) {
    throw new ValueError(`"${text}" is not an IPv4 address (four numbers 0-255 separated by dots, like 10.0.0.1)`);
  }
  return octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n);
}

const MAC = /^[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\1[0-9a-fA-F]{2}){4}$/;

/** `00:1b:21:3c:4d:5e` (or with `-`) → a 48-bit value. */
export function parseMac(text: string): bigint {
  const t = text.trim();
  if (!MAC.test(t)) throw new ValueError(`"${text}" is not a MAC address (six pairs of hex digits, like 00:1b:21:3c:4d:5e)`);
  return BigInt("0x" + t.replace(/[:-]/g, ""));
}

/**
 * IPv6 text as in RFC 4291 section 2.2: eight groups of 1-4 hex digits, one
 * `::` standing for one or more zero groups, and optionally dotted IPv4 in the
 * last 32 bits (`::ffff:10.0.0.1`). Zone indexes (`%eth0`) are not addresses.
 */
export function parseIpv6(text: string): bigint {
  const t = text.trim();
  const bad = () => new ValueError(`"${text}" is not an IPv6 address (like 2001:db8::1 or ::ffff:10.0.0.1)`);
  const halves = t.split("::");
  if (halves.length > 2) throw bad();
  const head = ipv6Groups(halves[0]!, halves.length === 1, bad);
  const tail = halves.length === 2 ? ipv6Groups(halves[1]!, true, bad) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) throw bad();
  const groups = [...head, ...new Array<bigint>(missing).fill(0n), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** The 16-bit groups of one side of `::`; dotted IPv4 may only end the address. */
function ipv6Groups(text: string, endsAddress: boolean, bad: () => ValueError): bigint[] {
  if (text === "") return [];
  const parts = text.split(":");
  return parts.flatMap((part, i) => {
    if (endsAddress && i === parts.length - 1 && part.includes(".")) {
      if (!IPV4.test(part)) throw bad();
      const v4 = parseIpv4(part);
      return [v4 >> 16n, v4 & 0xffffn];
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(part)) throw bad();
    return [BigInt("0x" + part)];
  });
}

/**
 * Any single value: an integer, an IPv4, MAC or IPv6 address. Addresses are
 * recognised by their shape (dots; six pairs with colons; other colons).
 */
export function parseValue(text: string): bigint {
  const t = text.trim();
  if (IPV4.test(t)) return parseIpv4(t);
  if (MAC.test(t)) return parseMac(t);
  if (t.includes(":")) return parseIpv6(t);
  try {
    return parseInteger(t);
  } catch {
    throw new ValueError(
      `"${text}" is not a value (write an integer like 1500 or 0x05dc, an IPv4 address 10.0.0.1, ` +
        `a MAC address 00:1b:21:3c:4d:5e or an IPv6 address 2001:db8::1)`,
    );
  }
}

// ---------------------------------------------------------------- key notations

/**
 * A table key as written, before it is fitted to a key of some width and
 * match kind (runtime/controlplane.ts decides which forms a kind accepts).
 */
export type ParsedKey =
  /** `10.0.0.1`, `0x0a000001`, `167772161` */
  | { readonly form: "value"; readonly value: bigint }
  /** `10.0.0.0/8`, `0x0a000000/8`, `2001:db8::/32` */
  | { readonly form: "prefix"; readonly value: bigint; readonly prefixLength: number }
  /** `0x0a000000&&&0xff000000` */
  | { readonly form: "mask"; readonly value: bigint; readonly mask: bigint }
  /**
   * `0x0a******` (hex, `*` per nibble) or `0b10**` (binary, `*` per bit):
   * `wildcard` has the bits of the `*` digits set; every other bit of the key,
   * including bits above the written digits, must equal `value`.
   */
  | { readonly form: "wildcard-digits"; readonly value: bigint; readonly wildcard: bigint }
  /** `1024..2047`, both ends inclusive */
  | { readonly form: "range"; readonly lo: bigint; readonly hi: bigint }
  /** `*` or `_` */
  | { readonly form: "any" };

const HEX_WILDCARD = /^0[xX]([0-9a-fA-F*]+(_[0-9a-fA-F*]+)*)$/;
const BINARY_WILDCARD = /^0[bB]([01*]+(_[01*]+)*)$/;

/** Parses one key in any notation of testing.md ("Key values, by match kind"). */
export function parseKey(text: string): ParsedKey {
  const t = text.trim();
  if (t === "*" || t === "_") return { form: "any" };
  if (t.includes("&&&")) {
    const [value, mask, ...rest] = t.split("&&&");
    if (rest.length > 0) throw new ValueError(`"${text}" has more than one "&&&" (write value&&&mask)`);
    return { form: "mask", value: parseValue(value!), mask: parseValue(mask!) };
  }
  if (t.includes("..")) {
    const [lo, hi, ...rest] = t.split("..");
    if (rest.length > 0) throw new ValueError(`"${text}" is not a range (write lo..hi, like 1024..2047)`);
    return { form: "range", lo: parseValue(lo!), hi: parseValue(hi!) };
  }
  const slash = t.lastIndexOf("/");
  if (slash >= 0) {
    const length = t.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(length)) throw new ValueError(`"${text}" has a bad prefix length "${length}" (write value/length, like 10.0.0.0/8)`);
    return { form: "prefix", value: parseValue(t.slice(0, slash)), prefixLength: Number(length) };
  }
  if (t.includes("*")) return parseWildcardDigits(t, text);
  return { form: "value", value: parseValue(t) };
}

function parseWildcardDigits(t: string, text: string): ParsedKey {
  const hex = HEX_WILDCARD.exec(t);
  const bin = hex ? undefined : BINARY_WILDCARD.exec(t);
  const digits = (hex ?? bin)?.[1]?.replaceAll("_", "");
  if (digits === undefined) {
    throw new ValueError(`"${text}" is not a key: "*" digits are written in hex (0x0a******) or binary (0b10**), or alone for "any"`);
  }
  const bitsPerDigit = hex ? 4n : 1n;
  const digitMask = (1n << bitsPerDigit) - 1n;
  let value = 0n;
  let wildcard = 0n;
  for (const d of digits) {
    value <<= bitsPerDigit;
    wildcard <<= bitsPerDigit;
    if (d === "*") wildcard |= digitMask;
    else value |= BigInt(parseInt(d, 16));
  }
  return { form: "wildcard-digits", value, wildcard };
}
