// Which header-checksum recomputations can go to a deparser checksum unit.
//
// A Tofino-class deparser computes a header's ones' complement checksum over
// the PHV containers after the last stage, so an update needs no stage and no
// hash unit. The pattern is `h.c = 0; h.c = checksum16({h});` (the whole,
// non-stack header, in field order; c 16 bits), and it may move to the
// deparser only when nothing after it in program order (statements, the keys
// and actions of tables applied later, directly called actions) reads h.c or
// writes any field or the validity of h: then the value the deparser computes
// is the value the program would have emitted.

import * as ir from "../../compiler/ir.js";
import { stmtExprs } from "../../compiler/visit.js";
import { exprReads, locName } from "./symbolic.js";

export interface ChecksumPattern {
  readonly header: string;
  readonly field: string;
}

/** `h.c = 0` at `a` followed by `h.c = checksum16({h})` at `b`: the header and field, else undefined. */
export function checksumPattern(program: ir.Program, a: ir.Stmt, b: ir.Stmt | undefined): ChecksumPattern | undefined {
  if (!b || a.kind !== "Assign" || b.kind !== "Assign") return undefined;
  const t = a.target;
  if (t.slice || t.loc.kind !== "field" || t.loc.ref.index !== undefined) return undefined;
  if (a.value.kind !== "Const" || a.value.value !== 0n) return undefined;
  const { header } = t.loc.ref;
  const field = t.loc.field;
  const u = b.target;
  if (u.slice || u.loc.kind !== "field" || u.loc.ref.header !== header || u.loc.ref.index !== undefined || u.loc.field !== field) return undefined;
  if (b.value.kind !== "Checksum16") return undefined;
  const inst = program.headers.find((h) => h.name === header);
  const type = inst && inst.stackSize === undefined ? program.headerTypes.find((x) => x.name === inst.type) : undefined;
  if (!type || type.fields.find((f) => f.name === field)?.width !== 16) return undefined;
  if (type.fields.reduce((n, f) => n + f.width, 0) % 8 !== 0) return undefined;
  if (!program.deparser.emits.some((e) => e.header === header)) return undefined;
  const inputs = b.value.inputs;
  const whole =
    inputs.length === type.fields.length &&
    inputs.every((e, i) => e.kind === "Read" && e.loc.kind === "field" && e.loc.ref.header === header && e.loc.ref.index === undefined && e.loc.field === type.fields[i]!.name);
  return whole ? { header, field } : undefined;
}

/** Does any statement after `last` in the ingress's program order read `h.c` or write any of h? */
export function touchedAfter(program: ir.Program, last: ir.Stmt, p: ChecksumPattern): boolean {
  const order: ir.Stmt[] = [];
  const flatten = (stmts: readonly ir.Stmt[]): void => {
    for (const s of stmts) {
      order.push(s);
      if (s.kind === "If") {
        flatten(s.then);
        flatten(s.else);
      }
    }
  };
  flatten(program.ingress);
  const at = order.indexOf(last);
  if (at < 0) return true;
  const field = locName({ kind: "field", header: p.header, index: undefined, field: p.field });
  const seen = new Set<string>();
  const touches = (s: ir.Stmt): boolean => {
    if (stmtExprs(s).some((e) => exprReads(e).has(field))) return true;
    switch (s.kind) {
      case "Assign":
        return s.target.loc.kind === "field" && s.target.loc.ref.header === p.header;
      case "SetValidity":
        return s.ref.header === p.header;
      case "StackShift":
        return s.header === p.header;
      case "If":
        return [...s.then, ...s.else].some(touches);
      case "CallAction":
        return bodyTouches(s.action);
      case "ApplyTable": {
        const table = program.tables.find((t) => t.name === s.table);
        if (!table) return true;
        return table.keys.some((k) => exprReads(k.expr).has(field)) || table.actions.some(bodyTouches);
      }
      default:
        return false;
    }
  };
  const bodyTouches = (name: string): boolean => {
    if (seen.has(name)) return false;
    seen.add(name);
    const action = program.actions.find((a) => a.name === name);
    return action !== undefined && action.body.some(touches);
  };
  return order.slice(at + 1).some(touches);
}
