// The per-packet state of generated code and the compilation of expressions.
//
// All of one packet's state lives in wasm locals of the packet function:
// every header field (one i64, two for widths above 64), every header's
// valid bit and the packet offset it was extracted from (for the deparser's
// write-back), metadata, `let` locals, std metadata, the verdict. Locals are
// zero at function entry, which is exactly "metadata and locals are zero at
// the start of every packet, headers invalid". Because the state is in
// locals, actions are expanded where they are called (gen-stmt.ts) rather
// than being wasm functions.
//
// Expressions follow compiler/arith.ts exactly: wrap modulo 2^N, shifts by
// ≥ N give 0, unsigned comparisons; see gen-values.ts for the representation.

import binaryen from "binaryen";
import * as ir from "../../compiler/ir.js";
import { readBits, storeHeader } from "./gen-bits.js";
import { CRC16, CRC32, CSUM, MULHU, XOR16 } from "./gen-helpers.js";
import { Fn, wordCount, type Val, type X } from "./gen-values.js";
import { cellBytes, type Layout } from "./layout.js";

const { i32, i64 } = binaryen;

/** A value held in i64 locals (low word first). */
export interface Var {
  readonly width: number;
  readonly locals: readonly number[];
}

export interface FieldState {
  readonly field: ir.HeaderField;
  readonly v: Var;
}

/** One header instance or stack element. */
export interface SlotState {
  readonly type: ir.HeaderType;
  readonly valid: number; // i32 local
  /** i32 local: 1 + the packet offset the contents were extracted from; 0 when not from the packet. */
  readonly orig: number;
  readonly fields: readonly FieldState[];
}

const PACKET_TOO_SHORT = ir.BUILTIN_ERRORS.indexOf("PacketTooShort");

export class PacketGen {
  readonly m: binaryen.Module;
  readonly slots = new Map<string, SlotState[]>();
  readonly meta = new Map<string, Var>();
  readonly locals = new Map<number, Var>();
  readonly std: Record<ir.StdField, Var>;
  /** Params: 0 the descriptor address, 1 the address of the packet's first byte, 2 the packet's index in the batch. */
  readonly desc = 0;
  readonly data = 1;
  readonly index = 2;
  readonly len: number;
  readonly off: number;
  readonly verdict: number;
  readonly verdictArg: number;
  /** The current action's parameters (a table's action data or a direct call's arguments). */
  params: readonly Val[] = [];
  /** Inside the parser: the label that ends parsing (after std.parser_error is set). */
  parserExit: string | undefined;

  constructor(
    readonly f: Fn,
    readonly layout: Layout,
  ) {
    this.m = f.m;
    const p = layout.program;
    const types = new Map(p.headerTypes.map((t) => [t.name, t]));
    for (const h of p.headers) {
      const type = types.get(h.type)!;
      this.slots.set(
        h.name,
        Array.from({ length: h.stackSize ?? 1 }, () => ({
          type,
          valid: f.local(i32),
          orig: f.local(i32),
          fields: type.fields.map((field) => ({ field, v: this.newVar(field.width) })),
        })),
      );
    }
    for (const mf of p.metadata) this.meta.set(mf.name, this.newVar(ir.widthOf(mf.type)));
    for (const l of p.locals) this.locals.set(l.id, this.newVar(ir.widthOf(l.type)));
    this.std = { ingress_port: this.newVar(16), packet_length: this.newVar(32), timestamp: this.newVar(64), parser_error: this.newVar(8) };
    this.len = f.local(i32);
    this.off = f.local(i32);
    this.verdict = f.local(i32);
    this.verdictArg = f.local(i32);
  }

  newVar(width: number): Var {
    return { width, locals: Array.from({ length: wordCount(width) }, () => this.f.local(i64)) };
  }

  read(v: Var): Val {
    return { width: v.width, words: v.locals.map((l) => this.f.get64(l)) };
  }

  write(v: Var, value: Val): X[] {
    return this.f.setLocals(v.locals, this.f.resize(value, v.width));
  }

  /** The slot a reference names; undefined for an element past the end of a stack. */
  slot(ref: ir.HeaderRef): SlotState | undefined {
    const slots = this.slots.get(ref.header);
    if (!slots) throw new Error(`internal error: no header instance '${ref.header}'`);
    if (ref.index === "next" || ref.index === "last") throw new Error(`internal error: ${ref.header}.${ref.index} after unroll-parser-loops`);
    return slots[ref.index ?? 0];
  }

