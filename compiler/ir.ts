// The pnet intermediate representation: the one definition every pass and
// every target (interp, wasm, ebpf, rmt) works from.
//
// Lowering (lower.ts) produces it from the checked AST; the passes in
// pipeline.ts rewrite it; validate.ts checks its invariants after every pass.
// Design choices, each to keep targets simple:
//   - Everything is resolved and typed: no name lookup, no untyped literals,
//     every expression carries its result type.
//   - Expressions are pure. Things with effects that the source allows inside
//     expressions (`t.apply().hit`, `m.execute(i)`) are hoisted by lowering
//     into statements that write a local, respecting short-circuit order.
//   - Controls are inlined into `ingress` (there is no recursion), so `exit`
//     simply ends ingress. Actions stay separate: tables invoke them by name.
//   - Locals (`let`, and temporaries made by lowering) have program-wide ids.
//   - Constants are bigint; bool values are 0n/1n; error values are indexes
//     into Program.errors.
// Nodes are readonly; passes build new nodes rather than mutate.

import type { Span } from "../lang/source.js";

export type MatchKind = "exact" | "lpm" | "ternary" | "range" | "optional";

// ---------------------------------------------------------------- types

export type ValueType = BitT | BoolT | ErrorT;
export interface BitT {
  readonly kind: "bit";
  readonly width: number; // 1..128
}
export interface BoolT {
  readonly kind: "bool";
}
export interface ErrorT {
  readonly kind: "error";
}

// ---------------------------------------------------- program structure

export interface HeaderField {
  readonly name: string;
  readonly width: number;
  /** Bit offset of the field's most significant bit from the header's start. */
  readonly offset: number;
}
export interface HeaderType {
  readonly name: string;
  readonly fields: readonly HeaderField[];
  readonly widthBits: number; // a multiple of 8
  readonly span: Span;
}
/** A header instance of the `headers` block; a stack when `stackSize` is set. */
export interface HeaderInstance {
  readonly name: string;
  readonly type: string; // HeaderType.name
  readonly stackSize?: number;
  readonly span: Span;
}
export interface MetaField {
  readonly name: string;
  readonly type: ValueType;
  readonly span: Span;
}
export interface Local {
  readonly id: number;
  /** The source name (`let x`), or a `$`-prefixed name for temporaries. */
  readonly name: string;
  readonly type: ValueType;
  readonly span: Span;
}
export interface ActionParam {
  readonly name: string;
  readonly type: ValueType;
}

export interface Program {
  readonly kind: "Program";
  readonly file: string;
  readonly headerTypes: readonly HeaderType[];
  readonly headers: readonly HeaderInstance[];
  readonly metadata: readonly MetaField[];
  /** Error names; the index is the error's value. Built-ins first, in BUILTIN_ERRORS order. */
  readonly errors: readonly string[];
  readonly locals: readonly Local[];
  readonly parser: Parser;
  readonly actions: readonly Action[];
  readonly tables: readonly Table[];
  readonly counters: readonly Counter[];
  readonly registers: readonly Register[];
  readonly meters: readonly Meter[];
  readonly digests: readonly Digest[];
  /** The ingress control with every called control inlined. */
  readonly ingress: readonly Stmt[];
  readonly deparser: Deparser;
  /** Facts computed by analysis passes (see pipeline.ts); absent until computed. */
  readonly analysis?: Analysis;
  readonly span: Span;
}

export const BUILTIN_ERRORS = [
  "NoError",
  "PacketTooShort",
  "NoMatch",
  "StackOverflow",
  "ParserTimeout",
  "Rejected",
] as const;

/** The parser state transition limit after which ParserTimeout is raised. */
export const MAX_PARSER_TRANSITIONS = 64;

export interface Analysis {
  /** The table-level control-flow graph of ingress (computed by the `resolve-table-paths` pass). */
  readonly tableGraph: TableGraph;
}

