// Lowering of tables: keys, actions, default action, size and const entries.
//
// Decisions (the runtime and the targets rely on them):
//   - Table.actions is the `actions { … }` list in source order, followed by
//     the default action when it is not in that list. A table without
//     `default_action` gets `NoAction()` (not const), so NoAction is then the
//     last element: ApplyTable's actionLocal always names a listed action,
//     and the control plane may also use NoAction in entries and setdefault,
//     as in P4. lower.ts adds an empty-bodied `NoAction` to Program.actions
//     whenever a table lists it and the program declares none.
//   - Without `size`, a table holds DEFAULT_TABLE_SIZE entries (as BMv2).
//   - Key names are the key expressions as written, without white space:
//     `ip.dst`, `meta.vrf`, `vlan[0].vid`, `ip.dst[31:24]` (literals keep
//     their spelling); the control plane and .stf files name keys this way.
//   - Const entries get priorities from their order: entry i of n has
//     priority n - i, so an earlier entry wins. Run-time entries added beside
//     them use their own priorities.

import type * as ast from "../lang/ast.js";
import * as ir from "./ir.js";
import { type Lowerer, LoweringError, newFrame } from "./lower-context.js";
import { lowerPureExpr } from "./lower-expr.js";
import { keyMatch } from "./lower-patterns.js";

export const DEFAULT_TABLE_SIZE = 1024;

/** The action names of a table, in the order ApplyTable's actionLocal indexes them. */
export function tableActionNames(t: ast.TableDecl): string[] {
  const names = t.actions.map((a) => a.name);
  const def = t.defaultAction?.call.action.name ?? ir.NO_ACTION;
  return names.includes(def) ? names : [...names, def];
}

export function lowerTable(lw: Lowerer, t: ast.TableDecl): ir.Table {
  const keys = t.keys.map((k): ir.TableKey => {
    const expr = lowerPureExpr(lw, newFrame(), k.expr, "a table key");
    return { name: keyName(k.expr), expr, matchKind: k.matchKind, width: ir.widthOf(expr.type), span: k.span };
  });
  const entries = (t.entries ?? []).map((entry, i, all): ir.ConstEntry => {
    if (entry.keys.length !== keys.length) {
      throw new LoweringError(`entry has ${entry.keys.length} key values for ${keys.length} keys`, entry.span);
    }
    return {
      keys: entry.keys.map((p, j) => keyMatch(lw, p, keys[j]!.matchKind, keys[j]!.width)),
      action: actionInvocation(lw, entry.action),
      priority: all.length - i,
      span: entry.span,
    };
  });
  return {
    name: t.name.name,
    keys,
    actions: tableActionNames(t),
    defaultAction: t.defaultAction ? actionInvocation(lw, t.defaultAction.call) : { action: ir.NO_ACTION, args: [] },
    defaultIsConst: t.defaultAction?.isConst ?? false,
    size: t.size ? lw.constNumber(t.size) : DEFAULT_TABLE_SIZE,
    counters: t.counters,
    entries,
    span: t.span,
  };
}

/** `a(1, 2)` with constant arguments, each fitted to its parameter's width. */
function actionInvocation(lw: Lowerer, call: ast.ActionCall): ir.ActionInvocation {
  const name = call.action.name;
  if (name === ir.NO_ACTION && !lw.actions.has(name)) return { action: name, args: [] };
  const params = lw.action(name, call.action.span).params;
  if (params.length !== call.args.length) {
    throw new LoweringError(`action '${name}' takes ${params.length} arguments, given ${call.args.length}`, call.span);
  }
  const args = call.args.map((a, i) => lw.constValue(a) & ir.mask(ir.widthOf(lw.declaredType(params[i]!))));
  return { action: name, args };
}

/** The key as written, without white space: `ip.dst`, `vlan[0].vid`, `ip.dst[31:24]`. */
export function keyName(e: ast.Expr): string {
  switch (e.kind) {
    case "Name":
      return e.name.name;
    case "IntLit":
      return e.text;
    case "Member":
      return `${keyName(e.object)}.${e.member.name}`;
    case "Index":
      return `${keyName(e.object)}[${keyName(e.index)}]`;
    case "Slice":
      return `${keyName(e.object)}[${keyName(e.hi)}:${keyName(e.lo)}]`;
    default:
      throw new LoweringError(`a ${e.kind} expression cannot be a table key`, e.span);
  }
}
