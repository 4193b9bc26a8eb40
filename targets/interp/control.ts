// Statements of the ingress control and of actions, compiled to closures.
//
// A compiled statement returns true when it executed `exit`, which ends
// ingress (the deparser still runs). Actions run with their arguments in
// PacketState.args, saved and restored around the call. Verdicts record the
// last one set, with its port or group evaluated when the statement runs.

import * as arith from "../../compiler/arith.js";
import * as ir from "../../compiler/ir.js";
import { findAction } from "../../runtime/controlplane.js";
import { compileExpr, compileWrite, type Eval, type ExprContext } from "./expr.js";
import type { CounterState, MeterState, RegisterState } from "./externs.js";
import { resolveRef, slotOf, type PacketState } from "./state.js";
import type { InterpTable } from "./tables.js";

export type Exec = (s: PacketState) => boolean;
type RunAction = (s: PacketState, args: readonly bigint[]) => void;

/** The persistent state statements act on. */
export interface Machine extends ExprContext {
  readonly program: ir.Program;
  readonly tables: ReadonlyMap<string, InterpTable>;
  readonly counters: ReadonlyMap<string, CounterState>;
  readonly registers: ReadonlyMap<string, RegisterState>;
  readonly meters: ReadonlyMap<string, MeterState>;
}

const CONTINUE = false;
const EXIT = true;

function block(stmts: readonly Exec[]): Exec {
  if (stmts.length === 1) return stmts[0]!;
  return (s) => {
    for (const x of stmts) if (x(s)) return EXIT;
    return CONTINUE;
  };
}

/** The ingress control, run once per packet after the parser. */
export function compileIngress(m: Machine): (s: PacketState) => void {
  const actions = new Map<string, RunAction>();
  const compiler = new StmtCompiler(m, actions);
  for (const a of m.program.actions) actions.set(a.name, compiler.action(a));
  for (const t of m.program.tables) {
    for (const name of t.actions) {
      if (!actions.has(name)) {
        const a = findAction(m.program, name);
        if (!a) throw new Error(`internal error: table ${t.name} lists unknown action '${name}'`);
        actions.set(name, compiler.action(a));
      }
    }
  }
  const ingress = compiler.block(m.program.ingress);
  return (s) => {
    ingress(s);
  };
}

class StmtCompiler {
  constructor(
    private readonly m: Machine,
    private readonly actions: ReadonlyMap<string, RunAction>,
  ) {}

  action(a: ir.Action): RunAction {
    const body = this.block(a.body);
    return (s, args) => {
      const saved = s.args;
      s.args = args;
      body(s);
      s.args = saved;
    };
  }

  block(stmts: readonly ir.Stmt[]): Exec {
    return block(stmts.map((x) => this.stmt(x)));
  }

  private expr(e: ir.Expr): Eval {
    return compileExpr(e, this.m);
  }

  private stmt(st: ir.Stmt): Exec {
    switch (st.kind) {
      case "Assign": {
        const value = this.expr(st.value);
        const write = compileWrite(st.target, this.m);
        return (s) => {
          write(s, value(s));
          return CONTINUE;
        };
      }
      case "If": {
        const cond = this.expr(st.cond);
        const then = this.block(st.then);
        const other = this.block(st.else);
        return (s) => (cond(s) !== 0n ? then(s) : other(s));
      }
      case "ApplyTable":
        return this.applyTable(st);
      case "CallAction": {
        // Looked up when called: an action may call one compiled after it.
        if (!findAction(this.m.program, st.action)) throw new Error(`internal error: call of unknown action '${st.action}'`);
        const actions = this.actions;
        const name = st.action;
        const args = st.args.map((a) => this.expr(a));
        return (s) => {
          actions.get(name)!(
            s,
            args.map((a) => a(s)),
          );
          return CONTINUE;
        };
      }
      case "Verdict":
        return this.verdict(st);
      case "SetValidity": {
        const ref = resolveRef(this.m.layout, st.ref);
        const valid = st.valid;
        return (s) => {
          const k = slotOf(ref, s);
          if (k < 0) return CONTINUE;
          const slot = s.slots[k]!;
          // A newly valid header has zero fields, which an invalid slot already holds.
          if (!valid && slot.valid) slot.fields.fill(0n);
          slot.valid = valid;
          return CONTINUE;
        };
      }
      case "StackShift":
        return this.stackShift(st);
      case "RegisterWrite": {
        const reg = this.extern(this.m.registers, st.register, "register");
        const index = this.expr(st.index);
        const value = this.expr(st.value);
        const width = reg.def.width;
        return (s) => {
          reg.write(index(s), arith.wrap(value(s), width));
          return CONTINUE;
        };
      }
      case "Count": {
        const counter = this.extern(this.m.counters, st.counter, "counter");
        const index = this.expr(st.index);
        return (s) => {
          counter.count(index(s), s.packetLength);
          return CONTINUE;
        };
      }
      case "MeterExecute": {
        const meter = this.extern(this.m.meters, st.meter, "meter");
        const index = this.expr(st.index);
        const result = st.resultLocal;
        return (s) => {
          s.locals[result] = meter.execute(index(s), s.timestamp, s.packetLength);
          return CONTINUE;
        };
      }
      case "DigestSend": {
        const digest = this.m.program.digests.find((d) => d.name === st.digest);
        if (!digest) throw new Error(`internal error: no digest '${st.digest}'`);
        const values = st.values.map((v) => this.expr(v));
        const names = digest.fields.map((f) => f.name);
        return (s) => {
          const fields: Record<string, bigint> = {};
          names.forEach((n, i) => (fields[n] = values[i]!(s)));
          s.digests.push({ digest: digest.name, fields });
          return CONTINUE;
        };
      }
      case "Exit":
        return () => EXIT;
    }
  }

