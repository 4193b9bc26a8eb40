// Differential testing of the eBPF target against the reference interpreter:
// the same program, the same control-plane calls (the example's entries plus
// random entries), the same random traffic (valid, truncated, garbage), then
// every result, extern counter, register and table counter compared.

import { readFileSync } from "node:fs";
import { expect } from "vitest";
import * as ir from "../../compiler/ir.js";
import { internetChecksum, makeRng, mixedPacket, type Rng } from "../../runtime/craft.js";
import { ControlPlaneError, type Dataplane, type EntrySpec, type KeyInput, type PacketIn, type PacketResult } from "../../runtime/dataplane.js";
import { parseStf } from "../../runtime/stf/parse.js";
import { applyEntriesFile } from "../../runtime/stf/run.js";
import type { Example } from "./harness.js";

const randomBits = (rng: Rng, width: number): bigint => {
  let v = 0n;
  for (let i = 0; i < width; i += 32) v = (v << 32n) | BigInt(rng.u32());
  return v & ir.mask(width);
};

/** A small value most of the time, so random entries meet random packets (ports, protocols, short prefixes). */
const likelyBits = (rng: Rng, width: number): bigint => (rng.chance(0.5) ? BigInt(rng.int(0, 8)) & ir.mask(width) : randomBits(rng, width));

function randomKey(rng: Rng, key: ir.TableKey): KeyInput {
  const w = key.width;
  switch (key.matchKind) {
    case "exact":
      return likelyBits(rng, w);
    case "lpm": {
      const length = rng.int(0, Math.min(w, 12));
      return { kind: "lpm", value: randomBits(rng, w) & ir.prefixMask(length, w), prefixLength: length };
    }
    case "ternary": {
      const mask = rng.chance(0.3) ? 0n : randomBits(rng, w) & randomBits(rng, w) & randomBits(rng, w);
      return { kind: "ternary", value: randomBits(rng, w) & mask, mask };
    }
    case "range": {
      const a = likelyBits(rng, w);
      const b = rng.chance(0.5) ? ir.mask(w) : randomBits(rng, w);
      return { kind: "range", lo: a < b ? a : b, hi: a < b ? b : a };
    }
    case "optional":
      return rng.chance(0.6) ? { kind: "optional" } : { kind: "optional", value: likelyBits(rng, w) };
  }
}

function randomEntry(rng: Rng, program: ir.Program, table: ir.Table): EntrySpec {
  const name = rng.pick(table.actions);
  const action = program.actions.find((a) => a.name === name);
  const args = Object.fromEntries((action?.params ?? []).map((p) => [p.name, p.name === "port" ? BigInt(rng.int(0, 7)) : likelyBits(rng, ir.widthOf(p.type))]));
  return {
    key: Object.fromEntries(table.keys.map((k) => [k.name, randomKey(rng, k)])),
    action: name,
    args,
    ...(ir.matchPolicy(table) === "priority" ? { priority: rng.int(0, 20) } : {}),
  };
}

/** Applies the same control-plane call to every dataplane; they must all fail alike or all succeed. */
function onAll(dps: readonly Dataplane[], call: (dp: Dataplane) => void): void {
  const outcomes = dps.map((dp) => {
    try {
      call(dp);
      return "ok";
    } catch (e) {
      if (e instanceof ControlPlaneError) return e.code;
      throw e;
    }
  });
  expect(new Set(outcomes).size, `control-plane outcomes differ: ${outcomes.join(" / ")}`).toBe(1);
}

export interface DiffOptions {
  readonly seed: number;
  readonly packets: number;
  readonly randomEntries: number;
  /** Leave out packets the backend cannot run (the kernel test run refuses runts). */
  readonly minLength?: number;
}

/** Sets both dataplanes up alike and returns the traffic to send. */
export function prepare(example: Example, dps: readonly Dataplane[], o: DiffOptions): PacketIn[] {
  const rng = makeRng(o.seed);
  const program = dps[0]!.program;
  if (example.entriesFile) {
    const commands = parseStf(readFileSync(example.entriesFile, "utf8")).commands;
    for (const dp of dps) expect(applyEntriesFile(dp, commands)).toEqual([]);
  }
  for (let i = 0; i < o.randomEntries; i++) {
    const table = rng.pick(program.tables);
    if (table.actions.length === 0) continue;
    const entry = randomEntry(rng, program, table);
    onAll(dps, (dp) => dp.tables[table.name]!.add(entry));
  }
  for (const m of program.meters) {
    for (let i = 0; i < Math.min(m.size, 4); i++) {
      const cir = rng.int(100, 5000);
      onAll(dps, (dp) => dp.meters[m.name]!.configure(i, { cir, cburst: rng.int(64, 3000), pir: cir * 2, pburst: rng.int(64, 6000) }));
    }
  }
  const harvest = harvestKeys(dps[0]!);
  const packets: PacketIn[] = [];
  let time = 0n;
  while (packets.length < o.packets) {
    const data = aimAtEntries(rng, mixedPacket(rng).data, harvest);
    time += BigInt(rng.int(0, 2_000_000));
    if (data.length < (o.minLength ?? 0)) continue;
    packets.push({ port: rng.int(0, 7), data, timestampNs: time });
  }
  return packets;
}