/**
 * Which tables each path through ingress applies, in order, as a graph: a
 * path starts at one of `first` (or applies no table at all when `empty` is
 * true), goes from a table to one of its `next`, and may stop at any table in
 * `last`. Every path through ingress is a path through this graph (merging
 * apply sites of the same table may add paths that cannot happen, which is
 * safe for dependency analysis). Linear in the program's size, unlike a list
 * of paths, which grows as 2^n with n independent `if`s.
 */
export interface TableGraph {
  readonly first: readonly string[];
  readonly next: Readonly<Record<string, readonly string[]>>;
  readonly last: readonly string[];
  readonly empty: boolean;
}

// ----------------------------------------------------- header references

/**
 * A header instance, or one element of a stack. `index` is a constant element
 * number; "next"/"last" exist only in the parser before the
 * `unroll-parser-loops` pass replaces them with constants.
 */
export interface HeaderRef {
  readonly header: string;
  readonly index?: number | "next" | "last";
}

// ------------------------------------------------------------ locations

export type Location = FieldLoc | MetaLoc | StdLoc | LocalLoc | ParamLoc;

/** A header field; reading an invalid header gives 0, writing it does nothing. */
export interface FieldLoc {
  readonly kind: "field";
  readonly ref: HeaderRef;
  readonly field: string;
}
export interface MetaLoc {
  readonly kind: "meta";
  readonly field: string;
}
export type StdField = "ingress_port" | "packet_length" | "timestamp" | "parser_error";
/** Read-only standard metadata. */
export interface StdLoc {
  readonly kind: "std";
  readonly field: StdField;
}
export interface LocalLoc {
  readonly kind: "local";
  readonly id: number;
}
/** An action parameter (read-only), by position in the action's parameter list. */
export interface ParamLoc {
  readonly kind: "param";
  readonly index: number;
}

/** What an assignment may write: a writable location, or a bit slice of one. */
export interface LValue {
  readonly loc: FieldLoc | MetaLoc | LocalLoc;
  /** `x[hi:lo] = …` writes only those bits. */
  readonly slice?: { readonly hi: number; readonly lo: number };
}

// ---------------------------------------------------------- expressions

export type Expr =
  | ConstExpr
  | ReadExpr
  | UnaryExpr
  | BinaryExpr
  | ConcatExpr
  | SliceExpr
  | CastExpr
  | CondExpr
  | IsValidExpr
  | HashExpr
  | Checksum16Expr
  | CsumUpdateExpr
  | RegisterReadExpr
  | LookaheadExpr;

interface ExprBase {
  readonly type: ValueType;
  readonly span: Span;
}
export interface ConstExpr extends ExprBase {
  readonly kind: "Const";
  readonly value: bigint;
}
export interface ReadExpr extends ExprBase {
  readonly kind: "Read";
  readonly loc: Location;
}
/** `!` on bool, `~` on bit<N>. */
export interface UnaryExpr extends ExprBase {
  readonly kind: "Unary";
  readonly op: "!" | "~";
  readonly operand: Expr;
}
export type ArithOp = "+" | "-" | "*" | "&" | "|" | "^";
export type ShiftOp = "<<" | ">>";
export type CompareOp = "==" | "!=" | "<" | "<=" | ">" | ">=";
export type LogicOp = "&&" | "||";
/**
 * Arithmetic and bitwise ops: both operands and the result have the same
 * bit<N> type, wrapping mod 2^N. Shifts: the amount may have any width; a
 * shift by ≥ N gives 0. Comparisons: unsigned, result bool (== and != also on
 * bool and error). Logic ops: bool, short-circuit (operands are pure, so the
 * order only matters for cost).
 */
