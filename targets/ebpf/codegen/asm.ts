// The code generator's instruction buffer: instructions with symbolic labels
// (resolved to relative offsets at the end, after the clean-up passes of
// peephole/), LDDW map references (recorded as relocations for the ELF
// writer), and the pool of temporary registers.
//
// Register convention of the generated program:
//   r6  the XDP context (xdp_md *)             — callee-saved, set at entry
//   r7  parser: start of the current header in the packet;
//       ingress: the running action's parameters (table entry value or scratch)
//   r8  parser: the offset into the packet (r7 = data + r8);
//       ingress: the tuple index while a priority table is searched (it survives lookups)
//   r9  the per-CPU scratch value (headers, metadata, locals, parser state)
//   r0–r5  temporaries handed out by Regs, never live across a call.

import {
  Alu, Cls, End, FP, Jmp, LDDW, ja, jmpImm, jmpReg, lddw, aluImm, aluReg, endian, ldx, stx, st, callHelper, exit,
  type Insn,
} from "../vm/isa.js";
import type { MapReloc } from "../elf/object.js";
import { isMark, optimize, type Item } from "./peephole/index.js";

export const R_CTX = 6;
export const R_AUX = 7;
export const R_SCAN = 8;
export const R_SCRATCH = 9;
export { FP };

export type Label = { readonly id: number };

/** Thrown when the backend cannot map a construct; becomes an E085x diagnostic. */
export class Unsupported extends Error {
  constructor(
    readonly span: import("../../../lang/source.js").Span | undefined,
    message: string,
    readonly code: "E0850" | "E0851" = "E0850",
  ) {
    super(message);
  }
}

const fitsImm = (v: bigint): boolean => v >= 0n && v < 0x8000_0000n;

export class Asm {
  private items: Item[] = [];
  private readonly bound = new Set<number>();
  private nextLabel = 0;
  /** The map relocations of the finished program (set by finish()). */
  relocs: MapReloc[] = [];

  label(): Label {
    return { id: this.nextLabel++ };
  }
  bind(label: Label): void {
    if (this.bound.has(label.id)) throw new Error("label bound twice");
    this.bound.add(label.id);
    this.items.push({ label: label.id });
  }
  emit(...insns: Insn[]): void {
    for (let i = 0; i < insns.length; i++) {
      const insn = insns[i]!;
      if (insn.opcode === LDDW) this.items.push({ insn, wide: insns[++i]! });
      else this.items.push({ insn });
    }
  }

  // ---- ALU
  mov(dst: number, src: number): void {
    this.emit(aluReg(Cls.ALU64, Alu.MOV, dst, src));
  }
  op(code: number, dst: number, src: number): void {
    this.emit(aluReg(Cls.ALU64, code, dst, src));
  }
  /** 64-bit op with an immediate; `imm` must be 0 ≤ imm < 2^31 unless sign extension is intended. */
  opi(code: number, dst: number, imm: number): void {
    this.emit(aluImm(Cls.ALU64, code, dst, imm));
  }
  op32i(code: number, dst: number, imm: number): void {
    this.emit(aluImm(Cls.ALU, code, dst, imm | 0));
  }
  op32(code: number, dst: number, src: number): void {
    this.emit(aluReg(Cls.ALU, code, dst, src));
  }
  /** dst = value (any 64-bit constant). */
  constant(dst: number, value: bigint): void {
    const v = BigInt.asUintN(64, value);
    if (fitsImm(v)) this.opi(Alu.MOV, dst, Number(v));
    else if (v < 0x1_0000_0000n) this.op32i(Alu.MOV, dst, Number(v)); // mov32 zero-extends
    else this.emit(...lddw(dst, v));
  }
  /** Keeps the low `width` bits of dst. */
  truncate(dst: number, width: number): void {
    if (width >= 64) return;
    if (width < 31) this.opi(Alu.AND, dst, Number((1n << BigInt(width)) - 1n));
    else if (width === 32) this.op32(Alu.MOV, dst, dst);
    else {
      this.opi(Alu.LSH, dst, 64 - width);
      this.opi(Alu.RSH, dst, 64 - width);
    }
  }
  /** Converts the low `bits` of dst from network to host order (the VM and the kernel hosts are little-endian). */
  be(dst: number, bits: 16 | 32 | 64): void {
    this.emit(endian(Cls.ALU, End.TO_BE, dst, bits));
  }

