// Control-plane views of the externs of a wasm dataplane: counters, registers
// and meters live in wasm memory at the addresses of layout.ts, and are read
// or written here between batches. Validation comes from
// runtime/controlplane.ts, as on every target.

import { configuredCell, NANO } from "../../compiler/meter.js";
import { checkIndex, normaliseMeterConfig, normaliseRegisterValue } from "../../runtime/controlplane.js";
import type { CounterControl, MeterControl, RegisterControl } from "../../runtime/dataplane.js";
import * as abi from "./abi.js";
import type { Heap } from "./heap.js";
import { cellBytes, type Layout } from "./layout.js";
import { readValue, writeValue } from "./table-records.js";

export function counterControls(heap: Heap, layout: Layout): Record<string, CounterControl> {
  return Object.fromEntries(
    layout.counters.map(({ def, base }) => [
      def.name,
      {
        read: (index: number) => {
          const at = base + abi.COUNTER_CELL * checkIndex(`counter ${def.name}`, def.size, index);
          const dv = heap.dv();
          return { packets: dv.getBigUint64(at, true), bytes: dv.getBigUint64(at + 8, true) };
        },
      },
    ]),
  );
}

export function registerControls(heap: Heap, layout: Layout): Record<string, RegisterControl> {
  return Object.fromEntries(
    layout.registers.map(({ def, base }) => {
      const what = `register ${def.name}`;
      const at = (index: number): number => base + cellBytes(def) * checkIndex(what, def.size, index);
      const control: RegisterControl = {
        read: (index) => readValue(heap.dv(), at(index), def.width),
        write: (index, value) => {
          const cell = at(index);
          writeValue(heap.dv(), cell, normaliseRegisterValue(def, value), def.width);
        },
      };
      return [def.name, control];
    }),
  );
}

/** Configuring a meter writes compiler/meter.ts's configuredCell (both buckets full) and the caps the generated refill needs. */
export function meterControls(heap: Heap, layout: Layout): Record<string, MeterControl> {
  return Object.fromEntries(
    layout.meters.map(({ def, base }) => {
      const control: MeterControl = {
        configure: (index, config) => {
          const at = base + abi.METER_CELL * checkIndex(`meter ${def.name}`, def.size, index);
          const cell = configuredCell(normaliseMeterConfig(def, config));
          const { cir, pir, cburst, pburst } = cell.config;
          const dv = heap.dv();
          const set = (off: number, v: bigint): void => dv.setBigUint64(at + off, v, true);
          set(abi.M_CONFIGURED, 1n);
          set(abi.M_CIR, cir);
          set(abi.M_PIR, pir);
          set(abi.M_CCAP, cburst * NANO);
          set(abi.M_PCAP, pburst * NANO);
          set(abi.M_TC, cell.tc);
          set(abi.M_TP, cell.tp);
          set(abi.M_LAST, cell.last);
        },
      };
      return [def.name, control];
    }),
  );
}
