// One packet through the configured chip: parser TCAM into the PHV, the
// match-action stages in order, the deparser (with its checksum units, whose
// predicates see the whole pipeline's results). Only the configuration is used.
//
// In each stage: first every table of the stage decides whether it runs
// (its predicate over earlier results), gateways evaluate and match slices
// look up, all on the PHV as it was at the start of the stage; then the
// tables whose last slice is here compute their VLIW instructions from that
// same PHV and their action data; the writes land at the end of the stage.
// So a table placed too early reads stale values, and one placed in the
// same stage as its producer misses its writes: a wrong placement shows.
// Tables of one stage are taken in dependency order (deps.ts, recomputed
// from the configuration): program order, except that a table applied at
// several sites comes after the gateways and tables its later sites test.

import { checksum16 } from "../../../compiler/hash.js";
import { BUILTIN_ERRORS, MAX_PARSER_TRANSITIONS } from "../../../compiler/ir.js";
import { orBits, readBits } from "../../../compiler/wire.js";
import type { StoredEntry } from "../../../runtime/controlplane.js";
import type { DigestMessage } from "../../../runtime/dataplane.js";
import { slicesWidth, type CSlice, type Predicate, type RmtConfig } from "../config.js";
import { dependencies, dependencyOrder } from "../deps.js";
import { compileCExpr, TOO_SHORT, type Ctx, type Eval, type Stateful } from "./expr.js";
import { PhvLayout, sliceReader, sliceWriter } from "./phv.js";
import type { SimTable } from "./tables.js";
import type { CounterCells } from "./dataplane.js";

const err = (name: (typeof BUILTIN_ERRORS)[number]): bigint => BigInt(BUILTIN_ERRORS.indexOf(name));

export interface PacketOutcome {
  readonly phv: Uint32Array;
  readonly offsetBits: number;
  readonly parserError: bigint;
  readonly digests: DigestMessage[];
  /** The deparser checksum units whose predicate held (deparser entry, destination field index), in order. */
  readonly checksums: readonly { readonly entry: number; readonly dest: number }[];
}

type Write = (phv: Uint32Array, v: bigint) => void;

interface CompiledAction {
  readonly instructions: readonly { readonly src: Eval; readonly write: Write }[];
  readonly externs: readonly ((c: Ctx, regWrites: (() => void)[], digests: DigestMessage[]) => void)[];
  readonly params: readonly { readonly offset: number; readonly width: number }[];
}

interface Step {
  readonly t: number; // table index
  readonly slice: number;
  readonly first: boolean;
  readonly last: boolean;
}

export class Pipeline {
  readonly layout: PhvLayout;
  private readonly steps: Step[][];
  private readonly preds: ((r: Results) => boolean)[];
  private readonly conds: (Eval | undefined)[];
  private readonly keys: Eval[][];
  private readonly actions: Map<string, CompiledAction>[];
  private readonly parse: (c: Ctx) => { offsetBits: number; error: bigint };
  private readonly setIntrinsic: { port: Write; length: Write; time: Write; error: Write };
  private readonly verdict: (phv: Uint32Array) => bigint;
  private readonly verdictArg: (phv: Uint32Array) => bigint;
  private readonly checksums: { readonly pred: (r: Results) => boolean; readonly entry: number; readonly dest: number }[];
  private readonly deparser: { valid: (phv: Uint32Array) => bigint; fields: { width: number; read: (phv: Uint32Array) => bigint }[]; bits: number }[];