  private extern<T>(map: ReadonlyMap<string, T>, name: string, what: string): T {
    const found = map.get(name);
    if (!found) throw new Error(`internal error: no ${what} '${name}'`);
    return found;
  }

  /** Lookup, action (entry's or default), direct counter on a hit, then hit and action index into their locals. */
  private applyTable(st: ir.ApplyTableStmt): Exec {
    const t = this.extern(this.m.tables, st.table, "table");
    const def = t.table;
    const keys = def.keys.map((k) => this.expr(k.expr));
    const actionIndex = new Map(def.actions.map((name, i) => [name, BigInt(i)]));
    for (const inv of [def.defaultAction, ...def.entries.map((e) => e.action)]) {
      if (!actionIndex.has(inv.action)) throw new Error(`internal error: table ${def.name} uses action '${inv.action}' that it does not list`);
    }
    const { hitLocal, actionLocal } = st;
    const counted = def.counters;
    const actions = this.actions;
    return (s) => {
      const values = keys.map((k) => k(s));
      const entry = t.lookup(values);
      const inv = entry ? entry.action : t.store.defaultAction;
      if (entry && counted) t.count(entry, s.packetLength);
      actions.get(inv.action)!(s, inv.args);
      if (hitLocal !== undefined) s.locals[hitLocal] = entry ? 1n : 0n;
      if (actionLocal !== undefined) s.locals[actionLocal] = actionIndex.get(inv.action)!;
      return CONTINUE;
    };
  }

  private verdict(st: ir.VerdictStmt): Exec {
    const verdict = st.verdict;
    const arg = st.arg ? this.expr(st.arg) : undefined;
    if ((verdict === "forward" || verdict === "multicast") && !arg) throw new Error(`internal error: ${verdict} without an argument`);
    return (s) => {
      s.verdict = verdict;
      s.verdictArg = arg ? arg(s) : 0n;
      return CONTINUE;
    };
  }

  /**
   * P4-16 semantics: push_front(n) moves element i to i+n (the last n fall
   * off) and the first n become invalid; pop_front(n) moves i to i-n and the
   * last n become invalid. nextIndex moves by n, within 0..size.
   */
  private stackShift(st: ir.StackShiftStmt): Exec {
    const inst = this.m.layout.instance(st.header);
    if (inst.stackSize === undefined) throw new Error(`internal error: ${st.header} is not a stack`);
    const { base, stackSize: size, stackId } = inst as Required<typeof inst>;
    const n = st.count;
    const push = st.direction === "push_front";
    const layout = this.m.layout;
    return (s) => {
      const old = s.slots.slice(base, base + size);
      for (let i = 0; i < size; i++) {
        const from = push ? i - n : i + n;
        s.slots[base + i] = from >= 0 && from < size ? old[from]! : layout.newSlot(base + i);
      }
      const next = s.nextIndex[stackId]! + (push ? n : -n);
      s.nextIndex[stackId] = Math.min(size, Math.max(0, next));
      return CONTINUE;
    };
  }
}