  fieldOf(slot: SlotState, name: string): FieldState {
    const field = slot.fields.find((x) => x.field.name === name);
    if (!field) throw new Error(`internal error: header type ${slot.type.name} has no field '${name}'`);
    return field;
  }

  dataPtr(): X {
    return this.m.local.get(this.data, i32);
  }

  /** Address of the parser's current position. */
  cursor(): X {
    return this.m.i32.add(this.dataPtr(), this.f.get32(this.off));
  }

  /** Stops the parser with `error` (only inside the parser). */
  parserError(error: number): X {
    if (this.parserExit === undefined) throw new Error("internal error: parser error outside the parser");
    return this.m.block(null, [...this.write(this.std.parser_error, this.f.constVal(BigInt(error), 8)), this.m.br(this.parserExit)]);
  }

  // ------------------------------------------------------------ expressions

  expr(e: ir.Expr): Val {
    const f = this.f;
    const m = this.m;
    const width = ir.widthOf(e.type);
    switch (e.kind) {
      case "Const":
        return f.constVal(e.value, width);
      case "Read":
        return this.readLoc(e.loc, width);
      case "Unary": {
        const v = this.expr(e.operand);
        if (e.op === "!") return f.boolVal(m.i64.eqz(v.words[0]!()));
        return f.val(width, v.words.map((w, j) => m.i64.xor(w(), f.i64(ir.mask(j === v.words.length - 1 ? width - 64 * j : 64)))));
      }
      case "Binary":
        return this.binary(e);
      case "Concat": {
        const l = this.expr(e.left);
        const r = this.expr(e.right);
        const rw = ir.widthOf(e.right.type);
        return f.val(
          width,
          Array.from({ length: wordCount(width) }, (_, j) => f.or([f.wordOf(l, rw, j), f.wordOf(r, 0, j)])),
        );
      }
      case "Slice":
        return f.shiftConst(this.expr(e.expr), -e.lo, e.hi - e.lo + 1);
      case "Cast": {
        const v = this.expr(e.expr);
        if (e.type.kind === "bool") return f.boolVal(f.truthy(v));
        if (e.type.kind === "error") return v;
        return f.resize(v, width);
      }
      case "Cond":
        return this.cond(e);
      case "IsValid": {
        const slot = this.slot(e.ref);
        return slot ? f.boolVal(f.get32(slot.valid)) : f.constVal(0n, 1);
      }
      case "Hash":
        return this.hash(e);
      case "Checksum16": {
        const { bytes } = this.toScratch(e.inputs.map((x) => this.expr(x)));
        return f.val(16, [m.i64.extend_u(m.call(CSUM, [f.i32(this.layout.scratch), f.i32(bytes)], i32))]);
      }
      case "CsumUpdate":
        return this.csumUpdate(e);
      case "RegisterRead":
        return this.registerRead(e);
      case "Lookahead": {
        f.emit(m.if(m.i32.lt_u(m.i32.mul(m.i32.sub(f.get32(this.len), f.get32(this.off)), f.i32(8)), f.i32(width)), this.parserError(PACKET_TOO_SHORT)));
        return readBits(f, () => this.cursor(), 0, 0, width);
      }
    }
  }

  private readLoc(loc: ir.Location, width: number): Val {
    switch (loc.kind) {
      case "field": {
        const slot = this.slot(loc.ref);
        return slot ? this.read(this.fieldOf(slot, loc.field).v) : this.f.constVal(0n, width);
      }
      case "meta":
        return this.read(this.meta.get(loc.field)!);
      case "local": {
        const v = this.locals.get(loc.id);
        if (!v) throw new Error(`internal error: no local with id ${loc.id}`);
        return this.read(v);
      }
      case "param": {
        const v = this.params[loc.index];
        if (!v) throw new Error(`internal error: action parameter ${loc.index} read outside its action`);
        return v;
      }
      case "std":
        return this.read(this.std[loc.field]);
    }
  }

