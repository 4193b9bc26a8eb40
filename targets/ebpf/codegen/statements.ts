// Statements of ingress and of actions → instructions. Register reads inside a
// statement's expressions are hoisted in front of it (expressions are pure,
// so reading early gives the same value) because a map lookup is a helper
// call and expression temporaries do not survive calls.

import * as ir from "../../../compiler/ir.js";
import { findAction } from "../../../runtime/controlplane.js";
import { walkExpr, stmtExprs } from "../../../compiler/visit.js";
import { Alu, Jmp, R_AUX, R_SCRATCH, Unsupported, type Label } from "./asm.js";
import type { Gen } from "./context.js";
import { branch, fieldSlot, genExpr, locationOf, release, storeValue } from "./expr.js";
import { count, digest, meter, registerWrite } from "./externs.js";
import { lookupElement } from "./calls.js";
import { headerRefName, S, VERDICT_CODE } from "./layout.js";
import { applyTable } from "./tables.js";
import { testOfApply, type AppliedTest } from "./applied.js";
import { afterStmt, endsControl, joinBranches, validWhen } from "./validity.js";

/** Reads every register read of `exprs` into a scratch temp slot (0 when the index is out of range). */
export function hoistRegisterReads(g: Gen, exprs: readonly ir.Expr[]): void {
  const reads: ir.RegisterReadExpr[] = [];
  for (const e of exprs) walkExpr(e, (x) => void (x.kind === "RegisterRead" && reads.push(x)));
  for (const r of reads) {
    const reg = g.program.registers.find((x) => x.name === r.register)!;
    const w = reg.width;
    const slot = g.temp(16, r.span);
    const { asm, regs } = g;
    asm.storeImm(8, R_SCRATCH, slot, 0);
    if (w > 64) asm.storeImm(8, R_SCRATCH, slot + 8, 0);
    const done = asm.label();
    lookupElement(g, g.layout.registerMaps.get(r.register)!, genExpr(g, r.index), reg.size, done);
    const p = regs.alloc();
    asm.mov(p, 0);
    const t = regs.alloc();
    asm.load(8, t, p, 0);
    asm.store(8, R_SCRATCH, slot, t);
    if (w > 64) {
      asm.load(8, t, p, 8);
      asm.store(8, R_SCRATCH, slot + 8, t);
    }
    regs.release(p, t);
    asm.bind(done);
    g.registerReads.set(r, slot);
  }
}

/** Stores `v` into an assignable location, honouring slices and "writes to invalid headers do nothing". */
export function assign(g: Gen, target: ir.LValue, value: ir.Expr): void {
  const { asm, regs } = g;
  const loc = target.loc;
  const where = locationOf(g, loc);
  if (!where) return; // a stack element past the end: writes are ignored
  const [base, at] = where;
  const w = loc.kind === "field" ? fieldWidth(g, loc) : loc.kind === "meta" ? ir.widthOf(g.program.metadata.find((m) => m.name === loc.field)!.type) : ir.widthOf(g.program.locals.find((l) => l.id === loc.id)!.type);
  const skip = asm.label();
  const v = genExpr(g, value);
  if (loc.kind === "field" && !g.knownValid.has(headerRefName(loc.ref))) {
    const valid = regs.alloc();
    asm.load(1, valid, R_SCRATCH, fieldSlot(g, loc.ref, loc.field)!.valid);
    asm.jumpIfImm(Jmp.JEQ, valid, 0, skip);
    regs.release(valid);
  }
  if (!target.slice) storeValue(g, base, at, v, w);
  else {
    const { hi, lo } = target.slice;
    const sw = hi - lo + 1;
    const word = lo >= 64 ? 8 : 0;
    const shift = lo - (lo >= 64 ? 64 : 0);
    if (hi >= 64 && lo < 64) throw new Unsupported(value.span, "ebpf target: assigning a slice that spans bit 64 of a wide value is not supported");
    const old = regs.alloc();
    const m = regs.alloc();
    asm.load(8, old, base, at + word);
    asm.constant(m, ~(ir.mask(sw) << BigInt(shift)) & ir.mask(64));
    asm.op(Alu.AND, old, m);
    if (shift > 0) asm.opi(Alu.LSH, v.lo, shift);
    asm.op(Alu.OR, old, v.lo);
    asm.store(8, base, at + word, old);
    regs.release(old, m);
  }
  release(g, v);
  asm.bind(skip);
}

function fieldWidth(g: Gen, loc: ir.FieldLoc): number {
  const h = g.program.headers.find((x) => x.name === loc.ref.header)!;
  const t = g.program.headerTypes.find((x) => x.name === h.type)!;
  return t.fields.find((f) => f.name === loc.field)!.width;
}

/** Zeroes a header element's fields and sets its valid byte. */
function setValidity(g: Gen, ref: string, valid: boolean): void {
  const slot = g.layout.headers.get(ref);
  if (!slot) return;
  const { asm } = g;
  if (valid) {
    asm.storeImm(1, R_SCRATCH, slot.valid, 1);
    return;
  }
  asm.storeImm(1, R_SCRATCH, slot.valid, 0);
  for (let i = 0; i < slot.words; i++) asm.storeImm(8, R_SCRATCH, slot.base + 8 * i, 0);
}

/** Copies stack element `from` over element `to` (fields and valid byte). */
function copyElement(g: Gen, from: string, to: string): void {
  const a = g.layout.headers.get(from)!;
  const b = g.layout.headers.get(to)!;
  const t = g.regs.alloc();
  g.asm.load(1, t, R_SCRATCH, a.valid);
  g.asm.store(1, R_SCRATCH, b.valid, t);
  for (let i = 0; i < a.words; i++) {
    g.asm.load(8, t, R_SCRATCH, a.base + 8 * i);
    g.asm.store(8, R_SCRATCH, b.base + 8 * i, t);
  }
  g.regs.release(t);
}

