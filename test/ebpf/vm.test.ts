/**
 * Edge cases of the eBPF VM beyond the conformance suite: every ALU operation and comparison
 * against a BigInt model of RFC 9669 written here (so the hi/lo register arithmetic is checked
 * on many values), bounds faults, the instruction budget, helper dispatch and bpf-to-bpf calls.
 */

import { describe, expect, it } from "vitest";
import { assemble } from "../../targets/ebpf/vm/assembler.js";
import { VmFault } from "../../targets/ebpf/vm/fault.js";
import { HelperTable } from "../../targets/ebpf/vm/helpers.js";
import { MAX_CALL_FRAMES, STACK_BYTES, insnFromWord } from "../../targets/ebpf/vm/isa.js";
import { Machine, type RunResult } from "../../targets/ebpf/vm/machine.js";
import { Memory } from "../../targets/ebpf/vm/memory.js";

const U64 = (1n << 64n) - 1n;
const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const u32 = (v: bigint): bigint => BigInt.asUintN(32, v);
const s32 = (v: bigint): bigint => BigInt.asIntN(32, v);

/** RFC 9669 §4.1 for 64-bit operands (`b` already sign-extended when it came from an immediate). */
function model64(op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case "add": return u64(a + b);
    case "sub": return u64(a - b);
    case "mul": return u64(a * b);
    case "div": return b === 0n ? 0n : a / b;
    case "mod": return b === 0n ? a : a % b;
    case "sdiv": return s64(b) === 0n ? 0n : u64(s64(a) / s64(b));
    case "smod": return s64(b) === 0n ? a : u64(s64(a) % s64(b));
    case "or": return a | b;
    case "and": return a & b;
    case "xor": return a ^ b;
    case "lsh": return u64(a << (b & 63n));
    case "rsh": return a >> (b & 63n);
    case "arsh": return u64(s64(a) >> (b & 63n));
    case "mov": return b;
    default: throw new Error(op);
  }
}

/** The same for 32-bit operations: low halves in, result zero-extended. */
function model32(op: string, a64: bigint, b64: bigint): bigint {
  const a = u32(a64);
  const b = u32(b64);
  switch (op) {
    case "div": return b === 0n ? 0n : a / b;
    case "mod": return b === 0n ? a : a % b;
    case "sdiv": return s32(b) === 0n ? 0n : u32(s32(a) / s32(b));
    case "smod": return s32(b) === 0n ? a : u32(s32(a) % s32(b));
    case "lsh": return u32(a << (b & 31n));
    case "rsh": return a >> (b & 31n);
    case "arsh": return u32(s32(a) >> (b & 31n));
    default: return u32(model64(op, a, b));
  }
}

const COMPARE: Record<string, (a: bigint, b: bigint) => boolean> = {
  jeq: (a, b) => a === b,
  jne: (a, b) => a !== b,
  jgt: (a, b) => a > b,
  jge: (a, b) => a >= b,
  jlt: (a, b) => a < b,
  jle: (a, b) => a <= b,
  jset: (a, b) => (a & b) !== 0n,
  jsgt: (a, b) => a > b,
  jsge: (a, b) => a >= b,
  jslt: (a, b) => a < b,
  jsle: (a, b) => a <= b,
};

/** Deterministic xorshift64* so failures reproduce. */
function random(seed: bigint): () => bigint {
  let x = seed;
  return () => {
    x ^= x >> 12n;
    x ^= u64(x << 25n);
    x ^= x >> 27n;
    return u64(x * 0x2545f4914f6cdd1dn);
  };
}

const EDGES = [0n, 1n, 2n, 7n, 31n, 32n, 63n, 64n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n,
  0x7fffffffffffffffn, 0x8000000000000000n, U64, U64 - 1n, 0xffffffff80000000n, 0x123456789abcdef0n];

