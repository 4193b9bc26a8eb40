// From a placement (which stages hold how many entries of each table) to the
// configuration's concrete resources: logical ids, numbered SRAM/TCAM blocks,
// crossbar byte positions, action-data bus bytes, gateway units, and the
// per-stage summary. Used after either placer.

import type { Dependency, MemUnit, PlacementSlice, StageSummary, TableDef, XbarByte } from "./config.js";
import type { Placement } from "./greedy.js";
import type { Profile } from "./profile.js";
import { blocksFor, type Demand } from "./resources.js";

interface Cursor {
  sram: number;
  tcam: number;
  exact: number;
  ternary: number;
  bus: number;
  logical: number;
  gateway: number;
}

export function assignResources(
  tables: readonly TableDef[],
  demands: ReadonlyMap<string, Demand>,
  placement: Placement,
  profile: Profile,
): TableDef[] {
  const ps = profile.per_stage;
  const cursors = Array.from({ length: profile.num_stages }, (): Cursor => ({ sram: 0, tcam: 0, exact: 0, ternary: 0, bus: 0, logical: 0, gateway: 0 }));
  const units = (start: number, count: number, columns: number): MemUnit[] =>
    Array.from({ length: count }, (_, i) => ({ row: Math.floor((start + i) / columns), col: (start + i) % columns }));
  return [...tables]
    .sort((a, b) => a.order - b.order)
    .map((t) => {
      const d = demands.get(t.name)!;
      const slices = placement.get(t.name)!.map((choice, index): PlacementSlice => {
        const c = cursors[choice.stage]!;
        const b = blocksFor(d, choice.entries);
        const take = (field: "sram" | "tcam", count: number): MemUnit[] => {
          const out = units(c[field], count, (field === "sram" ? ps.sram : ps.tcam).columns);
          c[field] += count;
          return out;
        };
        const matchUnits = d.mem === "none" ? [] : take(d.mem, b.match);
        const actionUnits = take("sram", b.action);
        const registerMemory = index === 0 ? d.registers.map((r) => ({ register: r.register, units: take("sram", r.blocks) })) : [];
        const xbar = (bytes: readonly string[], field: "exact" | "ternary", subunit: number): XbarByte[] => {
          const start = c[field];
          c[field] += Math.ceil((bytes.length * 8) / subunit) * (subunit / 8);
          return bytes.map((source, i) => ({ byte: start + i, source }));
        };
        const busStart = c.bus;
        c.bus += d.actionBusBits / 8;
        const gateway = d.gateway ? { condition: t.name, unit: c.gateway++ } : null;
        return {
          stage: choice.stage,
          gress: "ingress",
          logical_id: c.logical++,
          entries: choice.entries,
          match_memory: { type: d.mem, units: matchUnits, pack: d.pack },
          ...(d.adBits > 0 ? { action_memory: { units: actionUnits, entries_per_word: d.adPerWord } } : {}),
          ...(registerMemory.length > 0 ? { register_memory: registerMemory } : {}),
          xbar: { exact: xbar(d.exactBytes, "exact", ps.xbar.subunit_bits), ternary: xbar(d.ternaryBytes, "ternary", ps.xbar.subunit_bits) },
          action_data: { bus_bytes: Array.from({ length: d.actionBusBits / 8 }, (_, i) => busStart + i), immediate_bits: 0 },
          gateway,
        };
      });
      return { ...t, placement: slices };
    });
}

/** The per-stage summary of placed tables, and each stage's dependency on the one before. */
export function stageSummaries(tables: readonly TableDef[], deps: readonly Dependency[], stages: number, profile: Profile): StageSummary[] {
  const sub = profile.per_stage.xbar.subunit_bits;
  const xbarBits = (bytes: number): number => Math.ceil((bytes * 8) / sub) * sub;
  const stageOf = new Map<string, { first: number; last: number }>();
  for (const t of tables) stageOf.set(t.name, { first: t.placement[0]!.stage, last: t.placement[t.placement.length - 1]!.stage });
  return Array.from({ length: stages }, (_, s): StageSummary => {
    const here = tables.filter((t) => t.placement.some((p) => p.stage === s));
    const slices = here.flatMap((t) => t.placement.filter((p) => p.stage === s).map((p) => ({ t, p })));
    let dep: "match" | "action" | "none" = "none";
    for (const d of deps) {
      if (stageOf.get(d.from)!.last === s - 1 && stageOf.get(d.to)!.first === s) {
        if (d.kind === "match") dep = "match";
        else if ((d.kind === "action" || d.kind === "exclusive_write") && dep === "none") dep = "action";
      }
    }
    return {
      stage: s,
      gress_dependency: { ingress: dep },
      tables: here.map((t) => t.name),
      usage: {
        sram_blocks: slices.reduce((n, { p }) => n + (p.match_memory.type === "sram" ? p.match_memory.units.length : 0) + (p.action_memory?.units.length ?? 0) + (p.register_memory ?? []).reduce((k, r) => k + r.units.length, 0), 0),
        tcam_blocks: slices.reduce((n, { p }) => n + (p.match_memory.type === "tcam" ? p.match_memory.units.length : 0), 0),
        xbar_exact_bits: slices.reduce((n, { p }) => n + xbarBits(p.xbar.exact.length), 0),
        xbar_ternary_bits: slices.reduce((n, { p }) => n + xbarBits(p.xbar.ternary.length), 0),
        action_bus_bits: slices.reduce((n, { p }) => n + p.action_data.bus_bytes.length * 8, 0),
        logical_tables: slices.length,
        ternary_tables: slices.filter(({ p }) => p.match_memory.type === "tcam").length,
        gateways: slices.filter(({ p }) => p.gateway !== null).length,
      },
    };
  });
}

/** Pipeline latency from the stage dependencies (rmt13 gives cycles per kind). */
export function latencyOf(stages: readonly StageSummary[], profile: Profile): number | undefined {
  const l = profile.latency_cycles;
  if (!l) return undefined;
  return stages.reduce((n, s, i) => n + (i === 0 ? l.match_dep : { match: l.match_dep, action: l.action_dep, none: l.none }[s.gress_dependency["ingress"] ?? "none"]), 0);
}
