// PHV allocation: every field the pipeline touches gets bits of 8/16/32-bit
// containers, without overlap and within the profile's container counts.
//
// Fields are header fields (per stack element), header validity bits,
// metadata, standard metadata, the verdict and the locals (lowering's
// temporaries included). A field is cut most-significant-bits first into
// whole 32-bit containers, and what remains goes to the smallest container
// class that holds it; remainders share containers first-fit with fields of
// the same packing group (one header instance; all validity bits together),
// as a real allocator packs a header's small fields. Metadata and locals get
// containers of their own. Every field is live through the whole pipeline
// (no container sharing by liveness; docs/rmt.md).

import * as ir from "../../compiler/ir.js";
import type { DiagnosticBag } from "../../lang/diagnostics.js";
import type { CSlice, PhvSlice } from "./config.js";
import { containersOf, type Profile } from "./profile.js";
import { VERDICT, VERDICT_ARG, locName, typeOfLoc, type Loc } from "./symbolic.js";

export interface PhvField {
  readonly name: string;
  readonly width: number;
  /** Fields of one group may share a container. */
  readonly group: string;
}

export interface PhvAllocation {
  /** Field name → its container slices, most significant first. */
  readonly slices: ReadonlyMap<string, readonly CSlice[]>;
  readonly table: readonly PhvSlice[];
}

/** Every PHV field of a (lowered) program. */
export function phvFields(program: ir.Program): PhvField[] {
  const out: PhvField[] = [];
  const add = (l: Loc, group: string): void => {
    out.push({ name: locName(l), width: ir.widthOf(typeOfLoc(program, l)), group });
  };
  for (const h of program.headers) {
    const type = program.headerTypes.find((t) => t.name === h.type)!;
    const indexes = h.stackSize === undefined ? [undefined] : Array.from({ length: h.stackSize }, (_, i) => i);
    for (const index of indexes) {
      for (const f of type.fields) add({ kind: "field", header: h.name, index, field: f.name }, `h:${h.name}[${index ?? ""}]`);
    }
  }
  for (const h of program.headers) {
    const indexes = h.stackSize === undefined ? [undefined] : Array.from({ length: h.stackSize }, (_, i) => i);
    for (const index of indexes) add({ kind: "valid", header: h.name, index }, "valid");
  }
  for (const field of ["ingress_port", "packet_length", "timestamp", "parser_error"] as const) add({ kind: "std", field }, `std.${field}`);
  add({ kind: "meta", field: VERDICT }, "verdict");
  add({ kind: "meta", field: VERDICT_ARG }, VERDICT_ARG);
  for (const m of program.metadata) add({ kind: "meta", field: m.name }, `meta.${m.name}`);
  for (const l of program.locals) add({ kind: "local", id: l.id }, `$local.${l.id}`);
  return out;
}

interface Container {
  readonly name: string;
  readonly width: number;
  used: number; // bits used from the bottom
  group?: string;
}

export function allocatePhv(fields: readonly PhvField[], profile: Profile, diags: DiagnosticBag, span: ir.Program["span"]): PhvAllocation | undefined {
  const free = new Map<number, Container[]>();
  for (const c of containersOf(profile)) {
    if (!free.has(c.width)) free.set(c.width, []);
    free.get(c.width)!.push({ name: c.name, width: c.width, used: 0 });
  }
  const partial: Container[] = [];
  const widths = [...free.keys()].sort((a, b) => a - b);
  const slices = new Map<string, CSlice[]>();
  const table: PhvSlice[] = [];
  let failed = false;

  const place = (f: PhvField, bits: number, fieldLo: number): void => {
    const shared = partial.find((c) => c.group === f.group && c.width - c.used >= bits && c.width <= (widths.find((w) => w >= bits) ?? 32));
    let c = shared;
    if (!c) {
      for (const w of widths.filter((x) => x >= bits)) {
        const pool = free.get(w)!;
        if (pool.length > 0) {
          c = pool.shift()!;
          c.group = f.group;
          partial.push(c);
          break;
        }
      }
    }
    if (!c) {
      failed = true;
      return;
    }
    const lo = c.used;
    c.used += bits;
    slices.get(f.name)!.push([c.name, lo, bits]);
    table.push({ field: f.name, field_lo: fieldLo, field_hi: fieldLo + bits - 1, container: c.name, container_lo: lo, gress: "ingress", live: { from: -1, to: profile.num_stages } });
  };

  for (const f of fields) {
    slices.set(f.name, []);
    let remaining = f.width;
    while (remaining >= 32) {
      place(f, 32, remaining - 32);
      remaining -= 32;
    }
    if (remaining > 0) place(f, remaining, 0);
  }
  if (failed) {
    const bits = fields.reduce((n, f) => n + f.width, 0);
    const capacity = profile.phv.containers.reduce((n, c) => n + c.width * c.count, 0);
    diags.error("E0803", span, `target rmt (${profile.profile}): the PHV is full: ${fields.length} fields of ${bits} bits in all do not fit the ${capacity} bits of containers`, "use fewer or narrower headers and metadata");
    return undefined;
  }
  return { slices, table };
}
