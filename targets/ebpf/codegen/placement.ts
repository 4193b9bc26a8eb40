// Which bytes of each emitted header the deparser must write, decided from
// the program alone. The parser never writes the packet, so a header emitted
// exactly where it was extracted already holds its received bytes there:
// only the fields the program may write (written fields) need storing. A
// header stays in place when its distance to the payload is unchanged — the
// payload never moves (deparser.ts) — which this analysis proves for most
// headers of the examples (a vlan pop moves only what precedes the tag). The
// others are checked at run time against where they were extracted.
//
// Modes, per header element the deparser emits:
//   "full"    — write every byte, from the field words in one pass (the
//               written fields cover the header anyway, or the parser never
//               extracts it: it can only have been made valid).
//   "inplace" — proven: when valid, it sits where it was extracted; write `ranges`.
//   "checked" — write `ranges` when its recorded extraction end says it sits
//               in place, every byte otherwise (the header needs an origin word).

import type * as ir from "../../../compiler/ir.js";
import { walkStmts } from "../../../compiler/visit.js";
import { headerRefName } from "./layout.js";

export type PlacementMode = "full" | "inplace" | "checked";

export interface Placement {
  readonly mode: PlacementMode;
  /** Byte ranges [from, to) of the header holding a field the program may write (overlapping ranges merged). */
  readonly ranges: readonly (readonly [number, number])[];
}

/** Parser paths enumerated before the proof gives up (every header is then checked at run time). */
const MAX_PATHS = 4096;

/** Header instance → the names of its fields that an assignment (ingress, actions, parser) may write. */
export function writtenFields(program: ir.Program): Map<string, Set<string>> {
  const written = new Map<string, Set<string>>();
  const visit = (s: ir.Stmt | ir.ParserStmt): void => {
    if (s.kind !== "Assign" || s.target.loc.kind !== "field") return;
    const { ref, field } = s.target.loc;
    let set = written.get(ref.header);
    if (!set) written.set(ref.header, (set = new Set()));
    set.add(field);
  };
  walkStmts(program.ingress, visit);
  for (const a of program.actions) walkStmts(a.body, visit);
  for (const st of program.parser.states) st.body.forEach(visit);
  return written;
}

/** The emitted header elements ("eth", "vlan[0]"…) in deparser order. */
export function emittedRefs(program: ir.Program): string[] {
  return program.deparser.emits.flatMap((e) => {
    const h = program.headers.find((x) => x.name === e.header)!;
    return h.stackSize === undefined ? [h.name] : Array.from({ length: h.stackSize }, (_, i) => `${h.name}[${i}]`);
  });
}

/** What the deparser writes for each emitted element. */
export function placements(program: ir.Program): Map<string, Placement> {
  const written = writtenFields(program);
  const proven = provenInPlace(program);
  const extracted = new Set(program.parser.states.flatMap((st) => st.body.flatMap((s) => (s.kind === "Extract" ? [headerRefName(s.ref)] : []))));
  const types = new Map(program.headerTypes.map((t) => [t.name, t]));
  const result = new Map<string, Placement>();
  for (const ref of emittedRefs(program)) {
    const instance = program.headers.find((h) => h.name === ref.replace(/\[\d+\]$/, ""))!;
    const type = types.get(instance.type)!;
    const ranges = byteRanges(type, written.get(instance.name) ?? new Set());
    const covers = ranges.reduce((n, [from, to]) => n + to - from, 0) === type.widthBits / 8;
    const mode: PlacementMode = covers || !extracted.has(ref) ? "full" : proven.has(ref) ? "inplace" : "checked";
    result.set(ref, { mode, ranges });
  }
  return result;
}

/** The bytes holding the given fields, as sorted [from, to) ranges, merged where they share a byte. */
function byteRanges(type: ir.HeaderType, fields: ReadonlySet<string>): [number, number][] {
  const ranges = type.fields
    .filter((f) => fields.has(f.name))
    .map((f): [number, number] => [Math.floor(f.offset / 8), Math.ceil((f.offset + f.width) / 8)])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

type PathItem = { readonly extract: string } | { readonly advance: true };

/**
 * The emitted elements that, whenever valid at the deparser, were extracted
 * and have as many bytes after them in the output as they had in the
 * received packet. Sufficient, per element h:
 *   - h is never made valid by setValid and its stack never shifts (valid ⇒ extracted, origin intact);
 *   - on every parser path, h is extracted at most once, and what follows its
 *     extraction is only extractions of distinct elements emitted after h
 *     that are never made invalid or shifted (no advance: skipped bytes are
 *     not emitted);
 *   - every element emitted after h that such a path does not extract after h
 *     is invalid at the deparser: never made valid, and not extracted before h.
 * A path cut short by a parser error extracts a prefix, for which the same
 * holds (the offset where parsing stopped is where the payload starts).
 */
export function provenInPlace(program: ir.Program): Set<string> {
  const setValid = new Set<string>();
  const setInvalid = new Set<string>();
  const shifted = new Set<string>();
  const visit = (s: ir.Stmt): void => {
    if (s.kind === "SetValidity") (s.valid ? setValid : setInvalid).add(headerRefName(s.ref));
    if (s.kind === "StackShift") shifted.add(s.header);
  };
  walkStmts(program.ingress, visit);
  for (const a of program.actions) walkStmts(a.body, visit);
  const instanceOf = (ref: string): string => ref.replace(/\[\d+\]$/, "");
  const stable = (ref: string): boolean => !shifted.has(instanceOf(ref));

  const paths = parserPaths(program);
  const order = emittedRefs(program);
  const proven = new Set<string>();
  if (!paths) return proven;
  order.forEach((h, position) => {
    if (setValid.has(h) || !stable(h)) return;
    const after = order.slice(position + 1);
    const holds = paths.every((path) => {
      const at = path.findIndex((x) => "extract" in x && x.extract === h);
      if (at < 0) return true;
      const before = path.slice(0, at);
      const rest = path.slice(at + 1);
      const seen = new Set<string>();
      for (const x of rest) {
        if (!("extract" in x) || !after.includes(x.extract) || seen.has(x.extract)) return false;
        if (setInvalid.has(x.extract) || !stable(x.extract)) return false;
        seen.add(x.extract);
      }
      return after.every((x) => seen.has(x) || (!setValid.has(x) && stable(x) && !before.some((y) => "extract" in y && y.extract === x)));
    });
    if (holds) proven.add(h);
  });
  return proven;
}

/** Every path from `start` to its end (accept, reject, no match), as its extractions and advances; undefined past MAX_PATHS. */
function parserPaths(program: ir.Program): PathItem[][] | undefined {
  const states = new Map(program.parser.states.map((s) => [s.name, s]));
  const paths: PathItem[][] = [];
  const walk = (name: string, prefix: PathItem[]): boolean => {
    const state = states.get(name);
    if (!state) {
      paths.push(prefix);
      return paths.length <= MAX_PATHS;
    }
    const items = [...prefix];
    for (const s of state.body) {
      if (s.kind === "Extract") items.push({ extract: headerRefName(s.ref) });
      if (s.kind === "Advance") items.push({ advance: true });
    }
    const t = state.transition;
    const targets = t.kind === "Goto" ? [t.target] : [...new Set([...t.cases.map((c) => c.target), t.default ?? ""])];
    return targets.every((next) => walk(next, items));
  };
  return walk("start", []) ? paths : undefined;
}
