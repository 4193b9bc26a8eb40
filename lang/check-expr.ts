// Expressions: what each one denotes, and the type of every value.
//
// Typing is bidirectional. An expression built only from untyped integer
// literals (`5`, `1 + 2`, `~0`, `c ? 1 : 2`, `1 << n`) has no width of its
// own: it takes the width its context asks for (`pushdown`), and every literal
// in it must fit that width. Everything else has a type of its own (`infer`).
// Where nothing gives an untyped expression a width (`1 == 2`, `{5}` in a
// hash list) it is an error (E0306) asking for a cast.
//
// `resolve` handles the expressions that may denote something other than a
// value (a header, a stack, a table, a method, a namespace); `valueOf` turns
// such a denotation into a value type or reports why it is not one.

import type * as ast from "./ast.js";
import { BOOL, ERROR, type ValueType, bit, mask } from "../compiler/ir.js";
import { type CheckContext, type InstanceInfo, didYouMean } from "./check-context.js";
import { ANY_WIDTH_DEFAULT, BAD, STD_FIELDS, type Ty, fits, isBad, q, sameType, show } from "./check-types.js";
import { constantOf } from "./check-const.js";
import { checkCall } from "./check-calls.js";
import { exprText } from "./check-text.js";
import { valueTypeOf } from "./check-typeexpr.js";
import type { Symbol } from "./checked.js";

/** What kind of location a value is read from: decides whether it may be assigned or used as a table key. */
export type Loc = "field" | "meta" | "std" | "local" | "param" | "const" | "error" | "computed" | "effect";

export type Ref =
  | { readonly k: "value"; readonly type: Ty; readonly loc: Loc }
  /** A header instance, or one element of a stack (`index` set). */
  | { readonly k: "header"; readonly inst: InstanceInfo; readonly index?: number | "next" | "last" }
  | { readonly k: "stack"; readonly inst: InstanceInfo }
  | { readonly k: "ns"; readonly which: "meta" | "std" }
  /** A table, control, action, extern or built-in function. */
  | { readonly k: "global"; readonly symbol: Symbol; readonly name: string }
  | { readonly k: "method"; readonly recv: Ref; readonly name: string }
  /** The result of `t.apply()`: only `.hit`, `.miss` and (as a switch subject) `.action` may follow. */
  | { readonly k: "applied"; readonly table: ast.TableDecl }
  /** A call that produces no value (`drop()`, `c.apply()`). */
  | { readonly k: "void" }
  | { readonly k: "bad" };

export const BAD_REF: Ref = { k: "bad" };
export const VOID_REF: Ref = { k: "void" };

/** Records the type of a value expression and returns its denotation. */
export function valueRef(ctx: CheckContext, e: ast.Expr, type: Ty, loc: Loc): Ref {
  if (!isBad(type)) ctx.types.set(e, type);
  return { k: "value", type, loc };
}

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

/** The value type of a denotation, or an error saying what it is instead. */
export function valueOf(ctx: CheckContext, e: ast.Expr, ref: Ref): Ty {
  const text = q(exprText(e));
  switch (ref.k) {
    case "value":
      return ref.type;
    case "bad":
      return BAD;
    case "void":
      ctx.error("E0611", e.span, `${text} does not produce a value`, "call it as a statement on its own");
      return BAD;
    case "applied":
      ctx.error("E0609", e.span, `${text} is not a value`, `test ${exprText(e)}.hit or ${exprText(e)}.miss, or switch on ${exprText(e)}.action`);
      return BAD;
    case "method":
      ctx.error("E0209", e.span, `${text} is a method, not a value`, `call it: ${exprText(e)}()`);
      return BAD;
    case "header":
      ctx.error("E0209", e.span, `${text} is a header, not a value`, `use one of its fields, or ${exprText(e)}.isValid()`);
      return BAD;
    case "stack":
      ctx.error("E0209", e.span, `${text} is a header stack, not a value`, `use an element's field, e.g. ${exprText(e)}[0].f`);
      return BAD;
    case "ns":
      ctx.error("E0209", e.span, `${text} is a namespace, not a value`, `name one of its fields, e.g. ${ref.which}.${ref.which === "std" ? "ingress_port" : "f"}`);
      return BAD;
    case "global":
      ctx.error("E0209", e.span, `${text} is ${kindName(ref.symbol)}, not a value`, globalHint(ref));
      return BAD;
  }
}

