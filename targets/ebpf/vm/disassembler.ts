/**
 * Disassembler: prints slots in the syntax that assembler.ts reads, so that
 * `assemble(disassemble(p))` gives back `p` slot for slot. Used for debugging the VM and
 * verifier (messages quote the instruction) and for `--emit asm`. A slot that is not a valid
 * encoding prints as `.raw 0x…`, which still assembles to the same bits.
 */

import {
  Alu,
  Atomic,
  CallKind,
  Cls,
  End,
  Jmp,
  LddwKind,
  Mode,
  SIGNED_OFFSET,
  Src,
  encodingProblem,
  branchTarget,
  insnToWord,
  isLddw,
  lddwValue,
  opClass,
  opCode,
  opMode,
  opSize,
  opSource,
  type Insn,
} from "./isa.js";
import { ALU_OPS, ATOMIC_OPS, JUMP_OPS, LDDW_PSEUDO, SIGNED_ALU_OPS, SIZE_SUFFIXES, nameOf } from "./syntax.js";

export interface DisassembleOptions {
  /** Print jump and local-call targets as labels `L<index>:` instead of `+N`. */
  labels?: boolean;
}

/** The whole program, one instruction per line (an `lddw` is one line for two slots). */
export function disassemble(insns: readonly Insn[], options: DisassembleOptions = {}): string {
  const starts = instructionStarts(insns);
  const labelled = new Set<number>();
  if (options.labels) {
    for (const i of starts) {
      const target = branchTarget(insns[i]!, i);
      if (target !== undefined && starts.has(target)) labelled.add(target);
    }
  }
  const lines: string[] = [];
  for (const i of starts) {
    if (labelled.has(i)) lines.push(`L${i}:`);
    lines.push(formatInsn(insns, i, labelled.size > 0 ? (t) => (labelled.has(t) ? `L${t}` : undefined) : undefined));
  }
  return lines.join("\n") + "\n";
}

/**
 * One instruction (both slots of a valid `lddw`). `label` may name a target slot; when it
 * returns undefined the target prints as a relative offset.
 */
export function formatInsn(
  insns: readonly Insn[],
  index: number,
  label?: (target: number) => string | undefined,
): string {
  const insn = insns[index]!;
  if (encodingProblem(insns, index) !== undefined) return `.raw 0x${insnToWord(insn).toString(16).padStart(16, "0")}`;
  const { opcode, dst, src, offset, imm } = insn;
  const cls = opClass(opcode);
  const code = opCode(opcode);
  const source = opSource(opcode) === Src.X ? reg(src) : formatImm(imm);
  const target = (relative: number): string => {
    const name = label?.(branchTarget(insn, index)!);
    return name ?? (relative < 0 ? `${relative}` : `+${relative}`);
  };

  switch (cls) {
    case Cls.ALU:
    case Cls.ALU64: {
      const w = cls === Cls.ALU ? "32" : "";
      if (code === Alu.END) {
        if (cls === Cls.ALU64) return `bswap${imm} ${reg(dst)}`;
        return `${opSource(opcode) === End.TO_BE ? "be" : "le"}${imm} ${reg(dst)}`;
      }
      if (code === Alu.NEG) return `neg${w} ${reg(dst)}`;
      if (code === Alu.MOV && offset !== 0) return `movsx${offset}${cls === Cls.ALU ? "32" : "64"} ${reg(dst)}, ${reg(src)}`;
      const name = offset === SIGNED_OFFSET ? nameOf(SIGNED_ALU_OPS, code) : nameOf(ALU_OPS, code);
      return `${name}${w} ${reg(dst)}, ${source}`;
    }
    case Cls.JMP:
    case Cls.JMP32: {
      if (code === Jmp.JA) return cls === Cls.JMP ? `ja ${target(offset)}` : `ja32 ${target(imm)}`;
      if (code === Jmp.EXIT) return "exit";
      if (code === Jmp.CALL) {
        if (opSource(opcode) === Src.X) return `call ${reg(dst)}`;
        if (src === CallKind.LOCAL) return `call local ${target(imm)}`;
        return src === CallKind.KFUNC ? `call runtime ${imm}` : `call ${imm}`;
      }
      return `${nameOf(JUMP_OPS, code)}${cls === Cls.JMP32 ? "32" : ""} ${reg(dst)}, ${source}, ${target(offset)}`;
    }
    case Cls.LD: {
      const value = lddwValue(insn, insns[index + 1]!);
      if (src === LddwKind.IMM64) return `lddw ${reg(dst)}, 0x${value.toString(16)}`;
      const id = value & 0xffffffffn;
      const extra = value >> 32n;
      return `lddw ${reg(dst)}, ${nameOf(LDDW_PSEUDO, src)}:${id}${extra !== 0n ? `+${extra}` : ""}`;
    }
    case Cls.LDX: {
      const signed = opMode(opcode) === Mode.MEMSX ? "s" : "";
      return `ldx${signed}${nameOf(SIZE_SUFFIXES, opSize(opcode))} ${reg(dst)}, ${mem(src, offset)}`;
    }
    case Cls.ST:
      return `st${nameOf(SIZE_SUFFIXES, opSize(opcode))} ${mem(dst, offset)}, ${formatImm(imm)}`;
    default: {
      const size = nameOf(SIZE_SUFFIXES, opSize(opcode));
      if (opMode(opcode) === Mode.MEM) return `stx${size} ${mem(dst, offset)}, ${reg(src)}`;
      const fetch = imm !== Atomic.XCHG && imm !== Atomic.CMPXCHG && (imm & Atomic.FETCH) !== 0 ? "fetch " : "";
      const op = nameOf(ATOMIC_OPS, imm & ~(fetch ? Atomic.FETCH : 0));
      return `lock ${fetch}${op}${size === "w" ? "32" : ""} ${mem(dst, offset)}, ${reg(src)}`;
    }
  }
}

/** Slot indices where an instruction starts (skipping the second slot of each valid lddw). */
function instructionStarts(insns: readonly Insn[]): Set<number> {
  const starts = new Set<number>();
  for (let i = 0; i < insns.length; i++) {
    starts.add(i);
    if (isLddw(insns[i]!) && encodingProblem(insns, i) === undefined) i++;
  }
  return starts;
}

const reg = (n: number): string => `%r${n}`;

function mem(base: number, offset: number): string {
  if (offset === 0) return `[${reg(base)}]`;
  return `[${reg(base)}${offset < 0 ? "-" : "+"}${Math.abs(offset)}]`;
}

/** Small immediates in signed decimal, others as the hex of their 32 bits. */
function formatImm(imm: number): string {
  return imm > -65536 && imm < 65536 ? `${imm}` : `0x${(imm >>> 0).toString(16)}`;
}
