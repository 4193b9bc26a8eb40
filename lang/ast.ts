// The abstract syntax tree of a .pnet program, as the parser produces it.
//
// The AST is the source as written: names are unresolved and literals are
// untyped. The checker (checker.ts) resolves names and types and reports
// rule violations; lowering (compiler/lower.ts) turns the checked AST into the
// IR. Every node carries the span of its source text. Nodes are readonly
// discriminated unions on `kind`.

import type { Span } from "./source.js";

export interface Ident {
  readonly kind: "Ident";
  readonly name: string;
  readonly span: Span;
}

// ---------------------------------------------------------------- types

export type TypeExpr = BitType | BoolType | ErrorTypeExpr | NamedType | StackType;

/** `bit<N>`; the parser keeps the width as written, the checker enforces 1..128. */
export interface BitType {
  readonly kind: "BitType";
  readonly width: number;
  readonly span: Span;
}
export interface BoolType {
  readonly kind: "BoolType";
  readonly span: Span;
}
/** `error`, the type of std.parser_error (usable in `let`). */
export interface ErrorTypeExpr {
  readonly kind: "ErrorType";
  readonly span: Span;
}
/** A header type name, in a `headers` block. */
export interface NamedType {
  readonly kind: "NamedType";
  readonly name: Ident;
  readonly span: Span;
}
/** `H[n]`, a header stack, in a `headers` block. */
export interface StackType {
  readonly kind: "StackType";
  readonly element: Ident;
  readonly size: number;
  readonly span: Span;
}

// ---------------------------------------------------------- expressions

export type Expr =
  | IntLit
  | BoolLit
  | NameExpr
  | ErrorLit
  | MemberExpr
  | IndexExpr
  | SliceExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | CastExpr
  | CondExpr
  | ListExpr;

export type IntForm = "dec" | "hex" | "bin" | "ipv4" | "mac";

/**
 * An integer literal. Decimal, hex and binary literals are untyped (they take
 * the width the context asks for); IPv4 literals are bit<32> and MAC literals
 * bit<48>. `text` is the literal as written, for messages.
 */
export interface IntLit {
  readonly kind: "IntLit";
  readonly value: bigint;
  readonly form: IntForm;
  readonly text: string;
  readonly span: Span;
}
export interface BoolLit {
  readonly kind: "BoolLit";
  readonly value: boolean;
  readonly span: Span;
}
/** A bare name: a header instance, const, local, parameter, `meta`, `std`, a table, control, extern or error member. */
export interface NameExpr {
  readonly kind: "Name";
  readonly name: Ident;
  readonly span: Span;
}
/** `error.Name` (the explicit form of an error member). */
export interface ErrorLit {
  readonly kind: "ErrorLit";
  readonly member: Ident;
  readonly span: Span;
}
/** `e.f`: a field, `meta.x`, `std.x`, `stack.next`/`.last`, `t.apply`, `.hit`/`.miss`/`.action`, methods. */
export interface MemberExpr {
  readonly kind: "Member";
  readonly object: Expr;
  readonly member: Ident;
  readonly span: Span;
}
/** `s[i]`, a header stack element. */
export interface IndexExpr {
  readonly kind: "Index";
  readonly object: Expr;
  readonly index: Expr;
  readonly span: Span;
}
/** `x[hi:lo]`. */
export interface SliceExpr {
  readonly kind: "Slice";
  readonly object: Expr;
  readonly hi: Expr;
  readonly lo: Expr;
  readonly span: Span;
}
/**
 * A call: `f(args)`, `obj.method(args)`, `lookahead<bit<N>>()`. `typeArgs`
 * holds the `<…>` type arguments (only lookahead has them).
 */
export interface CallExpr {
  readonly kind: "Call";
  readonly callee: Expr;
  readonly typeArgs: readonly TypeExpr[];
  readonly args: readonly Expr[];
  readonly span: Span;
}
export type UnaryOp = "!" | "~";
export interface UnaryExpr {
  readonly kind: "Unary";
  readonly op: UnaryOp;
  readonly operand: Expr;
  readonly span: Span;
}
export type BinaryOp =
  | "*"
  | "+"
  | "-"
  | "++"
  | "<<"
  | ">>"
  | "&"
  | "^"
  | "|"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "&&"
  | "||";
export interface BinaryExpr {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}
/** `e as bit<M>`. */
export interface CastExpr {
  readonly kind: "Cast";
  readonly expr: Expr;
  readonly type: TypeExpr;
  readonly span: Span;
}
/** `c ? a : b`. */
export interface CondExpr {
  readonly kind: "Cond";
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
  readonly span: Span;
}
/** `{e1, e2, …}`: only as an argument of hash, checksum16 and digest send. */
export interface ListExpr {
  readonly kind: "List";
  readonly elements: readonly Expr[];
  readonly span: Span;
}