function values(count: number, seed: bigint): bigint[] {
  const next = random(seed);
  const out = [...EDGES];
  while (out.length < count) {
    const r = next();
    // Mix full-width, 32-bit and small values: the interesting carries live at the edges.
    out.push(out.length % 3 === 0 ? r : out.length % 3 === 1 ? r & 0xffffffffn : r & 0xffn);
  }
  return out;
}

function run(asm: string, options: { helpers?: HelperTable; budget?: number } = {}, ...args: (bigint | number)[]): RunResult {
  return new Machine(assemble(asm), options).run(...args);
}

function r0(asm: string, ...args: (bigint | number)[]): bigint {
  const result = run(asm, {}, ...args);
  if (!result.ok) throw result.fault;
  return result.r0;
}

function fault(result: RunResult): VmFault {
  if (result.ok) throw new Error(`expected a fault, got r0 = ${result.r0}`);
  return result.fault;
}

describe("ALU against the RFC 9669 model", () => {
  const ops = ["add", "sub", "mul", "div", "mod", "sdiv", "smod", "or", "and", "xor", "lsh", "rsh", "arsh", "mov"];
  const vals = values(40, 0x9e3779b97f4a7c15n);

  for (const op of ops) {
    it(`${op} and ${op}32, register and immediate forms`, () => {
      const mismatches: string[] = [];
      for (const a of vals) {
        for (const b of vals) {
          const reg64 = r0(`lddw %r0, ${a}\nlddw %r1, ${b}\n${op} %r0, %r1\nexit`);
          if (reg64 !== model64(op, a, b)) mismatches.push(`${op} ${a} ${b}: ${reg64}`);
          const reg32 = r0(`lddw %r0, ${a}\nlddw %r1, ${b}\n${op}32 %r0, %r1\nexit`);
          if (reg32 !== model32(op, a, b)) mismatches.push(`${op}32 ${a} ${b}: ${reg32}`);
          const imm = s32(b);
          const imm64 = r0(`lddw %r0, ${a}\n${op} %r0, ${imm}\nexit`);
          if (imm64 !== model64(op, a, u64(imm))) mismatches.push(`${op} ${a} imm ${imm}: ${imm64}`);
          const imm32 = r0(`lddw %r0, ${a}\n${op}32 %r0, ${imm}\nexit`);
          if (imm32 !== model32(op, a, u64(imm))) mismatches.push(`${op}32 ${a} imm ${imm}: ${imm32}`);
        }
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
    });
  }

  it("neg, movsx, byte swaps", () => {
    for (const a of vals) {
      expect(r0(`lddw %r0, ${a}\nneg %r0\nexit`)).toBe(u64(-a));
      expect(r0(`lddw %r0, ${a}\nneg32 %r0\nexit`)).toBe(u32(-a));
      for (const bits of [8n, 16n, 32n]) {
        expect(r0(`lddw %r1, ${a}\nmovsx${bits}64 %r0, %r1\nexit`)).toBe(u64(BigInt.asIntN(Number(bits), a)));
        if (bits !== 32n) expect(r0(`lddw %r1, ${a}\nmovsx${bits}32 %r0, %r1\nexit`)).toBe(u32(BigInt.asIntN(Number(bits), a)));
      }
      for (const bits of [16, 32, 64]) {
        const low = BigInt.asUintN(bits, a);
        const bytes = Array.from({ length: bits / 8 }, (_, i) => (low >> BigInt(8 * i)) & 0xffn);
        const swapped = bytes.reduce((acc, byte) => (acc << 8n) | byte, 0n);
        expect(r0(`lddw %r0, ${a}\nbe${bits} %r0\nexit`)).toBe(swapped);
        expect(r0(`lddw %r0, ${a}\nbswap${bits} %r0\nexit`)).toBe(swapped);
        expect(r0(`lddw %r0, ${a}\nle${bits} %r0\nexit`)).toBe(low);
      }
    }
  });
});

describe("jumps against the RFC 9669 model", () => {
  const vals = values(30, 0x51ed2701n);
  for (const [name, holds] of Object.entries(COMPARE)) {
    it(`${name} and ${name}32`, () => {
      const signed = name.startsWith("js");
      for (const a of vals) {
        for (const b of vals) {
          for (const [suffix, bits] of [["", 64], ["32", 32]] as const) {
            const view = (v: bigint): bigint => (signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v));
            const expected = holds(view(a), view(b)) ? 1n : 0n;
            const program = `lddw %r1, ${a}\nlddw %r2, ${b}\nmov %r0, 0\n${name}${suffix} %r1, %r2, +1\nexit\nmov %r0, 1\nexit`;
            expect(r0(program), `${name}${suffix} ${a} ${b}`).toBe(expected);
            // Immediate form: the immediate is sign-extended to 64 bits for JMP, used as 32 bits for JMP32.
            const imm = s32(b);
            const withImm = holds(view(a), view(u64(imm))) ? 1n : 0n;
            const immProgram = `lddw %r1, ${a}\nmov %r0, 0\n${name}${suffix} %r1, ${imm}, +1\nexit\nmov %r0, 1\nexit`;
            expect(r0(immProgram), `${name}${suffix} ${a} imm ${imm}`).toBe(withImm);
          }
        }
      }
    });
  }
});

