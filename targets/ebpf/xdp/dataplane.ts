// The eBPF Dataplane: the common interface over a loaded object, whichever
// backend runs it. Control-plane input is validated by runtime/controlplane.ts
// (EntryStore and friends) and mirrored into the maps; each packet carries
// its ingress port and timestamp in the XDP metadata and the program reports
// its verdict there, which this file turns into a PacketResult — checking
// that the XDP action the program returned agrees with the verdict.

import * as ir from "../../../compiler/ir.js";
import {
  checkIndex, checkPacketIn, EntryStore, normaliseMeterConfig, normaliseMulticastGroup, normaliseRegisterValue,
  tableControl, type NormalisedEntry, type StoredEntry, type TableChange,
} from "../../../runtime/controlplane.js";
import {
  ControlPlaneError, type CounterControl, type CounterValue, type Dataplane, type DigestMessage, type MeterControl, type PacketIn,
  type PacketResult, type RegisterControl, type TableControl,
} from "../../../runtime/dataplane.js";
import { XdpAction } from "../codegen/helpers.js";
import {
  DEFAULTS_MAP, IFPORT, IFPORTS_ENTRIES, IFPORTS_MAP, MCAST_GROUPS_MAP, MCAST_SLOT_PORTS, MCAST_SLOTS, mcastSlotMap, META, VERDICT_CODE, type Layout, type TableLayout,
} from "../codegen/layout.js";
import type { Backend, RunOutput } from "./backend.js";
import { MulticastGroups, resultOf } from "../../../runtime/verdicts.js";
import { decodeDigestRecord, decodeWords, directKey, encodeWords, entryValue, exactKey, lpmKey, present, meterState, NO_COUNTER_SLOT, u32 } from "./encode.js";
import { TupleMirror } from "./tuples.js";

/**
 * The defaults map's only element: every table's default entry at its
 * defaultOffset (layout.ts). A table's change rewrites the whole element; the
 * other tables' bytes are rewritten unchanged.
 */
class DefaultsImage {
  private readonly bytes: Uint8Array;

  constructor(
    private readonly backend: Backend,
    size: number,
  ) {
    this.bytes = new Uint8Array(size);
  }

  write(offset: number, entry: Uint8Array): void {
    if (Buffer.from(entry).equals(this.bytes.subarray(offset, offset + entry.length))) return;
    this.bytes.set(entry, offset);
    this.backend.update(DEFAULTS_MAP, u32(0), this.bytes.slice());
  }
}

const VERDICTS = Object.fromEntries(Object.entries(VERDICT_CODE).map(([k, v]) => [v, k])) as Record<number, ir.Verdict>;

/**
 * Keeps one table's maps equal to its EntryStore, one change at a time: an
 * exact or lpm table writes or deletes just the changed key; a priority
 * table's tuple space is kept by its TupleMirror.
 */
class TableMirror {
  private readonly slots = new Map<number, number>();
  private readonly freeSlots: number[] = [];
  private nextSlot = 0;
  readonly tuples?: TupleMirror;

  constructor(
    private readonly program: ir.Program,
    private readonly t: TableLayout,
    private readonly backend: Backend,
    private readonly defaults: DefaultsImage,
  ) {
    if (t.policy === "priority") this.tuples = new TupleMirror(program, t, backend, (e) => this.slotOf(e));
  }

  slotOf(e: StoredEntry): number {
    return this.t.counterMap ? (this.slots.get(e.id) ?? NO_COUNTER_SLOT) : NO_COUNTER_SLOT;
  }

  /** Writes a new store (its const entries and default action) into the empty maps. */
  install(store: EntryStore): void {
    for (const e of store.list()) {
      this.assignSlot(e);
      if (this.tuples) this.tuples.add(e);
      else this.writeEntry(e);
    }
    this.writeDefault(store);
  }

  apply(store: EntryStore, change: TableChange): void {
    if (change.kind === "default") return this.writeDefault(store);
    const e = change.entry;
    if (change.kind === "add") this.assignSlot(e);
    if (change.kind === "remove") this.freeSlot(e);
    if (this.tuples) this.tuples[change.kind](e);
    else if (change.kind !== "remove") this.writeEntry(e);
    else if (this.t.direct) this.backend.update(this.t.map, this.mapKey(e), new Uint8Array(this.t.valueSize + 8)); // present word 0
    else this.backend.delete(this.t.map, this.mapKey(e));
  }

