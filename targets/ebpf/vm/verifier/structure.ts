/**
 * The verifier's first pass: checks that need no knowledge of values. Every slot must be a
 * valid encoding; jumps and local calls must land on an instruction inside the same function
 * (never in the middle of an `lddw`); no instruction may fall off the end of its function;
 * r10 is never written; no division or modulo by an immediate zero; no recursion; only
 * instructions this VM runs; no unreachable instructions. It also finds the points where the
 * exploration of explore.ts compares states.
 */

import {
  Alu,
  Atomic,
  Cls,
  FP,
  Jmp,
  Mode,
  branchTarget,
  encodingProblem,
  isCall,
  isJump,
  isLddw,
  isLocalCall,
  jumpTarget,
  opClass,
  opCode,
  opMode,
  opSource,
  Src,
  type Insn,
} from "../isa.js";
import { unsupportedProblem } from "../decode.js";
import { VerifierError } from "./error.js";

export interface Structure {
  /** 1 where exploration compares states: jump targets, after branches and calls, function entries. */
  readonly prunePoints: Uint8Array;
}

export function checkStructure(program: readonly Insn[]): Structure {
  const n = program.length;
  if (n === 0) throw new VerifierError(program, 0, "the program is empty");
  const starts = new Uint8Array(n);
  const fail = (pc: number, reason: string): never => {
    throw new VerifierError(program, pc, reason);
  };

  for (let i = 0; i < n; i++) {
    starts[i] = 1;
    const problem = encodingProblem(program, i);
    if (problem !== undefined) fail(i, problem);
    const insn = program[i]!;
    const unsupported = unsupportedProblem(insn);
    if (unsupported !== undefined) fail(i, unsupported);
    if (writesFramePointer(insn)) fail(i, "r10 (the frame pointer) is read-only");
    if (dividesByZeroImmediate(insn)) fail(i, "division or modulo by an immediate zero");
    if (isLddw(insn)) i++;
  }

  const functions = [0];
  for (let i = 0; i < n; i++) {
    const insn = program[i]!;
    const target = branchTarget(insn, i);
    if (target === undefined) continue;
    if (target < 0 || target >= n) fail(i, `jump to ${target} is outside the program (0–${n - 1})`);
    if (!starts[target]) fail(i, `jump to ${target} lands in the middle of lddw`);
    if (isLocalCall(insn)) functions.push(target);
  }
  const entries = [...new Set(functions)].sort((a, b) => a - b);
  const functionOf = (pc: number): number => entries.filter((e) => e <= pc).at(-1)!;

  const prunePoints = new Uint8Array(n);
  const calls = new Map<number, Set<number>>(entries.map((e) => [e, new Set<number>()]));
  for (const e of entries) prunePoints[e] = 1;
  for (let i = 0; i < n; i++) {
    if (!starts[i]) continue;
    const insn = program[i]!;
    const next = i + (isLddw(insn) ? 2 : 1);
    const fallsThrough = !isExit(insn) && !isUnconditional(insn);
    if (fallsThrough && (next >= n || functionOf(next) !== functionOf(i))) {
      fail(i, next >= n ? "execution can fall off the end of the program" : "execution can fall off the end of the function");
    }
    if (isJump(insn)) {
      const target = jumpTarget(insn, i);
      if (functionOf(target) !== functionOf(i)) fail(i, `jump to ${target} leaves the function`);
      prunePoints[target] = 1;
      if (!isUnconditional(insn)) prunePoints[next] = 1;
    }
    if (isCall(insn)) {
      if (next < n) prunePoints[next] = 1;
      if (isLocalCall(insn)) calls.get(functionOf(i))!.add(i + 1 + insn.imm);
    }
  }
  rejectRecursion(entries, calls, program, functionOf);
  rejectUnreachable(program, starts);
  return { prunePoints };
}

/** Like the kernel, refuse dead code: it is a code generator bug or a hidden mistake. */
function rejectUnreachable(program: readonly Insn[], starts: Uint8Array): void {
  const reached = new Uint8Array(program.length);
  const todo = [0];
  while (todo.length > 0) {
    const i = todo.pop()!;
    if (reached[i]) continue;
    reached[i] = 1;
    const insn = program[i]!;
    const target = branchTarget(insn, i);
    if (target !== undefined) todo.push(target);
    if (!isExit(insn) && !isUnconditional(insn)) todo.push(i + (isLddw(insn) ? 2 : 1));
  }
  const dead = starts.findIndex((start, i) => start === 1 && !reached[i]);
  if (dead >= 0) throw new VerifierError(program, dead, "unreachable instruction");
}

const isUnconditional = (insn: Insn): boolean => isJump(insn) && opCode(insn.opcode) === Jmp.JA;
const isExit = (insn: Insn): boolean => insn.opcode === (Cls.JMP | Jmp.EXIT);

function writesFramePointer(insn: Insn): boolean {
  const cls = opClass(insn.opcode);
  if (cls === Cls.ALU || cls === Cls.ALU64 || cls === Cls.LDX || cls === Cls.LD) return insn.dst === FP;
  // Atomics with FETCH write the old value to src (cmpxchg writes r0 instead).
  if (cls === Cls.STX && opMode(insn.opcode) === Mode.ATOMIC) {
    return insn.src === FP && (insn.imm & Atomic.FETCH) !== 0 && insn.imm !== Atomic.CMPXCHG;
  }
  return false;
}

function dividesByZeroImmediate(insn: Insn): boolean {
  const cls = opClass(insn.opcode);
  const code = opCode(insn.opcode);
  return (cls === Cls.ALU || cls === Cls.ALU64) && (code === Alu.DIV || code === Alu.MOD) &&
    opSource(insn.opcode) === Src.K && insn.imm === 0;
}

/** A cycle in the call graph is unbounded recursion (the kernel refuses all recursion). */
function rejectRecursion(
  entries: readonly number[],
  calls: ReadonlyMap<number, ReadonlySet<number>>,
  program: readonly Insn[],
  functionOf: (pc: number) => number,
): void {
  const state = new Map<number, "active" | "done">();
  const visit = (fn: number): void => {
    state.set(fn, "active");
    for (const callee of calls.get(fn) ?? []) {
      if (state.get(callee) === "active") {
        const site = program.findIndex((insn, i) => isLocalCall(insn) && i + 1 + insn.imm === callee && functionOf(i) === fn);
        throw new VerifierError(program, site, `recursive call of the function at ${callee}`);
      }
      if (!state.has(callee)) visit(callee);
    }
    state.set(fn, "done");
  };
  for (const e of entries) if (!state.has(e)) visit(e);
}
