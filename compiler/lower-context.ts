// Shared state and lookups for lowering the checked AST to the IR.
//
// Lowering is split by concern (lower.ts: program structure and tables;
// lower-expr.ts: expressions and hoisting; lower-stmt.ts: control statements;
// lower-parser.ts: parser states; lower-patterns.ts: constant patterns). They
// all read the checker's results and allocate locals through one Lowerer, so
// local ids are program-wide and every lookup lives in one place.
//
// Lowering runs only on a program the checker accepted. A lookup that fails
// here is therefore a compiler bug, reported by throwing (compile.ts turns the
// exception into an E0999 internal-error diagnostic).

import type * as ast from "../lang/ast.js";
import type { CheckedProgram, Symbol } from "../lang/checked.js";
import { leafConstant } from "../lang/check-const.js";
import type { Span } from "../lang/source.js";
import * as ir from "./ir.js";

/** A compiler bug found while lowering: the checker let something through that lowering cannot handle. */
export class LoweringError extends Error {
  constructor(
    message: string,
    readonly span?: Span,
  ) {
    super(span ? `${message} (at ${span.file}:${span.line}:${span.col})` : message);
    this.name = "LoweringError";
  }
}

/** A header instance as lowering needs it. */
export interface InstanceInfo {
  readonly name: string;
  readonly type: ir.HeaderType;
  readonly stackSize?: number;
}

/**
 * The `let` locals visible in one inlined body. Every inlining of a control
 * gets its own frame, so a control applied twice gets fresh locals.
 */
export interface Frame {
  readonly lets: Map<ast.LetStmt, number>;
  /** The action whose body is being lowered (parameters resolve against it). */
  readonly action?: ast.ActionDecl;
}

export function newFrame(action?: ast.ActionDecl): Frame {
  return action ? { lets: new Map(), action } : { lets: new Map() };
}

const STD_TYPES: Record<ir.StdField, ir.ValueType> = {
  ingress_port: ir.bit(16),
  packet_length: ir.bit(32),
  timestamp: ir.bit(64),
  parser_error: ir.ERROR,
};

export class Lowerer {
  readonly locals: ir.Local[] = [];
  readonly headerTypes = new Map<string, ir.HeaderType>();
  readonly instances = new Map<string, InstanceInfo>();
  readonly metadata = new Map<string, ir.ValueType>();
  readonly registers = new Map<string, ir.Register>();
  readonly actions = new Map<string, ast.ActionDecl>();
  readonly tables = new Map<string, ast.TableDecl>();
  /** True once some table's actions include the implicit NoAction (see lower.ts). */
  noActionUsed = false;

  constructor(readonly checked: CheckedProgram) {}

  get file(): string {
    return this.checked.ast.file;
  }

  newLocal(name: string, type: ir.ValueType, span: Span): number {
    const id = this.locals.length;
    this.locals.push({ id, name, type, span });
    return id;
  }

  symbol(e: ast.NameExpr | ast.ErrorLit): Symbol {
    const s = this.checked.symbols.get(e);
    if (!s) throw new LoweringError(`the checker left '${e.kind === "Name" ? e.name.name : e.member.name}' unresolved`, e.span);
    return s;
  }

  /** The symbol of a bare name, or undefined for any other expression. */
  symbolOf(e: ast.Expr): Symbol | undefined {
    return e.kind === "Name" || e.kind === "ErrorLit" ? this.checked.symbols.get(e) : undefined;
  }

  /** The checker's type of a value expression (needed for untyped literals). */
  typeOf(e: ast.Expr): ir.ValueType {
    const t = this.checked.types.get(e);
    if (!t) throw new LoweringError(`the checker recorded no type for this ${e.kind} expression`, e.span);
    return t;
  }

  /** The value of a compile-time constant expression (sizes, slice bounds, patterns, entry arguments). */
  constValue(e: ast.Expr): bigint {
    const v = this.checked.constants.get(e) ?? leafConstant(e, this.symbolOf(e));
    if (v !== undefined) return v;
    throw new LoweringError(`expected a constant, and the checker recorded no value for this ${e.kind} expression`, e.span);
  }

  constNumber(e: ast.Expr): number {
    return Number(this.constValue(e));
  }

