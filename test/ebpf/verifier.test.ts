/**
 * The verifier: each refusal names the instruction and the reason; safe programs, including
 * loops with a known bound and many branches in a row, are accepted.
 */

import { describe, expect, it } from "vitest";
import { assemble } from "../../targets/ebpf/vm/assembler.js";
import { HelperTable } from "../../targets/ebpf/vm/helpers.js";
import { MAX_CALL_FRAMES, insnFromWord } from "../../targets/ebpf/vm/isa.js";
import { verify, type EntryArg, type VerifyOptions } from "../../targets/ebpf/vm/verifier.js";

const CTX: EntryArg = { kind: "memory", name: "ctx", size: 16, writable: true };

function refusal(asm: string, options: VerifyOptions = {}): { pc: number; reason: string; message: string } {
  const result = verify(assemble(asm), options);
  if (result.ok) throw new Error("expected the verifier to refuse the program");
  return { pc: result.error.pc, reason: result.error.reason, message: result.error.message };
}

function accepts(asm: string, options: VerifyOptions = {}): number {
  const result = verify(assemble(asm), options);
  if (!result.ok) throw result.error;
  return result.explored;
}

describe("structural checks", () => {
  const cases: [string, string, number, string][] = [
    ["an empty program", "", 0, "the program is empty"],
    ["an invalid encoding", "mov %r0, 0\n.raw 0x0000000000010007\nexit", 1, "opcode 0x07 does not allow offset 1"],
    ["a jump out of the program", "mov %r0, 0\nja +3\nexit", 1, "jump to 5 is outside the program (0–2)"],
    ["a jump into lddw", "ja +1\nlddw %r0, 1\nexit", 0, "jump to 2 lands in the middle of lddw"],
    ["falling off the end", "mov %r0, 0", 0, "execution can fall off the end of the program"],
    ["a conditional jump as last instruction", "mov %r0, 0\njeq %r0, 0, -2", 1, "execution can fall off the end of the program"],
    ["falling into another function", "call local f\nexit\nf:\nmov %r0, 1\nexit\nmov %r0, 2\ncall local g\ng:\nexit", 5, "execution can fall off the end of the function"],
    ["a jump into another function", "mov %r0, 0\ncall local f\nja f\nf:\nexit", 2, "jump to 3 leaves the function"],
    ["writing r10", "mov %r10, 0\nexit", 0, "r10 (the frame pointer) is read-only"],
    ["adding to r10", "add %r10, -8\nexit", 0, "r10 (the frame pointer) is read-only"],
    ["loading into r10", "ldxdw %r10, [%r1]\nexit", 0, "r10 (the frame pointer) is read-only"],
    ["fetching into r10", "lock fetch add [%r1], %r10\nexit", 0, "r10 (the frame pointer) is read-only"],
    ["division by an immediate zero", "mov %r0, 1\ndiv %r0, 0\nexit", 1, "division or modulo by an immediate zero"],
    ["signed modulo by an immediate zero", "mov %r0, 1\nsmod32 %r0, 0\nexit", 1, "division or modulo by an immediate zero"],
    ["recursion", "call local f\nexit\nf:\ncall local f\nexit", 2, "recursive call of the function at 2"],
    ["mutual recursion", "call local f\nexit\nf:\ncall local g\nexit\ng:\ncall local f\nexit", 4, "recursive call of the function at 2"],
    ["an unresolved map reference", "lddw %r1, map_fd:3\nmov %r0, 0\nexit", 0, "lddw of a map, variable or code reference must be resolved to an address before loading"],
    ["a kfunc call", "call runtime 7\nexit", 0, "calls by BTF id (kfuncs) are not supported"],
    ["dead code", "mov %r0, 0\nja +1\nmov %r0, 1\nexit", 2, "unreachable instruction"],
    ["a function never called", "mov %r0, 0\nexit\nf:\nmov %r0, 1\nexit", 2, "unreachable instruction"],
  ];
  for (const [what, asm, pc, reason] of cases) {
    it(`refuses ${what}`, () => expect(refusal(asm)).toMatchObject({ pc, reason }));
  }

  it("refuses unknown opcodes given as raw slots", () => {
    const result = verify([insnFromWord(0x00000000000000ffn), ...assemble("exit")]);
    expect(result.ok || result.error.message).toBe("instruction 0 (.raw 0x00000000000000ff): unknown ALU operation in opcode 0xff");
  });

  it("accepts division by a register that may be zero (defined as 0)", () => {
    expect(accepts("mov %r0, 1\nmov %r1, 0\ndiv %r0, %r1\nexit")).toBeGreaterThan(0);
  });
});

