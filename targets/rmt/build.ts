// The RMT backend's front half: from the IR to unplaced table definitions,
// PHV, parser TCAM, deparser and the dependency graph (everything a placer
// needs), with the diagnostics of what the chip cannot do.

import * as ir from "../../compiler/ir.js";
import { DiagnosticBag } from "../../lang/diagnostics.js";
import type { CSlice, DeparserChecksum, DeparserEntry, Dependency, ExternDecls, ParserConfig, TableDef } from "./config.js";
import { lowerControl } from "./control.js";
import { dependencies } from "./deps.js";
import { lowerParser } from "./parser.js";
import { allocatePhv, phvFields, type PhvAllocation } from "./phv.js";
import type { Profile } from "./profile.js";
import { demandOf, type Demand } from "./resources.js";
import { VERDICT, VERDICT_ARG, locName, validLoc } from "./symbolic.js";
import { TableBuilder, checkStatefulUse } from "./tables.js";

export interface Lowered {
  readonly program: ir.Program;
  readonly phv: PhvAllocation;
  readonly parser: ParserConfig;
  readonly tables: readonly TableDef[];
  readonly deps: readonly Dependency[];
  readonly demands: ReadonlyMap<string, Demand>;
  readonly deparser: readonly DeparserEntry[];
  readonly deparserChecksums: readonly DeparserChecksum[];
  readonly externs: ExternDecls;
  readonly intrinsicOut: { readonly verdict: readonly CSlice[]; readonly verdict_arg: readonly CSlice[] };
}

function deparserOf(program: ir.Program, phv: PhvAllocation): DeparserEntry[] {
  return program.deparser.emits.flatMap(({ header }) => {
    const inst = program.headers.find((h) => h.name === header)!;
    const type = program.headerTypes.find((t) => t.name === inst.type)!;
    const indexes = inst.stackSize === undefined ? [undefined] : Array.from({ length: inst.stackSize }, (_, i) => i);
    return indexes.map((index) => ({
      header: index === undefined ? header : `${header}[${index}]`,
      valid: phv.slices.get(locName(validLoc({ header, ...(index !== undefined ? { index } : {}) })))![0]!,
      fields: type.fields.map((f) => ({ width: f.width, src: phv.slices.get(locName({ kind: "field", header, index, field: f.name }))! })),
    }));
  });
}

export function externsOf(program: ir.Program): ExternDecls {
  return {
    counters: program.counters.map((c) => ({ name: c.name, size: c.size })),
    registers: program.registers.map((r) => ({ name: r.name, size: r.size, width: r.width })),
    meters: program.meters.map((m) => ({ name: m.name, size: m.size })),
    digests: program.digests.map((d) => ({ name: d.name, fields: d.fields.map((f) => ({ name: f.name, width: f.width })) })),
  };
}

export function lowerForRmt(source: ir.Program, profile: Profile, diags: DiagnosticBag): Lowered | undefined {
  const { units, checksums, program } = lowerControl(source, diags, profile.deparser_checksum_units ?? 0);
  checkStatefulUse(units, diags);
  const phv = allocatePhv(phvFields(program), profile, diags, program.span);
  if (!phv) return undefined;
  const parser = lowerParser(program, phv, profile, diags);
  const builder = new TableBuilder(program, phv, diags);
  const tables = units.map((u) => builder.build(u));
  if (diags.hasErrors) return undefined;
  const deps = dependencies(tables, phv.table);
  const registerSizes = new Map(program.registers.map((r) => [r.name, { size: r.size, width: r.width }]));
  const demands = new Map(tables.map((t) => [t.name, demandOf(t, profile, registerSizes)]));
  return {
    program,
    phv,
    parser,
    tables,
    deps,
    demands,
    deparser: deparserOf(program, phv),
    deparserChecksums: checksums.map((c) => {
      const type = program.headerTypes.find((t) => t.name === program.headers.find((h) => h.name === c.header)!.type)!;
      return { header: c.header, fields: type.fields.map((f) => `${c.header}.${f.name}`), dest: `${c.header}.${c.field}`, predicate: c.pred, source: `${c.span.file}:${c.span.line}` };
    }),
    externs: externsOf(program),
    intrinsicOut: { verdict: phv.slices.get(VERDICT)!, verdict_arg: phv.slices.get(VERDICT_ARG)! },
  };
}


