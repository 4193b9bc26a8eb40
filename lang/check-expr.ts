// Expressions: the type of every value.
//
// Typing is bidirectional. An expression built only from untyped integer
// literals (`5`, `1 + 2`, `~0`, `c ? 1 : 2`, `1 << n`) has no width of its
// own: it takes the width its context asks for (`pushdown`), and every literal
// in it must fit that width. Everything else has a type of its own (`infer`).
// Where nothing gives an untyped expression a width (`1 == 2`, `{5}` in a
// hash list) it is an error (E0306) asking for a cast.
//
// Names, members, indices and calls may denote something other than a value;
// check-refs.ts resolves those.

import type * as ast from "./ast.js";
import { BOOL, ERROR, type ValueType, bit, mask } from "../compiler/ir.js";
import { type CheckContext, didYouMean } from "./check-context.js";
import { ANY_WIDTH_DEFAULT, BAD, type Ty, fits, isBad, q, sameType, show } from "./check-types.js";
import { constantOf } from "./check-const.js";
import { resolve, valueOf } from "./check-refs.js";
import { exprText } from "./check-text.js";
import { valueTypeOf } from "./check-typeexpr.js";

/** True for expressions made only of untyped literals, which take their width from the context. */
export function isUntyped(e: ast.Expr): boolean {
  switch (e.kind) {
    case "IntLit":
      return e.form !== "ipv4" && e.form !== "mac";
    case "Unary":
      return e.op === "~" && isUntyped(e.operand);
    case "Binary":
      if (e.op === "<<" || e.op === ">>") return isUntyped(e.left);
      return ARITH.has(e.op) && isUntyped(e.left) && isUntyped(e.right);
    case "Cond":
      return isUntyped(e.then) && isUntyped(e.else);
    default:
      return false;
  }
}

const ARITH: ReadonlySet<string> = new Set(["+", "-", "*", "&", "|", "^"]);
const ORDER: ReadonlySet<string> = new Set(["<", "<=", ">", ">="]);

// ------------------------------------------------------------ entry points

/**
 * A value that must have a type of its own. An untyped expression takes
 * `fallback` when given (places where any width is accepted), and is
 * otherwise an error (E0306).
 */
export function checkValue(ctx: CheckContext, e: ast.Expr, fallback?: ValueType): Ty {
  if (isUntyped(e)) {
    if (fallback) return pushdown(ctx, e, fallback);
    ctx.error(
      "E0306",
      e.span,
      `the width of ${q(exprText(e))} cannot be inferred: it is made of untyped literals and nothing here gives it a width`,
      `give it a width with a cast, e.g. (${exprText(e)}) as bit<8>`,
    );
    return BAD;
  }
  return infer(ctx, e);
}

/** A value that must have type `want` (`desc` says why, e.g. "the target is"). Untyped literals take `want`. */
export function checkAs(ctx: CheckContext, e: ast.Expr, want: ValueType, desc: string): Ty {
  if (isUntyped(e)) return pushdown(ctx, e, want, desc);
  const t = infer(ctx, e);
  if (isBad(t) || sameType(t, want)) return t;
  ctx.error("E0301", e.span, `type mismatch: ${desc} ${show(want)}, but ${q(exprText(e))} is ${show(t)}`, conversionHint(t, want));
  return BAD;
}

/** A condition (if, ?:, verify): must be bool (E0308). */
export function checkCondition(ctx: CheckContext, e: ast.Expr, what: string): void {
  const t = isUntyped(e) ? undefined : infer(ctx, e);
  if (t && (isBad(t) || t.kind === "bool")) return;
  ctx.error(
    "E0308",
    e.span,
    `${what} must be bool, but ${q(exprText(e))} is ${t ? show(t) : "an integer"}`,
    t?.kind === "error" ? "compare it: std.parser_error == error.NoError" : "compare it, e.g. x != 0",
  );
}

/** Checks what an expression is as loosely as possible, for arguments of a call that is already wrong. */
export function checkLoose(ctx: CheckContext, es: readonly ast.Expr[]): void {
  for (const e of es) if (!isUntyped(e) && e.kind !== "List") resolve(ctx, e);
}

function conversionHint(found: ValueType, want: ValueType): string | undefined {
  if (want.kind === "bit" && (found.kind === "bit" || (found.kind === "bool" && want.width === 1))) {
    return `convert it with \`as bit<${want.width}>\``;
  }
  if (want.kind === "bit" && found.kind === "bool") return `convert it with \`(x as bit<1>) as bit<${want.width}>\``;
  if (want.kind === "bool" && found.kind === "bit") return "compare it, e.g. x != 0";
  return undefined;
}

// ------------------------------------------------------------ untyped literals

