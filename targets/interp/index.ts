// The reference interpreter: executes the IR directly. Every other target is
// judged against it, packet for packet (as BMv2 is for P4).
//
// core.ts compiles the IR once into closures (expr.ts, parser.ts, control.ts,
// deparser.ts); each packet gets a fresh PacketState while tables and externs
// persist. This file turns a packet's final state into its PacketResult and
// exposes the control plane. Semantic decisions are in docs/interp.md.

import type * as ir from "../../compiler/ir.js";
import { checkPacketIn, normaliseMulticastGroup } from "../../runtime/controlplane.js";
import type { Dataplane, PacketIn, PacketOut, PacketResult } from "../../runtime/dataplane.js";
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
  const groups = new Map<number, readonly number[]>();

  const processOne = (p: PacketIn, n: number): PacketResult => {
    checkPacketIn(p, n);
    const s = core.run(p);
    const none = {
      verdict: s.verdict,
      digests: s.digests,
      parserError: program.errors[Number(s.parserError)] ?? "NoError",
      outputs: [] as PacketOut[],
      toHost: [] as Uint8Array[],
    };
    switch (s.verdict) {
      case "drop":
        return none;
      case "to_host":
        return { ...none, toHost: [core.deparse(s)] };
      case "forward":
        return { ...none, outputs: [{ port: Number(s.verdictArg), data: core.deparse(s) }] };
      case "bounce":
        return { ...none, outputs: [{ port: p.port, data: core.deparse(s) }] };
      case "multicast": {
        const ports = (groups.get(Number(s.verdictArg)) ?? []).filter((port) => port !== p.port);
        if (ports.length === 0) return none;
        const data = core.deparse(s);
        return { ...none, outputs: ports.map((port, i) => ({ port, data: i === 0 ? data : data.slice() })) };
      }
    }
  };

  return {
    target: "interp",
    program,
    process: (packets) => packets.map(processOne),
    tables: controls(machine.tables, (t) => t.control()),
    counters: controls(machine.counters, (c) => c.control()),
    registers: controls(machine.registers, (r) => r.control()),
    meters: controls(machine.meters, (m) => m.control()),
    setMulticastGroup: (group, ports) => {
      const g = normaliseMulticastGroup(group, ports);
      if (g.ports.length === 0) groups.delete(g.group);
      else groups.set(g.group, g.ports);
    },
    close: async () => {},
  };
}
