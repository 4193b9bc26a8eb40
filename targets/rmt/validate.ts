// The configuration validator: checks any configuration on its own, without
// the placer — the profile is a built-in one, unchanged (or a user's profile,
// checked, reported as such unless the caller gives it); every stage within its
// caps (SRAM/TCAM blocks, crossbars, action bus, logical ids, ternary tables,
// gateways); no memory block, crossbar byte, bus byte or logical id used
// twice in a stage; table capacity and word-packing arithmetic; memory types
// allowed per match kind; action data in the stage of its match; registers
// owned by one table; dependency stage separation recomputed from the tables'
// keys, conditions, instructions and predicates (deps.ts; a table applied at
// several sites, site by site, its predicate their disjunction), not read from the
// stored list; PHV slices within the profile's containers, without overlap,
// covering every field, and every container reference inside an allocation;
// deparser checksum units within the profile's number, over the emitted
// header's own PHV bits, with the destination in that header.

import { isDeepStrictEqual } from "node:util";
import type { CExpr, CSlice, Predicate, RmtConfig, TableDef } from "./config.js";
import { cexprSlices } from "./cexpr.js";
import { or } from "./control.js";
import { dependencies } from "./deps.js";
import { checkProfile, containerWidth, isBuiltinProfile, loadProfile, PROFILE_NAMES, ProfileError, type Profile } from "./profile.js";
import { bytesOf } from "./resources.js";

const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);

export interface ValidateOptions {
  /** The profile the caller vouches for (a user's profile file): the configuration's target must equal it. */
  readonly profile?: Profile;
}

/**
 * The violations of a configuration. A built-in profile's name must come with
 * exactly its numbers. Any other profile is checked as a profile file would be,
 * the configuration is checked against it, and it is reported as not built in
 * unless the caller gives that same profile (options.profile): a configuration
 * never vouches for its own limits.
 */
