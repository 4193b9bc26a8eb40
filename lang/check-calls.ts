// Calls: built-in functions and statements, methods, and direct action calls.
//
// The AST has one Call node for all of them (`drop()`, `t.apply()`,
// `r.write(i, v)`, `a(1, 2)`, `lookahead<bit<8>>()`); this file decides what
// each is, checks its arguments, and checks that it is allowed where it
// appears: extract/advance/verify/lookahead only in the parser (E0406); no
// effects in the parser (E0407); no table or control apply in an action
// (E0607); emit only in the deparser (E0707). In global declarations (a
// const initialiser, a size) calls are reported as not constant instead.

import type * as ast from "./ast.js";
import { BOOL, ERROR } from "../compiler/ir.js";
import type { CheckContext } from "./check-context.js";
import {
  BAD_REF,
  type Ref,
  VOID_REF,
  checkAs,
  checkCondition,
  checkLoose,
  checkValue,
  infer,
  isUntyped,
  kindName,
  pushdown,
  resolve,
  valueOf,
  valueRef,
} from "./check-expr.js";
import { constantOf, requireConst } from "./check-const.js";
import { bitTypeOf } from "./check-typeexpr.js";
import {
  ANY_WIDTH_DEFAULT,
  BAD,
  CHECKSUM_TYPE,
  GROUP_TYPE,
  HASH_ALGORITHMS,
  HASH_TYPE,
  METER_COLOUR,
  PORT_TYPE,
  type Ty,
  isBad,
  plural,
  q,
  sameType,
  show,
} from "./check-types.js";
import { exprText, typeText } from "./check-text.js";

/** What a call denotes: a value, the result of `t.apply()`, or nothing (a statement call). */
export function checkCall(ctx: CheckContext, call: ast.CallExpr): Ref {
  const callee = call.callee;
  const target = resolve(ctx, callee);
  if (call.typeArgs.length > 0 && !(target.k === "global" && target.name === "lookahead")) {
    ctx.error("E0321", call.typeArgs[0]!.span, "only lookahead takes type arguments", `remove the <${typeText(call.typeArgs[0]!)}>`);
  }
  switch (target.k) {
    case "global":
      if (target.symbol.kind === "builtin") return builtin(ctx, call, target.name);
      if (target.symbol.kind === "action") return actionCall(ctx, call, target.symbol.decl);
      break;
    case "method":
      return method(ctx, call, target.recv, target.name);
    case "bad":
      checkLoose(ctx, call.args);
      return BAD_REF;
    default:
      break;
  }
  ctx.error(
    "E0209",
    callee.span,
    `${q(exprText(callee))} is ${target.k === "global" ? kindName(target.symbol) : "not a function"} and cannot be called`,
    target.k === "global" && (target.symbol.kind === "table" || target.symbol.kind === "control") ? `apply it: ${target.name}.apply()` : undefined,
  );
  checkLoose(ctx, call.args);
  return BAD_REF;
}

/** Reports a wrong argument count (E0320); true when the count is right. */
function arity(ctx: CheckContext, call: ast.CallExpr, n: number, what: string): boolean {
  if (call.args.length === n) return true;
  ctx.error("E0320", call.span, `${what} takes ${plural(n, "argument")}, but ${call.args.length} ${call.args.length === 1 ? "is" : "are"} given`);
  // A hash algorithm is a bare name that is not declared: leave it out rather than report it unknown.
  checkLoose(ctx, call.args.filter((a) => !(a.kind === "Name" && HASH_ALGORITHMS.includes(a.name.name))));
  return false;
}

// ------------------------------------------------------------ where calls may appear

type Feature = "parser" | "effect" | "control";

function gate(ctx: CheckContext, span: ast.Expr["span"], feature: Feature, what: string): void {
  const where = ctx.where;
  if (where === "global" || where === "deparser") return;
  if (feature === "parser" && where !== "parser") {
    ctx.error("E0406", span, `${what} is only allowed in the parser`, "parse headers in parser states; controls work on parsed headers");
  } else if (feature !== "parser" && where === "parser") {
    ctx.error(
      "E0407",
      span,
      `${what} is not allowed in a parser state`,
      "a state may assign metadata and locals, declare lets, extract, advance and verify; do the rest in a control",
    );
  } else if (feature === "control" && where === "action") {
    ctx.error("E0607", span, `${what} is not allowed in an action`, "actions may not apply tables or controls, switch on tables, or exit: do that in a control");
  }
}

// ------------------------------------------------------------ built-ins

