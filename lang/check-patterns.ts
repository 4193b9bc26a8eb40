// Patterns of select cases and table entries: `v`, `v &&& m`, `lo..hi`,
// `v/len` and `_`.
//
// Every value in a pattern is a constant of its key's type (untyped literals
// take the key's width and must fit it). Which forms are allowed depends on
// the key: a select key accepts all but prefixes; a table key accepts what
// its match kind means (E0404). Entry patterns are also reduced to a canonical
// form, so that two entries matching the same packets are found (E0510):
// `_` on a ternary key equals `0 &&& 0`, a plain value on an lpm key equals
// `v/width`, and so on.

import type * as ast from "./ast.js";
import { type MatchKind, type ValueType, mask } from "../compiler/ir.js";
import type { CheckContext } from "./check-context.js";
import { checkAs, checkLoose } from "./check-expr.js";
import { requireConst } from "./check-const.js";
import { type Ty, isBad, show } from "./check-types.js";
import { exprText } from "./check-text.js";

export type PatternMode = "select" | MatchKind;

const FORM_NAMES: Record<ast.Pattern["kind"], string> = {
  ValuePattern: "a value",
  MaskPattern: "a masked value `v &&& m`",
  RangePattern: "a range `lo..hi`",
  PrefixPattern: "a prefix `v/len`",
  WildcardPattern: "`_`",
};

/** Which forms each mode accepts (a plain value is always accepted). */
const ALLOWED: Record<PatternMode, ReadonlySet<ast.Pattern["kind"]>> = {
  select: new Set(["ValuePattern", "MaskPattern", "RangePattern", "WildcardPattern"]),
  exact: new Set(["ValuePattern"]),
  lpm: new Set(["ValuePattern", "PrefixPattern", "WildcardPattern"]),
  ternary: new Set(["ValuePattern", "MaskPattern", "WildcardPattern"]),
  range: new Set(["ValuePattern", "RangePattern", "WildcardPattern"]),
  optional: new Set(["ValuePattern", "WildcardPattern"]),
};

const FORM_FOR: Record<PatternMode, string> = {
  select: "a value, v &&& m, lo..hi or _",
  exact: "a value",
  lpm: "a value, a prefix v/len or _",
  ternary: "a value, v &&& m or _",
  range: "a value, lo..hi or _",
  optional: "a value or _",
};

/**
 * Checks one pattern against a key of type `key`. Returns the pattern's
 * canonical form (for duplicate detection), or undefined after an error.
 */
export function checkPattern(ctx: CheckContext, p: ast.Pattern, key: Ty, mode: PatternMode): string | undefined {
  const exprs = patternExprs(p);
  if (isBad(key)) {
    checkLoose(ctx, exprs);
    return undefined;
  }
  const kindOk = ALLOWED[mode].has(p.kind) && (p.kind === "ValuePattern" || p.kind === "WildcardPattern" || key.kind === "bit");
  if (!kindOk) {
    const where = mode === "select" ? "a select key" : `${mode === "ternary" || mode === "range" ? "a" : "an"} ${mode} key`;
    const keyNote = key.kind === "bit" ? "" : ` of type ${show(key)}`;
    ctx.error("E0404", p.span, `${FORM_NAMES[p.kind]} is not allowed for ${where}${keyNote}`, `write ${key.kind === "bit" ? FORM_FOR[mode] : "a value or _"} here`);
    checkLoose(ctx, exprs);
    return undefined;
  }
  const values = exprs.map((e) => constValue(ctx, e, key));
  if (values.some((v) => v === undefined)) return undefined;
  const v = values as bigint[];
  const w = key.kind === "bit" ? key.width : 1;
  const all = mask(w);
  switch (p.kind) {
    case "WildcardPattern":
      return mode === "range" ? `${0n}..${all}` : mode === "ternary" ? "0&&&0" : mode === "lpm" ? "0/0" : "_";
    case "ValuePattern":
      return mode === "ternary" ? `${v[0]}&&&${all}` : mode === "lpm" ? `${v[0]}/${w}` : mode === "range" ? `${v[0]}..${v[0]}` : `${v[0]}`;
    case "MaskPattern": {
      const [value, m] = v as [bigint, bigint];
      if ((value & ~m) !== 0n) {
        ctx.warning(
          "W0003",
          p.value.span,
          `bits of ${exprText(p.value)} outside the mask ${exprText(p.mask)} are ignored`,
          `write ${hex(value & m)} &&& ${exprText(p.mask)}`,
        );
      }
      return `${value & m}&&&${m}`;
    }
    case "RangePattern": {
      const [lo, hi] = v as [bigint, bigint];
      if (lo > hi) {
        ctx.error("E0411", p.span, `the range ${exprText(p.lo)}..${exprText(p.hi)} is empty: lo is greater than hi`, `write ${exprText(p.hi)}..${exprText(p.lo)}`);
        return undefined;
      }
      return `${lo}..${hi}`;
    }
    case "PrefixPattern":
      return prefix(ctx, p, v[0]!, w);
  }
}

function prefix(ctx: CheckContext, p: ast.PrefixPattern, value: bigint, w: number): string | undefined {
  const len = p.prefixLength;
  if (len > w) {
    ctx.error("E0508", p.span, `prefix length ${len} is longer than the key, a bit<${w}>`, `use a length from 0 to ${w}`);
    return undefined;
  }
  const hostMask = mask(w - len);
  if ((value & hostMask) !== 0n) {
    const net = value & ~hostMask;
    const shown = p.value.kind === "IntLit" && p.value.form === "ipv4" ? ipv4(net) : hex(net);
    ctx.error(
      "E0509",
      p.span,
      `${exprText(p.value)}/${len} has bits set after its first ${len} bits`,
      `clear them: ${shown}/${len}`,
    );
    return undefined;
  }
  return `${value}/${len}`;
}

/** The expressions of a pattern, in source order. */
function patternExprs(p: ast.Pattern): ast.Expr[] {
  switch (p.kind) {
    case "ValuePattern":
    case "PrefixPattern":
      return [p.value];
    case "MaskPattern":
      return [p.value, p.mask];
    case "RangePattern":
      return [p.lo, p.hi];
    case "WildcardPattern":
      return [];
  }
}

function constValue(ctx: CheckContext, e: ast.Expr, key: ValueType): bigint | undefined {
  const t = checkAs(ctx, e, key, "the key is");
  if (isBad(t)) return undefined;
  return requireConst(ctx, e, "a pattern value");
}

function hex(v: bigint): string {
  return "0x" + v.toString(16);
}

function ipv4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join(".");
}
