// Differential test: every example on the interpreter (the reference) and on
// wasm, under the same random control-plane state, fed the same random packets
// (valid, truncated and garbage: runtime/craft.ts mixedPacket). Every result
// (verdict, outputs and ports, host packets, digests, parser error) must be
// identical, and so must every counter, register and per-entry counter
// afterwards. Entries are added, modified and removed between packet batches.
// Half the packets come from pools of values that the installed entries
// mention (pooled-traffic.ts), so lookups hit. A failure names the seed, the program, the control-plane operations so far
// and the packet. PNET_DIFF_PACKETS sets the packets per seed (default 1200).

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it, expect } from "vitest";
import { compile } from "../../compiler/compile.js";
import * as ir from "../../compiler/ir.js";
import { makeRng, mixedPacket, toHex, type Rng } from "../../runtime/craft.js";
import { ControlPlaneError, type Dataplane, type PacketIn, type PacketResult } from "../../runtime/dataplane.js";
import { parseStf } from "../../runtime/stf/parse.js";
import { applyEntriesFile } from "../../runtime/stf/run.js";
import { createInterpreter } from "../../targets/interp/index.js";
import { createWasmDataplane } from "../../targets/wasm/index.js";
import { examplePrograms } from "./examples.js";
import { pooledPacket, poolsOf } from "./pooled-traffic.js";
import { harvestKeys } from "./harvest.js";
import { entryAround, randomBits, randomDefault, randomEntry } from "./random-state.js";

const PACKETS = Number(process.env.PNET_DIFF_PACKETS ?? 1200);
const SEEDS = [1, 2, 3];
const BATCH = 100;

const show = (x: unknown): string => JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? toHex(v) : v));

function summary(r: PacketResult): unknown {
  return {
    verdict: r.verdict,
    parserError: r.parserError,
    outputs: r.outputs.map((o) => [o.port, toHex(o.data)]),
    toHost: r.toHost.map(toHex),
    digests: r.digests.map((d) => [d.digest, show(d.fields)]),
  };
}

/** Runs one control-plane operation on both dataplanes: both must succeed, or both fail with the same error code. */
interface Log {
  readonly lines: string[];
  /** Every operation, to replay on the key-harvesting interpreter. */
  readonly ops: ((dp: Dataplane) => void)[];
}

function both(log: Log, what: string, op: (dp: Dataplane) => void, a: Dataplane, b: Dataplane): void {
  const outcome = (dp: Dataplane): string => {
    try {
      op(dp);
      return "ok";
    } catch (e) {
      if (e instanceof ControlPlaneError) return e.code;
      throw e;
    }
  };
  const [ra, rb] = [outcome(a), outcome(b)];
  log.lines.push(`${what} → ${ra}`);
  log.ops.push((dp) => void outcome(dp));
  if (ra !== rb) throw new Error(`control plane differs: ${what}: interp ${ra}, wasm ${rb}`);
}

/** Random entries, and entries around key tuples that packets looked up (harvest.ts). */
function randomEntries(rng: Rng, program: ir.Program, log: Log, a: Dataplane, b: Dataplane, seen: Map<string, bigint[][]>): void {
  for (const table of program.tables) {
    const room = (): number => table.size - a.tables[table.name]!.entries().length;
    const tuples = seen.get(table.name) ?? [];
    const n = Math.min(room(), rng.int(0, 20) + (tuples.length > 0 ? 20 : 0));
    for (let i = 0; i < n; i++) {
      const spec = tuples.length > 0 && rng.chance(0.7) ? entryAround(rng, program, table, rng.pick(tuples)) : randomEntry(rng, program, table);
      both(log, `add ${table.name} ${show(spec)}`, (dp) => dp.tables[table.name]!.add(spec), a, b);
    }
  }
}

function randomState(rng: Rng, program: ir.Program, log: Log, a: Dataplane, b: Dataplane): void {
  for (const table of program.tables) {
    if (!table.defaultIsConst && rng.chance(0.4)) {
      const d = randomDefault(rng, program, table);
      both(log, `setDefault ${table.name} ${show(d)}`, (dp) => dp.tables[table.name]!.setDefault(d.action, d.args), a, b);
    }
  }
  for (let g = 0; g < 8; g++) {
    const ports = [0, 1, 2, 3, 4, 5, 6, 7].filter(() => rng.chance(0.4));
    both(log, `mcast ${g} ${ports}`, (dp) => dp.setMulticastGroup(g, ports), a, b);
  }
  for (const r of program.registers) {
    for (let i = 0; i < 4; i++) {
      const index = rng.int(0, r.size - 1);
      const v = randomBits(rng, r.width);
      both(log, `register ${r.name}[${index}] = ${v}`, (dp) => dp.registers[r.name]!.write(index, v), a, b);
    }
  }
  for (const m of program.meters) {
    for (let i = 0; i < Math.min(m.size, 8); i++) {
      const cir = rng.int(0, 200_000);
      const config = { cir, pir: cir + rng.int(0, 200_000), cburst: rng.int(1, 3000), pburst: rng.int(1, 6000) };
      both(log, `meter ${m.name}[${i}] ${show(config)}`, (dp) => dp.meters[m.name]!.configure(i, config), a, b);
    }
  }
}