function builtin(ctx: CheckContext, call: ast.CallExpr, name: string): Ref {
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
function bitArg(ctx: CheckContext, e: ast.Expr, what: string, code: "E0307" | "E0708"): Ty {
  const t = checkValue(ctx, e, ANY_WIDTH_DEFAULT);
  if (isBad(t) || t.kind === "bit") return t;
  ctx.error(code, e.span, `${what} must be a bit<N> value, but ${q(exprText(e))} is ${show(t)}`, t.kind === "bool" ? "convert it with `as bit<1>`" : undefined);
  return BAD;
}

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

// ------------------------------------------------------------ methods

function method(ctx: CheckContext, call: ast.CallExpr, recv: Ref, name: string): Ref {
  const what = q(exprText(call));
  const args = call.args;
  if (recv.k === "header") {
    if (name === "isValid") {
      arity(ctx, call, 0, what);
      return valueRef(ctx, call, BOOL, "computed");
    }
    gate(ctx, call.span, "effect", what);
    arity(ctx, call, 0, what);
    return VOID_REF;
  }
  if (recv.k === "stack") {
    gate(ctx, call.span, "effect", what);
    if (arity(ctx, call, 1, what)) stackCount(ctx, args[0]!, recv.inst.stackSize ?? 0);
    return VOID_REF;
  }
  if (recv.k !== "global") return BAD_REF;
  const s = recv.symbol;
  switch (s.kind) {
    case "table":
      gate(ctx, call.span, "control", what);
      arity(ctx, call, 0, what);
      return { k: "applied", table: s.decl };
    case "control":
      gate(ctx, call.span, "control", what);
      arity(ctx, call, 0, what);
      return VOID_REF;
    case "register": {
      gate(ctx, call.span, "effect", what);
      const cell = ctx.declaredTypes.get(s.decl);
      if (name === "read") {
        if (arity(ctx, call, 1, what)) bitArg(ctx, args[0]!, "a register index", "E0708");
        return valueRef(ctx, call, cell ?? BAD, "computed");
      }
      if (arity(ctx, call, 2, what)) {
        bitArg(ctx, args[0]!, "a register index", "E0708");
        if (cell) checkAs(ctx, args[1]!, cell, `register ${q(recv.name)} holds`);
        else checkLoose(ctx, [args[1]!]);
      }
      return VOID_REF;
    }
    case "counter":
      gate(ctx, call.span, "effect", what);
      if (arity(ctx, call, 1, what)) bitArg(ctx, args[0]!, "a counter index", "E0708");
      return VOID_REF;
    case "meter":
      gate(ctx, call.span, "effect", what);
      if (arity(ctx, call, 1, what)) bitArg(ctx, args[0]!, "a meter index", "E0708");
      return valueRef(ctx, call, METER_COLOUR, "effect");
    case "digest":
      gate(ctx, call.span, "effect", what);
      if (arity(ctx, call, 1, what)) digestSend(ctx, s.decl, args[0]!);
      return VOID_REF;
    default:
      return BAD_REF;
  }
}

function stackCount(ctx: CheckContext, e: ast.Expr, size: number): void {
  const n = constantOf(ctx, e, "the count of push_front/pop_front");
  if (n === undefined) return;
  if (n < 1n || n > BigInt(size)) {
    ctx.error("E0211", e.span, `the count ${n} is out of range: the stack has ${size} elements`, `shift by 1 to ${size}`);
  }
}

function digestSend(ctx: CheckContext, d: ast.DigestDecl, list: ast.Expr): void {
  if (list.kind !== "List") {
    ctx.error("E0317", list.span, `send takes a list in braces, one value per field of digest ${q(d.name.name)}`, `write ${d.name.name}.send({…})`);
    checkLoose(ctx, [list]);
    return;
  }
  if (list.elements.length !== d.fields.length) {
    ctx.error(
      "E0704",
      list.span,
      `digest ${q(d.name.name)} has ${plural(d.fields.length, "field")}, but the list has ${plural(list.elements.length, "value")}`,
      `give one value per field: ${d.fields.map((f) => f.name.name).join(", ")}`,
    );
    checkLoose(ctx, list.elements);
    return;
  }
  list.elements.forEach((e, i) => {
    const f = d.fields[i]!;
    const t = ctx.declaredTypes.get(f);
    if (t) checkAs(ctx, e, t, `digest field ${q(f.name.name)} is`);
    else checkLoose(ctx, [e]);
  });
}

// ------------------------------------------------------------ actions

function actionCall(ctx: CheckContext, call: ast.CallExpr, action: ast.ActionDecl): Ref {
  gate(ctx, call.span, "effect", `calling action ${q(action.name.name)}`);
  checkActionArgs(ctx, call.span, action, call.args, false);
  return VOID_REF;
}

/**
 * The arguments of an action: one per parameter, each of the parameter's
 * type; `constant` for table entries and default actions (action data).
 */
export function checkActionArgs(ctx: CheckContext, span: ast.Expr["span"], action: ast.ActionDecl, args: readonly ast.Expr[], constant: boolean): void {
  const n = action.params.length;
  if (args.length !== n) {
    ctx.error(
      "E0320",
      span,
      `action ${q(action.name.name)} takes ${plural(n, "argument")}, but ${args.length} ${args.length === 1 ? "is" : "are"} given`,
      n > 0 ? `its parameters: ${action.params.map((p) => p.name.name).join(", ")}` : undefined,
      ctx.firstDeclared(action.name.span, "declared here"),
    );
    checkLoose(ctx, args);
    return;
  }
  args.forEach((a, i) => {
    const p = action.params[i]!;
    const t = ctx.declaredTypes.get(p);
    if (!t) {
      checkLoose(ctx, [a]);
      return;
    }
    const got = checkAs(ctx, a, t, `parameter ${q(p.name.name)} is`);
    if (constant && !isBad(got)) requireConst(ctx, a, "an action argument in a table");
  });
}
