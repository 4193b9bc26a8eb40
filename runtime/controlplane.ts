// Control-plane input: validation and normalisation, once, for every target.
//
// Every target's control plane (table entries, default actions, counters,
// registers, meters, multicast groups) takes user input through the functions
// here, so a bad key or a wrong argument gets the same ControlPlaneError, with
// the same message, on interp, wasm, ebpf and rmt. Each function validates
// completely before anything changes, so a failed call leaves the state as it
// was. EntryStore holds a table's entries in normalised form (duplicate
// detection, const entries, capacity); a target mirrors it into its own
// structures through TableControl hooks. Decisions are listed in docs/interp.md.

import * as ir from "../compiler/ir.js";
import type { MeterRates } from "../compiler/meter.js";
import {
  ControlPlaneError,
  type ArgInputs,
  type CounterValue,
  type Dataplane,
  type EntrySpec,
  type KeyInput,
  type KeyInputs,
  type MeterConfig,
  type PacketIn,
  type TableControl,
  type TableEntryView,
} from "./dataplane.js";
import { parseKey, parseValue, ValueError, type ParsedKey } from "./values.js";

const hex = (v: bigint): string => "0x" + v.toString(16);

// ---------------------------------------------------------------- plain values

/** A user's number, bigint or value text as a non-negative bigint; `what` names it in messages. */
export function toBigInt(input: string | number | bigint, what: string): bigint {
  if (typeof input === "bigint") {
    if (input < 0n) throw new ControlPlaneError("bad-value", `${what}: ${input} is negative; values are unsigned`);
    return input;
  }
  if (typeof input === "number") {
    if (!Number.isSafeInteger(input) || input < 0) {
      throw new ControlPlaneError(
        "bad-value",
        `${what}: ${input} is not a non-negative integer (use a bigint for values above 2^53)`,
      );
    }
    return BigInt(input);
  }
  if (input.trim() === "true") return 1n;
  if (input.trim() === "false") return 0n;
  try {
    return parseValue(input);
  } catch (e) {
    if (e instanceof ValueError) throw new ControlPlaneError("bad-value", `${what}: ${e.message}`);
    throw e;
  }
}

/** A value that must fit `width` bits. */
export function fitValue(input: string | number | bigint, width: number, what: string): bigint {
  const v = toBigInt(input, what);
  if (v > ir.mask(width)) {
    throw new ControlPlaneError("value-too-wide", `${what}: ${hex(v)} does not fit in bit<${width}> (at most ${hex(ir.mask(width))})`);
  }
  return v;
}

// ---------------------------------------------------------------- lookups

/** The implicit no-op action, for IR whose Program.actions does not declare it (lowering adds it when a table lists it). */
const NO_ACTION: ir.Action = {
  name: ir.NO_ACTION,
  params: [],
  body: [],
  span: { file: "<builtin>", start: 0, end: 0, line: 0, col: 0 },
};

/** An action by name; `NoAction` is always known. */
export function findAction(program: ir.Program, name: string): ir.Action | undefined {
  return program.actions.find((a) => a.name === name) ?? (name === ir.NO_ACTION ? NO_ACTION : undefined);
}

type ControlKind = "tables" | "counters" | "registers" | "meters";

/**
 * A table's or extern's control from a Dataplane by name, with a typed error
 * for an unknown name (what the STF runner and the CLI use).
 */
export function controlOf<K extends ControlKind>(dp: Dataplane, kind: K, name: string): Dataplane[K][string] {
  // Own properties only: a name like `toString` must not find Object.prototype's.
  if (Object.hasOwn(dp[kind], name)) return dp[kind][name] as Dataplane[K][string];
  const known = Object.keys(dp[kind]).join(", ") || "none";
  const what = kind.slice(0, -1);
  throw new ControlPlaneError(kind === "tables" ? "unknown-table" : "unknown-extern", `no ${what} named '${name}' (${kind}: ${known})`);
}

// ---------------------------------------------------------------- keys

/** The KeyMatch of one key element, fitted to and checked against the key. */
export function normaliseKeyMatch(table: ir.Table, key: ir.TableKey, input: KeyInput): ir.KeyMatch {
  const what = `table ${table.name}, key '${key.name}' (${key.matchKind}, bit<${key.width}>)`;
  const match =
    typeof input === "object" ? input : typeof input === "string" ? fromText(input, key, what) : fromParsed({ form: "value", value: toBigInt(input, what) }, key, what);
  return checkKeyMatch(match, key, what);
}

