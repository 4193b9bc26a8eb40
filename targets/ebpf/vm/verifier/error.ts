/**
 * The verifier's refusal: the instruction index, the instruction as text, and the reason.
 * A refused program is a user-level mistake (or a code generator bug), never a crash.
 */

import { formatInsn } from "../disassembler.js";
import type { Insn } from "../isa.js";

export class VerifierError extends Error {
  constructor(
    program: readonly Insn[],
    /** Index of the offending instruction slot. */
    readonly pc: number,
    /** The reason, without the location. */
    readonly reason: string,
  ) {
    const at = program[pc] !== undefined ? ` (${formatInsn(program, pc)})` : "";
    super(`instruction ${pc}${at}: ${reason}`);
    this.name = "VerifierError";
  }
}
