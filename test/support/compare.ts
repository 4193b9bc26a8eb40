// The differential harness: a target under test (the candidate) against the
// reference interpreter, under the same control-plane history and the same
// packets. Every control-plane operation must succeed on both or fail on both
// with the same error code; every packet's result (verdict, parser error,
// outputs and their ports, host packets, digests) must be identical; and so
// must every counter, register and per-entry counter at the end. The first
// difference fails the test with the seed, the program, the control-plane
// operations so far and the packet, so it can be replayed.
//
// To check a new target, in test/<target>/differential.test.ts:
//
//   import { examplePrograms, compileExample } from "../support/examples.js";
//   import { runDifferential } from "../support/compare.js";
//   it.each(examplePrograms())("%s", async (file) => {
//     const program = compileExample(file);
//     for (const seed of [1, 2, 3]) {
//       await runDifferential({ file, program, seed, packets: 1200, names: ["interp", "mine"],
//         reference: createInterpreter(program), candidate: await createMine(program) });
//     }
//   });
//
// runDifferential fills the tables from entries.stf (seeds other than 1),
// random state (random-entries.ts: defaults, multicast groups, registers,
// meters), then twice random entries and entries around the key values that
// the traffic really looks up (harvestKeys); the traffic (traffic.ts) is
// mostly pooled packets that hit those entries, the rest mixedPacket; halfway
// through, some entries are modified or removed. A target that holds only
// some of the program's tables (the RMT simulator places the applied ones)
// passes `tables`. The pieces (Differential, summary) serve tests that need
// another schedule.

import { expect } from "vitest";
import * as ir from "../../compiler/ir.js";
import { makeRng, mixedPacket, toHex } from "../../runtime/craft.js";
import { ControlPlaneError, type Dataplane, type PacketIn, type PacketResult } from "../../runtime/dataplane.js";
import { applyEntriesFile } from "../../runtime/stf/run.js";
import { exampleEntries } from "./examples.js";
import { churnEntries, harvestKeys, randomControlPlane, randomEntries, show, type Op } from "./random-entries.js";
import { pooledPacket, poolsOf, timedTraffic } from "./traffic.js";

/** What is compared of one packet's result. */
export function summary(r: PacketResult): unknown {
  return {
    verdict: r.verdict,
    parserError: r.parserError,
    outputs: r.outputs.map((o) => [o.port, toHex(o.data)]),
    toHost: r.toHost.map(toHex),
    digests: r.digests.map((d) => [d.digest, show(d.fields)]),
  };
}

/** "ok", or the code of the ControlPlaneError the operation raised (anything else is thrown on). */
function outcome(op: Op, dp: Dataplane): string {
  try {
    op.run(dp);
    return "ok";
  } catch (e) {
    if (e instanceof ControlPlaneError) return e.code;
    throw e;
  }
}

/** A reference and a candidate dataplane driven in lockstep, with the history of what was done to them. */
export class Differential {
  /** The operations so far, as printed in a failure. */
  readonly lines: string[] = [];
  private readonly ops: Op[] = [];

  constructor(
    /** Seed and program, for failure messages. */
    readonly label: string,
    readonly reference: Dataplane,
    readonly candidate: Dataplane,
    readonly names: readonly [string, string] = ["reference", "candidate"],
  ) {}

  /** One control-plane operation on both: both must succeed, or both fail with the same error code. */
  apply(op: Op): void {
    const [ra, rb] = [outcome(op, this.reference), outcome(op, this.candidate)];
    this.lines.push(`${op.what} → ${ra}`);
    this.ops.push(op);
    if (ra !== rb) expect.fail(`${this.label}: control plane differs: ${op.what}: ${this.names[0]} ${ra}, ${this.names[1]} ${rb}`);
  }

  applyAll(ops: readonly Op[]): void {
    for (const op of ops) this.apply(op);
  }

  /** The history so far applied to another dataplane (refusals ignored, as they were refused on both). */
  replay(dp: Dataplane): void {
    for (const op of this.ops) outcome(op, dp);
  }