  /** The value type a type expression denotes (bit<N>, bool, error). */
  valueType(t: ast.TypeExpr): ir.ValueType {
    switch (t.kind) {
      case "BitType":
        return ir.bit(t.width);
      case "BoolType":
        return ir.BOOL;
      case "ErrorType":
        return ir.ERROR;
      default:
        throw new LoweringError(`a ${t.kind} is not a value type`, t.span);
    }
  }

  declaredType(d: ast.LetStmt | ast.Param | ast.FieldDecl | ast.RegisterDecl): ir.ValueType {
    return this.checked.declaredTypes.get(d) ?? this.valueType(d.type);
  }

  stdType(field: string, span: Span): ir.ValueType {
    if (!(field in STD_TYPES)) throw new LoweringError(`unknown standard metadata field std.${field}`, span);
    return STD_TYPES[field as ir.StdField];
  }

  metaType(field: string, span: Span): ir.ValueType {
    const t = this.metadata.get(field);
    if (!t) throw new LoweringError(`unknown metadata field meta.${field}`, span);
    return t;
  }

  instance(name: string, span: Span): InstanceInfo {
    const info = this.instances.get(name);
    if (!info) throw new LoweringError(`unknown header instance '${name}'`, span);
    return info;
  }

  fieldWidth(ref: ir.HeaderRef, field: string, span: Span): number {
    const f = this.instance(ref.header, span).type.fields.find((x) => x.name === field);
    if (!f) throw new LoweringError(`header '${ref.header}' has no field '${field}'`, span);
    return f.width;
  }

  /**
   * The header a reference expression denotes: `h`, `s[i]`, `s.next`,
   * `s.last`, or a whole stack `s` (no index). Undefined when `e` is not a
   * header reference.
   */
  headerRef(e: ast.Expr): ir.HeaderRef | undefined {
    if (e.kind === "Name") {
      const s = this.checked.symbols.get(e);
      return s?.kind === "header" ? { header: s.decl.name.name } : undefined;
    }
    if (e.kind === "Index") {
      const base = this.headerRef(e.object);
      if (!base || base.index !== undefined) return undefined;
      return { header: base.header, index: this.constNumber(e.index) };
    }
    if (e.kind === "Member" && (e.member.name === "next" || e.member.name === "last")) {
      const base = this.headerRef(e.object);
      if (!base || base.index !== undefined) return undefined;
      if (this.instances.get(base.header)?.stackSize === undefined) return undefined;
      return { header: base.header, index: e.member.name };
    }
    return undefined;
  }

  /** Like headerRef, for places where the checker guarantees a header. */
  requireHeaderRef(e: ast.Expr): ir.HeaderRef {
    const ref = this.headerRef(e);
    if (!ref) throw new LoweringError(`expected a header reference, found a ${e.kind} expression`, e.span);
    return ref;
  }

  /** The table whose `apply()` this call is, if it is one. */
  tableApplied(call: ast.Expr): ast.TableDecl | undefined {
    if (call.kind !== "Call" || call.callee.kind !== "Member" || call.callee.member.name !== "apply") return undefined;
    const s = this.symbolOf(call.callee.object);
    return s?.kind === "table" ? s.decl : undefined;
  }

  action(name: string, span: Span): ast.ActionDecl {
    const a = this.actions.get(name);
    if (!a) throw new LoweringError(`unknown action '${name}'`, span);
    return a;
  }

  table(name: string, span: Span): ast.TableDecl {
    const t = this.tables.get(name);
    if (!t) throw new LoweringError(`unknown table '${name}'`, span);
    return t;
  }
}

/** A constant of the given type, its value fitted to the type's width. */
export function constExpr(value: bigint, type: ir.ValueType, span: Span): ir.ConstExpr {
  return { kind: "Const", value: value & ir.mask(ir.widthOf(type)), type, span };
}

export function readLocal(id: number, type: ir.ValueType, span: Span): ir.ReadExpr {
  return { kind: "Read", loc: { kind: "local", id }, type, span };
}

export function assignLocal(id: number, value: ir.Expr, span: Span): ir.AssignStmt {
  return { kind: "Assign", target: { loc: { kind: "local", id } }, value, span };
}
