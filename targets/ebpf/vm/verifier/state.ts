/**
 * The verifier's abstract machine state: what each register holds (nothing yet, a number —
 * known, or within unsigned bounds — a pointer into a region, a map, or a map value that may
 * be NULL) and, per call frame, which stack bytes are initialised and which 8-byte slots hold
 * a spilled register. Packet pointers carry the range proven by comparisons with the packet's
 * end. States are compared (`key`, `covers`) so exploration can stop on paths already proven
 * safe and detect loops that come back to the same state.
 */

import { REG_COUNT, STACK_BYTES } from "../isa.js";

/** Memory a pointer may point into, besides the stack. */
export interface MemoryRegion {
  readonly kind: "memory";
  /** For messages: "ctx", "mem". */
  readonly name: string;
  readonly size: number;
  readonly writable: boolean;
  /** A context whose 4-byte fields at these offsets hold packet pointers (`struct xdp_md`). */
  readonly packetFields?: PacketFields;
}

/** Offsets of the packet pointers in a context structure. */
export interface PacketFields {
  readonly data: number;
  readonly dataEnd: number;
  readonly dataMeta?: number;
}

/** What the verifier knows of a map: from the object's map definitions. */
export interface MapInfo {
  readonly name: string;
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
}

/** A value of a map, reached through a checked `map_lookup_elem` result. */
export interface MapValueRegion {
  readonly kind: "map value";
  readonly map: MapInfo;
}

/**
 * The packet: `data` (its bytes, [data, data_end)), `meta` (the metadata, [data_meta, data)),
 * or `end` (data_end itself, never dereferenced).
 */
export interface PacketRegion {
  readonly kind: "packet";
  readonly part: "data" | "meta" | "end";
}

export interface StackRegion {
  readonly kind: "stack";
  /** Call depth of the frame the pointer points into (0: the entry function). */
  readonly frame: number;
}

export type Region = MemoryRegion | StackRegion | MapValueRegion | PacketRegion;

/** A bounded number added to a pointer: in [min, max]; pointers with one `id` share it. */
export interface VarOffset {
  readonly id: number;
  readonly min: bigint;
  readonly max: bigint;
}

export interface Pointer {
  readonly kind: "pointer";
  readonly region: Region;
  /** The fixed offset from the region start (+ `variable`); unknown after adding an unbounded number. */
  readonly offset?: bigint;
  readonly variable?: VarOffset;
  /** Packet pointers: bytes from region start + `variable` proven inside the packet (or metadata). */
  readonly range?: number;
}

export interface Scalar {
  readonly kind: "scalar";
  /** The value (unsigned 64-bit) when known. */
  readonly value?: bigint;
  /** Unsigned bounds when the value is not known (absent: 0 and 2^64 - 1). */
  readonly min?: bigint;
  readonly max?: bigint;
}

export type Value =
  /** Not written yet, or no longer usable (`why`: a packet pointer after xdp_adjust_head). */
  | { readonly kind: "uninit"; readonly why?: string }
  | Scalar
  | Pointer
  /** A map (an lddw of a map reference): only passed to helpers. */
  | { readonly kind: "map"; readonly map: MapInfo }
  /** A `map_lookup_elem` result before the NULL check; copies share `id`. */
  | { readonly kind: "map value or null"; readonly map: MapInfo; readonly id: number };

export const UNINIT: Value = { kind: "uninit" };
export const UNKNOWN: Scalar = { kind: "scalar" };
export const U64_MAX = (1n << 64n) - 1n;
export const known = (value: bigint): Scalar => ({ kind: "scalar", value: BigInt.asUintN(64, value) });

/** A number in [min, max] (unsigned), normalised: exact when min = max, plain unknown when unbounded. */
export function bounded(min: bigint, max: bigint): Scalar {
  if (min < 0n || max > U64_MAX || min > max) return UNKNOWN;
  if (min === max) return known(min);
  if (min === 0n && max === U64_MAX) return UNKNOWN;
  return { kind: "scalar", min, max };
}

/** [min, max] of a number. */
export function boundsOf(v: Scalar): [bigint, bigint] {
  return v.value !== undefined ? [v.value, v.value] : [v.min ?? 0n, v.max ?? U64_MAX];
}

export interface Frame {
  readonly regs: Value[];
  /** Per stack byte, from fp-512 (index 0) to fp-1: 0 uninitialised, 1 written. */
  readonly stack: Uint8Array;
  /** 8-byte aligned slots (offset from fp, e.g. -8) holding a spilled pointer or known number. */
  readonly spills: Map<number, Value>;
  /** Where `exit` returns to in the caller (-1 for the entry function). */
  readonly returnTo: number;
}

export interface State {
  readonly frames: Frame[];
}

export function newFrame(regs: Value[], returnTo: number): Frame {
  return { regs, stack: new Uint8Array(STACK_BYTES), spills: new Map(), returnTo };
}

