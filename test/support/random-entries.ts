// Random control-plane state for differential and property tests: table
// entries generated from each table's key kinds and actions, default actions,
// multicast groups, register values and meter rates, all from a seeded Rng, so
// a failure can be replayed from its seed. Values lean towards ones that
// packets carry (small numbers, short prefixes, sparse masks, wide ranges) so
// lookups hit as well as miss; harvestKeys finds the key values that packets
// really look up, and entryAround turns one into an entry that matches it.
//
// randomControlPlane returns named operations, so that the same history can
// be applied to several dataplanes (compare.ts) and printed when they differ.

import * as ir from "../../compiler/ir.js";
import { findAction, prefixMask } from "../../runtime/controlplane.js";
import type { Rng } from "../../runtime/craft.js";
import type { Dataplane, EntrySpec, PacketIn } from "../../runtime/dataplane.js";
import { createInterpreter } from "../../targets/interp/index.js";

const COMMON = [0n, 1n, 2n, 3n, 4n, 6n, 17n, 0x800n, 0x86ddn, 0x8100n, 53n, 80n, 443n, 4789n];

export function randomBits(rng: Rng, width: number): bigint {
  let v = 0n;
  for (let i = 0; i < width; i += 32) v = (v << 32n) | BigInt(rng.u32());
  return v & ir.mask(width);
}

function value(rng: Rng, width: number): bigint {
  if (rng.chance(0.4)) return rng.pick(COMMON) & ir.mask(width);
  return randomBits(rng, width);
}

export function randomKeyMatch(rng: Rng, key: ir.TableKey): ir.KeyMatch {
  const w = key.width;
  switch (key.matchKind) {
    case "exact":
      return { kind: "exact", value: value(rng, w) };
    case "lpm": {
      const prefixLength = rng.chance(0.5) ? rng.int(0, Math.min(w, 8)) : rng.int(0, w);
      return { kind: "lpm", value: randomBits(rng, w) & prefixMask(prefixLength, w), prefixLength };
    }
    case "ternary": {
      let mask = 0n;
      const bits = rng.int(0, Math.min(w, 6));
      for (let i = 0; i < bits; i++) mask |= 1n << BigInt(rng.int(0, w - 1));
      if (rng.chance(0.2)) mask = ir.mask(w);
      return { kind: "ternary", value: value(rng, w) & mask, mask };
    }
    case "range": {
      if (rng.chance(0.2)) return { kind: "range", lo: 0n, hi: ir.mask(w) };
      const a = value(rng, w);
      const b = rng.chance(0.5) ? a : randomBits(rng, w);
      return a <= b ? { kind: "range", lo: a, hi: b } : { kind: "range", lo: b, hi: a };
    }
    case "optional":
      return rng.chance(0.5) ? { kind: "optional" } : { kind: "optional", value: value(rng, w) };
  }
}

function randomArgs(rng: Rng, program: ir.Program, name: string): Record<string, bigint> {
  const action = findAction(program, name)!;
  return Object.fromEntries(action.params.map((p) => [p.name, value(rng, ir.widthOf(p.type)) & ir.mask(ir.widthOf(p.type))]));
}

export function randomEntry(rng: Rng, program: ir.Program, table: ir.Table): EntrySpec {
  const action = rng.pick(table.actions);
  return {
    key: Object.fromEntries(table.keys.map((k) => [k.name, randomKeyMatch(rng, k)])),
    action,
    args: randomArgs(rng, program, action),
    ...(ir.matchPolicy(table) === "priority" ? { priority: rng.int(0, 8) } : {}),
  };
}

export function randomDefault(rng: Rng, program: ir.Program, table: ir.Table): { action: string; args: Record<string, bigint> } {
  const action = rng.pick(table.actions);
  return { action, args: randomArgs(rng, program, action) };
}

