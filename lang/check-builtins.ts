// Calls of the built-in functions and statements.
//
// extract/advance/verify/lookahead (parser only), emit (deparser only, where
// check-stmt.ts handles it), the verdicts, and the value-producing hash,
// checksum16 and csum16_update with their lists: a list holds bit<N> values
// and headers (a header stands for all its fields), and checksum16 needs a
// multiple of 16 bits.

import type * as ast from "./ast.js";
import { ERROR } from "../compiler/ir.js";
import type { CheckContext } from "./check-context.js";
import { arity, bitArg, gate } from "./check-calls.js";
import { checkAs, checkCondition, checkLoose, infer, isUntyped, pushdown } from "./check-expr.js";
import { type Ref, VOID_REF, BAD_REF, resolve, valueOf, valueRef } from "./check-refs.js";
import { requireConst } from "./check-const.js";
import { bitTypeOf } from "./check-typeexpr.js";
import { BAD, CHECKSUM_TYPE, GROUP_TYPE, HASH_ALGORITHMS, HASH_TYPE, PORT_TYPE, type Ty, isBad, q, sameType, show } from "./check-types.js";
import { exprText } from "./check-text.js";

/** A call of a built-in function or statement, by name. */
export function checkBuiltin(ctx: CheckContext, call: ast.CallExpr, name: string): Ref {
  const args = call.args;
  const what = `\`${name}\``;
  switch (name) {
    case "extract":
      gate(ctx, call.span, "parser", what);
      if (arity(ctx, call, 1, what)) extractTarget(ctx, args[0]!);
      return VOID_REF;
    case "advance":
      gate(ctx, call.span, "parser", what);
      if (arity(ctx, call, 1, what)) bitArg(ctx, args[0]!, "the byte count of advance", "E0307");
      return VOID_REF;
    case "verify":
      gate(ctx, call.span, "parser", what);
      if (arity(ctx, call, 2, what)) {
        checkCondition(ctx, args[0]!, "the condition of verify");
        verifyError(ctx, args[1]!);
      }
      return VOID_REF;
    case "lookahead":
      gate(ctx, call.span, "parser", what);
      arity(ctx, call, 0, what);
      return valueRef(ctx, call, lookaheadType(ctx, call), "computed");
    case "emit":
      ctx.error("E0707", call.span, "`emit` is only allowed in the deparser", "list the headers to write in the deparser: deparser { emit(eth); }");
      checkLoose(ctx, args);
      return VOID_REF;
    case "forward":
    case "multicast":
      gate(ctx, call.span, "effect", what);
      if (arity(ctx, call, 1, what)) {
        checkAs(ctx, args[0]!, name === "forward" ? PORT_TYPE : GROUP_TYPE, `the ${name === "forward" ? "port" : "group"} of ${name} is`);
      }
      return VOID_REF;
    case "drop":
    case "to_host":
    case "bounce":
      gate(ctx, call.span, "effect", what);
      arity(ctx, call, 0, what);
      return VOID_REF;
    case "hash":
      return valueRef(ctx, call, arity(ctx, call, 2, what) ? hash(ctx, args[0]!, args[1]!) : BAD, "computed");
    case "checksum16":
      return valueRef(ctx, call, arity(ctx, call, 1, what) ? checksum16(ctx, args[0]!) : BAD, "computed");
    case "csum16_update":
      return valueRef(ctx, call, arity(ctx, call, 3, what) ? csumUpdate(ctx, args) : BAD, "computed");
    default:
      return BAD_REF;
  }
}

function extractTarget(ctx: CheckContext, e: ast.Expr): void {
  const r = resolve(ctx, e);
  if (r.k === "bad") return;
  if (r.k === "header" && r.index !== "last") return;
  if (r.k === "header") {
    ctx.error("E0408", e.span, `extracting into ${q(exprText(e))} would overwrite an element already parsed`, `use ${exprText(e).replace(/\.last$/, ".next")}`);
  } else if (r.k === "stack") {
    ctx.error("E0408", e.span, `${q(exprText(e))} is a header stack`, `extract(${exprText(e)}.next) fills its next free element`);
  } else {
    ctx.error("E0408", e.span, `extract needs a header instance, and ${q(exprText(e))} is not one`);
  }
}

function verifyError(ctx: CheckContext, e: ast.Expr): void {
  const t = checkAs(ctx, e, ERROR, "the second argument of verify is an");
  if (isBad(t)) return;
  if (ctx.types.has(e) && !constError(ctx, e)) {
    ctx.error("E0409", e.span, `the error of verify must be an error name, and ${q(exprText(e))} is not`, "write e.g. verify(ip.version == 4, error.BadVersion)");
  } else {
    requireConst(ctx, e, "the error of verify");
  }
}

function constError(ctx: CheckContext, e: ast.Expr): boolean {
  if (e.kind === "ErrorLit") return true;
  const s = e.kind === "Name" ? ctx.symbols.get(e) : undefined;
  return s?.kind === "error" || s?.kind === "const";
}

