/**
 * The names of the textual eBPF syntax used by bpf_conformance and uBPF (`add32 %r0, 1`,
 * `ldxw %r0, [%r1+4]`, `lock fetch add [%r10-8], %r1`), shared by the assembler and the
 * disassembler so that whatever one prints the other reads back.
 */

import { Alu, Atomic, Jmp, LddwKind, Size } from "./isa.js";

/** Two-operand ALU mnemonics (without the `32` suffix) and their operation codes. */
export const ALU_OPS: ReadonlyMap<string, number> = new Map([
  ["add", Alu.ADD],
  ["sub", Alu.SUB],
  ["mul", Alu.MUL],
  ["div", Alu.DIV],
  ["or", Alu.OR],
  ["and", Alu.AND],
  ["lsh", Alu.LSH],
  ["rsh", Alu.RSH],
  ["mod", Alu.MOD],
  ["xor", Alu.XOR],
  ["mov", Alu.MOV],
  ["arsh", Alu.ARSH],
]);

/** Signed variants: same operation code with offset 1. */
export const SIGNED_ALU_OPS: ReadonlyMap<string, number> = new Map([
  ["sdiv", Alu.DIV],
  ["smod", Alu.MOD],
]);

/** Conditional jump mnemonics (without the `32` suffix). */
export const JUMP_OPS: ReadonlyMap<string, number> = new Map([
  ["jeq", Jmp.JEQ],
  ["jgt", Jmp.JGT],
  ["jge", Jmp.JGE],
  ["jset", Jmp.JSET],
  ["jne", Jmp.JNE],
  ["jsgt", Jmp.JSGT],
  ["jsge", Jmp.JSGE],
  ["jlt", Jmp.JLT],
  ["jle", Jmp.JLE],
  ["jslt", Jmp.JSLT],
  ["jsle", Jmp.JSLE],
]);

/** Size suffixes of `ldx`, `st`, `stx`. */
export const SIZE_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ["b", Size.B],
  ["h", Size.H],
  ["w", Size.W],
  ["dw", Size.DW],
]);

/** Atomic operations after `lock` (without `fetch` and the `32` suffix). */
export const ATOMIC_OPS: ReadonlyMap<string, number> = new Map([
  ["add", Atomic.ADD],
  ["or", Atomic.OR],
  ["and", Atomic.AND],
  ["xor", Atomic.XOR],
  ["xchg", Atomic.XCHG],
  ["cmpxchg", Atomic.CMPXCHG],
]);

/** `lddw` variants other than a plain 64-bit immediate: `lddw %r1, map_fd:3`. */
export const LDDW_PSEUDO: ReadonlyMap<string, number> = new Map([
  ["map_fd", LddwKind.MAP_FD],
  ["map_value_fd", LddwKind.MAP_VALUE_FD],
  ["var", LddwKind.VARIABLE],
  ["code", LddwKind.CODE],
  ["map_idx", LddwKind.MAP_IDX],
  ["map_value_idx", LddwKind.MAP_VALUE_IDX],
]);

/** The name of a code in one of the tables above. */
export function nameOf(table: ReadonlyMap<string, number>, code: number): string | undefined {
  for (const [name, value] of table) if (value === code) return name;
  return undefined;
}
