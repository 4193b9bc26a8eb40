// A tiny hand-written Dataplane for testing the .stf runner without a compiler:
// its behaviour is simple enough that every expected value in the tests can be
// worked out by hand.
//
//   - table `fwd`, key `dst` (exact) = the packet's first byte; actions
//     `send(port)`, `punt()` (to the host), `drop()`; default `drop()`;
//     per-entry counters;
//   - first byte 0xff: multicast to group 1 (except the ingress port);
//   - counter `pkts[port]` counts every packet by ingress port;
//   - register `last[port]` holds the first byte of the last packet from that port;
//   - second byte 0xdd: digest `learn { src: third byte, port: ingress port }`;
//   - meter `rate` only records its configuration; timestamps are recorded too.

import { ControlPlaneError } from "../../runtime/dataplane.js";
import type {
  ArgInputs, CounterValue, Dataplane, EntrySpec, KeyInputs, MeterConfig, PacketIn, PacketResult, TableControl,
} from "../../runtime/dataplane.js";
import type * as ir from "../../compiler/ir.js";

interface Entry {
  action: string;
  args: bigint[];
  packets: bigint;
  bytes: bigint;
}

const ACTIONS: Record<string, string[]> = { send: ["port"], punt: [], drop: [] };

function value(v: string | number | bigint | ir.KeyMatch | undefined, what: string): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return BigInt(v);
  if (typeof v === "string" && /^(0x[0-9a-f]+|[0-9]+)$/i.test(v)) return BigInt(v);
  throw new ControlPlaneError("bad-value", `bad value ${String(v)} for ${what}`);
}

export class FakeDataplane implements Dataplane {
  readonly target = "interp" as const;
  readonly program = {
    digests: [{ name: "learn", fields: [{ name: "src", width: 8 }, { name: "port", width: 16 }] }],
  } as unknown as ir.Program;

  /** Every batch passed to process(), to check batching. */
  readonly batches: PacketIn[][] = [];
  readonly timestamps: bigint[] = [];
  readonly meterConfigs: string[] = [];
  private readonly fwd = new Map<bigint, Entry>();
  private defaultAction: { action: string; args: bigint[] } = { action: "drop", args: [] };
  private readonly pkts = Array.from({ length: 4 }, () => ({ packets: 0n, bytes: 0n }));
  private readonly last = [0n, 0n, 0n, 0n];
  private groupPorts: number[] = [];

  readonly tables: Record<string, TableControl> = { fwd: this.fwdControl() };
  readonly counters = { pkts: { read: (i: number): CounterValue => ({ ...this.pkts[this.index(i, 4)]! }) } };
  readonly registers = {
    last: {
      read: (i: number): bigint => this.last[this.index(i, 4)]!,
      write: (i: number, v: bigint | number): void => {
        this.last[this.index(i, 4)] = BigInt(v);
      },
    },
  };
  readonly meters = {
    rate: {
      configure: (i: number, c: MeterConfig): void => {
        this.meterConfigs.push(`${i}:${c.cir}/${c.cburst}/${c.pir}/${c.pburst}`);
      },
    },
  };

  setMulticastGroup(group: number, ports: readonly number[]): void {
    if (group !== 1) throw new ControlPlaneError("index-out-of-range", `multicast group ${group} does not exist`);
    this.groupPorts = [...ports];
  }

  async close(): Promise<void> {}

  process(packets: readonly PacketIn[]): PacketResult[] {
    this.batches.push([...packets]);
    return packets.map((p) => this.one(p));
  }

  private one(p: PacketIn): PacketResult {
    this.timestamps.push(p.timestampNs ?? 0n);
    const counter = this.pkts[p.port]!;
    counter.packets += 1n;
    counter.bytes += BigInt(p.data.length);
    this.last[p.port] = BigInt(p.data[0] ?? 0);
    const digests = p.data[1] === 0xdd ? [{ digest: "learn", fields: { src: BigInt(p.data[2] ?? 0), port: BigInt(p.port) } }] : [];
    const base = { digests, parserError: "NoError" };
    if (p.data[0] === 0xff) {
      const outputs = this.groupPorts.filter((q) => q !== p.port).map((port) => ({ port, data: p.data }));
      return { ...base, verdict: "multicast", outputs, toHost: [] };
    }
    const entry = this.fwd.get(BigInt(p.data[0] ?? 0));
    if (entry) {
      entry.packets += 1n;
      entry.bytes += BigInt(p.data.length);
    }
    const { action, args } = entry ?? this.defaultAction;
    if (action === "send") return { ...base, verdict: "forward", outputs: [{ port: Number(args[0]), data: p.data }], toHost: [] };
    if (action === "punt") return { ...base, verdict: "to_host", outputs: [], toHost: [p.data] };
    return { ...base, verdict: "drop", outputs: [], toHost: [] };
  }

  private index(i: number, size: number): number {
    if (i >= size) throw new ControlPlaneError("index-out-of-range", `index ${i} is out of range (size ${size})`);
    return i;
  }

  private fwdControl(): TableControl {
    const key = (k: KeyInputs): bigint => {
      for (const name of Object.keys(k)) if (name !== "dst") throw new ControlPlaneError("unknown-key", `table fwd has no key "${name}" (keys: dst)`);
      return value(k.dst, "key dst");
    };
    const call = (action: string, args: ArgInputs = {}): { action: string; args: bigint[] } => {
      const params = ACTIONS[action];
      if (!params) throw new ControlPlaneError("unknown-action", `table fwd has no action "${action}"`);
      return { action, args: params.map((p) => value(args[p], `argument ${p}`)) };
    };
    return {
      add: (e: EntrySpec) => {
        const k = key(e.key);
        const c = call(e.action, e.args);
        if (this.fwd.has(k)) throw new ControlPlaneError("duplicate-entry", `an entry with key dst=${k} already exists`);
        this.fwd.set(k, { ...c, packets: 0n, bytes: 0n });
      },
      modify: (e: EntrySpec) => {
        const old = this.fwd.get(key(e.key));
        if (!old) throw new ControlPlaneError("no-such-entry", "no such entry");
        Object.assign(old, call(e.action, e.args));
      },
      remove: (k: KeyInputs) => {
        if (!this.fwd.delete(key(k))) throw new ControlPlaneError("no-such-entry", `no entry with key dst=${key(k)}`);
      },
      setDefault: (action: string, args?: ArgInputs) => {
        this.defaultAction = call(action, args);
      },
      entries: () => [],
      readCounter: (k: KeyInputs) => {
        const e = this.fwd.get(key(k));
        if (!e) throw new ControlPlaneError("no-such-entry", `no entry with key dst=${key(k)}`);
        return { packets: e.packets, bytes: e.bytes };
      },
    };
  }
}
