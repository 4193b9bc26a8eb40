// Type expressions as written (`bit<N>`, `bool`, `error`, header names) to value types.
//
// Widths are checked here, once, wherever a type is written: every `bit<N>`
// must have 1 ≤ N ≤ 128 (E0303). Header type names are only allowed in the
// `headers` block; anywhere a value type is needed they are E0313.

import type * as ast from "./ast.js";
import { BOOL, ERROR, bit } from "../compiler/ir.js";
import type { CheckContext } from "./check-context.js";
import { BAD, MAX_WIDTH, type Ty, q } from "./check-types.js";
import { typeText } from "./check-text.js";

/** The value type `t` denotes; `what` names the place, e.g. "a metadata field". */
export function valueTypeOf(ctx: CheckContext, t: ast.TypeExpr, what: string): Ty {
  switch (t.kind) {
    case "BitType":
      return bitTypeOf(ctx, t);
    case "BoolType":
      return BOOL;
    case "ErrorType":
      return ERROR;
    case "NamedType":
    case "StackType":
      ctx.error(
        "E0313",
        t.span,
        `the type of ${what} must be bit<N>, bool or error, not the header type ${q(typeText(t))}`,
        "header types are used in the headers block",
      );
      return BAD;
  }
}

/** `bit<N>` with 1 ≤ N ≤ 128. */
export function bitTypeOf(ctx: CheckContext, t: ast.BitType): Ty {
  if (Number.isInteger(t.width) && t.width >= 1 && t.width <= MAX_WIDTH) return bit(t.width);
  ctx.error("E0303", t.span, `bit<${t.width}> is not a valid type: widths go from 1 to ${MAX_WIDTH}`, "split wider values into several fields");
  return BAD;
}

/** A type that must be `bit<N>` (header fields, register cells, digest fields). */
export function bitOnlyTypeOf(ctx: CheckContext, t: ast.TypeExpr, code: "E0313" | "E0702" | "E0703", what: string): Ty {
  if (t.kind === "BitType") return bitTypeOf(ctx, t);
  ctx.error(code, t.span, `the type of ${what} must be bit<N>, not ${q(typeText(t))}`, t.kind === "BoolType" ? "use bit<1>" : undefined);
  return BAD;
}