/**
 * Gives an untyped expression the type `t`; every literal in it must fit.
 * When the expression is arithmetic on literals whose exact value does not
 * fit `t` (`200 + 100` as a bit<8>), it wraps as at run time, with a warning
 * (W0004).
 */
export function pushdown(ctx: CheckContext, e: ast.Expr, t: ValueType, desc?: string): Ty {
  const r = pushdownInner(ctx, e, t, desc);
  if (!isBad(r) && t.kind === "bit" && e.kind === "Binary") {
    const exact = exactValue(e);
    if (exact !== undefined && !fits(exact, t.width)) {
      const wrapped = ((exact % (mask(t.width) + 1n)) + mask(t.width) + 1n) % (mask(t.width) + 1n);
      ctx.warning(
        "W0004",
        e.span,
        `${q(exprText(e))} is ${exact}, which does not fit ${show(t)}: it wraps around to ${wrapped}`,
        "write the value you mean, or compute in a wider type",
      );
    }
  }
  return r;
}

function pushdownInner(ctx: CheckContext, e: ast.Expr, t: ValueType, desc?: string): Ty {
  if (t.kind !== "bit") {
    ctx.error(
      "E0301",
      e.span,
      `type mismatch: ${desc ?? "expected"} ${show(t)}, but ${q(exprText(e))} is an integer`,
      t.kind === "bool" ? "write true or false, or compare, e.g. x != 0" : "write an error name, e.g. error.NoMatch",
    );
    return BAD;
  }
  let ok = true;
  switch (e.kind) {
    case "IntLit":
      if (!fits(e.value, t.width)) {
        ctx.error(
          "E0302",
          e.span,
          `literal ${e.text} does not fit bit<${t.width}> (the largest bit<${t.width}> value is ${mask(t.width)})`,
          "use a smaller value or a wider type",
        );
        return BAD;
      }
      break;
    case "Unary":
      ok = !isBad(pushdownInner(ctx, e.operand, t));
      break;
    case "Binary":
      ok = !isBad(pushdownInner(ctx, e.left, t));
      if (e.op === "<<" || e.op === ">>") ok = shiftAmount(ctx, e.right) && ok;
      else ok = !isBad(pushdownInner(ctx, e.right, t)) && ok;
      break;
    case "Cond":
      checkCondition(ctx, e.cond, "the condition of `?:`");
      ok = !isBad(pushdown(ctx, e.then, t));
      ok = !isBad(pushdown(ctx, e.else, t)) && ok;
      break;
    default:
      return infer(ctx, e);
  }
  if (!ok) return BAD;
  ctx.types.set(e, t);
  return t;
}

/** The exact (unbounded) value of arithmetic on literals, as P4 computes `int` constants; undefined otherwise. */
function exactValue(e: ast.Expr): bigint | undefined {
  if (e.kind === "IntLit") return e.value;
  if (e.kind !== "Binary") return undefined;
  const l = exactValue(e.left);
  const r = exactValue(e.right);
  if (l === undefined || r === undefined) return undefined;
  switch (e.op) {
    case "+":
      return l + r;
    case "-":
      return l - r;
    case "*":
      return l * r;
    case "<<":
      return r <= 256n ? l << r : undefined;
    case ">>":
      return l >> r;
    default:
      return undefined;
  }
}

function shiftAmount(ctx: CheckContext, e: ast.Expr): boolean {
  const t = checkValue(ctx, e, ANY_WIDTH_DEFAULT);
  if (isBad(t)) return false;
  if (t.kind === "bit") return true;
  ctx.error("E0307", e.span, `a shift amount must be bit<N>, but ${q(exprText(e))} is ${show(t)}`);
  return false;
}

// ------------------------------------------------------------ typed expressions

/** The type of an expression that has one of its own; recorded in `types`. */
export function infer(ctx: CheckContext, e: ast.Expr): Ty {
  const t = inferInner(ctx, e);
  if (!isBad(t)) ctx.types.set(e, t);
  return t;
}

function inferInner(ctx: CheckContext, e: ast.Expr): Ty {
  switch (e.kind) {
    case "IntLit":
      if (e.form === "ipv4") return bit(32);
      if (e.form === "mac") return bit(48);
      return checkValue(ctx, e);
    case "BoolLit":
      return BOOL;
    case "ErrorLit":
      return errorLit(ctx, e);
    case "Name":
    case "Member":
    case "Index":
    case "Call":
      return valueOf(ctx, e, resolve(ctx, e));
    case "Slice":
      return sliceType(ctx, e, checkValue(ctx, e.object));
    case "Unary":
      return unary(ctx, e);
    case "Binary":
      return binary(ctx, e);
    case "Cast":
      return cast(ctx, e);
    case "Cond":
      return cond(ctx, e);
    case "List":
      ctx.error("E0317", e.span, "a list `{…}` is only allowed as the argument of hash, checksum16 or send");
      return BAD;
  }
}

