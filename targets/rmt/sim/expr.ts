// Operand expressions (config CExpr) compiled to closures over the
// simulator's per-packet context. Arithmetic is the IR's (compiler/arith.ts),
// and so are the chip's fixed-function hash, checksum and meter units
// (compiler/hash.ts, compiler/meter.ts).

import * as arith from "../../../compiler/arith.js";
import { checksum16, csum16Update, hash } from "../../../compiler/hash.js";
import { mask } from "../../../compiler/ir.js";
import { markPacket, type MeterCell } from "../../../compiler/meter.js";
import { readBits } from "../../../compiler/wire.js";
import type { CExpr } from "../config.js";
import { sliceReader, type PhvLayout } from "./phv.js";

/** Thrown (as a value, not an Error) when the parser looks past the end of the packet. */
export const TOO_SHORT = Symbol("too short");

export interface Ctx {
  phv: Uint32Array;
  /** The running action's action data, as one bit string (bit 0 = offset 0). */
  ad: bigint;
  hit: bigint;
  data: Uint8Array;
  offsetBits: number;
  timestamp: bigint;
  packetLength: bigint;
}

export interface Stateful {
  readonly registers: ReadonlyMap<string, { readonly cells: bigint[]; readonly size: number }>;
  readonly meters: ReadonlyMap<string, { readonly cells: (MeterCell | undefined)[]; readonly size: number }>;
}

export type Eval = (c: Ctx) => bigint;

export function compileCExpr(e: CExpr, layout: PhvLayout, st: Stateful): Eval {
  const c = (x: CExpr): Eval => compileCExpr(x, layout, st);
  if ("k" in e) {
    const v = BigInt(e.k);
    return () => v;
  }
  if ("phv" in e) {
    const read = sliceReader(layout, e.phv);
    return (x) => read(x.phv);
  }
  if ("ad" in e) {
    const shift = BigInt(e.ad);
    const m = mask(e.w);
    return (x) => (x.ad >> shift) & m;
  }
  if ("hit" in e) return (x) => x.hit;
  if ("lookahead" in e) {
    const w = e.lookahead;
    return (x) => {
      if (x.offsetBits + w > x.data.length * 8) throw TOO_SHORT;
      return readBits(x.data, x.offsetBits, w);
    };
  }
  const w = e.w;
  switch (e.op) {
    case "+":
    case "-":
    case "*":
    case "&":
    case "|":
    case "^": {
      const a = c(e.a);
      const b = c(e.b);
      const op = e.op;
      return (x) => arith.arith(op, a(x), b(x), w);
    }
    case "<<":
    case ">>": {
      const a = c(e.a);
      const b = c(e.b);
      const op = e.op;
      const aw = e.a.w;
      return (x) => arith.shift(op, a(x), b(x), aw);
    }
    case "==":
    case "!=":
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const a = c(e.a);
      const b = c(e.b);
      const op = e.op;
      return (x) => (arith.compare(op, a(x), b(x)) ? 1n : 0n);
    }
    case "&&": {
      const a = c(e.a);
      const b = c(e.b);
      return (x) => (a(x) !== 0n && b(x) !== 0n ? 1n : 0n);
    }
    case "||": {
      const a = c(e.a);
      const b = c(e.b);
      return (x) => (a(x) !== 0n || b(x) !== 0n ? 1n : 0n);
    }
    case "!": {
      const a = c(e.a);
      return (x) => (a(x) === 0n ? 1n : 0n);
    }
    case "~": {
      const a = c(e.a);
      return (x) => arith.complement(a(x), w);
    }
    case "concat": {
      const a = c(e.a);
      const b = c(e.b);
      const bw = e.b.w;
      return (x) => arith.concat(a(x), b(x), bw);
    }
    case "slice": {
      const a = c(e.a);
      const lo = e.lo;
      return (x) => arith.slice(a(x), lo + w - 1, lo);
    }
    case "cast": {
      const a = c(e.a);
      return (x) => arith.wrap(a(x), w);
    }
    case "cond": {
      const k = c(e.c);
      const a = c(e.a);
      const b = c(e.b);
      return (x) => (k(x) !== 0n ? a(x) : b(x));
    }
    case "hash":
    case "csum16": {
      const parts = e.in.map((p) => ({ f: c(p), w: p.w }));
      const total = parts.reduce((n, p) => n + p.w, 0);
      const alg = e.op === "hash" ? e.alg : undefined;
      return (x) => {
        let v = 0n;
        for (const p of parts) v = (v << BigInt(p.w)) | p.f(x);
        return alg ? hash(alg, v, total) : checksum16(v, total);
      };
    }
    case "csum16_update": {
      const a = c(e.a);
      const b = c(e.b);
      const n = c(e.c);
      const bw = e.b.w;
      const nw = e.c.w;
      return (x) => csum16Update(a(x), b(x), bw, n(x), nw);
    }
    case "reg_read": {
      const reg = st.registers.get(e.reg);
      if (!reg) throw new Error(`configuration error: unknown register ${e.reg}`);
      const idx = c(e.idx);
      return (x) => {
        const i = idx(x);
        return i < BigInt(reg.size) ? reg.cells[Number(i)]! : 0n;
      };
    }
    case "meter": {
      const m = st.meters.get(e.meter);
      if (!m) throw new Error(`configuration error: unknown meter ${e.meter}`);
      const idx = c(e.idx);
      return (x) => {
        const i = idx(x);
        const cell = i < BigInt(m.size) ? m.cells[Number(i)] : undefined;
        return cell ? markPacket(cell, x.timestamp, x.packetLength) : 0n;
      };
    }
  }
}
