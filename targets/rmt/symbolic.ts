// Symbolic execution of straight-line statements into parallel writes: what
// one VLIW instruction word (one stage's actions) can do.
//
// RMT actions read the PHV as it was at the start of the stage and write
// every container at its end. A sequence of statements is turned into that
// form by substitution: each location's final value becomes one expression
// over the values at the start (`x = a; y = x + 1` gives y = a + 1). Writes
// to header fields are predicated on the header's validity (writing a field
// of an invalid header does nothing, language.md); setInvalid zeroes the
// fields (the interpreter's invariant, so reading one gives 0). Extern
// operations (counters, register writes, digests, meters) are collected in
// order. A read of a location whose new value cannot be substituted (a meter
// colour, a register after its write) is a hazard: the caller splits there
// (control blocks) or rejects (an action must fit one stage).

import * as ir from "../../compiler/ir.js";
import { childExprs, mapExpr } from "../../compiler/visit.js";

/** A location of the packet's state: a header field, a validity bit, metadata, a local. */
export type Loc =
  | { readonly kind: "field"; readonly header: string; readonly index: number | undefined; readonly field: string }
  | { readonly kind: "valid"; readonly header: string; readonly index: number | undefined }
  | { readonly kind: "meta"; readonly field: string }
  | { readonly kind: "std"; readonly field: ir.StdField }
  | { readonly kind: "local"; readonly id: number };

/** Pseudo metadata holding the verdict and its port or group (written by drop(), forward(p), …). */
export const VERDICT = "$verdict";
export const VERDICT_ARG = "$verdict_arg";
export const VERDICT_CODES: Record<ir.Verdict, bigint> = { drop: 0n, forward: 1n, to_host: 2n, bounce: 3n, multicast: 4n };

const headerName = (header: string, index: number | undefined): string => (index === undefined ? header : `${header}[${index}]`);

/** The PHV field name of a location (`ip.ttl`, `$valid.ip`, `meta.x`, `std.ingress_port`, `$local.3`). */
export function locName(l: Loc): string {
  switch (l.kind) {
    case "field":
      return `${headerName(l.header, l.index)}.${l.field}`;
    case "valid":
      return `$valid.${headerName(l.header, l.index)}`;
    case "meta":
      return l.field.startsWith("$") ? l.field : `meta.${l.field}`;
    case "std":
      return `std.${l.field}`;
    case "local":
      return `$local.${l.id}`;
  }
}

const constIndex = (ref: ir.HeaderRef): number | undefined => {
  if (ref.index === undefined) return undefined;
  if (typeof ref.index !== "number") throw new Error(`internal error: stack index '${ref.index}' after unrolling`);
  return ref.index;
};

export function locOf(loc: ir.Location): Loc | undefined {
  switch (loc.kind) {
    case "field":
      return { kind: "field", header: loc.ref.header, index: constIndex(loc.ref), field: loc.field };
    case "meta":
      return { kind: "meta", field: loc.field };
    case "std":
      return { kind: "std", field: loc.field };
    case "local":
      return { kind: "local", id: loc.id };
    case "param":
      return undefined;
  }
}

export const validLoc = (ref: ir.HeaderRef): Loc => ({ kind: "valid", header: ref.header, index: constIndex(ref) });

/** The state locations an expression reads (parameters excluded), and the registers it reads. */
export function exprReads(e: ir.Expr, out: Set<string> = new Set()): Set<string> {
  if (e.kind === "Read") {
    const l = locOf(e.loc);
    if (l) out.add(locName(l));
  } else if (e.kind === "IsValid") {
    out.add(locName(validLoc(e.ref)));
  } else if (e.kind === "RegisterRead") {
    out.add(`$reg.${e.register}`);
  }
  for (const c of childExprs(e)) exprReads(c, out);
  return out;
}

export type SymExtern =
  | { readonly op: "count"; readonly counter: string; readonly idx: ir.Expr; readonly span: ir.Stmt["span"] }
  | { readonly op: "reg_write"; readonly reg: string; readonly idx: ir.Expr; readonly value: ir.Expr; readonly span: ir.Stmt["span"] }
  | { readonly op: "digest"; readonly digest: string; readonly values: readonly ir.Expr[]; readonly span: ir.Stmt["span"] }
  | { readonly op: "meter"; readonly meter: string; readonly idx: ir.Expr; readonly dst: Loc; readonly span: ir.Stmt["span"] };