function errorLit(ctx: CheckContext, e: ast.ErrorLit): Ty {
  const name = e.member.name;
  const value = ctx.errorNames.indexOf(name);
  if (value < 0) {
    ctx.error("E0207", e.member.span, `unknown error ${q(name)}`, didYouMean(name, ctx.errorNames, "declare it: error { " + name + " }"));
    return BAD;
  }
  ctx.symbols.set(e, { kind: "error", name, value });
  return ERROR;
}

// ------------------------------------------------------------ operators

function unary(ctx: CheckContext, e: ast.UnaryExpr): Ty {
  if (e.op === "!") return boolOperand(ctx, e.operand, "!") ? BOOL : BAD;
  const t = infer(ctx, e.operand);
  if (isBad(t) || t.kind === "bit") return t;
  ctx.error("E0307", e.operand.span, `\`~\` needs a bit<N> operand, but ${q(exprText(e.operand))} is ${show(t)}`, "for bool, use `!`");
  return BAD;
}

function boolOperand(ctx: CheckContext, e: ast.Expr, op: string): boolean {
  const t = isUntyped(e) ? undefined : infer(ctx, e);
  if (t && isBad(t)) return false;
  if (t?.kind === "bool") return true;
  ctx.error(
    "E0307",
    e.span,
    `\`${op}\` needs bool operands, but ${q(exprText(e))} is ${t ? show(t) : "an integer"}`,
    "compare it, e.g. x != 0",
  );
  return false;
}

function binary(ctx: CheckContext, e: ast.BinaryExpr): Ty {
  const op = e.op;
  if (op === "&&" || op === "||") {
    const l = boolOperand(ctx, e.left, op);
    const r = boolOperand(ctx, e.right, op);
    return l && r ? BOOL : BAD;
  }
  if (op === "++") return concat(ctx, e);
  if (op === "<<" || op === ">>") {
    const l = infer(ctx, e.left);
    const r = shiftAmount(ctx, e.right);
    if (isBad(l) || !r) return BAD;
    if (l.kind === "bit") return l;
    ctx.error("E0307", e.left.span, `\`${op}\` shifts a bit<N> value, but ${q(exprText(e.left))} is ${show(l)}`);
    return BAD;
  }
  const [lt, rt] = sameWidthOperands(ctx, e);
  if (isBad(lt) || isBad(rt)) return BAD;
  const needsBits = ARITH.has(op) || ORDER.has(op);
  if (needsBits) {
    for (const [side, t] of [[e.left, lt], [e.right, rt]] as const) {
      if (t.kind !== "bit") {
        ctx.error(
          "E0307",
          side.span,
          `\`${op}\` needs bit<N> operands, but ${q(exprText(side))} is ${show(t)}`,
          t.kind === "error" ? "error values can only be compared with == and !=" : undefined,
        );
        return BAD;
      }
    }
  }
  if (!sameType(lt, rt)) {
    const bits = lt.kind === "bit" && rt.kind === "bit";
    const [narrow, wide] = bits && lt.width < (rt as { width: number }).width ? [e.left, rt] : [e.right, lt];
    ctx.error(
      "E0301",
      e.span,
      `${bits ? "width" : "type"} mismatch: ${show(lt)} ${op} ${show(rt)}`,
      bits ? `convert the narrower side: ${exprText(narrow)} as ${show(wide)}` : undefined,
    );
    return BAD;
  }
  return ARITH.has(op) ? lt : BOOL;
}

/** Both operands of a binary operator with the same width: an untyped side takes the other side's type. */
function sameWidthOperands(ctx: CheckContext, e: ast.BinaryExpr): [Ty, Ty] {
  const lu = isUntyped(e.left);
  const ru = isUntyped(e.right);
  if (lu && ru) {
    ctx.error(
      "E0306",
      e.span,
      `both operands of \`${e.op}\` are untyped literals, so their width cannot be inferred`,
      `give one a width, e.g. (${exprText(e.left)} as bit<8>) ${e.op} ${exprText(e.right)}`,
    );
    return [BAD, BAD];
  }
  if (lu || ru) {
    const typed = lu ? e.right : e.left;
    const t = infer(ctx, typed);
    const u = isBad(t) ? BAD : pushdown(ctx, lu ? e.left : e.right, t, `the other operand of \`${e.op}\` is`);
    return lu ? [u, t] : [t, u];
  }
  return [infer(ctx, e.left), infer(ctx, e.right)];
}