  constructor(
    readonly config: RmtConfig,
    private readonly tables: readonly (SimTable | undefined)[],
    st: Stateful,
    counters: ReadonlyMap<string, CounterCells>,
  ) {
    const containers = [...new Set([...config.target.phv.containers.flatMap((c) => Array.from({ length: c.count }, (_, i) => `${{ 8: "B", 16: "H", 32: "W" }[c.width]}${i}`))])];
    const layout = (this.layout = new PhvLayout(containers));
    const ce = (e: Parameters<typeof compileCExpr>[0]): Eval => compileCExpr(e, layout, st);
    const index = new Map(config.tables.map((t, i) => [t.name, i]));
    const stages = Math.max(0, ...config.tables.flatMap((t) => t.placement.map((p) => p.stage + 1)));
    this.steps = Array.from({ length: stages }, () => []);
    config.tables.forEach((t, i) =>
      t.placement.forEach((p, k) => this.steps[p.stage]!.push({ t: i, slice: k, first: k === 0, last: k === t.placement.length - 1 })),
    );
    const rank = new Map(dependencyOrder(config.tables, dependencies(config.tables, config.phv.slices)).map((t, k) => [t.name, k]));
    for (const s of this.steps) s.sort((a, b) => rank.get(config.tables[a.t]!.name)! - rank.get(config.tables[b.t]!.name)!);
    this.preds = config.tables.map((t) => compilePredicate(t.predicate, index));
    this.conds = config.tables.map((t) => (t.condition ? ce(t.condition) : undefined));
    this.keys = config.tables.map((t) => t.key.map((k) => ce(k.value)));
    this.actions = config.tables.map(
      (t) =>
        new Map(
          t.actions.map((a): [string, CompiledAction] => [
            a.name,
            {
              params: a.params,
              instructions: a.instructions.map((i) => ({ src: ce(i.src), write: sliceWriter(layout, [i.dst]) })),
              externs: a.externs.map((x) => {
                if (x.op === "count") {
                  const idx = ce(x.idx);
                  const cells = counters.get(x.counter);
                  if (!cells) throw new Error(`configuration error: unknown counter ${x.counter}`);
                  return (c) => cells.count(idx(c), c.packetLength);
                }
                if (x.op === "reg_write") {
                  const idx = ce(x.idx);
                  const value = ce(x.value);
                  const reg = st.registers.get(x.reg);
                  if (!reg) throw new Error(`configuration error: unknown register ${x.reg}`);
                  return (c, regWrites) => {
                    const i = idx(c);
                    const v = value(c);
                    if (i < BigInt(reg.size)) regWrites.push(() => (reg.cells[Number(i)] = v));
                  };
                }
                const values = x.values.map(ce);
                const fields = config.externs.digests.find((d) => d.name === x.digest)?.fields.map((f) => f.name) ?? [];
                return (c, _r, digests) => {
                  const out: Record<string, bigint> = {};
                  fields.forEach((n, k) => (out[n] = values[k]!(c)));
                  digests.push({ digest: x.digest, fields: out });
                };
              }),
            },
          ]),
        ),
    );
    this.parse = compileParser(config, ce, layout);
    const intr = config.parser.intrinsic;
    const w = (s: readonly CSlice[]): Write => sliceWriter(layout, s);
    this.setIntrinsic = { port: w(intr.ingress_port), length: w(intr.packet_length), time: w(intr.timestamp), error: w(intr.parser_error) };
    this.verdict = sliceReader(layout, config.intrinsic_out.verdict);
    this.verdictArg = sliceReader(layout, config.intrinsic_out.verdict_arg);
    this.deparser = config.deparser.map((d) => ({
      valid: sliceReader(layout, [d.valid]),
      fields: d.fields.map((f) => ({ width: f.width, read: sliceReader(layout, f.src) })),
      bits: d.fields.reduce((n, f) => n + f.width, 0),
    }));
    this.checksums = (config.deparser_checksums ?? []).map((u) => {
      const entry = config.deparser.findIndex((d) => d.header === u.header);
      const dest = u.fields.indexOf(u.dest);
      if (entry < 0 || dest < 0 || u.fields.length !== config.deparser[entry]!.fields.length) throw new Error(`configuration error: deparser checksum unit of ${u.header} does not match the deparser`);
      return { pred: compilePredicate(u.predicate, index), entry, dest };
    });
    for (const d of config.deparser) for (const f of d.fields) if (slicesWidth(f.src) !== f.width) throw new Error(`configuration error: deparser field of ${d.header} is ${f.width} bits but its PHV slices hold ${slicesWidth(f.src)}`);
  }

