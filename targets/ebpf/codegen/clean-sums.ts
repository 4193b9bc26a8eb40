// Checksums of a header over the bytes nothing writes, summed once by the
// parser. `checksum16({h})` (an IPv4 header checksum, verified and then
// recomputed) adds every field of h; the fields no statement ever writes keep
// the bytes they were extracted from, so the ones' complement sum of the
// 16-bit words holding only such fields can be taken straight from the packet
// at extract — a few wide loads — and kept in one word of h (its "clean sum").
// Each checksum of h then adds that word and only the other fields. The word
// is one of h's words, so it is zeroed, cleared by setInvalid and zero after
// setValid exactly as the fields are, and a header made valid without an
// extract has zero unwritten fields, whose sum is zero.

import type * as ir from "../../../compiler/ir.js";
import { forEachExpr } from "../../../compiler/visit.js";
import { writtenFields } from "./placement.js";

export interface CleanSum {
  /** Indices of h's 16-bit words summed at extract. */
  readonly words: readonly number[];
  /** The fields lying wholly in those words (a checksum of h adds the others itself). */
  readonly fields: ReadonlySet<string>;
}

/** Words fewer than this are not worth a word of scratch and a fold in the parser. */
const MIN_WORDS = 4;

/** The header (a whole header, not a stack element) whose fields, in order, are exactly the checksum's inputs. */
export function checksummedHeader(program: ir.Program, e: ir.Checksum16Expr): string | undefined {
  const first = e.inputs[0];
  if (!first || first.kind !== "Read" || first.loc.kind !== "field" || first.loc.ref.index !== undefined) return undefined;
  const name = first.loc.ref.header;
  const h = program.headers.find((x) => x.name === name)!;
  if (h.stackSize !== undefined) return undefined;
  const type = program.headerTypes.find((t) => t.name === h.type)!;
  const exact =
    e.inputs.length === type.fields.length &&
    e.inputs.every((x, i) => x.kind === "Read" && x.loc.kind === "field" && x.loc.ref.header === name && x.loc.ref.index === undefined && x.loc.field === type.fields[i]!.name);
  return exact && type.widthBits % 16 === 0 ? name : undefined;
}

/** Header → its clean sum, for every header a checksum16 covers whole and that has enough unwritten words. */
export function cleanSums(program: ir.Program): Map<string, CleanSum> {
  const covered = new Set<string>();
  forEachExpr(program, (e) => {
    if (e.kind !== "Checksum16") return;
    const h = checksummedHeader(program, e);
    if (h !== undefined) covered.add(h);
  });
  const written = writtenFields(program);
  const sums = new Map<string, CleanSum>();
  for (const name of covered) {
    const h = program.headers.find((x) => x.name === name)!;
    const type = program.headerTypes.find((t) => t.name === h.type)!;
    const words = type.widthBits / 16;
    const wordsOf = (f: ir.HeaderField): number[] => {
      const out: number[] = [];
      for (let w = Math.floor(f.offset / 16); w * 16 < f.offset + f.width; w++) out.push(w);
      return out;
    };
    // a word is clean when every field touching it is unwritten and touches only clean words
    const dirty = new Set<number>();
    for (const f of type.fields) if (written.get(name)?.has(f.name)) for (const w of wordsOf(f)) dirty.add(w);
    for (let changed = true; changed; ) {
      changed = false;
      for (const f of type.fields) {
        const ws = wordsOf(f);
        if (ws.some((w) => dirty.has(w)) && ws.some((w) => !dirty.has(w))) {
          ws.forEach((w) => dirty.add(w));
          changed = true;
        }
      }
    }
    const clean = Array.from({ length: words }, (_, w) => w).filter((w) => !dirty.has(w));
    if (clean.length < MIN_WORDS) continue;
    sums.set(name, { words: clean, fields: new Set(type.fields.filter((f) => wordsOf(f).every((w) => !dirty.has(w))).map((f) => f.name)) });
  }
  return sums;
}