describe("memory faults", () => {
  function withMemory(asm: string, bytes: Uint8Array, writable = true): RunResult {
    const vm = new Machine(assemble(asm));
    const region = vm.memory.map("packet", bytes, { writable });
    return vm.run(region.base, bytes.length);
  }

  it("reads inside the region and faults one byte past its end, naming the instruction", () => {
    const bytes = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(withMemory("ldxdw %r0, [%r1]\nexit", bytes)).toMatchObject({ ok: true, r0: 0x0807060504030201n });
    const f = fault(withMemory("mov %r0, 0\nldxw %r0, [%r1+5]\nexit", bytes));
    expect(f).toMatchObject({ kind: "memory", pc: 1 });
    expect(f.message).toMatch(/^instruction 1: invalid read of 4 byte\(s\) at 0x[0-9a-f]+: runs 1 byte\(s\) past the end of packet/);
  });

  it("faults before the region, on NULL and on pointers above 4 GiB", () => {
    const bytes = new Uint8Array(16);
    expect(fault(withMemory("ldxb %r0, [%r1-1]\nexit", bytes)).reason).toMatch(/1 byte\(s\) before packet/);
    expect(fault(withMemory("ldxb %r0, [%r1+16]\nexit", bytes)).reason).toMatch(/offset 16 of packet, past its end \(16 bytes\)/);
    expect(fault(withMemory("mov %r1, 0\nldxb %r0, [%r1]\nexit", bytes)).reason).toMatch(/outside every memory region/);
    const high = fault(withMemory("lddw %r2, 0x100000000\nadd %r1, %r2\nldxb %r0, [%r1]\nexit", bytes));
    expect(high).toMatchObject({ kind: "memory", pc: 3 });
  });

  it("refuses stores to a read-only region", () => {
    const bytes = new Uint8Array(4);
    const f = fault(withMemory("stw [%r1], 7\nexit", bytes, false));
    expect(f.reason).toMatch(/region packet is read-only/);
    expect(bytes).toEqual(new Uint8Array(4));
  });

  it("gives each frame 512 bytes of stack and hides the frames below", () => {
    expect(r0(`stdw [%r10-${STACK_BYTES}], 5\nldxdw %r0, [%r10-${STACK_BYTES}]\nexit`)).toBe(5n);
    expect(fault(run(`ldxb %r0, [%r10-${STACK_BYTES + 1}]\nexit`)).reason).toMatch(/below the accessible part of stack/);
    expect(fault(run("ldxb %r0, [%r10]\nexit")).kind).toBe("memory");
  });

  it("starts every run with a zeroed stack", () => {
    const vm = new Machine(assemble("ldxdw %r0, [%r10-8]\nstdw [%r10-8], 9\nexit"));
    expect(vm.run()).toMatchObject({ ok: true, r0: 0n });
    expect(vm.run()).toMatchObject({ ok: true, r0: 0n });
  });

  it("faults on an atomic operation outside memory", () => {
    expect(fault(run("mov %r1, 8\nlock add [%r1], %r1\nexit"))).toMatchObject({ kind: "memory", pc: 1 });
  });
});

