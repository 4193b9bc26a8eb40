// Constant patterns: `select` cases (KeysetPattern) and table `entries`
// (KeyMatch), fitted to the width of the key they match.
//
// Table entries take the pattern forms the checker allows for each match kind
// (lang/check-patterns.ts; host bits after a prefix are already E0509):
//   exact     v
//   lpm       v/len, v (a full-length prefix), _ (prefix 0)
//   ternary   v &&& m (value stored as v & m, after warning W0003), v (full mask), _ (mask 0)
//   range     lo..hi, v (v..v), _ (the full range)
//   optional  v, _ (any)

import type * as ast from "../lang/ast.js";
import * as ir from "./ir.js";
import { type Lowerer, LoweringError } from "./lower-context.js";

export function keysetPattern(lw: Lowerer, p: ast.Pattern, width: number): ir.KeysetPattern {
  const m = ir.mask(width);
  switch (p.kind) {
    case "ValuePattern":
      return { kind: "value", value: lw.constValue(p.value) & m };
    case "MaskPattern": {
      const mask = lw.constValue(p.mask) & m;
      return { kind: "mask", value: lw.constValue(p.value) & mask, mask };
    }
    case "RangePattern":
      return { kind: "range", lo: lw.constValue(p.lo) & m, hi: lw.constValue(p.hi) & m };
    case "PrefixPattern": {
      const mask = ir.prefixMask(p.prefixLength, width);
      return { kind: "mask", value: lw.constValue(p.value) & mask, mask };
    }
    case "WildcardPattern":
      return { kind: "any" };
  }
}

export function keyMatch(lw: Lowerer, p: ast.Pattern, kind: ir.MatchKind, width: number): ir.KeyMatch {
  const m = ir.mask(width);
  const value = (e: ast.Expr) => lw.constValue(e) & m;
  switch (kind) {
    case "exact":
      if (p.kind === "ValuePattern") return { kind, value: value(p.value) };
      break;
    case "lpm": {
      if (p.kind === "ValuePattern") return { kind, value: value(p.value), prefixLength: width };
      if (p.kind === "WildcardPattern") return { kind, value: 0n, prefixLength: 0 };
      if (p.kind === "PrefixPattern") return { kind, value: value(p.value), prefixLength: p.prefixLength };
      break;
    }
    case "ternary": {
      if (p.kind === "ValuePattern") return { kind, value: value(p.value), mask: m };
      if (p.kind === "WildcardPattern") return { kind, value: 0n, mask: 0n };
      if (p.kind === "MaskPattern") {
        const mask = value(p.mask);
        return { kind, value: value(p.value) & mask, mask };
      }
      break;
    }
    case "range":
      if (p.kind === "RangePattern") return { kind, lo: value(p.lo), hi: value(p.hi) };
      if (p.kind === "ValuePattern") return { kind, lo: value(p.value), hi: value(p.value) };
      if (p.kind === "WildcardPattern") return { kind, lo: 0n, hi: m };
      break;
    case "optional":
      if (p.kind === "ValuePattern") return { kind, value: value(p.value) };
      if (p.kind === "WildcardPattern") return { kind };
      break;
  }
  throw new LoweringError(`a ${p.kind} cannot match a ${kind} key`, p.span);
}

