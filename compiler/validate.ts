// The IR validator: checks the invariants every pass must preserve.
//
// Run by the pipeline after lowering and after every pass (as Cranelift runs
// its verifier). A failure is a compiler bug, not a user error, so it throws
// an IrValidationError naming the pass that broke the IR and every problem
// found. What it checks: names refer to declared things; header refs are in
// range ("next"/"last" only in the parser); every expression's type agrees
// with its operands; constants fit their width; assignments, action calls,
// digests and table declarations have matching widths and counts; parser
// transitions go to existing states; local ids are unique.

import * as ir from "./ir.js";
import { stmtExprs, walkExpr } from "./visit.js";

export class IrValidationError extends Error {
  constructor(
    readonly passName: string,
    readonly problems: readonly string[],
  ) {
    super(`internal compiler error: the IR is invalid after pass '${passName}':\n  ${problems.join("\n  ")}`);
    this.name = "IrValidationError";
  }
}

export function validateProgram(program: ir.Program, passName: string): void {
  const problems = new Validator(program).run();
  if (problems.length > 0) throw new IrValidationError(passName, problems.slice(0, 50));
}

const sameType = (a: ir.ValueType, b: ir.ValueType) => ir.typeToString(a) === ir.typeToString(b);

interface Scope {
  readonly where: string;
  readonly inParser: boolean;
  readonly params?: readonly ir.ActionParam[];
}

class Validator {
  private readonly problems: string[] = [];
  private readonly headerTypes = new Map<string, ir.HeaderType>();
  private readonly headers = new Map<string, ir.HeaderInstance>();
  private readonly meta = new Map<string, ir.MetaField>();
  private readonly locals = new Map<number, ir.Local>();
  private readonly actions = new Map<string, ir.Action>();
  private readonly tables = new Map<string, ir.Table>();
  private readonly registers = new Map<string, ir.Register>();
  private readonly digests = new Map<string, ir.Digest>();

  constructor(private readonly p: ir.Program) {}

  run(): string[] {
    const p = this.p;
    for (const t of p.headerTypes) this.declare(this.headerTypes, t.name, t, "header type");
    for (const h of p.headers) this.declare(this.headers, h.name, h, "header instance");
    for (const m of p.metadata) this.declare(this.meta, m.name, m, "metadata field");
    for (const l of p.locals) {
      if (this.locals.has(l.id)) this.fail(`local id ${l.id} is declared twice`);
      this.locals.set(l.id, l);
    }
    for (const a of p.actions) this.declare(this.actions, a.name, a, "action");
    for (const t of p.tables) this.declare(this.tables, t.name, t, "table");
    for (const r of p.registers) this.declare(this.registers, r.name, r, "register");
    for (const d of p.digests) this.declare(this.digests, d.name, d, "digest");
    this.checkHeaderTypes();
    this.checkParser();
    for (const a of p.actions) this.checkStmts(a.body, { where: `action ${a.name}`, inParser: false, params: a.params });
    for (const t of p.tables) this.checkTable(t);
    this.checkStmts(p.ingress, { where: "ingress", inParser: false });
    for (const e of p.deparser.emits) {
      if (!this.headers.has(e.header)) this.fail(`deparser: emit of unknown header '${e.header}'`);
    }
    return this.problems;
  }

  private fail(message: string): void {
    this.problems.push(message);
  }

  private declare<T>(map: Map<string, T>, name: string, value: T, what: string): void {
    if (map.has(name)) this.fail(`${what} '${name}' is declared twice`);
    map.set(name, value);
  }

  private checkHeaderTypes(): void {
    for (const t of this.p.headerTypes) {
      let offset = 0;
      for (const f of t.fields) {
        if (f.offset !== offset) this.fail(`header type ${t.name}: field ${f.name} at bit ${f.offset}, expected ${offset}`);
        offset += f.width;
      }
      if (offset !== t.widthBits || offset % 8 !== 0) this.fail(`header type ${t.name}: width ${t.widthBits} is wrong or not whole bytes`);
    }
    for (const h of this.p.headers) {
      if (!this.headerTypes.has(h.type)) this.fail(`header ${h.name} has unknown type ${h.type}`);
    }
  }