  private binary(e: ir.BinaryExpr): Val {
    const f = this.f;
    const m = this.m;
    const w = ir.widthOf(e.type);
    if (e.op === "&&" || e.op === "||") {
      const l = this.expr(e.left);
      const right = f.nested(() => this.expr(e.right));
      const r = this.f.local(i64);
      const evalRight = m.block(null, [...right.pre, m.local.set(r, right.value.words[0]!())]);
      const skip = m.local.set(r, f.i64(e.op === "&&" ? 0 : 1));
      f.emit(e.op === "&&" ? m.if(f.truthy(l), evalRight, skip) : m.if(f.truthy(l), skip, evalRight));
      return { width: 1, words: [f.get64(r)] };
    }
    const a = this.expr(e.left);
    const b = this.expr(e.right);
    const top = ir.mask(w > 64 ? w - 64 : w);
    const two = w > 64;
    switch (e.op) {
      case "+":
      case "-": {
        const op = e.op === "+" ? m.i64.add : m.i64.sub;
        if (!two) return f.val(w, [f.and(op(a.words[0]!(), b.words[0]!()), top)]);
        const lo = f.word(op(a.words[0]!(), b.words[0]!()));
        const carry = e.op === "+" ? m.i64.lt_u(lo(), a.words[0]!()) : m.i64.lt_u(a.words[0]!(), b.words[0]!());
        const hi = op(op(a.words[1]!(), b.words[1]!()), m.i64.extend_u(carry));
        return f.val(w, [lo(), f.and(hi, top)]);
      }
      case "*": {
        if (!two) return f.val(w, [f.and(m.i64.mul(a.words[0]!(), b.words[0]!()), top)]);
        const [a0, a1, b0, b1] = [a.words[0]!, a.words[1]!, b.words[0]!, b.words[1]!];
        const hi = m.i64.add(m.i64.add(m.call(MULHU, [a0(), b0()], i64), m.i64.mul(a0(), b1())), m.i64.mul(a1(), b0()));
        return f.val(w, [m.i64.mul(a0(), b0()), f.and(hi, top)]);
      }
      case "&":
      case "|":
      case "^": {
        const op = e.op === "&" ? m.i64.and : e.op === "|" ? m.i64.or : m.i64.xor;
        return f.val(w, a.words.map((x, j) => op(x(), b.words[j]!())));
      }
      case "<<":
      case ">>":
        return this.shift(e.op, a, b, w);
      default:
        return f.boolVal(this.compare(e.op, a, b));
    }
  }

  private compare(op: ir.CompareOp, a: Val, b: Val): X {
    const m = this.m;
    const [a0, b0] = [a.words[0]!, b.words[0]!];
    if (a.words.length === 1) {
      const ops = { "==": m.i64.eq, "!=": m.i64.ne, "<": m.i64.lt_u, "<=": m.i64.le_u, ">": m.i64.gt_u, ">=": m.i64.ge_u };
      return ops[op](a0(), b0());
    }
    const [a1, b1] = [a.words[1]!, b.words[1]!];
    const eq = (): X => m.i32.and(m.i64.eq(a0(), b0()), m.i64.eq(a1(), b1()));
    const lt = (): X => m.i32.or(m.i64.lt_u(a1(), b1()), m.i32.and(m.i64.eq(a1(), b1()), m.i64.lt_u(a0(), b0())));
    const gt = (): X => m.i32.or(m.i64.gt_u(a1(), b1()), m.i32.and(m.i64.eq(a1(), b1()), m.i64.gt_u(a0(), b0())));
    switch (op) {
      case "==":
        return eq();
      case "!=":
        return m.i32.eqz(eq());
      case "<":
        return lt();
      case ">=":
        return m.i32.eqz(lt());
      case ">":
        return gt();
      case "<=":
        return m.i32.eqz(gt());
    }
  }

  private shift(op: ir.ShiftOp, v: Val, amount: Val, w: number): Val {
    const f = this.f;
    const m = this.m;
    const big = f.word(m.i64.extend_u(m.i32.eqz(f.below(amount, w))));
    const n = amount.words[0]!;
    const isBig = (): X => m.i32.wrap(big());
    if (w <= 64) {
      const shifted = op === "<<" ? f.and(m.i64.shl(v.words[0]!(), n()), ir.mask(w)) : m.i64.shr_u(v.words[0]!(), n());
      return f.val(w, [m.select(isBig(), f.i64(0), shifted)]);
    }
    const [lo, hi] = [v.words[0]!, v.words[1]!];
    const [rl, rh] = [f.local(i64), f.local(i64)];
    const set = (l: X, h: X): X => m.block(null, [m.local.set(rl, l), m.local.set(rh, h)]);
    const sixtyFour = f.i64(64);
    const cases =
      op === "<<"
        ? m.if(
            m.i64.ge_u(n(), sixtyFour),
            set(f.i64(0), m.i64.shl(lo(), m.i64.sub(n(), f.i64(64)))),
            m.if(m.i64.eqz(n()), set(lo(), hi()), set(m.i64.shl(lo(), n()), m.i64.or(m.i64.shl(hi(), n()), m.i64.shr_u(lo(), m.i64.sub(f.i64(64), n()))))),
          )
        : m.if(
            m.i64.ge_u(n(), sixtyFour),
            set(m.i64.shr_u(hi(), m.i64.sub(n(), f.i64(64))), f.i64(0)),
            m.if(m.i64.eqz(n()), set(lo(), hi()), set(m.i64.or(m.i64.shr_u(lo(), n()), m.i64.shl(hi(), m.i64.sub(f.i64(64), n()))), m.i64.shr_u(hi(), n()))),
          );
    f.emit(m.if(isBig(), set(f.i64(0), f.i64(0)), cases));
    return f.val(w, [m.local.get(rl, i64), f.and(m.local.get(rh, i64), ir.mask(w - 64))]);
  }