/** MAC and IPv4 values of the installed entries' keys, to aim traffic at them. */
function harvestKeys(dp: Dataplane): { macs: bigint[]; ipv4s: bigint[] } {
  const macs: bigint[] = [];
  const ipv4s: bigint[] = [];
  for (const t of dp.program.tables) {
    for (const e of dp.tables[t.name]!.entries()) {
      e.keys.forEach((k, i) => {
        const value = k.kind === "exact" || k.kind === "lpm" || k.kind === "ternary" ? k.value : k.kind === "optional" ? k.value : undefined;
        if (value === undefined) return;
        if (t.keys[i]!.width === 48) macs.push(value);
        if (t.keys[i]!.width === 32) ipv4s.push(value);
      });
    }
  }
  return { macs, ipv4s };
}

/** Rewrites the destination MAC and IPv4 address of some packets with values that entries match (fixing the IPv4 checksum). */
function aimAtEntries(rng: Rng, data: Uint8Array, h: { macs: bigint[]; ipv4s: bigint[] }): Uint8Array {
  const out = data.slice();
  const put = (at: number, bytes: number, v: bigint): void => {
    for (let i = bytes - 1; i >= 0; i--, v >>= 8n) out[at + i] = Number(v & 0xffn);
  };
  if (out.length >= 14 && h.macs.length > 0 && rng.chance(0.5)) put(0, 6, rng.pick(h.macs));
  const ipv4 = out.length >= 34 && out[12] === 0x08 && out[13] === 0x00 && (out[14]! & 0xf0) === 0x40;
  if (ipv4 && h.ipv4s.length > 0 && rng.chance(0.5)) {
    put(30, 4, rng.pick(h.ipv4s) | BigInt(rng.int(0, 3)));
    const ihl = (out[14]! & 0x0f) * 4;
    if (ihl >= 20 && out.length >= 14 + ihl) {
      out[24] = 0;
      out[25] = 0;
      put(24, 2, BigInt(internetChecksum(out.subarray(14, 14 + ihl))));
    }
  }
  return out;
}

const show = (x: unknown): string =>
  JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v));

/**
 * A random control-plane change applied alike to every dataplane: an add, a
 * remove or modify of a run-time entry, or a new default action.
 */
export function churn(rng: Rng, dps: readonly Dataplane[]): void {
  const program = dps[0]!.program;
  const table = rng.pick(program.tables);
  const control = (dp: Dataplane) => dp.tables[table.name]!;
  const removable = control(dps[0]!).entries().filter((e) => !e.isConst);
  const priority = (e: { priority: number }) => (ir.matchPolicy(table) === "priority" ? e.priority : undefined);
  const roll = rng.int(0, 3);
  if ((roll === 1 || roll === 2) && removable.length > 0) {
    const e = rng.pick(removable);
    const key = Object.fromEntries(table.keys.map((k, i) => [k.name, e.keys[i]!]));
    if (roll === 1) return onAll(dps, (dp) => control(dp).remove(key, priority(e)));
    const { action, args } = randomEntry(rng, program, table);
    return onAll(dps, (dp) => control(dp).modify({ key, action, ...(args ? { args } : {}), ...(priority(e) !== undefined ? { priority: priority(e) } : {}) }));
  }
  if (roll === 3) {
    const { action, args } = randomEntry(rng, program, table);
    return onAll(dps, (dp) => control(dp).setDefault(action, args));
  }
  const entry = randomEntry(rng, program, table);
  onAll(dps, (dp) => control(dp).add(entry));
}

/** Sends the packets one at a time to every dataplane and compares everything observable; `between(n)` runs before packet n. */
export function compareRuns(reference: Dataplane, other: Dataplane, packets: readonly PacketIn[], between?: (n: number) => void): void {
  packets.forEach((p, n) => {
    between?.(n);
    const canonical = (r: PacketResult): PacketResult => ({ verdict: r.verdict, parserError: r.parserError, outputs: r.outputs, toHost: r.toHost, digests: r.digests });
    const a = canonical(reference.process([p])[0]!);
    const b = canonical(other.process([p])[0]!);
    if (show(a) !== show(b)) {
      expect.fail(`packet ${n} (port ${p.port}, ${Buffer.from(p.data).toString("hex")}):\n  ${reference.target}: ${show(a)}\n  ${other.target}: ${show(b)}`);
    }
  });
  const program = reference.program;
  for (const c of program.counters) {
    for (let i = 0; i < c.size; i++) expect(show(other.counters[c.name]!.read(i)), `counter ${c.name}[${i}]`).toBe(show(reference.counters[c.name]!.read(i)));
  }
  for (const r of program.registers) {
    for (let i = 0; i < r.size; i++) expect(other.registers[r.name]!.read(i), `register ${r.name}[${i}]`).toBe(reference.registers[r.name]!.read(i));
  }
  for (const t of program.tables.filter((x) => x.counters)) {
    for (const e of reference.tables[t.name]!.entries()) {
      const key = Object.fromEntries(t.keys.map((k, i) => [k.name, e.keys[i]!]));
      const priority = ir.matchPolicy(t) === "priority" ? e.priority : undefined;
      expect(show(other.tables[t.name]!.readCounter(key, priority)), `table ${t.name} counter`).toBe(show(reference.tables[t.name]!.readCounter(key, priority)));
    }
  }
}
