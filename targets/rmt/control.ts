// The ingress control as RMT logical tables ("units"), in program order.
//
// An RMT pipeline has no control flow other than tables that run or not:
//   - every table applied is one match table: a table applied at several
//     sites (on different paths: the language allows one apply per path) is
//     one logical table, running under the disjunction of its sites'
//     predicates, each site keeping its own place in program order (deps.ts
//     orders its dependencies site by site);
//   - runs of other statements become keyless "action" tables (as bf-p4c's
//     tbl_act), split where one statement reads a value computed earlier in
//     the run (that needs a later stage: symbolic.ts);
//   - every `if` condition becomes gateway tables; `t.apply().hit/.action`
//     tests become predicates on that table's result instead (next-table
//     logic), so they cost no gateway and no stage;
//   - `exit` is folded into the predicates of what follows: a branch that
//     always exits makes the rest of its block the other branch.
// Each unit carries the predicate under which it runs. Gateways (and the
// keyless tables computing values that a gateway cannot, like a checksum they
// test) run unconditionally: their result is only used together with their
// context's predicate.

import * as ir from "../../compiler/ir.js";
import type { DiagnosticBag } from "../../lang/diagnostics.js";
import type { Predicate } from "./config.js";
import { checksumPattern, touchedAfter, type ChecksumPattern } from "./checksum.js";
import { Hazard, SymState, exprReads, type Loc } from "./symbolic.js";

export type UnitKind = "match" | "action" | "gateway";

export interface UnitAction {
  readonly name: string;
  readonly params: readonly ir.ActionParam[];
  readonly state: SymState;
}

/** One place in the control where a unit runs: its position in program order and the predicate of that path. */
export interface Site {
  readonly order: number;
  readonly pred: Predicate;
  readonly span: ir.Stmt["span"];
}

export interface Unit {
  readonly name: string;
  readonly kind: UnitKind;
  /** The first site's position in program order. */
  readonly order: number;
  /** The disjunction of the sites' predicates. */
  readonly pred: Predicate;
  readonly span: ir.Stmt["span"];
  /** Match tables applied at several sites: every site, in program order (otherwise absent). */
  readonly sites?: readonly Site[];
  readonly table?: ir.Table;
  readonly actions: readonly UnitAction[];
  readonly cond?: ir.Expr;
  /**
   * Match tables: the locals that must hold hit / the action index in the PHV
   * (read other than by a predicate), one per site that has one. Every site's
   * local is written whenever the table runs: a site's local is only read on
   * the paths through that site, so the others' writes are never seen.
   */
  readonly hitLocals: readonly Loc[];
  readonly actionLocals: readonly Loc[];
}

export const TRUE: Predicate = { always: true };
export const FALSE: Predicate = { or: [] };
const isFalse = (p: Predicate): boolean => "or" in p && p.or.length === 0;
const isTrue = (p: Predicate): boolean => "always" in p;

export function and(...ps: Predicate[]): Predicate {
  const parts: Predicate[] = [];
  for (const p of ps) {
    if (isFalse(p)) return FALSE;
    if (isTrue(p)) continue;
    if ("and" in p) parts.push(...p.and);
    else parts.push(p);
  }
  return parts.length === 0 ? TRUE : parts.length === 1 ? parts[0]! : { and: parts };
}
export function or(...ps: Predicate[]): Predicate {
  const parts: Predicate[] = [];
  for (const p of ps) {
    if (isTrue(p)) return TRUE;
    if (isFalse(p)) continue;
    if ("or" in p) parts.push(...p.or);
    else parts.push(p);
  }
  return parts.length === 1 ? parts[0]! : { or: parts };
}
export function not(p: Predicate): Predicate {
  if (isTrue(p)) return FALSE;
  if (isFalse(p)) return TRUE;
  return "not" in p ? p.not : { not: p };
}

function alwaysExits(stmts: readonly ir.Stmt[]): boolean {
  const last = stmts[stmts.length - 1];
  if (!last) return false;
  return last.kind === "Exit" || (last.kind === "If" && alwaysExits(last.then) && alwaysExits(last.else));
}

