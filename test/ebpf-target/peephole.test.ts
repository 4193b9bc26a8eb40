// The eBPF generator's clean-up passes (targets/ebpf/codegen/peephole/) on
// small hand-written instruction sequences: each pass alone, what it must
// change and what it must leave as it is.

import { describe, expect, it } from "vitest";
import { optimize, type Item } from "../../targets/ebpf/codegen/peephole/index.js";
import { dropJumpsToNext, dropUnusedLabels, invertBranchOverJump, removeUnreachable, threadJumps } from "../../targets/ebpf/codegen/peephole/jumps.js";
import { coalesceMoves, dropDeadWrites, storeImmediates, xorIntoCompare } from "../../targets/ebpf/codegen/peephole/liveness.js";
import { dropDeadStores, dropOverwrittenStores, forwardStores } from "../../targets/ebpf/codegen/peephole/scratch.js";
import { foldConstants } from "../../targets/ebpf/codegen/peephole/constants.js";
import { Alu, Cls, End, Jmp, aluImm, aluReg, callHelper, endian, exit, ja, jmpImm, jmpReg, lddw as lddwInsns, ldx, st, stx } from "../../targets/ebpf/vm/isa.js";

const L = (label: number): Item => ({ label });
const mov = (dst: number, imm: number): Item => ({ insn: aluImm(Cls.ALU64, Alu.MOV, dst, imm) });
const movr = (dst: number, src: number): Item => ({ insn: aluReg(Cls.ALU64, Alu.MOV, dst, src) });
const add = (dst: number, imm: number): Item => ({ insn: aluImm(Cls.ALU64, Alu.ADD, dst, imm) });
const jmp = (target: number): Item => ({ insn: ja(0), target });
const jeq = (dst: number, imm: number, target: number): Item => ({ insn: jmpImm(Cls.JMP, Jmp.JEQ, dst, imm, 0), target });
const jne = (dst: number, imm: number, target: number): Item => ({ insn: jmpImm(Cls.JMP, Jmp.JNE, dst, imm, 0), target });
const jgt = (dst: number, imm: number, target: number): Item => ({ insn: jmpImm(Cls.JMP, Jmp.JGT, dst, imm, 0), target });
const lddw = (dst: number, value: bigint): Item => {
  const [insn, wide] = lddwInsns(dst, value);
  return { insn, wide };
};
const jset = (dst: number, imm: number, target: number): Item => ({ insn: jmpImm(Cls.JMP, Jmp.JSET, dst, imm, 0), target });
const ret: Item = { insn: exit() };
const call: Item = { insn: callHelper(1) };
const load = (bytes: 1 | 2 | 4 | 8, dst: number, base: number, at: number): Item => ({ insn: ldx(bytes, dst, base, at) });
const store = (bytes: 1 | 2 | 4 | 8, base: number, at: number, src: number): Item => ({ insn: stx(bytes, base, at, src) });
const storeImm = (bytes: 1 | 2 | 4 | 8, base: number, at: number, imm: number): Item => ({ insn: st(bytes, base, at, imm) });

describe("removeUnreachable", () => {
  it("drops lines after exit and after ja that no jump reaches, keeping labels", () => {
    const input = [mov(0, 1), jeq(0, 1, 1), ret, mov(0, 2), L(1), mov(0, 3), jmp(2), mov(0, 4), L(2), ret];
    expect(removeUnreachable(input)).toEqual([mov(0, 1), jeq(0, 1, 1), ret, L(1), mov(0, 3), jmp(2), L(2), ret]);
  });
  it("returns the same list when everything is reachable", () => {
    const input = [mov(0, 1), ret];
    expect(removeUnreachable(input)).toBe(input);
  });
});

describe("threadJumps", () => {
  it("sends a jump to a ja chain to the chain's end", () => {
    const input = [jeq(0, 0, 1), ret, L(1), jmp(2), L(2), L(3), jmp(4), L(4), ret];
    expect(threadJumps(input)).toEqual([jeq(0, 0, 4), ret, L(1), jmp(4), L(2), L(3), jmp(4), L(4), ret]);
  });
  it("stops on a loop of jumps (which stays an endless loop)", () => {
    const input = [L(1), jmp(2), L(2), jmp(1)];
    expect(threadJumps(input)).toEqual([L(1), jmp(1), L(2), jmp(2)]);
  });
});

