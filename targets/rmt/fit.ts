// Why a program does not fit, said as a resource in a stage: the first limit
// of a stage that keeps a table slice out (greedy's failures), and capacity
// bounds over windows of stages (the ILP's: tables whose dependencies confine
// them to stages a..b need at least so much of a resource there; when that is
// more than those stages have, no placement exists, and the message names the
// resource, the stages and the tables).

import type { Dependency, TableDef } from "./config.js";
import { dependencyOrder } from "./deps.js";
import type { Profile } from "./profile.js";
import { blocksFor, type Demand } from "./resources.js";

/** Per-stage resource usage as placement proceeds. */
export class StageUsage {
  sram = 0;
  tcam = 0;
  xbarExact = 0;
  xbarTernary = 0;
  bus = 0;
  logical = 0;
  ternary = 0;
  gateways = 0;
}

/** What one slice of `entries` entries of `d` takes from a stage. */
function sliceDemand(d: Demand, entries: number, first: boolean): StageUsage {
  const b = blocksFor(d, entries);
  const u = new StageUsage();
  u.logical = 1;
  u.ternary = d.ternary ? 1 : 0;
  u.gateways = d.gateway ? 1 : 0;
  u.xbarExact = d.xbarExactBits;
  u.xbarTernary = d.xbarTernaryBits;
  u.bus = d.actionBusBits;
  u.sram = (d.mem === "sram" ? b.match : 0) + b.action + (first ? d.registers.reduce((n, r) => n + r.blocks, 0) : 0);
  u.tcam = d.mem === "tcam" ? b.match : 0;
  return u;
}

/** The resources in the order they are checked, with their per-stage limit (undefined: not limited). */
function resources(profile: Profile): { key: keyof StageUsage; name: string; cap: number | undefined }[] {
  const ps = profile.per_stage;
  return [
    { key: "logical", name: "logical table ids", cap: ps.max_logical_tables },
    { key: "ternary", name: "ternary tables", cap: ps.max_ternary_tables },
    { key: "gateways", name: "gateways", cap: ps.max_gateways },
    { key: "xbarExact", name: "exact crossbar bits", cap: ps.xbar.exact_bits },
    { key: "xbarTernary", name: "ternary crossbar bits", cap: ps.xbar.ternary_bits },
    { key: "bus", name: "action data bus bits", cap: ps.action_bus_bits },
    { key: "sram", name: "SRAM blocks", cap: ps.sram.blocks },
    { key: "tcam", name: "TCAM blocks", cap: ps.tcam.blocks },
  ];
}

/** The first limit a slice of `entries` entries would break in a stage with usage `u`, or undefined when it fits. */
export function shortfall(d: Demand, entries: number, u: StageUsage, profile: Profile, first: boolean): string | undefined {
  const need = sliceDemand(d, entries, first);
  for (const r of resources(profile)) {
    if (r.cap === undefined || need[r.key] === 0 || u[r.key] + need[r.key] <= r.cap) continue;
    return `${r.name} ${u[r.key]}/${r.cap} used; table ${d.table.name} needs ${need[r.key]}${u[r.key] > 0 ? " more" : ""}`;
  }
  return undefined;
}

/** Can `d` take a slice of `entries` entries in a stage with usage `u`? */
export const fits = (d: Demand, entries: number, u: StageUsage, profile: Profile, first: boolean): boolean => shortfall(d, entries, u, profile, first) === undefined;

export function use(d: Demand, entries: number, u: StageUsage, first: boolean): void {
  const need = sliceDemand(d, entries, first);
  for (const k of Object.keys(need) as (keyof StageUsage)[]) u[k] += need[k];
}

/** Why a table cannot share a stage at all, whatever else is there; undefined when it could fit an empty stage. */
export function neverFits(d: Demand, profile: Profile): string | undefined {
  const why = shortfall(d, Math.min(1, entriesOf(d)), new StageUsage(), profile, true);
  return why && `every stage: ${why}; a stage has no more`;
}

/** Entries a table must hold (its declared size; keyless tables none). */
export const entriesOf = (d: Demand): number => (d.mem === "none" ? 0 : Math.max(1, d.table.size));

/** "stages 3..9: reason; stage 10: other" from one reason per stage, runs of equal reasons merged. */
export function byStage(reasons: readonly { stage: number; why: string }[]): string {
  const runs: { from: number; to: number; why: string }[] = [];
  for (const { stage, why } of reasons) {
    const last = runs[runs.length - 1];
    if (last && last.why === why && last.to === stage - 1) last.to = stage;
    else runs.push({ from: stage, to: stage, why });
  }
  return runs.map((r) => `${r.from === r.to ? `stage ${r.from}` : `stages ${r.from}..${r.to}`}: ${r.why}`).join("; ");
}

/** Longest gap-weighted path from any source to each table (its earliest stage). */
export function earliest(tables: readonly TableDef[], deps: readonly Dependency[]): Map<string, number> {
  const at = new Map(tables.map((t) => [t.name, 0]));
  for (const t of dependencyOrder(tables, deps)) {
    for (const d of deps) if (d.from === t.name) at.set(d.to, Math.max(at.get(d.to)!, at.get(t.name)! + d.min_stage_gap));
  }
  return at;
}

/** Longest gap-weighted path from each table to any sink. */
export function tail(tables: readonly TableDef[], deps: readonly Dependency[]): Map<string, number> {
  const at = new Map(tables.map((t) => [t.name, 0]));
  for (const t of dependencyOrder(tables, deps).reverse()) {
    for (const d of deps) if (d.from === t.name) at.set(t.name, Math.max(at.get(t.name)!, at.get(d.to)! + d.min_stage_gap));
  }
  return at;
}

const listed = (names: readonly string[]): string => (names.length <= 6 ? names.join(", ") : `${names.slice(0, 6).join(", ")} and ${names.length - 6} more`);

/**
 * A window of stages a..b (of the first n) whose tables, confined there by
 * their dependencies, need more of one resource than those stages have — in
 * the least they can take (one slice each, all their memory in it). The
 * narrowest such window is reported; undefined when there is none.
 */
export function windowOverload(tables: readonly TableDef[], deps: readonly Dependency[], demands: ReadonlyMap<string, Demand>, profile: Profile, n: number): string | undefined {
  const lo = earliest(tables, deps);
  const hi = tail(tables, deps);
  const least = tables.map((t) => {
    const d = demands.get(t.name)!;
    return { name: t.name, from: lo.get(t.name)!, to: n - 1 - hi.get(t.name)!, need: sliceDemand(d, entriesOf(d), true) };
  });
  for (let width = 1; width <= n; width++) {
    for (let a = 0; a + width <= n; a++) {
      const b = a + width - 1;
      const inside = least.filter((t) => t.from >= a && t.to <= b);
      for (const r of resources(profile)) {
        if (r.cap === undefined) continue;
        const users = inside.filter((t) => t.need[r.key] > 0);
        const need = users.reduce((k, t) => k + t.need[r.key], 0);
        if (need <= r.cap * width) continue;
        const where = width === 1 ? `stage ${a}` : `stages ${a}..${b}`;
        const have = width === 1 ? `the stage has ${r.cap}` : `the ${width} stages have ${r.cap * width}`;
        const whose = users.length === 1 ? `table ${users[0]!.name} needs` : `tables ${listed(users.map((t) => t.name))} need`;
        const confined = width === n && a === 0 ? "" : ` (their dependencies confine ${users.length === 1 ? "it" : "them"} there)`;
        return `${where}: ${r.name} run out: ${whose} ${need} in all${confined}; ${have}`;
      }
    }
  }
  return undefined;
}
