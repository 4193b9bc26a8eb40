/**
 * Assembler for the textual eBPF syntax of bpf_conformance and uBPF: one instruction per line,
 * `#` comments, `name:` labels, jump targets as `+N`/`-N` or a label (the label `exit` means
 * the first `exit` unless the program defines it). It exists so that tests, the conformance
 * suite and people can write eBPF by hand; the code generator builds `Insn`s directly.
 *
 * Beyond bpf_conformance's syntax it reads what the disassembler prints for every valid
 * instruction: `lddw %r1, map_fd:3` (and the other `lddw` kinds of syntax.ts), `call runtime N`,
 * and `.raw 0x…` for any 64-bit slot, valid or not (handy for verifier tests).
 */

import {
  Alu,
  Cls,
  End,
  LddwKind,
  SIGNED_OFFSET,
  aluImm,
  aluReg,
  atomic,
  callHelper,
  callKfunc,
  callLocal,
  callReg,
  endian,
  exit,
  insnFromWord,
  ja,
  ja32,
  jmpImm,
  jmpReg,
  ldx,
  lddw,
  neg,
  sizeBytes,
  st,
  stx,
  type Insn,
} from "./isa.js";
import { ALU_OPS, ATOMIC_OPS, JUMP_OPS, LDDW_PSEUDO, SIGNED_ALU_OPS, SIZE_SUFFIXES } from "./syntax.js";

/** A mistake in assembly text; `line` is 1-based. */
export class AsmError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = "AsmError";
  }
}

/** Thrown while encoding one line; the line loop turns it into an AsmError. */
class Problem extends Error {}

/** A jump or call whose target is a label, patched once all labels are known. */
interface Fixup {
  slot: number;
  label: string;
  line: number;
  /** `offset` for 16-bit jumps; `imm` for `ja32` and `call local`. */
  field: "offset" | "imm";
}

/** One line's slots; `target` names a label to resolve into the first slot. */
interface Encoded {
  insns: Insn[];
  target?: { label: string; field: "offset" | "imm" };
}

const LABEL = /^([A-Za-z_.][\w.]*)\s*:/;

export function assemble(text: string): Insn[] {
  const insns: Insn[] = [];
  const labels = new Map<string, number>();
  const fixups: Fixup[] = [];
  let firstExit: number | undefined;

  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    let rest = raw.replace(/#.*/, "").trim();
    for (let m = LABEL.exec(rest); m; m = LABEL.exec(rest)) {
      const name = m[1]!;
      if (labels.has(name)) throw new AsmError(line, `label ${name} is defined twice`);
      labels.set(name, insns.length);
      rest = rest.slice(m[0].length).trim();
    }
    if (rest === "") return;
    let encoded: Encoded;
    try {
      encoded = encodeLine(rest);
    } catch (e) {
      if (e instanceof Problem) throw new AsmError(line, e.message);
      throw e;
    }
    if (encoded.target) fixups.push({ slot: insns.length, line, ...encoded.target });
    if (firstExit === undefined && rest === "exit") firstExit = insns.length;
    insns.push(...encoded.insns);
  });

  if (firstExit !== undefined && !labels.has("exit")) labels.set("exit", firstExit);
  for (const fix of fixups) {
    const target = labels.get(fix.label);
    if (target === undefined) throw new AsmError(fix.line, `unknown label ${fix.label}`);
    const relative = target - fix.slot - 1;
    if (fix.field === "offset" && (relative < -32768 || relative > 32767)) {
      throw new AsmError(fix.line, `label ${fix.label} is too far for a 16-bit jump (use ja32)`);
    }
    insns[fix.slot] = { ...insns[fix.slot]!, [fix.field]: relative };
  }
  return insns;
}

