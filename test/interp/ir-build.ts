// Hand-built IR for interpreter tests: small constructors over compiler/ir.ts,
// so a test can state exactly the program it runs without the front end.
// (Tests that start from .pnet source use compile() instead.)

import * as ir from "../../compiler/ir.js";

export const SPAN = { file: "test.pnet", start: 0, end: 0, line: 1, col: 1 };

export function headerType(name: string, fields: readonly (readonly [string, number])[]): ir.HeaderType {
  let offset = 0;
  const fs = fields.map(([n, width]) => {
    const f = { name: n, width, offset };
    offset += width;
    return f;
  });
  return { name, fields: fs, widthBits: offset, span: SPAN };
}

export const ETHERNET = headerType("ethernet", [["dst", 48], ["src", 48], ["ethertype", 16]]);
export const VLAN = headerType("vlan_tag", [["pcp", 3], ["dei", 1], ["vid", 12], ["ethertype", 16]]);
export const IPV4 = headerType("ipv4", [
  ["version", 4], ["ihl", 4], ["tos", 8], ["total_len", 16], ["id", 16], ["flags", 3], ["frag_offset", 13],
  ["ttl", 8], ["protocol", 8], ["checksum", 16], ["src", 32], ["dst", 32],
]);

// ---------------------------------------------------------------- expressions

export const c = (value: bigint | number, width: number): ir.Expr => ({ kind: "Const", type: ir.bit(width), value: BigInt(value), span: SPAN });
export const T: ir.Expr = { kind: "Const", type: ir.BOOL, value: 1n, span: SPAN };
export const F: ir.Expr = { kind: "Const", type: ir.BOOL, value: 0n, span: SPAN };

export const ref = (header: string, index?: ir.HeaderRef["index"]): ir.HeaderRef => (index === undefined ? { header } : { header, index });
export const fieldLoc = (header: string, field: string, index?: ir.HeaderRef["index"]): ir.FieldLoc => ({ kind: "field", ref: ref(header, index), field });

export const read = (loc: ir.Location, type: ir.ValueType): ir.Expr => ({ kind: "Read", loc, type, span: SPAN });
export const fld = (header: string, field: string, width: number, index?: ir.HeaderRef["index"]): ir.Expr =>
  read(fieldLoc(header, field, index), ir.bit(width));
export const meta = (field: string, type: ir.ValueType): ir.Expr => read({ kind: "meta", field }, type);
export const local = (id: number, type: ir.ValueType): ir.Expr => read({ kind: "local", id }, type);
export const param = (index: number, type: ir.ValueType): ir.Expr => read({ kind: "param", index }, type);
export const std = (field: ir.StdField): ir.Expr => {
  const types: Record<ir.StdField, ir.ValueType> = { ingress_port: ir.bit(16), packet_length: ir.bit(32), timestamp: ir.bit(64), parser_error: ir.ERROR };
  return read({ kind: "std", field }, types[field]);
};

export function bin(op: ir.BinaryExpr["op"], left: ir.Expr, right: ir.Expr): ir.Expr {
  const compares = ["==", "!=", "<", "<=", ">", ">=", "&&", "||"];
  return { kind: "Binary", op, left, right, type: compares.includes(op) ? ir.BOOL : left.type, span: SPAN };
}
export const not = (operand: ir.Expr): ir.Expr => ({ kind: "Unary", op: "!", operand, type: ir.BOOL, span: SPAN });
export const inv = (operand: ir.Expr): ir.Expr => ({ kind: "Unary", op: "~", operand, type: operand.type, span: SPAN });
export const concat = (left: ir.Expr, right: ir.Expr): ir.Expr => ({
  kind: "Concat", left, right, type: ir.bit(ir.widthOf(left.type) + ir.widthOf(right.type)), span: SPAN,
});
export const slice = (expr: ir.Expr, hi: number, lo: number): ir.Expr => ({ kind: "Slice", expr, hi, lo, type: ir.bit(hi - lo + 1), span: SPAN });
export const cast = (expr: ir.Expr, type: ir.ValueType): ir.Expr => ({ kind: "Cast", expr, type, span: SPAN });
export const cond = (c0: ir.Expr, then: ir.Expr, other: ir.Expr): ir.Expr => ({ kind: "Cond", cond: c0, then, else: other, type: then.type, span: SPAN });
export const isValid = (header: string, index?: ir.HeaderRef["index"]): ir.Expr => ({ kind: "IsValid", ref: ref(header, index), type: ir.BOOL, span: SPAN });
export const hashOf = (algorithm: ir.HashAlgorithm, inputs: ir.Expr[]): ir.Expr => ({ kind: "Hash", algorithm, inputs, type: ir.bit(32), span: SPAN });
export const checksum = (inputs: ir.Expr[]): ir.Expr => ({ kind: "Checksum16", inputs, type: ir.bit(16), span: SPAN });
export const csumUpdate = (sum: ir.Expr, old: ir.Expr, nu: ir.Expr): ir.Expr => ({ kind: "CsumUpdate", sum, old, new: nu, type: ir.bit(16), span: SPAN });
export const regRead = (register: string, index: ir.Expr, width: number): ir.Expr => ({ kind: "RegisterRead", register, index, type: ir.bit(width), span: SPAN });
export const lookahead = (width: number): ir.Expr => ({ kind: "Lookahead", type: ir.bit(width), span: SPAN });