  private checkParser(): void {
    const states = new Set(this.p.parser.states.map((s) => s.name));
    if (this.p.parser.states[0]?.name !== "start") this.fail("the parser's first state is not 'start'");
    if (states.size !== this.p.parser.states.length) this.fail("the parser has two states with the same name");
    const scope: Scope = { where: "parser", inParser: true };
    const target = (t: string, where: string) => {
      if (t !== ir.ACCEPT && t !== ir.REJECT && !states.has(t)) this.fail(`${where}: transition to unknown state '${t}'`);
    };
    for (const s of this.p.parser.states) {
      const where = `parser state ${s.name}`;
      for (const st of s.body) this.checkParserStmt(st, { ...scope, where });
      const tr = s.transition;
      if (tr.kind === "Goto") target(tr.target, where);
      else {
        tr.keys.forEach((k) => this.checkExpr(k, { ...scope, where }));
        for (const c of tr.cases) {
          target(c.target, where);
          if (c.patterns.length !== tr.keys.length) this.fail(`${where}: a select case has ${c.patterns.length} patterns for ${tr.keys.length} keys`);
          c.patterns.forEach((pat, i) => {
            const key = tr.keys[i];
            if (key) this.checkPattern(pat, ir.widthOf(key.type), where);
          });
        }
        if (tr.default !== undefined) target(tr.default, where);
      }
    }
  }

  private checkPattern(pat: ir.KeysetPattern, width: number, where: string): void {
    const fits = (v: bigint) => v >= 0n && v <= ir.mask(width);
    const values =
      pat.kind === "value" ? [pat.value] : pat.kind === "mask" ? [pat.value, pat.mask] : pat.kind === "range" ? [pat.lo, pat.hi] : [];
    if (!values.every(fits)) this.fail(`${where}: a select pattern does not fit bit<${width}>`);
  }

  private checkParserStmt(s: ir.ParserStmt, scope: Scope): void {
    switch (s.kind) {
      case "Extract":
        this.checkRef(s.ref, scope);
        break;
      case "Advance":
        this.checkExpr(s.bytes, scope);
        this.expectBits(s.bytes.type, `${scope.where}: advance`);
        break;
      case "Verify":
        this.checkExpr(s.cond, scope);
        this.expectBool(s.cond.type, `${scope.where}: verify condition`);
        if (s.error < 0 || s.error >= this.p.errors.length) this.fail(`${scope.where}: verify with unknown error ${s.error}`);
        break;
      case "Assign":
        this.checkStmts([s], scope);
        break;
    }
  }

  private checkTable(t: ir.Table): void {
    const where = `table ${t.name}`;
    t.keys.forEach((k) => {
      this.checkExpr(k.expr, { where, inParser: false });
      if (ir.widthOf(k.expr.type) !== k.width) this.fail(`${where}: key ${k.name} has width ${k.width} but its expression has ${ir.typeToString(k.expr.type)}`);
    });
    if (t.keys.filter((k) => k.matchKind === "lpm").length > 1) this.fail(`${where}: more than one lpm key`);
    for (const a of t.actions) if (!this.actions.has(a)) this.fail(`${where}: unknown action '${a}'`);
    this.checkInvocation(t.defaultAction, `${where} default action`);
    for (const e of t.entries) {
      if (e.keys.length !== t.keys.length) this.fail(`${where}: an entry has ${e.keys.length} keys, the table ${t.keys.length}`);
      if (!t.actions.includes(e.action.action)) this.fail(`${where}: an entry runs '${e.action.action}', not in the table's actions`);
      this.checkInvocation(e.action, `${where} entry`);
    }
    if (!(t.size > 0)) this.fail(`${where}: size ${t.size} is not positive`);
  }

  private checkInvocation(inv: ir.ActionInvocation, where: string): void {
    const a = this.actions.get(inv.action);
    if (!a) return this.fail(`${where}: unknown action '${inv.action}'`);
    if (a.params.length !== inv.args.length) this.fail(`${where}: ${inv.args.length} arguments for ${a.params.length} parameters of ${a.name}`);
    inv.args.forEach((v, i) => {
      const param = a.params[i];
      if (param && (v < 0n || v > ir.mask(ir.widthOf(param.type)))) this.fail(`${where}: argument ${i} does not fit ${param.name}`);
    });
  }