  run(data: Uint8Array, port: number, timestamp: bigint): PacketOutcome {
    const phv = new Uint32Array(this.layout.index.size);
    const ctx: Ctx = { phv, ad: 0n, hit: 0n, data, offsetBits: 0, timestamp, packetLength: BigInt(data.length) };
    this.setIntrinsic.port(phv, BigInt(port));
    this.setIntrinsic.length(phv, BigInt(data.length));
    this.setIntrinsic.time(phv, timestamp);
    const parsed = this.parse(ctx);
    this.setIntrinsic.error(phv, parsed.error);
    const n = this.config.tables.length;
    const r: Results = { ran: new Uint8Array(n), hit: new Uint8Array(n), action: new Int32Array(n), gw: new Uint8Array(n) };
    const best: (StoredEntry | undefined)[] = new Array(n).fill(undefined);
    const digests: DigestMessage[] = [];
    for (const steps of this.steps) {
      // Match phase: on the PHV as the stage receives it.
      for (const s of steps) {
        if (s.first) r.ran[s.t] = this.preds[s.t]!(r) ? 1 : 0;
        if (!r.ran[s.t]) continue;
        const cond = this.conds[s.t];
        if (cond) r.gw[s.t] = cond(ctx) !== 0n ? 1 : 0;
        const table = this.tables[s.t];
        if (!table) continue;
        best[s.t] = table.better(best[s.t], table.lookupSlice(s.slice, this.keys[s.t]!.map((k) => k(ctx))));
        if (s.last) {
          // The result is known once the last slice has looked up: later tables of this stage may be predicated on it.
          const inv = best[s.t] ? best[s.t]!.action : table.store.defaultAction;
          r.hit[s.t] = best[s.t] ? 1 : 0;
          r.action[s.t] = this.config.tables[s.t]!.actions.findIndex((a) => a.name === inv.action);
        }
      }
      // Action phase: every instruction reads the stage's input PHV; writes land at the end.
      const writes: (() => void)[] = [];
      for (const s of steps) {
        if (!s.last || !r.ran[s.t] || this.conds[s.t]) continue;
        const def = this.config.tables[s.t]!;
        const table = this.tables[s.t];
        const entry = best[s.t];
        const inv = table ? (entry ? entry.action : table.store.defaultAction) : { action: def.default_action.name, args: [] as bigint[] };
        const action = this.actions[s.t]!.get(inv.action);
        if (!action) throw new Error(`configuration error: table ${def.name} has no action ${inv.action}`);
        if (entry && table && def.counters) table.count(entry, ctx.packetLength);
        ctx.ad = action.params.reduce((acc, p, i) => acc | (inv.args[i]! << BigInt(p.offset)), 0n);
        ctx.hit = entry ? 1n : 0n;
        for (const i of action.instructions) {
          const v = i.src(ctx);
          writes.push(() => i.write(phv, v));
        }
        for (const x of action.externs) x(ctx, writes, digests);
      }
      for (const w of writes) w();
    }
    // Deparser checksum units: their predicates over the results of the whole pipeline.
    const checksums = this.checksums.filter((c) => c.pred(r)).map(({ entry, dest }) => ({ entry, dest }));
    return { phv, offsetBits: parsed.offsetBits, parserError: parsed.error, digests, checksums };
  }

  verdictOf(phv: Uint32Array): { verdict: bigint; arg: bigint } {
    return { verdict: this.verdict(phv), arg: this.verdictArg(phv) };
  }

  deparse(o: PacketOutcome, data: Uint8Array): Uint8Array {
    const parts: { bits: number; fields: { width: number; value: bigint }[] }[] = [];
    const values = this.deparser.map((d) => d.fields.map((f) => f.read(o.phv)));
    for (const { entry, dest } of o.checksums) {
      // RFC 1071 over the header as deparsed, the destination taken as 0 (compiler/hash.ts, as every target).
      const fields = this.deparser[entry]!.fields;
      const bits = fields.reduce((acc, f, i) => (acc << BigInt(f.width)) | (i === dest ? 0n : values[entry]![i]!), 0n);
      values[entry]![dest] = checksum16(bits, this.deparser[entry]!.bits);
    }
    this.deparser.forEach((d, k) => {
      if (d.valid(o.phv) !== 0n) parts.push({ bits: d.bits, fields: d.fields.map((f, i) => ({ width: f.width, value: values[k]![i]! })) });
    });
    const headerBytes = parts.reduce((n, p) => n + (p.bits >> 3), 0);
    const start = Math.min(o.offsetBits >> 3, data.length);
    const out = new Uint8Array(headerBytes + data.length - start);
    let at = 0;
    for (const p of parts) {
      for (const f of p.fields) {
        orBits(out, at, f.width, f.value);
        at += f.width;
      }
    }
    out.set(data.subarray(start), headerBytes);
    return out;
  }
}

interface Results {
  ran: Uint8Array;
  hit: Uint8Array;
  action: Int32Array;
  gw: Uint8Array;
}

