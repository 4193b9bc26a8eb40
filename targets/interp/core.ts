// The interpreter's core: a program compiled once into closures, and the run
// of one packet through parser and ingress to its final state.
//
// index.ts wraps this into the Dataplane interface; tests use it directly to
// look at a packet's final state (headers, parser offset, verdict).

import type * as ir from "../../compiler/ir.js";
import type { PacketIn } from "../../runtime/dataplane.js";
import { compileIngress, type Machine } from "./control.js";
import { compileDeparser } from "./deparser.js";
import { CounterState, MeterState, RegisterState } from "./externs.js";
import { compileParser } from "./parser.js";
import { Layout, PacketState } from "./state.js";
import { InterpTable } from "./tables.js";

export interface InterpreterCore {
  /** Tables and externs: the state that persists across packets. */
  readonly machine: Machine;
  /** Parser then ingress on a fresh state; returns that state, ready to deparse. */
  run(packet: PacketIn): PacketState;
  /** The emitted headers followed by the payload. */
  deparse(s: PacketState): Uint8Array;
}

const byName = <T extends { readonly name: string }, S>(defs: readonly T[], make: (d: T) => S): Map<string, S> =>
  new Map(defs.map((d) => [d.name, make(d)]));

export function compileProgram(program: ir.Program): InterpreterCore {
  const layout = new Layout(program);
  const machine: Machine = {
    program,
    layout,
    inParser: false,
    tables: byName(program.tables, (t) => new InterpTable(program, t)),
    counters: byName(program.counters, (c) => new CounterState(c)),
    registers: byName(program.registers, (r) => new RegisterState(r)),
    meters: byName(program.meters, (m) => new MeterState(m)),
  };
  const parse = compileParser(program, { ...machine, inParser: true });
  const ingress = compileIngress(machine);
  return {
    machine,
    run: (p) => {
      const s = new PacketState(layout, p.data, BigInt(p.port), p.timestampNs ?? 0n);
      parse(s);
      ingress(s);
      return s;
    },
    deparse: compileDeparser(program, layout),
  };
}
