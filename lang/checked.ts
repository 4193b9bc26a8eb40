// What the checker hands to lowering: the AST plus everything it resolved.
//
// The checker (checker.ts) walks the AST once, reports every rule violation,
// and records here what each name means and what type each expression has,
// so that lowering (compiler/lower.ts) never resolves a name or infers a
// literal's width again. Lowering runs only when the checker reported no
// errors; it may then assume every lookup below succeeds.

import type * as ast from "./ast.js";
import type { ValueType } from "../compiler/ir.js";

/** What a name (or `error.X`) refers to. */
export type Symbol =
  | { readonly kind: "header"; readonly decl: ast.InstanceDecl } // instance or whole stack
  | { readonly kind: "meta" } // the `meta` namespace
  | { readonly kind: "std" } // the `std` namespace
  | { readonly kind: "const"; readonly decl: ast.ConstDecl; readonly value: bigint; readonly type: ValueType }
  | { readonly kind: "local"; readonly decl: ast.LetStmt }
  | { readonly kind: "param"; readonly action: ast.ActionDecl; readonly index: number }
  | { readonly kind: "table"; readonly decl: ast.TableDecl }
  | { readonly kind: "control"; readonly decl: ast.ControlDecl }
  | { readonly kind: "action"; readonly decl: ast.ActionDecl }
  | { readonly kind: "counter"; readonly decl: ast.CounterDecl }
  | { readonly kind: "register"; readonly decl: ast.RegisterDecl }
  | { readonly kind: "meter"; readonly decl: ast.MeterDecl }
  | { readonly kind: "digest"; readonly decl: ast.DigestDecl }
  | { readonly kind: "error"; readonly name: string; readonly value: number }
  | { readonly kind: "builtin"; readonly name: BuiltinName };

/** Free functions and statements of the language. */
export type BuiltinName =
  | "extract"
  | "advance"
  | "verify"
  | "lookahead"
  | "emit"
  | "forward"
  | "drop"
  | "to_host"
  | "bounce"
  | "multicast"
  | "hash"
  | "checksum16"
  | "csum16_update";

export interface CheckedProgram {
  readonly ast: ast.Program;
  /** Error names in value order: the built-ins (ir.BUILTIN_ERRORS) then the user's. */
  readonly errors: readonly string[];
  /** The resolution of every Name and ErrorLit the checker visited. */
  readonly symbols: ReadonlyMap<ast.NameExpr | ast.ErrorLit, Symbol>;
  /**
   * The value type of every value expression, literals included: an untyped
   * literal gets the width its context asked for. Expressions that are not
   * values (a header, a table, a method) are absent.
   */
  readonly types: ReadonlyMap<ast.Expr, ValueType>;
  /** Constant values the checker evaluated: sizes, slice bounds, const decls, entry and select patterns. */
  readonly constants: ReadonlyMap<ast.Expr, bigint>;
  /** The locals a `let` declares, and the parameters of actions, have these value types. */
  readonly declaredTypes: ReadonlyMap<ast.LetStmt | ast.Param | ast.FieldDecl | ast.RegisterDecl, ValueType>;
}
