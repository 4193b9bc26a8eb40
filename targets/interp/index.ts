// The reference interpreter: executes the IR directly. Every other target is
// judged against it, packet for packet (as BMv2 is for P4).
//
// core.ts compiles the IR once into closures (expr.ts, parser.ts, control.ts,
// deparser.ts); each packet gets a fresh PacketState while tables and externs
// persist. This file turns a packet's final state into its PacketResult and
// exposes the control plane. Semantic decisions are in docs/interp.md.

import type * as ir from "../../compiler/ir.js";
import { checkPacketIn } from "../../runtime/controlplane.js";
import type { Dataplane, PacketIn, PacketResult } from "../../runtime/dataplane.js";
import { MulticastGroups, resultOf } from "../../runtime/verdicts.js";
import { compileProgram, type InterpreterCore } from "./core.js";

const controls = <S, C>(states: ReadonlyMap<string, S>, control: (s: S) => C): Record<string, C> =>
  Object.fromEntries([...states].map(([name, s]) => [name, control(s)]));

export function createInterpreter(program: ir.Program): Dataplane {
  return dataplaneOf(compileProgram(program));
}

/** The Dataplane over a compiled core (sharing its tables and externs). */
export function dataplaneOf(core: InterpreterCore): Dataplane {
  const { machine } = core;
  const { program } = machine;
  const groups = new MulticastGroups();

  const processOne = (p: PacketIn, n: number): PacketResult => {
    checkPacketIn(p, n);
    const s = core.run(p);
    const parserError = program.errors[Number(s.parserError)] ?? "NoError";
    return resultOf({ verdict: s.verdict, arg: Number(s.verdictArg), ingress: p.port, digests: s.digests, parserError }, groups, () => core.deparse(s));
  };

  return {
    target: "interp",
    program,
    process: (packets) => packets.map(processOne),
    tables: controls(machine.tables, (t) => t.control()),
    counters: controls(machine.counters, (c) => c.control()),
    registers: controls(machine.registers, (r) => r.control()),
    meters: controls(machine.meters, (m) => m.control()),
    setMulticastGroup: (group, ports) => void groups.set(group, ports),
    close: async () => {},
  };
}