function concat(ctx: CheckContext, e: ast.BinaryExpr): Ty {
  const side = (x: ast.Expr): Ty => {
    if (isUntyped(x)) {
      ctx.error("E0306", x.span, `the operands of \`++\` need a known width, and ${q(exprText(x))} is an untyped literal`, `give it a width: ${exprText(x)} as bit<8>`);
      return BAD;
    }
    const t = infer(ctx, x);
    if (isBad(t) || t.kind === "bit") return t;
    ctx.error("E0307", x.span, `\`++\` concatenates bit<N> values, but ${q(exprText(x))} is ${show(t)}`);
    return BAD;
  };
  const l = side(e.left);
  const r = side(e.right);
  if (l.kind !== "bit" || r.kind !== "bit") return BAD;
  const w = l.width + r.width;
  if (w > 128) {
    ctx.error("E0309", e.span, `\`++\` gives bit<${w}> here (bit<${l.width}> ++ bit<${r.width}>), wider than 128 bits`, "concatenate fewer or narrower values");
    return BAD;
  }
  return bit(w);
}

function cast(ctx: CheckContext, e: ast.CastExpr): Ty {
  const target = valueTypeOf(ctx, e.type, "a cast target");
  if (isUntyped(e.expr)) {
    if (isBad(target)) return BAD;
    if (target.kind === "bit") return isBad(pushdown(ctx, e.expr, target)) ? BAD : target;
    ctx.error("E0311", e.span, `an integer cannot be cast to ${show(target)}`, target.kind === "bool" ? "write true or false" : undefined);
    return BAD;
  }
  const src = infer(ctx, e.expr);
  if (isBad(src) || isBad(target)) return BAD;
  const problem = castProblem(src, target);
  if (!problem) return target;
  ctx.error("E0311", e.span, `cannot cast ${show(src)} to ${show(target)}: ${problem[0]}`, problem[1]);
  return BAD;
}

/** Why `src as target` is not allowed ([message, hint]), or undefined when it is. */
function castProblem(src: ValueType, target: ValueType): [string, string?] | undefined {
  if (src.kind === "error" || target.kind === "error") return ["error values cannot be converted", "compare them with == or !="];
  if (src.kind === "bit" && target.kind === "bit") return undefined;
  if (src.kind === "bool" && target.kind === "bool") return undefined;
  if (src.kind === "bool" && target.kind === "bit") {
    return target.width === 1 ? undefined : ["bool converts only to bit<1>", `convert in two steps: (b as bit<1>) as bit<${target.width}>`];
  }
  if (src.kind === "bit" && src.width === 1) return undefined;
  return ["only bit<1> converts to bool", "compare instead, e.g. x != 0"];
}

function cond(ctx: CheckContext, e: ast.CondExpr): Ty {
  checkCondition(ctx, e.cond, "the condition of `?:`");
  const tu = isUntyped(e.then);
  const eu = isUntyped(e.else);
  if (tu && eu) return checkValue(ctx, e);
  const typed = tu ? e.else : e.then;
  const other = tu ? e.then : e.else;
  const t = infer(ctx, typed);
  if (isBad(t)) {
    if (!isUntyped(other)) infer(ctx, other);
    return BAD;
  }
  const o = isUntyped(other) ? pushdown(ctx, other, t, "the other branch of `?:` is") : infer(ctx, other);
  if (isBad(o)) return BAD;
  if (!sameType(t, o)) {
    ctx.error("E0301", e.span, `the branches of \`?:\` have different types: ${show(tu ? o : t)} and ${show(tu ? t : o)}`, "convert one branch with `as`");
    return BAD;
  }
  return t;
}

// ------------------------------------------------------------ slices

/** The type of `x[hi:lo]` given the type of x; the bounds are constants within x's width. */
export function sliceType(ctx: CheckContext, e: ast.SliceExpr, objType: Ty): Ty {
  const hi = constantOf(ctx, e.hi, "a slice bound");
  const lo = constantOf(ctx, e.lo, "a slice bound");
  if (isBad(objType) || hi === undefined || lo === undefined) return BAD;
  if (objType.kind !== "bit") {
    ctx.error("E0310", e.object.span, `only bit<N> values can be sliced, but ${q(exprText(e.object))} is ${show(objType)}`);
    return BAD;
  }
  if (hi < lo) {
    ctx.error("E0310", e.span, `slice [${hi}:${lo}] is empty: the high bound comes first`, `write ${exprText(e.object)}[${lo}:${hi}]`);
    return BAD;
  }
  if (hi >= BigInt(objType.width)) {
    ctx.error(
      "E0310",
      e.hi.span,
      `bit ${hi} is outside ${q(exprText(e.object))}, a bit<${objType.width}> (bits ${objType.width - 1} down to 0)`,
      `the high bound may be at most ${objType.width - 1}`,
    );
    return BAD;
  }
  const t = bit(Number(hi - lo) + 1);
  ctx.types.set(e, t);
  return t;
}