function fromText(text: string, key: ir.TableKey, what: string): ir.KeyMatch {
  try {
    return fromParsed(parseKey(text), key, what);
  } catch (e) {
    if (e instanceof ValueError) throw new ControlPlaneError("bad-value", `${what}: ${e.message}`);
    throw e;
  }
}

const FORMS: Record<ir.MatchKind, string> = {
  exact: "a value (10.0.0.1, 0x0a000001, 00:1b:21:3c:4d:5e)",
  lpm: "value/prefix-length (10.0.0.0/8), value&&&prefix-mask, a value, or * for /0",
  ternary: "value&&&mask (0x0a000000&&&0xff000000), hex with * nibbles (0x0a******), value/prefix-length, a value, or *",
  range: "lo..hi (1024..2047), a value, or *",
  optional: "a value, or * for any",
};

export { prefixMask } from "../compiler/ir.js";

/** Maps a notation onto the key's match kind (the forms the language's `entries` accept too); a notation the kind does not take is an error. */
function fromParsed(p: ParsedKey, key: ir.TableKey, what: string): ir.KeyMatch {
  const full = ir.mask(key.width);
  switch (key.matchKind) {
    case "exact":
      if (p.form === "value") return { kind: "exact", value: p.value };
      break;
    case "lpm":
      if (p.form === "value") return { kind: "lpm", value: p.value, prefixLength: key.width };
      if (p.form === "prefix") return { kind: "lpm", value: p.value, prefixLength: p.prefixLength };
      if (p.form === "mask") {
        const prefixLength = ir.prefixLengthOf(p.mask, key.width);
        if (prefixLength >= 0) return { kind: "lpm", value: p.value, prefixLength };
      }
      if (p.form === "any") return { kind: "lpm", value: 0n, prefixLength: 0 };
      break;
    case "ternary":
      if (p.form === "value") return { kind: "ternary", value: p.value, mask: full };
      if (p.form === "mask") return { kind: "ternary", value: p.value, mask: p.mask };
      if (p.form === "prefix" && p.prefixLength <= key.width) return { kind: "ternary", value: p.value, mask: ir.prefixMask(p.prefixLength, key.width) };
      if (p.form === "wildcard-digits") return { kind: "ternary", value: p.value, mask: full & ~p.wildcard };
      if (p.form === "any") return { kind: "ternary", value: 0n, mask: 0n };
      break;
    case "range":
      if (p.form === "value") return { kind: "range", lo: p.value, hi: p.value };
      if (p.form === "range") return { kind: "range", lo: p.lo, hi: p.hi };
      if (p.form === "any") return { kind: "range", lo: 0n, hi: full };
      break;
    case "optional":
      if (p.form === "value") return { kind: "optional", value: p.value };
      if (p.form === "any") return { kind: "optional" };
      break;
  }
  throw new ControlPlaneError("bad-value", `${what}: this notation is not for ${key.matchKind} keys; write ${FORMS[key.matchKind]}`);
}

/**
 * Checks a structured KeyMatch against its key: the kind, every value within
 * the width, no mask bits outside the field, no value bits outside the mask,
 * prefix length within the width and no host bits, lo ≤ hi.
 */
