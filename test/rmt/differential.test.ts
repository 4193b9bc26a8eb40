// Differential test: every example that places runs on the RMT simulator
// (driven by its configuration only) and on the reference interpreter, under
// the same random table contents, registers, meters and multicast groups,
// with random traffic (valid, truncated, random bytes). Outputs, digests,
// parser errors, counters, table counters and registers must be identical.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as ir from "../../compiler/ir.js";
import { compile } from "../../compiler/compile.js";
import { makeRng, mixedPacket, toHex, type Rng } from "../../runtime/craft.js";
import { ControlPlaneError, type Dataplane, type KeyInput, type PacketResult } from "../../runtime/dataplane.js";
import { createInterpreter } from "../../targets/interp/index.js";
import { compileRmt, createRmtDataplane } from "../../targets/rmt/index.js";

const EXAMPLES = readdirSync("examples", { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join("examples", d.name, `${d.name}.pnet`)))
  .map((d) => join("examples", d.name, `${d.name}.pnet`));
const SEEDS = [1, 2, 3];
const PACKETS = 600;

function randomValue(rng: Rng, width: number): bigint {
  let v = 0n;
  for (let w = 0; w < width; w += 32) v = (v << 32n) | BigInt(rng.u32());
  return (rng.chance(0.5) ? BigInt(rng.int(0, 3)) : v) & ir.mask(width);
}

function randomKey(rng: Rng, key: ir.TableKey): KeyInput {
  const v = randomValue(rng, key.width);
  switch (key.matchKind) {
    case "exact":
      return v;
    case "lpm": {
      const len = rng.int(0, key.width);
      return { kind: "lpm", value: v & (ir.mask(key.width) ^ ir.mask(key.width - len)), prefixLength: len };
    }
    case "ternary": {
      const mask = randomValue(rng, key.width);
      return { kind: "ternary", value: v & mask, mask };
    }
    case "range": {
      const o = randomValue(rng, key.width);
      return { kind: "range", lo: v < o ? v : o, hi: v < o ? o : v };
    }
    case "optional":
      return rng.chance(0.5) ? { kind: "optional" } : { kind: "optional", value: v };
  }
}

type Op = (dp: Dataplane) => void;

/** The same control-plane calls for both dataplanes, drawn from the program. */
function randomOps(program: ir.Program, rng: Rng, tables: ReadonlySet<string>): Op[] {
  const ops: Op[] = [];
  const args = (action: string): Record<string, bigint> =>
    Object.fromEntries((program.actions.find((a) => a.name === action)?.params ?? []).map((p) => [p.name, randomValue(rng, ir.widthOf(p.type))]));
  for (const t of program.tables.filter((x) => tables.has(x.name))) {
    for (let i = 0; i < 10; i++) {
      const action = rng.pick(t.actions);
      const entry = { key: Object.fromEntries(t.keys.map((k) => [k.name, randomKey(rng, k)])), action, args: args(action), ...(ir.matchPolicy(t) === "priority" ? { priority: rng.int(0, 5) } : {}) };
      ops.push((dp) => dp.tables[t.name]!.add(entry));
    }
    if (rng.chance(0.5)) {
      const action = rng.pick(t.actions);
      const a = args(action);
      ops.push((dp) => dp.tables[t.name]!.setDefault(action, a));
    }
  }
  for (const r of program.registers) {
    for (let i = 0; i < Math.min(r.size, 4); i++) {
      const index = rng.int(0, r.size - 1);
      const value = randomValue(rng, r.width);
      ops.push((dp) => dp.registers[r.name]!.write(index, value));
    }
  }
  for (const m of program.meters) {
    const cir = BigInt(rng.int(0, 100_000));
    const c = { cir, cburst: rng.int(1, 3000), pir: cir + BigInt(rng.int(0, 100_000)), pburst: rng.int(1, 3000) };
    const index = rng.int(0, m.size - 1);
    ops.push((dp) => dp.meters[m.name]!.configure(index, c));
  }
  for (let g = 0; g < 4; g++) {
    const ports = [...new Set(Array.from({ length: rng.int(0, 4) }, () => rng.int(0, 7)))];
    ops.push((dp) => dp.setMulticastGroup(g, ports));
  }
  return ops;
}

const outcome = (f: () => void): string => {
  try {
    f();
    return "ok";
  } catch (e) {
    if (e instanceof ControlPlaneError) return e.code;
    throw e;
  }
};

const summary = (r: PacketResult): unknown => ({
  verdict: r.verdict,
  parserError: r.parserError,
  outputs: r.outputs.map((o) => `${o.port}:${toHex(o.data)}`),
  toHost: r.toHost.map(toHex),
  digests: r.digests,
});

describe("rmt simulator against the interpreter", () => {
  for (const file of EXAMPLES) {
    const { program } = compile(readFileSync(file, "utf8"), { file });
    for (const profile of ["tofino1", "rmt13"] as const) {
      it(`${file} on ${profile}, seeds ${SEEDS.join(", ")}: identical packets, digests, counters, registers`, async () => {
        const result = await compileRmt(program!, { profile });
        if (!result.config) {
          // The refusals are checked in examples.test.ts.
          expect(result.diagnostics.some((d) => d.code.startsWith("E08"))).toBe(true);
          return;
        }
        for (const seed of SEEDS) {
          const interp = createInterpreter(program!);
          const rmt = createRmtDataplane(result.config);
          const applied = new Set(Object.keys(rmt.tables));
          for (const op of randomOps(program!, makeRng(seed), applied)) expect(outcome(() => op(rmt))).toBe(outcome(() => op(interp)));
          const rng = makeRng(seed + 100);
          let time = 0n;
          for (let i = 0; i < PACKETS; i++) {
            time += BigInt(rng.int(0, 2_000_000));
            const p = { port: rng.int(0, 7), data: mixedPacket(rng).data, timestampNs: time };
            const [a] = interp.process([p]);
            const [b] = rmt.process([p]);
            expect(summary(b!), `seed ${seed}, packet ${i}: ${toHex(p.data)} on port ${p.port}`).toEqual(summary(a!));
          }
          for (const c of program!.counters) for (let i = 0; i < c.size; i++) expect(rmt.counters[c.name]!.read(i)).toEqual(interp.counters[c.name]!.read(i));
          for (const r of program!.registers) for (let i = 0; i < r.size; i++) expect(rmt.registers[r.name]!.read(i)).toBe(interp.registers[r.name]!.read(i));
          for (const name of applied) {
            const t = program!.tables.find((x) => x.name === name)!;
            if (!t.counters) continue;
            for (const e of interp.tables[name]!.entries()) {
              const key = Object.fromEntries(t.keys.map((k, i) => [k.name, e.keys[i]!]));
              const priority = ir.matchPolicy(t) === "priority" ? e.priority : undefined;
              expect(rmt.tables[name]!.readCounter(key, priority)).toEqual(interp.tables[name]!.readCounter(key, priority));
            }
          }
        }
      }, 60_000);
    }
  }
});
