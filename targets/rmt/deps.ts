// The table dependency graph of Jose et al. (NSDI 2015), computed from table
// definitions alone (keys, gateway conditions, VLIW instructions, extern
// operations, predicates), so the placer and the validator derive it the same
// way from what the configuration says rather than trusting a stored list.
//
// For tables A before B in program order that can both run for one packet:
//   match          A writes bits B matches on (key or gateway)      B after A's last stage
//   action         A writes bits B's action reads or also writes    B after A's last stage
//   successor      B's predicate uses A's result                    B not before A's last stage
//   reverse_match  A reads bits (match or action) that B writes     B not before A's last stage
//   exclusive_write A and B write different bits of one container   B after A (one ALU per container)
// Two tables are mutually exclusive when their predicates have contradicting
// conjuncts (the two sides of one gateway, two different actions of one
// table); they have no data dependency. Two tables sending digests keep their
// order (action dependency), so digests leave in program order.
//
// A table applied at several sites (on different paths) is one logical table
// in one stage: its dependencies are the union over its sites, each site
// ordered against the other tables' sites by its own place in program order.
// So A may have to come after B on one path and before it on another: a
// cycle, which no placement satisfies (dependencyCycle names it).

import type { CExpr, CSlice, Dependency, DepKind, FieldRef, PhvSlice, Predicate, TableDef, TableSite } from "./config.js";
import { cexprSlices } from "./cexpr.js";

export interface Access {
  readonly matchReads: readonly CSlice[];
  readonly actionReads: readonly CSlice[];
  readonly writes: readonly CSlice[];
  readonly predicateRefs: ReadonlySet<string>;
  readonly digests: boolean;
}

function predicateRefs(p: Predicate, out: Set<string>): Set<string> {
  if ("gw" in p) out.add(p.gw);
  else if ("hit" in p) out.add(p.hit);
  else if ("act" in p) out.add(p.act);
  else if ("not" in p) predicateRefs(p.not, out);
  else if ("and" in p) p.and.forEach((x) => predicateRefs(x, out));
  else if ("or" in p) p.or.forEach((x) => predicateRefs(x, out));
  return out;
}

export function accessOf(t: TableDef): Access {
  const matchReads: CSlice[] = [];
  for (const k of t.key) cexprSlices(k.value, matchReads);
  if (t.condition) cexprSlices(t.condition, matchReads);
  const actionReads: CSlice[] = [];
  const writes: CSlice[] = [];
  let digests = false;
  const reads = (e: CExpr): void => void cexprSlices(e, actionReads);
  for (const a of t.actions) {
    for (const i of a.instructions) {
      writes.push(i.dst);
      reads(i.src);
    }
    for (const x of a.externs) {
      if (x.op === "digest") {
        digests = true;
        x.values.forEach(reads);
      } else {
        reads(x.idx);
        if (x.op === "reg_write") reads(x.value);
      }
    }
  }
  return { matchReads, actionReads, writes, predicateRefs: predicateRefs(t.predicate, new Set()), digests };
}

/** The overlapping bits of two slice lists. */
function overlap(a: readonly CSlice[], b: readonly CSlice[]): CSlice[] {
  const out: CSlice[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x[0] !== y[0]) continue;
      const lo = Math.max(x[1], y[1]);
      const hi = Math.min(x[1] + x[2], y[1] + y[2]);
      if (lo < hi) out.push([x[0], lo, hi - lo]);
    }
  }
  return out;
}

/** Containers both write, on bits that do not overlap. */
function sharedContainers(a: readonly CSlice[], b: readonly CSlice[]): CSlice[] {
  const out: CSlice[] = [];
  for (const x of a) for (const y of b) if (x[0] === y[0] && overlap([x], [y]).length === 0) out.push(y);
  return out;
}

const conjuncts = (p: Predicate): readonly Predicate[] => ("and" in p ? p.and : [p]);
const same = (a: Predicate, b: Predicate): boolean => JSON.stringify(a) === JSON.stringify(b);

function contradicts(x: Predicate, y: Predicate): boolean {
  if ("not" in x && same(x.not, y)) return true;
  if ("not" in y && same(y.not, x)) return true;
  return "act" in x && "act" in y && x.act === y.act && x.index !== y.index;
}

const exclusive = (a: Predicate, b: Predicate): boolean => conjuncts(a).some((x) => conjuncts(b).some((y) => contradicts(x, y)));

/** Where a table runs: its sites, or its one place in program order under its predicate. */
export const sitesOf = (t: TableDef): readonly Pick<TableSite, "order" | "predicate">[] => t.sites ?? [{ order: t.order, predicate: t.predicate }];

/** Field slices of the PHV that hold these container bits, for "because". */
function fieldsOf(bits: readonly CSlice[], phv: readonly PhvSlice[]): FieldRef[] {
  const out = new Map<string, FieldRef>();
  for (const s of phv) {
    for (const [c, lo, w] of bits) {
      if (s.container !== c) continue;
      const width = s.field_hi - s.field_lo + 1;
      const a = Math.max(lo, s.container_lo);
      const b = Math.min(lo + w, s.container_lo + width);
      if (a < b) out.set(s.field, { field: s.field, lo: s.field_lo + a - s.container_lo, hi: s.field_lo + b - s.container_lo - 1 });
    }
  }
  return [...out.values()];
}

