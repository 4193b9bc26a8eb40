/**
 * The assembler against encodings worked out by hand from RFC 9669, its error messages, and
 * the disassembler as its inverse on every program of the conformance suite.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AsmError, assemble } from "../../targets/ebpf/vm/assembler.js";
import { disassemble } from "../../targets/ebpf/vm/disassembler.js";
import { decodeProgram, encodeProgram, insnFromWord, insnToWord } from "../../targets/ebpf/vm/isa.js";
import { SUITE, parseConformance, suiteFiles } from "./conformance-data.js";

const words = (asm: string): string[] => assemble(asm).map((i) => `0x${insnToWord(i).toString(16).padStart(16, "0")}`);

describe("encodings", () => {
  // word = imm << 32 | offset << 16 | src << 12 | dst << 8 | opcode
  const cases: [string, string[]][] = [
    ["add %r1, 2", ["0x0000000200000107"]],
    ["add32 %r1, %r2", ["0x000000000000210c"]],
    ["ldxh %r3, [%r1+12]", ["0x00000000000c1369"]],
    ["ldxsb %r0, [%r10-1]", ["0x00000000ffffa091"]],
    ["stb [%r1+2], -1", ["0xffffffff00020172"]],
    ["stxdw [%r10-8], %r0", ["0x00000000fff80a7b"]],
    ["lock fetch add [%r10-8], %r1", ["0x00000001fff81adb"]],
    ["lock cmpxchg32 [%r10-8], %r1", ["0x000000f1fff81ac3"]],
    ["lock xchg [%r10-8], %r1", ["0x000000e1fff81adb"]],
    ["call local +3", ["0x0000000300001085"]],
    ["call 5", ["0x0000000500000085"]],
    ["call %r2", ["0x000000000000028d"]],
    ["ja32 +2", ["0x0000000200000006"]],
    ["ja -1", ["0x00000000ffff0005"]],
    ["jsgt32 %r1, -3, +4", ["0xfffffffd00040166"]],
    ["movsx1664 %r8, %r7", ["0x00000000001078bf"]],
    ["sdiv32 %r0, %r1", ["0x000000000001103c"]],
    ["smod %r0, 3", ["0x0000000300010097"]],
    ["be16 %r0", ["0x00000010000000dc"]],
    ["le64 %r0", ["0x00000040000000d4"]],
    ["bswap32 %r0", ["0x00000020000000d7"]],
    ["neg32 %r3", ["0x0000000000000384"]],
    ["lddw %r0, 0x1122334455667788", ["0x5566778800000018", "0x1122334400000000"]],
    ["lddw %r1, map_fd:3", ["0x0000000300001118", "0x0000000000000000"]],
    ["lddw %r1, map_value_idx:2+16", ["0x0000000200006118", "0x0000001000000000"]],
    ["exit", ["0x0000000000000095"]],
    [".raw 0x0000000000010007", ["0x0000000000010007"]],
  ];
  for (const [asm, expected] of cases) {
    it(asm, () => expect(words(asm)).toEqual(expected));
  }

  it("labels resolve relative to the next slot, lddw counting two", () => {
    expect(words("ja end\nlddw %r0, 1\nend:\nexit")[0]).toBe("0x0000000000020005");
    expect(words("call local f\nexit\nf: mov %r0, 1\nexit")[0]).toBe("0x0000000100001085");
  });

  it("reads `exit` as the first exit unless a label of that name exists", () => {
    expect(words("jeq %r1, 0, exit\nmov %r0, 1\nexit\nexit")[0]).toBe("0x0000000000010115");
    expect(words("jeq %r1, 0, exit\nexit\nexit:\nexit")[0]).toBe("0x0000000000010115");
  });

  it("encodes and decodes programs as little-endian bytes", () => {
    const program = assemble("lddw %r0, 0x1122334455667788\nadd %r0, -1\nexit");
    const bytes = encodeProgram(program);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x18, 0x00, 0x00, 0x00, 0x88, 0x77, 0x66, 0x55]);
    expect(decodeProgram(bytes)).toEqual(program);
    expect(() => decodeProgram(new Uint8Array(12))).toThrow(/not a whole number/);
    expect(insnFromWord(insnToWord(program[2]!))).toEqual(program[2]);
  });
});

describe("errors name the line", () => {
  const cases: [string, string][] = [
    ["mov %r0, 1\nfrob %r0\nexit", "line 2: unknown mnemonic frob"],
    ["mov %r11, 1", "line 1: invalid register %r11 (expected %r0 … %r10)"],
    ["\n\nmov32 %r0, 0x100000000", "line 3: 0x100000000 does not fit in 32 bits"],
    ["mov %r0, -0x80000001", "line 1: -0x80000001 does not fit in 32 bits"],
    ["ldxw %r0, [%r1+40000]", "line 1: +40000 does not fit in 16 bits"],
    ["mov %r0, 2147483648", "line 1: 2147483648 does not fit in 32 bits"],
    ["ja nowhere", "line 1: unknown label nowhere"],
    ["a:\na:\nexit", "line 2: label a is defined twice"],
    ["add %r0", "line 1: add takes 2 operands, found 1"],
    ["ldxw %r0, %r1", "line 1: expected a memory operand like [%r1+4]: %r1"],
    ["lock frob [%r10-8], %r1", "line 1: lock needs an operation (add, or, and, xor, xchg, cmpxchg): frob [%r10-8], %r1"],
    ["lddw %r1, map_foo:1", "line 1: unknown lddw kind map_foo"],
  ];
  for (const [asm, message] of cases) {
    it(message, () => {
      expect(() => assemble(asm)).toThrow(AsmError);
      expect(() => assemble(asm)).toThrow(message);
    });
  }
});

describe("disassembler", () => {
  const files = suiteFiles();
  it("has the conformance programs to read back", () => expect(files.length).toBeGreaterThan(0));

  it("prints every conformance program so that it assembles to the same slots", () => {
    for (const file of files) {
      const test = parseConformance(readFileSync(join(SUITE, file), "utf8"));
      const program = test.raw ?? assemble(test.asm!);
      expect(assemble(disassemble(program)), file).toEqual(program);
      expect(assemble(disassemble(program, { labels: true })), file).toEqual(program);
    }
  });

  it("prints labels, lddw kinds and invalid slots", () => {
    const program = [
      ...assemble("jne %r1, 0, +2\nlddw %r1, map_value_fd:7+8\nexit\ncall local -4"),
      insnFromWord(0x0000000000010007n),
    ];
    expect(disassemble(program, { labels: true })).toBe(
      "jne %r1, 0, L3\nL1:\nlddw %r1, map_value_fd:7+8\nL3:\nexit\ncall local L1\n.raw 0x0000000000010007\n",
    );
  });
});
