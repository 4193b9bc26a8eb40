// Statements of controls, actions and parser states, and the deparser.
//
// What a statement may do depends on where it is (ctx.where): a parser state
// may only assign metadata and locals, declare lets, and call
// extract/advance/verify (E0407); an action may not apply, switch on tables
// or exit (E0607); the deparser holds only `emit(h)` (E0705). Each `{ … }`
// opens a scope for `let`.

import type * as ast from "./ast.js";
import { NO_ACTION } from "../compiler/ir.js";
import type { CheckContext } from "./check-context.js";
import { checkCall } from "./check-calls.js";
import { checkAs, checkCondition, checkLoose, infer, isUntyped, sliceType } from "./check-expr.js";
import { type Loc, type Ref, resolve, valueOf } from "./check-refs.js";
import { valueTypeOf } from "./check-typeexpr.js";
import { BAD, type Ty, isBad, q } from "./check-types.js";
import { exprText } from "./check-text.js";

export function checkBlock(ctx: CheckContext, block: ast.BlockStmt): void {
  ctx.scoped(() => checkStmts(ctx, block.stmts));
}

export function checkStmts(ctx: CheckContext, stmts: readonly ast.Stmt[]): void {
  for (const s of stmts) checkStmt(ctx, s);
}

function checkStmt(ctx: CheckContext, s: ast.Stmt): void {
  switch (s.kind) {
    case "Assign":
      assign(ctx, s);
      return;
    case "Let":
      letStmt(ctx, s);
      return;
    case "If":
      notInParser(ctx, s.span, "`if`");
      checkCondition(ctx, s.cond, "an if condition");
      checkBlock(ctx, s.then);
      if (s.else?.kind === "Block") checkBlock(ctx, s.else);
      else if (s.else) checkStmt(ctx, s.else);
      return;
    case "Switch":
      switchStmt(ctx, s);
      return;
    case "Block":
      checkBlock(ctx, s);
      return;
    case "CallStmt":
      callStmt(ctx, s);
      return;
    case "Exit":
      if (ctx.where === "action") {
        ctx.error("E0607", s.span, "`exit` is not allowed in an action", "exit from the control that runs the action");
      } else {
        notInParser(ctx, s.span, "`exit`");
      }
      return;
  }
}

function notInParser(ctx: CheckContext, span: ast.Stmt["span"], what: string): void {
  if (ctx.where !== "parser") return;
  ctx.error(
    "E0407",
    span,
    `${what} is not allowed in a parser state`,
    "a state may assign metadata and locals, declare lets, extract, advance and verify; choose the next state with transition select",
  );
}

function callStmt(ctx: CheckContext, s: ast.CallStmt): void {
  const r = checkCall(ctx, s.call);
  if (r.k === "value" && r.loc !== "effect" && !isBad(r.type)) {
    ctx.error("E0610", s.span, `the value of ${q(exprText(s.call))} is computed and not used`, "assign it: x = …;");
  }
}

function letStmt(ctx: CheckContext, s: ast.LetStmt): void {
  const t = valueTypeOf(ctx, s.type, `local ${q(s.name.name)}`);
  if (isBad(t)) checkLoose(ctx, [s.value]);
  else {
    checkAs(ctx, s.value, t, `local ${q(s.name.name)} is`);
    ctx.declaredTypes.set(s, t);
  }
  ctx.declareLocal(s.name, { symbol: { kind: "local", decl: s }, span: s.name.span, type: t });
}

// ------------------------------------------------------------ assignment

function assign(ctx: CheckContext, s: ast.AssignStmt): void {
  const t = targetType(ctx, s.target);
  if (isBad(t)) {
    if (!isUntyped(s.value)) checkLoose(ctx, [s.value]);
    return;
  }
  checkAs(ctx, s.value, t, `${q(exprText(s.target))} is`);
}

/** The type of an assignment target: a header field, metadata field, local, or a slice of one. */
function targetType(ctx: CheckContext, e: ast.Expr): Ty {
  if (e.kind === "Slice") {
    if (e.object.kind === "Slice") {
      ctx.error("E0315", e.span, "a slice of a slice cannot be assigned", "combine the bounds into one slice");
      return BAD;
    }
    return sliceType(ctx, e, targetType(ctx, e.object));
  }
  if (e.kind !== "Name" && e.kind !== "Member" && e.kind !== "Index") {
    if (!isUntyped(e)) infer(ctx, e);
    ctx.error("E0315", e.span, `${q(exprText(e))} is not a location and cannot be assigned`, "assign to a header field, a metadata field, a local, or a slice of one");
    return BAD;
  }
  const r = resolve(ctx, e);
  if (r.k !== "value") return notAValueTarget(ctx, e, r);
  if (isBad(r.type)) return BAD;
  const problem = READ_ONLY[r.loc];
  if (problem) {
    ctx.error(problem[0], e.span, `${q(exprText(e))} ${problem[1]}`, problem[2]);
    return BAD;
  }
  if (ctx.where === "parser" && r.loc === "field") {
    ctx.error("E0407", e.span, "a parser state may assign only metadata and locals", "extract sets header fields; change them in a control");
    return BAD;
  }
  return r.type;
}