export function validateConfig(config: RmtConfig, options: ValidateOptions = {}): string[] {
  const errors: string[] = [];
  const fail = (m: string): void => void errors.push(m);
  if (config.format !== "pnet-rmt-config") fail(`format is '${config.format}', not 'pnet-rmt-config'`);
  const name = config.target?.profile;
  let profile: Profile;
  if (isBuiltinProfile(name)) {
    profile = loadProfile(name);
    if (!isDeepStrictEqual(config.target, profile)) fail(`the target block differs from the known profile '${name}': a configuration cannot change the chip's limits`);
  } else {
    try {
      profile = checkProfile(config.target, "the configuration's target");
    } catch (err) {
      if (!(err instanceof ProfileError)) throw err;
      fail(err.message);
      return errors;
    }
    if (options.profile === undefined) {
      fail(`target profile '${name}' is not a known profile (built in: ${PROFILE_NAMES.join(", ")}): the configuration was checked against the limits it embeds; give that profile (validateConfig(config, { profile })) to accept them`);
    }
  }
  if (options.profile !== undefined && !isDeepStrictEqual(config.target, options.profile)) {
    fail(`the target block differs from the given profile '${options.profile.profile}': a configuration cannot change the chip's limits`);
  }
  const ps = profile.per_stage;
  const count = new Map(profile.phv.containers.map((c) => [({ 8: "B", 16: "H", 32: "W" } as const)[c.width], c.count]));

  // ---- PHV
  const owner = new Map<string, string[]>(); // container -> field per bit
  const fieldBits = new Map<string, boolean[]>();
  for (const s of config.phv.slices) {
    const w = containerWidth(s.container);
    const k = Number(s.container.slice(1));
    if (w === undefined || k >= (count.get(s.container[0] as "B") ?? 0)) {
      fail(`PHV: ${s.field} is in container ${s.container}, which ${profile.profile} does not have`);
      continue;
    }
    const width = s.field_hi - s.field_lo + 1;
    if (width <= 0 || s.container_lo < 0 || s.container_lo + width > w) {
      fail(`PHV: ${s.field}[${s.field_hi}:${s.field_lo}] does not fit ${s.container} at bit ${s.container_lo}`);
      continue;
    }
    const bits = owner.get(s.container) ?? new Array<string>(w).fill("");
    owner.set(s.container, bits);
    for (let b = s.container_lo; b < s.container_lo + width; b++) {
      if (bits[b]) fail(`PHV: ${s.container} bit ${b} holds both ${bits[b]} and ${s.field}`);
      bits[b] = s.field;
    }
    const fb = fieldBits.get(s.field) ?? [];
    fieldBits.set(s.field, fb);
    for (let b = s.field_lo; b <= s.field_hi; b++) {
      if (fb[b]) fail(`PHV: bit ${b} of ${s.field} is allocated twice`);
      fb[b] = true;
    }
  }
  for (const [field, fb] of fieldBits) if (fb.some((x) => !x) || fb.length === 0) fail(`PHV: ${field} has unallocated bits`);
  const checkSlice = (sl: CSlice, where: string): void => {
    const bits = owner.get(sl[0]);
    if (!bits) return fail(`${where}: container ${sl[0]} holds no field`);
    for (let b = sl[1]; b < sl[1] + sl[2]; b++) if (!bits[b]) return fail(`${where}: ${sl[0]} bit ${b} is not allocated to any field`);
  };
  const checkExpr = (e: CExpr, where: string): void => cexprSlices(e).forEach((sl) => checkSlice(sl, where));

  // ---- tables
  const stageOf = new Map<string, { first: number; last: number }>();
  const regOwner = new Map<string, string>();
  interface StageUse {
    sram: Set<string>;
    tcam: Set<string>;
    exact: Set<number>;
    ternary: Set<number>;
    bus: Set<number>;
    logical: Set<number>;
    tables: number;
    ternaryTables: number;
    gateways: number;
  }
  const stages = new Map<number, StageUse>();
  const stageUse = (s: number): StageUse => {
    let u = stages.get(s);
    if (!u) stages.set(s, (u = { sram: new Set(), tcam: new Set(), exact: new Set(), ternary: new Set(), bus: new Set(), logical: new Set(), tables: 0, ternaryTables: 0, gateways: 0 }));
    return u;
  };
  for (const t of config.tables) {
    const where = `table ${t.name}`;
    t.key.forEach((k) => checkExpr(k.value, `${where}, key ${k.name}`));
    if (t.condition) checkExpr(t.condition, `${where}, condition`);
    for (const a of t.actions) for (const i of a.instructions) {
      checkSlice(i.dst, `${where}, action ${a.name}`);
      checkExpr(i.src, `${where}, action ${a.name}`);
    }
    if (t.sites && !isDeepStrictEqual(t.predicate, or(...t.sites.map((x) => x.predicate)))) fail(`${where}: its predicate is not the disjunction of its sites' predicates`);
    if (t.placement.length === 0) {
      fail(`${where} is not placed`);
      continue;
    }
    const stagesHere = t.placement.map((p) => p.stage);
    stageOf.set(t.name, { first: Math.min(...stagesHere), last: Math.max(...stagesHere) });
    checkTable(t, config, fail, stageUse, regOwner);
  }
  for (const [s, u] of stages) {
    const at = `stage ${s}`;
    if (s >= profile.num_stages) fail(`${at}: ${profile.profile} has only ${profile.num_stages} stages`);
    if (u.tables > ps.max_logical_tables) fail(`${at}: ${u.tables} logical tables, more than ${ps.max_logical_tables}`);
    if (ps.max_ternary_tables !== undefined && u.ternaryTables > ps.max_ternary_tables) fail(`${at}: ${u.ternaryTables} ternary tables, more than ${ps.max_ternary_tables}`);
    if (ps.max_gateways !== undefined && u.gateways > ps.max_gateways) fail(`${at}: ${u.gateways} gateways, more than ${ps.max_gateways}`);
  }

  // ---- dependencies, recomputed
  for (const d of dependencies(config.tables, config.phv.slices)) {
    const a = stageOf.get(d.from);
    const b = stageOf.get(d.to);
    if (!a || !b) continue;
    if (b.first < a.last + d.min_stage_gap) {
      fail(`dependency ${d.kind} ${d.from} -> ${d.to} (${d.because.map((x) => x.field).join(", ")}): ${d.to} starts in stage ${b.first}, but must be ${d.min_stage_gap ? "after" : "no earlier than"} stage ${a.last}`);
    }
  }

  // ---- parser and deparser
  const limit = profile.parser_tcam_entries;
  if (limit !== undefined && config.parser.tcam.length > limit) fail(`parser: ${config.parser.tcam.length} TCAM entries, more than ${limit}`);
  for (const st of config.parser.states) {
    if (st.key) checkExpr(st.key, `parser state ${st.name}`);
    for (const op of st.ops) {
      if (op.op === "extract") {
        op.fields.forEach((f) => f.dst.forEach((sl) => checkSlice(sl, `parser state ${st.name}`)));
        checkSlice(op.valid, `parser state ${st.name}`);
      } else if (op.op === "set") op.dst.forEach((sl) => checkSlice(sl, `parser state ${st.name}`));
    }
  }
  for (const d of config.deparser) {
    checkSlice(d.valid, `deparser ${d.header}`);
    d.fields.forEach((f) => f.src.forEach((sl) => checkSlice(sl, `deparser ${d.header}`)));
  }
  checkDeparserChecksums();
  return errors;

  /** Deparser checksum units: within the profile's number; every field in the PHV and the covered header's own bits, in deparser order; the destination one of them. */
  function checkDeparserChecksums(): void {
    const units = config.deparser_checksums ?? [];
    const cap = profile.deparser_checksum_units ?? 0;
    if (units.length > cap) fail(`deparser: ${units.length} checksum units, more than ${cap} (${profile.profile})`);
    const bitsOf = new Map<string, string[]>();
    for (const s of config.phv.slices) {
      const bits = bitsOf.get(s.field) ?? [];
      bitsOf.set(s.field, bits);
      for (let b = 0; b <= s.field_hi - s.field_lo; b++) bits.push(`${s.container}:${s.container_lo + b}`);
    }
    const sliceBits = (src: readonly CSlice[]): string => src.flatMap(([c, lo, w]) => Array.from({ length: w }, (_, b) => `${c}:${lo + b}`)).sort().join(",");
    const tableNames = new Set(config.tables.map((t) => t.name));
    const predTables = (p: Predicate): string[] =>
      "gw" in p ? [p.gw] : "hit" in p ? [p.hit] : "act" in p ? [p.act] : "not" in p ? predTables(p.not) : "and" in p ? p.and.flatMap(predTables) : "or" in p ? p.or.flatMap(predTables) : [];
    for (const u of units) {
      const at = `deparser checksum unit of ${u.header} (${u.source})`;
      const entry = config.deparser.find((d) => d.header === u.header);
      if (!entry) fail(`${at}: the deparser emits no header ${u.header}`);
      const missing = u.fields.filter((f) => !bitsOf.has(f));
      for (const f of missing) fail(`${at}: field ${f} is not in the PHV`);
      if (!u.fields.includes(u.dest)) fail(`${at}: destination ${u.dest} is not a field of the covered header`);
      else if ((bitsOf.get(u.dest)?.length ?? 16) !== 16) fail(`${at}: destination ${u.dest} is not 16 bits`);
      if (entry && missing.length === 0) {
        const same = u.fields.length === entry.fields.length && u.fields.every((f, i) => [...bitsOf.get(f)!].sort().join(",") === sliceBits(entry.fields[i]!.src));
        if (!same) fail(`${at}: its fields are not the PHV bits the deparser emits for ${u.header}, in order`);
      }
      for (const t of predTables(u.predicate)) if (!tableNames.has(t)) fail(`${at}: its predicate names unknown table ${t}`);
    }
  }

  function checkTable(t: TableDef, cfg: RmtConfig, failWith: (m: string) => void, use: (s: number) => StageUse, regs: Map<string, string>): void {
    const where = `table ${t.name}`;
    const expected = t.match_kind === "exact" ? "sram" : t.match_kind === "keyless" ? "none" : "tcam";
    const keyBits = t.key.reduce((n, k) => n + k.width, 0);
    const adBits = t.kind === "match" ? Math.max(0, ...t.actions.map((a) => a.action_data_bits)) : 0;
    for (const a of t.actions) {
      const sum = a.params.reduce((n, p) => n + p.width, 0);
      if (sum !== a.action_data_bits) failWith(`${where}, action ${a.name}: parameters take ${sum} bits but action_data_bits is ${a.action_data_bits}`);
    }
    let entries = 0;
    for (const p of t.placement) {
      const at = `${where}, stage ${p.stage}`;
      const u = use(p.stage);
      u.tables++;
      if (u.logical.has(p.logical_id)) failWith(`${at}: logical id ${p.logical_id} is used twice`);
      if (p.logical_id >= ps.max_logical_tables) failWith(`${at}: logical id ${p.logical_id} is beyond ${ps.max_logical_tables - 1}`);
      u.logical.add(p.logical_id);
      const mm = p.match_memory;
      if (mm.type !== expected) failWith(`${at}: ${t.match_kind} matching cannot use ${mm.type} match memory (it needs ${expected})`);
      if (mm.type === "tcam") u.ternaryTables++;
      if (p.gateway) u.gateways++;
      if (t.kind === "gateway" && !p.gateway) failWith(`${at}: a gateway table without a gateway unit`);
      entries += p.entries;
      const units = (list: readonly { row: number; col: number }[], kind: "sram" | "tcam", what: string): void => {
        const spec = kind === "sram" ? ps.sram : ps.tcam;
        for (const m of list) {
          const k = m.row * spec.columns + m.col;
          if (m.col >= spec.columns || k >= spec.blocks) failWith(`${at}: ${what} ${kind} block (${m.row},${m.col}) does not exist`);
          const id = `${m.row},${m.col}`;
          if ((kind === "sram" ? u.sram : u.tcam).has(id)) failWith(`${at}: ${kind} block (${m.row},${m.col}) is used twice in stage ${p.stage}`);
          (kind === "sram" ? u.sram : u.tcam).add(id);
        }
      };
      if (mm.type !== "none") {
        const spec = mm.type === "sram" ? ps.sram : ps.tcam;
        const usable = mm.type === "sram" ? (spec.usable_match_width_bits ?? spec.width_bits) : spec.width_bits;
        const word = keyBits + (mm.type === "sram" ? (t.actions.length > 1 ? Math.ceil(Math.log2(t.actions.length)) : 0) : 0);
        const pk = mm.pack;
        if (pk.table_word_width !== word) failWith(`${at}: pack table_word_width ${pk.table_word_width}, but an entry is ${word} bits`);
        if (pk.memory_word_width !== usable) failWith(`${at}: pack memory_word_width ${pk.memory_word_width}, but ${mm.type} words have ${usable} usable bits`);
        if (pk.entries_per_table_word < 1 || pk.units_per_table_word < 1) failWith(`${at}: pack needs at least one entry and one unit per word`);
        else {
          if (pk.entries_per_table_word * word > pk.units_per_table_word * usable) failWith(`${at}: ${pk.entries_per_table_word} entries of ${word} bits do not fit ${pk.units_per_table_word} × ${usable} bits`);
          if (pk.entries_per_table_word > 1 && !spec.packable) failWith(`${at}: ${mm.type} rows cannot hold several entries`);
          const need = ceilDiv(p.entries, spec.depth * pk.entries_per_table_word) * pk.units_per_table_word;
          if (mm.units.length < need) failWith(`${at}: ${p.entries} entries need ${need} ${mm.type} blocks, ${mm.units.length} given`);
          if (mm.units.length % pk.units_per_table_word !== 0) failWith(`${at}: ${mm.units.length} blocks is not a whole number of ${pk.units_per_table_word}-block words`);
        }
        units(mm.units, mm.type, "match");
      } else if (mm.units.length > 0 || p.entries > 0) failWith(`${at}: a ${t.kind} table holds no entries or memory`);
      if (adBits > 0) {
        const am = p.action_memory;
        if (!am) failWith(`${at}: action data (${adBits} bits) has no action memory in the stage of its match`);
        else {
          const perWord = am.entries_per_word;
          const unitsPerWord = adBits <= ps.sram.width_bits ? 1 : ceilDiv(adBits, ps.sram.width_bits);
          if (perWord < 1 || (perWord * adBits > ps.sram.width_bits * unitsPerWord)) failWith(`${at}: ${perWord} action entries of ${adBits} bits per word do not fit`);
          else if (am.units.length < ceilDiv(p.entries, ps.sram.depth * perWord) * unitsPerWord) failWith(`${at}: action data of ${p.entries} entries needs ${ceilDiv(p.entries, ps.sram.depth * perWord) * unitsPerWord} SRAM blocks, ${am.units.length} given`);
          units(am.units, "sram", "action");
        }
        if (p.action_data.bus_bytes.length * 8 < adBits) failWith(`${at}: ${adBits} bits of action data but ${p.action_data.bus_bytes.length} bus bytes`);
      }
      for (const b of p.action_data.bus_bytes) {
        if (u.bus.has(b)) failWith(`${at}: action bus byte ${b} is used twice`);
        if (ps.action_bus_bits !== undefined && b >= ps.action_bus_bits / 8) failWith(`${at}: action bus byte ${b} is beyond the bus`);
        u.bus.add(b);
      }
      for (const r of p.register_memory ?? []) {
        const other = regs.get(r.register);
        if (other && other !== t.name) failWith(`${at}: register ${r.register} is also in table ${other}`);
        regs.set(r.register, t.name);
        const decl = cfg.externs.registers.find((x) => x.name === r.register);
        if (decl && r.units.length < ceilDiv(decl.size * decl.width, ps.sram.depth * ps.sram.width_bits)) failWith(`${at}: register ${r.register} needs more SRAM blocks than ${r.units.length}`);
        units(r.units, "sram", "register");
      }
      // Crossbars: positions within the crossbar, unique, and carrying every byte the table matches or hashes.
      const xcheck = (bytes: readonly { byte: number; source: string }[], set: Set<number>, capBits: number, kind: string): void => {
        for (const b of bytes) {
          if (b.byte >= capBits / 8) failWith(`${at}: ${kind} crossbar byte ${b.byte} is beyond the ${capBits}-bit crossbar`);
          if (set.has(b.byte)) failWith(`${at}: ${kind} crossbar byte ${b.byte} is used twice`);
          set.add(b.byte);
        }
      };
      xcheck(p.xbar.exact, u.exact, ps.xbar.exact_bits, "exact");
      xcheck(p.xbar.ternary, u.ternary, ps.xbar.ternary_bits, "ternary");
      const keyBytes = bytesOf(t.key.map((k) => k.value));
      const carried = new Set([...p.xbar.exact, ...p.xbar.ternary].map((b) => b.source));
      const needed = [...keyBytes, ...(t.condition ? bytesOf([t.condition]) : [])];
      for (const b of needed) if (!carried.has(b)) failWith(`${at}: container byte ${b} it matches on is not on its crossbar`);
      const onKind = new Set((mm.type === "tcam" ? p.xbar.ternary : p.xbar.exact).map((b) => b.source));
      for (const b of keyBytes) if (carried.has(b) && !onKind.has(b)) failWith(`${at}: key byte ${b} is on the wrong crossbar for ${mm.type} memory`);
    }
    if (expected !== "none" && entries < t.size) failWith(`${where}: its slices hold ${entries} entries, less than its size ${t.size}`);
    for (const r of new Set(t.actions.flatMap((a) => a.externs.flatMap((x) => (x.op === "reg_write" ? [x.reg] : []))))) {
      if (!t.placement.some((p) => (p.register_memory ?? []).some((m) => m.register === r))) failWith(`${where} writes register ${r} without owning its memory`);
    }
  }
}
