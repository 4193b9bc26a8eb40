// Units (control.ts) to the configuration's table definitions, on an
// allocated PHV: keys and gateway conditions as container reads, actions as
// per-container VLIW instructions with action-data layouts, extern
// operations, predicates, const entries. Placement is added later.

import * as ir from "../../compiler/ir.js";
import type { DiagnosticBag } from "../../lang/diagnostics.js";
import { hexOf, type ActionDef, type CExpr, type ConstEntryDef, type ExternOp, type FieldRef, type Instruction, type TableDef } from "./config.js";
import { convert, type ConvertContext } from "./cexpr.js";
import type { Unit, UnitAction } from "./control.js";
import type { PhvAllocation } from "./phv.js";
import { locName, locOf, typeOfLoc } from "./symbolic.js";

function matchKindOf(table: ir.Table): TableDef["match_kind"] {
  const kinds = table.keys.map((k) => k.matchKind);
  if (kinds.length === 0) return "keyless";
  if (kinds.includes("range")) return "range";
  if (kinds.some((k) => k === "ternary" || k === "optional")) return "ternary";
  if (kinds.includes("lpm")) return "lpm";
  return "exact";
}

const fieldRef = (name: string, width: number): FieldRef => ({ field: name, lo: 0, hi: width - 1 });

function keyMatchJson(m: ir.KeyMatch): Record<string, string | number | undefined> {
  switch (m.kind) {
    case "exact":
      return { kind: "exact", value: hexOf(m.value) };
    case "lpm":
      return { kind: "lpm", value: hexOf(m.value), prefix_length: m.prefixLength };
    case "ternary":
      return { kind: "ternary", value: hexOf(m.value), mask: hexOf(m.mask) };
    case "range":
      return { kind: "range", lo: hexOf(m.lo), hi: hexOf(m.hi) };
    case "optional":
      return { kind: "optional", value: m.value === undefined ? undefined : hexOf(m.value) };
  }
}

export function constEntries(table: ir.Table): ConstEntryDef[] {
  return table.entries.map((e) => ({ keys: e.keys.map(keyMatchJson), action: e.action.action, args: e.action.args.map(hexOf), priority: e.priority }));
}

export class TableBuilder {
  constructor(
    private readonly program: ir.Program,
    private readonly phv: PhvAllocation,
    private readonly diags: DiagnosticBag,
  ) {}

  private ctx(where: string, params?: ConvertContext["params"]): ConvertContext {
    return { slices: this.phv.slices, ...(params ? { params } : {}), alu: { diags: this.diags, where } };
  }

  /** One destination field's new value as instructions, one per container slice. */
  private instructions(field: string, src: CExpr, out: Instruction[]): void {
    const slices = this.phv.slices.get(field)!;
    let hi = src.w;
    for (const s of slices) {
      const lo = hi - s[2];
      const part: CExpr = lo === 0 && s[2] === src.w ? src : { op: "slice", a: src, lo, w: s[2] };
      out.push({ dst: s, src: part, text: slices.length === 1 ? field : `${field}[${hi - 1}:${lo}]` });
      hi = lo;
    }
  }

  private action(a: UnitAction, where: string, extra: (out: Instruction[], index: number) => void, index: number): ActionDef {
    let offset = 0;
    const params = a.params.map((p) => {
      const width = ir.widthOf(p.type);
      const entry = { name: p.name, offset, width };
      offset += width;
      return entry;
    });
    const ctx = this.ctx(where, params);
    const instructions: Instruction[] = [];
    for (const [name, v] of a.state.values) {
      // A location "written" with its own value (a merge that changed nothing) needs no instruction.
      if (v.expr.kind === "Read" && v.expr.loc.kind !== "param" && locName(locOf(v.expr.loc)!) === name) continue;
      this.instructions(name, convert(v.expr, { ...ctx, alu: { diags: this.diags, where: `${where}, writing ${name} (line ${v.span.line})` } }), instructions);
    }
    const externs: ExternOp[] = [];
    for (const x of a.state.externs) {
      switch (x.op) {
        case "count":
          externs.push({ op: "count", counter: x.counter, idx: convert(x.idx, ctx) });
          break;
        case "reg_write":
          externs.push({ op: "reg_write", reg: x.reg, idx: convert(x.idx, ctx), value: convert(x.value, ctx) });
          break;
        case "digest":
          externs.push({ op: "digest", digest: x.digest, values: x.values.map((v) => convert(v, ctx)) });
          break;
        case "meter":
          this.instructions(locName(x.dst), { op: "meter", meter: x.meter, idx: convert(x.idx, ctx), w: 2 }, instructions);
          break;
      }
    }
    extra(instructions, index);
    return { name: a.name, action_data_bits: offset, params, instructions, externs };
  }