describe("the address space", () => {
  it("places regions below 4 GiB, 64 KiB apart, never at NULL, and reuses freed space", () => {
    const memory = new Memory();
    const a = memory.map("a", new Uint8Array(100));
    const b = memory.map("b", new Uint8Array(70000));
    expect(a.base).toBeGreaterThanOrEqual(0x10000);
    expect(b.base - a.end).toBeGreaterThanOrEqual(0x10000);
    expect(b.end).toBeLessThan(2 ** 32);
    memory.unmap(a);
    expect(memory.map("c", new Uint8Array(10)).base).toBe(a.base);
    expect(() => memory.unmap(a)).toThrow(/not mapped/);
  });

  it("gives helpers bounds-checked views", () => {
    const memory = new Memory();
    const r = memory.map("r", Uint8Array.from([1, 2, 3]), { writable: false });
    expect(Array.from(memory.view(memory.address(r, 1), 2))).toEqual([2, 3]);
    expect(() => memory.view(memory.address(r, 1), 3)).toThrow(VmFault);
    expect(() => memory.view(memory.address(r), 1, "write")).toThrow(/read-only/);
    expect(() => memory.view(2n ** 40n, 1)).toThrow(/outside every memory region/);
    expect(() => memory.view(memory.address(r), -1)).toThrow(VmFault);
  });
});

describe("control flow faults and the budget", () => {
  it("stops an endless loop when the budget runs out", () => {
    const result = run("mov %r0, 0\nloop:\nadd %r0, 1\nja loop", { budget: 1000 });
    expect(result.steps).toBe(1000);
    expect(fault(result)).toMatchObject({ kind: "budget" });
    expect(new Machine(assemble("ja -1")).budget).toBe(1_000_000);
  });

  it("faults when execution falls off the end", () => {
    expect(fault(run("mov %r0, 1"))).toMatchObject({ kind: "invalid-instruction", pc: 1 });
  });

  it("faults on jumps out of the program and into the middle of lddw, only when taken", () => {
    expect(fault(run("mov %r0, 0\nja +5\nexit"))).toMatchObject({ kind: "invalid-instruction", pc: 1 });
    expect(r0("mov %r0, 0\njeq %r0, 0, +1\nja +5\nexit")).toBe(0n);
    const middle = fault(run("ja +1\nlddw %r0, 1\nexit"));
    expect(middle).toMatchObject({ pc: 2, reason: "jump into the middle of lddw" });
  });

  it("faults on an invalid encoding when it is reached", () => {
    const bad = insnFromWord(0x0000000000010007n); // add64 imm with offset 1: not a valid encoding
    expect(fault(new Machine([bad, ...assemble("exit")]).run())).toMatchObject({ kind: "invalid-instruction", pc: 0 });
    expect(new Machine([...assemble("mov %r0, 2\nexit"), bad]).run()).toMatchObject({ ok: true, r0: 2n });
  });

  it("refuses to run unresolved map references and kfunc calls", () => {
    expect(fault(run("lddw %r1, map_fd:3\nmov %r0, 0\nexit")).reason).toMatch(/must be resolved to an address/);
    expect(fault(run("call runtime 4\nexit")).reason).toBe("calls by BTF id (kfuncs) are not supported");
  });
});

