// Tables: keys, actions, default_action, size and const entries.
//
// A key is a header field, a metadata field, a std field, or a slice of one
// (E0501), never a computed expression; at most one key is lpm (E0502). The
// actions list names actions (E0504); default_action and every entry use an
// action from that list (E0505), as P4 requires, with constant arguments of
// the parameters' types. `NoAction` (a no-op) may be listed without being
// declared. Entries give one pattern per key, in a form the key's match kind
// allows, and no two entries match the same packets (E0510).

import type * as ast from "./ast.js";
import { NO_ACTION } from "../compiler/ir.js";
import type { CheckContext } from "./check-context.js";
import { didYouMean } from "./check-context.js";
import { checkActionArgs } from "./check-calls.js";
import { constantOf } from "./check-const.js";
import { checkLoose, isUntyped, sliceType } from "./check-expr.js";
import { kindName, resolve } from "./check-refs.js";
import { checkPattern } from "./check-patterns.js";
import { BAD, MAX_SIZE, type Ty, isBad, plural, q } from "./check-types.js";
import { exprText } from "./check-text.js";

export function checkTable(ctx: CheckContext, t: ast.TableDecl): void {
  ctx.within("global", () => {
    const keyTypes = t.keys.map((k) => checkKey(ctx, k));
    checkLpmCount(ctx, t);
    checkActionsList(ctx, t);
    if (t.defaultAction) tableAction(ctx, t, t.defaultAction.call, "default_action");
    const size = t.size ? tableSize(ctx, t.size) : undefined;
    if (t.entries) checkEntries(ctx, t, t.entries, keyTypes, size);
  });
}

// ------------------------------------------------------------ keys

function checkKey(ctx: CheckContext, k: ast.KeyElement): Ty {
  const t = keyLocation(ctx, k.expr);
  if (isBad(t)) return BAD;
  if (t.kind === "error") {
    ctx.error("E0503", k.expr.span, `${q(exprText(k.expr))} is an error value, which a table cannot match`, "test it with if in a control, e.g. std.parser_error == error.NoError");
    return BAD;
  }
  if (t.kind === "bool" && k.matchKind !== "exact" && k.matchKind !== "optional") {
    ctx.error("E0503", k.span, `a bool key can only be exact or optional, not ${k.matchKind}`, `write ${exprText(k.expr)}: exact;`);
    return BAD;
  }
  return t;
}

/** The type of a key that is a field, metadata, std field or slice of one; E0501 otherwise. */
function keyLocation(ctx: CheckContext, e: ast.Expr): Ty {
  if (e.kind === "Slice" && e.object.kind !== "Slice") return sliceType(ctx, e, keyLocation(ctx, e.object));
  if (e.kind === "Name" || e.kind === "Member" || e.kind === "Index") {
    const r = resolve(ctx, e);
    if (r.k === "bad" || (r.k === "value" && isBad(r.type))) return BAD;
    if (r.k === "value" && (r.loc === "field" || r.loc === "meta" || r.loc === "std")) return r.type;
  } else if (!isUntyped(e)) {
    checkLoose(ctx, [e]);
  }
  ctx.error(
    "E0501",
    e.span,
    `a table key must be a header field, a metadata field, a std field or a slice of one, and ${q(exprText(e))} is not`,
    "compute the value into a metadata field before applying the table, and match on that",
  );
  return BAD;
}

function checkLpmCount(ctx: CheckContext, t: ast.TableDecl): void {
  const lpm = t.keys.filter((k) => k.matchKind === "lpm");
  for (const extra of lpm.slice(1)) {
    ctx.error("E0502", extra.span, `table ${q(t.name.name)} has more than one lpm key`, "make the others ternary", ctx.firstDeclared(lpm[0]!.span, "first lpm key"));
  }
}

// ------------------------------------------------------------ actions

/**
 * At most MAX_TABLE_ACTIONS actions, the implicit NoAction default included:
 * the IR records which action ran in a bit<8> (as `switch` needs), and
 * switch chips bound a table's actions too.
 */
export const MAX_TABLE_ACTIONS = 256;