/** A problem that makes a sequence impossible in one stage. */
export class Hazard {
  constructor(
    readonly message: string,
    readonly span: ir.Stmt["span"],
  ) {}
}

const bit = (w: number, value: bigint, span: ir.Stmt["span"]): ir.Expr => ({ kind: "Const", type: ir.bit(w), value, span });
const locType = (program: ir.Program, l: Loc): ir.ValueType => typeOfLoc(program, l);

export function typeOfLoc(program: ir.Program, l: Loc): ir.ValueType {
  switch (l.kind) {
    case "valid":
      return ir.BOOL;
    case "field": {
      const inst = program.headers.find((h) => h.name === l.header)!;
      const type = program.headerTypes.find((t) => t.name === inst.type)!;
      return ir.bit(type.fields.find((f) => f.name === l.field)!.width);
    }
    case "meta":
      if (l.field === VERDICT) return ir.bit(3);
      if (l.field === VERDICT_ARG) return ir.bit(16);
      return program.metadata.find((m) => m.name === l.field)?.type ?? ir.bit(1);
    case "std":
      return { ingress_port: ir.bit(16), packet_length: ir.bit(32), timestamp: ir.bit(64), parser_error: ir.ERROR }[l.field];
    case "local":
      return program.locals.find((x) => x.id === l.id)?.type ?? ir.bit(1);
  }
}

/** An ir read of a location (validity as IsValid). */
export function readOf(l: Loc, type: ir.ValueType, span: ir.Stmt["span"]): ir.Expr {
  if (l.kind === "valid") return { kind: "IsValid", type: ir.BOOL, ref: { header: l.header, ...(l.index !== undefined ? { index: l.index } : {}) }, span };
  const loc: ir.Location =
    l.kind === "field"
      ? { kind: "field", ref: { header: l.header, ...(l.index !== undefined ? { index: l.index } : {}) }, field: l.field }
      : l.kind === "meta"
        ? { kind: "meta", field: l.field }
        : l.kind === "std"
          ? { kind: "std", field: l.field }
          : { kind: "local", id: l.id };
  return { kind: "Read", type, loc, span };
}

/**
 * The state of one straight-line sequence: every written location's value as
 * an expression over the values at its start, and the extern operations.
 */
export class SymState {
  readonly values = new Map<string, { loc: Loc; expr: ir.Expr; span: ir.Stmt["span"] }>();
  readonly externs: SymExtern[] = [];
  /** Locations and registers whose new value cannot be read back in the same stage. */
  readonly opaque = new Set<string>();
  /** During an inlined action call: the locations written before the call. */
  private callBase: Set<string> | undefined;
  /** Everything read from the start state (for dependencies). */
  readonly reads = new Set<string>();

  constructor(
    readonly program: ir.Program,
    /** Action parameters, for an action body: parameter index → argument. */
    private args: readonly ir.Expr[] = [],
    /**
     * Strict (control blocks): a computed value (not a constant or a copy of
     * start-of-stage bits) cannot be read back, since that would chain two ALU
     * operations in one stage; the caller starts a new stage instead.
     */
    private readonly strict = false,
  ) {}

  /** A copy to roll back to when a statement turns out not to fit. */
  snapshot(): () => void {
    const values = new Map(this.values);
    const externs = this.externs.length;
    const opaque = new Set(this.opaque);
    const reads = new Set(this.reads);
    return () => {
      this.values.clear();
      for (const [k, v] of values) this.values.set(k, v);
      this.externs.length = externs;
      this.opaque.clear();
      for (const o of opaque) this.opaque.add(o);
      this.reads.clear();
      for (const r of reads) this.reads.add(r);
    };
  }

  get empty(): boolean {
    return this.values.size === 0 && this.externs.length === 0;
  }

  /** `e` with every location replaced by its current value (parameters by arguments). */
  subst(e: ir.Expr): ir.Expr {
    return mapExpr(e, (x) => {
      if (x.kind === "Read") {
        if (x.loc.kind === "param") return this.args[x.loc.index] ?? x;
        return this.current(locOf(x.loc)!, x.type, x.span);
      }
      if (x.kind === "IsValid") return this.current(validLoc(x.ref), ir.BOOL, x.span);
      if (x.kind === "RegisterRead") {
        if (this.opaque.has(`$reg.${x.register}`)) throw new Hazard(`register ${x.register} is read after it is written`, x.span);
        this.reads.add(`$reg.${x.register}`);
      }
      return x;
    });
  }