/** An entry matching the looked-up key tuple `values` (a prefix, mask or range around each value). */
export function entryAround(rng: Rng, program: ir.Program, table: ir.Table, values: readonly bigint[]): EntrySpec {
  const action = rng.pick(table.actions);
  const key = Object.fromEntries(
    table.keys.map((k, i): [string, ir.KeyMatch] => {
      const v = values[i]!;
      const w = k.width;
      switch (k.matchKind) {
        case "exact":
          return [k.name, { kind: "exact", value: v }];
        case "lpm": {
          const prefixLength = rng.int(0, w);
          return [k.name, { kind: "lpm", value: v & prefixMask(prefixLength, w), prefixLength }];
        }
        case "ternary": {
          const mask = randomBits(rng, w) & randomBits(rng, w) | (rng.chance(0.3) ? ir.mask(w) : 0n);
          return [k.name, { kind: "ternary", value: v & mask, mask }];
        }
        case "range": {
          const lo = v - BigInt(rng.int(0, 3));
          const hi = v + BigInt(rng.int(0, 3));
          return [k.name, { kind: "range", lo: lo < 0n ? 0n : lo, hi: hi > ir.mask(w) ? ir.mask(w) : hi }];
        }
        case "optional":
          return [k.name, rng.chance(0.3) ? { kind: "optional" } : { kind: "optional", value: v }];
      }
    }),
  );
  return { key, action, args: randomArgs(rng, program, action), ...(ir.matchPolicy(table) === "priority" ? { priority: rng.int(0, 8) } : {}) };
}

/** A control-plane operation with a printable description (the bigint values written as `5n`). */
export interface Op {
  readonly what: string;
  readonly run: (dp: Dataplane) => void;
}

/** JSON with bigints as `5n` and bytes as hex: how operations and results are printed. */
export const show = (x: unknown): string =>
  JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? Array.from(v, (b) => b.toString(16).padStart(2, "0")).join("") : v));

/**
 * Default actions, multicast groups, register values and meter rates, and
 * `entries` random entries per table (0 leaves the tables to the caller), for
 * the tables in `tables` (all of the program's by default).
 */
export function randomControlPlane(rng: Rng, program: ir.Program, options: { entries?: number; tables?: ReadonlySet<string> } = {}): Op[] {
  const ops: Op[] = [];
  const tables = program.tables.filter((t) => !options.tables || options.tables.has(t.name));
  for (const table of tables) {
    for (let i = 0; i < (options.entries ?? 0); i++) {
      const spec = randomEntry(rng, program, table);
      ops.push({ what: `add ${table.name} ${show(spec)}`, run: (dp) => dp.tables[table.name]!.add(spec) });
    }
    if (!table.defaultIsConst && rng.chance(0.4)) {
      const d = randomDefault(rng, program, table);
      ops.push({ what: `setDefault ${table.name} ${show(d)}`, run: (dp) => dp.tables[table.name]!.setDefault(d.action, d.args) });
    }
  }
  for (let g = 0; g < 8; g++) {
    const ports = [0, 1, 2, 3, 4, 5, 6, 7].filter(() => rng.chance(0.4));
    ops.push({ what: `mcast ${g} ${ports}`, run: (dp) => dp.setMulticastGroup(g, ports) });
  }
  for (const r of program.registers) {
    for (let i = 0; i < 4; i++) {
      const index = rng.int(0, r.size - 1);
      const v = randomBits(rng, r.width);
      ops.push({ what: `register ${r.name}[${index}] = ${v}`, run: (dp) => dp.registers[r.name]!.write(index, v) });
    }
  }
  for (const m of program.meters) {
    for (let i = 0; i < Math.min(m.size, 8); i++) {
      const cir = rng.int(0, 200_000);
      const config = { cir, pir: cir + rng.int(0, 200_000), cburst: rng.int(1, 3000), pburst: rng.int(1, 6000) };
      ops.push({ what: `meter ${m.name}[${i}] ${show(config)}`, run: (dp) => dp.meters[m.name]!.configure(i, config) });
    }
  }
  return ops;
}

