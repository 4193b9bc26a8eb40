// Lookup functions of the table structures, one per table: (key words) → the
// address of the winning entry record, or 0 on a miss. The structures are
// filled by TypeScript (table-*.ts); their addresses are read from the table's
// descriptor on every lookup, so TypeScript may move or grow them between
// batches without touching the code.
//
//   exact     open addressing, linear probing, tombstones (table-hash.ts)
//   lpm       multibit trie with leaf pushing: one load per stride (table-lpm.ts)
//   priority  tuple-space search: a hash per distinct mask, groups in
//             descending order of their best priority, early exit (table-tss.ts)
//
// Every loop is bounded by the structure's capacity, so a corrupted structure
// could give a wrong answer but never a hang.

import binaryen from "binaryen";
import * as abi from "./abi.js";
import { hashName } from "./gen-helpers.js";
import type { TableLayout } from "./layout.js";
import { mask } from "../../compiler/ir.js";
import { Fn, type Val, type X } from "./gen-values.js";

const { i32, i64 } = binaryen;

export const lookupName = (t: TableLayout): string => `lookup_${t.table.name}`;

export function addLookup(m: binaryen.Module, t: TableLayout): void {
  const K = t.packing.words;
  const f = new Fn(m, new Array<binaryen.Type>(K).fill(i64));
  const body = t.policy === "exact" ? exactBody(f, t) : t.policy === "lpm" ? lpmBody(f, t) : priorityBody(f, t);
  m.addFunction(lookupName(t), binaryen.createType(new Array<binaryen.Type>(K).fill(i64)), i32, f.vars, body);
}

const key = (f: Fn, j: number): X => f.m.local.get(j, i64);
const load32 = (f: Fn, offset: number, ptr: X): X => f.m.i32.load(offset, 4, ptr);
const g32 = (f: Fn, l: number): X => f.m.local.get(l, i32);
const recordAt = (f: Fn, records: number, slotPlusOne: X, t: TableLayout): X =>
  f.m.i32.add(g32(f, records), f.m.i32.mul(f.m.i32.sub(slotPlusOne, f.i32(1)), f.i32(t.recordSize)));

/**
 * Probes a bucket array for `words` (thunks), leaving the tag in `tag` and
 * breaking to `found` on a match or to `missing` at an empty bucket.
 */
function probe(f: Fn, t: TableLayout, buckets: X, bucketMask: X, words: readonly (() => X)[], tag: number, found: string, missing: string): X {
  const m = f.m;
  const K = t.packing.words;
  const [base, msk, i, b, n] = [f.local(i32), f.local(i32), f.local(i32), f.local(i32), f.local(i32)];
  const size = abi.bucketSize(K);
  const equal = words.map((w, j) => m.i64.eq(m.i64.load(8 * j, 8, g32(f, b)), w())).reduce((a, c) => m.i32.and(a, c));
  return m.block(null, [
    m.local.set(base, buckets),
    m.local.set(msk, bucketMask),
    m.local.set(i, m.i32.and(m.call(hashName(K), words.map((w) => w()), i32), g32(f, msk))),
    m.local.set(n, f.i32(0)),
    m.loop(
      "probe",
      m.block(null, [
        m.local.set(b, m.i32.add(g32(f, base), m.i32.mul(g32(f, i), f.i32(size)))),
        m.local.set(tag, load32(f, 8 * K, g32(f, b))),
        m.br(missing, m.i32.eqz(g32(f, tag))),
        m.br(found, m.i32.and(m.i32.ne(g32(f, tag), f.i32(abi.TOMBSTONE | 0)), equal)),
        m.local.set(i, m.i32.and(m.i32.add(g32(f, i), f.i32(1)), g32(f, msk))),
        m.local.set(n, m.i32.add(g32(f, n), f.i32(1))),
        m.br("probe", m.i32.le_u(g32(f, n), g32(f, msk))),
      ]),
    ),
    m.br(missing),
  ]);
}

function exactBody(f: Fn, t: TableLayout): X {
  const m = f.m;
  const [records, tag] = [f.local(i32), f.local(i32)];
  const words = Array.from({ length: t.packing.words }, (_, j) => () => key(f, j));
  return m.block(
    null,
    [
      m.local.set(records, load32(f, t.desc + abi.T_RECORDS, f.i32(0))),
      m.block("miss", [
        m.block("hit", [probe(f, t, load32(f, t.desc + abi.T_STRUCT, f.i32(0)), load32(f, t.desc + abi.T_MASK, f.i32(0)), words, tag, "hit", "miss")]),
        m.return(recordAt(f, records, g32(f, tag), t)),
      ]),
      f.i32(0),
    ],
    i32,
  );
}

function lpmBody(f: Fn, t: TableLayout): X {
  const m = f.m;
  const K = t.packing.words;
  const S = t.stride;
  const [pool, records, node, s] = [f.local(i32), f.local(i32), f.local(i32), f.local(i32)];
  const body: X[] = [
    m.local.set(pool, load32(f, t.desc + abi.T_STRUCT, f.i32(0))),
    m.local.set(records, load32(f, t.desc + abi.T_RECORDS, f.i32(0))),
    m.local.set(node, g32(f, pool)),
  ];
  for (let l = 0; l < t.levels; l++) {
    const pos = 64 * K - S * (l + 1);
    const index = m.i32.wrap(m.i64.and(m.i64.shr_u(key(f, pos >> 6), f.i64(pos & 63)), f.i64(mask(S))));
    body.push(
      m.local.set(s, load32(f, 0, m.i32.add(g32(f, node), m.i32.shl(index, f.i32(2))))),
      m.if(m.i32.and(g32(f, s), f.i32(1)), m.return(m.i32.add(g32(f, records), m.i32.mul(m.i32.shr_u(g32(f, s), f.i32(1)), f.i32(t.recordSize))))),
      m.if(m.i32.eqz(g32(f, s)), m.return(f.i32(0))),
      m.local.set(node, m.i32.add(g32(f, pool), m.i32.mul(m.i32.shr_u(g32(f, s), f.i32(1)), f.i32(4 << S)))),
    );
  }
  body.push(f.i32(0));
  return m.block(null, body, i32);
}