/** What a gateway can test directly: comparisons and masks of PHV bits and constants. */
function gatewayOk(e: ir.Expr): boolean {
  switch (e.kind) {
    case "Const":
    case "Read":
    case "IsValid":
      return true;
    case "Slice":
    case "Cast":
      return gatewayOk(e.expr);
    case "Concat":
      return gatewayOk(e.left) && gatewayOk(e.right);
    case "Unary":
      return e.op === "!" && gatewayOk(e.operand);
    case "Binary":
      if (e.op === "&") return (e.left.kind === "Const" || e.right.kind === "Const") && gatewayOk(e.left) && gatewayOk(e.right);
      return ["==", "!=", "<", "<=", ">", ">=", "&&", "||"].includes(e.op) && gatewayOk(e.left) && gatewayOk(e.right);
    default:
      return false;
  }
}

/** A header checksum recomputed by a deparser checksum unit instead of a stage: applied when `pred` holds at the end of ingress. */
export interface DeparserChecksumUse extends ChecksumPattern {
  readonly pred: Predicate;
  readonly span: ir.Stmt["span"];
}

export interface LoweredControl {
  readonly units: Unit[];
  /** The checksum recomputations moved to the deparser (at most the profile's units, in program order). */
  readonly checksums: DeparserChecksumUse[];
  /** The program with the temporaries lowering added as locals. */
  readonly program: ir.Program;
}