export function checkKeyMatch(m: ir.KeyMatch, key: ir.TableKey, what: string): ir.KeyMatch {
  if (m.kind !== key.matchKind) {
    throw new ControlPlaneError("bad-value", `${what}: a ${m.kind} match was given for a ${key.matchKind} key`);
  }
  const full = ir.mask(key.width);
  const fits = (v: bigint, name: string): void => {
    if (typeof v !== "bigint" || v < 0n) throw new ControlPlaneError("bad-value", `${what}: ${name} must be a non-negative bigint`);
    if (v > full) {
      throw new ControlPlaneError("value-too-wide", `${what}: ${name} ${hex(v)} does not fit in bit<${key.width}> (at most ${hex(full)})`);
    }
  };
  switch (m.kind) {
    case "exact":
      fits(m.value, "value");
      return { kind: "exact", value: m.value };
    case "lpm": {
      if (!Number.isInteger(m.prefixLength) || m.prefixLength < 0 || m.prefixLength > key.width) {
        throw new ControlPlaneError("bad-prefix", `${what}: prefix length /${m.prefixLength} is not between /0 and /${key.width}`);
      }
      fits(m.value, "value");
      const host = full >> BigInt(m.prefixLength);
      if ((m.value & host) !== 0n) {
        throw new ControlPlaneError(
          "bad-prefix",
          `${what}: ${hex(m.value)}/${m.prefixLength} has bits set after the prefix; write ${hex(m.value & ~host)}/${m.prefixLength}`,
        );
      }
      return { kind: "lpm", value: m.value, prefixLength: m.prefixLength };
    }
    case "ternary":
      fits(m.value, "value");
      if (typeof m.mask !== "bigint" || m.mask < 0n) throw new ControlPlaneError("bad-value", `${what}: mask must be a non-negative bigint`);
      if ((m.mask & ~full) !== 0n) {
        throw new ControlPlaneError("mask-outside-field", `${what}: mask ${hex(m.mask)} has bits set outside the ${key.width}-bit field`);
      }
      if ((m.value & ~m.mask) !== 0n) {
        throw new ControlPlaneError(
          "bad-value",
          `${what}: value ${hex(m.value)} has bits set where mask ${hex(m.mask)} is 0; write ${hex(m.value & m.mask)}&&&${hex(m.mask)}`,
        );
      }
      return { kind: "ternary", value: m.value, mask: m.mask };
    case "range":
      fits(m.lo, "low end");
      fits(m.hi, "high end");
      if (m.lo > m.hi) throw new ControlPlaneError("bad-range", `${what}: range ${m.lo}..${m.hi} is empty (low end above high end)`);
      return { kind: "range", lo: m.lo, hi: m.hi };
    case "optional":
      if (m.value === undefined) return { kind: "optional" };
      fits(m.value, "value");
      return { kind: "optional", value: m.value };
  }
}

/** Every key of the table, by name; unknown and missing names are errors. */
export function normaliseKeys(table: ir.Table, inputs: KeyInputs): ir.KeyMatch[] {
  const known = new Set(table.keys.map((k) => k.name));
  for (const name of Object.keys(inputs)) {
    if (!known.has(name)) {
      const names = table.keys.map((k) => k.name).join(", ") || "none";
      throw new ControlPlaneError("unknown-key", `table ${table.name} has no key '${name}' (keys: ${names})`);
    }
  }
  return table.keys.map((key) => {
    const input = inputs[key.name];
    if (input === undefined) {
      throw new ControlPlaneError("missing-key", `table ${table.name}: no value for key '${key.name}' (write * for "any" where the match kind allows it)`);
    }
    return normaliseKeyMatch(table, key, input);
  });
}

/** The largest priority accepted: priorities fit 32 unsigned bits on every target. */
export const MAX_PRIORITY = 0xffff_ffff;

/** The entry's priority: required for "priority" tables, refused otherwise (then 0). */
export function normalisePriority(table: ir.Table, priority: number | undefined): number {
  if (ir.matchPolicy(table) !== "priority") {
    if (priority !== undefined) {
      throw new ControlPlaneError(
        "unexpected-priority",
        `table ${table.name} takes no priority: with only exact and lpm keys, the ${ir.matchPolicy(table) === "lpm" ? "longest prefix" : "exact key"} decides`,
      );
    }
    return 0;
  }
  if (priority === undefined) {
    throw new ControlPlaneError("missing-priority", `table ${table.name} has ternary, range or optional keys: each entry needs a priority (highest wins)`);
  }
  if (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY) {
    throw new ControlPlaneError("bad-value", `table ${table.name}: priority ${priority} is not an integer from 0 to ${MAX_PRIORITY}`);
  }
  return priority;
}

// ---------------------------------------------------------------- actions

/** An action call checked against the program and the table's action list (which includes its default action). */
export function normaliseAction(program: ir.Program, table: ir.Table, name: string, args: ArgInputs | undefined): ir.ActionInvocation {
  const action = findAction(program, name);
  if (!action || !table.actions.includes(name)) {
    const list = table.actions.join(", ") || "none";
    const why = action ? `is not one of table ${table.name}'s actions` : "does not exist";
    throw new ControlPlaneError("unknown-action", `action '${name}' ${why} (table ${table.name} has: ${list})`);
  }
  return normaliseArgs(action, args ?? {});
}