// ------------------------------------------------------------- patterns
// Used by `select` cases and by table `entries`.

export type Pattern = ValuePattern | MaskPattern | RangePattern | PrefixPattern | WildcardPattern;

export interface ValuePattern {
  readonly kind: "ValuePattern";
  readonly value: Expr;
  readonly span: Span;
}
/** `value &&& mask`. */
export interface MaskPattern {
  readonly kind: "MaskPattern";
  readonly value: Expr;
  readonly mask: Expr;
  readonly span: Span;
}
/** `lo..hi`, inclusive. */
export interface RangePattern {
  readonly kind: "RangePattern";
  readonly lo: Expr;
  readonly hi: Expr;
  readonly span: Span;
}
/** `value/len` (entries only). */
export interface PrefixPattern {
  readonly kind: "PrefixPattern";
  readonly value: Expr;
  readonly prefixLength: number;
  readonly span: Span;
}
/** `_`. */
export interface WildcardPattern {
  readonly kind: "WildcardPattern";
  readonly span: Span;
}

// ----------------------------------------------------------- statements

export type Stmt =
  | AssignStmt
  | LetStmt
  | IfStmt
  | SwitchStmt
  | BlockStmt
  | CallStmt
  | ExitStmt;

/** `target = value;` (field, metadata, slice or local). */
export interface AssignStmt {
  readonly kind: "Assign";
  readonly target: Expr;
  readonly value: Expr;
  readonly span: Span;
}
/** `let name: type = value;` */
export interface LetStmt {
  readonly kind: "Let";
  readonly name: Ident;
  readonly type: TypeExpr;
  readonly value: Expr;
  readonly span: Span;
}
export interface IfStmt {
  readonly kind: "If";
  readonly cond: Expr;
  readonly then: BlockStmt;
  /** `else { … }` or `else if …`. */
  readonly else?: BlockStmt | IfStmt;
  readonly span: Span;
}
/** `switch (t.apply().action) { a: { … } b: c: { … } default: { … } }` */
export interface SwitchStmt {
  readonly kind: "Switch";
  /** The `t.apply().action` expression as written. */
  readonly subject: Expr;
  readonly cases: readonly SwitchCase[];
  readonly span: Span;
}
export interface SwitchCase {
  readonly kind: "SwitchCase";
  /** Action names; empty for `default`. Several labels share one body. */
  readonly labels: readonly Ident[];
  readonly isDefault: boolean;
  readonly body: BlockStmt;
  readonly span: Span;
}
export interface BlockStmt {
  readonly kind: "Block";
  readonly stmts: readonly Stmt[];
  readonly span: Span;
}
/**
 * A call used as a statement: `t.apply();`, `c.apply();`, `a(args);`,
 * `h.setValid();`, `s.push_front(1);`, `r.write(i, v);`, `k.count(i);`,
 * `d.send({…});`, `forward(p);`, `drop();`, `extract(h);`, `advance(n);`,
 * `verify(c, E);`, `emit(h);` … The checker decides what it is.
 */
export interface CallStmt {
  readonly kind: "CallStmt";
  readonly call: CallExpr;
  readonly span: Span;
}
export interface ExitStmt {
  readonly kind: "Exit";
  readonly span: Span;
}

// --------------------------------------------------------- declarations

export type Decl =
  | ConstDecl
  | HeaderDecl
  | HeadersBlock
  | MetadataBlock
  | ErrorDecl
  | ParserDecl
  | ActionDecl
  | TableDecl
  | ControlDecl
  | DeparserDecl
  | CounterDecl
  | RegisterDecl
  | MeterDecl
  | DigestDecl;

export interface ConstDecl {
  readonly kind: "Const";
  readonly name: Ident;
  readonly type: TypeExpr;
  readonly value: Expr;
  readonly span: Span;
}
/** A field of a header type, a metadata field, a digest field. */
export interface FieldDecl {
  readonly kind: "Field";
  readonly name: Ident;
  readonly type: TypeExpr;
  readonly span: Span;
}
export interface HeaderDecl {
  readonly kind: "Header";
  readonly name: Ident;
  readonly fields: readonly FieldDecl[];
  readonly span: Span;
}
/** `eth: ethernet;` or `vlan: vlan_tag[2];` inside `headers { … }`. */
export interface InstanceDecl {
  readonly kind: "Instance";
  readonly name: Ident;
  readonly type: NamedType | StackType;
  readonly span: Span;
}
export interface HeadersBlock {
  readonly kind: "Headers";
  readonly instances: readonly InstanceDecl[];
  readonly span: Span;
}
export interface MetadataBlock {
  readonly kind: "Metadata";
  readonly fields: readonly FieldDecl[];
  readonly span: Span;
}
/** `error { A, B }` */
export interface ErrorDecl {
  readonly kind: "Error";
  readonly members: readonly Ident[];
  readonly span: Span;
}