  private mapKey(e: StoredEntry): Uint8Array {
    if (this.t.direct) return directKey(e.keys);
    return this.t.policy === "exact" ? exactKey(this.t, e.keys) : lpmKey(this.t, e.keys);
  }

  private writeEntry(e: StoredEntry): void {
    const value = entryValue(this.t, this.program, e.action, this.slotOf(e));
    this.backend.update(this.t.map, this.mapKey(e), this.t.direct ? present(value) : value);
  }

  private writeDefault(store: EntryStore): void {
    this.defaults.write(this.t.defaultOffset, entryValue(this.t, this.program, store.defaultAction, NO_COUNTER_SLOT));
  }

  /** Counter slots follow entry ids; a new entry's slot starts from zero (a freed slot is reused). */
  private assignSlot(e: StoredEntry): void {
    if (!this.t.counterMap) return;
    const slot = this.freeSlots.pop() ?? this.nextSlot++;
    this.slots.set(e.id, slot);
    this.backend.update(this.t.counterMap, u32(this.t.counterBase + slot), new Uint8Array(16));
  }

  private freeSlot(e: StoredEntry): void {
    const slot = this.slots.get(e.id);
    if (slot === undefined) return;
    this.slots.delete(e.id);
    this.freeSlots.push(slot);
  }

  readCounter(e: StoredEntry): CounterValue {
    return readPair(this.backend.lookup(this.t.counterMap!, u32(this.t.counterBase + this.slotOf(e))));
  }
}

function readPair(bytes: Uint8Array | undefined): CounterValue {
  if (!bytes) return { packets: 0n, bytes: 0n };
  return { packets: decodeWords(bytes, 0, 64), bytes: decodeWords(bytes, 8, 64) };
}

/**
 * Keeps the multicast maps (layout.ts, MCAST_SLOTS) equal to the groups:
 * each group with ports holds a slot, given in the order groups appear (so
 * replaying a log gives the same slots), freed when the group is emptied.
 * A slot's devmap holds the group's ports that are interfaces (a live
 * program's ports); the test harness has none, so there only the group →
 * slot map is written, which is all the program's verdict depends on.
 * Changes write the devmap before the group map, so a packet never meets a
 * slot whose devmap belongs to another group.
 */
class GroupMirror {
  private readonly slots = new Map<number, number>();
  private readonly written = new Map<number, readonly number[]>();

  constructor(
    private readonly backend: Backend,
    private readonly interfaces: ReadonlyMap<number, number>,
  ) {}

  slotOf(group: number): number | undefined {
    return this.slots.get(group);
  }

  set(group: number, ports: readonly number[]): void {
    if (ports.length === 0) return this.remove(group);
    const known = this.slots.get(group);
    const slot = known ?? [...Array(MCAST_SLOTS).keys()].find((s) => !this.written.has(s));
    if (slot === undefined) {
      throw new ControlPlaneError("table-full", `multicast group ${group}: the ebpf target holds ${MCAST_SLOTS} groups at once; empty one first (mcast <group> with no ports)`);
    }
    const wanted = ports.filter((p) => this.interfaces.has(p));
    if (wanted.length > MCAST_SLOT_PORTS) {
      throw new ControlPlaneError("table-full", `multicast group ${group}: the ebpf target holds ${MCAST_SLOT_PORTS} interfaces a group, not ${wanted.length}`);
    }
    const old = this.written.get(slot) ?? [];
    for (const p of wanted) this.backend.update(mcastSlotMap(slot), u32(p), u32(this.interfaces.get(p)!));
    for (const p of old) if (!wanted.includes(p)) this.backend.delete(mcastSlotMap(slot), u32(p));
    this.written.set(slot, wanted);
    if (known === undefined) this.backend.update(MCAST_GROUPS_MAP, u32(group), u32(slot));
    this.slots.set(group, slot);
  }

