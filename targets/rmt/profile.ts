// Chip profiles: the resource model of an RMT-class chip, read from the data
// files in profiles/ (rmt13, tofino1) with exactly the numbers of
// shared/spec/targets.md, or from a user's JSON file checked field by field
// (checkProfile). The placer places against a profile, the config embeds it,
// and the validator checks that the embedded block equals the built-in profile
// of that name, so a config cannot relax the limits it claims; a user's
// profile cannot take a built-in name with other numbers.

import { existsSync, readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";

export interface MemSpec {
  readonly blocks: number;
  readonly depth: number;
  readonly width_bits: number;
  /** Bits of a word that can hold match data (rmt13: 80); the whole word when absent. */
  readonly usable_match_width_bits?: number;
  readonly packable: boolean;
  /** Blocks are numbered row-major in rows of this many columns (for MemUnit row/col). */
  readonly columns: number;
}

export interface Profile {
  readonly profile: string;
  readonly description: string;
  readonly num_stages: number;
  readonly stages_shared_by_gresses: boolean;
  readonly per_stage: {
    readonly sram: MemSpec;
    readonly tcam: MemSpec;
    readonly xbar: { readonly exact_bits: number; readonly ternary_bits: number; readonly subunit_bits: number };
    /** Absent: the profile does not limit it (targets.md gives no number). */
    readonly action_bus_bits?: number;
    readonly max_logical_tables: number;
    readonly max_ternary_tables?: number;
    readonly max_gateways?: number;
  };
  readonly phv: { readonly containers: readonly { readonly width: 8 | 16 | 32; readonly count: number }[] };
  readonly latency_cycles?: { readonly match_dep: number; readonly action_dep: number; readonly none: number };
  readonly parser_tcam_entries?: number;
  /** Deparser checksum units (per gress; only ingress is used); absent: none. */
  readonly deparser_checksum_units?: number;
}

export const PROFILE_NAMES = ["rmt13", "tofino1"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const cache = new Map<string, Profile>();

/** The profile file: beside this module in the sources, or the sources' copy when running from dist/. */
function profileFile(name: string): URL {
  const here = new URL(`./profiles/${name}.json`, import.meta.url);
  return existsSync(here) ? here : new URL(`../../../targets/rmt/profiles/${name}.json`, import.meta.url);
}

/** A profile file or value that is not a valid profile: the message is one line naming the field. */
export class ProfileError extends Error {}

export const isBuiltinProfile = (name: unknown): name is ProfileName => (PROFILE_NAMES as readonly unknown[]).includes(name);

export function loadProfile(name: string): Profile {
  if (!isBuiltinProfile(name)) {
    throw new ProfileError(`unknown RMT profile '${name}' (profiles: ${PROFILE_NAMES.join(", ")})`);
  }
  let p = cache.get(name);
  if (!p) {
    p = JSON.parse(readFileSync(profileFile(name), "utf8")) as Profile;
    cache.set(name, p);
  }
  return p;
}

/** A built-in profile by name, or the profile in the JSON file at `spec` (checked). */
export function resolveProfile(spec: string): Profile {
  if (isBuiltinProfile(spec)) return loadProfile(spec);
  let text: string;
  try {
    text = readFileSync(spec, "utf8");
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    throw new ProfileError(`profile '${spec}' is neither a built-in profile (${PROFILE_NAMES.join(", ")}) nor a readable file: ${why}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ProfileError(`profile file ${spec}: not JSON: ${(err as Error).message}`);
  }
  return checkProfile(value, `profile file ${spec}`);
}

type Check = (v: unknown) => string | undefined;
const int = (min: number): Check => (v) => (Number.isInteger(v) && (v as number) >= min ? undefined : `must be an integer >= ${min}`);
const multipleOf8: Check = (v) => (Number.isInteger(v) && (v as number) >= 8 && (v as number) % 8 === 0 ? undefined : "must be a positive multiple of 8");
const bool: Check = (v) => (typeof v === "boolean" ? undefined : "must be true or false");
const text: Check = (v) => (typeof v === "string" ? undefined : "must be a string");
const name: Check = (v) => (typeof v === "string" && /^[A-Za-z0-9_.-]+$/.test(v) ? undefined : "must be a name of letters, digits, '_', '.' or '-'");

interface Shape {
  readonly [field: string]: { readonly check: Check | Shape; readonly optional?: boolean };
}
const mem: Shape = {
  blocks: { check: int(0) },
  depth: { check: int(1) },
  width_bits: { check: int(1) },
  usable_match_width_bits: { check: int(1), optional: true },
  packable: { check: bool },
  columns: { check: int(1) },
};
const SHAPE: Shape = {
  profile: { check: name },
  description: { check: text },
  num_stages: { check: int(1) },
  stages_shared_by_gresses: { check: bool },
  per_stage: {
    check: {
      sram: { check: mem },
      tcam: { check: mem },
      xbar: { check: { exact_bits: { check: int(0) }, ternary_bits: { check: int(0) }, subunit_bits: { check: multipleOf8 } } },
      action_bus_bits: { check: int(0), optional: true },
      max_logical_tables: { check: int(1) },
      max_ternary_tables: { check: int(0), optional: true },
      max_gateways: { check: int(0), optional: true },
    },
  },
  phv: { check: { containers: { check: (v) => (Array.isArray(v) ? undefined : "must be a list of {width, count}") } } },
  latency_cycles: { check: { match_dep: { check: int(0) }, action_dep: { check: int(0) }, none: { check: int(0) } }, optional: true },
  parser_tcam_entries: { check: int(0), optional: true },
  deparser_checksum_units: { check: int(0), optional: true },
};

function checkShape(value: unknown, shape: Shape, path: string): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return `${path || "the profile"} must be an object`;
  const at = (f: string): string => (path ? `${path}.${f}` : f);
  for (const f of Object.keys(value)) if (!(f in shape)) return `unknown field ${at(f)} (fields: ${Object.keys(shape).join(", ")})`;
  for (const [f, { check, optional }] of Object.entries(shape)) {
    const v = (value as Record<string, unknown>)[f];
    if (v === undefined) {
      if (optional) continue;
      return `missing field ${at(f)}`;
    }
    const why = typeof check === "function" ? check(v) : checkShape(v, check, at(f));
    if (why !== undefined) return typeof check === "function" ? `${at(f)} ${why} (it is ${JSON.stringify(v)})` : why;
  }
  return undefined;
}

/** Why a profile's numbers contradict each other (beyond each field's own shape), or undefined. */
function checkConsistency(p: Profile): string | undefined {
  const ps = p.per_stage;
  for (const m of ["sram", "tcam"] as const) {
    const u = ps[m].usable_match_width_bits;
    if (u !== undefined && u > ps[m].width_bits) return `per_stage.${m}.usable_match_width_bits (${u}) exceeds per_stage.${m}.width_bits (${ps[m].width_bits})`;
  }
  const seen = new Set<number>();
  for (const [i, c] of p.phv.containers.entries()) {
    const where = `phv.containers[${i}]`;
    if (typeof c !== "object" || c === null) return `${where} must be an object {width, count}`;
    const extra = Object.keys(c).find((k) => k !== "width" && k !== "count");
    if (extra !== undefined) return `unknown field ${where}.${extra} (fields: width, count)`;
    if (c.width !== 8 && c.width !== 16 && c.width !== 32) return `${where}.width must be 8, 16 or 32 (it is ${JSON.stringify(c.width)})`;
    if (!Number.isInteger(c.count) || c.count < 0) return `${where}.count must be an integer >= 0 (it is ${JSON.stringify(c.count)})`;
    if (seen.has(c.width)) return `${where}: containers of width ${c.width} are listed twice`;
    seen.add(c.width);
  }
  if (isBuiltinProfile(p.profile) && !isDeepStrictEqual(p, loadProfile(p.profile))) {
    return `profile: '${p.profile}' is a built-in profile's name; a profile with other numbers needs a name of its own`;
  }
  return undefined;
}

/** The value as a Profile, or a ProfileError whose one-line message names the bad field. */
export function checkProfile(value: unknown, where: string): Profile {
  const why = checkShape(value, SHAPE, "") ?? checkConsistency(value as Profile);
  if (why !== undefined) throw new ProfileError(`${where}: ${why}`);
  return value as Profile;
}

/** The container names of a profile: B0.., H0.., W0.. with their widths. */
export function containersOf(profile: Profile): { name: string; width: number }[] {
  const prefix = { 8: "B", 16: "H", 32: "W" } as const;
  return profile.phv.containers.flatMap((c) => Array.from({ length: c.count }, (_, i) => ({ name: `${prefix[c.width]}${i}`, width: c.width })));
}

/** Width of a container from its name, or undefined when the name is malformed. */
export function containerWidth(name: string): number | undefined {
  const w = { B: 8, H: 16, W: 32 }[name[0] as "B" | "H" | "W"];
  return w !== undefined && /^[BHW][0-9]+$/.test(name) ? w : undefined;
}
