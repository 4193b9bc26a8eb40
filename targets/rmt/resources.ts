// What one table needs from a stage: match memory by word packing, action
// data memory, crossbar bytes, action data bus, logical ids, ternary and
// gateway slots, register memory. Used by both placers; the validator checks
// the configuration with its own arithmetic (validate.ts).
//
// Word packing (Jose et al.): an exact entry is its key plus the bits that
// select its action; several entries share a memory word when they fit its
// usable width, and an entry wider than a word spans several blocks side by
// side. TCAM entries never share a row (the key may span several blocks).
// Action data is stored in SRAM beside the match, packed the same way.

import type { CExpr, PackFormat, TableDef } from "./config.js";
import { cexprSlices, hashInputs } from "./cexpr.js";
import type { Profile } from "./profile.js";

export interface Demand {
  readonly table: TableDef;
  readonly mem: "sram" | "tcam" | "none";
  readonly pack: PackFormat;
  /** Entries held by one row of blocks (depth × entries per word). */
  readonly rowEntries: number;
  readonly adBits: number;
  readonly adPerWord: number;
  readonly adUnitsPerWord: number;
  /** Entries whose action data one row of SRAM blocks holds. */
  readonly adRowEntries: number;
  /** Container bytes on the exact / ternary crossbar ("W3:1"). */
  readonly exactBytes: readonly string[];
  readonly ternaryBytes: readonly string[];
  readonly xbarExactBits: number;
  readonly xbarTernaryBits: number;
  readonly actionBusBits: number;
  readonly ternary: boolean;
  readonly gateway: boolean;
  readonly registers: readonly { readonly register: string; readonly blocks: number }[];
}

const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);

export function bytesOf(e: readonly CExpr[], hashOnly = false): string[] {
  const out = new Set<string>();
  for (const x of e) {
    for (const [c, lo, w] of hashOnly ? hashInputs(x) : cexprSlices(x)) {
      for (let b = lo >> 3; b <= (lo + w - 1) >> 3; b++) out.add(`${c}:${b}`);
    }
  }
  return [...out].sort();
}

export const selectorBits = (actions: number): number => (actions > 1 ? Math.ceil(Math.log2(actions)) : 0);

export function memTypeOf(matchKind: TableDef["match_kind"]): "sram" | "tcam" | "none" {
  return matchKind === "exact" ? "sram" : matchKind === "keyless" ? "none" : "tcam";
}

function registersOf(t: TableDef): Set<string> {
  const regs = new Set<string>();
  const walk = (e: CExpr): void => {
    if ("op" in e) {
      if (e.op === "reg_read") regs.add(e.reg);
      for (const k of ["a", "b", "c", "idx"] as const) {
        const sub = (e as Record<string, unknown>)[k];
        if (sub && typeof sub === "object") walk(sub as CExpr);
      }
      if ("in" in e) e.in.forEach(walk);
    }
  };
  for (const a of t.actions) {
    a.instructions.forEach((i) => walk(i.src));
    for (const x of a.externs) if (x.op === "reg_write") regs.add(x.reg);
  }
  return regs;
}

export function demandOf(t: TableDef, profile: Profile, registerSizes: ReadonlyMap<string, { size: number; width: number }>): Demand {
  const ps = profile.per_stage;
  const mem = memTypeOf(t.match_kind);
  const keyBits = t.key.reduce((n, k) => n + k.width, 0);
  let pack: PackFormat = { table_word_width: 0, memory_word_width: 0, entries_per_table_word: 0, units_per_table_word: 0 };
  let rowEntries = 0;
  if (mem !== "none") {
    const spec = mem === "sram" ? ps.sram : ps.tcam;
    const entryBits = keyBits + (mem === "sram" ? selectorBits(t.actions.length) : 0);
    const usable = mem === "sram" ? (spec.usable_match_width_bits ?? spec.width_bits) : spec.width_bits;
    const fits = spec.packable && entryBits <= usable;
    const per = fits ? Math.floor(usable / entryBits) : 1;
    const units = fits ? 1 : ceilDiv(entryBits, usable);
    pack = { table_word_width: entryBits, memory_word_width: usable, entries_per_table_word: per, units_per_table_word: units };
    rowEntries = spec.depth * per;
  }
  const adBits = t.kind === "match" ? Math.max(0, ...t.actions.map((a) => a.action_data_bits)) : 0;
  const adPerWord = adBits === 0 ? 0 : adBits <= ps.sram.width_bits ? Math.floor(ps.sram.width_bits / adBits) : 1;
  const adUnitsPerWord = adBits === 0 ? 0 : adBits <= ps.sram.width_bits ? 1 : ceilDiv(adBits, ps.sram.width_bits);
  const keyExprs = t.key.map((k) => k.value);
  const srcs = t.actions.flatMap((a) => [...a.instructions.map((i) => i.src), ...a.externs.flatMap((x) => (x.op === "digest" ? x.values : x.op === "reg_write" ? [x.idx, x.value] : [x.idx]))]);
  const exactBytes = [...new Set([...(mem === "sram" ? bytesOf(keyExprs) : []), ...(t.condition ? bytesOf([t.condition]) : []), ...bytesOf(srcs, true)])].sort();
  const ternaryBytes = mem === "tcam" ? bytesOf(keyExprs) : [];
  const unit = ps.xbar.subunit_bits;
  const regs = [...registersOf(t)].map((register) => {
    const r = registerSizes.get(register)!;
    return { register, blocks: ceilDiv(r.size * r.width, ps.sram.depth * ps.sram.width_bits) };
  });
  return {
    table: t,
    mem,
    pack,
    rowEntries,
    adBits,
    adPerWord,
    adUnitsPerWord,
    adRowEntries: ps.sram.depth * adPerWord,
    exactBytes,
    ternaryBytes,
    xbarExactBits: ceilDiv(exactBytes.length * 8, unit) * unit,
    xbarTernaryBits: ceilDiv(ternaryBytes.length * 8, unit) * unit,
    actionBusBits: ceilDiv(adBits, 8) * 8,
    ternary: mem === "tcam",
    gateway: t.kind === "gateway",
    registers: regs,
  };
}

/** SRAM and TCAM blocks for `entries` entries of a table in one stage. */
export function blocksFor(d: Demand, entries: number): { match: number; action: number } {
  if (d.mem === "none" || entries === 0) return { match: 0, action: 0 };
  const match = ceilDiv(entries, d.rowEntries) * d.pack.units_per_table_word;
  const action = d.adBits === 0 ? 0 : ceilDiv(entries, d.adRowEntries) * d.adUnitsPerWord;
  return { match, action };
}
