// The meaning of the IR's meter operation: RFC 2698 two-rate three-colour
// marker, colour-blind mode, in exact integer arithmetic so that every target
// reproduces it bit for bit. The interpreter and the RMT simulator run
// markPacket; the wasm code generator emits the same steps and takes NANO and
// the colours from here.
//
// Tokens are counted in nanobytes (1e-9 byte): a rate in bytes/s times an
// elapsed time in ns is then exactly the tokens earned, with no rounding.
//   configure:  Tc = cburst·1e9, Tp = pburst·1e9, last = 0   (both buckets full)
//   packet of B bytes (std.packet_length) at t ns (std.timestamp):
//     if t > last: Tc = min(cburst·1e9, Tc + cir·(t-last)); Tp = min(pburst·1e9, Tp + pir·(t-last)); last = t
//     (t ≤ last: no refill, last unchanged)
//     if Tp < B·1e9           → red (2)
//     else if Tc < B·1e9      → yellow (1), Tp -= B·1e9
//     else                    → green (0),  Tp -= B·1e9, Tc -= B·1e9
// With rates < 2^40 and bursts < 2^32 (runtime/controlplane.ts), every bucket
// value is below 2^62; a 64-bit target computes the refill without overflow as
// "if (t-last) ≥ ceil((cap-T)/rate) then T = cap else T += rate·(t-last)".

/** Token units per byte: buckets hold nanobytes. */
export const NANO = 1_000_000_000n;

export const GREEN = 0n;
export const YELLOW = 1n;
export const RED = 2n;

/** A meter's rates (bytes/s) and bursts (bytes), as runtime/controlplane.ts validates them. */
export interface MeterRates {
  readonly cir: bigint;
  readonly pir: bigint;
  readonly cburst: bigint;
  readonly pburst: bigint;
}

export interface MeterCell {
  readonly config: MeterRates;
  tc: bigint;
  tp: bigint;
  last: bigint;
}

/** A freshly configured cell: both buckets full. */
export function configuredCell(config: MeterRates): MeterCell {
  return { config, tc: config.cburst * NANO, tp: config.pburst * NANO, last: 0n };
}

/** Marks one packet and updates the buckets; returns the colour (0 green, 1 yellow, 2 red). */
export function markPacket(cell: MeterCell, nowNs: bigint, bytes: bigint): bigint {
  const { cir, pir, cburst, pburst } = cell.config;
  if (nowNs > cell.last) {
    const elapsed = nowNs - cell.last;
    const tc = cell.tc + cir * elapsed;
    const tp = cell.tp + pir * elapsed;
    cell.tc = tc < cburst * NANO ? tc : cburst * NANO;
    cell.tp = tp < pburst * NANO ? tp : pburst * NANO;
    cell.last = nowNs;
  }
  const cost = bytes * NANO;
  if (cell.tp < cost) return RED;
  cell.tp -= cost;
  if (cell.tc < cost) return YELLOW;
  cell.tc -= cost;
  return GREEN;
}
