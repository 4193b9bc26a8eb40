// The greedy placer: tables in program order (a topological order of the
// dependency graph), each in the earliest stage its dependencies allow that
// has room, split over several stages when its memory does not fit one
// (Jose et al.'s greedy heuristic, without their priority metrics). When it
// fails, the reason names the table and the resource or dependency chain.

import type { Dependency, TableDef } from "./config.js";
import type { Profile } from "./profile.js";
import { blocksFor, type Demand } from "./resources.js";

export interface SliceChoice {
  readonly stage: number;
  readonly entries: number;
}
export type Placement = ReadonlyMap<string, readonly SliceChoice[]>;

export type PlaceResult = { readonly placement: Placement; readonly stages: number } | { readonly error: string };

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

/** Why a table cannot share a stage at all, whatever else is there; undefined when it could fit an empty stage. */
export function neverFits(d: Demand, profile: Profile): string | undefined {
  const ps = profile.per_stage;
  const t = d.table.name;
  if (d.xbarExactBits > ps.xbar.exact_bits) return `${d.table.kind} table ${t} needs ${d.xbarExactBits} bits of exact match crossbar; a stage has ${ps.xbar.exact_bits}`;
  if (d.xbarTernaryBits > ps.xbar.ternary_bits) return `table ${t} needs ${d.xbarTernaryBits} bits of ternary match crossbar; a stage has ${ps.xbar.ternary_bits}`;
  if (ps.action_bus_bits !== undefined && d.actionBusBits > ps.action_bus_bits) return `table ${t} needs ${d.actionBusBits} bits of action data bus; a stage has ${ps.action_bus_bits}`;
  const regBlocks = d.registers.reduce((n, r) => n + r.blocks, 0);
  if (regBlocks > ps.sram.blocks) return `the registers of ${t} need ${regBlocks} SRAM blocks; a stage has ${ps.sram.blocks}`;
  if (d.mem !== "none") {
    const one = blocksFor(d, 1);
    const memCap = d.mem === "sram" ? ps.sram.blocks : ps.tcam.blocks;
    if (one.match > memCap || one.action + (d.mem === "sram" ? one.match : 0) > ps.sram.blocks) return `one entry of table ${t} needs more memory blocks than a stage has`;
  }
  return undefined;
}

/** Can `d` take a slice of `entries` entries in a stage with usage `u`? */
export function fits(d: Demand, entries: number, u: StageUsage, profile: Profile, first: boolean): boolean {
  const ps = profile.per_stage;
  if (u.logical + 1 > ps.max_logical_tables) return false;
  if (d.ternary && ps.max_ternary_tables !== undefined && u.ternary + 1 > ps.max_ternary_tables) return false;
  if (d.gateway && ps.max_gateways !== undefined && u.gateways + 1 > ps.max_gateways) return false;
  if (u.xbarExact + d.xbarExactBits > ps.xbar.exact_bits) return false;
  if (u.xbarTernary + d.xbarTernaryBits > ps.xbar.ternary_bits) return false;
  if (ps.action_bus_bits !== undefined && u.bus + d.actionBusBits > ps.action_bus_bits) return false;
  const b = blocksFor(d, entries);
  const regs = first ? d.registers.reduce((n, r) => n + r.blocks, 0) : 0;
  const sram = (d.mem === "sram" ? b.match : 0) + b.action + regs;
  const tcam = d.mem === "tcam" ? b.match : 0;
  return u.sram + sram <= ps.sram.blocks && u.tcam + tcam <= ps.tcam.blocks;
}

export function use(d: Demand, entries: number, u: StageUsage, first: boolean): void {
  const b = blocksFor(d, entries);
  u.logical++;
  if (d.ternary) u.ternary++;
  if (d.gateway) u.gateways++;
  u.xbarExact += d.xbarExactBits;
  u.xbarTernary += d.xbarTernaryBits;
  u.bus += d.actionBusBits;
  u.sram += (d.mem === "sram" ? b.match : 0) + b.action + (first ? d.registers.reduce((n, r) => n + r.blocks, 0) : 0);
  u.tcam += d.mem === "tcam" ? b.match : 0;
}

/** Entries a table must hold (its declared size; keyless tables none). */
export const entriesOf = (d: Demand): number => (d.mem === "none" ? 0 : Math.max(1, d.table.size));

/** The longest dependency chain, as a lower bound on stages and a text for the report. */
export function criticalPath(tables: readonly TableDef[], deps: readonly Dependency[]): { stages: number; chain: string[] } {
  const ordered = [...tables].sort((a, b) => a.order - b.order);
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

export function placeGreedy(tables: readonly TableDef[], deps: readonly Dependency[], demands: ReadonlyMap<string, Demand>, profile: Profile): PlaceResult {
  const n = profile.num_stages;
  const usage = Array.from({ length: n }, () => new StageUsage());
  const last = new Map<string, number>();
  const placement = new Map<string, SliceChoice[]>();
  const lower = criticalPath(tables, deps);
  if (lower.stages > n) {
    return { error: `the dependency chain ${lower.chain.join(" ")} needs ${lower.stages} stages; ${profile.profile} has ${n}` };
  }
  for (const t of [...tables].sort((a, b) => a.order - b.order)) {
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
        return {
          error:
            slices.length > 0
              ? `table ${t.name} (${entriesOf(d)} entries) is placed up to stage ${n - 1} with only ${placed} entries; its memory does not fit the stages left`
              : start >= n
                ? `table ${t.name} depends on tables in stage ${n - 1}, the last of ${profile.profile}'s ${n} stages`
                : `table ${t.name} finds no room in stages ${start}..${n - 1} (its dependencies allow stage ${start} at the earliest; those stages' logical ids, memory or crossbar are taken)`,
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