/** Entries for each table (up to its free room in `dp`): random ones, and ones around key tuples that packets looked up (harvestKeys). */
export function randomEntries(rng: Rng, program: ir.Program, dp: Dataplane, seen: ReadonlyMap<string, bigint[][]>, tables?: ReadonlySet<string>): Op[] {
  const ops: Op[] = [];
  for (const table of program.tables.filter((t) => !tables || tables.has(t.name))) {
    const room = table.size - dp.tables[table.name]!.entries().length;
    const tuples = seen.get(table.name) ?? [];
    const n = Math.min(room, rng.int(0, 20) + (tuples.length > 0 ? 20 : 0));
    for (let i = 0; i < n; i++) {
      const spec = tuples.length > 0 && rng.chance(0.7) ? entryAround(rng, program, table, rng.pick(tuples)) : randomEntry(rng, program, table);
      ops.push({ what: `add ${table.name} ${show(spec)}`, run: (d) => d.tables[table.name]!.add(spec) });
    }
  }
  return ops;
}

/** Modifies or removes some of the entries installed in `dp` (0.2 each), as operations for every dataplane. */
export function churnEntries(rng: Rng, program: ir.Program, dp: Dataplane, tables?: ReadonlySet<string>): Op[] {
  const ops: Op[] = [];
  for (const table of program.tables.filter((t) => !tables || tables.has(t.name))) {
    for (const e of dp.tables[table.name]!.entries().filter((x) => !x.isConst)) {
      const key = Object.fromEntries(table.keys.map((k, i) => [k.name, e.keys[i]!]));
      const priority = ir.matchPolicy(table) === "priority" ? e.priority : undefined;
      if (rng.chance(0.2)) ops.push({ what: `remove ${table.name} ${show(key)}`, run: (d) => d.tables[table.name]!.remove(key, priority) });
      else if (rng.chance(0.2)) {
        const d = randomDefault(rng, program, table);
        const spec = { key, action: d.action, args: d.args, ...(priority !== undefined ? { priority } : {}) };
        ops.push({ what: `modify ${table.name} ${show(spec)}`, run: (x) => x.tables[table.name]!.modify(spec) });
      }
    }
  }
  return ops;
}

// ---------------------------------------------------------------- harvest: key values that packets look up
//
// A copy of the program that sends a digest with a table's key values just
// before every apply of that table is run on the interpreter, and the digests
// collected, so that entries can be made around them and lookups hit on every
// path, not only by chance.

const digestName = (table: string): string => `$keys_${table}`;

function withKeyDigests(program: ir.Program): ir.Program {
  const tables = new Map(program.tables.map((t) => [t.name, t]));
  const rewrite = (stmts: readonly ir.Stmt[]): ir.Stmt[] =>
    stmts.flatMap((s): ir.Stmt[] => {
      if (s.kind === "If") return [{ ...s, then: rewrite(s.then), else: rewrite(s.else) }];
      if (s.kind !== "ApplyTable") return [s];
      const t = tables.get(s.table)!;
      return [{ kind: "DigestSend", digest: digestName(t.name), values: t.keys.map((k) => k.expr), span: s.span }, s];
    });
  const digests = program.tables.map((t) => ({ name: digestName(t.name), fields: t.keys.map((k, i) => ({ name: `k${i}`, width: k.width })), span: t.span }));
  return { ...program, digests: [...program.digests, ...digests], ingress: rewrite(program.ingress) };
}

/** Table name → key tuples looked up by `packets`, after `setup` prepared the interpreter's tables. */
export function harvestKeys(program: ir.Program, packets: readonly PacketIn[], setup: (dp: ReturnType<typeof createInterpreter>) => void): Map<string, bigint[][]> {
  const dp = createInterpreter(withKeyDigests(program));
  setup(dp);
  const out = new Map<string, bigint[][]>();
  for (const r of dp.process(packets)) {
    for (const d of r.digests) {
      if (!d.digest.startsWith("$keys_")) continue;
      const table = d.digest.slice("$keys_".length);
      if (!out.has(table)) out.set(table, []);
      out.get(table)!.push(Object.values(d.fields));
    }
  }
  return out;
}