export interface BinaryExpr extends ExprBase {
  readonly kind: "Binary";
  readonly op: ArithOp | ShiftOp | CompareOp | LogicOp;
  readonly left: Expr;
  readonly right: Expr;
}
/** `a ++ b`: a in the high bits. */
export interface ConcatExpr extends ExprBase {
  readonly kind: "Concat";
  readonly left: Expr;
  readonly right: Expr;
}
/** `e[hi:lo]`, constant bounds, result bit<hi-lo+1>. */
export interface SliceExpr extends ExprBase {
  readonly kind: "Slice";
  readonly expr: Expr;
  readonly hi: number;
  readonly lo: number;
}
/** Zero-extend or truncate to `type`; bool → bit<1> gives 0/1. */
export interface CastExpr extends ExprBase {
  readonly kind: "Cast";
  readonly expr: Expr;
}
export interface CondExpr extends ExprBase {
  readonly kind: "Cond";
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
}
export interface IsValidExpr extends ExprBase {
  readonly kind: "IsValid";
  readonly ref: HeaderRef;
}
export type HashAlgorithm = "crc32" | "crc16" | "xor16" | "identity";
/**
 * `hash(alg, {…})`: bit<32>. Lowering has expanded headers in the list into
 * their fields; the inputs are concatenated MSB first and zero-padded to whole
 * bytes.
 */
export interface HashExpr extends ExprBase {
  readonly kind: "Hash";
  readonly algorithm: HashAlgorithm;
  readonly inputs: readonly Expr[];
}
/** RFC 1071 checksum over the concatenated inputs (a multiple of 16 bits): bit<16>. */
export interface Checksum16Expr extends ExprBase {
  readonly kind: "Checksum16";
  readonly inputs: readonly Expr[];
}
/** RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), all bit<16> (old/new may be wider: a multiple of 16 bits). */
export interface CsumUpdateExpr extends ExprBase {
  readonly kind: "CsumUpdate";
  readonly sum: Expr;
  readonly old: Expr;
  readonly new: Expr;
}
/** `r.read(i)`; an index out of range reads 0. */
export interface RegisterReadExpr extends ExprBase {
  readonly kind: "RegisterRead";
  readonly register: string;
  readonly index: Expr;
}
/** `lookahead<bit<N>>()`: parser only. Past the end of the packet: PacketTooShort. */
export interface LookaheadExpr extends ExprBase {
  readonly kind: "Lookahead";
}

// ----------------------------------------------------------- statements

export type Stmt =
  | AssignStmt
  | IfStmt
  | ApplyTableStmt
  | CallActionStmt
  | VerdictStmt
  | SetValidityStmt
  | StackShiftStmt
  | RegisterWriteStmt
  | CountStmt
  | MeterExecuteStmt
  | DigestSendStmt
  | ExitStmt;

export interface AssignStmt {
  readonly kind: "Assign";
  readonly target: LValue;
  readonly value: Expr;
  readonly span: Span;
}
export interface IfStmt {
  readonly kind: "If";
  readonly cond: Expr;
  readonly then: readonly Stmt[];
  readonly else: readonly Stmt[];
  readonly span: Span;
}
/**
 * Apply a table: look up its key, run the matched entry's action (or the
 * default action), then store whether an entry matched into `hitLocal` (bool)
 * and the index of the action that ran (into Table.actions) into
 * `actionLocal` (bit<8>), when those are given.
 */
export interface ApplyTableStmt {
  readonly kind: "ApplyTable";
  readonly table: string;
  readonly hitLocal?: number;
  readonly actionLocal?: number;
  readonly span: Span;
}
/** A direct action call with argument expressions. */
export interface CallActionStmt {
  readonly kind: "CallAction";
  readonly action: string;
  readonly args: readonly Expr[];
  readonly span: Span;
}
export type Verdict = "forward" | "drop" | "to_host" | "bounce" | "multicast";
/** Sets the packet's verdict (the last one set wins; default drop). `arg` is the port or the group. */
export interface VerdictStmt {
  readonly kind: "Verdict";
  readonly verdict: Verdict;
  readonly arg?: Expr;
  readonly span: Span;
}
/** `h.setValid()` (fields become 0) or `h.setInvalid()`. */
export interface SetValidityStmt {
  readonly kind: "SetValidity";
  readonly ref: HeaderRef;
  readonly valid: boolean;
  readonly span: Span;
}
/** `s.push_front(n)` / `s.pop_front(n)` on a header stack. */
export interface StackShiftStmt {
  readonly kind: "StackShift";
  readonly header: string;
  readonly direction: "push_front" | "pop_front";
  readonly count: number;
  readonly span: Span;
}
export interface RegisterWriteStmt {
  readonly kind: "RegisterWrite";
  readonly register: string;
  readonly index: Expr;
  readonly value: Expr;
  readonly span: Span;
}
/** `k.count(i)` on an extern counter: +1 packet, + std.packet_length bytes. */
export interface CountStmt {
  readonly kind: "Count";
  readonly counter: string;
  readonly index: Expr;
  readonly span: Span;
}
/** `m.execute(i)`, hoisted: the colour (bit<2>) goes to `resultLocal`. */
export interface MeterExecuteStmt {
  readonly kind: "MeterExecute";
  readonly meter: string;
  readonly index: Expr;
  readonly resultLocal: number;
  readonly span: Span;
}
/** `d.send({…})`: one value per digest field, in order. */
export interface DigestSendStmt {
  readonly kind: "DigestSend";
  readonly digest: string;
  readonly values: readonly Expr[];
  readonly span: Span;
}
/** Ends ingress processing (the deparser still runs). */
export interface ExitStmt {
  readonly kind: "Exit";
  readonly span: Span;
}