function checkActionsList(ctx: CheckContext, t: ast.TableDecl): void {
  const seen = new Map<string, ast.Ident>();
  for (const a of t.actions) {
    const earlier = seen.get(a.name);
    if (earlier) ctx.duplicate(a, earlier.span, "action in the actions list");
    else seen.set(a.name, a);
    actionNamed(ctx, a);
  }
  const count = seen.size + (t.defaultAction ? 0 : 1);
  if (count > MAX_TABLE_ACTIONS) {
    ctx.error(
      "E0512",
      t.actions[MAX_TABLE_ACTIONS - (t.defaultAction ? 0 : 1)]!.span,
      `table ${q(t.name.name)} has ${count} actions${t.defaultAction ? "" : " (with the implicit NoAction default)"}; a table may have at most ${MAX_TABLE_ACTIONS}`,
      "split the table, or give its actions parameters instead of writing one action per value",
    );
  }
}

/** The action an identifier names; undefined for the implicit NoAction, null after E0504. */
function actionNamed(ctx: CheckContext, id: ast.Ident): ast.ActionDecl | undefined | null {
  const entry = ctx.globals.get(id.name);
  if (!entry && id.name === NO_ACTION) return undefined;
  const symbol = entry && "symbol" in entry ? entry.symbol : undefined;
  if (symbol?.kind === "action") return symbol.decl;
  const actions = [...ctx.globals.entries()].filter(([, e]) => "symbol" in e && e.symbol.kind === "action").map(([n]) => n);
  ctx.error(
    "E0504",
    id.span,
    entry ? `${q(id.name)} is ${symbol ? kindName(symbol) : "a const"}, not an action` : `unknown action ${q(id.name)}`,
    didYouMean(id.name, actions, entry ? undefined : "declare it: action " + id.name + "() { … }"),
  );
  return null;
}

/** default_action or an entry's action: listed in the table, with constant arguments. */
function tableAction(ctx: CheckContext, t: ast.TableDecl, call: ast.ActionCall, what: string): void {
  const decl = actionNamed(ctx, call.action);
  if (decl === null) {
    checkLoose(ctx, call.args);
    return;
  }
  if (!t.actions.some((a) => a.name === call.action.name)) {
    ctx.error(
      "E0505",
      call.action.span,
      `${what} ${q(call.action.name)} is not in the actions of table ${q(t.name.name)}`,
      `add it to the list: actions { ${[...t.actions.map((a) => a.name), call.action.name].join("; ")}; }`,
    );
  }
  if (decl) checkActionArgs(ctx, call.span, decl, call.args, true);
  else if (call.args.length > 0) {
    ctx.error("E0320", call.span, `${NO_ACTION} takes no arguments, but ${call.args.length} are given`);
  }
}

function tableSize(ctx: CheckContext, e: ast.Expr): number | undefined {
  const n = constantOf(ctx, e, "a table size");
  if (n === undefined) return undefined;
  if (n < 1n || n > MAX_SIZE) {
    ctx.error("E0506", e.span, `a table size must be from 1 to ${MAX_SIZE}, not ${n}`);
    return undefined;
  }
  return Number(n);
}

// ------------------------------------------------------------ entries

function checkEntries(ctx: CheckContext, t: ast.TableDecl, entries: readonly ast.EntryDecl[], keyTypes: readonly Ty[], size: number | undefined): void {
  const seen = new Map<string, ast.EntryDecl>();
  entries.forEach((entry, i) => {
    if (size !== undefined && i === size) {
      ctx.error("E0511", entry.span, `table ${q(t.name.name)} has size ${size}, and this is const entry ${i + 1}`, `raise its size to at least ${entries.length}`);
    }
    tableAction(ctx, t, entry.action, "the entry's action");
    if (entry.keys.length !== t.keys.length) {
      ctx.error(
        "E0507",
        entry.span,
        `table ${q(t.name.name)} has ${plural(t.keys.length, "key")}, but this entry gives ${plural(entry.keys.length, "value")}`,
        `write one value per key, in key order: ${t.keys.map((k) => exprText(k.expr)).join(", ") || "(no keys)"}`,
      );
      return;
    }
    const forms = entry.keys.map((p, j) => checkPattern(ctx, p, keyTypes[j]!, t.keys[j]!.matchKind));
    if (forms.some((f) => f === undefined)) return;
    const canonical = forms.join(",");
    const earlier = seen.get(canonical);
    if (earlier) {
      ctx.error("E0510", entry.span, `this entry matches the same keys as an earlier one`, "remove one of them", ctx.firstDeclared(earlier.span, "the earlier entry"));
    } else {
      seen.set(canonical, entry);
    }
  });
}