function compilePredicate(p: Predicate, index: ReadonlyMap<string, number>): (r: Results) => boolean {
  const at = (name: string): number => {
    const i = index.get(name);
    if (i === undefined) throw new Error(`configuration error: a predicate names unknown table ${name}`);
    return i;
  };
  if ("always" in p) return () => true;
  if ("gw" in p) {
    const i = at(p.gw);
    return (r) => r.ran[i] === 1 && r.gw[i] === 1;
  }
  if ("hit" in p) {
    const i = at(p.hit);
    return (r) => r.ran[i] === 1 && r.hit[i] === 1;
  }
  if ("act" in p) {
    const i = at(p.act);
    const k = p.index;
    return (r) => (r.ran[i] === 1 ? r.action[i] : 0) === k;
  }
  if ("not" in p) {
    const f = compilePredicate(p.not, index);
    return (r) => !f(r);
  }
  const parts = ("and" in p ? p.and : p.or).map((x) => compilePredicate(x, index));
  return "and" in p ? (r) => parts.every((f) => f(r)) : (r) => parts.some((f) => f(r));
}

function compileParser(config: RmtConfig, ce: (e: Parameters<typeof compileCExpr>[0]) => Eval, layout: PhvLayout): (c: Ctx) => { offsetBits: number; error: bigint } {
  const pc = config.parser;
  const states = pc.states.map((s) => ({
    ops: s.ops.map((op): ((c: Ctx) => bigint | undefined) => {
      switch (op.op) {
        case "extract": {
          const fields = op.fields.map((f) => ({ offset: f.offset, width: f.width, write: sliceWriter(layout, f.dst) }));
          const valid = sliceWriter(layout, [op.valid]);
          const bits = op.bits;
          return (c) => {
            if (c.offsetBits + bits > c.data.length * 8) return err("PacketTooShort");
            for (const f of fields) f.write(c.phv, readBits(c.data, c.offsetBits + f.offset, f.width));
            valid(c.phv, 1n);
            c.offsetBits += bits;
            return undefined;
          };
        }
        case "advance": {
          const bytes = ce(op.bytes);
          return (c) => {
            const bits = bytes(c) * 8n;
            if (BigInt(c.offsetBits) + bits > BigInt(c.data.length * 8)) return err("PacketTooShort");
            c.offsetBits += Number(bits);
            return undefined;
          };
        }
        case "verify": {
          const cond = ce(op.cond);
          const e = BigInt(op.error);
          return (c) => (cond(c) === 0n ? e : undefined);
        }
        case "set": {
          const value = ce(op.value);
          const write = sliceWriter(layout, op.dst);
          return (c) => {
            write(c.phv, value(c));
            return undefined;
          };
        }
      }
    }),
    key: s.key ? ce(s.key) : undefined,
    entries: pc.tcam.filter((e) => e.state === s.id).map((e) => ({ value: BigInt(e.value), mask: BigInt(e.mask), next: e.next, error: e.error })),
  }));
  const byName = new Map(pc.states.map((s, i) => [s.name, i]));
  const start = byName.get("start");
  if (start === undefined) throw new Error("configuration error: the parser has no start state");
  return (c) => {
    let state = states[start]!;
    let transitions = 0;
    try {
      for (;;) {
        for (const op of state.ops) {
          const e = op(c);
          if (e !== undefined) return { offsetBits: c.offsetBits, error: e };
        }
        const key = state.key ? state.key(c) : 0n;
        const hit = state.entries.find((e) => (key & e.mask) === (e.value & e.mask));
        if (!hit) return { offsetBits: c.offsetBits, error: err("NoMatch") };
        if (hit.error !== undefined) return { offsetBits: c.offsetBits, error: BigInt(hit.error) };
        if (++transitions > MAX_PARSER_TRANSITIONS) return { offsetBits: c.offsetBits, error: err("ParserTimeout") };
        if (hit.next === "accept") return { offsetBits: c.offsetBits, error: 0n };
        if (hit.next === "reject") return { offsetBits: c.offsetBits, error: err("Rejected") };
        const next = byName.get(hit.next);
        if (next === undefined) throw new Error(`configuration error: parser goes to unknown state ${hit.next}`);
        state = states[next]!;
      }
    } catch (e) {
      if (e === TOO_SHORT) return { offsetBits: c.offsetBits, error: err("PacketTooShort") };
      throw e;
    }
  };
}