// --------------------------------------------------------------- parser

export interface Parser {
  /** The first state is `start`. */
  readonly states: readonly ParserState[];
  readonly span: Span;
}
export type ParserStmt = ExtractStmt | AdvanceStmt | VerifyStmt | AssignStmt;

export interface ParserState {
  readonly name: string;
  readonly body: readonly ParserStmt[];
  readonly transition: Transition;
  readonly span: Span;
}
/** Read the header's bytes at the current offset, set its fields and valid bit. */
export interface ExtractStmt {
  readonly kind: "Extract";
  readonly ref: HeaderRef;
  readonly span: Span;
}
/** Skip `bytes` bytes (consumed: not part of the payload). */
export interface AdvanceStmt {
  readonly kind: "Advance";
  readonly bytes: Expr;
  readonly span: Span;
}
/** If `cond` is false, stop parsing with `error` (an index into Program.errors). */
export interface VerifyStmt {
  readonly kind: "Verify";
  readonly cond: Expr;
  readonly error: number;
  readonly span: Span;
}

/** A state name, or the terminal `accept` / `reject`. */
export type StateTarget = string;
export const ACCEPT = "accept";
export const REJECT = "reject";

export type Transition = GotoTransition | SelectTransition;
export interface GotoTransition {
  readonly kind: "Goto";
  readonly target: StateTarget;
  readonly span: Span;
}
/** First matching case wins; no match and no default: NoMatch. */
export interface SelectTransition {
  readonly kind: "Select";
  readonly keys: readonly Expr[];
  readonly cases: readonly SelectCase[];
  /** The `default` case's target, if any. */
  readonly default?: StateTarget;
  readonly span: Span;
}
export interface SelectCase {
  /** One pattern per key. */
  readonly patterns: readonly KeysetPattern[];
  readonly target: StateTarget;
  readonly span: Span;
}
/** A constant pattern over one key of width `width` (values already fitted). */
export type KeysetPattern =
  | { readonly kind: "value"; readonly value: bigint }
  | { readonly kind: "mask"; readonly value: bigint; readonly mask: bigint }
  | { readonly kind: "range"; readonly lo: bigint; readonly hi: bigint }
  | { readonly kind: "any" };

// ------------------------------------------------------ actions, tables

export interface Action {
  readonly name: string;
  readonly params: readonly ActionParam[];
  readonly body: readonly Stmt[];
  readonly span: Span;
}

export interface TableKey {
  /** The key as written in the source (`ip.dst`, `meta.vrf`, `vlan[0].vid`, `ip.dst[31:24]`): the control plane names keys this way. */
  readonly name: string;
  readonly expr: Expr;
  readonly matchKind: MatchKind;
  readonly width: number;
  readonly span: Span;
}

