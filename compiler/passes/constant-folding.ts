// Pass `constant-folding`: evaluates operators whose operands are constants,
// simplifies `&&`/`||`/`?:` with a constant side, and replaces `if` and
// `verify` on a constant condition by what they reduce to.
//
// Folding uses compiler/arith.ts, the same arithmetic as the interpreter, so
// a folded value can never differ from the value computed at run time.
// Expressions are pure, so dropping an operand never drops an effect.

import * as ir from "../ir.js";
import * as arith from "../arith.js";
import type { Pass } from "../pipeline.js";
import { mapExpr, mapStmtExprs } from "../visit.js";

export const constantFolding: Pass = {
  name: "constant-folding",
  description: "evaluate constant expressions; resolve if/verify on constant conditions",
  run(p) {
    return {
      ...p,
      parser: {
        ...p.parser,
        states: p.parser.states.map((s) => ({
          ...s,
          body: foldParserBody(s.body),
          transition: foldTransition(s.transition),
        })),
      },
      actions: p.actions.map((a) => ({ ...a, body: foldStmts(a.body) })),
      tables: p.tables.map((t) => ({ ...t, keys: t.keys.map((k) => ({ ...k, expr: foldExpr(k.expr) })) })),
      ingress: foldStmts(p.ingress),
    };
  },
};

export function foldExpr(e: ir.Expr): ir.Expr {
  return mapExpr(e, foldNode);
}

const isConst = (e: ir.Expr): e is ir.ConstExpr => e.kind === "Const";
const constant = (type: ir.ValueType, value: bigint, span: ir.Expr["span"]): ir.ConstExpr => ({ kind: "Const", type, value, span });
const bool = (v: boolean, span: ir.Expr["span"]) => constant(ir.BOOL, v ? 1n : 0n, span);

/** Folds one node whose children are already folded. */
function foldNode(e: ir.Expr): ir.Expr {
  const w = ir.widthOf(e.type);
  switch (e.kind) {
    case "Unary":
      if (!isConst(e.operand)) return e;
      return e.op === "!" ? bool(e.operand.value === 0n, e.span) : constant(e.type, arith.complement(e.operand.value, w), e.span);
    case "Binary":
      return foldBinary(e);
    case "Concat":
      return isConst(e.left) && isConst(e.right)
        ? constant(e.type, arith.concat(e.left.value, e.right.value, ir.widthOf(e.right.type)), e.span)
        : e;
    case "Slice":
      return isConst(e.expr) ? constant(e.type, arith.slice(e.expr.value, e.hi, e.lo), e.span) : e;
    case "Cast":
      return isConst(e.expr) ? constant(e.type, arith.wrap(e.expr.value, w), e.span) : e;
    case "Cond":
      return isConst(e.cond) ? (e.cond.value !== 0n ? e.then : e.else) : e;
    default:
      return e;
  }
}

function foldBinary(e: ir.BinaryExpr): ir.Expr {
  const { left: l, right: r } = e;
  if (e.op === "&&" || e.op === "||") {
    // false && x = false, true && x = x; true || x = true, false || x = x.
    const absorbing = e.op === "||";
    for (const [c, other] of [[l, r], [r, l]] as const) {
      if (isConst(c)) return (c.value !== 0n) === absorbing ? bool(absorbing, e.span) : other;
    }
    return e;
  }
  if (!isConst(l) || !isConst(r)) return e;
  if (arith.isCompare(e.op)) return bool(arith.compare(e.op, l.value, r.value), e.span);
  if (e.op === "<<" || e.op === ">>") return constant(e.type, arith.shift(e.op, l.value, r.value, ir.widthOf(e.type)), e.span);
  return constant(e.type, arith.arith(e.op, l.value, r.value, ir.widthOf(e.type)), e.span);
}

export function foldStmts(stmts: readonly ir.Stmt[]): ir.Stmt[] {
  const out: ir.Stmt[] = [];
  for (const s of stmts) {
    const folded = mapStmtExprs(s, foldExpr);
    if (folded.kind !== "If") {
      out.push(folded);
      continue;
    }
    const then = foldStmts(folded.then);
    const otherwise = foldStmts(folded.else);
    if (isConst(folded.cond)) out.push(...(folded.cond.value !== 0n ? then : otherwise));
    else out.push({ ...folded, then, else: otherwise });
  }
  return out;
}

function foldParserBody(body: readonly ir.ParserStmt[]): ir.ParserStmt[] {
  return body
    .map((s) => mapStmtExprs(s, foldExpr))
    .filter((s) => !(s.kind === "Verify" && isConst(s.cond) && s.cond.value !== 0n));
}

function foldTransition(t: ir.Transition): ir.Transition {
  return t.kind === "Goto" ? t : { ...t, keys: t.keys.map(foldExpr) };
}