  private remove(group: number): void {
    const slot = this.slots.get(group);
    if (slot === undefined) return;
    this.backend.delete(MCAST_GROUPS_MAP, u32(group));
    for (const p of this.written.get(slot)!) this.backend.delete(mcastSlotMap(slot), u32(p));
    this.slots.delete(group);
    this.written.delete(slot);
  }
}

/** An interface and the pnet port it is. */
export interface InterfacePort {
  readonly ifindex: number;
  readonly port: number;
}

/**
 * Numbers interfaces for packets that come without pnet metadata (a real
 * interface): the program reads std.ingress_port from ifports[ingress ifindex]
 * and drops packets from interfaces missing there.
 */
export function mapInterfaces(backend: Backend, interfaces: readonly InterfacePort[]): void {
  for (const i of interfaces) {
    if (i.ifindex >= IFPORTS_ENTRIES) throw new Error(`the ebpf target numbers interfaces with an ifindex below ${IFPORTS_ENTRIES}, not ${i.ifindex}`);
    const value = new Uint8Array(IFPORT.BYTES);
    value.set(u32(i.port), IFPORT.PORT);
    value.set(u32(1), IFPORT.NUMBERED);
    backend.update(IFPORTS_MAP, u32(i.ifindex), value);
  }
}

/** The test harness's numbering: interface i is port i, for i below 256. */
export const IDENTITY_INTERFACES: readonly InterfacePort[] = Array.from({ length: 256 }, (_, i) => ({ ifindex: i, port: i }));

/**
 * The control plane over `backend`. `interfaces` are the pnet ports that are
 * real interfaces (a live program): multicast groups send copies to those;
 * the test harness passes none and computes a multicast's copies itself.
 */
export function createDataplane(program: ir.Program, layout: Layout, backend: Backend, interfaces: readonly InterfacePort[] = []): Dataplane {
  const groups = new MulticastGroups();
  const mirror = layout.maps.some((m) => m.name === MCAST_GROUPS_MAP) ? new GroupMirror(backend, new Map(interfaces.map((i) => [i.port, i.ifindex]))) : undefined;
  const tables: Record<string, TableControl> = {};
  const defaultsMap = layout.maps.find((m) => m.name === DEFAULTS_MAP);
  const defaults = new DefaultsImage(backend, defaultsMap?.valueSize ?? 0);
  for (const t of layout.tables.values()) {
    const store = new EntryStore(program, t.table);
    const mirror = new TableMirror(program, t, backend, defaults);
    mirror.install(store);
    tables[t.table.name] = tableControl(store, {
      changed: (s, change) => mirror.apply(s, change),
      ...(mirror.tuples ? { admit: (e: NormalisedEntry) => mirror.tuples!.admit(e) } : {}),
      readCounter: (e) => mirror.readCounter(e),
    });
  }
  const counters: Record<string, CounterControl> = {};
  for (const c of program.counters) {
    const map = layout.counterMaps.get(c.name)!;
    counters[c.name] = { read: (i) => readPair(backend.lookup(map, u32(checkIndex(`counter ${c.name}`, c.size, i)))) };
  }
  const registers: Record<string, RegisterControl> = {};
  for (const r of program.registers) {
    const map = layout.registerMaps.get(r.name)!;
    registers[r.name] = {
      read: (i) => {
        const bytes = backend.lookup(map, u32(checkIndex(`register ${r.name}`, r.size, i)));
        return bytes ? decodeWords(bytes, 0, r.width) : 0n;
      },
      write: (i, value) => {
        const index = checkIndex(`register ${r.name}`, r.size, i);
        backend.update(map, u32(index), encodeWords(normaliseRegisterValue(r, value), r.width));
      },
    };
  }
  const meters: Record<string, MeterControl> = {};
  for (const m of program.meters) {
    const map = layout.meterMaps.get(m.name)!;
    meters[m.name] = {
      configure: (i, config) => {
        const index = checkIndex(`meter ${m.name}`, m.size, i);
        backend.update(map, u32(index), meterState(normaliseMeterConfig(m, config)));
      },
    };
  }

  const digestMap = layout.digestMap;
  const digestsOf = (): DigestMessage[] => (digestMap ? backend.drain(digestMap).map((r) => decodeDigestRecord(program, r)) : []);

  const processOne = (p: PacketIn, n: number): PacketResult => {
    checkPacketIn(p, n);
    const meta = new Uint8Array(META.BYTES);
    const mv = new DataView(meta.buffer);
    mv.setUint32(META.MAGIC_AT, META.MAGIC, true);
    mv.setUint32(META.PORT, p.port, true);
    mv.setBigUint64(META.TIME, p.timestampNs ?? 0n, true);
    const out = backend.run({ data: p.data, meta, ingressIfindex: p.port, nowNs: p.timestampNs ?? 0n });
    if (out.meta.length !== META.BYTES) throw new Error(`packet ${n}: the program returned ${actionName(out.action)} without its metadata`);
    const ov = new DataView(out.meta.buffer, out.meta.byteOffset, out.meta.byteLength);
    const verdict = VERDICTS[ov.getUint32(META.VERDICT, true)];
    const arg = ov.getUint32(META.ARG, true);
    const parserError = program.errors[ov.getUint32(META.PERR, true)] ?? "NoError";
    if (!verdict) throw new Error(`packet ${n}: the program reported an unknown verdict`);
    const slot = verdict === "multicast" ? mirror?.slotOf(arg) : undefined;
    checkAction(verdict, arg, p.port, slot, out.action, backend.mode, n);
    checkRedirect(verdict, arg, slot, out.redirect, n);
    return resultOf({ verdict, arg, ingress: p.port, digests: digestsOf(), parserError }, groups, () => out.data);
  };

  return {
    // The emulator is the "ebpf" target; the real kernel is "kernel".
    target: backend.mode === "kernel" ? "kernel" : "ebpf",
    program,
    process: (packets) => packets.map(processOne),
    tables,
    counters,
    registers,
    meters,
    setMulticastGroup: (group, ports) => {
      const g = normaliseMulticastGroup(group, ports);
      mirror?.set(g.group, g.ports); // may refuse (no free slot): before anything changes
      groups.set(g.group, g.ports);
    },
    close: () => backend.close(),
  };
}

