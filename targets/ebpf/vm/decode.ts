/**
 * Decoding for the VM: the program becomes typed arrays once, before any run. Immediate
 * operands of ALU and conditional-jump instructions become register operands (a read-only
 * constant slot after r10 per distinct immediate, sign-extended), so the interpreter
 * implements each operation once. Slots that must not run become TRAP with their reason.
 */

import {
  Alu,
  CallKind,
  Cls,
  Jmp,
  LddwKind,
  REG_COUNT,
  Src,
  branchTarget,
  encodingProblem,
  isLddw,
  opClass,
  opCode,
  type Insn,
} from "./isa.js";

/** The program as typed arrays, one entry per slot plus a final "fell off the end" slot. */
export interface Decoded {
  readonly op: Uint8Array;
  readonly dst: Uint8Array;
  /** Source register, or the constant slot that replaced an immediate operand. */
  readonly src: Int32Array;
  readonly off: Int32Array;
  readonly imm: Int32Array;
  /** Values of the constant slots, in slot order after r10. */
  readonly constants: readonly number[];
  /** Why slots that must not execute (invalid, unsupported, lddw's second half) are so. */
  readonly invalid: ReadonlyMap<number, string>;
}

/** Opcode that no valid instruction has; decoded slots that must not run get it. */
export const TRAP = 0x00;

/**
 * Decodes and checks the program once: invalid encodings, kfunc calls and jumps out of the
 * program become TRAP slots that fault when (and only when) reached.
 */
export function decode(program: readonly Insn[]): Decoded {
  const n = program.length;
  const op = new Uint8Array(n + 1);
  const dst = new Uint8Array(n + 1);
  const src = new Int32Array(n + 1);
  const off = new Int32Array(n + 1);
  const imm = new Int32Array(n + 1);
  const constants: number[] = [];
  const constantSlot = new Map<number, number>();
  const invalid = new Map<number, string>();
  invalid.set(n, "execution fell off the end of the program");

  for (let i = 0; i < n; i++) {
    const insn = program[i]!;
    const problem = encodingProblem(program, i) ?? runtimeProblem(insn, i, n);
    if (problem !== undefined) {
      invalid.set(i, problem);
      continue;
    }
    op[i] = insn.opcode;
    dst[i] = insn.dst;
    src[i] = insn.src;
    off[i] = insn.offset;
    imm[i] = insn.imm;
    if (isLddw(insn)) {
      imm[i + 1] = program[i + 1]!.imm;
      invalid.set(++i, "jump into the middle of lddw");
    } else if (takesImmediateAsRegister(insn)) {
      let slot = constantSlot.get(insn.imm);
      if (slot === undefined) {
        slot = REG_COUNT + constants.length;
        constants.push(insn.imm);
        constantSlot.set(insn.imm, slot);
      }
      op[i] = insn.opcode | Src.X;
      src[i] = slot;
    }
  }
  for (let i = 0; i <= n; i++) if (invalid.has(i)) op[i] = TRAP;
  return { op, dst, src, off, imm, constants, invalid };
}

/** Valid encodings that this VM does not run (the verifier refuses them too). */
export function unsupportedProblem(insn: Insn): string | undefined {
  if (insn.opcode === (Cls.JMP | Jmp.CALL) && insn.src === CallKind.KFUNC) {
    return "calls by BTF id (kfuncs) are not supported";
  }
  if (isLddw(insn) && insn.src !== LddwKind.IMM64) {
    return "lddw of a map, variable or code reference must be resolved to an address before loading";
  }
  return undefined;
}

/** Why the VM cannot run this slot (jumps out of the program included), or undefined. */
function runtimeProblem(insn: Insn, index: number, n: number): string | undefined {
  const target = branchTarget(insn, index);
  if (target !== undefined && (target < 0 || target >= n)) return `jump to ${target} is outside the program (0–${n - 1})`;
  return unsupportedProblem(insn);
}

/** ALU and conditional-jump instructions with an immediate operand (not neg, byte swaps, ja, call, exit). */
function takesImmediateAsRegister(insn: Insn): boolean {
  if ((insn.opcode & Src.X) !== 0) return false;
  const cls = opClass(insn.opcode);
  const code = opCode(insn.opcode);
  if (cls === Cls.ALU || cls === Cls.ALU64) return code !== Alu.NEG && code !== Alu.END;
  if (cls === Cls.JMP || cls === Cls.JMP32) return code !== Jmp.JA && code !== Jmp.CALL && code !== Jmp.EXIT;
  return false;
}
