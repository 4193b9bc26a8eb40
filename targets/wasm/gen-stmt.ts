// Statements of ingress and of actions, table applies and externs, compiled
// into the packet function.
//
// Actions are expanded where they run: a direct call binds its parameters to
// fresh locals holding the evaluated arguments; a table apply looks up the
// entry record (gen-tables.ts), takes the action index and the action data
// from it (or from the table descriptor's default), and dispatches with a
// br_table over the table's actions, each reading its parameters from the
// action data. `exit` is a branch to the end of ingress.

import binaryen from "binaryen";
import * as ir from "../../compiler/ir.js";
import * as abi from "./abi.js";
import { METER } from "./gen-helpers.js";
import type { PacketGen, Var } from "./gen-packet.js";
import { lookupName } from "./gen-tables.js";
import { wordCount, type Val, type X } from "./gen-values.js";
import { cellBytes, type TableLayout } from "./layout.js";

const { i32, i64 } = binaryen;

export const DIGEST_COUNT = "digest_count";

const VERDICT = new Map<ir.Verdict, number>(abi.VERDICT_CODES.map((v, i) => [v, i]));

export class StmtGen {
  private readonly actions: ReadonlyMap<string, ir.Action>;
  private applies = 0;

  constructor(
    readonly g: PacketGen,
    readonly exitLabel: string,
  ) {
    this.actions = new Map(g.layout.program.actions.map((a) => [a.name, a]));
  }

  stmts(list: readonly ir.Stmt[]): X[] {
    return list.flatMap((s) => this.stmt(s));
  }

  block(list: readonly ir.Stmt[]): X {
    const xs = this.stmts(list);
    return xs.length === 0 ? this.g.m.nop() : this.g.f.block(xs);
  }

  stmt(s: ir.Stmt): X[] {
    // Whatever is pending (a direct call's argument copies) runs before the statement.
    const pending = this.g.f.flush();
    return [...pending, ...this.own(s)];
  }

  private own(s: ir.Stmt): X[] {
    const g = this.g;
    const f = g.f;
    const m = g.m;
    const done = (...xs: X[]): X[] => [...f.flush(), ...xs];
    switch (s.kind) {
      case "Assign":
        return done(...this.assign(s.target, g.expr(s.value)));
      case "If": {
        const c = g.expr(s.cond);
        const pre = f.flush();
        const cond = f.truthy(c);
        return [...pre, m.if(cond, this.block(s.then), this.block(s.else))];
      }
      case "ApplyTable":
        return this.apply(s);
      case "CallAction": {
        const args = s.args.map((a) => this.copy(g.expr(a)));
        return done(...this.runAction(s.action, args));
      }
      case "Verdict": {
        const arg = s.arg ? f.low32(g.expr(s.arg)) : f.i32(0);
        return done(m.local.set(g.verdict, f.i32(VERDICT.get(s.verdict)!)), m.local.set(g.verdictArg, arg));
      }
      case "SetValidity": {
        const slot = g.slot(s.ref);
        if (!slot) return [];
        if (s.valid) return [m.local.set(slot.valid, f.i32(1))];
        return [
          m.local.set(slot.valid, f.i32(0)),
          m.local.set(slot.orig, f.i32(0)),
          ...slot.fields.flatMap((x) => x.v.locals.map((l) => m.local.set(l, f.i64(0)))),
        ];
      }
      case "StackShift":
        return this.stackShift(s);
      case "RegisterWrite": {
        const reg = this.find(g.layout.registers, s.register);
        const index = g.expr(s.index);
        const value = f.resize(g.expr(s.value), reg.def.width);
        const addr = f.local(i32);
        const store = m.block(null, [
          m.local.set(addr, m.i32.add(f.i32(reg.base), m.i32.mul(f.low32(index), f.i32(cellBytes(reg.def))))),
          ...value.words.map((w, j) => m.i64.store(8 * j, 8, f.get32(addr), w())),
        ]);
        return done(m.if(f.below(index, reg.def.size), store));
      }
      case "Count": {
        const counter = this.find(g.layout.counters, s.counter);
        const index = g.expr(s.index);
        const addr = f.local(i32);
        const bump = (off: number, by: X): X => m.i64.store(off, 8, f.get32(addr), m.i64.add(m.i64.load(off, 8, f.get32(addr)), by));
        const count = m.block(null, [
          m.local.set(addr, m.i32.add(f.i32(counter.base), m.i32.mul(f.low32(index), f.i32(abi.COUNTER_CELL)))),
          bump(0, f.i64(1)),
          bump(8, g.read(g.std.packet_length).words[0]!()),
        ]);
        return done(m.if(f.below(index, counter.def.size), count));
      }
      case "MeterExecute": {
        const meter = this.find(g.layout.meters, s.meter);
        const index = g.expr(s.index);
        const result = g.locals.get(s.resultLocal)!;
        const colour = m.call(
          METER,
          [
            m.i32.add(f.i32(meter.base), m.i32.mul(f.low32(index), f.i32(abi.METER_CELL))),
            g.read(g.std.timestamp).words[0]!(),
            g.read(g.std.packet_length).words[0]!(),
          ],
          i64,
        );
        return done(m.if(f.below(index, meter.def.size), m.local.set(result.locals[0]!, colour), m.local.set(result.locals[0]!, f.i64(0))));
      }
      case "DigestSend":
        return this.digest(s);
      case "Exit":
        return [m.br(this.exitLabel)];
    }
  }

