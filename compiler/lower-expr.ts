// Lowering of expressions, with the hoisting of effects out of them.
//
// IR expressions are pure, but the source allows two effects inside an
// expression: `t.apply().hit`/`.miss` and `m.execute(i)`. Every lowering
// function here takes `pre`, the statement list that runs just before the
// expression is evaluated, and appends the hoisted ApplyTable/MeterExecute
// statements to it, writing their results to fresh `$` locals. Two rules keep
// the source's evaluation order:
//   - Short circuit: the effects of the right side of `&&`/`||` and of the
//     arms of `?:` run only when the source would evaluate them:
//       a && t.apply().hit   →   $and = false; if (a) { apply t → $hit; $and = $hit; }   … $and
//   - Left to right: when a later operand applies a table (whose action may
//     write headers or metadata), the earlier operands that read such state
//     are first saved in `$tmp` locals, so they see the values from before.

import type * as ast from "../lang/ast.js";
import type { Span } from "../lang/source.js";
import { isCompare } from "./arith.js";
import * as ir from "./ir.js";
import { type Frame, type Lowerer, LoweringError, assignLocal, constExpr, readLocal } from "./lower-context.js";

export function lowerExpr(lw: Lowerer, fr: Frame, e: ast.Expr, pre: ir.Stmt[]): ir.Expr {
  const folded = lw.checked.constants.get(e);
  const foldedType = lw.checked.types.get(e);
  if (folded !== undefined && foldedType) return constExpr(folded, foldedType, e.span);

  switch (e.kind) {
    case "IntLit":
      return constExpr(e.value, lw.typeOf(e), e.span);
    case "BoolLit":
      return constExpr(e.value ? 1n : 0n, ir.BOOL, e.span);
    case "ErrorLit":
      return constExpr(lw.constValue(e), ir.ERROR, e.span);
    case "Name":
      return lowerName(lw, fr, e);
    case "Member":
      return lowerMember(lw, e, pre);
    case "Slice": {
      const hi = lw.constNumber(e.hi);
      const lo = lw.constNumber(e.lo);
      const expr = lowerExpr(lw, fr, e.object, pre);
      return { kind: "Slice", expr, hi, lo, type: ir.bit(hi - lo + 1), span: e.span };
    }
    case "Call":
      return lowerCallExpr(lw, fr, e, pre);
    case "Unary": {
      const operand = lowerExpr(lw, fr, e.operand, pre);
      return { kind: "Unary", op: e.op, operand, type: e.op === "!" ? ir.BOOL : operand.type, span: e.span };
    }
    case "Binary":
      return lowerBinary(lw, fr, e, pre);
    case "Cast": {
      const expr = lowerExpr(lw, fr, e.expr, pre);
      return { kind: "Cast", expr, type: lw.checked.types.get(e) ?? lw.valueType(e.type), span: e.span };
    }
    case "Cond":
      return lowerCond(lw, fr, e, pre);
    case "Index":
    case "List":
      throw new LoweringError(`a ${e.kind} expression is not a value here`, e.span);
  }
}

/**
 * Lowers operands evaluated left to right (arguments, list elements). A
 * header in the list stands for its fields (a whole stack for every
 * element's fields), as in `hash`, `checksum16` and digest `send` lists.
 */
export function lowerValues(lw: Lowerer, fr: Frame, elements: readonly ast.Expr[], pre: ir.Stmt[]): ir.Expr[] {
  const out: ir.Expr[] = [];
  for (const el of elements) {
    const ref = lw.headerRef(el);
    if (ref) {
      out.push(...headerFieldReads(lw, ref, el.span));
      continue;
    }
    const sub: ir.Stmt[] = [];
    const value = lowerExpr(lw, fr, el, sub);
    if (writesState(sub)) for (let i = 0; i < out.length; i++) out[i] = saveBefore(lw, out[i]!, pre);
    pre.push(...sub);
    out.push(value);
  }
  return out;
}

/** Lowers an expression that must not need hoisting (parser, table keys). */
export function lowerPureExpr(lw: Lowerer, fr: Frame, e: ast.Expr, where: string): ir.Expr {
  const pre: ir.Stmt[] = [];
  const x = lowerExpr(lw, fr, e, pre);
  if (pre.length > 0) throw new LoweringError(`a table apply or meter execute cannot appear in ${where}`, e.span);
  return x;
}

/** Reads of every field of a header (or of every element of a whole stack), in wire order. */
function headerFieldReads(lw: Lowerer, ref: ir.HeaderRef, span: Span): ir.Expr[] {
  const info = lw.instance(ref.header, span);
  const refs: ir.HeaderRef[] =
    ref.index === undefined && info.stackSize !== undefined
      ? Array.from({ length: info.stackSize }, (_, index) => ({ header: ref.header, index }))
      : [ref];
  return refs.flatMap((r) =>
    info.type.fields.map((f): ir.Expr => ({ kind: "Read", loc: { kind: "field", ref: r, field: f.name }, type: ir.bit(f.width), span })),
  );
}