  /** The packets through both, in one batch each; the first differing result fails the test. */
  process(packets: readonly PacketIn[], firstIndex = 0): void {
    const expected = this.reference.process(packets);
    const actual = this.candidate.process(packets);
    for (let i = 0; i < packets.length; i++) {
      const [e, a] = [show(summary(expected[i]!)), show(summary(actual[i]!))];
      if (e === a) continue;
      const p = packets[i]!;
      expect.fail(
        [
          `${this.label}, packet ${firstIndex + i} on port ${p.port} at ${p.timestampNs} ns:`,
          `  packet   ${toHex(p.data)}`,
          `  ${this.names[0].padEnd(8)} ${e}`,
          `  ${this.names[1].padEnd(8)} ${a}`,
          `control plane:`,
          ...this.lines.map((l) => `  ${l}`),
        ].join("\n"),
      );
    }
  }

  /** Counters, registers and the per-entry counters of the reference's entries (of `tables`, all by default) must be equal. */
  compareState(program: ir.Program, tables?: ReadonlySet<string>): void {
    const [a, b] = [this.reference, this.candidate];
    for (const c of program.counters) {
      for (let i = 0; i < c.size; i++) expect(show(b.counters[c.name]!.read(i)), `${this.label}: counter ${c.name}[${i}]`).toBe(show(a.counters[c.name]!.read(i)));
    }
    for (const r of program.registers) {
      for (let i = 0; i < r.size; i++) expect(b.registers[r.name]!.read(i), `${this.label}: register ${r.name}[${i}]`).toBe(a.registers[r.name]!.read(i));
    }
    for (const t of program.tables.filter((x) => x.counters && (!tables || tables.has(x.name)))) {
      for (const e of a.tables[t.name]!.entries()) {
        const key = Object.fromEntries(t.keys.map((k, i) => [k.name, e.keys[i]!]));
        const priority = ir.matchPolicy(t) === "priority" ? e.priority : undefined;
        expect(show(b.tables[t.name]!.readCounter(key, priority)), `${this.label}: ${t.name} counter of ${show(key)}`).toBe(show(a.tables[t.name]!.readCounter(key, priority)));
      }
    }
  }
}

export interface DifferentialRun {
  /** The example's .pnet file (its entries.stf is used), for messages. */
  readonly file: string;
  readonly program: ir.Program;
  readonly seed: number;
  readonly reference: Dataplane;
  readonly candidate: Dataplane;
  readonly names?: readonly [string, string];
  /** Packets in all; half are sent before the entries churn, half after. */
  readonly packets: number;
  /** Packets per process() call (default 100). */
  readonly batch?: number;
  /** The tables both dataplanes hold (default: all of the program's). */
  readonly tables?: ReadonlySet<string>;
}

/** One seed of the differential test (see the header). */
export function runDifferential(run: DifferentialRun): void {
  const { program, seed, reference, candidate, tables } = run;
  const batch = run.batch ?? 100;
  const rng = makeRng(seed);
  const d = new Differential(`seed ${seed}, program ${run.file}`, reference, candidate, run.names);
  const entries = seed !== 1 ? exampleEntries(run.file) : undefined;
  if (entries) {
    d.lines.push("entries.stf");
    expect(applyEntriesFile(candidate, entries), `${d.label}: entries.stf`).toEqual(applyEntriesFile(reference, entries));
  }
  d.applyAll(randomControlPlane(rng, program, { tables }));
  const pools = poolsOf(program, reference, rng);
  const packets = timedTraffic(rng, run.packets, (r) => (r.chance(0.6) ? pooledPacket(r, pools) : mixedPacket(r).data));
  // Two rounds, so tables applied only after another table's hit see entries too.
  for (let round = 0; round < 2; round++) {
    const seen = harvestKeys(program, packets.slice(0, 400), (dp) => {
      if (entries) applyEntriesFile(dp, entries);
      d.replay(dp);
    });
    d.applyAll(randomEntries(rng, program, reference, seen, tables));
  }
  for (let done = 0; done < run.packets; done += batch) {
    if (done === run.packets / 2) d.applyAll(churnEntries(rng, program, reference, tables));
    d.process(packets.slice(done, done + batch), done);
  }
  d.compareState(program, tables);
}