export const currentFrame = (state: State): Frame => state.frames[state.frames.length - 1]!;

export function cloneState(state: State): State {
  return {
    frames: state.frames.map((f) => ({
      regs: [...f.regs],
      stack: f.stack.slice(),
      spills: new Map(f.spills),
      returnTo: f.returnTo,
    })),
  };
}

export function initialRegisters(): Value[] {
  return Array.from({ length: REG_COUNT }, () => UNINIT);
}

function regionKey(region: Region): string {
  switch (region.kind) {
    case "stack":
      return `fp${region.frame}`;
    case "memory":
      return `m:${region.name}`;
    case "map value":
      return `v:${region.map.name}`;
    case "packet":
      return `pkt:${region.part}`;
  }
}

export const sameRegion = (a: Region, b: Region): boolean => regionKey(a) === regionKey(b);

function valueKey(v: Value): string {
  switch (v.kind) {
    case "uninit":
      return "u";
    case "scalar":
      return v.value !== undefined ? `s${v.value.toString(16)}`
        : v.min === undefined && v.max === undefined ? "s" : `s[${boundsOf(v).join(":")}]`;
    case "pointer": {
      const variable = v.variable === undefined ? "" : `+v${v.variable.id}[${v.variable.min}:${v.variable.max}]`;
      return `p${regionKey(v.region)}${v.offset === undefined ? "?" : v.offset.toString()}${variable}r${v.range ?? 0}`;
    }
    case "map":
      return `M${v.map.name}`;
    case "map value or null":
      return `N${v.map.name}#${v.id}`;
  }
}

/** A string equal for equal states (same registers, stack initialisation, spills, frames). */
export function stateKey(state: State): string {
  return state.frames
    .map((f) => {
      const spills = [...f.spills].sort(([a], [b]) => a - b).map(([o, v]) => `${o}=${valueKey(v)}`);
      return `${f.returnTo}|${f.regs.map(valueKey).join(",")}|${stackKey(f.stack)}|${spills.join(",")}`;
    })
    .join(";");
}

/** Initialised byte ranges as "from-to" runs (most of the stack is usually untouched). */
function stackKey(stack: Uint8Array): string {
  const runs: string[] = [];
  for (let i = 0; i < stack.length; i++) {
    if (!stack[i]) continue;
    const from = i;
    while (i < stack.length && stack[i]) i++;
    runs.push(`${from}-${i}`);
  }
  return runs.join(" ");
}

/**
 * Is every behaviour from `next` one that exploring `done` already proved safe? `done` is a
 * state whose exploration finished without error, so what it left uninitialised was never
 * read, an unknown number stands for every number, and so on.
 */
export function covers(done: State, next: State): boolean {
  if (done.frames.length !== next.frames.length) return false;
  return done.frames.every((d, i) => {
    const n = next.frames[i]!;
    if (d.returnTo !== n.returnTo) return false;
    if (!d.regs.every((v, r) => coversValue(v, n.regs[r]!))) return false;
    for (let b = 0; b < d.stack.length; b++) if (d.stack[b] && !n.stack[b]) return false;
    for (const [offset, v] of d.spills) if (!coversValue(v, n.spills.get(offset) ?? UNKNOWN)) return false;
    for (const [offset, v] of n.spills) if (!d.spills.has(offset) && !coversValue(UNKNOWN, v)) return false;
    return true;
  });
}

function coversValue(done: Value, next: Value): boolean {
  switch (done.kind) {
    case "uninit":
      return true;
    case "scalar": {
      if (next.kind !== "scalar") return false;
      const [dmin, dmax] = boundsOf(done);
      const [nmin, nmax] = boundsOf(next);
      return dmin <= nmin && nmax <= dmax;
    }
    case "pointer":
      return (
        next.kind === "pointer" &&
        sameRegion(done.region, next.region) &&
        (done.offset === undefined || done.offset === next.offset) &&
        coversVariable(done.variable, next.variable) &&
        (done.range ?? 0) <= (next.range ?? 0)
      );
    case "map":
      return next.kind === "map" && next.map.name === done.map.name;
    case "map value or null":
      return next.kind === "map value or null" && next.map.name === done.map.name && next.id === done.id;
  }
}

function coversVariable(done: VarOffset | undefined, next: VarOffset | undefined): boolean {
  if (done === undefined || next === undefined) return done === next;
  return done.id === next.id && done.min <= next.min && next.max <= done.max;
}

/** Replaces every register and spilled value of every frame by `f(value)`. */
export function mapValues(state: State, f: (v: Value) => Value): void {
  for (const frame of state.frames) {
    for (let r = 0; r < frame.regs.length; r++) frame.regs[r] = f(frame.regs[r]!);
    for (const [slot, v] of frame.spills) frame.spills.set(slot, f(v));
  }
}
