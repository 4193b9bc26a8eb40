// The parser as parser-TCAM states and entries.
//
// Each IR state becomes a parser state with its operations (extracts into PHV
// containers, advances, verifies, metadata sets) and the select key; each
// select case becomes TCAM entries matching (state, key value/mask), in
// priority order. A range pattern is expanded into aligned prefixes, as a
// TCAM needs; a tuple of patterns is the cross product of the expansions. No
// default case: a last entry matching anything that stops with NoMatch. The
// entry count is checked against the profile's parser TCAM.

import * as ir from "../../compiler/ir.js";
import type { DiagnosticBag } from "../../lang/diagnostics.js";
import { hexOf, type CExpr, type CSlice, type ParserConfig, type ParserOp, type ParserStateDef, type ParserTcamEntry } from "./config.js";
import { convert } from "./cexpr.js";
import type { PhvAllocation } from "./phv.js";
import type { Profile } from "./profile.js";
import { locName, locOf, validLoc } from "./symbolic.js";

/** [lo, hi] as value/mask pairs of aligned blocks. */
export function rangeToTernary(lo: bigint, hi: bigint, width: number): { value: bigint; mask: bigint }[] {
  const out: { value: bigint; mask: bigint }[] = [];
  const full = ir.mask(width);
  let at = lo;
  while (at <= hi) {
    let size = 1n;
    while ((at & (size * 2n - 1n)) === 0n && at + size * 2n - 1n <= hi && size * 2n <= full + 1n) size *= 2n;
    out.push({ value: at, mask: full & ~(size - 1n) });
    at += size;
  }
  return out;
}

function patternTernary(p: ir.KeysetPattern, width: number): { value: bigint; mask: bigint }[] {
  switch (p.kind) {
    case "value":
      return [{ value: p.value, mask: ir.mask(width) }];
    case "mask":
      return [{ value: p.value & p.mask, mask: p.mask }];
    case "range":
      return rangeToTernary(p.lo, p.hi, width);
    case "any":
      return [{ value: 0n, mask: 0n }];
  }
}

export function lowerParser(program: ir.Program, phv: PhvAllocation, profile: Profile, diags: DiagnosticBag): ParserConfig {
  const slices = phv.slices;
  const dst = (name: string): readonly CSlice[] => slices.get(name)!;
  const ids = new Map(program.parser.states.map((s, i) => [s.name, i]));
  const states: ParserStateDef[] = [];
  const tcam: ParserTcamEntry[] = [];
  const noMatch = ir.BUILTIN_ERRORS.indexOf("NoMatch");
  for (const st of program.parser.states) {
    const ops: ParserOp[] = st.body.map((b): ParserOp => {
      switch (b.kind) {
        case "Extract": {
          const inst = program.headers.find((h) => h.name === b.ref.header)!;
          const type = program.headerTypes.find((t) => t.name === inst.type)!;
          const index = b.ref.index as number | undefined;
          return {
            op: "extract",
            header: index === undefined ? b.ref.header : `${b.ref.header}[${index}]`,
            bits: type.widthBits,
            fields: type.fields.map((f) => ({ offset: f.offset, width: f.width, dst: dst(locName({ kind: "field", header: b.ref.header, index, field: f.name })) })),
            valid: dst(locName(validLoc(b.ref)))[0]!,
          };
        }
        case "Advance":
          return { op: "advance", bytes: convert(b.bytes, { slices }) };
        case "Verify":
          return { op: "verify", cond: convert(b.cond, { slices }), error: b.error };
        case "Assign": {
          const name = locName(locOf(b.target.loc)!);
          let value: ir.Expr = b.value;
          if (b.target.slice) {
            // A slice assignment rewrites the whole field: the other bits are kept.
            const width = dst(name).reduce((n, s) => n + s[2], 0);
            const cur: ir.Expr = { kind: "Read", type: ir.bit(width), loc: b.target.loc, span: b.span };
            const { hi, lo } = b.target.slice;
            if (hi < width - 1) value = { kind: "Concat", type: ir.bit(width - lo), left: { kind: "Slice", type: ir.bit(width - hi - 1), expr: cur, hi: width - 1, lo: hi + 1, span: b.span }, right: value, span: b.span };
            if (lo > 0) value = { kind: "Concat", type: ir.bit(width), left: value, right: { kind: "Slice", type: ir.bit(lo), expr: cur, hi: lo - 1, lo: 0, span: b.span }, span: b.span };
          }
          return { op: "set", dst: dst(name), value: convert(value, { slices }) };
        }
      }
    });
    const id = ids.get(st.name)!;
    const t = st.transition;
    if (t.kind === "Goto") {
      states.push({ name: st.name, id, ops });
      tcam.push({ state: id, value: "0x0", mask: "0x0", next: t.target });
      continue;
    }
    const keys = t.keys.map((k) => convert(k, { slices }));
    const key = keys.slice(1).reduce((a: CExpr, b): CExpr => ({ op: "concat", a, b, w: a.w + b.w }), keys[0]!);
    states.push({ name: st.name, id, ops, key });
    for (const c of t.cases) {
      let combos: { value: bigint; mask: bigint }[] = [{ value: 0n, mask: 0n }];
      c.patterns.forEach((p, i) => {
        const w = keys[i]!.w;
        const parts = patternTernary(p, w);
        combos = combos.flatMap((x) => parts.map((y) => ({ value: (x.value << BigInt(w)) | y.value, mask: (x.mask << BigInt(w)) | y.mask })));
      });
      for (const x of combos) tcam.push({ state: id, value: hexOf(x.value), mask: hexOf(x.mask), next: c.target });
    }
    if (t.default !== undefined) tcam.push({ state: id, value: "0x0", mask: "0x0", next: t.default });
    else tcam.push({ state: id, value: "0x0", mask: "0x0", next: ir.REJECT, error: noMatch });
  }
  const limit = profile.parser_tcam_entries;
  if (limit !== undefined && tcam.length > limit) {
    diags.error("E0805", program.parser.span, `target rmt (${profile.profile}): the parser needs ${tcam.length} parser TCAM entries; the chip has ${limit}`, "use fewer select cases or ranges (each range expands into prefixes)");
  }
  const std = (field: ir.StdField): readonly CSlice[] => dst(`std.${field}`);
  return {
    states,
    tcam,
    intrinsic: { ingress_port: std("ingress_port"), packet_length: std("packet_length"), timestamp: std("timestamp"), parser_error: std("parser_error") },
    errors: program.errors,
  };
}