/** Arguments by parameter name: every parameter exactly once, each within its width. */
export function normaliseArgs(action: ir.Action, args: ArgInputs): ir.ActionInvocation {
  const params = action.params.map((p) => p.name);
  const signature = `${action.name}(${action.params.map((p) => `${p.name}: ${ir.typeToString(p.type)}`).join(", ")})`;
  for (const name of Object.keys(args)) {
    if (!params.includes(name)) {
      throw new ControlPlaneError("bad-arguments", `action ${action.name} has no parameter '${name}' (it is ${signature})`);
    }
  }
  const values = action.params.map((p) => {
    const input = args[p.name];
    if (input === undefined) throw new ControlPlaneError("bad-arguments", `action ${action.name}: no value for parameter '${p.name}' (it is ${signature})`);
    return fitValue(input, ir.widthOf(p.type), `action ${action.name}, parameter '${p.name}'`);
  });
  return { action: action.name, args: values };
}

/** A whole entry: keys, action, priority. */
export interface NormalisedEntry {
  readonly keys: readonly ir.KeyMatch[];
  readonly action: ir.ActionInvocation;
  readonly priority: number;
}

export function normaliseEntry(program: ir.Program, table: ir.Table, spec: EntrySpec): NormalisedEntry {
  return {
    keys: normaliseKeys(table, spec.key),
    priority: normalisePriority(table, spec.priority),
    action: normaliseAction(program, table, spec.action, spec.args),
  };
}

/** A canonical text of normalised keys: two entries collide exactly when these are equal. */
export function keyIdentity(keys: readonly ir.KeyMatch[]): string {
  return keys
    .map((k) => {
      switch (k.kind) {
        case "exact": return `e${k.value.toString(16)}`;
        case "lpm": return `l${k.value.toString(16)}/${k.prefixLength}`;
        case "ternary": return `t${k.value.toString(16)}&${k.mask.toString(16)}`;
        case "range": return `r${k.lo.toString(16)}-${k.hi.toString(16)}`;
        case "optional": return k.value === undefined ? "o*" : `o${k.value.toString(16)}`;
      }
    })
    .join(",");
}

// ---------------------------------------------------------------- entry store

/** An entry as a store holds it. `id` is unique in the store, increases with insertion and survives `modify`. */
export interface StoredEntry extends NormalisedEntry {
  readonly id: number;
  readonly isConst: boolean;
}

/**
 * The entries of one table, normalised, in insertion order (const entries
 * first, in source order): the target-independent half of a table.
 * Capacity: `table.size` counts the const entries too, so at most
 * `size - entries.length` entries can be added at run time. An entry is
 * identified by its keys; for a "priority" table, addressing it (modify,
 * remove, counters) also needs its priority.
 */
export class EntryStore {
  private readonly byKey = new Map<string, StoredEntry>();
  private nextId = 0;
  private defaultInvocation: ir.ActionInvocation;
  /** Incremented by every change, so a target can rebuild derived structures lazily. */
  version = 0;

  constructor(
    readonly program: ir.Program,
    readonly table: ir.Table,
  ) {
    this.defaultInvocation = table.defaultAction;
    for (const e of table.entries) {
      const identity = keyIdentity(e.keys);
      if (this.byKey.has(identity)) {
        throw new Error(`internal error: table ${table.name} has two const entries with the same key (${e.span.file}:${e.span.line})`);
      }
      this.byKey.set(identity, { id: this.nextId++, keys: e.keys, action: e.action, priority: e.priority, isConst: true });
    }
  }

  get defaultAction(): ir.ActionInvocation {
    return this.defaultInvocation;
  }

  /** Entries in insertion order. */
  list(): StoredEntry[] {
    return [...this.byKey.values()];
  }

  get count(): number {
    return this.byKey.size;
  }

  /** Adds an entry; `admit` (a target's own limits) may refuse it after the store's checks, before anything changes. */
  add(spec: EntrySpec, admit?: (entry: NormalisedEntry) => void): StoredEntry {
    const e = normaliseEntry(this.program, this.table, spec);
    const identity = keyIdentity(e.keys);
    const existing = this.byKey.get(identity);
    if (existing) {
      throw new ControlPlaneError(
        "duplicate-entry",
        `table ${this.table.name} already has an entry with this key${existing.isConst ? " (a const entry)" : ""}; use modify to change its action`,
      );
    }
    if (this.byKey.size >= this.table.size) {
      throw new ControlPlaneError(
        "table-full",
        `table ${this.table.name} is full: size = ${this.table.size}, of which ${this.table.entries.length} const entries`,
      );
    }
    admit?.(e);
    const stored: StoredEntry = { ...e, id: this.nextId++, isConst: false };
    this.byKey.set(identity, stored);
    this.version++;
    return stored;
  }

