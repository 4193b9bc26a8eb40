// Random control-plane state for differential tests: table entries generated
// from each table's key kinds and actions, default actions, multicast groups,
// register values and meter rates, all from a seeded Rng, so a failure can be
// replayed from its seed. Values lean towards ones that packets carry (small
// numbers, short prefixes, sparse masks, wide ranges) so lookups hit as well
// as miss.

import * as ir from "../../compiler/ir.js";
import { findAction, prefixMask } from "../../runtime/controlplane.js";
import type { Rng } from "../../runtime/craft.js";
import type { EntrySpec } from "../../runtime/dataplane.js";

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
