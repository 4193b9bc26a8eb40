// Expressions: each IR expression is turned once, at load time, into a JS
// closure over the packet state, so a packet costs no tree walk or name lookup.
//
// The meaning of every operator comes from compiler/arith.ts, the same code
// constant folding uses, so folded and interpreted results cannot differ.
// Values are bigints kept within their type's width; bool is 0n/1n; an error
// value is its index in Program.errors.

import * as arith from "../../compiler/arith.js";
import * as ir from "../../compiler/ir.js";
import { checksum16, csum16Update, hash } from "../../compiler/hash.js";
import { readBits } from "../../compiler/wire.js";
import { resolveRef, slotOf, type Layout, type PacketState } from "./state.js";

export type Eval = (s: PacketState) => bigint;

/** Raised inside the parser to stop it with an error (an index into Program.errors); not an Error, so no stack is captured. */
export class ParserStop {
  constructor(readonly error: number) {}
}

export const PACKET_TOO_SHORT = ir.BUILTIN_ERRORS.indexOf("PacketTooShort");

/** What expressions need besides the packet: the layout, register cells, and whether this is parser code. */
export interface ExprContext {
  readonly layout: Layout;
  readonly registers: ReadonlyMap<string, { readonly cells: bigint[] }>;
  readonly inParser: boolean;
}

const TRUE = 1n;
const FALSE = 0n;
const bool = (b: boolean): bigint => (b ? TRUE : FALSE);

export function compileExpr(e: ir.Expr, ctx: ExprContext): Eval {
  switch (e.kind) {
    case "Const": {
      const v = e.value;
      return () => v;
    }
    case "Read":
      return compileRead(e.loc, ctx);
    case "Unary": {
      const x = compileExpr(e.operand, ctx);
      if (e.op === "!") return (s) => (x(s) === FALSE ? TRUE : FALSE);
      const w = ir.widthOf(e.type);
      return (s) => arith.complement(x(s), w);
    }
    case "Binary":
      return compileBinary(e, ctx);
    case "Concat": {
      const l = compileExpr(e.left, ctx);
      const r = compileExpr(e.right, ctx);
      const rw = ir.widthOf(e.right.type);
      return (s) => arith.concat(l(s), r(s), rw);
    }
    case "Slice": {
      const x = compileExpr(e.expr, ctx);
      const { hi, lo } = e;
      return (s) => arith.slice(x(s), hi, lo);
    }
    case "Cast": {
      const x = compileExpr(e.expr, ctx);
      if (e.type.kind === "bool") return (s) => bool(x(s) !== FALSE);
      if (e.type.kind === "error") return x;
      const w = e.type.width;
      return (s) => arith.wrap(x(s), w);
    }
    case "Cond": {
      const c = compileExpr(e.cond, ctx);
      const t = compileExpr(e.then, ctx);
      const f = compileExpr(e.else, ctx);
      return (s) => (c(s) !== FALSE ? t(s) : f(s));
    }
    case "IsValid": {
      const ref = resolveRef(ctx.layout, e.ref);
      return (s) => {
        const k = slotOf(ref, s);
        return bool(k >= 0 && s.slots[k]!.valid);
      };
    }
    case "Hash": {
      const input = compileConcatenation(e.inputs, ctx);
      const alg = e.algorithm;
      return (s) => hash(alg, input.value(s), input.width);
    }
    case "Checksum16": {
      const input = compileConcatenation(e.inputs, ctx);
      return (s) => checksum16(input.value(s), input.width);
    }
    case "CsumUpdate": {
      const sum = compileExpr(e.sum, ctx);
      const old = compileExpr(e.old, ctx);
      const nu = compileExpr(e.new, ctx);
      const ow = ir.widthOf(e.old.type);
      const nw = ir.widthOf(e.new.type);
      return (s) => csum16Update(sum(s), old(s), ow, nu(s), nw);
    }
    case "RegisterRead": {
      const cells = registerCells(ctx, e.register);
      const index = compileExpr(e.index, ctx);
      return (s) => {
        const i = index(s);
        return i < BigInt(cells.length) ? cells[Number(i)]! : 0n;
      };
    }
    case "Lookahead": {
      if (!ctx.inParser) throw new Error("internal error: lookahead outside the parser");
      const w = ir.widthOf(e.type);
      return (s) => {
        if (s.offsetBits + w > s.data.length * 8) throw new ParserStop(PACKET_TOO_SHORT);
        return readBits(s.data, s.offsetBits, w);
      };
    }
  }
}