describe("registers", () => {
  it("refuses reading a register that was never written, quoting the instruction", () => {
    expect(refusal("mov %r0, %r2\nexit").message).toBe("instruction 0 (mov %r0, %r2): r2 is read before it is written");
  });

  it("refuses exit without r0, also when only one path sets it", () => {
    expect(refusal("exit")).toMatchObject({ pc: 0, reason: "r0 is not set before exit" });
    const oneSided = "jeq %r1, 0, +1\nmov %r0, 1\nexit";
    expect(refusal(oneSided, { args: [{ kind: "scalar" }] })).toMatchObject({ pc: 2, reason: "r0 is not set before exit" });
    expect(accepts(oneSided, { args: [{ kind: "scalar", value: 3 }] })).toBeGreaterThan(0);
  });

  it("clobbers r1–r5 at helper calls and needs the helper to be known", () => {
    const helpers = new HelperTable().register(1, "one", () => 1);
    expect(refusal("call 1\nmov %r0, %r1\nexit", { helpers })).toMatchObject({ pc: 1, reason: "r1 is read before it is written" });
    expect(refusal("call 2\nexit", { helpers })).toMatchObject({ pc: 0, reason: "unknown helper 2" });
    expect(accepts("call 1\nexit", { helpers })).toBeGreaterThan(0);
    expect(refusal("call %r1\nexit", { helpers, args: [{ kind: "scalar" }] }).reason).toBe("r1: callx needs a known helper id");
  });
});

describe("memory", () => {
  it("checks the stack frame's bounds and initialisation", () => {
    expect(refusal("stdw [%r10-520], 1\nmov %r0, 0\nexit").reason).toBe("stack write of 8 byte(s) at fp-520 is outside the 512-byte frame");
    expect(refusal("stdw [%r10-4], 1\nmov %r0, 0\nexit").reason).toBe("stack write of 8 byte(s) at fp-4 is outside the 512-byte frame");
    expect(refusal("stw [%r10-8], 1\nldxdw %r0, [%r10-8]\nexit").reason).toBe("read of uninitialised stack at fp-4");
    expect(accepts("stdw [%r10-512], 1\nldxb %r0, [%r10-505]\nexit")).toBeGreaterThan(0);
  });

  it("checks the entry memory's bounds and permission", () => {
    expect(refusal("ldxdw %r0, [%r1+12]\nexit", { args: [CTX] }).reason).toBe("read of 8 byte(s) at offset 12 is outside ctx (16 bytes)");
    expect(refusal("ldxb %r0, [%r1-1]\nexit", { args: [CTX] }).reason).toBe("read of 1 byte(s) at offset -1 is outside ctx (16 bytes)");
    const readOnly: EntryArg = { kind: "memory", name: "ctx", size: 16 };
    expect(refusal("stb [%r1], 1\nmov %r0, 0\nexit", { args: [readOnly] }).reason).toBe("ctx is read-only");
    expect(accepts("add %r1, 8\nldxdw %r0, [%r1]\nexit", { args: [CTX] })).toBeGreaterThan(0);
  });

  it("refuses dereferencing numbers and pointers with an unknown offset", () => {
    expect(refusal("mov %r1, 0\nldxb %r0, [%r1]\nexit").reason).toBe("r1 is NULL, not a pointer: invalid memory read");
    expect(refusal("mov %r1, 64\nstb [%r1], 0\nexit").reason).toBe("r1 is a number, not a pointer: invalid memory write");
    const unknownOffset = "add %r1, %r2\nldxb %r0, [%r1]\nexit";
    expect(refusal(unknownOffset, { args: [CTX, { kind: "scalar" }] }).reason).toBe("r1 points into ctx at an unknown offset: invalid memory read");
    expect(accepts(unknownOffset, { args: [CTX, { kind: "scalar", value: 15 }] })).toBeGreaterThan(0);
  });

  it("allows only 64-bit add/sub of a number on pointers", () => {
    const args = [CTX];
    expect(refusal("mul %r1, 2\nmov %r0, 0\nexit", { args }).reason).toMatch(/^r1 is a pointer: this arithmetic on it is not allowed/);
    expect(refusal("add32 %r1, 2\nmov %r0, 0\nexit", { args }).reason).toMatch(/^r1 is a pointer/);
    expect(refusal("mov32 %r2, %r10\nmov %r0, 0\nexit").reason).toBe("r10 is a pointer: it cannot be truncated or sign-extended");
    expect(refusal("mov %r0, %r10\nsub %r0, %r1\nexit", { args: [CTX] }).reason).toMatch(/^r0 is a pointer/);
    expect(accepts("mov %r2, %r10\nadd %r2, -16\nmov %r0, %r10\nsub %r0, %r2\nexit")).toBeGreaterThan(0);
  });

  it("keeps pointers spilled to the stack, until a narrower store overwrites them", () => {
    const spill = "stxdw [%r10-8], %r1\nldxdw %r2, [%r10-8]\nldxb %r0, [%r2]\nexit";
    expect(accepts(spill, { args: [CTX] })).toBeGreaterThan(0);
    const clobbered = "stxdw [%r10-8], %r1\nstb [%r10-8], 0\nldxdw %r2, [%r10-8]\nldxb %r0, [%r2]\nexit";
    expect(refusal(clobbered, { args: [CTX] })).toMatchObject({ pc: 3, reason: "r2 is a number, not a pointer: invalid memory read" });
  });
});