function lowerName(lw: Lowerer, fr: Frame, e: ast.NameExpr): ir.Expr {
  const s = lw.symbol(e);
  switch (s.kind) {
    case "const":
      return constExpr(s.value, s.type, e.span);
    case "error":
      return constExpr(BigInt(s.value), ir.ERROR, e.span);
    case "local": {
      const id = fr.lets.get(s.decl);
      if (id === undefined) throw new LoweringError(`local '${e.name.name}' is used outside the body that declares it`, e.span);
      return readLocal(id, lw.locals[id]!.type, e.span);
    }
    case "param": {
      if (fr.action !== s.action) throw new LoweringError(`parameter '${e.name.name}' is used outside its action`, e.span);
      const param = s.action.params[s.index]!;
      return { kind: "Read", loc: { kind: "param", index: s.index }, type: lw.declaredType(param), span: e.span };
    }
    default:
      throw new LoweringError(`'${e.name.name}' (a ${s.kind}) is not a value`, e.span);
  }
}

function lowerMember(lw: Lowerer, e: ast.MemberExpr, pre: ir.Stmt[]): ir.Expr {
  const member = e.member.name;
  if (member === "hit" || member === "miss") {
    const table = lw.tableApplied(e.object);
    if (table) {
      const hit = applyTableForHit(lw, table, e.object.span, pre);
      return member === "hit" ? hit : { kind: "Unary", op: "!", operand: hit, type: ir.BOOL, span: e.span };
    }
  }
  const objectSymbol = lw.symbolOf(e.object);
  if (objectSymbol?.kind === "meta") {
    return { kind: "Read", loc: { kind: "meta", field: member }, type: lw.metaType(member, e.span), span: e.span };
  }
  if (objectSymbol?.kind === "std") {
    const type = lw.stdType(member, e.span);
    return { kind: "Read", loc: { kind: "std", field: member as ir.StdField }, type, span: e.span };
  }
  const ref = lw.headerRef(e.object);
  if (ref) {
    const width = lw.fieldWidth(ref, member, e.span);
    return { kind: "Read", loc: { kind: "field", ref, field: member }, type: ir.bit(width), span: e.span };
  }
  throw new LoweringError(`'.${member}' is not a value here`, e.span);
}

/** `t.apply().hit`: apply the table into a fresh `$hit_t` local and read it. */
function applyTableForHit(lw: Lowerer, table: ast.TableDecl, span: Span, pre: ir.Stmt[]): ir.Expr {
  const name = table.name.name;
  const hitLocal = lw.newLocal(`$hit_${name}`, ir.BOOL, span);
  pre.push({ kind: "ApplyTable", table: name, hitLocal, span });
  return readLocal(hitLocal, ir.BOOL, span);
}

function lowerCallExpr(lw: Lowerer, fr: Frame, e: ast.CallExpr, pre: ir.Stmt[]): ir.Expr {
  const callee = e.callee;
  if (callee.kind === "Name") {
    const s = lw.symbol(callee);
    if (s.kind === "builtin") {
      switch (s.name) {
        case "hash":
          return lowerHash(lw, fr, e, pre);
        case "checksum16": {
          const inputs = lowerValues(lw, fr, listElements(e.args[0], e.span), pre);
          return { kind: "Checksum16", inputs, type: ir.bit(16), span: e.span };
        }
        case "csum16_update": {
          const [sum, old, nu] = lowerValues(lw, fr, e.args, pre);
          if (!sum || !old || !nu) throw new LoweringError("csum16_update takes three arguments", e.span);
          return { kind: "CsumUpdate", sum, old, new: nu, type: ir.bit(16), span: e.span };
        }
        case "lookahead": {
          const typeArg = e.typeArgs[0];
          const type = lw.checked.types.get(e) ?? (typeArg ? lw.valueType(typeArg) : undefined);
          if (!type) throw new LoweringError("lookahead needs a type argument", e.span);
          return { kind: "Lookahead", type, span: e.span };
        }
        default:
          break;
      }
    }
    throw new LoweringError(`'${callee.name.name}(…)' is not a value`, e.span);
  }
  if (callee.kind === "Member") {
    const method = callee.member.name;
    const objectSymbol = lw.symbolOf(callee.object);
    if (method === "isValid") {
      return { kind: "IsValid", ref: lw.requireHeaderRef(callee.object), type: ir.BOOL, span: e.span };
    }
    if (method === "read" && objectSymbol?.kind === "register") {
      const name = objectSymbol.decl.name.name;
      const [index] = lowerValues(lw, fr, e.args, pre);
      const width = lw.registers.get(name)?.width;
      if (!index || width === undefined) throw new LoweringError(`bad read of register '${name}'`, e.span);
      return { kind: "RegisterRead", register: name, index, type: ir.bit(width), span: e.span };
    }
    if (method === "execute" && objectSymbol?.kind === "meter") {
      const meter = objectSymbol.decl.name.name;
      const [index] = lowerValues(lw, fr, e.args, pre);
      if (!index) throw new LoweringError(`meter '${meter}' execute needs an index`, e.span);
      const resultLocal = lw.newLocal(`$color_${meter}`, ir.bit(2), e.span);
      pre.push({ kind: "MeterExecute", meter, index, resultLocal, span: e.span });
      return readLocal(resultLocal, ir.bit(2), e.span);
    }
  }
  throw new LoweringError("this call is not a value", e.span);
}