describe("invertBranchOverJump", () => {
  it("turns `jeq L1; ja L2; L1:` into `jne L2; L1:`", () => {
    const input = [jeq(0, 4, 1), jmp(2), L(1), mov(0, 1), L(2), ret];
    expect(invertBranchOverJump(input)).toEqual([jne(0, 4, 2), L(1), mov(0, 1), L(2), ret]);
  });
  it("leaves a branch over a ja to somewhere else, and jset (no inverse)", () => {
    const input = [jeq(0, 4, 3), jmp(2), L(1), jset(0, 4, 1), jmp(2), L(1 + 10), L(3), L(2), ret];
    expect(invertBranchOverJump(input)).toBe(input);
  });
  it("keeps the shape inside a loop (the verifier's cost depends on it)", () => {
    const input = [L(0), jeq(0, 4, 1), jmp(2), L(1), add(0, 1), jmp(0), L(2), ret];
    expect(invertBranchOverJump(input)).toBe(input);
  });
});

describe("dropJumpsToNext and dropUnusedLabels", () => {
  it("drops taken and conditional jumps to the next line", () => {
    const input = [jeq(0, 1, 1), L(1), jmp(2), L(3), L(2), ret];
    expect(dropJumpsToNext(input)).toEqual([L(1), L(3), L(2), ret]);
  });
  it("drops a conditional jump to where the ja after it goes", () => {
    const input = [jeq(0, 1, 1), jmp(2), mov(0, 1), L(1), L(2), ret];
    expect(dropJumpsToNext(input)).toEqual([jmp(2), mov(0, 1), L(1), L(2), ret]);
  });
  it("drops labels nothing jumps to", () => {
    const input = [jeq(0, 1, 2), L(1), mov(0, 1), L(2), ret];
    expect(dropUnusedLabels(input)).toEqual([jeq(0, 1, 2), mov(0, 1), L(2), ret]);
  });
});

