// The control plane's view of a configuration: the tables, actions and
// externs as the IR types runtime/controlplane.ts validates against, rebuilt
// from the configuration alone (names, key kinds and widths, parameters,
// sizes, const entries), so the simulator needs nothing but the config.

import * as ir from "../../../compiler/ir.js";
import type { RmtConfig, TableDef } from "../config.js";

const NOWHERE = { file: "<rmt-config>", start: 0, end: 0, line: 0, col: 0 };

function keyMatch(k: Record<string, string | number | undefined>): ir.KeyMatch {
  switch (k["kind"]) {
    case "exact":
      return { kind: "exact", value: BigInt(k["value"]!) };
    case "lpm":
      return { kind: "lpm", value: BigInt(k["value"]!), prefixLength: Number(k["prefix_length"]) };
    case "ternary":
      return { kind: "ternary", value: BigInt(k["value"]!), mask: BigInt(k["mask"]!) };
    case "range":
      return { kind: "range", lo: BigInt(k["lo"]!), hi: BigInt(k["hi"]!) };
    default:
      return k["value"] === undefined ? { kind: "optional" } : { kind: "optional", value: BigInt(k["value"]) };
  }
}

function tableOf(t: TableDef): ir.Table {
  return {
    name: t.name,
    keys: t.key.map((k) => ({ name: k.name, expr: { kind: "Const", type: ir.bit(k.width), value: 0n, span: NOWHERE }, matchKind: k.match_kind, width: k.width, span: NOWHERE })),
    actions: t.actions.map((a) => a.name),
    defaultAction: { action: t.default_action.name, args: t.default_action.args.map((a) => BigInt(a)) },
    defaultIsConst: t.default_is_const,
    size: t.size,
    counters: t.counters,
    entries: t.const_entries.map((e) => ({ keys: e.keys.map(keyMatch), action: { action: e.action, args: e.args.map((a) => BigInt(a)) }, priority: e.priority, span: NOWHERE })),
    span: NOWHERE,
  };
}

/** The program as the control plane sees it: match tables only, actions by their table's definitions. */
export function controlProgram(config: RmtConfig): ir.Program {
  const matchTables = config.tables.filter((t) => t.kind === "match");
  const actions = new Map<string, ir.Action>();
  for (const t of matchTables) {
    for (const a of t.actions) {
      if (!actions.has(a.name)) actions.set(a.name, { name: a.name, params: a.params.map((p) => ({ name: p.name, type: ir.bit(p.width) })), body: [], span: NOWHERE });
    }
  }
  const x = config.externs;
  return {
    kind: "Program",
    file: config.program.name,
    headerTypes: [],
    headers: [],
    metadata: [],
    errors: config.parser.errors,
    locals: [],
    parser: { states: [], span: NOWHERE },
    actions: [...actions.values()],
    tables: matchTables.map(tableOf),
    counters: x.counters.map((c) => ({ ...c, span: NOWHERE })),
    registers: x.registers.map((r) => ({ ...r, span: NOWHERE })),
    meters: x.meters.map((m) => ({ ...m, span: NOWHERE })),
    digests: x.digests.map((d) => ({ ...d, span: NOWHERE })),
    ingress: [],
    deparser: { emits: [], span: NOWHERE },
    span: NOWHERE,
  };
}
