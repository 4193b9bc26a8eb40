// The IR validator: checks the invariants every pass must preserve.
//
// Run by the pipeline after lowering and after every pass. A failure is a
// compiler bug, not a user error, so it throws an IrValidationError naming the
// pass that broke the IR.

import type { Program } from "./ir.js";

export class IrValidationError extends Error {
  constructor(
    readonly passName: string,
    readonly problems: readonly string[],
  ) {
    super(`internal compiler error: the IR is invalid after pass '${passName}':\n  ${problems.join("\n  ")}`);
    this.name = "IrValidationError";
  }
}

export function validateProgram(program: Program, passName: string): void {
  const problems: string[] = [];
  if (!program.parser.states.some((s) => s.name === "start")) problems.push("the parser has no start state");
  if (problems.length > 0) throw new IrValidationError(passName, problems);
}