function stackShift(g: Gen, s: ir.StackShiftStmt): void {
  const size = g.program.headers.find((h) => h.name === s.header)!.stackSize!;
  const n = Math.min(s.count, size);
  const el = (i: number): string => `${s.header}[${i}]`;
  if (s.direction === "push_front") {
    for (let i = size - 1; i >= n; i--) copyElement(g, el(i - n), el(i));
    for (let i = 0; i < n; i++) setValidity(g, el(i), false);
  } else {
    for (let i = 0; i + n < size; i++) copyElement(g, el(i + n), el(i));
    for (let i = size - n; i < size; i++) setValidity(g, el(i), false);
  }
}

/** Runs an action's body with its parameters at r7 + offsets. */
export function genAction(g: Gen, action: ir.Action, params: readonly number[], exit: Label): void {
  const saved = [g.params, g.inAction, g.knownValid] as const;
  g.params = params;
  g.inAction = true;
  g.knownValid = new Set(g.knownValid); // each action body of a table starts from what held at the apply
  genStmts(g, action.body, exit);
  [g.params, g.inAction, g.knownValid] = saved;
}

export function genStmts(g: Gen, stmts: readonly ir.Stmt[], exit: Label): void {
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i]!;
    const test = s.kind === "ApplyTable" ? testOfApply(g.program, s, stmts[i + 1]) : undefined;
    if (s.kind === "ApplyTable" && test) {
      genTestedApply(g, s, test, exit);
      afterStmt(g, stmts[++i]!);
      continue;
    }
    genStmt(g, s, exit);
    afterStmt(g, s);
  }
}

/** An apply and the `if` (chain) testing its result: the apply's paths jump straight to the arms (applied.ts). */
function genTestedApply(g: Gen, s: ir.ApplyTableStmt, test: AppliedTest, exit: Label): void {
  const { asm } = g;
  g.resetTemp();
  hoistRegisterReads(g, stmtExprs(s));
  const arms = test.arms.map(() => asm.label());
  applyTable(g, s, exit, (hit, k) => arms[test.armOf(hit, k)]!, arms[0]);
  afterStmt(g, s);
  const before = g.knownValid;
  const end = asm.label();
  let known: Set<string> | undefined;
  test.arms.forEach((body, i) => {
    asm.bind(arms[i]!);
    g.knownValid = new Set(before);
    genStmts(g, body, exit);
    if (endsControl(body)) return;
    known = joinBranches(known, g.knownValid, before);
    asm.jump(end);
  });
  asm.bind(end);
  g.knownValid = known ?? before;
}

function genStmt(g: Gen, s: ir.Stmt, exit: Label): void {
  const { asm } = g;
  g.resetTemp();
  hoistRegisterReads(g, stmtExprs(s));
  switch (s.kind) {
    case "Assign":
      assign(g, s.target, s.value);
      break;
    case "If": {
      const other = asm.label();
      const end = asm.label();
      const before = g.knownValid;
      branch(g, s.cond, false, other);
      g.knownValid = new Set([...before, ...validWhen(g, s.cond, true)]);
      genStmts(g, s.then, exit);
      const afterThen = endsControl(s.then) ? undefined : g.knownValid;
      if (s.else.length > 0) asm.jump(end);
      asm.bind(other);
      g.knownValid = new Set([...before, ...validWhen(g, s.cond, false)]);
      genStmts(g, s.else, exit);
      const afterElse = endsControl(s.else) ? undefined : g.knownValid;
      asm.bind(end);
      g.knownValid = joinBranches(afterThen, afterElse, before);
      break;
    }
    case "ApplyTable":
      applyTable(g, s, exit);
      break;
    case "CallAction": {
      const action = findAction(g.program, s.action)!;
      const offsets = g.layout.callParamOffsets.get(action.name) ?? [];
      // Arguments are evaluated before the body runs (call by value).
      s.args.forEach((a, i) => {
        const v = genExpr(g, a);
        storeValue(g, R_SCRATCH, g.layout.callParams + offsets[i]!, v, ir.widthOf(a.type));
        release(g, v);
      });
      // Inside a table's action r7 points to that entry's parameters: keep it across the call.
      const nested = g.inAction;
      const keep = g.layout.temp + g.layout.tempBytes - 8;
      if (nested) asm.store(8, R_SCRATCH, keep, R_AUX);
      asm.mov(R_AUX, R_SCRATCH);
      asm.opi(Alu.ADD, R_AUX, g.layout.callParams);
      genAction(g, action, offsets, exit);
      if (nested) asm.load(8, R_AUX, R_SCRATCH, keep);
      else asm.opi(Alu.MOV, R_AUX, 0);
      break;
    }
    case "Verdict": {
      if (s.arg) {
        const v = genExpr(g, s.arg);
        asm.store(8, R_SCRATCH, S.VARG, v.lo);
        release(g, v);
      }
      asm.storeImm(8, R_SCRATCH, S.VERDICT, VERDICT_CODE[s.verdict]);
      break;
    }
    case "SetValidity": {
      setValidity(g, headerRefName(s.ref), s.valid);
      break;
    }
    case "StackShift":
      stackShift(g, s);
      break;
    case "RegisterWrite":
      registerWrite(g, s);
      break;
    case "Count":
      count(g, s);
      break;
    case "MeterExecute":
      meter(g, s);
      break;
    case "DigestSend":
      digest(g, s);
      break;
    case "Exit":
      asm.jump(exit);
      break;
  }
}
