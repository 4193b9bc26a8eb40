// The greedy placer: tables in dependency order (program order, except that a
// table applied at several sites waits for everything any of its sites
// depends on), each in the earliest stage its dependencies allow that
// has room, split over several stages when its memory does not fit one
// (Jose et al.'s greedy heuristic, without their priority metrics). When it
// fails, the reason names the table, the stage and the resource that ran out
// there (fit.ts), or the dependency chain that needs more stages.

import type { Dependency, TableDef } from "./config.js";
import { cycleReason, dependencyCycle, dependencyOrder } from "./deps.js";
import { byStage, entriesOf, fits, neverFits, shortfall, StageUsage, use } from "./fit.js";
import type { Profile } from "./profile.js";
import type { Demand } from "./resources.js";

export interface SliceChoice {
  readonly stage: number;
  readonly entries: number;
}
export type Placement = ReadonlyMap<string, readonly SliceChoice[]>;

export type PlaceResult = { readonly placement: Placement; readonly stages: number } | { readonly error: string };

/** The longest dependency chain, as a lower bound on stages and a text for the report. */
export function criticalPath(tables: readonly TableDef[], deps: readonly Dependency[]): { stages: number; chain: string[] } {
  const ordered = dependencyOrder(tables, deps);
  const best = new Map<string, { stage: number; prev?: string; kind?: string }>();
  for (const t of ordered) best.set(t.name, { stage: 0 });
  for (const t of ordered) {
    const here = best.get(t.name)!;
    for (const d of deps.filter((x) => x.from === t.name)) {
      const there = best.get(d.to)!;
      if (here.stage + d.min_stage_gap > there.stage) best.set(d.to, { stage: here.stage + d.min_stage_gap, prev: t.name, kind: d.kind });
    }
  }
  let end = ordered[0]?.name;
  for (const t of ordered) if (best.get(t.name)!.stage > best.get(end!)!.stage) end = t.name;
  const chain: string[] = [];
  for (let at: string | undefined = end; at !== undefined; ) {
    const b: { stage: number; prev?: string; kind?: string } = best.get(at)!;
    chain.unshift(b.kind ? `-(${b.kind})-> ${at}` : at);
    at = b.prev;
  }
  return { stages: end === undefined ? 0 : best.get(end)!.stage + 1, chain };
}

/** The dependency chain (or cycle) as the reason a program does not fit `n` stages, or undefined when it fits. */
export function chainTooLong(tables: readonly TableDef[], deps: readonly Dependency[], profile: Profile, n: number): string | undefined {
  const cycle = dependencyCycle(tables, deps);
  if (cycle) return cycleReason(cycle, tables);
  const lower = criticalPath(tables, deps);
  return lower.stages > n ? `the dependency chain ${lower.chain.join(" ")} needs ${lower.stages} stages; ${profile.profile} has ${n}` : undefined;
}

export function placeGreedy(tables: readonly TableDef[], deps: readonly Dependency[], demands: ReadonlyMap<string, Demand>, profile: Profile): PlaceResult {
  const n = profile.num_stages;
  const usage = Array.from({ length: n }, () => new StageUsage());
  const last = new Map<string, number>();
  const placement = new Map<string, SliceChoice[]>();
  const chain = chainTooLong(tables, deps, profile, n);
  if (chain) return { error: chain };
  for (const t of dependencyOrder(tables, deps)) {
    const d = demands.get(t.name)!;
    const never = neverFits(d, profile);
    if (never) return { error: never };
    let s = 0;
    for (const dep of deps) if (dep.to === t.name) s = Math.max(s, last.get(dep.from)! + dep.min_stage_gap);
    const start = s;
    let remaining = entriesOf(d);
    const slices: SliceChoice[] = [];
    for (;;) {
      if (s >= n) {
        const placed = slices.reduce((k, x) => k + x.entries, 0);
        const where = (from: number) => byStage(Array.from({ length: n - from }, (_, i) => ({ stage: from + i, why: shortfall(d, Math.min(1, remaining), usage[from + i]!, profile, slices.length === 0) ?? "" })));
        if (slices.length > 0) {
          const span = `${slices[0]!.stage === slices[slices.length - 1]!.stage ? `stage ${slices[0]!.stage} holds` : `stages ${slices[0]!.stage}..${slices[slices.length - 1]!.stage} hold`} ${placed} of its entries`;
          return { error: `table ${t.name} (${entriesOf(d)} entries) does not fit: ${span}; stage ${n - 1}: ${shortfall(d, remaining, usage[n - 1]!, profile, false) ?? "no room"} for its other ${remaining} entries` };
        }
        return {
          error:
            start >= n
              ? `table ${t.name} depends on tables in stage ${n - 1}, the last of ${profile.profile}'s ${n} stages`
              : `table ${t.name} finds no room in stages ${start}..${n - 1} (its dependencies allow stage ${start} at the earliest): ${where(start)}`,
        };
      }
      const u = usage[s]!;
      const first = slices.length === 0;
      if (remaining === 0) {
        if (fits(d, 0, u, profile, first)) {
          use(d, 0, u, first);
          slices.push({ stage: s, entries: 0 });
          break;
        }
        s++;
        continue;
      }
      let lo = 0;
      let hi = remaining;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (fits(d, mid, u, profile, first)) lo = mid;
        else hi = mid - 1;
      }
      if (lo > 0) {
        use(d, lo, u, first);
        slices.push({ stage: s, entries: lo });
        remaining -= lo;
        if (remaining === 0) break;
      }
      s++;
    }
    last.set(t.name, slices[slices.length - 1]!.stage);
    placement.set(t.name, slices);
  }
  const stages = Math.max(0, ...[...last.values()].map((x) => x + 1));
  return { placement, stages };
}
