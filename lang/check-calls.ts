// Calls: methods and direct action calls, and the dispatch of every call.
//
// The AST has one Call node for all calls (`drop()`, `t.apply()`,
// `r.write(i, v)`, `a(1, 2)`, `lookahead<bit<8>>()`); this file decides what
// each is (built-ins are in check-builtins.ts), checks its arguments, and
// checks that it is allowed where it appears (`gate`): extract, advance,
// verify and lookahead only in the parser (E0406); no effects in the parser
// (E0407); no table or control apply in an action (E0607). In global
// declarations (a const initialiser, a size) calls are reported as not
// constant instead.

import type * as ast from "./ast.js";
import { BOOL } from "../compiler/ir.js";
import type { CheckContext } from "./check-context.js";
import { checkBuiltin } from "./check-builtins.js";
import { checkAs, checkLoose, checkValue } from "./check-expr.js";
import { BAD_REF, type Ref, VOID_REF, kindName, resolve, valueRef } from "./check-refs.js";
import { constantOf, requireConst } from "./check-const.js";
import { ANY_WIDTH_DEFAULT, BAD, HASH_ALGORITHMS, METER_COLOUR, type Ty, isBad, plural, q, show } from "./check-types.js";
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
      if (target.symbol.kind === "builtin") return checkBuiltin(ctx, call, target.name);
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
export function arity(ctx: CheckContext, call: ast.CallExpr, n: number, what: string): boolean {
  if (call.args.length === n) return true;
  ctx.error("E0320", call.span, `${what} takes ${plural(n, "argument")}, but ${call.args.length} ${call.args.length === 1 ? "is" : "are"} given`);
  // A hash algorithm is a bare name that is not declared: leave it out rather than report it unknown.
  checkLoose(ctx, call.args.filter((a) => !(a.kind === "Name" && HASH_ALGORITHMS.includes(a.name.name))));
  return false;
}

// ------------------------------------------------------------ where calls may appear

type Feature = "parser" | "effect" | "control";

export function gate(ctx: CheckContext, span: ast.Expr["span"], feature: Feature, what: string): void {
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

export function bitArg(ctx: CheckContext, e: ast.Expr, what: string, code: "E0307" | "E0708"): Ty {
  const t = checkValue(ctx, e, ANY_WIDTH_DEFAULT);
  if (isBad(t) || t.kind === "bit") return t;
  ctx.error(code, e.span, `${what} must be a bit<N> value, but ${q(exprText(e))} is ${show(t)}`, t.kind === "bool" ? "convert it with `as bit<1>`" : undefined);
  return BAD;
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