/** Unsigned lo ≤ v ≤ hi for a 1- or 2-word value against 16-byte bounds at rec+at. */
function inRange(f: Fn, v: Val, rec: () => X, at: number): X {
  const m = f.m;
  const lo = [m.i64.load(at, 8, rec()), m.i64.load(at + 8, 8, rec())];
  const hiAt = at + 16;
  if (v.words.length === 1) {
    return m.i32.and(m.i64.ge_u(v.words[0]!(), m.i64.load(at, 8, rec())), m.i64.le_u(v.words[0]!(), m.i64.load(hiAt, 8, rec())));
  }
  const [v0, v1] = [v.words[0]!, v.words[1]!];
  const geLo = m.i32.or(m.i64.gt_u(v1(), lo[1]!), m.i32.and(m.i64.eq(v1(), m.i64.load(at + 8, 8, rec())), m.i64.ge_u(v0(), lo[0]!)));
  const leHi = m.i32.or(
    m.i64.lt_u(v1(), m.i64.load(hiAt + 8, 8, rec())),
    m.i32.and(m.i64.eq(v1(), m.i64.load(hiAt + 8, 8, rec())), m.i64.le_u(v0(), m.i64.load(hiAt, 8, rec()))),
  );
  return m.i32.and(geLo, leHi);
}

function priorityBody(f: Fn, t: TableLayout): X {
  const m = f.m;
  const K = t.packing.words;
  const GS = abi.groupSize(K);
  const [records, groups, count, g, gp, tag, e, rec, best, bestId, id, n] = Array.from({ length: 12 }, () => f.local(i32));
  const [bestPrio, prio] = [f.local(i64), f.local(i64)];
  const masked = Array.from({ length: K }, () => f.local(i64));
  const g64 = (l: number): X => m.local.get(l, i64);
  const keyVal: Val = { width: 64 * K, words: Array.from({ length: K }, (_, j) => () => key(f, j)) };
  const ranges = t.rangeKeys.map((k, r) => {
    const el = t.packing.elements.find((x) => x.key === k)!;
    const v = f.shiftConst(keyVal, -el.shift, el.width);
    return { v, at: abi.R_RANGES + abi.RANGE_BYTES * r };
  });
  const rangeSetup = f.flush();
  const rangesOk = ranges.map((r) => inRange(f, r.v, () => g32(f, rec), r.at)).reduce((a, c) => m.i32.and(a, c), f.i32(1));
  const better = m.i32.or(m.i64.gt_s(g64(prio), g64(bestPrio)), m.i32.and(m.i64.eq(g64(prio), g64(bestPrio)), m.i32.lt_u(g32(f, id), g32(f, bestId))));
  const chain = m.block(null, [
    m.local.set(e, g32(f, tag)),
    m.local.set(n, f.i32(0)),
    m.loop(
      "chain",
      m.block(null, [
        m.local.set(rec, recordAt(f, records, g32(f, e), t)),
        m.if(
          rangesOk,
          m.block(null, [
            m.local.set(prio, m.i64.extend_u(load32(f, abi.R_PRIORITY, g32(f, rec)))),
            m.local.set(id, load32(f, abi.R_ID, g32(f, rec))),
            m.if(better, m.block(null, [m.local.set(best, g32(f, rec)), m.local.set(bestPrio, g64(prio)), m.local.set(bestId, g32(f, id))])),
            m.br("next_group"),
          ]),
        ),
        m.local.set(e, load32(f, abi.R_NEXT, g32(f, rec))),
        m.local.set(n, m.i32.add(g32(f, n), f.i32(1))),
        m.br("chain", m.i32.and(m.i32.ne(g32(f, e), f.i32(0)), m.i32.le_u(g32(f, n), f.i32(t.table.size)))),
      ]),
    ),
  ]);
  const groupBody = m.block(null, [
    m.br("done", m.i32.ge_u(g32(f, g), g32(f, count))),
    m.local.set(gp, m.i32.add(g32(f, groups), m.i32.mul(g32(f, g), f.i32(GS)))),
    m.br("done", m.i64.lt_s(m.i64.extend_u(load32(f, 8 * K + abi.G_PRIORITY, g32(f, gp))), g64(bestPrio))),
    ...masked.map((l, j) => m.local.set(l, m.i64.and(key(f, j), m.i64.load(8 * j, 8, g32(f, gp))))),
    m.block("next_group", [
      m.block("found", [
        probe(
          f,
          t,
          load32(f, 8 * K + abi.G_BUCKETS, g32(f, gp)),
          load32(f, 8 * K + abi.G_MASK, g32(f, gp)),
          masked.map((l) => () => g64(l)),
          tag,
          "found",
          "next_group",
        ),
      ]),
      chain,
    ]),
    m.local.set(g, m.i32.add(g32(f, g), f.i32(1))),
    m.br("group"),
  ]);
  return m.block(
    null,
    [
      ...rangeSetup,
      m.local.set(records, load32(f, t.desc + abi.T_RECORDS, f.i32(0))),
      m.local.set(groups, load32(f, t.desc + abi.T_STRUCT, f.i32(0))),
      m.local.set(count, load32(f, t.desc + abi.T_MASK, f.i32(0))),
      m.local.set(bestPrio, f.i64(-1n)),
      m.block("done", [m.loop("group", groupBody)]),
      g32(f, best),
    ],
    i32,
  );
}