describe("forwardStores", () => {
  it("turns a reload of a just-stored scratch word into a move, or nothing", () => {
    const input = [load(8, 0, 9, 88), store(8, 9, 1488, 0), load(8, 0, 9, 1488), store(8, 9, 1536, 0), load(8, 1, 9, 1536)];
    expect(forwardStores(input)).toEqual([load(8, 0, 9, 88), store(8, 9, 1488, 0), store(8, 9, 1536, 0), movr(1, 0)]);
  });
  it("drops a store of what the slot is known to hold: the same constant, the register it came from, along every way in", () => {
    const input = [storeImm(8, 9, 16, 0), load(8, 1, 9, 24), jeq(1, 0, 1), storeImm(8, 9, 16, 0), L(1), storeImm(8, 9, 16, 0), store(8, 9, 24, 1), storeImm(8, 9, 16, 2), ret];
    expect(forwardStores(input)).toEqual([storeImm(8, 9, 16, 0), load(8, 1, 9, 24), jeq(1, 0, 1), L(1), storeImm(8, 9, 16, 2), ret]);
  });
  it("keeps a store when a way in disagrees, the size differs, or the register changed", () => {
    const cases: Item[][] = [
      [storeImm(8, 9, 16, 0), jeq(1, 0, 1), storeImm(8, 9, 16, 1), L(1), storeImm(8, 9, 16, 0), ret],
      [storeImm(8, 9, 16, 0), storeImm(4, 9, 16, 0), ret],
      [load(8, 1, 9, 24), add(1, 1), store(8, 9, 24, 1), ret],
    ];
    for (const input of cases) expect(forwardStores(input)).toBe(input);
  });
  it("forwards constants stored with st (zero-extended when narrower than 8 bytes)", () => {
    const input = [storeImm(1, 9, 83, 1), load(1, 2, 9, 83), storeImm(8, 9, 8, 7), load(8, 3, 9, 8), storeImm(1, 9, 84, -1), load(1, 4, 9, 84)];
    expect(forwardStores(input)).toEqual([storeImm(1, 9, 83, 1), mov(2, 1), storeImm(8, 9, 8, 7), mov(3, 7), storeImm(1, 9, 84, -1), mov(4, 255)]);
  });
  it("reuses a register that still holds a slot loaded before", () => {
    const input = [load(1, 1, 9, 83), jeq(1, 0, 1), load(1, 0, 9, 83), ret, L(1), ret];
    expect(forwardStores(input)).toEqual([load(1, 1, 9, 83), jeq(1, 0, 1), movr(0, 1), ret, L(1), ret]);
  });
  it("forgets at loop heads, calls, overwritten registers, overlapping stores and stores through other pointers", () => {
    const cases: Item[][] = [
      [store(8, 9, 16, 1), L(5), load(8, 2, 9, 16), jne(2, 0, 5), ret],
      [store(8, 9, 16, 1), call, load(8, 2, 9, 16)],
      [store(8, 9, 16, 1), add(1, 1), load(8, 2, 9, 16)],
      [store(8, 9, 16, 1), store(1, 9, 20, 3), load(8, 2, 9, 16)],
      [store(8, 9, 16, 1), store(8, 7, 0, 3), load(8, 2, 9, 16)],
      [store(4, 9, 16, 1), load(4, 2, 9, 16)], // a narrower store keeps only the low bytes of r1
      [store(8, 9, 16, 1), load(4, 2, 9, 16)], // a different size
    ];
    for (const input of cases) expect(forwardStores(input)).toBe(input);
  });
  it("carries facts along forward jumps and keeps at a label what every way in agrees on", () => {
    // L1 is reached by the jeq (r1 holds [16]) and by falling through (r1 and r3 hold [16])
    const input = [store(8, 9, 16, 1), jeq(0, 0, 1), store(8, 9, 24, 1), L(1), load(8, 2, 9, 16), load(8, 4, 9, 24), ret];
    expect(forwardStores(input)).toEqual([store(8, 9, 16, 1), jeq(0, 0, 1), store(8, 9, 24, 1), L(1), movr(2, 1), load(8, 4, 9, 24), ret]);
    // a label reached only by jumps: what they agree on
    const jumpsOnly = [storeImm(8, 9, 16, 7), jeq(0, 0, 1), storeImm(8, 9, 16, 8), jmp(1), L(1), load(8, 2, 9, 16), ret];
    expect(forwardStores(jumpsOnly)).toBe(jumpsOnly);
    const agreeing = [storeImm(8, 9, 16, 7), jeq(0, 0, 1), jmp(1), L(1), load(8, 2, 9, 16), ret];
    expect(forwardStores(agreeing)).toEqual([storeImm(8, 9, 16, 7), jeq(0, 0, 1), jmp(1), L(1), mov(2, 7), ret]);
  });
  it("keeps facts about memory and r6–r9 across helpers that write no memory, none across map_update_elem", () => {
    const input = [storeImm(8, 9, 16, 7), store(8, 9, 24, 1), store(8, 9, 32, 7), call, load(8, 2, 9, 16), load(8, 3, 9, 24), load(8, 4, 9, 32)];
    expect(forwardStores(input)).toEqual([storeImm(8, 9, 16, 7), store(8, 9, 24, 1), store(8, 9, 32, 7), call, mov(2, 7), load(8, 3, 9, 24), movr(4, 7)]);
    const update = [storeImm(8, 9, 16, 7), { insn: callHelper(2) }, load(8, 2, 9, 16)];
    expect(forwardStores(update)).toBe(update);
  });
  it("keeps facts across stores to the stack", () => {
    const input = [store(8, 9, 16, 1), store(4, 10, -8, 3), load(8, 2, 9, 16)];
    expect(forwardStores(input)).toEqual([store(8, 9, 16, 1), store(4, 10, -8, 3), movr(2, 1)]);
  });
});