  /** Replaces the action of the entry with exactly this key and priority; the id (and so its counters) stays. */
  modify(spec: EntrySpec): StoredEntry {
    const existing = this.find(spec.key, spec.priority);
    if (existing.isConst) throw new ControlPlaneError("const-entry", `table ${this.table.name}: const entries (from the program's entries block) cannot be changed`);
    const action = normaliseAction(this.program, this.table, spec.action, spec.args);
    const updated: StoredEntry = { ...existing, action };
    this.byKey.set(keyIdentity(existing.keys), updated);
    this.version++;
    return updated;
  }

  remove(key: KeyInputs, priority?: number): StoredEntry {
    const existing = this.find(key, priority);
    if (existing.isConst) throw new ControlPlaneError("const-entry", `table ${this.table.name}: const entries (from the program's entries block) cannot be removed`);
    this.byKey.delete(keyIdentity(existing.keys));
    this.version++;
    return existing;
  }

  /** The entry with exactly this key (and priority, for a "priority" table). */
  find(key: KeyInputs, priority?: number): StoredEntry {
    const keys = normaliseKeys(this.table, key);
    const p = normalisePriority(this.table, priority);
    const existing = this.byKey.get(keyIdentity(keys));
    if (!existing) throw new ControlPlaneError("no-such-entry", `table ${this.table.name} has no entry with this key`);
    if (ir.matchPolicy(this.table) === "priority" && existing.priority !== p) {
      throw new ControlPlaneError("no-such-entry", `table ${this.table.name}: the entry with this key has priority ${existing.priority}, not ${p}`);
    }
    return existing;
  }

  setDefault(action: string, args?: ArgInputs): ir.ActionInvocation {
    const invocation = normaliseAction(this.program, this.table, action, args);
    if (this.table.defaultIsConst) {
      throw new ControlPlaneError("const-default", `table ${this.table.name} has a const default_action; it cannot be changed at run time`);
    }
    this.defaultInvocation = invocation;
    this.version++;
    return invocation;
  }

  views(): TableEntryView[] {
    return this.list().map((e) => ({ keys: e.keys, action: e.action, priority: e.priority, isConst: e.isConst }));
  }
}

/**
 * One successful change to a store, as tableControl reports it: the entry
 * added, the entry as modified (same id and keys), the entry removed, or a
 * new default action (read it from the store).
 */
export type TableChange =
  | { readonly kind: "add" | "modify" | "remove"; readonly entry: StoredEntry }
  | { readonly kind: "default" };

/** What a target supplies to turn an EntryStore into a TableControl. */
export interface TableHooks {
  /** Called after every successful change with that change, so a target can mirror just it into its own structures. */
  readonly changed?: (store: EntryStore, change: TableChange) => void;
  /** Called before an entry is added, after the store's own checks: throws a ControlPlaneError when the target cannot hold it. */
  readonly admit?: (entry: NormalisedEntry) => void;
  /** The per-entry counter of a stored entry (only called for tables with `counters;`). */
  readonly readCounter: (entry: StoredEntry) => CounterValue;
}

/** The TableControl of a store: validation by the store, mirroring by the target. */
export function tableControl(store: EntryStore, hooks: TableHooks): TableControl {
  const changed = (change: TableChange): void => hooks.changed?.(store, change);
  return {
    add: (entry) => changed({ kind: "add", entry: store.add(entry, hooks.admit) }),
    modify: (entry) => changed({ kind: "modify", entry: store.modify(entry) }),
    remove: (key, priority) => changed({ kind: "remove", entry: store.remove(key, priority) }),
    setDefault: (action, args) => {
      store.setDefault(action, args);
      changed({ kind: "default" });
    },
    entries: () => store.views(),
    readCounter: (key, priority) => {
      if (!store.table.counters) {
        throw new ControlPlaneError("unknown-extern", `table ${store.table.name} has no per-entry counters (declare \`counters;\` in the table)`);
      }
      return hooks.readCounter(store.find(key, priority));
    },
  };
}

// ---------------------------------------------------------------- externs