  private checkStmts(stmts: readonly ir.Stmt[], scope: Scope): void {
    for (const s of stmts) {
      for (const e of stmtExprs(s)) this.checkExpr(e, scope);
      const where = `${scope.where}: ${s.kind}`;
      switch (s.kind) {
        case "Assign": {
          const t = this.lvalueType(s.target, scope);
          if (t && !sameType(t, s.value.type)) this.fail(`${where}: assigns ${ir.typeToString(s.value.type)} to ${ir.typeToString(t)}`);
          break;
        }
        case "If":
          this.expectBool(s.cond.type, where);
          this.checkStmts(s.then, scope);
          this.checkStmts(s.else, scope);
          break;
        case "ApplyTable":
          if (scope.params) this.fail(`${where}: a table applied inside an action`);
          if (!this.tables.has(s.table)) this.fail(`${where}: unknown table '${s.table}'`);
          this.expectLocal(s.hitLocal, ir.BOOL, where);
          this.expectLocal(s.actionLocal, ir.bit(8), where);
          break;
        case "CallAction": {
          const a = this.actions.get(s.action);
          if (!a) this.fail(`${where}: unknown action '${s.action}'`);
          else if (a.params.length !== s.args.length || a.params.some((p, i) => !sameType(p.type, s.args[i]!.type)))
            this.fail(`${where}: arguments do not match the parameters of ${a.name}`);
          break;
        }
        case "Verdict":
          if ((s.verdict === "forward" || s.verdict === "multicast") !== (s.arg !== undefined)) this.fail(`${where}: ${s.verdict} with a wrong argument`);
          if (s.arg) this.expectBits(s.arg.type, where);
          break;
        case "SetValidity":
          this.checkRef(s.ref, scope);
          break;
        case "StackShift": {
          const h = this.headers.get(s.header);
          if (!h?.stackSize) this.fail(`${where}: '${s.header}' is not a header stack`);
          if (!(s.count >= 0)) this.fail(`${where}: negative count`);
          break;
        }
        case "RegisterWrite": {
          const r = this.registers.get(s.register);
          if (!r) this.fail(`${where}: unknown register '${s.register}'`);
          else if (!sameType(s.value.type, ir.bit(r.width))) this.fail(`${where}: value is not bit<${r.width}>`);
          break;
        }
        case "Count":
          if (!this.p.counters.some((c) => c.name === s.counter)) this.fail(`${where}: unknown counter '${s.counter}'`);
          break;
        case "MeterExecute":
          if (!this.p.meters.some((m) => m.name === s.meter)) this.fail(`${where}: unknown meter '${s.meter}'`);
          this.expectLocal(s.resultLocal, ir.bit(2), where);
          break;
        case "DigestSend": {
          const d = this.digests.get(s.digest);
          if (!d) this.fail(`${where}: unknown digest '${s.digest}'`);
          else if (d.fields.length !== s.values.length || d.fields.some((f, i) => ir.widthOf(s.values[i]!.type) !== f.width))
            this.fail(`${where}: values do not match the fields of digest ${d.name}`);
          break;
        }
        case "Exit":
          if (scope.params) this.fail(`${where}: exit inside an action`);
          break;
      }
    }
  }

  private expectLocal(id: number | undefined, type: ir.ValueType, where: string): void {
    if (id === undefined) return;
    const l = this.locals.get(id);
    if (!l) this.fail(`${where}: unknown local ${id}`);
    else if (!sameType(l.type, type)) this.fail(`${where}: local ${l.name} is ${ir.typeToString(l.type)}, expected ${ir.typeToString(type)}`);
  }

  private expectBool(t: ir.ValueType, where: string): void {
    if (t.kind !== "bool") this.fail(`${where}: expected bool, found ${ir.typeToString(t)}`);
  }

  private expectBits(t: ir.ValueType, where: string): void {
    if (t.kind !== "bit") this.fail(`${where}: expected a bit<N> value, found ${ir.typeToString(t)}`);
  }

  private checkRef(ref: ir.HeaderRef, scope: Scope): ir.HeaderType | undefined {
    const h = this.headers.get(ref.header);
    if (!h) {
      this.fail(`${scope.where}: unknown header '${ref.header}'`);
      return undefined;
    }
    if (h.stackSize === undefined) {
      if (ref.index !== undefined) this.fail(`${scope.where}: '${ref.header}' is not a stack but is indexed`);
    } else if (ref.index === undefined) {
      this.fail(`${scope.where}: stack '${ref.header}' used without an element`);
    } else if (typeof ref.index === "number") {
      if (ref.index < 0 || ref.index >= h.stackSize) this.fail(`${scope.where}: ${ref.header}[${ref.index}] is out of range`);
    } else if (!scope.inParser) {
      this.fail(`${scope.where}: ${ref.header}.${ref.index} outside the parser`);
    }
    return this.headerTypes.get(h.type);
  }

  private locationType(loc: ir.Location, scope: Scope): ir.ValueType | undefined {
    switch (loc.kind) {
      case "field": {
        const f = this.checkRef(loc.ref, scope)?.fields.find((x) => x.name === loc.field);
        if (!f) this.fail(`${scope.where}: unknown field ${loc.ref.header}.${loc.field}`);
        return f && ir.bit(f.width);
      }
      case "meta": {
        const m = this.meta.get(loc.field);
        if (!m) this.fail(`${scope.where}: unknown metadata field ${loc.field}`);
        return m?.type;
      }
      case "std":
        return loc.field === "parser_error"
          ? ir.ERROR
          : ir.bit({ ingress_port: 16, packet_length: 32, timestamp: 64 }[loc.field]);
      case "local": {
        const l = this.locals.get(loc.id);
        if (!l) this.fail(`${scope.where}: unknown local ${loc.id}`);
        return l?.type;
      }
      case "param": {
        const p = scope.params?.[loc.index];
        if (!p) this.fail(`${scope.where}: parameter ${loc.index} read outside an action that has it`);
        return p?.type;
      }
    }
  }

