// The Dataplane interface: how tests, benchmarks, the CLI and embedders drive
// any target (interp, wasm, ebpf, rmt) alike.
//
// A Dataplane processes packets and exposes a control plane over the
// program's tables and externs. Control-plane calls validate their input
// first (runtime/controlplane.ts does that once for every target) and throw a
// ControlPlaneError that leaves the state as it was.

import type * as ir from "../compiler/ir.js";

/** `ebpf` runs the XDP object in pnet's eBPF emulator; `kernel` runs the same object in the Linux kernel. */
export type TargetName = "interp" | "wasm" | "ebpf" | "kernel" | "rmt";

export interface PacketIn {
  readonly port: number;
  readonly data: Uint8Array;
  /** Arrival time in nanoseconds (std.timestamp); 0 when absent. */
  readonly timestampNs?: bigint;
}

export interface PacketOut {
  readonly port: number;
  readonly data: Uint8Array;
}

export interface DigestMessage {
  readonly digest: string;
  /** Field values by name, in declaration order. */
  readonly fields: Readonly<Record<string, bigint>>;
}

/** What happened to one input packet. */
export interface PacketResult {
  readonly verdict: ir.Verdict;
  /** Packets sent out of ports (one for forward/bounce, one per group port for multicast). */
  readonly outputs: readonly PacketOut[];
  /** Packets handed to the host stack (to_host). */
  readonly toHost: readonly Uint8Array[];
  readonly digests: readonly DigestMessage[];
  /** std.parser_error's name at the end of parsing ("NoError" when none). */
  readonly parserError: string;
}

// ------------------------------------------------------- control plane

/**
 * A key element as a user writes it. Strings take the STF notations
 * (`10.0.0.0/8`, `0x0a000000&&&0xff000000`, `0x0a******`, `1024..2047`, `*`,
 * MAC and IPv6 addresses); numbers and bigints are exact values; objects are
 * already structured.
 */
export type KeyInput = string | number | bigint | ir.KeyMatch;

/** Key elements by key name, as written in the table's key block (`ip.dst`). */
export type KeyInputs = Readonly<Record<string, KeyInput>>;

/** Action arguments by parameter name. */
export type ArgInputs = Readonly<Record<string, string | number | bigint>>;

export interface EntrySpec {
  readonly key: KeyInputs;
  readonly action: string;
  readonly args?: ArgInputs;
  /** Required when the table's match policy is "priority"; highest wins. */
  readonly priority?: number;
}

export interface CounterValue {
  readonly packets: bigint;
  readonly bytes: bigint;
}

export interface TableEntryView {
  readonly keys: readonly ir.KeyMatch[];
  readonly action: ir.ActionInvocation;
  readonly priority: number;
  /** True for entries from the program's `entries` block (they cannot be removed). */
  readonly isConst: boolean;
}

export interface TableControl {
  add(entry: EntrySpec): void;
  /** Changes the action of the entry with exactly this key. */
  modify(entry: EntrySpec): void;
  remove(key: KeyInputs, priority?: number): void;
  setDefault(action: string, args?: ArgInputs): void;
  entries(): TableEntryView[];
  /** Per-entry counters (tables with `counters;`). */
  readCounter(key: KeyInputs, priority?: number): CounterValue;
}

export interface CounterControl {
  read(index: number): CounterValue;
}

export interface RegisterControl {
  read(index: number): bigint;
  write(index: number, value: bigint | number): void;
}

/** RFC 2698 parameters: rates in bytes per second, bursts in bytes. */
export interface MeterConfig {
  readonly cir: bigint | number;
  readonly cburst: bigint | number;
  readonly pir: bigint | number;
  readonly pburst: bigint | number;
}

export interface MeterControl {
  configure(index: number, config: MeterConfig): void;
}

export interface Dataplane {
  readonly target: TargetName;
  readonly program: ir.Program;
  /** Processes packets in order; state changes (counters, registers, meters) carry over. */
  process(packets: readonly PacketIn[]): PacketResult[];
  readonly tables: Readonly<Record<string, TableControl>>;
  readonly counters: Readonly<Record<string, CounterControl>>;
  readonly registers: Readonly<Record<string, RegisterControl>>;
  readonly meters: Readonly<Record<string, MeterControl>>;
  setMulticastGroup(group: number, ports: readonly number[]): void;
  /** Releases what the target holds (kernel objects, workers). */
  close(): Promise<void>;
}

export type ControlPlaneErrorCode =
  | "unknown-table"
  | "unknown-action"
  | "unknown-key"
  | "missing-key"
  | "bad-value"
  | "value-too-wide"
  | "mask-outside-field"
  | "bad-prefix"
  | "bad-range"
  | "missing-priority"
  | "unexpected-priority"
  | "duplicate-entry"
  | "no-such-entry"
  | "const-entry"
  | "const-default"
  | "table-full"
  | "bad-arguments"
  | "index-out-of-range"
  | "unknown-extern";

/** A control-plane mistake; the dataplane's state is unchanged. */
export class ControlPlaneError extends Error {
  constructor(
    readonly code: ControlPlaneErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ControlPlaneError";
  }
}

/**
 * This target cannot run the program, or this input, here: a feature it
 * cannot map, a machine without the kernel path, a packet the kernel's test
 * runner refuses. Callers such as `pnet test --target all` report it as
 * "skipped" with the reason; any other exception is a bug.
 */
export class TargetUnavailableError extends Error {
  constructor(
    readonly target: TargetName,
    reason: string,
  ) {
    super(reason);
    this.name = "TargetUnavailableError";
  }
}