/** An extern index: an integer in 0..size-1. */
export function checkIndex(what: string, size: number, index: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new ControlPlaneError("index-out-of-range", `${what}: index ${index} is not in 0..${size - 1}`);
  }
  return index;
}

/** A register cell's new value, within the register's width. */
export function normaliseRegisterValue(register: ir.Register, value: bigint | number): bigint {
  return fitValue(value, register.width, `register ${register.name}`);
}

/** Meter parameters as bigints (rates in bytes/s, bursts in bytes). */
export type NormalisedMeterConfig = MeterRates;

/** Upper bounds that keep the meter arithmetic of docs/interp.md within 64 bits on every target. */
export const MAX_METER_RATE = (1n << 40n) - 1n;
export const MAX_METER_BURST = (1n << 32n) - 1n;

/** RFC 2698: PIR ≥ CIR, both bursts > 0; rates below 2^40 bytes/s, bursts below 2^32 bytes. */
export function normaliseMeterConfig(meter: ir.Meter, config: MeterConfig): NormalisedMeterConfig {
  const what = `meter ${meter.name}`;
  const get = (name: keyof MeterConfig, max: bigint): bigint => {
    const input = config[name];
    if (input === undefined) throw new ControlPlaneError("bad-value", `${what}: '${name}' is missing (give cir, cburst, pir, pburst)`);
    const v = toBigInt(input, `${what}, ${name}`);
    if (v > max) throw new ControlPlaneError("bad-value", `${what}: ${name} = ${v} is above the limit ${max}`);
    return v;
  };
  const c = {
    cir: get("cir", MAX_METER_RATE),
    cburst: get("cburst", MAX_METER_BURST),
    pir: get("pir", MAX_METER_RATE),
    pburst: get("pburst", MAX_METER_BURST),
  };
  if (c.pir < c.cir) throw new ControlPlaneError("bad-value", `${what}: pir (${c.pir}) must be at least cir (${c.cir}) (RFC 2698)`);
  if (c.cburst === 0n || c.pburst === 0n) throw new ControlPlaneError("bad-value", `${what}: cburst and pburst must be greater than 0 (RFC 2698)`);
  return c;
}

/** Ports and groups are 16-bit numbers. */
export const MAX_PORT = 0xffff;

/** A multicast group's id and ports: 16-bit numbers, no port twice; an empty list removes the group. */
export function normaliseMulticastGroup(group: number, ports: readonly number[]): { group: number; ports: number[] } {
  if (!Number.isInteger(group) || group < 0 || group > MAX_PORT) {
    throw new ControlPlaneError("bad-value", `multicast group ${group} is not an integer from 0 to ${MAX_PORT}`);
  }
  const seen = new Set<number>();
  for (const p of ports) {
    if (!Number.isInteger(p) || p < 0 || p > MAX_PORT) {
      throw new ControlPlaneError("bad-value", `multicast group ${group}: port ${p} is not an integer from 0 to ${MAX_PORT}`);
    }
    if (seen.has(p)) throw new ControlPlaneError("bad-value", `multicast group ${group}: port ${p} is listed twice`);
    seen.add(p);
  }
  return { group, ports: [...ports] };
}

// ---------------------------------------------------------------- packets handed to process()

/** The largest std.timestamp: a 64-bit nanosecond count. */
export const MAX_TIMESTAMP = (1n << 64n) - 1n;

/**
 * A caller's mistake in a PacketIn (a malformed packet is never an error): a
 * port outside 0..65535, data that is not bytes, a timestamp that is not a
 * bigint from 0 to 2^64-1. `n` is its index in the batch. Not control plane,
 * but the same rule: every target refuses the same input with the same message.
 */
export function checkPacketIn(p: PacketIn, n: number): PacketIn {
  if (!Number.isInteger(p.port) || p.port < 0 || p.port > 0xffff) throw new RangeError(`packet ${n}: port ${p.port} is not an integer from 0 to 65535`);
  if (!(p.data instanceof Uint8Array)) throw new TypeError(`packet ${n}: data must be a Uint8Array`);
  const t = p.timestampNs;
  if (t !== undefined && (typeof t !== "bigint" || t < 0n || t > MAX_TIMESTAMP)) {
    throw new RangeError(`packet ${n}: timestampNs ${t} is not a bigint from 0 to 2^64-1`);
  }
  return p;
}
