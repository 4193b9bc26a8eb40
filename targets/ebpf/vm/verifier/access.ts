/**
 * The verifier's memory rules: is a load or store of `size` bytes at `pointer + offset` safe,
 * and what does it load? The stack (inside the frame, reads only of written bytes, spilled
 * registers come back), entry buffers and contexts (a context's packet fields load packet
 * pointers), map values (inside the value size), and the packet and its metadata (inside the
 * range proven by comparing with `data_end`, or `data` for the metadata).
 */

import { STACK_BYTES } from "../isa.js";
import { UNKNOWN, type Frame, type Pointer, type Region, type State, type Value } from "./state.js";

/** Largest variable offset a packet pointer may carry (the kernel's MAX_PACKET_OFF). */
export const MAX_PACKET_OFFSET = 0xffffn;

export type Fail = (reason: string) => never;

/**
 * Checks the access through register `base` (value `pointer`); for a stack store records
 * `stored`. Returns the loaded value: a spilled register, a packet pointer from a context, or
 * an unknown number.
 */
export function checkAccess(
  state: State,
  base: number,
  pointer: Value,
  offset: number,
  size: number,
  access: "read" | "write",
  stored: Value,
  fail: Fail,
): Value {
  if (pointer.kind === "map value or null") {
    return fail(`r${base} may be NULL (a map_lookup_elem result not yet compared with 0): invalid memory ${access}`);
  }
  if (pointer.kind === "map") return fail(`r${base} is a map, not a pointer to its values: invalid memory ${access}`);
  if (pointer.kind !== "pointer") {
    const what = pointer.kind === "scalar" && pointer.value === 0n ? "NULL" : "a number";
    return fail(`r${base} is ${what}, not a pointer: invalid memory ${access}`);
  }
  if (pointer.offset === undefined) {
    return fail(`r${base} points into ${regionName(pointer.region)} at an unknown offset: invalid memory ${access}`);
  }
  const at = pointer.offset + BigInt(offset);
  const region = pointer.region;
  switch (region.kind) {
    case "packet":
      return packetAccess(base, pointer, at, size, access, fail);
    case "memory":
    case "map value": {
      const [name, bytes, writable] = region.kind === "memory"
        ? [region.name, region.size, region.writable]
        : [`the value of map ${region.map.name}`, region.map.valueSize, true];
      const low = at + (pointer.variable?.min ?? 0n);
      const high = at + (pointer.variable?.max ?? 0n) + BigInt(size);
      if (low < 0n || high > BigInt(bytes)) {
        const where = pointer.variable ? `offsets ${low} to ${high - BigInt(size)}` : `offset ${at}`;
        fail(`${access} of ${size} byte(s) at ${where} is outside ${name} (${bytes} bytes)`);
      }
      if (access === "write" && !writable) fail(`${name} is read-only`);
      return region.kind === "memory" && pointer.variable === undefined ? contextField(region, Number(at), size, access, fail) : UNKNOWN;
    }
    case "stack": {
      if (pointer.variable) fail(`r${base} points into the stack at a variable offset: invalid memory ${access}`);
      const frame = state.frames[region.frame];
      if (frame === undefined) return fail(`r${base} points into the stack of a call that has returned`);
      if (at < -BigInt(STACK_BYTES) || at + BigInt(size) > 0n) {
        fail(`stack ${access} of ${size} byte(s) at fp${at} is outside the ${STACK_BYTES}-byte frame`);
      }
      const from = Number(at);
      return access === "read" ? stackRead(frame, from, size, fail) : stackWrite(frame, from, size, stored);
    }
  }
}

function packetAccess(base: number, pointer: Pointer, at: bigint, size: number, access: string, fail: Fail): Value {
  const part = (pointer.region as { part: "data" | "meta" | "end" }).part;
  if (part === "end") return fail(`r${base} is the packet end (data_end): it cannot be dereferenced`);
  if (pointer.variable && pointer.variable.max > MAX_PACKET_OFFSET) {
    fail(`r${base} has a variable offset up to ${pointer.variable.max}: too large for a packet pointer`);
  }
  const range = pointer.range ?? 0;
  if (at < 0n || at + BigInt(size) > BigInt(range)) {
    const what = part === "data" ? "packet" : "metadata";
    const limit = part === "data" ? "data_end" : "data";
    const from = pointer.variable ? `r${base}'s variable offset + ${at}` : `offset ${at}`;
    fail(`${what} ${access} of ${size} byte(s) at ${from} is outside the range checked against ${limit} (${range} bytes)`);
  }
  return UNKNOWN;
}

/** A context's packet fields load packet pointers (4-byte loads only, as the kernel's rewrite needs). */
function contextField(region: Region & { kind: "memory" }, at: number, size: number, access: string, fail: Fail): Value {
  const fields = region.packetFields;
  if (fields === undefined) return UNKNOWN;
  const part = at === fields.data ? "data" : at === fields.dataEnd ? "end" : at === fields.dataMeta ? "meta" : undefined;
  const overlaps = [fields.data, fields.dataEnd, fields.dataMeta].some((f) => f !== undefined && at < f + 4 && f < at + size);
  if (part === undefined || size !== 4 || access !== "read") {
    if (overlaps) fail(`${region.name}'s packet pointer fields must be read with 4-byte loads`);
    return UNKNOWN;
  }
  return { kind: "pointer", region: { kind: "packet", part }, offset: 0n };
}

function stackRead(frame: Frame, from: number, size: number, fail: Fail): Value {
  for (let b = from; b < from + size; b++) {
    if (!frame.stack[b + STACK_BYTES]) fail(`read of uninitialised stack at fp${b}`);
  }
  const spilled = size === 8 ? frame.spills.get(from) : undefined;
  return spilled ?? UNKNOWN;
}

/** Marks bytes written and keeps an 8-byte aligned spill of anything but an unbounded number. */
function stackWrite(frame: Frame, from: number, size: number, value: Value): Value {
  frame.stack.fill(1, from + STACK_BYTES, from + size + STACK_BYTES);
  for (const slot of [...frame.spills.keys()]) {
    if (slot < from + size && from < slot + 8) frame.spills.delete(slot);
  }
  const worthKeeping = value.kind !== "scalar" || value.value !== undefined || value.min !== undefined || value.max !== undefined;
  if (size === 8 && from % 8 === 0 && worthKeeping) frame.spills.set(from, value);
  return value;
}

export function regionName(region: Region): string {
  switch (region.kind) {
    case "stack":
      return "the stack";
    case "memory":
      return region.name;
    case "map value":
      return `the value of map ${region.map.name}`;
    case "packet":
      return region.part === "meta" ? "the packet metadata" : "the packet";
  }
}