describe("loops", () => {
  it("accepts a loop whose bound is a known constant", () => {
    expect(accepts("mov %r1, 0\nloop:\nadd %r1, 1\njlt %r1, 10, loop\nmov %r0, %r1\nexit")).toBeGreaterThan(20);
  });

  it("accepts a loop counting in a stack slot", () => {
    const asm = "stdw [%r10-8], 0\nloop:\nldxdw %r1, [%r10-8]\nadd %r1, 1\nstxdw [%r10-8], %r1\njlt %r1, 5, loop\nmov %r0, 0\nexit";
    expect(accepts(asm)).toBeGreaterThan(0);
  });

  it("refuses a loop that returns to the same state", () => {
    expect(refusal("ja -1")).toMatchObject({ pc: 0, reason: "infinite loop: execution can come back here in the same state" });
    const stuck = "loop:\nand %r1, 1\njne %r1, 0, loop\nmov %r0, 0\nexit";
    expect(refusal(stuck, { args: [{ kind: "scalar" }] })).toMatchObject({ pc: 0, reason: "infinite loop: execution can come back here in the same state" });
  });

  it("accepts a shift loop over an unknown number: its upper bound halves until it is 0", () => {
    const shift = "loop:\nrsh %r1, 1\njne %r1, 0, loop\nmov %r0, 0\nexit";
    expect(accepts(shift, { args: [{ kind: "scalar" }] })).toBeGreaterThan(64);
  });

  it("refuses a loop bounded by an unknown number once the exploration budget runs out", () => {
    const asm = "mov %r2, 0\nloop:\nadd %r2, 1\njlt %r2, %r1, loop\nmov %r0, 0\nexit";
    const result = refusal(asm, { args: [{ kind: "scalar" }], complexityLimit: 5000 });
    expect(result.reason).toBe("program too complex: more than 5000 instructions explored (a loop whose bound is not a known constant?)");
  });

  it("does not multiply paths through a long chain of branches", () => {
    const asm = ["mov %r2, 0", ..."x".repeat(40).split("").flatMap(() => ["jeq %r1, 0, +1", "mov %r2, 1"]), "mov %r0, %r2", "exit"].join("\n");
    expect(accepts(asm, { args: [{ kind: "scalar" }] })).toBeLessThan(1000);
  });
});

describe("bpf-to-bpf calls", () => {
  it("gives the callee r1–r5 and a fresh frame, and the caller its r0 back", () => {
    const asm = "mov %r1, 2\nstdw [%r10-8], 1\ncall local f\nldxdw %r1, [%r10-8]\nadd %r0, %r1\nexit\nf:\nmov %r0, %r1\nexit";
    expect(accepts(asm)).toBeGreaterThan(0);
    const calleeReadsCallerStack = "stdw [%r10-8], 1\ncall local f\nexit\nf:\nldxdw %r0, [%r10-8]\nexit";
    expect(refusal(calleeReadsCallerStack)).toMatchObject({ pc: 3, reason: "read of uninitialised stack at fp-8" });
    expect(refusal("mov %r6, 1\ncall local f\nexit\nf:\nmov %r0, %r6\nexit")).toMatchObject({ pc: 3, reason: "r6 is read before it is written" });
    expect(refusal("mov %r1, 1\ncall local f\nmov %r0, %r1\nexit\nf:\nmov %r0, 0\nexit")).toMatchObject({ pc: 2, reason: "r1 is read before it is written" });
  });

  it("refuses returning a pointer to the callee's own stack", () => {
    expect(refusal("call local f\nexit\nf:\nmov %r0, %r10\nexit")).toMatchObject({ pc: 3, reason: "the function returns a pointer to its own stack frame" });
  });

  it(`allows ${MAX_CALL_FRAMES} frames, not more`, () => {
    const chain = (functions: number): string => {
      const lines = ["call local f1", "exit"];
      for (let i = 1; i <= functions; i++) lines.push(`f${i}:`, i < functions ? `call local f${i + 1}` : "mov %r0, 0", "exit");
      return lines.join("\n");
    };
    expect(accepts(chain(MAX_CALL_FRAMES - 1))).toBeGreaterThan(0);
    expect(refusal(chain(MAX_CALL_FRAMES)).reason).toBe(`more than ${MAX_CALL_FRAMES} nested calls`);
  });
});