describe("liveness passes", () => {
  it("drops writes to temporaries nothing reads, and keeps those to r6–r9", () => {
    const input = [load(4, 1, 7, 0), mov(2, 5), mov(7, 0), mov(0, 2), ret];
    expect(dropDeadWrites(input)).toEqual([mov(7, 0), mov(0, 2), ret]);
  });
  it("drops a write to r7 or r8 nothing reads, but keeps their clears and r6/r9", () => {
    const input = [add(7, 20), add(8, 20), store(8, 9, 0, 8), mov(8, 0), mov(7, 0), add(6, 1), add(9, 1), mov(0, 2), ret];
    expect(dropDeadWrites(input)).toEqual([add(8, 20), store(8, 9, 0, 8), mov(8, 0), mov(7, 0), add(6, 1), add(9, 1), mov(0, 2), ret]);
  });
  it("counts what a jump target reads, and a call as reading its helper's arguments and clobbering r0–r5", () => {
    const input = [mov(3, 1), jeq(0, 0, 1), mov(0, 1), ret, L(1), movr(0, 3), ret];
    expect(dropDeadWrites(input)).toBe(input);
    const lookup = [mov(4, 1), mov(2, 1), call, mov(4, 2), ret]; // map_lookup_elem reads r1 and r2
    expect(dropDeadWrites(lookup)).toEqual([mov(2, 1), call, ret]);
    const unknown = [mov(5, 1), { insn: callHelper(99) }, ret]; // a helper it does not know reads r1–r5
    expect(dropDeadWrites(unknown)).toBe(unknown);
  });
  it("stores an immediate instead of moving it through a dead register", () => {
    const input = [mov(1, 6), store(8, 9, 8, 1), mov(2, -1), store(4, 10, -8, 2), movr(0, 2), ret];
    expect(storeImmediates(input)).toEqual([storeImm(8, 9, 8, 6), mov(2, -1), store(4, 10, -8, 2), movr(0, 2), ret]);
    const narrow = [mov(3, -1), store(4, 10, -8, 3), mov(0, 0), ret];
    expect(storeImmediates(narrow)).toEqual([storeImm(4, 10, -8, -1), mov(0, 0), ret]);
  });
});

describe("coalesceMoves", () => {
  const opi = (code: number, dst: number, imm: number): Item => ({ insn: aluImm(Cls.ALU64, code, dst, imm) });
  it("computes a value in the register it is moved to, when the source is not read afterwards", () => {
    const input = [load(8, 1, 9, 8), opi(Alu.LSH, 1, 12), load(8, 2, 9, 16), movr(0, 1), { insn: aluReg(Cls.ALU64, Alu.ADD, 0, 2) }, ret];
    expect(coalesceMoves(input)).toEqual([load(8, 0, 9, 8), opi(Alu.LSH, 0, 12), load(8, 2, 9, 16), { insn: aluReg(Cls.ALU64, Alu.ADD, 0, 2) }, ret]);
  });
  it("renames uses after the definition, including a load through the value, but not the definition's own base", () => {
    const input = [load(8, 1, 1, 0), load(4, 2, 1, 4), movr(7, 1), ret];
    expect(coalesceMoves(input)).toEqual([load(8, 7, 1, 0), load(4, 2, 7, 4), ret]);
  });
  it("leaves a byte swap's source field alone (its 0x08 bit is the byte order)", () => {
    const swap = (dst: number): Item => ({ insn: endian(Cls.ALU, End.TO_BE, dst, 16) });
    const input = [load(2, 0, 9, 8), swap(0), movr(3, 0), store(8, 9, 0, 3), mov(0, 0), ret];
    expect(coalesceMoves(input)).toEqual([load(2, 3, 9, 8), swap(3), store(8, 9, 0, 3), mov(0, 0), ret]);
  });
  it("leaves the move when the source is read later, the target is touched in between, or a label or jump intervenes", () => {
    const cases: Item[][] = [
      [load(8, 1, 9, 8), movr(0, 1), store(8, 9, 0, 1), ret],
      [load(8, 1, 9, 8), load(8, 0, 9, 16), store(8, 9, 0, 0), movr(0, 1), ret],
      [load(8, 1, 9, 8), L(1), movr(0, 1), ret],
      [load(8, 1, 9, 8), jeq(1, 0, 1), movr(0, 1), L(1), ret],
      [call, movr(7, 0), ret],
    ];
    for (const input of cases) expect(coalesceMoves(input)).toBe(input);
  });
});