// ---------------------------------------------------------------- statements

export const assign = (loc: ir.LValue["loc"], value: ir.Expr, sl?: { hi: number; lo: number }): ir.AssignStmt => ({
  kind: "Assign", target: sl ? { loc, slice: sl } : { loc }, value, span: SPAN,
});
export const setMeta = (field: string, value: ir.Expr): ir.AssignStmt => assign({ kind: "meta", field }, value);
export const setField = (header: string, field: string, value: ir.Expr, index?: number): ir.AssignStmt => assign(fieldLoc(header, field, index), value);
export const setLocal = (id: number, value: ir.Expr): ir.AssignStmt => assign({ kind: "local", id }, value);
export const iff = (c0: ir.Expr, then: ir.Stmt[], other: ir.Stmt[] = []): ir.Stmt => ({ kind: "If", cond: c0, then, else: other, span: SPAN });
export const forward = (port: ir.Expr | number): ir.Stmt => ({ kind: "Verdict", verdict: "forward", arg: typeof port === "number" ? c(port, 16) : port, span: SPAN });
export const multicast = (group: ir.Expr | number): ir.Stmt => ({ kind: "Verdict", verdict: "multicast", arg: typeof group === "number" ? c(group, 16) : group, span: SPAN });
export const verdict = (v: "drop" | "to_host" | "bounce"): ir.Stmt => ({ kind: "Verdict", verdict: v, span: SPAN });
export const exit: ir.Stmt = { kind: "Exit", span: SPAN };
export const setValid = (header: string, valid: boolean, index?: number): ir.Stmt => ({ kind: "SetValidity", ref: ref(header, index), valid, span: SPAN });
export const stackShift = (header: string, direction: "push_front" | "pop_front", count: number): ir.Stmt => ({ kind: "StackShift", header, direction, count, span: SPAN });
export const apply = (table: string, hitLocal?: number, actionLocal?: number): ir.Stmt => ({
  kind: "ApplyTable", table, ...(hitLocal !== undefined ? { hitLocal } : {}), ...(actionLocal !== undefined ? { actionLocal } : {}), span: SPAN,
});
export const call = (action: string, args: ir.Expr[] = []): ir.Stmt => ({ kind: "CallAction", action, args, span: SPAN });
export const regWrite = (register: string, index: ir.Expr, value: ir.Expr): ir.Stmt => ({ kind: "RegisterWrite", register, index, value, span: SPAN });
export const count = (counter: string, index: ir.Expr): ir.Stmt => ({ kind: "Count", counter, index, span: SPAN });
export const meterExec = (meter: string, index: ir.Expr, resultLocal: number): ir.Stmt => ({ kind: "MeterExecute", meter, index, resultLocal, span: SPAN });
export const digestSend = (digest: string, values: ir.Expr[]): ir.Stmt => ({ kind: "DigestSend", digest, values, span: SPAN });

// ---------------------------------------------------------------- parser

export const extract = (header: string, index?: ir.HeaderRef["index"]): ir.ParserStmt => ({ kind: "Extract", ref: ref(header, index), span: SPAN });
export const advance = (bytes: ir.Expr): ir.ParserStmt => ({ kind: "Advance", bytes, span: SPAN });
export const verify = (c0: ir.Expr, error: number): ir.ParserStmt => ({ kind: "Verify", cond: c0, error, span: SPAN });
export const goto = (target: string): ir.Transition => ({ kind: "Goto", target, span: SPAN });
export function select(keys: ir.Expr[], cases: [ir.KeysetPattern[], string][], fallback?: string): ir.Transition {
  return {
    kind: "Select", keys, cases: cases.map(([patterns, target]) => ({ patterns, target, span: SPAN })),
    ...(fallback !== undefined ? { default: fallback } : {}), span: SPAN,
  };
}
export const state = (name: string, body: ir.ParserStmt[], transition: ir.Transition): ir.ParserState => ({ name, body, transition, span: SPAN });