  // ---- memory
  load(bytes: 1 | 2 | 4 | 8, dst: number, base: number, offset: number): void {
    this.emit(ldx(bytes, dst, base, offset));
  }
  store(bytes: 1 | 2 | 4 | 8, base: number, offset: number, src: number): void {
    this.emit(stx(bytes, base, offset, src));
  }
  storeImm(bytes: 1 | 2 | 4 | 8, base: number, offset: number, imm: number): void {
    this.emit(st(bytes, base, offset, imm));
  }

  // ---- control flow
  jump(label: Label): void {
    this.items.push({ insn: ja(0), target: label.id });
  }
  /** if (dst <code> src) goto label, 64-bit unsigned. */
  jumpIf(code: number, dst: number, src: number, label: Label): void {
    this.items.push({ insn: jmpReg(Cls.JMP, code, dst, src, 0), target: label.id });
  }
  /** if (dst <code> imm) goto label; imm in 0..2^31−1. */
  jumpIfImm(code: number, dst: number, imm: number, label: Label): void {
    if (!Number.isInteger(imm) || imm < 0 || imm >= 0x8000_0000) throw new Error(`jump immediate ${imm} out of range`);
    this.items.push({ insn: jmpImm(Cls.JMP, code, dst, imm, 0), target: label.id });
  }
  call(helper: number): void {
    this.emit(callHelper(helper));
  }
  exit(): void {
    this.emit(exit());
  }
  /** dst = address of map `name` (an LDDW the loader patches). */
  loadMap(dst: number, name: string): void {
    const [insn, wide] = lddw(dst, 0n);
    this.items.push({ insn, wide, map: name });
  }

  /**
   * Runs the clean-up passes (peephole/; they drop unreachable code, which
   * the kernel refuses), then lays the instructions out and resolves every
   * jump and relocation.
   */
  finish(): Insn[] {
    const items = optimize(this.items);
    const at = new Map<number, number>();
    let n = 0;
    for (const item of items) {
      if (isMark(item)) at.set(item.label, n);
      else n += item.wide ? 2 : 1;
    }
    const insns: Insn[] = [];
    this.relocs = [];
    for (const item of items) {
      if (isMark(item)) continue;
      if (item.map !== undefined) this.relocs.push({ insn: insns.length, map: item.map });
      if (item.target === undefined) insns.push(item.insn, ...(item.wide ? [item.wide] : []));
      else {
        const target = at.get(item.target);
        if (target === undefined) throw new Error("jump to an unbound label");
        const offset = target - insns.length - 1;
        if (offset < -32768 || offset > 32767) throw new Unsupported(undefined, "the generated program is too large for 16-bit jump offsets", "E0851");
        insns.push({ ...item.insn, offset });
      }
    }
    this.items = [];
    return insns;
  }
}

export { Alu, Jmp };

/** Temporaries for expression evaluation. */
export class Regs {
  private readonly free: number[] = [5, 4, 3, 2, 1, 0];
  private readonly used = new Set<number>();

  alloc(span?: import("../../../lang/source.js").Span): number {
    const r = this.free.pop();
    if (r === undefined) throw new Unsupported(span, "the expression needs more than 6 registers at once; split it with `let` temporaries", "E0851");
    this.used.add(r);
    return r;
  }
  release(...regs: (number | undefined)[]): void {
    for (const r of regs) {
      if (r === undefined || !this.used.has(r)) continue;
      this.used.delete(r);
      this.free.push(r);
    }
  }
  /** Called before a helper call: no temporary in r0–r5 may be live. */
  assertCallSafe(): void {
    for (const r of this.used) if (r <= 5) throw new Error(`internal: r${r} is live across a helper call`);
  }
}