/** Modifies or removes some installed entries (the same ones on both). */
function churn(rng: Rng, program: ir.Program, log: Log, a: Dataplane, b: Dataplane): void {
  for (const table of program.tables) {
    const views = a.tables[table.name]!.entries().filter((e) => !e.isConst);
    for (const e of views) {
      const key = Object.fromEntries(table.keys.map((k, i) => [k.name, e.keys[i]!]));
      const priority = ir.matchPolicy(table) === "priority" ? e.priority : undefined;
      if (rng.chance(0.2)) both(log, `remove ${table.name} ${show(key)}`, (dp) => dp.tables[table.name]!.remove(key, priority), a, b);
      else if (rng.chance(0.2)) {
        const d = randomDefault(rng, program, table);
        const spec = { key, action: d.action, args: d.args, ...(priority !== undefined ? { priority } : {}) };
        both(log, `modify ${table.name} ${show(spec)}`, (dp) => dp.tables[table.name]!.modify(spec), a, b);
      }
    }
  }
}

function compareState(program: ir.Program, a: Dataplane, b: Dataplane): void {
  for (const c of program.counters) {
    for (let i = 0; i < c.size; i++) expect(show(b.counters[c.name]!.read(i)), `counter ${c.name}[${i}]`).toBe(show(a.counters[c.name]!.read(i)));
  }
  for (const r of program.registers) {
    for (let i = 0; i < r.size; i++) expect(b.registers[r.name]!.read(i), `register ${r.name}[${i}]`).toBe(a.registers[r.name]!.read(i));
  }
  for (const t of program.tables.filter((x) => x.counters)) {
    for (const e of a.tables[t.name]!.entries()) {
      const key = Object.fromEntries(t.keys.map((k, i) => [k.name, e.keys[i]!]));
      const priority = ir.matchPolicy(t) === "priority" ? e.priority : undefined;
      expect(show(b.tables[t.name]!.readCounter(key, priority)), `${t.name} counter of ${show(key)}`).toBe(show(a.tables[t.name]!.readCounter(key, priority)));
    }
  }
}

describe("wasm agrees with the interpreter on random packets and random tables", () => {
  it.each(examplePrograms())("%s", async (file) => {
    const { program } = compile(readFileSync(file, "utf8"), { file });
    expect(program).toBeDefined();
    for (const seed of SEEDS) {
      const rng = makeRng(seed);
      const interp = createInterpreter(program!);
      const wasm = await createWasmDataplane(program!, { batchSize: 64 });
      const log: Log = { lines: [], ops: [] };
      const entries = join(dirname(file), "entries.stf");
      if (seed !== 1 && existsSync(entries)) {
        const { commands } = parseStf(readFileSync(entries, "utf8"));
        log.lines.push(`entries.stf`);
        log.ops.push((dp) => void applyEntriesFile(dp, commands));
        expect(applyEntriesFile(wasm, commands)).toEqual(applyEntriesFile(interp, commands));
      }
      randomState(rng, program!, log, interp, wasm);
      const pools = poolsOf(program!, interp, rng);
      let time = 0n;
      const packets: PacketIn[] = Array.from({ length: PACKETS }, () => {
        time += BigInt(rng.int(0, 2_000_000));
        return { port: rng.int(0, 7), data: rng.chance(0.6) ? pooledPacket(rng, pools) : mixedPacket(rng).data, timestampNs: time };
      });
      // Two rounds, so tables applied only after another table's hit see entries too.
      for (let round = 0; round < 2; round++) {
        const seen = harvestKeys(program!, packets.slice(0, 400), (dp) => log.ops.forEach((op) => op(dp)));
        randomEntries(rng, program!, log, interp, wasm, seen);
      }
      for (let done = 0; done < PACKETS; done += BATCH) {
        if (done === PACKETS / 2) churn(rng, program!, log, interp, wasm);
        const batch = packets.slice(done, done + BATCH);
        const expected = interp.process(batch);
        const actual = wasm.process(batch);
        for (let i = 0; i < batch.length; i++) {
          const [e, a] = [show(summary(expected[i]!)), show(summary(actual[i]!))];
          if (e !== a) {
            expect.fail(
              [
                `seed ${seed}, program ${file}, packet ${done + i} on port ${batch[i]!.port} at ${batch[i]!.timestampNs} ns:`,
                `  packet   ${toHex(batch[i]!.data)}`,
                `  interp   ${e}`,
                `  wasm     ${a}`,
                `control plane:`,
                ...log.lines.map((l) => `  ${l}`),
              ].join("\n"),
            );
          }
        }
      }
      compareState(program!, interp, wasm);
    }
  });
});