export function kindName(s: Symbol): string {
  switch (s.kind) {
    case "builtin":
      return "a built-in function";
    case "error":
      return "an error name";
    case "header":
      return "a header";
    default:
      return (/^[aeiou]/.test(s.kind) ? "an " : "a ") + s.kind;
  }
}

function globalHint(ref: Ref & { k: "global" }): string | undefined {
  switch (ref.symbol.kind) {
    case "table":
      return `apply it and test the result: ${ref.name}.apply().hit`;
    case "register":
      return `read a cell: ${ref.name}.read(i)`;
    case "meter":
      return `execute it: ${ref.name}.execute(i)`;
    case "builtin":
    case "action":
      return `call it: ${ref.name}(…)`;
    default:
      return undefined;
  }
}

// ------------------------------------------------------------ denotations

export function resolve(ctx: CheckContext, e: ast.Expr): Ref {
  switch (e.kind) {
    case "Name":
      return resolveName(ctx, e);
    case "Member":
      return resolveMember(ctx, e);
    case "Index":
      return resolveIndex(ctx, e);
    case "Call":
      return checkCall(ctx, e);
    default: {
      const t = checkValue(ctx, e);
      return { k: "value", type: t, loc: "computed" };
    }
  }
}

function resolveName(ctx: CheckContext, e: ast.NameExpr): Ref {
  const name = e.name.name;
  const entry = ctx.lookup(name);
  if (!entry) {
    // Without a headers block every instance name is unknown; E0204 already says why.
    if (ctx.headersMissing) return BAD_REF;
    ctx.error("E0201", e.name.span, `unknown name ${q(name)}`, didYouMean(name, ctx.visibleNames()));
    return BAD_REF;
  }
  if (entry.type && isBad(entry.type)) return BAD_REF;
  const s = entry.symbol;
  ctx.symbols.set(e, s);
  switch (s.kind) {
    case "header": {
      const inst = ctx.instances.get(s.decl);
      if (!inst) return BAD_REF;
      return inst.stackSize === undefined ? { k: "header", inst } : { k: "stack", inst };
    }
    case "meta":
    case "std":
      return { k: "ns", which: s.kind };
    case "const":
      return valueRef(ctx, e, s.type, "const");
    case "local":
    case "param":
      return valueRef(ctx, e, entry.type ?? BAD, s.kind);
    case "error":
      return valueRef(ctx, e, ERROR, "error");
    default:
      return { k: "global", symbol: s, name };
  }
}

const HEADER_METHODS: ReadonlySet<string> = new Set(["isValid", "setValid", "setInvalid"]);
const EXTERN_METHODS: Readonly<Record<string, readonly string[]>> = {
  table: ["apply"],
  control: ["apply"],
  register: ["read", "write"],
  counter: ["count"],
  meter: ["execute"],
  digest: ["send"],
};