describe("xorIntoCompare", () => {
  const xor = (dst: number, imm: number): Item => ({ insn: aluImm(Cls.ALU64, Alu.XOR, dst, imm) });
  it("compares with the xored constant when the register is dead afterwards, sign extension included", () => {
    const input = [load(8, 1, 9, 8), xor(1, 0xffff), jeq(1, 0, 1), mov(0, 1), ret, L(1), xor(2, -1), jne(2, 5, 2), L(2), mov(0, 2), ret];
    expect(xorIntoCompare(input)).toEqual([load(8, 1, 9, 8), jeq(1, 0xffff, 1), mov(0, 1), ret, L(1), jne(2, -6, 2), L(2), mov(0, 2), ret]);
  });
  it("keeps the xor when the register is read on either way out, or the compare is an ordering", () => {
    const cases: Item[][] = [
      [load(8, 1, 9, 8), xor(1, 0xffff), jeq(1, 0, 1), ret, L(1), store(8, 9, 0, 1), ret],
      [load(8, 1, 9, 8), xor(1, 0xffff), jgt(1, 0, 1), ret, L(1), ret],
    ];
    for (const input of cases) expect(xorIntoCompare(input)).toBe(input);
  });
});

describe("dropDeadStores", () => {
  const key = [movr(2, 9), add(2, 64), call]; // a map key at r9+64: read from there on
  it("drops stores to scratch slots no load reads, below the first slot a pointer reaches", () => {
    const input = [storeImm(8, 9, 0, 0), storeImm(8, 9, 8, 0), store(8, 9, 16, 1), store(4, 9, 64, 1), ...key, load(4, 3, 9, 12), ret];
    // [8, 16) is read by the 4-byte load at 12; [64, …) by the helper
    expect(dropDeadStores(input)).toEqual([storeImm(8, 9, 8, 0), store(4, 9, 64, 1), ...key, load(4, 3, 9, 12), ret]);
  });
  it("does nothing when r9 escapes otherwise, is set again, or an access goes below a pointer", () => {
    const cases: Item[][] = [
      [storeImm(8, 9, 0, 0), movr(2, 9), call, ret],
      [storeImm(8, 9, 0, 0), store(8, 10, -8, 9), ret],
      [movr(9, 0), storeImm(8, 9, 0, 0), movr(9, 1), ret],
      [storeImm(8, 9, 0, 0), ...key, load(8, 1, 2, -8), ret],
    ];
    for (const input of cases) expect(dropDeadStores(input)).toBe(input);
  });
});