  private accessLists(u: Unit): { reads: FieldRef[]; writes: FieldRef[] } {
    const width = (name: string): number => this.phv.slices.get(name)?.reduce((n, s) => n + s[2], 0) ?? 1;
    const reads = new Set<string>();
    const writes = new Set<string>();
    for (const a of u.actions) {
      for (const r of a.state.reads) if (!r.startsWith("$reg.")) reads.add(r);
      for (const w of a.state.values.keys()) writes.add(w);
      for (const x of a.state.externs) if (x.op === "meter") writes.add(locName(x.dst));
    }
    for (const l of [...u.hitLocals, ...u.actionLocals]) writes.add(locName(l));
    return { reads: [...reads].sort().map((r) => fieldRef(r, width(r))), writes: [...writes].sort().map((w) => fieldRef(w, width(w))) };
  }

  build(u: Unit): TableDef {
    const source = `${u.span.file}:${u.span.line}`;
    const sites = u.sites?.map((x) => ({ order: x.order, predicate: x.pred, source: `${x.span.file}:${x.span.line}` }));
    const common = { name: u.name, kind: u.kind, source, order: u.order, predicate: u.pred, ...(sites ? { sites } : {}), ...this.accessLists(u), placement: [] };
    if (u.kind === "gateway") {
      const condition = convert(u.cond!, { slices: this.phv.slices });
      return { ...common, match_kind: "keyless", key: [], size: 0, actions: [], default_action: { name: "", args: [] }, default_is_const: true, const_entries: [], counters: false, condition };
    }
    if (u.kind === "action") {
      const action = this.action(u.actions[0]!, `statements at line ${u.span.line}`, () => {}, 0);
      return { ...common, match_kind: "keyless", key: [], size: 0, actions: [action], default_action: { name: action.name, args: [] }, default_is_const: true, const_entries: [], counters: false };
    }
    const table = u.table!;
    const extra = (out: Instruction[], index: number): void => {
      for (const l of u.hitLocals) this.instructions(locName(l), { hit: true, w: 1 }, out);
      for (const l of u.actionLocals) this.instructions(locName(l), { k: hexOf(BigInt(index)), w: ir.widthOf(typeOfLoc(this.program, l)) }, out);
    };
    const actions = u.actions.map((a, i) => this.action(a, `action ${a.name} of table ${table.name}`, extra, i));
    const key = table.keys.map((k) => ({ name: k.name, match_kind: k.matchKind, width: k.width, value: convert(k.expr, { slices: this.phv.slices }) }));
    return {
      ...common,
      match_kind: matchKindOf(table),
      key,
      size: table.size,
      actions,
      default_action: { name: table.defaultAction.action, args: table.defaultAction.args.map(hexOf) },
      default_is_const: table.defaultIsConst,
      const_entries: constEntries(table),
      counters: table.counters,
    };
  }
}

/** Registers and meters live in one stage's stateful ALU: every access must come from one table. */
export function checkStatefulUse(units: readonly Unit[], diags: DiagnosticBag): void {
  const users = new Map<string, { unit: Unit; span: ir.Stmt["span"] }[]>();
  for (const u of units) {
    for (const a of u.actions) {
      const seen = new Set<string>();
      for (const x of a.state.externs) if (x.op === "reg_write" || x.op === "meter") seen.add(x.op === "meter" ? `meter ${x.meter}` : `register ${x.reg}`);
      for (const r of a.state.reads) if (r.startsWith("$reg.")) seen.add(`register ${r.slice(5)}`);
      for (const s of seen) {
        if (!users.has(s)) users.set(s, []);
        const list = users.get(s)!;
        if (!list.some((x) => x.unit === u)) list.push({ unit: u, span: u.span });
      }
    }
  }
  for (const [what, list] of users) {
    if (list.length > 1) {
      diags.error(
        "E0804",
        list[1]!.span,
        `target rmt: ${what} is used at line ${list[0]!.span.line} and again at line ${list[1]!.span.line}, in different stages; an RMT ${what.split(" ")[0]} lives in one stage's stateful ALU, which each packet can use once`,
        "read, test and update it in one statement or one action (a read-modify-write)",
        list.slice(0, 1).map((x) => ({ span: x.span, message: "first use" })),
      );
    }
  }
}