  private current(l: Loc, type: ir.ValueType, span: ir.Stmt["span"]): ir.Expr {
    const name = locName(l);
    if (this.opaque.has(name)) throw new Hazard(`${name} is read after an operation that writes it at the end of the stage`, span);
    const v = this.values.get(name);
    if (v) {
      // Inside a called action, its own computed values may be read back (an action is one VLIW word).
      if (this.strict && !isRouting(v.expr) && (this.callBase === undefined || this.callBase.has(name))) {
        throw new Hazard(`${name} is read after being computed in the same stage`, span);
      }
      return v.expr;
    }
    this.reads.add(name);
    return readOf(l, type, span);
  }

  private set(l: Loc, value: ir.Expr, span: ir.Stmt["span"] = value.span): void {
    this.values.set(locName(l), { loc: l, expr: value, span });
  }

  /** Writes `value` (already substituted) to a location, honouring validity for header fields. */
  write(l: Loc, value: ir.Expr, span: ir.Stmt["span"]): void {
    if (l.kind === "field") {
      const valid = this.current({ kind: "valid", header: l.header, index: l.index }, ir.BOOL, span);
      if (valid.kind === "Const") {
        if (valid.value === 0n) return;
      } else {
        value = { kind: "Cond", type: value.type, cond: valid, then: value, else: this.current(l, value.type, span), span };
      }
    }
    this.set(l, simplify(value), span);
  }

  exec(st: ir.Stmt): void {
    switch (st.kind) {
      case "Assign": {
        const l = locOf(st.target.loc)!;
        let value = this.subst(st.value);
        if (st.target.slice) {
          const type = locType(this.program, l);
          const w = ir.widthOf(type);
          const { hi, lo } = st.target.slice;
          const cur = this.current(l, type, st.span);
          const part = (h: number, lw: number): ir.Expr => ({ kind: "Slice", type: ir.bit(h - lw + 1), expr: cur, hi: h, lo: lw, span: st.span });
          if (hi < w - 1) value = { kind: "Concat", type: ir.bit(w - lo), left: part(w - 1, hi + 1), right: value, span: st.span };
          if (lo > 0) value = { kind: "Concat", type: ir.bit(w), left: value, right: part(lo - 1, 0), span: st.span };
        }
        this.write(l, value, st.span);
        return;
      }
      case "Verdict": {
        this.write({ kind: "meta", field: VERDICT }, bit(3, VERDICT_CODES[st.verdict], st.span), st.span);
        const arg = st.arg ? this.subst(st.arg) : bit(16, 0n, st.span);
        this.write({ kind: "meta", field: VERDICT_ARG }, arg, st.span);
        return;
      }
      case "SetValidity": {
        const v = validLoc(st.ref);
        if (st.valid) {
          this.set(v, bit(1, 1n, st.span));
          return;
        }
        for (const f of this.fieldsOf(st.ref.header)) this.set({ kind: "field", header: st.ref.header, index: v.kind === "valid" ? v.index : undefined, field: f.name }, bit(f.width, 0n, st.span));
        this.set(v, bit(1, 0n, st.span));
        return;
      }
      case "StackShift":
        return this.stackShift(st);
      case "RegisterWrite":
        this.externs.push({ op: "reg_write", reg: st.register, idx: this.subst(st.index), value: this.subst(st.value), span: st.span });
        this.opaque.add(`$reg.${st.register}`);
        return;
      case "Count":
        this.externs.push({ op: "count", counter: st.counter, idx: this.subst(st.index), span: st.span });
        return;
      case "MeterExecute": {
        const dst: Loc = { kind: "local", id: st.resultLocal };
        this.externs.push({ op: "meter", meter: st.meter, idx: this.subst(st.index), dst, span: st.span });
        this.values.delete(locName(dst));
        this.opaque.add(locName(dst));
        return;
      }
      case "DigestSend":
        this.externs.push({ op: "digest", digest: st.digest, values: st.values.map((v) => this.subst(v)), span: st.span });
        return;
      case "CallAction": {
        const action = this.program.actions.find((a) => a.name === st.action);
        if (!action) throw new Error(`internal error: call of unknown action ${st.action}`);
        // Arguments are evaluated at the call, then the body runs on the same state.
        const saved = this.args;
        const savedBase = this.callBase;
        this.args = st.args.map((a) => this.subst(a));
        this.callBase ??= new Set(this.values.keys());
        for (const s of action.body) this.exec(s);
        this.args = saved;
        this.callBase = savedBase;
        return;
      }
      case "If":
        return this.conditional(st);
      case "ApplyTable":
      case "Exit":
        throw new Hazard(`${st.kind === "Exit" ? "exit" : "a table apply"} cannot be part of an action`, st.span);
    }
  }