  private lvalueType(lv: ir.LValue, scope: Scope): ir.ValueType | undefined {
    const t = this.locationType(lv.loc, scope);
    if (!t || !lv.slice) return t;
    const { hi, lo } = lv.slice;
    if (!(lo >= 0 && hi >= lo && hi < ir.widthOf(t))) this.fail(`${scope.where}: slice [${hi}:${lo}] outside ${ir.typeToString(t)}`);
    return ir.bit(hi - lo + 1);
  }

  private checkExpr(root: ir.Expr, scope: Scope): void {
    walkExpr(root, (e) => {
      const problem = this.exprProblem(e, scope);
      if (problem) this.fail(`${scope.where}: ${e.kind}: ${problem}`);
    });
  }

  /** What is wrong with one expression node given its (already typed) children, if anything. */
  private exprProblem(e: ir.Expr, scope: Scope): string | undefined {
    const t = e.type;
    const w = ir.widthOf(t);
    if (t.kind === "bit" && !(t.width >= 1 && t.width <= 128)) return `width ${t.width} outside 1..128`;
    switch (e.kind) {
      case "Const":
        return e.value < 0n || e.value > ir.mask(w) ? `${e.value} does not fit ${ir.typeToString(t)}` : undefined;
      case "Read": {
        const lt = this.locationType(e.loc, scope);
        return lt && !sameType(lt, t) ? `reads ${ir.typeToString(lt)} as ${ir.typeToString(t)}` : undefined;
      }
      case "Unary":
        return sameType(e.operand.type, t) && (e.op === "!") === (t.kind === "bool") ? undefined : "operand type";
      case "Binary": {
        const [l, r] = [e.left.type, e.right.type];
        if (e.op === "&&" || e.op === "||") return l.kind === "bool" && r.kind === "bool" && t.kind === "bool" ? undefined : "logic on non-bool";
        if (e.op === "<<" || e.op === ">>") return sameType(l, t) && l.kind === "bit" && r.kind === "bit" ? undefined : "shift types";
        if (["==", "!=", "<", "<=", ">", ">="].includes(e.op)) {
          if (!sameType(l, r) || t.kind !== "bool") return "comparison of different types";
          return l.kind !== "bit" && e.op !== "==" && e.op !== "!=" ? "ordering of non-bit values" : undefined;
        }
        return sameType(l, r) && sameType(l, t) && t.kind === "bit" ? undefined : `${ir.typeToString(l)} ${e.op} ${ir.typeToString(r)} → ${ir.typeToString(t)}`;
      }
      case "Concat":
        return ir.widthOf(e.left.type) + ir.widthOf(e.right.type) === w && t.kind === "bit" ? undefined : "concat width";
      case "Slice":
        return e.lo >= 0 && e.hi >= e.lo && e.hi < ir.widthOf(e.expr.type) && w === e.hi - e.lo + 1 ? undefined : `slice [${e.hi}:${e.lo}]`;
      case "Cast":
        return t.kind === "bit" && e.expr.type.kind !== "error" ? undefined : "cast to a non-bit type";
      case "Cond":
        return e.cond.type.kind === "bool" && sameType(e.then.type, t) && sameType(e.else.type, t) ? undefined : "conditional types";
      case "IsValid":
        this.checkRef(e.ref, scope);
        return t.kind === "bool" ? undefined : "isValid is not bool";
      case "Hash":
        return sameType(t, ir.bit(32)) ? undefined : "hash is not bit<32>";
      case "Checksum16": {
        const total = e.inputs.reduce((n, x) => n + ir.widthOf(x.type), 0);
        return sameType(t, ir.bit(16)) && total % 16 === 0 ? undefined : "checksum16 input not a multiple of 16 bits";
      }
      case "CsumUpdate":
        return sameType(t, ir.bit(16)) && sameType(e.sum.type, t) ? undefined : "csum16_update types";
      case "RegisterRead": {
        const r = this.registers.get(e.register);
        return r && sameType(t, ir.bit(r.width)) ? undefined : `register '${e.register}'`;
      }
      case "Lookahead":
        return scope.inParser ? undefined : "lookahead outside the parser";
    }
  }
}
