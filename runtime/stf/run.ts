// The `.stf` runner: applies parsed commands to any Dataplane, in file order, and
// checks the expectations (spec: testing.md).
//
// Table, extern and multicast commands take effect for the packets after them;
// packets are processed as they come (consecutive ones in one batch); checks of
// counters and registers read the state at their line. Packet and digest
// expectations are matched after the last command, per port and in order.
// Every problem becomes an StfFailure naming its .stf line; nothing is thrown
// for a mistake in the file.

import { toHex } from "../craft.js";
import { ControlPlaneError } from "../dataplane.js";
import { controlOf } from "../controlplane.js";
import type { ArgInputs, Dataplane, DigestMessage, KeyInputs, PacketIn } from "../dataplane.js";
import { matchPattern, patternToText } from "./match.js";
import type { ExpectCommand, ExpectDigestCommand, StfCommand, StfNamedValue } from "./parse.js";

export type StfFailureKind =
  | "control-plane"
  | "packet-mismatch"
  | "unexpected-packet"
  | "missing-packet"
  | "counter"
  | "register"
  | "digest-mismatch"
  | "unexpected-digest"
  | "missing-digest";

export interface StfFailure {
  readonly kind: StfFailureKind;
  /** The .stf line: the expectation's, the check's, or the `packet` that caused an unexpected output. */
  readonly line: number;
  readonly message: string;
  readonly port?: number | "host";
  /** Expected bytes as hex digits (`*` wildcards, `$` when the length must match). */
  readonly expected?: string;
  /** Actual bytes as hex digits. */
  readonly actual?: string;
  /** The first byte where they differ (or where the shorter one ends). */
  readonly firstDifference?: number;
  /** The line of the `packet` command whose processing produced the actual packet. */
  readonly fromPacketLine?: number;
}

export interface StfReport {
  readonly ok: boolean;
  /** Sorted by line. */
  readonly failures: readonly StfFailure[];
  readonly packetsIn: number;
  readonly packetsOut: number;
  readonly toHost: number;
  readonly digests: number;
  /** Expectations and checks that were evaluated (passed or not). */
  readonly checks: number;
}

/** A packet that left the dataplane, remembered until expectations are matched. */
interface Emitted {
  readonly data: Uint8Array;
  readonly fromLine: number;
}

type PortKey = number | "host";

/** Applies every command and matches every expectation; `commands` come from parseStf. */
export function runStf(dataplane: Dataplane, commands: readonly StfCommand[]): StfReport {
  return new StfRun(dataplane).run(commands);
}

/**
 * Applies the control-plane commands of an entries file (`pnet run --entries`).
 * Packet, expectation and check lines are refused before anything is applied;
 * otherwise every command is applied and the failures (with their lines) are returned.
 */
export function applyEntriesFile(dataplane: Dataplane, commands: readonly StfCommand[]): StfFailure[] {
  const refused = commands.filter((c) => !CONTROL_PLANE_KINDS.has(c.kind));
  if (refused.length > 0) {
    return refused.map((c) => ({
      kind: "control-plane",
      line: c.line,
      message: `"${commandName(c)}" is not allowed in an entries file (only add, setdefault, remove, mcast, register_write and meter_set are); put packets and expectations in a test for \`pnet test\``,
    }));
  }
  const run = new StfRun(dataplane);
  for (const c of commands) run.apply(c);
  return run.sortedFailures();
}

const CONTROL_PLANE_KINDS: ReadonlySet<StfCommand["kind"]> = new Set([
  "add",
  "setdefault",
  "remove",
  "mcast",
  "register_write",
  "meter_set",
]);

function commandName(c: StfCommand): string {
  return c.kind === "check_table_counter" ? "check_counter" : c.kind;
}

class StfRun {
  private readonly failures: StfFailure[] = [];
  private readonly pending: { packet: PacketIn; line: number }[] = [];
  private readonly outputs = new Map<PortKey, Emitted[]>();
  private readonly expectations = new Map<PortKey, ExpectCommand[]>();
  private readonly digestsSeen: { message: DigestMessage; fromLine: number }[] = [];
  private readonly digestExpectations: ExpectDigestCommand[] = [];
  private timestampNs = 0n;
  private packetsIn = 0;
  private checks = 0;

  constructor(private readonly dp: Dataplane) {}

  run(commands: readonly StfCommand[]): StfReport {
    for (const c of commands) this.apply(c);
    this.flush();
    this.matchPackets();
    if (this.digestExpectations.length > 0) this.matchDigests();
    const failures = this.sortedFailures();
    const count = (k: PortKey | "ports"): number =>
      k === "ports"
        ? [...this.outputs].filter(([p]) => p !== "host").reduce((n, [, list]) => n + list.length, 0)
        : (this.outputs.get(k)?.length ?? 0);
    return {
      ok: failures.length === 0,
      failures,
      packetsIn: this.packetsIn,
      packetsOut: count("ports"),
      toHost: count("host"),
      digests: this.digestsSeen.length,
      checks: this.checks,
    };
  }