export interface ParserDecl {
  readonly kind: "Parser";
  readonly states: readonly StateDecl[];
  readonly span: Span;
}
export interface StateDecl {
  readonly kind: "State";
  readonly name: Ident;
  /** Assignments, `let`, extract/advance/verify calls. */
  readonly body: readonly Stmt[];
  /** Missing only after a syntax error (error recovery). */
  readonly transition?: Transition;
  readonly span: Span;
}
export type Transition = DirectTransition | SelectTransition;
/** `transition name;` — name may be `accept` or `reject`. */
export interface DirectTransition {
  readonly kind: "DirectTransition";
  readonly target: Ident;
  readonly span: Span;
}
/** `transition select (k1, k2) { … }` */
export interface SelectTransition {
  readonly kind: "SelectTransition";
  readonly keys: readonly Expr[];
  readonly cases: readonly SelectCase[];
  readonly span: Span;
}
export interface SelectCase {
  readonly kind: "SelectCase";
  /** One pattern per key (a tuple); empty for `default`. */
  readonly patterns: readonly Pattern[];
  readonly isDefault: boolean;
  readonly target: Ident;
  readonly span: Span;
}

export interface Param {
  readonly kind: "Param";
  readonly name: Ident;
  readonly type: TypeExpr;
  readonly span: Span;
}
export interface ActionDecl {
  readonly kind: "Action";
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly body: BlockStmt;
  readonly span: Span;
}

export type MatchKind = "exact" | "lpm" | "ternary" | "range" | "optional";

export interface KeyElement {
  readonly kind: "KeyElement";
  readonly expr: Expr;
  readonly matchKind: MatchKind;
  readonly span: Span;
}
/** `a(1, 2)` in `default_action` and `entries`. */
export interface ActionCall {
  readonly kind: "ActionCall";
  readonly action: Ident;
  readonly args: readonly Expr[];
  readonly span: Span;
}
export interface DefaultAction {
  readonly kind: "DefaultAction";
  readonly call: ActionCall;
  readonly isConst: boolean;
  readonly span: Span;
}
/** `(k1, k2): action(args);` or `k: action(args);` */
export interface EntryDecl {
  readonly kind: "Entry";
  readonly keys: readonly Pattern[];
  readonly action: ActionCall;
  readonly span: Span;
}
export interface TableDecl {
  readonly kind: "Table";
  readonly name: Ident;
  /** Each property appears at most once; the parser records repeats as errors. */
  readonly keys: readonly KeyElement[];
  readonly actions: readonly Ident[];
  readonly defaultAction?: DefaultAction;
  readonly size?: Expr;
  /** `counters;` present: per-entry packet and byte counters. */
  readonly counters: boolean;
  readonly entries?: readonly EntryDecl[];
  readonly span: Span;
}

export interface ControlDecl {
  readonly kind: "Control";
  readonly name: Ident;
  readonly body: BlockStmt;
  readonly span: Span;
}
/** `deparser { emit(a); emit(b); }` — the body holds only emit calls after checking. */
export interface DeparserDecl {
  readonly kind: "Deparser";
  readonly body: readonly Stmt[];
  readonly span: Span;
}

/** `counter name[size];` */
export interface CounterDecl {
  readonly kind: "Counter";
  readonly name: Ident;
  readonly size: Expr;
  readonly span: Span;
}
/** `register name[size]: bit<N>;` */
export interface RegisterDecl {
  readonly kind: "Register";
  readonly name: Ident;
  readonly size: Expr;
  readonly type: TypeExpr;
  readonly span: Span;
}
/** `meter name[size];` */
export interface MeterDecl {
  readonly kind: "Meter";
  readonly name: Ident;
  readonly size: Expr;
  readonly span: Span;
}
/** `digest name { f: bit<N>; … }` */
export interface DigestDecl {
  readonly kind: "Digest";
  readonly name: Ident;
  readonly fields: readonly FieldDecl[];
  readonly span: Span;
}

export interface Program {
  readonly kind: "Program";
  readonly file: string;
  readonly decls: readonly Decl[];
  readonly span: Span;
}