function lookaheadType(ctx: CheckContext, call: ast.CallExpr): Ty {
  const [t, ...rest] = call.typeArgs;
  if (!t || rest.length > 0 || t.kind !== "BitType") {
    ctx.error("E0321", t?.span ?? call.span, "lookahead takes exactly one type argument, a bit<N>", "write lookahead<bit<16>>()");
    return BAD;
  }
  return bitTypeOf(ctx, t);
}

/** A bit<N> argument of any width (untyped literals take bit<32>). */
function hash(ctx: CheckContext, alg: ast.Expr, list: ast.Expr): Ty {
  let ok = true;
  if (alg.kind !== "Name" || !HASH_ALGORITHMS.includes(alg.name.name)) {
    ctx.error("E0316", alg.span, `${q(exprText(alg))} is not a hash algorithm`, `use one of ${HASH_ALGORITHMS.join(", ")}`);
    ok = false;
  }
  const w = listWidth(ctx, list, "hash");
  return ok && w !== undefined ? HASH_TYPE : BAD;
}

function checksum16(ctx: CheckContext, list: ast.Expr): Ty {
  const w = listWidth(ctx, list, "checksum16");
  if (w === undefined) return BAD;
  if (w % 16 !== 0) {
    ctx.error("E0318", list.span, `checksum16 sums 16-bit words, and this list is ${w} bits wide`, `add ${16 - (w % 16)} bits, e.g. a (0 as bit<${16 - (w % 16)}>) item`);
    return BAD;
  }
  return CHECKSUM_TYPE;
}

/** The total width of a hash or checksum16 list: bit<N> values and headers. */
function listWidth(ctx: CheckContext, list: ast.Expr, fn: string): number | undefined {
  if (list.kind !== "List") {
    ctx.error("E0317", list.span, `${fn} takes a list in braces`, `write ${fn}(${fn === "hash" ? "crc32, " : ""}{${exprText(list)}})`);
    if (!isUntyped(list)) resolve(ctx, list);
    return undefined;
  }
  let total = 0;
  let ok = true;
  for (const item of list.elements) {
    const w = listItemWidth(ctx, item, fn);
    if (w === undefined) ok = false;
    else total += w;
  }
  return ok ? total : undefined;
}

function listItemWidth(ctx: CheckContext, e: ast.Expr, fn: string): number | undefined {
  if (isUntyped(e)) {
    ctx.error("E0306", e.span, `the items of a ${fn} list need a known width, and ${q(exprText(e))} is an untyped literal`, `give it a width: ${exprText(e)} as bit<8>`);
    return undefined;
  }
  const r = resolve(ctx, e);
  if (r.k === "header") return r.inst.header?.width;
  if (r.k === "stack") {
    ctx.error("E0318", e.span, `a whole header stack cannot be in a ${fn} list`, `list its elements: ${exprText(e)}[0], ${exprText(e)}[1]`);
    return undefined;
  }
  const t = valueOf(ctx, e, r);
  if (isBad(t)) return undefined;
  if (t.kind === "bit") return t.width;
  ctx.error("E0318", e.span, `${fn} lists hold bit<N> values and headers, and ${q(exprText(e))} is ${show(t)}`, t.kind === "bool" ? "convert it with `as bit<1>`" : undefined);
  return undefined;
}

function csumUpdate(ctx: CheckContext, args: readonly ast.Expr[]): Ty {
  const [sum, old, neu] = args as [ast.Expr, ast.Expr, ast.Expr];
  const s = checkAs(ctx, sum, CHECKSUM_TYPE, "the checksum argument of csum16_update is");
  const ou = isUntyped(old);
  const nu = isUntyped(neu);
  let ot: Ty;
  let nt: Ty;
  if (ou && nu) {
    ot = pushdown(ctx, old, CHECKSUM_TYPE);
    nt = pushdown(ctx, neu, CHECKSUM_TYPE);
  } else if (ou || nu) {
    const t = infer(ctx, ou ? neu : old);
    const u = isBad(t) ? BAD : pushdown(ctx, ou ? old : neu, t, "the other value of csum16_update is");
    [ot, nt] = ou ? [u, t] : [t, u];
  } else {
    ot = infer(ctx, old);
    nt = infer(ctx, neu);
  }
  if (isBad(s) || isBad(ot) || isBad(nt)) return BAD;
  if (!sameType(ot, nt)) {
    ctx.error("E0319", neu.span, `the old and new values of csum16_update must have the same type: ${show(ot)} and ${show(nt)}`);
    return BAD;
  }
  if (ot.kind !== "bit" || ot.width % 16 !== 0) {
    ctx.error("E0319", old.span, `the old and new values of csum16_update must be a multiple of 16 bits wide, not ${show(ot)}`, "widen them with `as bit<16>`");
    return BAD;
  }
  return CHECKSUM_TYPE;
}
