/**
 * The verifier's abstract machine state: what each register holds (nothing yet, a number —
 * known or not — or a pointer into a region with a known or unknown offset) and, per call
 * frame, which stack bytes are initialised and which 8-byte slots hold a spilled register.
 * States are compared (`key`, `covers`) so exploration can stop on paths already proven safe
 * and detect loops that come back to the same state.
 *
 * To grow with the XDP layer: packet pointers with a checked range, map values that may be
 * NULL, and number ranges are new `Value` and `Region` kinds here, with their rules in explore.ts.
 */

import { REG_COUNT, STACK_BYTES } from "../isa.js";

/** Memory a pointer may point into, besides the stack. */
export interface MemoryRegion {
  readonly kind: "memory";
  /** For messages: "ctx", "mem", later map names. */
  readonly name: string;
  readonly size: number;
  readonly writable: boolean;
}

export interface StackRegion {
  readonly kind: "stack";
  /** Call depth of the frame the pointer points into (0: the entry function). */
  readonly frame: number;
}

export type Region = MemoryRegion | StackRegion;

export type Value =
  | { readonly kind: "uninit" }
  /** A number; `value` (unsigned 64-bit) when known. */
  | { readonly kind: "scalar"; readonly value?: bigint }
  /** Region start + `offset` (signed; unknown after adding an unknown number). */
  | { readonly kind: "pointer"; readonly region: Region; readonly offset?: bigint };

export const UNINIT: Value = { kind: "uninit" };
export const UNKNOWN: Value = { kind: "scalar" };
export const known = (value: bigint): Value => ({ kind: "scalar", value: BigInt.asUintN(64, value) });

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
  return region.kind === "stack" ? `fp${region.frame}` : `m:${region.name}`;
}

export const sameRegion = (a: Region, b: Region): boolean => regionKey(a) === regionKey(b);

function valueKey(v: Value): string {
  switch (v.kind) {
    case "uninit":
      return "u";
    case "scalar":
      return v.value === undefined ? "s" : `s${v.value.toString(16)}`;
    case "pointer":
      return `p${regionKey(v.region)}${v.offset === undefined ? "?" : v.offset.toString()}`;
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
    case "scalar":
      return next.kind === "scalar" && (done.value === undefined || done.value === next.value);
    case "pointer":
      return (
        next.kind === "pointer" &&
        sameRegion(done.region, next.region) &&
        (done.offset === undefined || done.offset === next.offset)
      );
  }
}