/** Locations that cannot be assigned: [code, message, hint]. */
const READ_ONLY: Partial<Record<Loc, [ "E0314" | "E0315", string, string?]>> = {
  param: ["E0314", "is an action parameter, and parameters are read-only", "copy it into a local first: let x: bit<8> = p;"],
  std: ["E0314", "is standard metadata, which is read-only"],
  const: ["E0314", "is a const", "assign to a local or a metadata field instead"],
  error: ["E0314", "is an error name, a constant"],
  computed: ["E0315", "is a computed value, not a location"],
  effect: ["E0315", "is a computed value, not a location"],
};

function notAValueTarget(ctx: CheckContext, e: ast.Expr, r: Ref): Ty {
  if (r.k === "header" || r.k === "stack") {
    ctx.error(
      "E0315",
      e.span,
      `${q(exprText(e))} is a whole header and cannot be assigned`,
      "assign its fields one by one; setValid() and setInvalid() change its validity",
    );
  } else {
    valueOf(ctx, e, r);
  }
  return BAD;
}

// ------------------------------------------------------------ switch

function switchStmt(ctx: CheckContext, s: ast.SwitchStmt): void {
  const table = switchSubject(ctx, s.subject);
  const seen = new Map<string, ast.Ident>();
  let firstDefault: ast.SwitchCase | undefined;
  for (const c of s.cases) {
    for (const label of c.labels) {
      const earlier = seen.get(label.name);
      if (earlier) {
        ctx.error("E0606", label.span, `${q(label.name)} is already a label of this switch`, "merge the two cases", ctx.firstDeclared(earlier.span, "first used here"));
        continue;
      }
      seen.set(label.name, label);
      const names = table ? actionsRun(table) : [];
      if (table && !names.includes(label.name)) {
        ctx.error(
          "E0605",
          label.span,
          `${q(label.name)} is not an action of table ${q(table.name.name)}`,
          names.length > 0 ? `its actions are ${names.join(", ")}` : "the table has no actions",
        );
      }
    }
    if (c.isDefault) {
      if (firstDefault) ctx.error("E0606", c.span, "this switch already has a default case", undefined, ctx.firstDeclared(firstDefault.span, "first default here"));
      else firstDefault = c;
    }
    checkBlock(ctx, c.body);
  }
}

/** The actions a table can run: its list, and the implicit NoAction when it has no default_action. */
function actionsRun(t: ast.TableDecl): string[] {
  const names = t.actions.map((a) => a.name);
  return t.defaultAction || names.includes(NO_ACTION) ? names : [...names, NO_ACTION];
}

/** The table of `switch (t.apply().action)`, or undefined after reporting E0604. */
function switchSubject(ctx: CheckContext, subject: ast.Expr): ast.TableDecl | undefined {
  if (ctx.where === "action") {
    ctx.error("E0607", subject.span, "`switch` on a table is not allowed in an action", "switch in the control that applies the table");
  } else {
    notInParser(ctx, subject.span, "`switch`");
  }
  if (subject.kind === "Member" && subject.member.name === "action" && subject.object.kind === "Call") {
    // Where the switch itself is misplaced, that is the one error: the apply inside is checked silently.
    const call = subject.object;
    const r = ctx.within(ctx.where === "control" ? "control" : "global", () => checkCall(ctx, call));
    if (r.k === "applied") return r.table;
    if (r.k === "bad") return undefined;
  } else if (!isUntyped(subject)) {
    checkLoose(ctx, [subject]);
  }
  ctx.error("E0604", subject.span, "a switch must be on the action a table ran: switch (t.apply().action)", "use if/else to branch on values");
  return undefined;
}

// ------------------------------------------------------------ deparser

/** The deparser: only `emit(h)` of header instances and whole stacks, in order. */
export function checkDeparser(ctx: CheckContext, d: ast.DeparserDecl): void {
  ctx.within("deparser", () => {
    for (const s of d.body) {
      const call = s.kind === "CallStmt" ? s.call : undefined;
      if (!call || call.callee.kind !== "Name" || call.callee.name.name !== "emit") {
        ctx.error("E0705", s.span, "the deparser may contain only emit(h) statements", "compute values in a control; the deparser only writes headers out");
        continue;
      }
      const entry = ctx.lookup("emit");
      if (entry) ctx.symbols.set(call.callee, entry.symbol);
      if (call.args.length !== 1) {
        ctx.error("E0320", call.span, `\`emit\` takes 1 argument, but ${call.args.length} are given`);
        continue;
      }
      emitArg(ctx, call.args[0]!);
    }
  });
}

function emitArg(ctx: CheckContext, e: ast.Expr): void {
  const r = resolve(ctx, e);
  if (r.k === "bad" || r.k === "stack" || (r.k === "header" && r.index === undefined)) return;
  if (r.k === "header") {
    ctx.error("E0706", e.span, `emit writes a whole header stack, not one element`, `emit(${exprText(e).replace(/\[.*\]$/, "")}) writes every valid element in order`);
  } else {
    ctx.error("E0706", e.span, `emit needs a header instance or a header stack, and ${q(exprText(e))} is not one`);
  }
}