function encodeLine(text: string): Encoded {
  const [, mnemonic = "", rest = ""] = /^(\S+)\s*(.*)$/.exec(text) ?? [];
  if (mnemonic === "lock") return encodeAtomic(rest);
  if (mnemonic === "call") return encodeCall(rest);
  const operands = rest === "" ? [] : rest.split(",").map((s) => s.trim());
  const count = (n: number): string[] => {
    if (operands.length !== n) {
      throw new Problem(`${mnemonic} takes ${n} operand${n === 1 ? "" : "s"}, found ${operands.length}`);
    }
    return operands;
  };
  let m: RegExpExecArray | null;

  if (mnemonic === "exit") {
    count(0);
    return one(exit());
  }
  if (mnemonic === ".raw") return one(insnFromWord(BigInt.asUintN(64, integer(count(1)[0]!, 64))));
  if (mnemonic === "lddw") {
    const [dst, value] = count(2);
    return { insns: encodeLddw(register(dst!), value!) };
  }
  if (mnemonic === "ja") return jumpTo(ja(0), count(1)[0]!, "offset");
  if (mnemonic === "ja32") return jumpTo(ja32(0), count(1)[0]!, "imm");
  if ((m = /^(be|le)(16|32|64)$/.exec(mnemonic))) {
    return one(endian(Cls.ALU, m[1] === "be" ? End.TO_BE : End.TO_LE, register(count(1)[0]!), width(m[2]!)));
  }
  if ((m = /^b?swap(16|32|64)$/.exec(mnemonic))) {
    return one(endian(Cls.ALU64, End.TO_LE, register(count(1)[0]!), width(m[1]!)));
  }
  if ((m = /^neg(32|64)?$/.exec(mnemonic))) return one(neg(aluClass(m[1]), register(count(1)[0]!)));
  if ((m = /^movsx(8|16|32)(32|64)$/.exec(mnemonic))) {
    const [dst, src] = count(2);
    return one(aluReg(aluClass(m[2]), Alu.MOV, register(dst!), register(src!), Number(m[1])));
  }
  if ((m = /^ldx(s?)(b|h|w|dw)$/.exec(mnemonic))) {
    const [dst, mem] = count(2);
    const { reg, offset } = memory(mem!);
    return one(ldx(bytesOf(m[2]!), register(dst!), reg, offset, m[1] === "s"));
  }
  if ((m = /^st(x?)(b|h|w|dw)$/.exec(mnemonic))) {
    const [mem, value] = count(2);
    const { reg, offset } = memory(mem!);
    const bytes = bytesOf(m[2]!);
    return one(m[1] === "x" ? stx(bytes, reg, offset, register(value!)) : st(bytes, reg, offset, imm32(value!)));
  }
  if ((m = /^([a-z]+)(32|64)?$/.exec(mnemonic))) {
    const [, base = "", suffix] = m;
    const alu = ALU_OPS.get(base) ?? SIGNED_ALU_OPS.get(base);
    if (alu !== undefined) {
      const [dst, src] = count(2);
      const offset = SIGNED_ALU_OPS.has(base) ? SIGNED_OFFSET : 0;
      return one(isRegister(src!)
        ? aluReg(aluClass(suffix), alu, register(dst!), register(src!), offset)
        : aluImm(aluClass(suffix), alu, register(dst!), imm32(src!), offset));
    }
    const jump = JUMP_OPS.get(base);
    if (jump !== undefined && suffix !== "64") {
      const [dst, src, target] = count(3);
      const cls = suffix === "32" ? Cls.JMP32 : Cls.JMP;
      const insn = isRegister(src!)
        ? jmpReg(cls, jump, register(dst!), register(src!), 0)
        : jmpImm(cls, jump, register(dst!), imm32(src!), 0);
      return jumpTo(insn, target!, "offset");
    }
  }
  throw new Problem(`unknown mnemonic ${mnemonic}`);
}

/** `lock [fetch] op[32] [%rD+off], %rS`. */
function encodeAtomic(rest: string): Encoded {
  const m = /^(fetch\s+)?([a-z]+?)(32)?\s+(.*)$/.exec(rest);
  const op = m ? ATOMIC_OPS.get(m[2]!) : undefined;
  if (!m || op === undefined) throw new Problem(`lock needs an operation (add, or, and, xor, xchg, cmpxchg): ${rest}`);
  const operands = m[4]!.split(",").map((s) => s.trim());
  if (operands.length !== 2) throw new Problem(`lock ${m[2]} takes 2 operands, found ${operands.length}`);
  const { reg, offset } = memory(operands[0]!);
  const fetch = m[1] ? 0x01 : 0;
  return one(atomic(m[3] ? 4 : 8, op | fetch, reg, offset, register(operands[1]!)));
}

