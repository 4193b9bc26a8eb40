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

import type { CExpr, CSlice, Dependency, DepKind, FieldRef, PhvSlice, Predicate, TableDef } from "./config.js";
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

export function mutuallyExclusive(a: TableDef, b: TableDef): boolean {
  return conjuncts(a.predicate).some((x) => conjuncts(b.predicate).some((y) => contradicts(x, y)));
}

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
  const ordered = [...tables].sort((x, y) => x.order - y.order);
  const access = new Map(ordered.map((t) => [t.name, accessOf(t)]));
  const deps: Dependency[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const a = ordered[i]!;
    const A = access.get(a.name)!;
    for (let j = i + 1; j < ordered.length; j++) {
      const b = ordered[j]!;
      const B = access.get(b.name)!;
      const add = (kind: DepKind, because: FieldRef[]): void => {
        deps.push({ from: a.name, to: b.name, kind, min_stage_gap: kind === "successor" || kind === "reverse_match" ? 0 : 1, because: because.length > 0 ? because : [{ field: a.name, lo: 0, hi: 0 }] });
      };
      if (B.predicateRefs.has(a.name)) add("successor", []);
      if (mutuallyExclusive(a, b)) continue;
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