describe("foldConstants", () => {
  const op = (code: number, dst: number, src: number): Item => ({ insn: aluReg(Cls.ALU64, code, dst, src) });
  const opi = (code: number, dst: number, imm: number): Item => ({ insn: aluImm(Cls.ALU64, code, dst, imm) });
  const op32 = (code: number, dst: number, imm: number): Item => ({ insn: aluImm(Cls.ALU, code, dst, imm) });
  it("drops adding, or-ing and shifting by a known 0, and turns an add to a known 0 into a move", () => {
    const input = [mov(1, 0), load(8, 0, 9, 8), op(Alu.ADD, 0, 1), op(Alu.LSH, 0, 1), opi(Alu.OR, 0, 0), mov(2, 0), op(Alu.ADD, 2, 0), ret];
    expect(foldConstants(input)).toEqual([mov(1, 0), load(8, 0, 9, 8), mov(2, 0), movr(2, 0), ret]);
  });
  it("computes known results as moves, and known register operands as immediates", () => {
    const input = [mov(8, 0), add(8, 14), add(8, 4), load(8, 0, 9, 8), mov(1, 3), op(Alu.MUL, 0, 1), { insn: jmpReg(Cls.JMP, Jmp.JGT, 0, 1, 0), target: 1 }, L(1), ret];
    expect(foldConstants(input)).toEqual([mov(8, 0), mov(8, 14), mov(8, 18), load(8, 0, 9, 8), mov(1, 3), opi(Alu.MUL, 0, 3), jgt(0, 3, 1), L(1), ret]);
  });
  it("keeps what only 64-bit arithmetic on the same value allows: 32-bit operations, big constants, division", () => {
    const input = [mov(1, 0), load(8, 0, 9, 8), op32(Alu.ADD, 0, 0), lddw(2, 1n << 40n), op(Alu.ADD, 0, 2), mov(3, 7), op(Alu.DIV, 0, 3), ret];
    expect(foldConstants(input)).toEqual(input);
  });
  it("forgets r0–r5 at calls, a register when it is loaded, and what the ways into a label disagree on", () => {
    const input = [mov(1, 0), mov(6, 0), call, op(Alu.ADD, 0, 1), op(Alu.ADD, 0, 6), load(8, 6, 9, 0), op(Alu.ADD, 0, 6), mov(2, 0), jeq(0, 1, 1), mov(2, 1), L(1), op(Alu.ADD, 0, 2), ret];
    expect(foldConstants(input)).toEqual([mov(1, 0), mov(6, 0), call, op(Alu.ADD, 0, 1), load(8, 6, 9, 0), op(Alu.ADD, 0, 6), mov(2, 0), jeq(0, 1, 1), mov(2, 1), L(1), op(Alu.ADD, 0, 2), ret]);
  });
  it("knows nothing at a loop head", () => {
    const input = [mov(1, 0), L(1), op(Alu.ADD, 0, 1), add(1, 1), jeq(0, 5, 1), ret];
    expect(foldConstants(input)).toBe(input);
  });
});

describe("dropOverwrittenStores", () => {
  it("drops a store that a later store covers before any load of its bytes", () => {
    const input = [storeImm(8, 9, 16, 0), load(8, 1, 9, 24), load(4, 2, 10, -8), store(8, 9, 16, 1), storeImm(2, 9, 40, 7), store(8, 9, 40, 2), ret];
    expect(dropOverwrittenStores(input)).toEqual([load(8, 1, 9, 24), load(4, 2, 10, -8), store(8, 9, 16, 1), store(8, 9, 40, 2), ret]);
  });
  it("keeps it when its bytes may be read first, the later store covers only part, or control may leave", () => {
    const cases: Item[][] = [
      [storeImm(8, 9, 16, 0), load(4, 1, 9, 20), store(8, 9, 16, 1), ret],
      [storeImm(8, 9, 16, 0), load(8, 1, 2, 0), store(8, 9, 16, 1), ret],
      [storeImm(8, 9, 16, 0), store(4, 9, 16, 1), ret],
      [storeImm(8, 9, 16, 0), call, store(8, 9, 16, 1), ret],
      [storeImm(8, 9, 16, 0), jeq(1, 0, 1), store(8, 9, 16, 1), L(1), ret],
      [storeImm(8, 9, 16, 0), L(1), store(8, 9, 16, 1), ret],
    ];
    for (const input of cases) expect(dropOverwrittenStores(input)).toBe(input);
  });
});

describe("optimize", () => {
  it("runs the passes until nothing changes", () => {
    // select-like code: `jne r0, 4, L1; ja L2; L1: ja L3; L2: …; L3: …`
    const input = [load(8, 0, 9, 0), jne(0, 4, 1), jmp(2), L(1), jmp(3), L(2), mov(0, 1), ret, L(3), mov(0, 2), ret];
    expect(optimize(input)).toEqual([load(8, 0, 9, 0), jne(0, 4, 3), mov(0, 1), ret, L(3), mov(0, 2), ret]);
  });
});
