// Extern state that persists across packets: counters, registers and meters,
// with their control-plane views.
//
// In the data plane an index at or beyond the size is ignored by count/write
// and reads 0 (a meter then returns green); the control plane instead rejects
// such an index with index-out-of-range, through runtime/controlplane.ts.

import type * as ir from "../../compiler/ir.js";
import { checkIndex, normaliseMeterConfig, normaliseRegisterValue } from "../../runtime/controlplane.js";
import type { CounterControl, MeterControl, RegisterControl } from "../../runtime/dataplane.js";
import { configuredCell, GREEN, markPacket, type MeterCell } from "../../compiler/meter.js";

export class CounterState {
  readonly packets: bigint[];
  readonly bytes: bigint[];

  constructor(readonly def: ir.Counter) {
    this.packets = new Array<bigint>(def.size).fill(0n);
    this.bytes = new Array<bigint>(def.size).fill(0n);
  }

  count(index: bigint, bytes: bigint): void {
    if (index >= BigInt(this.def.size)) return;
    const i = Number(index);
    this.packets[i] += 1n;
    this.bytes[i] += bytes;
  }

  control(): CounterControl {
    return {
      read: (index) => {
        const i = checkIndex(`counter ${this.def.name}`, this.def.size, index);
        return { packets: this.packets[i]!, bytes: this.bytes[i]! };
      },
    };
  }
}

export class RegisterState {
  readonly cells: bigint[];

  constructor(readonly def: ir.Register) {
    this.cells = new Array<bigint>(def.size).fill(0n);
  }

  write(index: bigint, value: bigint): void {
    if (index < BigInt(this.def.size)) this.cells[Number(index)] = value;
  }

  control(): RegisterControl {
    const what = `register ${this.def.name}`;
    return {
      read: (index) => this.cells[checkIndex(what, this.def.size, index)]!,
      write: (index, value) => {
        const i = checkIndex(what, this.def.size, index);
        this.cells[i] = normaliseRegisterValue(this.def, value);
      },
    };
  }
}

export class MeterState {
  /** undefined: not configured, the meter returns green. */
  readonly cells: (MeterCell | undefined)[];

  constructor(readonly def: ir.Meter) {
    this.cells = new Array<MeterCell | undefined>(def.size).fill(undefined);
  }

  execute(index: bigint, nowNs: bigint, bytes: bigint): bigint {
    const cell = index < BigInt(this.def.size) ? this.cells[Number(index)] : undefined;
    return cell ? markPacket(cell, nowNs, bytes) : GREEN;
  }

  control(): MeterControl {
    return {
      configure: (index, config) => {
        const i = checkIndex(`meter ${this.def.name}`, this.def.size, index);
        this.cells[i] = configuredCell(normaliseMeterConfig(this.def, config));
      },
    };
  }
}