const ACTION_NAMES = Object.fromEntries(Object.entries(XdpAction).map(([k, v]) => [v, `XDP_${k}`]));
const actionName = (a: number): string => ACTION_NAMES[a] ?? `action ${a}`;

/**
 * The XDP action must be what the verdict maps to (docs/ebpf.md). A forward
 * out of another port is XDP_REDIRECT in the emulator (every port exists
 * there); the kernel's test runs have no interfaces in the devmap, so there
 * the program's fallback, XDP_DROP, is also right. A multicast to a group
 * without a slot (no ports) drops: no copies.
 */
function checkAction(verdict: ir.Verdict, arg: number, port: number, slot: number | undefined, action: number, mode: Backend["mode"], n: number): void {
  const expected: number[] =
    verdict === "drop" ? [XdpAction.DROP]
    : verdict === "to_host" ? [XdpAction.PASS]
    : verdict === "bounce" ? [XdpAction.TX]
    : verdict === "multicast" ? [slot === undefined ? XdpAction.DROP : XdpAction.REDIRECT]
    : arg === port ? [XdpAction.TX]
    : mode === "kernel" ? [XdpAction.REDIRECT, XdpAction.DROP] : [XdpAction.REDIRECT];
  if (!expected.includes(action)) {
    const why = action === XdpAction.ABORTED ? " (the deparser could not move the packet start: bpf_xdp_adjust_head refuses to leave fewer than 14 bytes)" : "";
    throw new Error(`packet ${n}: verdict ${verdict} but the program returned ${actionName(action)}${why}`);
  }
}

/** A redirect must go where the verdict says: the forward port (ifindex = port), or a broadcast through the group's slot without the ingress port. */
function checkRedirect(verdict: ir.Verdict, arg: number, slot: number | undefined, redirect: RunOutput["redirect"], n: number): void {
  if (!redirect) return;
  const ok = redirect.kind === "port"
    ? verdict === "forward" && redirect.ifindex === arg
    : verdict === "multicast" && slot !== undefined && redirect.map === mcastSlotMap(slot) && redirect.excludeIngress;
  if (!ok) throw new Error(`packet ${n}: verdict ${verdict} but bpf_redirect_map was called with ${JSON.stringify(redirect)}`);
}