  sortedFailures(): StfFailure[] {
    return [...this.failures].sort((a, b) => a.line - b.line);
  }

  apply(c: StfCommand): void {
    switch (c.kind) {
      case "packet":
        this.pending.push({ packet: { port: c.port, data: c.data, timestampNs: this.timestampNs }, line: c.line });
        this.packetsIn++;
        return;
      case "time":
        this.timestampNs = c.ns;
        return;
      case "expect":
        listFor(this.expectations, c.port).push(c);
        this.checks++;
        return;
      case "expect_digest":
        this.controlPlane(c.line, () => this.checkDigestShape(c));
        this.digestExpectations.push(c);
        this.checks++;
        return;
      case "wait":
        return;
      default:
        this.flush();
        this.controlPlane(c.line, () => this.applyStateful(c));
    }
  }

  /** Commands that change or read state: the packets before them have run. */
  private applyStateful(c: Exclude<StfCommand, { kind: "packet" | "time" | "expect" | "expect_digest" | "wait" }>): void {
    switch (c.kind) {
      case "add": {
        const table = this.table(c.table);
        table.add({ key: this.keys(c.keys), action: c.call.action, args: this.args(c.call.args), ...priority(c.priority) });
        return;
      }
      case "setdefault":
        this.table(c.table).setDefault(c.call.action, this.args(c.call.args));
        return;
      case "remove":
        this.table(c.table).remove(this.keys(c.keys), c.priority);
        return;
      case "mcast":
        this.dp.setMulticastGroup(c.group, c.ports);
        return;
      case "register_write":
        controlOf(this.dp, "registers", c.register).write(c.index, c.value);
        return;
      case "meter_set":
        controlOf(this.dp, "meters", c.meter).configure(c.index, { cir: c.cir, cburst: c.cburst, pir: c.pir, pburst: c.pburst });
        return;
      case "check_counter": {
        this.checks++;
        if (Object.hasOwn(this.dp.tables, c.counter) && !Object.hasOwn(this.dp.counters, c.counter)) {
          throw new StfLineError(`"${c.counter}" is a table: name the entry by its key, as in add (check_counter ${c.counter} <key>:<value> … packets <n>)`);
        }
        const value = controlOf(this.dp, "counters", c.counter).read(c.index);
        this.checkCounter(c.line, `counter ${c.counter}[${c.index}]`, c.expected, value);
        return;
      }
      case "check_table_counter": {
        this.checks++;
        const value = this.table(c.table).readCounter(this.keys(c.keys), c.priority);
        const entry = [c.table, ...(c.priority !== undefined ? [String(c.priority)] : []), ...c.keys.map((k) => `${k.name}:${k.value}`)].join(" ");
        this.checkCounter(c.line, `entry ${entry}`, c.expected, value);
        return;
      }
      case "check_register": {
        this.checks++;
        const actual = controlOf(this.dp, "registers", c.register).read(c.index);
        if (actual !== c.value) {
          this.failures.push({
            kind: "register",
            line: c.line,
            message: `register ${c.register}[${c.index}] is ${showInt(actual)}, expected ${showInt(c.value)}`,
          });
        }
        return;
      }
    }
  }

  private checkCounter(line: number, what: string, expected: { packets: bigint; bytes?: bigint }, actual: { packets: bigint; bytes: bigint }): void {
    const bytesWrong = expected.bytes !== undefined && expected.bytes !== actual.bytes;
    if (expected.packets === actual.packets && !bytesWrong) return;
    const want = `packets ${expected.packets}${expected.bytes !== undefined ? ` bytes ${expected.bytes}` : ""}`;
    const got = `packets ${actual.packets}${expected.bytes !== undefined ? ` bytes ${actual.bytes}` : ""}`;
    this.failures.push({ kind: "counter", line, message: `${what}: expected ${want}, got ${got}` });
  }

  /** Runs a control-plane step; a mistake becomes a failure at the command's line. */
  private controlPlane(line: number, step: () => void): void {
    try {
      step();
    } catch (err) {
      if (!(err instanceof ControlPlaneError || err instanceof StfLineError)) throw err;
      this.failures.push({ kind: "control-plane", line, message: err.message });
    }
  }

  private table(name: string) {
    return controlOf(this.dp, "tables", name);
  }

  private keys(keys: readonly StfNamedValue[]): KeyInputs {
    return byName(keys, "key");
  }

  private args(args: readonly StfNamedValue[]): ArgInputs {
    return byName(args, "argument");
  }

  private checkDigestShape(c: ExpectDigestCommand): void {
    const digest = this.dp.program.digests.find((d) => d.name === c.digest);
    if (!digest) throw new StfLineError(`no digest named "${c.digest}"${known(this.dp.program.digests.map((d) => d.name), "digests")}`);
    for (const f of c.fields) {
      if (!digest.fields.some((g) => g.name === f.name)) {
        throw new StfLineError(`digest ${c.digest} has no field "${f.name}"${known(digest.fields.map((g) => g.name), "fields")}`);
      }
    }
  }