export function dependencies(tables: readonly TableDef[], phv: readonly PhvSlice[]): Dependency[] {
  const access = new Map(tables.map((t) => [t.name, accessOf(t)]));
  const sites = tables.flatMap((t) => sitesOf(t).map((s) => ({ t, ...s }))).sort((x, y) => x.order - y.order);
  const deps: Dependency[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < sites.length; i++) {
    const { t: a, predicate: pa } = sites[i]!;
    const A = access.get(a.name)!;
    for (let j = i + 1; j < sites.length; j++) {
      const { t: b, predicate: pb } = sites[j]!;
      if (a === b) continue;
      const B = access.get(b.name)!;
      const add = (kind: DepKind, because: FieldRef[]): void => {
        const key = `${a.name}\0${b.name}\0${kind}`;
        if (seen.has(key)) return;
        seen.add(key);
        deps.push({ from: a.name, to: b.name, kind, min_stage_gap: kind === "successor" || kind === "reverse_match" ? 0 : 1, because: because.length > 0 ? because : [{ field: a.name, lo: 0, hi: 0 }] });
      };
      if (predicateRefs(pb, new Set()).has(a.name)) add("successor", []);
      if (exclusive(pa, pb)) continue;
      const m = overlap(A.writes, B.matchReads);
      if (m.length > 0) add("match", fieldsOf(m, phv));
      const act = [...overlap(A.writes, B.actionReads), ...overlap(A.writes, B.writes)];
      if (act.length > 0) add("action", fieldsOf(act, phv));
      else if (A.digests && B.digests) add("action", [{ field: "$digest", lo: 0, hi: 0 }]);
      const rev = overlap([...A.matchReads, ...A.actionReads], B.writes);
      if (rev.length > 0 && m.length === 0 && act.length === 0) add("reverse_match", fieldsOf(rev, phv));
      const shared = sharedContainers(A.writes, B.writes);
      if (shared.length > 0 && act.length === 0) add("exclusive_write", fieldsOf(shared, phv));
    }
  }
  return deps;
}

/** Kahn's algorithm, program order among the independent tables: the ordered tables, and those left on or behind a cycle. */
function kahn(tables: readonly TableDef[], deps: readonly Dependency[]): { out: TableDef[]; left: TableDef[] } {
  const waiting = new Map(tables.map((t) => [t.name, 0]));
  for (const d of deps) if (waiting.has(d.from) && waiting.has(d.to)) waiting.set(d.to, waiting.get(d.to)! + 1);
  const left = [...tables].sort((a, b) => a.order - b.order);
  const out: TableDef[] = [];
  for (;;) {
    const k = left.findIndex((t) => waiting.get(t.name) === 0);
    if (k < 0) return { out, left };
    const t = left.splice(k, 1)[0]!;
    out.push(t);
    for (const d of deps) if (d.from === t.name && waiting.has(d.to)) waiting.set(d.to, waiting.get(d.to)! - 1);
  }
}

/**
 * The tables in an order every dependency goes forward in, program order
 * among the independent ones; tables on or behind a dependency cycle come
 * last, in program order (dependencyCycle reports the cycle).
 */
export function dependencyOrder(tables: readonly TableDef[], deps: readonly Dependency[]): TableDef[] {
  const { out, left } = kahn(tables, deps);
  return [...out, ...left];
}

/** A cycle of dependencies (each one's `to` is the next one's `from`), or undefined when there is none. */
export function dependencyCycle(tables: readonly TableDef[], deps: readonly Dependency[]): Dependency[] | undefined {
  const stuck = new Set(kahn(tables, deps).left.map((t) => t.name));
  if (stuck.size === 0) return undefined;
  // Every table left has a predecessor left: walking back through them, a table repeats; from there it is a cycle.
  const path: Dependency[] = [];
  const at = new Map<string, number>();
  let here = [...stuck][0]!;
  while (!at.has(here)) {
    at.set(here, path.length);
    const d = deps.find((x) => x.to === here && stuck.has(x.from))!;
    path.push(d);
    here = d.from;
  }
  return path.slice(at.get(here)!).reverse();
}

/** A dependency cycle as the reason no placement exists: a logical table is in one stage, so it cannot come both before and after another. */
export function cycleReason(cycle: readonly Dependency[], tables: readonly TableDef[]): string {
  const chain = [cycle[0]!.from, ...cycle.map((d) => `-(${d.kind}${d.because[0] && d.because[0].field !== d.from ? ` on ${d.because.map((b) => b.field).join(", ")}` : ""})-> ${d.to}`)].join(" ");
  const multi = cycle.map((d) => tables.find((t) => t.name === d.from)).find((t) => (t?.sites?.length ?? 0) > 1);
  const where = multi?.sites ? `table ${multi.name} is applied at ${multi.sites.map((x) => x.source).join(" and ")}, and a logical table sits in one stage, so it cannot come both before and after ${cycle.map((d) => d.to).filter((n) => n !== multi.name).join(", ")}` : "no stage order satisfies it";
  return `the dependencies form a cycle ${chain}: ${where}`;
}