// ---------------------------------------------------------------- tables and actions

export const action = (name: string, params: [string, number][], body: ir.Stmt[]): ir.Action => ({
  name, params: params.map(([n, w]) => ({ name: n, type: ir.bit(w) })), body, span: SPAN,
});
export const NO_ACTION: ir.Action = { name: ir.NO_ACTION, params: [], body: [], span: SPAN };

export function key(name: string, expr: ir.Expr, matchKind: ir.MatchKind): ir.TableKey {
  return { name, expr, matchKind, width: ir.widthOf(expr.type), span: SPAN };
}

export interface TableOptions {
  readonly keys: ir.TableKey[];
  readonly actions: string[];
  readonly defaultAction?: ir.ActionInvocation;
  readonly defaultIsConst?: boolean;
  readonly size?: number;
  readonly counters?: boolean;
  readonly entries?: { keys: ir.KeyMatch[]; action: ir.ActionInvocation }[];
}

/** A table as lowering makes it: the default action joins the action list, const entries get priorities n-i. */
export function table(name: string, o: TableOptions): ir.Table {
  const defaultAction = o.defaultAction ?? { action: ir.NO_ACTION, args: [] };
  const entries = o.entries ?? [];
  return {
    name,
    keys: o.keys,
    actions: o.actions.includes(defaultAction.action) ? o.actions : [...o.actions, defaultAction.action],
    defaultAction,
    defaultIsConst: o.defaultIsConst ?? false,
    size: o.size ?? 1024,
    counters: o.counters ?? false,
    entries: entries.map((e, i) => ({ ...e, priority: entries.length - i, span: SPAN })),
    span: SPAN,
  };
}

// ---------------------------------------------------------------- program

export interface ProgramParts {
  headerTypes?: ir.HeaderType[];
  headers?: [string, string, number?][];
  metadata?: [string, ir.ValueType][];
  errors?: string[];
  locals?: [number, ir.ValueType][];
  states?: ir.ParserState[];
  actions?: ir.Action[];
  tables?: ir.Table[];
  counters?: [string, number][];
  registers?: [string, number, number][];
  meters?: [string, number][];
  digests?: ir.Digest[];
  ingress?: ir.Stmt[];
  emits?: string[];
}

/** A program; by default the parser extracts `eth` and accepts, and the deparser emits every header in order. */
export function program(p: ProgramParts): ir.Program {
  const headers = (p.headers ?? [["eth", "ethernet"]]).map(([name, type, stackSize]) => ({ name, type, ...(stackSize !== undefined ? { stackSize } : {}), span: SPAN }));
  const needsNoAction = (p.tables ?? []).some((t) => t.actions.includes(ir.NO_ACTION)) && !(p.actions ?? []).some((a) => a.name === ir.NO_ACTION);
  return {
    kind: "Program",
    file: "test.pnet",
    headerTypes: p.headerTypes ?? [ETHERNET, VLAN, IPV4],
    headers,
    metadata: (p.metadata ?? []).map(([name, type]) => ({ name, type, span: SPAN })),
    errors: [...ir.BUILTIN_ERRORS, ...(p.errors ?? [])],
    locals: (p.locals ?? []).map(([id, type]) => ({ id, name: `l${id}`, type, span: SPAN })),
    parser: { states: p.states ?? [state("start", [extract("eth")], goto("accept"))], span: SPAN },
    actions: [...(p.actions ?? []), ...(needsNoAction ? [NO_ACTION] : [])],
    tables: p.tables ?? [],
    counters: (p.counters ?? []).map(([name, size]) => ({ name, size, span: SPAN })),
    registers: (p.registers ?? []).map(([name, size, width]) => ({ name, size, width, span: SPAN })),
    meters: (p.meters ?? []).map(([name, size]) => ({ name, size, span: SPAN })),
    digests: p.digests ?? [],
    ingress: p.ingress ?? [],
    deparser: { emits: (p.emits ?? headers.map((h) => h.name)).map((header) => ({ header, span: SPAN })), span: SPAN },
    span: SPAN,
  };
}