  private find<T extends { def: { name: string } }>(list: readonly T[], name: string): T {
    const found = list.find((x) => x.def.name === name);
    if (!found) throw new Error(`internal error: no extern '${name}'`);
    return found;
  }

  /** A value in fresh locals: arguments must not change when the action body writes what they were read from. */
  private copy(v: Val): Val {
    const g = this.g;
    const tmp: Var = g.newVar(v.width);
    g.write(tmp, v).forEach((x) => g.f.emit(x));
    return g.read(tmp);
  }

  private assign(target: ir.LValue, value: Val): X[] {
    const g = this.g;
    const f = g.f;
    const m = g.m;
    const { loc, slice } = target;
    let v: Var;
    let valid: number | undefined;
    if (loc.kind === "field") {
      const slot = g.slot(loc.ref);
      if (!slot) return [];
      v = g.fieldOf(slot, loc.field).v;
      valid = slot.valid;
    } else if (loc.kind === "meta") {
      v = g.meta.get(loc.field)!;
    } else {
      v = g.locals.get(loc.id)!;
    }
    let nu = value;
    if (slice) {
      const base = g.read(v);
      const sliceMask = ir.mask(slice.hi - slice.lo + 1) << BigInt(slice.lo);
      nu = f.val(
        v.width,
        Array.from({ length: wordCount(v.width) }, (_, j) => {
          const mj = (sliceMask >> BigInt(64 * j)) & ir.mask(64);
          return m.i64.or(m.i64.and(base.words[j]!(), f.i64(~mj)), f.and(f.wordOf(value, slice.lo, j), mj));
        }),
      );
    }
    const sets = g.write(v, nu);
    return valid === undefined ? sets : [...f.flush(), m.if(f.get32(valid), f.block(sets))];
  }

  /** An action body with its parameters bound. */
  private runAction(name: string, params: readonly Val[]): X[] {
    const g = this.g;
    const action = this.actions.get(name);
    if (!action) {
      if (name === ir.NO_ACTION) return [];
      throw new Error(`internal error: unknown action '${name}'`);
    }
    const saved = g.params;
    g.params = params;
    try {
      return this.stmts(action.body);
    } finally {
      g.params = saved;
    }
  }

  private apply(s: ir.ApplyTableStmt): X[] {
    const g = this.g;
    const f = g.f;
    const m = g.m;
    const t = g.layout.tables.find((x) => x.table.name === s.table);
    if (!t) throw new Error(`internal error: no table '${s.table}'`);
    const n = this.applies++;
    const [rec, act, data] = [f.local(i32), f.local(i32), f.local(i32)];
    const words = this.packKey(t);
    const out: X[] = [
      ...f.flush(),
      m.local.set(rec, m.call(lookupName(t), words, i32)),
      m.if(
        f.get32(rec),
        m.block(null, [
          m.local.set(act, m.i32.load(abi.R_ACTION, 4, f.get32(rec))),
          m.local.set(data, m.i32.add(f.get32(rec), f.i32(t.dataOffset))),
          ...(t.table.counters
            ? [
                m.i64.store(abi.R_PACKETS, 8, f.get32(rec), m.i64.add(m.i64.load(abi.R_PACKETS, 8, f.get32(rec)), f.i64(1))),
                m.i64.store(abi.R_BYTES, 8, f.get32(rec), m.i64.add(m.i64.load(abi.R_BYTES, 8, f.get32(rec)), g.read(g.std.packet_length).words[0]!())),
              ]
            : []),
        ]),
        m.block(null, [
          m.local.set(act, m.i32.load(t.desc + abi.T_DEFAULT_ACTION, 4, f.i32(0))),
          m.local.set(data, f.i32(t.desc + abi.T_DEFAULT_DATA)),
        ]),
      ),
    ];
    // br_table: case i breaks out of block `a<n>_<i>`, right before action i's body.
    const names = t.table.actions.map((_, i) => `t${n}_a${i}`);
    const end = `t${n}_end`;
    let inner: X = m.switch(names, end, f.get32(act));
    t.table.actions.forEach((name, i) => {
      const body = this.actionFromData(t, name, data);
      inner = m.block(null, [m.block(names[i]!, [inner]), ...body, m.br(end)]);
    });
    out.push(m.block(end, [inner]));
    const setLocal = (id: number, x: X): void => {
      const v = g.locals.get(id)!;
      out.push(m.local.set(v.locals[0]!, x));
    };
    if (s.hitLocal !== undefined) setLocal(s.hitLocal, m.i64.extend_u(m.i32.ne(f.get32(rec), f.i32(0))));
    if (s.actionLocal !== undefined) setLocal(s.actionLocal, m.i64.extend_u(f.get32(act)));
    return out;
  }

