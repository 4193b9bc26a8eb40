// IR expressions to configuration operand expressions (CExpr): every
// location becomes the PHV container bits that hold it, every action
// parameter the action-data bits that carry it. Also the ALU capability check:
// what an RMT action unit cannot compute is reported here (docs/rmt.md).

import * as ir from "../../compiler/ir.js";
import type { DiagnosticBag } from "../../lang/diagnostics.js";
import { hexOf, slicesWidth, type CExpr, type CSlice } from "./config.js";
import { locName, locOf, validLoc } from "./symbolic.js";

export interface ConvertContext {
  readonly slices: ReadonlyMap<string, readonly CSlice[]>;
  /** Action parameters: index → bit offset in the action data. */
  readonly params?: readonly { readonly offset: number; readonly width: number }[];
  /** Set for VLIW instructions: ALU limits are checked. */
  readonly alu?: { readonly diags: DiagnosticBag; readonly where: string };
}

const ALU_BITS = 32;

export function phvRead(slices: ReadonlyMap<string, readonly CSlice[]>, name: string): CExpr {
  const s = slices.get(name);
  if (!s) throw new Error(`internal error: no PHV allocation for ${name}`);
  return { phv: s, w: slicesWidth(s) };
}

export function convert(e: ir.Expr, ctx: ConvertContext): CExpr {
  const w = ir.widthOf(e.type);
  const c = (x: ir.Expr): CExpr => convert(x, ctx);
  const reject = (feature: string): void => {
    ctx.alu?.diags.error("E0801", e.span, `target rmt: ${ctx.alu.where}: ${feature} is beyond an RMT action ALU`, "compute it in the control plane, or with constants the ALU supports (shifts instead of powers of two)");
  };
  switch (e.kind) {
    case "Const":
      return { k: hexOf(e.value), w };
    case "Read": {
      if (e.loc.kind === "param") {
        const p = ctx.params?.[e.loc.index];
        if (!p) throw new Error("internal error: parameter outside an action");
        return { ad: p.offset, w: p.width };
      }
      return phvRead(ctx.slices, locName(locOf(e.loc)!));
    }
    case "IsValid":
      return phvRead(ctx.slices, locName(validLoc(e.ref)));
    case "Unary":
      return { op: e.op, a: c(e.operand), w };
    case "Binary": {
      const a = c(e.left);
      const b = c(e.right);
      if (ctx.alu) {
        const opWidth = ir.widthOf(e.left.type);
        if (e.op === "*") {
          const k = e.right.kind === "Const" ? e.right.value : e.left.kind === "Const" ? e.left.value : -1n;
          if (k < 0n) reject("multiplying two variables");
          else if ((k & (k - 1n)) !== 0n) reject(`multiplying by ${k} (not a power of two)`);
        }
        if (["+", "-", "*", "<", "<=", ">", ">="].includes(e.op) && opWidth > ALU_BITS) reject(`${opWidth}-bit '${e.op}' (the ALUs are ${ALU_BITS} bits wide; a carry cannot cross containers)`);
        if ((e.op === "<<" || e.op === ">>") && e.right.kind !== "Const") reject("a shift by a variable amount");
        if ((e.op === "<<" || e.op === ">>") && opWidth > ALU_BITS) reject(`a ${opWidth}-bit shift`);
      }
      return { op: e.op, a, b, w } as CExpr;
    }
    case "Concat":
      return { op: "concat", a: c(e.left), b: c(e.right), w };
    case "Slice":
      return { op: "slice", a: c(e.expr), lo: e.lo, w };
    case "Cast":
      return { op: "cast", a: c(e.expr), w };
    case "Cond":
      return { op: "cond", c: c(e.cond), a: c(e.then), b: c(e.else), w };
    case "Hash":
      return { op: "hash", alg: e.algorithm, in: e.inputs.map(c), w: 32 };
    case "Checksum16":
      return { op: "csum16", in: e.inputs.map(c), w: 16 };
    case "CsumUpdate":
      return { op: "csum16_update", a: c(e.sum), b: c(e.old), c: c(e.new), w: 16 };
    case "RegisterRead":
      return { op: "reg_read", reg: e.register, idx: c(e.index), w };
    case "Lookahead":
      return { lookahead: w, w };
  }
}

/** The PHV slices an operand expression reads (for the crossbar and dependencies). */
export function cexprSlices(e: CExpr, out: CSlice[] = []): CSlice[] {
  if ("phv" in e) out.push(...e.phv);
  else if ("op" in e) {
    for (const k of ["a", "b", "c", "idx"] as const) {
      const sub = (e as Record<string, unknown>)[k];
      if (sub && typeof sub === "object") cexprSlices(sub as CExpr, out);
    }
    if ("in" in e) for (const x of e.in) cexprSlices(x, out);
  }
  return out;
}

/** Hash and checksum operations in an expression (they use a hash unit fed by the exact crossbar). */
export function hashInputs(e: CExpr, out: CSlice[] = []): CSlice[] {
  if ("op" in e) {
    if (e.op === "hash" || e.op === "csum16") for (const x of e.in) cexprSlices(x, out);
    else if (e.op === "csum16_update") [e.a, e.b, e.c].forEach((x) => cexprSlices(x, out));
    for (const k of ["a", "b", "c", "idx"] as const) {
      const sub = (e as Record<string, unknown>)[k];
      if (sub && typeof sub === "object") hashInputs(sub as CExpr, out);
    }
    if ("in" in e) for (const x of e.in) hashInputs(x, out);
  }
  return out;
}

/** A CExpr as text, for the report and the config's gateway condition. */
export function cexprText(e: CExpr): string {
  if ("k" in e) return e.k;
  if ("phv" in e) return e.phv.map(([c, lo, w]) => (lo === 0 && w === 32 ? c : `${c}[${lo + w - 1}:${lo}]`)).join(" ++ ");
  if ("ad" in e) return `ad[${e.ad + e.w - 1}:${e.ad}]`;
  if ("hit" in e) return "hit";
  if ("lookahead" in e) return `lookahead<${e.w}>`;
  switch (e.op) {
    case "!":
    case "~":
      return `${e.op}(${cexprText(e.a)})`;
    case "concat":
      return `(${cexprText(e.a)} ++ ${cexprText(e.b)})`;
    case "slice":
      return `${cexprText(e.a)}[${e.lo + e.w - 1}:${e.lo}]`;
    case "cast":
      return `(bit<${e.w}>) ${cexprText(e.a)}`;
    case "cond":
      return `(${cexprText(e.c)} ? ${cexprText(e.a)} : ${cexprText(e.b)})`;
    case "hash":
      return `hash_${e.alg}(${e.in.map(cexprText).join(", ")})`;
    case "csum16":
      return `csum16(${e.in.map(cexprText).join(", ")})`;
    case "csum16_update":
      return `csum16_update(${cexprText(e.a)}, ${cexprText(e.b)}, ${cexprText(e.c)})`;
    case "reg_read":
      return `${e.reg}[${cexprText(e.idx)}]`;
    case "meter":
      return `${e.meter}.execute(${cexprText(e.idx)})`;
    default:
      return `(${cexprText(e.a)} ${e.op} ${cexprText(e.b)})`;
  }
}