/** `call N`, `call helper N`, `call %rN`, `call local <target>`, `call runtime N`. */
function encodeCall(rest: string): Encoded {
  const words = rest.split(/\s+/).filter((w) => w !== "");
  const [first = "", second] = words;
  if (words.length === 1) {
    return one(isRegister(first) ? callReg(register(first)) : callHelper(imm32(first)));
  }
  if (words.length === 2 && first === "helper") return one(callHelper(imm32(second!)));
  if (words.length === 2 && first === "runtime") return one(callKfunc(imm32(second!)));
  if (words.length === 2 && first === "local") return jumpTo(callLocal(0), second!, "imm");
  throw new Problem(`call takes a helper id, a register, 'local <label>' or 'runtime <id>': call ${rest}`);
}

function encodeLddw(dst: number, value: string): Insn[] {
  const m = /^([a-z_]+):(.+)$/.exec(value);
  if (!m) return lddw(dst, integer(value, 64));
  const kind = LDDW_PSEUDO.get(m[1]!);
  if (kind === undefined) throw new Problem(`unknown lddw kind ${m[1]}`);
  // map_value_*:ID+OFF keeps the value offset in the upper word.
  const parts = /^([^+-]+)([+-].+)?$/.exec(m[2]!.replace(/\s+/g, ""));
  const id = BigInt.asUintN(32, integer(parts?.[1] ?? "", 32));
  const hasOffset = kind === LddwKind.MAP_VALUE_FD || kind === LddwKind.MAP_VALUE_IDX;
  const offset = parts?.[2] !== undefined ? BigInt.asUintN(32, integer(parts[2], 32)) : 0n;
  if (offset !== 0n && !hasOffset) throw new Problem(`lddw ${m[1]} takes no offset`);
  return lddw(dst, (offset << 32n) | id, kind);
}

function one(insn: Insn): Encoded {
  return { insns: [insn] };
}

/** A jump whose target is `+N`/`-N` or a label. */
function jumpTo(insn: Insn, target: string, field: "offset" | "imm"): Encoded {
  if (/^[+-]/.test(target)) return one({ ...insn, [field]: Number(integer(target, field === "offset" ? 16 : 32)) });
  if (!/^[A-Za-z_.][\w.]*$/.test(target)) throw new Problem(`jump target must be +N, -N or a label: ${target}`);
  return { insns: [insn], target: { label: target, field } };
}

const isRegister = (text: string): boolean => /^%?r\d+$/.test(text);

function register(text: string): number {
  const m = /^%?r(\d+)$/.exec(text);
  const n = m ? Number(m[1]) : NaN;
  if (!(n <= 10)) throw new Problem(`invalid register ${text} (expected %r0 … %r10)`);
  return n;
}

/** `[%rN]`, `[%rN+off]`, `[%rN-off]`. */
function memory(text: string): { reg: number; offset: number } {
  const m = /^\[\s*(%?r\d+)\s*(?:([+-])\s*(\w+))?\s*\]$/.exec(text);
  if (!m) throw new Problem(`expected a memory operand like [%r1+4]: ${text}`);
  const offset = m[2] ? Number(integer(`${m[2]}${m[3]}`, 16)) : 0;
  return { reg: register(m[1]!), offset };
}

/**
 * An integer field of `bits` bits, as bpf_conformance reads it: unsigned hex may use all the
 * bits (`0xffffffff` is -1 in 32), decimal and negative numbers must fit the signed range
 * (64-bit `lddw` values may also be unsigned decimal). Returned signed-wrapped for 16/32.
 */
function integer(text: string, bits: 16 | 32 | 64): bigint {
  const m = /^([+-]?)(0x[0-9a-f]+|[0-9]+)$/i.exec(text.trim());
  if (!m) throw new Problem(`expected a number: ${text}`);
  const value = BigInt(m[2]!) * (m[1] === "-" ? -1n : 1n);
  const half = 1n << BigInt(bits - 1);
  const unsigned = m[1] !== "-" && (bits === 64 || /^0x/i.test(m[2]!));
  if (value < -half || value >= (unsigned ? 2n * half : half)) throw new Problem(`${text} does not fit in ${bits} bits`);
  return bits === 64 ? value : BigInt.asIntN(bits, value);
}

const imm32 = (text: string): number => Number(integer(text, 32));

function width(text: string): 16 | 32 | 64 {
  return Number(text) as 16 | 32 | 64;
}

function bytesOf(suffix: string): 1 | 2 | 4 | 8 {
  return sizeBytes(SIZE_SUFFIXES.get(suffix)!);
}

function aluClass(suffix: string | undefined): number {
  return suffix === "32" ? Cls.ALU : Cls.ALU64;
}