  private actionFromData(t: TableLayout, name: string, data: number): X[] {
    const g = this.g;
    const f = g.f;
    const m = g.m;
    const params = (t.params.get(name) ?? []).map((p) => {
      const words = Array.from({ length: wordCount(p.width) }, (_, j) => m.i64.load(p.offset + 8 * j, 8, f.get32(data)));
      return f.val(p.width, words);
    });
    const loads = f.flush();
    return [...loads, ...this.runAction(name, params)];
  }

  /** The table's key values packed into its words (layout.ts). */
  private packKey(t: TableLayout): X[] {
    const g = this.g;
    const f = g.f;
    const values = t.packing.elements.map((el) => ({ el, v: g.expr(t.table.keys[el.key]!.expr) }));
    const words = Array.from({ length: t.packing.words }, (_, j) => f.word(f.or(values.map(({ el, v }) => f.wordOf(f.resize(v, el.width), el.shift, j)))));
    return words.map((w) => w());
  }

  private stackShift(s: ir.StackShiftStmt): X[] {
    const g = this.g;
    const f = g.f;
    const m = g.m;
    const slots = g.slots.get(s.header)!;
    const size = slots.length;
    const push = s.direction === "push_front";
    const out: X[] = [];
    const order = Array.from({ length: size }, (_, i) => (push ? size - 1 - i : i));
    for (const i of order) {
      const to = slots[i]!;
      const from = slots[push ? i - s.count : i + s.count];
      out.push(m.local.set(to.valid, from ? f.get32(from.valid) : f.i32(0)), m.local.set(to.orig, from ? f.get32(from.orig) : f.i32(0)));
      to.fields.forEach((x, k) =>
        x.v.locals.forEach((l, j) => out.push(m.local.set(l, from ? m.local.get(from.fields[k]!.v.locals[j]!, i64) : f.i64(0)))),
      );
    }
    return out;
  }

  private digest(s: ir.DigestSendStmt): X[] {
    const g = this.g;
    const f = g.f;
    const m = g.m;
    const d = g.layout.digests.find((x) => x.def.name === s.digest);
    if (!d) throw new Error(`internal error: no digest '${s.digest}'`);
    const values = s.values.map((v, i) => f.resize(g.expr(v), d.def.fields[i]!.width));
    const rec = f.local(i32);
    const count = (): X => m.global.get(DIGEST_COUNT, i32);
    return [
      ...f.flush(),
      m.local.set(rec, m.i32.add(f.i32(g.layout.digestBase), m.i32.mul(count(), f.i32(g.layout.digestRecordSize)))),
      m.i32.store(abi.DG_PACKET, 4, f.get32(rec), m.local.get(g.index, i32)),
      m.i32.store(abi.DG_DIGEST, 4, f.get32(rec), f.i32(d.id)),
      ...values.flatMap((v, i) => [
        m.i64.store(abi.DG_VALUES + 16 * i, 8, f.get32(rec), v.words[0]!()),
        m.i64.store(abi.DG_VALUES + 16 * i + 8, 8, f.get32(rec), v.words[1] ? v.words[1]() : f.i64(0)),
      ]),
      m.global.set(DIGEST_COUNT, m.i32.add(count(), f.i32(1))),
    ];
  }
}
