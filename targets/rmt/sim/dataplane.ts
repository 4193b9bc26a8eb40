// The RMT simulator behind the Dataplane interface: built from a
// configuration alone. Tables take entries through the shared control plane
// (runtime/controlplane.ts) and hold them in their placed slices; counters,
// registers and meters are the chip's stats, stateful and meter memories.

import { checkIndex, checkPacketIn, normaliseMeterConfig, normaliseRegisterValue } from "../../../runtime/controlplane.js";
import type { Dataplane, PacketIn, PacketResult } from "../../../runtime/dataplane.js";
import { MulticastGroups, resultOf } from "../../../runtime/verdicts.js";
import { VERDICTS, type RmtConfig } from "../config.js";
import type { Stateful } from "./expr.js";
import { Pipeline } from "./pipeline.js";
import { controlProgram } from "./program.js";
import { SimTable } from "./tables.js";
import { configuredCell, type MeterCell } from "../../../compiler/meter.js";

export class CounterCells {
  readonly packets: bigint[];
  readonly bytes: bigint[];
  constructor(readonly size: number) {
    this.packets = new Array<bigint>(size).fill(0n);
    this.bytes = new Array<bigint>(size).fill(0n);
  }
  count(index: bigint, bytes: bigint): void {
    if (index >= BigInt(this.size)) return;
    this.packets[Number(index)] += 1n;
    this.bytes[Number(index)] += bytes;
  }
}

export function createRmtDataplane(config: RmtConfig): Dataplane {
  const program = controlProgram(config);
  const tables = config.tables.map((t) => (t.kind === "match" ? new SimTable(program, program.tables.find((x) => x.name === t.name)!, t) : undefined));
  const registers = new Map(config.externs.registers.map((r) => [r.name, { cells: new Array<bigint>(r.size).fill(0n), size: r.size }]));
  const meters = new Map(config.externs.meters.map((m) => [m.name, { cells: new Array<MeterCell | undefined>(m.size).fill(undefined), size: m.size }]));
  const counters = new Map(config.externs.counters.map((c) => [c.name, new CounterCells(c.size)]));
  const stateful: Stateful = { registers, meters };
  const pipeline = new Pipeline(config, tables, stateful, counters);
  const groups = new MulticastGroups();

  const processOne = (p: PacketIn, n: number): PacketResult => {
    checkPacketIn(p, n);
    const o = pipeline.run(p.data, p.port, p.timestampNs ?? 0n);
    const v = pipeline.verdictOf(o.phv);
    const verdict = VERDICTS[Number(v.verdict)] ?? "drop";
    const parserError = config.parser.errors[Number(o.parserError)] ?? "NoError";
    return resultOf({ verdict, arg: Number(v.arg), ingress: p.port, digests: o.digests, parserError }, groups, () => pipeline.deparse(o, p.data));
  };

  const regDefs = new Map(program.registers.map((r) => [r.name, r]));
  return {
    target: "rmt",
    program,
    process: (packets) => packets.map(processOne),
    tables: Object.fromEntries(tables.flatMap((t) => (t ? [[t.def.name, t.control()]] : []))),
    counters: Object.fromEntries(
      [...counters].map(([name, c]) => [
        name,
        {
          read: (index: number) => {
            const i = checkIndex(`counter ${name}`, c.size, index);
            return { packets: c.packets[i]!, bytes: c.bytes[i]! };
          },
        },
      ]),
    ),
    registers: Object.fromEntries(
      [...registers].map(([name, r]) => [
        name,
        {
          read: (index: number) => r.cells[checkIndex(`register ${name}`, r.size, index)]!,
          write: (index: number, value: bigint | number) => {
            const i = checkIndex(`register ${name}`, r.size, index);
            r.cells[i] = normaliseRegisterValue(regDefs.get(name)!, value);
          },
        },
      ]),
    ),
    meters: Object.fromEntries(
      [...meters].map(([name, m]) => [
        name,
        {
          configure: (index: number, c: Parameters<Dataplane["meters"][string]["configure"]>[1]) => {
            const i = checkIndex(`meter ${name}`, m.size, index);
            m.cells[i] = configuredCell(normaliseMeterConfig(program.meters.find((x) => x.name === name)!, c));
          },
        },
      ]),
    ),
    setMulticastGroup: (group, ports) => void groups.set(group, ports),
    close: async () => {},
  };
}
