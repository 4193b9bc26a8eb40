// The optimal placer: the placement problem as an integer program (after
// Jose et al., NSDI 2015), solved in-process by HiGHS.
//
// Variables, for table t and stage s in the window its dependencies allow:
//   y[t,s] ∈ {0,1}  t has a slice in stage s
//   r[t,s] ∈ ℕ      rows of match memory (each row: depth × entries-per-word
//                   entries, units-per-word blocks) — tables with memory
//   a[t,s] ∈ ℕ      rows of action-data memory, enough for those entries
//   first[t], last[t]  its first and last stage;  L  the stages used
// Constraints: enough rows for the table's size; a stage's SRAM, TCAM,
// crossbar, action bus, logical ids, ternary tables and gateways within the
// profile; dependencies first[B] ≥ last[A] + gap. Objective: minimise L (and,
// with a tiny weight, the number of slices). The greedy placement bounds the
// stages searched, so the ILP never uses more stages than greedy.
//
// When there is no placement, the reason is a resource in some stages: the
// dependency chain, a table too big for any stage, or a window of stages
// whose confined tables need more than it has (fit.ts) — all found before the
// solver runs; otherwise the solver is asked again with one kind of per-stage
// limit lifted at a time, and the first kind whose lifting makes room is named.

import * as highsModule from "highs";
import type { Highs } from "highs";
import type { Dependency, TableDef } from "./config.js";
import { earliest, entriesOf, neverFits, tail, windowOverload } from "./fit.js";
import { chainTooLong, type Placement, type SliceChoice } from "./greedy.js";
import type { Profile } from "./profile.js";
import type { Demand } from "./resources.js";

export interface IlpOptions {
  /** Stages to search (the greedy result, or the chip's count). */
  readonly upperBound: number;
  readonly timeLimit: number;
}

export type IlpResult = { readonly placement: Placement; readonly stages: number; readonly optimal: boolean } | { readonly error: string };

// highs ships CommonJS typings with an ESM entry: its loader is the default export at run time.
const highsLoader = (highsModule as unknown as { default: () => Promise<Highs> }).default;
let solver: Promise<Highs> | undefined;