export function lowerControl(source: ir.Program, diags: DiagnosticBag, checksumUnits = 0): LoweredControl {
  const locals = [...source.locals];
  const program: ir.Program = { ...source, locals };
  const units: Unit[] = [];
  const checksums: DeparserChecksumUse[] = [];
  let nextLocal = locals.reduce((n, l) => Math.max(n, l.id + 1), 0);

  // Locals written by a table apply, tested by predicates when possible.
  const hitOf = new Map<number, string>();
  const actionOf = new Map<number, string>();
  const assigned = new Set<number>();
  const visit = (stmts: readonly ir.Stmt[]): void => {
    for (const s of stmts) {
      if (s.kind === "ApplyTable") {
        if (s.hitLocal !== undefined) hitOf.set(s.hitLocal, s.table);
        if (s.actionLocal !== undefined) actionOf.set(s.actionLocal, s.table);
      } else if (s.kind === "Assign" && s.target.loc.kind === "local") assigned.add(s.target.loc.id);
      else if (s.kind === "If") {
        visit(s.then);
        visit(s.else);
      }
    }
  };
  visit(program.ingress);
  for (const id of assigned) {
    hitOf.delete(id);
    actionOf.delete(id);
  }
  const atomOf = (e: ir.Expr): Predicate | undefined => {
    if (e.kind === "Read" && e.loc.kind === "local" && hitOf.has(e.loc.id)) return { hit: hitOf.get(e.loc.id)! };
    if (e.kind === "Binary" && (e.op === "==" || e.op === "!=") && e.left.kind === "Read" && e.left.loc.kind === "local" && actionOf.has(e.left.loc.id) && e.right.kind === "Const") {
      const atom: Predicate = { act: actionOf.get(e.left.loc.id)!, index: Number(e.right.value) };
      return e.op === "==" ? atom : not(atom);
    }
    return undefined;
  };
  const hasAtom = (e: ir.Expr): boolean =>
    atomOf(e) !== undefined || (e.kind === "Binary" && (e.op === "&&" || e.op === "||") && (hasAtom(e.left) || hasAtom(e.right))) || (e.kind === "Unary" && e.op === "!" && hasAtom(e.operand));

  // Locals read other than as a predicate atom must be materialised in the PHV.
  const materialised = new Set<string>();
  const noteReads = (e: ir.Expr): void => {
    for (const r of exprReads(e)) materialised.add(r);
  };
  const noteCond = (e: ir.Expr): void => {
    if (atomOf(e)) return;
    if (e.kind === "Binary" && (e.op === "&&" || e.op === "||") && hasAtom(e)) {
      noteCond(e.left);
      noteCond(e.right);
    } else if (e.kind === "Unary" && e.op === "!" && hasAtom(e)) noteCond(e.operand);
    else noteReads(e);
  };
  const scan = (stmts: readonly ir.Stmt[]): void => {
    for (const s of stmts) {
      if (s.kind === "If") {
        noteCond(s.cond);
        scan(s.then);
        scan(s.else);
      } else if (s.kind === "Assign") noteReads(s.value);
      else if (s.kind === "CallAction") s.args.forEach(noteReads);
      else if (s.kind === "Verdict" && s.arg) noteReads(s.arg);
      else if (s.kind === "RegisterWrite") [s.index, s.value].forEach(noteReads);
      else if (s.kind === "Count" || s.kind === "MeterExecute") noteReads(s.index);
      else if (s.kind === "DigestSend") s.values.forEach(noteReads);
    }
  };
  scan(program.ingress);

  // Generated names never take a program table's name (a table may be called act_l3).
  const taken = new Set(program.tables.map((t) => t.name));
  const unitName = (base: string): string => {
    let name = base;
    for (let n = 1; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    return name;
  };
  let nextOrder = 0;

  // The run of statements being collected into one keyless action table.
  let run: { state: SymState; pred: Predicate; span: ir.Stmt["span"] } | undefined;
  const flush = (): void => {
    if (run && !run.state.empty) {
      units.push({ name: unitName(`act_l${run.span.line}`), kind: "action", order: nextOrder++, pred: run.pred, span: run.span, actions: [{ name: "run", params: [], state: run.state }], hitLocals: [], actionLocals: [] });
    }
    run = undefined;
  };
  const addStmt = (st: ir.Stmt, pred: Predicate): void => {
    if (!run) run = { state: new SymState(program, [], true), pred, span: st.span };
    const undo = run.state.snapshot();
    try {
      run.state.exec(st);
    } catch (e) {
      if (!(e instanceof Hazard)) throw e;
      undo();
      flush();
      run = { state: new SymState(program, [], true), pred, span: st.span };
      try {
        run.state.exec(st);
      } catch (e2) {
        if (!(e2 instanceof Hazard)) throw e2;
        diags.error("E0802", e2.span, `target rmt: ${e2.message}; one statement must fit one stage`);
      }
    }
  };

  const newTemp = (e: ir.Expr): ir.Expr => {
    const id = nextLocal++;
    const type = e.type.kind === "bool" ? ir.bit(1) : e.type;
    locals.push({ id, name: `$gw.${id}`, type, span: e.span });
    const read: ir.Expr = { kind: "Read", type: e.type.kind === "bool" ? ir.bit(1) : e.type, loc: { kind: "local", id }, span: e.span };
    addStmt({ kind: "Assign", target: { loc: { kind: "local", id } }, value: e.type.kind === "bool" ? { kind: "Cast", type: ir.bit(1), expr: e, span: e.span } : e, span: e.span }, TRUE);
    return e.type.kind === "bool" ? { kind: "Binary", op: "!=", type: ir.BOOL, left: read, right: { kind: "Const", type: ir.bit(1), value: 0n, span: e.span }, span: e.span } : read;
  };
  /** Replaces what a gateway cannot compute by temporaries computed in keyless tables before it. */
  const hoist = (e: ir.Expr): ir.Expr => {
    if (gatewayOk(e)) return e;
    switch (e.kind) {
      case "Unary":
        return e.op === "!" ? { ...e, operand: hoist(e.operand) } : newTemp(e);
      case "Binary":
        if (["==", "!=", "<", "<=", ">", ">=", "&&", "||"].includes(e.op)) return { ...e, left: hoist(e.left), right: hoist(e.right) };
        return newTemp(e);
      default:
        return newTemp(e);
    }
  };
  const gateway = (e: ir.Expr): Predicate => {
    if (e.kind === "Const") return e.value !== 0n ? TRUE : FALSE;
    flush();
    const cond = hoist(e);
    flush();
    const name = unitName(`gw_l${e.span.line}`);
    units.push({ name, kind: "gateway", order: nextOrder++, pred: TRUE, span: e.span, actions: [], cond, hitLocals: [], actionLocals: [] });
    return { gw: name };
  };
  const condPred = (e: ir.Expr): Predicate => {
    const atom = atomOf(e);
    if (atom) return atom;
    if (hasAtom(e)) {
      if (e.kind === "Binary" && e.op === "&&") return and(condPred(e.left), condPred(e.right));
      if (e.kind === "Binary" && e.op === "||") return or(condPred(e.left), condPred(e.right));
      if (e.kind === "Unary") return not(condPred(e.operand));
    }
    return gateway(e);
  };

  const applyTable = (st: ir.ApplyTableStmt, pred: Predicate): void => {
    const table = program.tables.find((t) => t.name === st.table)!;
    const local = (id: number | undefined): Loc[] => (id !== undefined && materialised.has(`$local.${id}`) ? [{ kind: "local", id }] : []);
    const at = units.findIndex((u) => u.kind === "match" && u.table === table);
    const earlier = units[at];
    if (earlier) {
      // Another site of a table already lowered: one logical table, selected from every path that applies it.
      const sites = [...(earlier.sites ?? [{ order: earlier.order, pred: earlier.pred, span: earlier.span }]), { order: nextOrder++, pred, span: st.span }];
      units[at] = { ...earlier, pred: or(...sites.map((x) => x.pred)), sites, hitLocals: [...earlier.hitLocals, ...local(st.hitLocal)], actionLocals: [...earlier.actionLocals, ...local(st.actionLocal)] };
      return;
    }
    const actions = table.actions.map((name): UnitAction => {
      const action = program.actions.find((a) => a.name === name) ?? { name, params: [], body: [], span: table.span };
      const args = action.params.map((p, index): ir.Expr => ({ kind: "Read", type: p.type, loc: { kind: "param", index }, span: action.span }));
      const state = new SymState(program, args);
      try {
        for (const s of action.body) state.exec(s);
      } catch (e) {
        if (!(e instanceof Hazard)) throw e;
        diags.error("E0802", e.span, `target rmt: action ${name} of table ${table.name}: ${e.message}; an action runs in one stage`);
      }
      return { name, params: action.params, state };
    });
    units.push({ name: table.name, kind: "match", order: nextOrder++, pred, span: st.span, table, actions, hitLocals: local(st.hitLocal), actionLocals: local(st.actionLocal) });
  };

  /** Lowers a block under `pred`; returns the predicate under which control reaches its end. */
  const walk = (stmts: readonly ir.Stmt[], pred: Predicate): Predicate => {
    let p = pred;
    for (let i = 0; i < stmts.length; i++) {
      const st = stmts[i]!;
      if (st.kind === "Exit") {
        flush();
        return FALSE;
      }
      if (st.kind === "ApplyTable") {
        flush();
        applyTable(st, p);
        continue;
      }
      const csum = checksums.length < checksumUnits ? checksumPattern(program, st, stmts[i + 1]) : undefined;
      if (csum && !touchedAfter(source, stmts[i + 1]!, csum)) {
        // The deparser recomputes it after the last stage (the last unit for a header wins, as the last write would).
        checksums.push({ ...csum, pred: p, span: st.span });
        i++;
        continue;
      }
      if (st.kind !== "If") {
        if (run && run.pred !== p) flush();
        addStmt(st, p);
        continue;
      }
      const rest = stmts.slice(i + 1);
      let then = st.then;
      let other = st.else;
      let consumed = false;
      if (rest.length > 0 && alwaysExits(then)) {
        other = [...other, ...rest];
        consumed = true;
      } else if (rest.length > 0 && alwaysExits(other)) {
        then = [...then, ...rest];
        consumed = true;
      }
      flush();
      const c = condPred(st.cond);
      const pt = walk(then, and(p, c));
      const pe = walk(other, and(p, not(c)));
      flush();
      const clean = pt === and(p, c) || JSON.stringify(pt) === JSON.stringify(and(p, c));
      const cleanElse = JSON.stringify(pe) === JSON.stringify(and(p, not(c)));
      p = clean && cleanElse ? p : or(pt, pe);
      if (consumed) return p;
    }
    flush();
    return p;
  };
  walk(program.ingress, TRUE);
  return { units, checksums, program };
}