  /** Processes the packets queued since the last state change, in one batch. */
  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0);
    const results = this.dp.process(batch.map((p) => p.packet));
    results.forEach((result, i) => {
      const fromLine = batch[i]!.line;
      for (const out of result.outputs) listFor(this.outputs, out.port).push({ data: out.data, fromLine });
      for (const data of result.toHost) listFor(this.outputs, "host").push({ data, fromLine });
      for (const message of result.digests) this.digestsSeen.push({ message, fromLine });
    });
  }

  private matchPackets(): void {
    const ports = new Set<PortKey>([...this.outputs.keys(), ...this.expectations.keys()]);
    for (const port of ports) {
      const outs = this.outputs.get(port) ?? [];
      const wants = this.expectations.get(port) ?? [];
      for (let i = 0; i < Math.max(outs.length, wants.length); i++) {
        const out = outs[i];
        const want = wants[i];
        if (want && out) this.matchOne(want, out);
        else if (out) this.failures.push(unexpectedPacket(port, out));
        else if (want) this.failures.push(missingPacket(want, outs.length));
      }
    }
  }

  private matchOne(want: ExpectCommand, out: Emitted): void {
    if (!want.pattern) return;
    const result = matchPattern(want.pattern, out.data);
    if (result.ok) return;
    this.failures.push({
      kind: "packet-mismatch",
      line: want.line,
      message: `${portName(want.port)}: ${result.reason}`,
      port: want.port,
      expected: patternToText(want.pattern),
      actual: toHex(out.data),
      firstDifference: result.offset,
      fromPacketLine: out.fromLine,
    });
  }

  private matchDigests(): void {
    const n = Math.max(this.digestsSeen.length, this.digestExpectations.length);
    for (let i = 0; i < n; i++) {
      const seen = this.digestsSeen[i];
      const want = this.digestExpectations[i];
      if (want && seen) {
        const problem = digestDifference(want, seen.message);
        if (problem) this.failures.push({ kind: "digest-mismatch", line: want.line, message: `${problem}; the digest came from the packet at line ${seen.fromLine}`, fromPacketLine: seen.fromLine });
      } else if (seen) {
        this.failures.push({
          kind: "unexpected-digest",
          line: seen.fromLine,
          message: `digest ${showDigest(seen.message)} was sent but no expect_digest was left for it`,
          fromPacketLine: seen.fromLine,
        });
      } else if (want) {
        this.failures.push({ kind: "missing-digest", line: want.line, message: `expected digest ${want.digest}, but only ${this.digestsSeen.length} digest(s) were sent` });
      }
    }
  }
}

/** A mistake in a command that the runner itself detects (unknown name, duplicate key). */
class StfLineError extends Error {}

function listFor<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** Values by name; Object.fromEntries makes even a `__proto__` key an ordinary property. */
function byName(values: readonly StfNamedValue[], what: string): Record<string, string> {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v.name)) throw new StfLineError(`${what} "${v.name}" is given twice`);
    seen.add(v.name);
  }
  return Object.fromEntries(values.map((v) => [v.name, v.value]));
}

function priority(p: number | undefined): { priority?: number } {
  return p === undefined ? {} : { priority: p };
}

function known(names: readonly string[], what: string): string {
  return names.length === 0 ? ` (the program has no ${what})` : ` (${what}: ${names.join(", ")})`;
}

function portName(port: PortKey): string {
  return port === "host" ? "host" : `port ${port}`;
}

function showInt(v: bigint): string {
  return v < 10n ? String(v) : `${v} (0x${v.toString(16)})`;
}

function unexpectedPacket(port: PortKey, out: Emitted): StfFailure {
  const where = port === "host" ? "a packet was handed to the host" : `a packet left on port ${port}`;
  return {
    kind: "unexpected-packet",
    line: out.fromLine,
    message: `${where} with no expectation left for it (a packet with no expect must be dropped)`,
    port,
    actual: toHex(out.data),
    fromPacketLine: out.fromLine,
  };
}

function missingPacket(want: ExpectCommand, came: number): StfFailure {
  const what = want.port === "host" ? "a packet handed to the host" : `a packet on port ${want.port}`;
  return {
    kind: "missing-packet",
    line: want.line,
    message: `expected ${what}, but none came (${came} packet${came === 1 ? "" : "s"} came there in all)`,
    port: want.port,
    ...(want.pattern ? { expected: patternToText(want.pattern) } : {}),
  };
}

function digestDifference(want: ExpectDigestCommand, seen: DigestMessage): string | undefined {
  if (seen.digest !== want.digest) return `expected digest ${want.digest}, got ${showDigest(seen)}`;
  const wrong = want.fields.filter((f) => seen.fields[f.name] !== f.value);
  if (wrong.length === 0) return undefined;
  const details = wrong.map((f) => `${f.name} is ${showInt(seen.fields[f.name] ?? 0n)}, expected ${showInt(f.value)}`);
  return `digest ${want.digest}: ${details.join("; ")}`;
}

function showDigest(d: DigestMessage): string {
  const fields = Object.entries(d.fields).map(([k, v]) => `${k}:0x${v.toString(16)}`);
  return `${d.digest}(${fields.join(", ")})`;
}
