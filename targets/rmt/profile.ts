// Chip profiles: the resource model of an RMT-class chip, read from the data
// files in profiles/ (rmt13, tofino1) with exactly the numbers of
// shared/spec/targets.md. The placer places against a profile, the config
// embeds it, and the validator checks that the embedded block equals the known
// profile of that name, so a config cannot relax the limits it claims.

import { existsSync, readFileSync } from "node:fs";

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
}

export const PROFILE_NAMES = ["rmt13", "tofino1"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const cache = new Map<string, Profile>();

/** The profile file: beside this module in the sources, or the sources' copy when running from dist/. */
function profileFile(name: string): URL {
  const here = new URL(`./profiles/${name}.json`, import.meta.url);
  return existsSync(here) ? here : new URL(`../../../targets/rmt/profiles/${name}.json`, import.meta.url);
}

export function loadProfile(name: string): Profile {
  if (!(PROFILE_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown RMT profile '${name}' (profiles: ${PROFILE_NAMES.join(", ")})`);
  }
  let p = cache.get(name);
  if (!p) {
    p = JSON.parse(readFileSync(profileFile(name), "utf8")) as Profile;
    cache.set(name, p);
  }
  return p;
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