function resolveMember(ctx: CheckContext, e: ast.MemberExpr): Ref {
  const m = e.member.name;
  const obj = resolve(ctx, e.object);
  const objText = q(exprText(e.object));
  switch (obj.k) {
    case "bad":
      return BAD_REF;
    case "ns":
      return obj.which === "meta" ? metaField(ctx, e) : stdField(ctx, e);
    case "header": {
      if (HEADER_METHODS.has(m)) return { k: "method", recv: obj, name: m };
      const header = obj.inst.header;
      if (!header) return BAD_REF;
      const field = header.fields.get(m);
      if (field) return valueRef(ctx, e, field.type, "field");
      ctx.error(
        "E0206",
        e.member.span,
        `${objText} (header ${q(header.decl.name.name)}) has no field ${q(m)}`,
        didYouMean(m, header.fields.keys(), `its fields are ${[...header.fields.keys()].join(", ") || "none"}`),
      );
      return BAD_REF;
    }
    case "stack": {
      if (m === "next" || m === "last") {
        if (ctx.where === "parser") return { k: "header", inst: obj.inst, index: m };
        ctx.error(
          "E0210",
          e.member.span,
          `${q(exprText(e))} exists only in the parser`,
          `outside the parser, name an element with a constant index: ${exprText(e.object)}[0]`,
        );
        return BAD_REF;
      }
      if (m === "push_front" || m === "pop_front") return { k: "method", recv: obj, name: m };
      if (HEADER_METHODS.has(m) || obj.inst.header?.fields.has(m)) {
        ctx.error("E0209", e.member.span, `${objText} is a header stack, not a header`, `pick an element: ${exprText(e.object)}[0].${m}`);
        return BAD_REF;
      }
      ctx.error(
        "E0208",
        e.member.span,
        `header stack ${objText} has no member ${q(m)}`,
        "a stack has elements s[i], next and last (in the parser), push_front(n) and pop_front(n)",
      );
      return BAD_REF;
    }
    case "global": {
      const methods = EXTERN_METHODS[obj.symbol.kind];
      if (methods?.includes(m)) return { k: "method", recv: obj, name: m };
      if (obj.symbol.kind === "table" && (m === "hit" || m === "miss" || m === "action")) {
        ctx.error("E0609", e.member.span, `${q("." + m)} belongs to the result of applying the table, not to the table`, `write ${obj.name}.apply().${m}`);
        return BAD_REF;
      }
      ctx.error(
        "E0208",
        e.member.span,
        `${objText} is ${kindName(obj.symbol)} and has no member ${q(m)}`,
        methods ? `its methods: ${methods.join(", ")}` : obj.symbol.kind === "action" ? `call it: ${obj.name}(…)` : undefined,
      );
      return BAD_REF;
    }
    case "applied":
      if (m === "hit" || m === "miss") return valueRef(ctx, e, BOOL, "computed");
      if (m === "action") {
        ctx.error("E0609", e.span, `${q(exprText(e))} may only be the subject of a switch`, `switch (${exprText(e)}) { … }`);
        return BAD_REF;
      }
      ctx.error("E0208", e.member.span, `the result of ${objText} has no member ${q(m)}`, "it has hit, miss and action");
      return BAD_REF;
    case "method":
      ctx.error("E0208", e.member.span, `${objText} is a method; call it first`, `${exprText(e.object)}().${m}`);
      return BAD_REF;
    case "void":
      ctx.error("E0611", e.object.span, `${objText} does not produce a value`);
      return BAD_REF;
    case "value":
      if (isBad(obj.type)) return BAD_REF;
      ctx.error("E0208", e.member.span, `${objText} is a ${show(obj.type)} value and has no member ${q(m)}`);
      return BAD_REF;
  }
}

function metaField(ctx: CheckContext, e: ast.MemberExpr): Ref {
  const m = e.member.name;
  if (!ctx.metadata) {
    ctx.error("E0206", e.member.span, `there is no metadata block, so ${q("meta." + m)} does not exist`, `declare it: metadata { ${m}: bit<8>; }`);
    return BAD_REF;
  }
  const field = ctx.metadata.get(m);
  if (field) return valueRef(ctx, e, field.type, "meta");
  ctx.error("E0206", e.member.span, `metadata has no field ${q(m)}`, didYouMean(m, ctx.metadata.keys(), "declare it in the metadata block"));
  return BAD_REF;
}

function stdField(ctx: CheckContext, e: ast.MemberExpr): Ref {
  const m = e.member.name;
  const t = STD_FIELDS.get(m);
  if (t) return valueRef(ctx, e, t, "std");
  ctx.error(
    "E0206",
    e.member.span,
    `standard metadata has no field ${q(m)}`,
    didYouMean(m, STD_FIELDS.keys(), `its fields are ${[...STD_FIELDS.keys()].join(", ")}`),
  );
  return BAD_REF;
}

function resolveIndex(ctx: CheckContext, e: ast.IndexExpr): Ref {
  const obj = resolve(ctx, e.object);
  if (obj.k === "bad") return BAD_REF;
  if (obj.k !== "stack") {
    const isBits = obj.k === "value";
    ctx.error(
      "E0209",
      e.object.span,
      `only header stacks can be indexed, and ${q(exprText(e.object))} is not one`,
      isBits ? `to take bits, use a slice: ${exprText(e.object)}[7:0]` : undefined,
    );
    return BAD_REF;
  }
  const i = constantOf(ctx, e.index, "a header stack index");
  if (i === undefined) return BAD_REF;
  const size = obj.inst.stackSize ?? 0;
  if (i >= BigInt(size)) {
    ctx.error(
      "E0211",
      e.index.span,
      `index ${i} is out of range: stack ${q(exprText(e.object))} has ${size} elements (0..${size - 1})`,
      `use an index from 0 to ${size - 1}`,
    );
    return BAD_REF;
  }
  return { k: "header", inst: obj.inst, index: Number(i) };
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
