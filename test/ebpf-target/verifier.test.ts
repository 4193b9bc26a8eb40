// The VM verifier on generated XDP objects: every example's object is accepted (what the
// emulator checks when it loads one), and a generated program made unsafe by one mutation is
// refused at the right instruction with the right reason.

import { describe, expect, it } from "vitest";
import { compileEbpf } from "../../targets/ebpf/index.js";
import { assemble } from "../../targets/ebpf/vm/assembler.js";
import { formatInsn } from "../../targets/ebpf/vm/disassembler.js";
import { Cls, LddwKind, jmpImm, Jmp, lddw, st, type Insn } from "../../targets/ebpf/vm/isa.js";
import { verify, XDP_HELPER_PROTOTYPES, type VerifyResult } from "../../targets/ebpf/vm/verifier.js";
import { XdpMd } from "../../targets/ebpf/codegen/helpers.js";
import { XdpEnvironment } from "../../targets/ebpf/xdp/env.js";
import { verifyXdp } from "../../targets/ebpf/xdp/backend.js";
import { EXAMPLES, compileFile } from "./harness.js";

describe("the VM verifier accepts every example's generated object", () => {
  for (const example of EXAMPLES) {
    it(example.name, () => {
      const elf = compileEbpf(compileFile(example.programFile)).object;
      const verdict = verifyXdp(new XdpEnvironment(elf), elf);
      if (!verdict.ok) throw verdict.error;
      expect(verdict.explored).toBeGreaterThan(0);
    });
  }
});

/** router's program with map references as the loader gives them, and how to verify a variant. */
const env = new XdpEnvironment(compileEbpf(compileFile("examples/router/router.pnet")).object);
const original: Insn[] = [...env.object.insns];
const mapIndex = new Map(env.object.maps.map((m, i) => [m.name, i]));
for (const r of env.object.relocs) {
  [original[r.insn], original[r.insn + 1]] = lddw(original[r.insn]!.dst, BigInt(mapIndex.get(r.map)!), LddwKind.MAP_IDX);
}
const check = (program: readonly Insn[]): VerifyResult =>
  verify(program, {
    helpers: env.helpers,
    prototypes: XDP_HELPER_PROTOTYPES,
    maps: env.object.maps,
    args: [{ kind: "memory", name: "ctx", size: XdpMd.BYTES, packetFields: { data: XdpMd.DATA, dataEnd: XdpMd.DATA_END, dataMeta: XdpMd.DATA_META } }],
  });
const text = (program: readonly Insn[], pc: number): string => formatInsn(program, pc);
/** The first instruction at or after `from` whose text matches. */
function find(pattern: RegExp, from = 0): number {
  for (let pc = from; pc < original.length; pc++) if (pattern.test(text(original, pc))) return pc;
  throw new Error(`no instruction matches ${pattern}`);
}
function replaced(pc: number, insn: Insn): Insn[] {
  const program = [...original];
  program[pc] = insn;
  return program;
}
function refusal(program: readonly Insn[]): { pc: number; reason: string } {
  const result = check(program);
  if (result.ok) throw new Error("expected the verifier to refuse the mutated program");
  return { pc: result.error.pc, reason: result.error.reason };
}

describe("mutated generated programs are refused with the instruction and the reason", () => {
  it("the unmutated program is accepted", () => {
    expect(check(original).ok).toBe(true);
  });

  it("a removed packet bounds check: the access past the checked range", () => {
    const bound = find(/^jgt %r\d, %r\d, /, find(/^ldxw %r7, \[%r6\]$/)); // p + n > data_end, the parser's first
    const register = original[bound]!.dst;
    // Compare the pointer with itself: both branches stay, nothing is proven.
    const program = replaced(bound, { ...original[bound]!, src: register });
    const load = find(/^ldx[bhwd]+ %r\d, \[%r7/, bound);
    expect(refusal(program)).toMatchObject({ pc: load });
    expect(refusal(program).reason).toMatch(/^packet read of \d byte\(s\) at offset 0 is outside the range checked against data_end \(0 bytes\)$/);
  });

  it("a removed NULL check: the use of a map value that may be NULL", () => {
    const nullCheck = find(/^jeq %r0, 0, /);
    const program = replaced(nullCheck, jmpImm(Cls.JMP, Jmp.JEQ, 0, 1, original[nullCheck]!.offset));
    const result = refusal(program);
    expect(text(original, result.pc)).toMatch(/^stdw \[%r9\+8\], 0$/); // the first store of the per-packet reset
    expect(result.reason).toBe("r9 may be NULL (a map_lookup_elem result not yet compared with 0): invalid memory write");
  });

  it("a key read from an uninitialised stack slot", () => {
    const key = find(/^stw \[%r10-8\], 0$/);
    const program = replaced(key, st(4, 10, -16, 0));
    const call = find(/^call 1$/);
    expect(refusal(program)).toEqual({
      pc: call,
      reason: "map_lookup_elem (helper 1): r2 must point to the key of map scratch (4 bytes): read of uninitialised stack at fp-8",
    });
  });

  it("a backward jump that forms a loop with no exit", () => {
    const at = find(/^stdw \[%r9\+16\], 0$/);
    const head = find(/^stdw \[%r9\+8\], 0$/);
    // jne r6 (the context), 0: the verifier cannot decide it, so both ways are followed.
    const program = replaced(at, jmpImm(Cls.JMP, Jmp.JNE, 6, 0, head - at - 1));
    expect(refusal(program)).toEqual({ pc: head, reason: "infinite loop: execution can come back here in the same state" });
  });

  it("an exit reachable before r0 is set", () => {
    const exit = original.length - 1;
    expect(text(original, exit)).toBe("exit");
    // A branch to the last exit put in front (relative jumps stay right: everything moves by one).
    // r1, the context, is a pointer, so the verifier follows both ways.
    const program = [jmpImm(Cls.JMP, Jmp.JNE, 1, 0, exit), ...original];
    expect(refusal(program)).toEqual({ pc: exit + 1, reason: "r0 is not set before exit" });
  });

  it("a packet access after xdp_adjust_head through a pointer derived before it", () => {
    // r7 was checked against data_end (router's pointers are re-derived; here one is kept).
    const asm = (access: string): Insn[] => assemble(`
      ldxw %r2, [%r1]
      ldxw %r3, [%r1+4]
      mov %r6, %r1
      mov %r7, %r2
      add %r2, 14
      jgt %r2, %r3, out
      ldxb %r0, [%r7]
      mov %r1, %r6
      mov %r2, -4
      call 44
      ${access}
      ldxb %r0, [%r7]
    out:
      mov %r0, 2
      exit`);
    expect(refusal(asm(""))).toEqual({
      pc: 10,
      reason: "r7 was a packet pointer, invalidated by xdp_adjust_head at instruction 9 (load it again from the context)",
    });
    // Re-derived from the context, it is an unchecked pointer again.
    expect(refusal(asm("ldxw %r7, [%r6]")).reason).toBe("packet read of 1 byte(s) at offset 0 is outside the range checked against data_end (0 bytes)");
  });
});