describe("helpers", () => {
  it("passes r1–r5, returns r0 and lets a helper read and write memory", () => {
    const seen: bigint[][] = [];
    const helpers = new HelperTable()
      .register(1, "record", (a, b, c, d, e) => {
        seen.push([a, b, c, d, e]);
        return -1;
      })
      .register(2, "sum_bytes", (ptr, len, _c, _d, _e, env) => env.memory.view(ptr, Number(len)).reduce((s, x) => s + x, 0))
      .register(3, "fill", (ptr, len, value, _d, _e, env) => {
        env.memory.view(ptr, Number(len), "write").fill(Number(value));
        return 0n;
      });
    const program = `
      mov %r1, 1
      mov %r2, 2
      mov %r3, 3
      mov %r4, 4
      mov %r5, -5
      call 1
      mov %r6, %r0
      mov %r1, %r10
      add %r1, -4
      mov %r2, 4
      mov %r3, 9
      call 3
      mov %r1, %r10
      add %r1, -4
      mov %r2, 4
      call 2
      add %r0, %r6
      exit`;
    expect(run(program, { helpers })).toMatchObject({ ok: true, r0: 35n });
    expect(seen).toEqual([[1n, 2n, 3n, 4n, u64(-5n)]]);
  });

  it("faults on unknown helpers, failing helpers and out-of-bounds helper accesses", () => {
    const helpers = new HelperTable()
      .register(7, "broken", () => {
        throw new Error("boom");
      })
      .register(8, "bad_read", (ptr, _b, _c, _d, _e, env) => env.memory.view(ptr, 1 << 20).length)
      .register(9, "fraction", () => 0.5);
    expect(fault(run("call 6\nexit", { helpers }))).toMatchObject({ kind: "helper", pc: 0, reason: "unknown helper 6" });
    expect(fault(run("mov %r0, 0\ncall 7\nexit", { helpers }))).toMatchObject({ kind: "helper", pc: 1, reason: "helper broken failed: boom" });
    expect(fault(run("mov %r1, %r10\ncall 8\nexit", { helpers }))).toMatchObject({ kind: "memory", pc: 1 });
    expect(fault(run("call 9\nexit", { helpers })).reason).toMatch(/not an integer/);
  });

  it("refuses registering an id twice", () => {
    const table = new HelperTable().register(1, "a", () => 0);
    expect(() => table.register(1, "b", () => 0)).toThrow(/already registered as a/);
  });
});

describe("bpf-to-bpf calls", () => {
  it("gives the callee its own frame and lets it use a pointer into the caller's", () => {
    const program = `
      stdw [%r10-8], 40
      mov %r1, %r10
      add %r1, -8
      call local f
      ldxdw %r1, [%r10-8]
      add %r0, %r1
      exit
    f:
      stdw [%r10-8], 1
      ldxdw %r0, [%r1]
      ldxdw %r2, [%r10-8]
      add %r0, %r2
      stdw [%r1], 2
      exit`;
    expect(r0(program)).toBe(43n);
  });

  it(`allows ${MAX_CALL_FRAMES} frames and faults on one more`, () => {
    const depth = (calls: number): string => `mov %r6, ${calls}\ncall local f\nexit\nf:\njeq %r6, 0, +2\nsub %r6, 1\ncall local f\nmov %r0, 7\nexit`;
    expect(r0(depth(MAX_CALL_FRAMES - 2))).toBe(7n);
    expect(fault(run(depth(MAX_CALL_FRAMES - 1)))).toMatchObject({ kind: "call-depth", pc: 5 });
  });
});

describe("arguments", () => {
  it("takes numbers and bigints modulo 2^64", () => {
    expect(r0("mov %r0, %r1\nadd %r0, %r2\nexit", -1, 3n)).toBe(2n);
    expect(r0("mov %r0, %r5\nexit", 1, 2, 3, 4, 2 ** 40)).toBe(2n ** 40n);
  });
});