const HASH_ALGORITHMS: readonly ir.HashAlgorithm[] = ["crc32", "crc16", "xor16", "identity"];

function lowerHash(lw: Lowerer, fr: Frame, e: ast.CallExpr, pre: ir.Stmt[]): ir.Expr {
  const alg = e.args[0];
  const algorithm = alg?.kind === "Name" ? HASH_ALGORITHMS.find((a) => a === alg.name.name) : undefined;
  if (!algorithm) throw new LoweringError("hash needs an algorithm name as its first argument", e.span);
  const inputs = lowerValues(lw, fr, listElements(e.args[1], e.span), pre);
  return { kind: "Hash", algorithm, inputs, type: ir.bit(32), span: e.span };
}

function listElements(arg: ast.Expr | undefined, span: Span): readonly ast.Expr[] {
  if (arg?.kind !== "List") throw new LoweringError("expected a `{…}` list argument", arg?.span ?? span);
  return arg.elements;
}

function lowerBinary(lw: Lowerer, fr: Frame, e: ast.BinaryExpr, pre: ir.Stmt[]): ir.Expr {
  if (e.op === "&&" || e.op === "||") {
    const left = lowerExpr(lw, fr, e.left, pre);
    const sub: ir.Stmt[] = [];
    const right = lowerExpr(lw, fr, e.right, sub);
    if (sub.length === 0) return { kind: "Binary", op: e.op, left, right, type: ir.BOOL, span: e.span };
    // The right side has effects: run them only when the source would evaluate it.
    const isAnd = e.op === "&&";
    const result = lw.newLocal(isAnd ? "$and" : "$or", ir.BOOL, e.span);
    const evaluateRight: ir.Expr = isAnd ? left : { kind: "Unary", op: "!", operand: left, type: ir.BOOL, span: e.left.span };
    pre.push(assignLocal(result, constExpr(isAnd ? 0n : 1n, ir.BOOL, e.span), e.span));
    pre.push({ kind: "If", cond: evaluateRight, then: [...sub, assignLocal(result, right, e.right.span)], else: [], span: e.span });
    return readLocal(result, ir.BOOL, e.span);
  }
  const [left, right] = lowerValues(lw, fr, [e.left, e.right], pre) as [ir.Expr, ir.Expr];
  if (e.op === "++") return { kind: "Concat", left, right, type: ir.bit(ir.widthOf(left.type) + ir.widthOf(right.type)), span: e.span };
  return { kind: "Binary", op: e.op, left, right, type: isCompare(e.op) ? ir.BOOL : left.type, span: e.span };
}

function lowerCond(lw: Lowerer, fr: Frame, e: ast.CondExpr, pre: ir.Stmt[]): ir.Expr {
  const cond = lowerExpr(lw, fr, e.cond, pre);
  const thenPre: ir.Stmt[] = [];
  const then = lowerExpr(lw, fr, e.then, thenPre);
  const elsePre: ir.Stmt[] = [];
  const otherwise = lowerExpr(lw, fr, e.else, elsePre);
  if (thenPre.length === 0 && elsePre.length === 0) {
    return { kind: "Cond", cond, then, else: otherwise, type: then.type, span: e.span };
  }
  // An arm has effects: evaluate only the chosen arm, as the source does.
  const result = lw.newLocal("$cond", then.type, e.span);
  pre.push({
    kind: "If",
    cond,
    then: [...thenPre, assignLocal(result, then, e.then.span)],
    else: [...elsePre, assignLocal(result, otherwise, e.else.span)],
    span: e.span,
  });
  return readLocal(result, then.type, e.span);
}

/** Whether hoisted statements can change headers, metadata or registers (a table's action can). */
function writesState(stmts: readonly ir.Stmt[]): boolean {
  return stmts.some((s) => s.kind === "ApplyTable" || (s.kind === "If" && (writesState(s.then) || writesState(s.else))));
}

/**
 * Saves an already-evaluated operand in a `$tmp` local, unless its value
 * cannot change (constants, locals, parameters, read-only std fields).
 */
function saveBefore(lw: Lowerer, x: ir.Expr, pre: ir.Stmt[]): ir.Expr {
  if (x.kind === "Const" || (x.kind === "Read" && (x.loc.kind === "local" || x.loc.kind === "param" || x.loc.kind === "std"))) {
    return x;
  }
  const id = lw.newLocal("$tmp", x.type, x.span);
  pre.push(assignLocal(id, x, x.span));
  return readLocal(id, x.type, x.span);
}