  private cond(e: ir.CondExpr): Val {
    const f = this.f;
    const m = this.m;
    const c = this.expr(e.cond);
    const result = this.newVar(ir.widthOf(e.type));
    const arm = (x: ir.Expr): X => {
      const r = f.nested(() => this.expr(x));
      return m.block(null, [...r.pre, ...this.write(result, r.value)]);
    };
    f.emit(m.if(f.truthy(c), arm(e.then), arm(e.else)));
    return this.read(result);
  }

  /** Writes the inputs, concatenated MSB first, to the scratch buffer, zero-padded to whole 16-bit words. */
  private toScratch(values: readonly Val[], prefix: readonly Val[] = []): { bits: number; bytes: number } {
    let o = 0;
    const fields = [...prefix, ...values].map((v) => {
      const x = { o, w: v.width, v };
      o += v.width;
      return x;
    });
    const padded = Math.ceil(o / 16) * 2;
    const stores = storeHeader(this.f, () => this.f.i32(0), this.layout.scratch, fields, padded);
    stores.forEach((s) => this.f.emit(s));
    return { bits: o, bytes: Math.ceil(o / 8) };
  }

  private hash(e: ir.HashExpr): Val {
    const f = this.f;
    const m = this.m;
    const values = e.inputs.map((x) => this.expr(x));
    if (e.algorithm === "identity") {
      let at = 0;
      const parts: (X | null)[] = [];
      for (let i = values.length - 1; i >= 0 && at < 32; i--) {
        parts.push(f.wordOf(values[i]!, at, 0));
        at += values[i]!.width;
      }
      return f.val(32, [f.and(f.or(parts), ir.mask(32))]);
    }
    const { bytes } = this.toScratch(values);
    const fn = e.algorithm === "crc32" ? CRC32 : e.algorithm === "crc16" ? CRC16 : XOR16;
    return f.val(32, [m.i64.extend_u(m.call(fn, [f.i32(this.layout.scratch), f.i32(bytes)], i32))]);
  }

  /** RFC 1624 eqn. 3 as the interpreter computes it: the RFC 1071 checksum of ~HC, ~old (padded, then complemented) and new (padded). */
  private csumUpdate(e: ir.CsumUpdateExpr): Val {
    const f = this.f;
    const m = this.m;
    const sum = this.expr(e.sum);
    const complementPadded = (v: Val): Val => {
      const pad = (16 - (v.width % 16)) % 16;
      const padded = f.shiftConst(v, pad, v.width + pad);
      return f.val(padded.width, padded.words.map((w, j) => m.i64.xor(w(), f.i64(ir.mask(j === padded.words.length - 1 ? padded.width - 64 * j : 64)))));
    };
    const old = complementPadded(this.expr(e.old));
    const nu = this.expr(e.new);
    const { bytes } = this.toScratch([nu], [complementPadded(f.resize(sum, 16)), old]);
    return f.val(16, [m.i64.extend_u(m.call(CSUM, [f.i32(this.layout.scratch), f.i32(bytes)], i32))]);
  }

  private registerRead(e: ir.RegisterReadExpr): Val {
    const f = this.f;
    const m = this.m;
    const reg = this.layout.registers.find((r) => r.def.name === e.register);
    if (!reg) throw new Error(`internal error: no register '${e.register}'`);
    const index = this.expr(e.index);
    const result = this.newVar(reg.def.width);
    const cb = cellBytes(reg.def);
    const addr = f.local(i32);
    const load = m.block(null, [
      m.local.set(addr, m.i32.add(f.i32(reg.base), m.i32.mul(f.low32(index), f.i32(cb)))),
      ...result.locals.map((l, j) => m.local.set(l, m.i64.load(8 * j, 8, f.get32(addr)))),
    ]);
    f.emit(m.if(f.below(index, reg.def.size), load, m.block(null, result.locals.map((l) => m.local.set(l, f.i64(0))))));
    return this.read(result);
  }
}
