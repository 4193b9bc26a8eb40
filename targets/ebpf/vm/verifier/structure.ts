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
  LddwKind,
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
  /** Per instruction, bit r set when register r may be read before it is written from there on (r10 always). */
  readonly liveIn: Uint16Array;
}

/**
 * `mapCount`: how many maps `lddw map_idx:N` may refer to (the loader's maps); other references
 * are refused. `helperArgs`: how many argument registers a helper reads (for liveness).
 */
export function checkStructure(
  program: readonly Insn[],
  mapCount = 0,
  helperArgs: (id: number) => number = () => 5,
): Structure {
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
    const mapReference = isLddw(insn) && insn.src === LddwKind.MAP_IDX && insn.imm >= 0 && insn.imm < mapCount && program[i + 1]?.imm === 0;
    const unsupported = mapReference ? undefined : unsupportedProblem(insn);
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
  return { prunePoints, liveIn: liveness(program, starts, helperArgs) };
}

const bit = (r: number): number => 1 << r;
const ARGS = [1, 2, 3, 4, 5].reduce((m, r) => m | bit(r), 0);
const CALL_CLOBBERS = ARGS | bit(0);

/**
 * Backward dataflow: the registers each instruction may read before they are written. Exploration
 * forgets the others at prune points, so states that differ only in dead registers (a loop
 * counter after the loop) are recognised as the same. A local call reads r1–r5 and clobbers
 * r0–r5 (the callee's own liveness starts at its entry); `exit` reads r0.
 */
function liveness(program: readonly Insn[], starts: Uint8Array, helperArgs: (id: number) => number): Uint16Array {
  const n = program.length;
  const live = new Uint16Array(n);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = n - 1; i >= 0; i--) {
      if (!starts[i]) continue;
      const insn = program[i]!;
      let out = 0;
      if (!isExit(insn) && !isUnconditional(insn)) out |= live[i + (isLddw(insn) ? 2 : 1)] ?? 0;
      if (isJump(insn)) out |= live[jumpTarget(insn, i)]!;
      if (isCall(insn)) out = live[i + 1] ?? 0;
      const [use, def] = useDef(insn, helperArgs);
      const value = (out & ~def) | use | bit(FP);
      if (value !== live[i]) {
        live[i] = value;
        changed = true;
      }
    }
  }
  return live;
}

function useDef(insn: Insn, helperArgs: (id: number) => number): [number, number] {
  const cls = opClass(insn.opcode);
  const code = opCode(insn.opcode);
  const x = opSource(insn.opcode) === Src.X;
  switch (cls) {
    case Cls.ALU:
    case Cls.ALU64:
      if (code === Alu.MOV) return [x ? bit(insn.src) : 0, bit(insn.dst)];
      return [bit(insn.dst) | (x && code !== Alu.END ? bit(insn.src) : 0), bit(insn.dst)];
    case Cls.LD:
      return [0, bit(insn.dst)];
    case Cls.LDX:
      return [bit(insn.src), bit(insn.dst)];
    case Cls.ST:
      return [bit(insn.dst), 0];
    case Cls.STX: {
      const use = bit(insn.dst) | bit(insn.src);
      if (opMode(insn.opcode) !== Mode.ATOMIC) return [use, 0];
      if (insn.imm === Atomic.CMPXCHG) return [use | bit(0), bit(0)];
      return [use, (insn.imm & Atomic.FETCH) !== 0 ? bit(insn.src) : 0];
    }
    default: {
      if (code === Jmp.JA) return [0, 0];
      if (code === Jmp.EXIT) return [bit(0), 0];
      if (code === Jmp.CALL) {
        if (isLocalCall(insn)) return [ARGS, CALL_CLOBBERS];
        if (x) return [ARGS | bit(insn.dst), CALL_CLOBBERS];
        const args = Math.min(5, helperArgs(insn.imm));
        let use = 0;
        for (let r = 1; r <= args; r++) use |= bit(r);
        return [use, CALL_CLOBBERS];
      }
      return [bit(insn.dst) | (x ? bit(insn.src) : 0), 0];
    }
  }
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