export async function placeIlp(tables: readonly TableDef[], deps: readonly Dependency[], demands: ReadonlyMap<string, Demand>, profile: Profile, options: IlpOptions): Promise<IlpResult> {
  const n = Math.min(options.upperBound, profile.num_stages);
  const before = chainTooLong(tables, deps, profile, n) ?? tables.map((t) => neverFits(demands.get(t.name)!, profile)).find((x) => x !== undefined) ?? windowOverload(tables, deps, demands, profile, n);
  if (before !== undefined) return { error: before };
  const ps = profile.per_stage;
  const lo = earliest(tables, deps);
  const hi = tail(tables, deps);
  const idx = new Map(tables.map((t, i) => [t.name, i]));
  const stagesOf = (t: TableDef): number[] => {
    const out: number[] = [];
    for (let s = lo.get(t.name)!; s <= n - 1 - hi.get(t.name)!; s++) out.push(s);
    return out;
  };
  const rows: string[] = [];
  const ints: string[] = [];
  const bins: string[] = [];
  const bounds: string[] = [];
  const objective: string[] = ["L"];
  const perStage = Array.from({ length: n }, () => ({ logical: [] as string[], ternary: [] as string[], gateways: [] as string[], exact: [] as string[], tern: [] as string[], bus: [] as string[], sram: [] as string[], tcam: [] as string[] }));
  for (const t of tables) {
    const i = idx.get(t.name)!;
    const d = demands.get(t.name)!;
    const window = stagesOf(t);
    if (window.length === 0) return { error: `table ${t.name} has no stage within ${n}` };
    const total = entriesOf(d);
    const needRows = d.mem === "none" ? 0 : Math.ceil(total / d.rowEntries);
    const regs = d.registers.reduce((k, r) => k + r.blocks, 0);
    ints.push(`f${i}`, `l${i}`);
    bounds.push(`${window[0]} <= f${i} <= ${window[window.length - 1]}`, `${window[0]} <= l${i} <= ${window[window.length - 1]}`);
    rows.push(`tail${i}: L - l${i} >= 1`);
    const rowSum: string[] = [];
    const ySum: string[] = [];
    for (const s of window) {
      const y = `y${i}_${s}`;
      bins.push(y);
      ySum.push(y);
      objective.push(`0.001 ${y}`);
      rows.push(`fs${i}_${s}: f${i} + ${n} ${y} <= ${s + n}`, `ls${i}_${s}: l${i} - ${s} ${y} >= 0`);
      const st = perStage[s]!;
      st.logical.push(y);
      if (d.ternary) st.ternary.push(y);
      if (d.gateway) st.gateways.push(y);
      if (d.xbarExactBits > 0) st.exact.push(`${d.xbarExactBits} ${y}`);
      if (d.xbarTernaryBits > 0) st.tern.push(`${d.xbarTernaryBits} ${y}`);
      if (d.actionBusBits > 0) st.bus.push(`${d.actionBusBits} ${y}`);
      if (regs > 0) st.sram.push(`${regs} ${y}`);
      if (d.mem !== "none") {
        const r = `r${i}_${s}`;
        ints.push(r);
        rowSum.push(`${d.rowEntries} ${r}`);
        rows.push(`ry${i}_${s}: ${r} - ${needRows} ${y} <= 0`, `yr${i}_${s}: ${y} - ${r} <= 0`);
        (d.mem === "sram" ? st.sram : st.tcam).push(`${d.pack.units_per_table_word} ${r}`);
        if (d.adBits > 0) {
          const a = `a${i}_${s}`;
          ints.push(a);
          rows.push(`ad${i}_${s}: ${d.adRowEntries} ${a} - ${d.rowEntries} ${r} >= 0`);
          st.sram.push(`${d.adUnitsPerWord} ${a}`);
        }
      }
    }
    if (d.mem === "none") rows.push(`one${i}: ${ySum.join(" + ")} = 1`);
    else rows.push(`size${i}: ${rowSum.join(" + ")} >= ${total}`);
  }
  for (const d of deps) rows.push(`dep_${idx.get(d.from)}_${idx.get(d.to)}_${d.kind}: f${idx.get(d.to)} - l${idx.get(d.from)} >= ${d.min_stage_gap}`);
  const caps: { kind: string; row: string }[] = [];
  const cap = (kind: string, name: string, terms: string[], limit: number | undefined): void => {
    if (terms.length > 0 && limit !== undefined) caps.push({ kind, row: `${name}: ${terms.join(" + ")} <= ${limit}` });
  };
  perStage.forEach((st, s) => {
    cap("logical table ids", `log${s}`, st.logical, ps.max_logical_tables);
    cap("ternary tables", `tt${s}`, st.ternary, ps.max_ternary_tables);
    cap("gateways", `gw${s}`, st.gateways, ps.max_gateways);
    cap("exact crossbar bits", `xe${s}`, st.exact, ps.xbar.exact_bits);
    cap("ternary crossbar bits", `xt${s}`, st.tern, ps.xbar.ternary_bits);
    cap("action data bus bits", `bus${s}`, st.bus, ps.action_bus_bits);
    cap("SRAM blocks", `sram${s}`, st.sram, ps.sram.blocks);
    cap("TCAM blocks", `tcam${s}`, st.tcam, ps.tcam.blocks);
  });
  bounds.push(`1 <= L <= ${n}`);
  ints.push("L");
  /** The program, with one kind of per-stage limit lifted when asked. */
  const lp = (lifted?: string): string =>
    ["Minimize", ` obj: ${objective.join(" + ")}`, "Subject To", ...rows.map((r) => ` ${r}`), ...caps.filter((c) => c.kind !== lifted).map((c) => ` ${c.row}`), "Bounds", ...bounds.map((b) => ` ${b}`), "General", ` ${ints.join(" ")}`, "Binary", ` ${bins.join(" ")}`, "End"].join("\n");
  solver ??= highsLoader();
  const highs = await solver;
  const solve = (text: string, timeLimit: number) => highs.solve(text, { time_limit: timeLimit, output_flag: false } as Parameters<Highs["solve"]>[1]);
  const found = (r: ReturnType<typeof solve>): boolean => r.Status === "Optimal" || (r.Status === "Time limit reached" && Object.keys(r.Columns).length > 0 && Number.isFinite(r.ObjectiveValue));
  const result = solve(lp(), options.timeLimit);
  const status = result.Status as string;
  if (!found(result)) {
    const culprit = [...new Set(caps.map((c) => c.kind))].find((kind) => found(solve(lp(kind), Math.min(5, options.timeLimit))));
    const why = culprit === undefined ? "" : `: ${culprit} run out — with that limit lifted in every stage it would fit`;
    return { error: `the integer program finds no placement within ${n} stages (${status})${why}` };
  }
  const value = (name: string): number => Math.round((result.Columns[name] as { Primal: number } | undefined)?.Primal ?? 0);
  const placement = new Map<string, SliceChoice[]>();
  let stages = 0;
  for (const t of tables) {
    const i = idx.get(t.name)!;
    const d = demands.get(t.name)!;
    let remaining = entriesOf(d);
    const slices: SliceChoice[] = [];
    for (const s of stagesOf(t)) {
      if (value(`y${i}_${s}`) !== 1) continue;
      const entries = d.mem === "none" ? 0 : Math.min(remaining, value(`r${i}_${s}`) * d.rowEntries);
      if (d.mem !== "none" && entries === 0) continue;
      remaining -= entries;
      slices.push({ stage: s, entries });
      stages = Math.max(stages, s + 1);
    }
    placement.set(t.name, slices);
  }
  return { placement, stages, optimal: status === "Optimal" };
}
