/**
 * RFC 9669 semantics of the ALU and comparison operations on BigInt values: what the verifier
 * uses to fold constants (and what a code generator's optimiser can use). The VM computes the
 * same operations on split 32-bit halves for speed; this file is the readable version, one
 * expression per rule. Values are unsigned 64-bit bigints in and out.
 */

import { Alu, Cls, End, Jmp, SIGNED_OFFSET } from "./isa.js";

const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);

/**
 * `dst op src` for ALU/ALU64 operation `code` (not END). For an immediate operand pass it
 * sign-extended to 64 bits, as ALU64 reads it; 32-bit operations look at the low half only.
 */
export function aluResult(cls: number, code: number, offset: number, dst: bigint, src: bigint): bigint {
  const bits = cls === Cls.ALU ? 32 : 64;
  const unsigned = (v: bigint): bigint => BigInt.asUintN(bits, v);
  const signed = (v: bigint): bigint => BigInt.asIntN(bits, v);
  const a = unsigned(dst);
  const b = unsigned(src);
  const mask = BigInt(bits - 1);
  const isSigned = offset === SIGNED_OFFSET;
  switch (code) {
    case Alu.ADD: return unsigned(a + b);
    case Alu.SUB: return unsigned(a - b);
    case Alu.MUL: return unsigned(a * b);
    case Alu.DIV:
      if (b === 0n) return 0n;
      return isSigned ? unsigned(signed(a) / signed(b)) : a / b;
    case Alu.MOD:
      if (b === 0n) return a;
      return isSigned ? unsigned(signed(a) % signed(b)) : a % b;
    case Alu.OR: return a | b;
    case Alu.AND: return a & b;
    case Alu.XOR: return a ^ b;
    case Alu.LSH: return unsigned(a << (b & mask));
    case Alu.RSH: return a >> (b & mask);
    case Alu.ARSH: return unsigned(signed(a) >> (b & mask));
    case Alu.NEG: return unsigned(-a);
    case Alu.MOV:
      // movsx: sign-extend the low `offset` bits, then to the operation's width.
      return offset === 0 ? b : unsigned(BigInt.asIntN(offset, src));
    default:
      throw new Error(`aluResult: operation 0x${code.toString(16)} is not a two-operand ALU operation`);
  }
}

/**
 * `END` on a little-endian host: class ALU with TO_LE truncates to `bits`, with TO_BE (and
 * class ALU64, `bswap`) reverses the bytes of the low `bits` and clears the rest.
 */
export function byteSwap(cls: number, order: number, bits: number, value: bigint): bigint {
  const low = BigInt.asUintN(bits, value);
  if (cls === Cls.ALU && order === End.TO_LE) return low;
  let out = 0n;
  for (let i = 0; i < bits; i += 8) out = (out << 8n) | ((low >> BigInt(i)) & 0xffn);
  return out;
}

/** Does conditional jump `code` (JMP: 64-bit, JMP32: low halves) hold for `dst`, `src`? */
export function conditionHolds(cls: number, code: number, dst: bigint, src: bigint): boolean {
  const bits = cls === Cls.JMP32 ? 32 : 64;
  const ua = BigInt.asUintN(bits, dst);
  const ub = BigInt.asUintN(bits, src);
  const sa = BigInt.asIntN(bits, dst);
  const sb = BigInt.asIntN(bits, src);
  switch (code) {
    case Jmp.JEQ: return ua === ub;
    case Jmp.JNE: return ua !== ub;
    case Jmp.JSET: return (ua & ub) !== 0n;
    case Jmp.JGT: return ua > ub;
    case Jmp.JGE: return ua >= ub;
    case Jmp.JLT: return ua < ub;
    case Jmp.JLE: return ua <= ub;
    case Jmp.JSGT: return sa > sb;
    case Jmp.JSGE: return sa >= sb;
    case Jmp.JSLT: return sa < sb;
    case Jmp.JSLE: return sa <= sb;
    default:
      throw new Error(`conditionHolds: 0x${code.toString(16)} is not a conditional jump`);
  }
}

/** An immediate as a 64-bit operand (sign-extended, as ALU64 and JMP read it). */
export const immediate = (imm: number): bigint => u64(BigInt(imm));