/** One key element of an entry, fitted to the key's width. */
export type KeyMatch =
  | { readonly kind: "exact"; readonly value: bigint }
  | { readonly kind: "lpm"; readonly value: bigint; readonly prefixLength: number }
  | { readonly kind: "ternary"; readonly value: bigint; readonly mask: bigint }
  | { readonly kind: "range"; readonly lo: bigint; readonly hi: bigint }
  /** `value` undefined means "any". */
  | { readonly kind: "optional"; readonly value?: bigint };

export interface ActionInvocation {
  readonly action: string;
  /** One constant per action parameter, fitted to its width. */
  readonly args: readonly bigint[];
}

/** A compile-time entry from `entries { … }`; earlier entries have higher priority. */
export interface ConstEntry {
  readonly keys: readonly KeyMatch[];
  readonly action: ActionInvocation;
  readonly priority: number;
  readonly span: Span;
}

/**
 * How a table chooses among matching entries: "exact" (at most one can
 * match), "lpm" (longest prefix), "priority" (highest priority, first
 * inserted on ties). Derived from the match kinds by `matchPolicy()`.
 */
export type MatchPolicy = "exact" | "lpm" | "priority";

export interface Table {
  readonly name: string;
  readonly keys: readonly TableKey[];
  /** Action names; ApplyTableStmt.actionLocal holds an index into this list. */
  readonly actions: readonly string[];
  /** No default_action written: a no-op (`NoAction`, an implicit action with no body). */
  readonly defaultAction: ActionInvocation;
  readonly defaultIsConst: boolean;
  readonly size: number;
  readonly counters: boolean;
  readonly entries: readonly ConstEntry[];
  readonly span: Span;
}

/** The implicit no-op action used as the default when none is given. */
export const NO_ACTION = "NoAction";

export function matchPolicy(table: Pick<Table, "keys">): MatchPolicy {
  const kinds = table.keys.map((k) => k.matchKind);
  if (kinds.some((k) => k === "ternary" || k === "range" || k === "optional")) return "priority";
  if (kinds.includes("lpm")) return "lpm";
  return "exact";
}

// -------------------------------------------------------------- externs

export interface Counter {
  readonly name: string;
  readonly size: number;
  readonly span: Span;
}
export interface Register {
  readonly name: string;
  readonly size: number;
  readonly width: number;
  readonly span: Span;
}
export interface Meter {
  readonly name: string;
  readonly size: number;
  readonly span: Span;
}
export interface Digest {
  readonly name: string;
  readonly fields: readonly { readonly name: string; readonly width: number }[];
  readonly span: Span;
}

// ------------------------------------------------------------- deparser

export interface Deparser {
  /** Headers emitted in order when valid; a stack emits each valid element in order. */
  readonly emits: readonly { readonly header: string; readonly span: Span }[];
  readonly span: Span;
}

// ------------------------------------------------------------- helpers

export const BOOL: BoolT = { kind: "bool" };
export const ERROR: ErrorT = { kind: "error" };
export function bit(width: number): BitT {
  return { kind: "bit", width };
}
/** Width in bits of a value type (bool 1, error 8). */
export function widthOf(t: ValueType): number {
  return t.kind === "bit" ? t.width : t.kind === "bool" ? 1 : 8;
}
export function typeToString(t: ValueType): string {
  return t.kind === "bit" ? `bit<${t.width}>` : t.kind;
}
/** 2^width - 1; cached because every wrap and field access needs one. */
export function mask(width: number): bigint {
  return MASKS[width] ?? (1n << BigInt(width)) - 1n;
}
const MASKS: readonly bigint[] = Array.from({ length: 129 }, (_, w) => (1n << BigInt(w)) - 1n);

/** The mask of the top `prefixLength` bits of a `width`-bit value (an lpm prefix). */
export function prefixMask(prefixLength: number, width: number): bigint {
  return mask(width) ^ mask(width - prefixLength);
}

/** The prefix length of a contiguous high-bit mask, or -1 when the mask is not a prefix. */
export function prefixLengthOf(m: bigint, width: number): number {
  const length = width - (m === 0n ? width : (m & -m).toString(2).length - 1);
  return prefixMask(length, width) === m ? length : -1;
}