function compileBinary(e: ir.BinaryExpr, ctx: ExprContext): Eval {
  const l = compileExpr(e.left, ctx);
  const r = compileExpr(e.right, ctx);
  const w = ir.widthOf(e.type);
  if (arith.isCompare(e.op)) {
    const op = e.op;
    return (s) => bool(arith.compare(op, l(s), r(s)));
  }
  switch (e.op) {
    case "&&":
      return (s) => (l(s) !== FALSE ? r(s) : FALSE);
    case "||":
      return (s) => (l(s) !== FALSE ? TRUE : r(s));
    case "<<":
    case ">>": {
      const op = e.op;
      return (s) => arith.shift(op, l(s), r(s), w);
    }
    default: {
      const op = e.op;
      return (s) => arith.arith(op, l(s), r(s), w);
    }
  }
}

/** The inputs of hash/checksum16 as one bit string, the first input in the high bits. */
function compileConcatenation(inputs: readonly ir.Expr[], ctx: ExprContext): { value: Eval; width: number } {
  const parts = inputs.map((x) => ({ f: compileExpr(x, ctx), w: ir.widthOf(x.type) }));
  const width = parts.reduce((n, p) => n + p.w, 0);
  return {
    width,
    value: (s) => {
      let v = 0n;
      for (const p of parts) v = arith.concat(v, p.f(s), p.w);
      return v;
    },
  };
}

function registerCells(ctx: ExprContext, name: string): bigint[] {
  const r = ctx.registers.get(name);
  if (!r) throw new Error(`internal error: no register '${name}'`);
  return r.cells;
}

function compileRead(loc: ir.Location, ctx: ExprContext): Eval {
  switch (loc.kind) {
    case "field": {
      const ref = resolveRef(ctx.layout, loc.ref);
      const fi = ctx.layout.fieldIndex(ctx.layout.instance(loc.ref.header).type, loc.field);
      if (typeof ref === "number") return ref < 0 ? () => 0n : (s) => s.slots[ref]!.fields[fi]!;
      return (s) => {
        const k = ref(s);
        return k < 0 ? 0n : s.slots[k]!.fields[fi]!;
      };
    }
    case "meta": {
      const i = ctx.layout.metaSlot(loc.field);
      return (s) => s.meta[i]!;
    }
    case "local": {
      const id = loc.id;
      return (s) => s.locals[id]!;
    }
    case "param": {
      const i = loc.index;
      return (s) => s.args[i]!;
    }
    case "std":
      switch (loc.field) {
        case "ingress_port":
          return (s) => s.ingressPort;
        case "packet_length":
          return (s) => s.packetLength;
        case "timestamp":
          return (s) => s.timestamp;
        case "parser_error":
          return (s) => s.parserError;
      }
  }
}

export type Write = (s: PacketState, v: bigint) => void;

/** An assignment target: writes to an invalid header are dropped; a slice writes only its bits; values are kept within the width. */
export function compileWrite(lv: ir.LValue, ctx: ExprContext): Write {
  const { loc, slice } = lv;
  const merge = slice ? (old: bigint, v: bigint) => arith.setSlice(old, slice.hi, slice.lo, v) : (_old: bigint, v: bigint) => v;
  switch (loc.kind) {
    case "field": {
      const ref = resolveRef(ctx.layout, loc.ref);
      const type = ctx.layout.instance(loc.ref.header).type;
      const fi = ctx.layout.fieldIndex(type, loc.field);
      const m = ir.mask(type.fields[fi]!.width);
      return (s, v) => {
        const k = slotOf(ref, s);
        if (k < 0) return;
        const slot = s.slots[k]!;
        if (slot.valid) slot.fields[fi] = merge(slot.fields[fi]!, v) & m;
      };
    }
    case "meta": {
      const i = ctx.layout.metaSlot(loc.field);
      const m = ir.mask(ir.widthOf(ctx.layout.program.metadata[i]!.type));
      return (s, v) => {
        s.meta[i] = merge(s.meta[i]!, v) & m;
      };
    }
    case "local": {
      const id = loc.id;
      const local = ctx.layout.program.locals.find((l) => l.id === id);
      if (!local) throw new Error(`internal error: no local with id ${id}`);
      const m = ir.mask(ir.widthOf(local.type));
      return (s, v) => {
        s.locals[id] = merge(s.locals[id]!, v) & m;
      };
    }
  }
}
