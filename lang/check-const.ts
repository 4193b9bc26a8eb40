// Compile-time constants: const initialisers, sizes, slice bounds, stack
// indices, select and entry patterns, table action arguments.
//
// Folding runs on an expression the checker has already typed, with exactly
// the run-time semantics at the recorded widths (compiler/arith.ts, the IR's
// operators: arithmetic wraps modulo 2^N, a shift by N or more gives 0), so a
// constant means the same thing folded here as computed by a target. Bool values are 0/1 and error values their
// index, as in the IR.

import type * as ast from "./ast.js";
import type { Symbol } from "./checked.js";
import * as arith from "../compiler/arith.js";
import type { CheckContext } from "./check-context.js";
import { checkValue } from "./check-expr.js";
import { ANY_WIDTH_DEFAULT, isBad, q, show } from "./check-types.js";
import { exprText } from "./check-text.js";

/**
 * An integer constant (`what` names it in messages, e.g. "a slice bound").
 * An untyped literal takes bit<32>; any bit<N> constant is accepted.
 */
export function constantOf(ctx: CheckContext, e: ast.Expr, what: string): bigint | undefined {
  const t = checkValue(ctx, e, ANY_WIDTH_DEFAULT);
  if (isBad(t)) return undefined;
  if (t.kind !== "bit") {
    ctx.error("E0301", e.span, `${what} must be an integer constant, but ${q(exprText(e))} is ${show(t)}`);
    return undefined;
  }
  return requireConst(ctx, e, what);
}

/** The value of an already-typed expression that must be constant (E0312 otherwise); recorded in `constants`. */
export function requireConst(ctx: CheckContext, e: ast.Expr, what: string): bigint | undefined {
  const r = evaluate(ctx, e);
  if (typeof r === "bigint") {
    ctx.constants.set(e, r);
    return r;
  }
  if (r) {
    ctx.error(
      "E0312",
      r.span,
      `${what} must be a compile-time constant, and ${q(exprText(r))} is not`,
      "use literals, consts, and operators applied to them",
    );
  }
  return undefined;
}

/**
 * The value of a literal, or of a name that denotes a const or an error
 * (`symbol`, as the checker resolved it); undefined for anything else. Also
 * lowering's fallback for constants the checker did not need to record.
 */
export function leafConstant(e: ast.Expr, symbol: Symbol | undefined): bigint | undefined {
  if (e.kind === "IntLit") return e.value;
  if (e.kind === "BoolLit") return e.value ? 1n : 0n;
  if (symbol?.kind === "const") return symbol.value;
  if (symbol?.kind === "error") return BigInt(symbol.value);
  return undefined;
}

/** The value; or the sub-expression that is not constant; or null when typing failed (already reported). */
function evaluate(ctx: CheckContext, e: ast.Expr): bigint | ast.Expr | null {
  const t = ctx.types.get(e);
  if (!t) return null;
  const w = t.kind === "bit" ? t.width : 1;
  switch (e.kind) {
    case "IntLit":
    case "BoolLit":
    case "Name":
    case "ErrorLit":
      return leafConstant(e, e.kind === "Name" || e.kind === "ErrorLit" ? ctx.symbols.get(e) : undefined) ?? e;
    case "Unary": {
      const v = evaluate(ctx, e.operand);
      if (typeof v !== "bigint") return v;
      return e.op === "!" ? v ^ 1n : arith.complement(v, w);
    }
    case "Binary":
      return binary(ctx, e, w);
    case "Cast": {
      const v = evaluate(ctx, e.expr);
      return typeof v === "bigint" ? arith.wrap(v, w) : v;
    }
    case "Slice": {
      const v = evaluate(ctx, e.object);
      const hi = ctx.constants.get(e.hi);
      const lo = ctx.constants.get(e.lo);
      if (typeof v !== "bigint") return v;
      if (hi === undefined || lo === undefined) return null;
      return arith.slice(v, Number(hi), Number(lo));
    }
    case "Cond": {
      const c = evaluate(ctx, e.cond);
      if (typeof c !== "bigint") return c;
      return evaluate(ctx, c !== 0n ? e.then : e.else);
    }
    default:
      return e;
  }
}

function binary(ctx: CheckContext, e: ast.BinaryExpr, w: number): bigint | ast.Expr | null {
  const l = evaluate(ctx, e.left);
  if (typeof l !== "bigint") return l;
  const r = evaluate(ctx, e.right);
  if (typeof r !== "bigint") return r;
  if (arith.isCompare(e.op)) return arith.compare(e.op, l, r) ? 1n : 0n;
  switch (e.op) {
    case "<<":
    case ">>":
      return arith.shift(e.op, l, r, w);
    case "++": {
      const rt = ctx.types.get(e.right);
      return rt?.kind === "bit" ? arith.concat(l, r, rt.width) : null;
    }
    case "&&":
      return l & r;
    case "||":
      return l | r;
    default:
      return arith.arith(e.op, l, r, w);
  }
}