  /** An `if` inside an action: both branches run symbolically and merge into conditional moves. */
  private conditional(st: ir.IfStmt): void {
    const cond = this.subst(st.cond);
    const branch = (body: readonly ir.Stmt[]): SymState => {
      const s = new SymState(this.program, this.args);
      for (const [k, v] of this.values) s.values.set(k, v);
      for (const o of this.opaque) s.opaque.add(o);
      for (const b of body) s.exec(b);
      for (const r of s.reads) this.reads.add(r);
      if (s.externs.length > this.externs.length) throw new Hazard("an extern operation under an `if` inside an action", st.span);
      return s;
    };
    const a = branch(st.then);
    const b = branch(st.else);
    for (const key of new Set([...a.values.keys(), ...b.values.keys()])) {
      const va = a.values.get(key);
      const vb = b.values.get(key);
      const l = (va ?? vb)!.loc;
      const type = (va ?? vb)!.expr.type;
      const then = va?.expr ?? this.current(l, type, st.span);
      const other = vb?.expr ?? this.current(l, type, st.span);
      if (then !== other) this.set(l, simplify({ kind: "Cond", type, cond, then, else: other, span: st.span }));
    }
  }

  private fieldsOf(header: string): readonly ir.HeaderField[] {
    const inst = this.program.headers.find((h) => h.name === header)!;
    return this.program.headerTypes.find((t) => t.name === inst.type)!.fields;
  }

  private stackShift(st: ir.StackShiftStmt): void {
    const inst = this.program.headers.find((h) => h.name === st.header)!;
    const size = inst.stackSize ?? 1;
    const fields = this.fieldsOf(st.header);
    const n = st.count;
    const locsOf = (i: number): Loc[] => [
      { kind: "valid", header: st.header, index: i },
      ...fields.map((f): Loc => ({ kind: "field", header: st.header, index: i, field: f.name })),
    ];
    const before = Array.from({ length: size }, (_, i) => locsOf(i).map((l) => this.current(l, locType(this.program, l), st.span)));
    for (let i = 0; i < size; i++) {
      const from = st.direction === "push_front" ? i - n : i + n;
      locsOf(i).forEach((l, k) => {
        const w = ir.widthOf(locType(this.program, l));
        this.set(l, from >= 0 && from < size ? before[from]![k]! : bit(w, 0n, st.span));
      });
    }
  }
}

/** Bit routing only (constants, reads, slices, concatenations, casts): no ALU operation. */
export function isRouting(e: ir.Expr): boolean {
  switch (e.kind) {
    case "Const":
    case "Read":
    case "IsValid":
      return true;
    case "Slice":
    case "Cast":
      return isRouting(e.expr);
    case "Concat":
      return isRouting(e.left) && isRouting(e.right);
    default:
      return false;
  }
}

/** Folds conditions that became constant (a field written right after setValid). */
export function simplify(e: ir.Expr): ir.Expr {
  return mapExpr(e, (x) => {
    if (x.kind === "Cond" && x.cond.kind === "Const") return x.cond.value !== 0n ? x.then : x.else;
    if (x.kind === "Unary" && x.op === "!" && x.operand.kind === "Const") return { ...x.operand, value: x.operand.value === 0n ? 1n : 0n, type: ir.BOOL };
    if (x.kind === "Cast" && x.expr.kind === "Const") return { kind: "Const", type: x.type, value: x.expr.value & ir.mask(ir.widthOf(x.type)), span: x.span };
    return x;
  });
}
