/**
 * The eBPF instruction encoding of RFC 9669: opcode fields, 8-byte instruction slots, the
 * two-slot `lddw`, constructors for every instruction form, and the encoding rules (which
 * fields must be zero). Every eBPF component — assembler, disassembler, VM, verifier and the
 * code generator — speaks through this file, so that there is exactly one idea of what an
 * instruction is.
 *
 * A program is a list of slots, one `Insn` per 8 bytes; `lddw` occupies two slots and its
 * second slot is an `Insn` with opcode 0 that carries the upper 32 bits in `imm`. Instruction
 * indices (jump offsets, verifier and VM messages) count slots, as the kernel does.
 */

/** One 8-byte slot, fields as the hardware-independent encoding defines them. */
export interface Insn {
  /** 8 bits: class (3 low bits) plus operation fields. */
  readonly opcode: number;
  /** Destination register, 0–15 (only 0–10 are valid). */
  readonly dst: number;
  /** Source register, 0–15; for `lddw` and `call` it selects a variant instead. */
  readonly src: number;
  /** Signed 16-bit offset. */
  readonly offset: number;
  /** Signed 32-bit immediate. */
  readonly imm: number;
}

export const INSN_BYTES = 8;
export const REG_COUNT = 11;
/** r10: the read-only frame pointer. */
export const FP = 10;
/** Bytes of stack per function frame. */
export const STACK_BYTES = 512;
/** Deepest chain of bpf-to-bpf calls, counting the entry function (the kernel's MAX_CALL_FRAMES). */
export const MAX_CALL_FRAMES = 8;

/** Instruction classes (opcode & 0x07). */
export const Cls = {
  LD: 0x00,
  LDX: 0x01,
  ST: 0x02,
  STX: 0x03,
  ALU: 0x04,
  JMP: 0x05,
  JMP32: 0x06,
  ALU64: 0x07,
} as const;

/** Source operand of ALU and jump instructions (opcode & 0x08): immediate or register. */
export const Src = { K: 0x00, X: 0x08 } as const;

/** ALU operation codes (opcode & 0xf0). */
export const Alu = {
  ADD: 0x00,
  SUB: 0x10,
  MUL: 0x20,
  DIV: 0x30,
  OR: 0x40,
  AND: 0x50,
  LSH: 0x60,
  RSH: 0x70,
  NEG: 0x80,
  MOD: 0x90,
  XOR: 0xa0,
  MOV: 0xb0,
  ARSH: 0xc0,
  END: 0xd0,
} as const;

/** Jump operation codes (opcode & 0xf0). */
export const Jmp = {
  JA: 0x00,
  JEQ: 0x10,
  JGT: 0x20,
  JGE: 0x30,
  JSET: 0x40,
  JNE: 0x50,
  JSGT: 0x60,
  JSGE: 0x70,
  CALL: 0x80,
  EXIT: 0x90,
  JLT: 0xa0,
  JLE: 0xb0,
  JSLT: 0xc0,
  JSLE: 0xd0,
} as const;

/** Access sizes of load and store instructions (opcode & 0x18). */
export const Size = { W: 0x00, H: 0x08, B: 0x10, DW: 0x18 } as const;

/** Addressing modes of load and store instructions (opcode & 0xe0). */
export const Mode = { IMM: 0x00, ABS: 0x20, IND: 0x40, MEM: 0x60, MEMSX: 0x80, ATOMIC: 0xc0 } as const;

/** Atomic operations, carried in `imm` of `STX | ATOMIC`. */
export const Atomic = {
  ADD: 0x00,
  OR: 0x40,
  AND: 0x50,
  XOR: 0xa0,
  /** Flag: also return the old value in the source register. */
  FETCH: 0x01,
  XCHG: 0xe0 | 0x01,
  CMPXCHG: 0xf0 | 0x01,
} as const;

/** Byte order of `END` in class ALU (the source bit). In class ALU64, `END` with TO_LE is `bswap`. */
export const End = { TO_LE: 0x00, TO_BE: 0x08 } as const;

/** Kinds of `call`, carried in the `src` field. */
export const CallKind = { HELPER: 0, LOCAL: 1, KFUNC: 2 } as const;

/** Kinds of `lddw`, carried in the `src` field (RFC 9669 §5.4). */
export const LddwKind = {
  IMM64: 0,
  MAP_FD: 1,
  MAP_VALUE_FD: 2,
  VARIABLE: 3,
  CODE: 4,
  MAP_IDX: 5,
  MAP_VALUE_IDX: 6,
} as const;

/** `offset` of DIV/MOD that selects the signed variants (sdiv, smod). */
export const SIGNED_OFFSET = 1;

/** The opcode of `lddw` (LD | IMM | DW). */
export const LDDW = Cls.LD | Mode.IMM | Size.DW;

export const opClass = (opcode: number): number => opcode & 0x07;
export const opCode = (opcode: number): number => opcode & 0xf0;
export const opSource = (opcode: number): number => opcode & 0x08;
export const opSize = (opcode: number): number => opcode & 0x18;
export const opMode = (opcode: number): number => opcode & 0xe0;

/** Bytes moved by a load or store of the given size field. */
export function sizeBytes(size: number): 1 | 2 | 4 | 8 {
  switch (size & 0x18) {
    case Size.B:
      return 1;
    case Size.H:
      return 2;
    case Size.W:
      return 4;
    default:
      return 8;
  }
}

/** The size field for an access of `bytes` bytes. */
export function sizeField(bytes: 1 | 2 | 4 | 8): number {
  return bytes === 1 ? Size.B : bytes === 2 ? Size.H : bytes === 4 ? Size.W : Size.DW;
}

export const isLddw = (insn: Insn): boolean => insn.opcode === LDDW;

/** Does control flow transfer with `offset`/`imm` relative to the next slot (not call/exit)? */
export function isJump(insn: Insn): boolean {
  const cls = opClass(insn.opcode);
  if (cls !== Cls.JMP && cls !== Cls.JMP32) return false;
  const code = opCode(insn.opcode);
  return code !== Jmp.CALL && code !== Jmp.EXIT;
}

/** Slot index a jump lands on (`ja32` carries its offset in `imm`). */
export function jumpTarget(insn: Insn, index: number): number {
  const gotol = insn.opcode === (Cls.JMP32 | Jmp.JA);
  return index + 1 + (gotol ? insn.imm : insn.offset);
}

/** Is this any `call` (helper, local, kfunc or callx)? */
export const isCall = (insn: Insn): boolean =>
  opClass(insn.opcode) === Cls.JMP && opCode(insn.opcode) === Jmp.CALL;

/** Is this a `call` of a local (bpf-to-bpf) function? */
export const isLocalCall = (insn: Insn): boolean =>
  insn.opcode === (Cls.JMP | Jmp.CALL) && insn.src === CallKind.LOCAL;

/** Slot index a jump or a local call transfers to; undefined for other instructions. */
export function branchTarget(insn: Insn, index: number): number | undefined {
  if (isLocalCall(insn)) return index + 1 + insn.imm;
  return isJump(insn) ? jumpTarget(insn, index) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Slots ⇄ bytes ⇄ 64-bit words.

function slot(opcode: number, dst: number, src: number, offset: number, imm: number): Insn {
  return { opcode: opcode & 0xff, dst: dst & 0x0f, src: src & 0x0f, offset: (offset << 16) >> 16, imm: imm | 0 };
}

/** Writes one slot, little-endian, as the kernel and ELF objects store it. */
export function encodeInsn(insn: Insn, view: DataView, byteOffset: number): void {
  view.setUint8(byteOffset, insn.opcode);
  view.setUint8(byteOffset + 1, (insn.dst & 0x0f) | ((insn.src & 0x0f) << 4));
  view.setInt16(byteOffset + 2, insn.offset, true);
  view.setInt32(byteOffset + 4, insn.imm, true);
}

export function decodeInsn(view: DataView, byteOffset: number): Insn {
  const regs = view.getUint8(byteOffset + 1);
  return slot(
    view.getUint8(byteOffset),
    regs & 0x0f,
    regs >> 4,
    view.getInt16(byteOffset + 2, true),
    view.getInt32(byteOffset + 4, true),
  );
}

export function encodeProgram(insns: readonly Insn[]): Uint8Array {
  const bytes = new Uint8Array(insns.length * INSN_BYTES);
  const view = new DataView(bytes.buffer);
  insns.forEach((insn, i) => encodeInsn(insn, view, i * INSN_BYTES));
  return bytes;
}

/** Decodes a program; a length that is not a whole number of slots is an error. */
export function decodeProgram(bytes: Uint8Array): Insn[] {
  if (bytes.length % INSN_BYTES !== 0) {
    throw new Error(`eBPF program of ${bytes.length} bytes is not a whole number of 8-byte instructions`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const insns: Insn[] = [];
  for (let at = 0; at < bytes.length; at += INSN_BYTES) insns.push(decodeInsn(view, at));
  return insns;
}

/** A slot as the 64-bit little-endian word that bpf_conformance's `-- raw` lines show. */
export function insnToWord(insn: Insn): bigint {
  const low =
    (insn.opcode & 0xff) | ((insn.dst & 0x0f) << 8) | ((insn.src & 0x0f) << 12) | ((insn.offset & 0xffff) << 16);
  return (BigInt(insn.imm >>> 0) << 32n) | BigInt(low >>> 0);
}

export function insnFromWord(word: bigint): Insn {
  const low = Number(word & 0xffffffffn);
  const high = Number((word >> 32n) & 0xffffffffn);
  return slot(low & 0xff, (low >> 8) & 0x0f, (low >> 12) & 0x0f, low >>> 16, high);
}

// ---------------------------------------------------------------------------------------------
// Constructors. `cls` is Cls.ALU64/Cls.ALU or Cls.JMP/Cls.JMP32 as appropriate.

/** `dst op= src` (register source). `offset` selects sdiv/smod (1) or movsx width (8/16/32). */
export const aluReg = (cls: number, code: number, dst: number, src: number, offset = 0): Insn =>
  slot(cls | code | Src.X, dst, src, offset, 0);

/** `dst op= imm` (immediate source; ALU64 sign-extends `imm` to 64 bits). */
export const aluImm = (cls: number, code: number, dst: number, imm: number, offset = 0): Insn =>
  slot(cls | code | Src.K, dst, 0, offset, imm);

/** `dst = -dst`. */
export const neg = (cls: number, dst: number): Insn => slot(cls | Alu.NEG, dst, 0, 0, 0);

/**
 * Byte swaps: in class ALU, `order` End.TO_LE/TO_BE converts from host (little-endian) order;
 * in class ALU64 it must be End.TO_LE and the swap is unconditional (`bswap`).
 */
export const endian = (cls: number, order: number, dst: number, bits: 16 | 32 | 64): Insn =>
  slot(cls | Alu.END | order, dst, 0, 0, bits);

/** Conditional jump comparing two registers. */
export const jmpReg = (cls: number, code: number, dst: number, src: number, offset: number): Insn =>
  slot(cls | code | Src.X, dst, src, offset, 0);

/** Conditional jump comparing a register with an immediate. */
export const jmpImm = (cls: number, code: number, dst: number, imm: number, offset: number): Insn =>
  slot(cls | code | Src.K, dst, 0, offset, imm);

/** Unconditional jump with a 16-bit offset. */
export const ja = (offset: number): Insn => slot(Cls.JMP | Jmp.JA, 0, 0, offset, 0);

/** Unconditional jump with a 32-bit offset (`gotol`). */
export const ja32 = (offset: number): Insn => slot(Cls.JMP32 | Jmp.JA, 0, 0, 0, offset);

export const callHelper = (id: number): Insn => slot(Cls.JMP | Jmp.CALL, 0, CallKind.HELPER, 0, id);

/** bpf-to-bpf call; `relative` counts from the next slot, like a jump offset. */
export const callLocal = (relative: number): Insn => slot(Cls.JMP | Jmp.CALL, 0, CallKind.LOCAL, 0, relative);

/** Call of a kernel function by BTF id (the VM does not run these; here for encoding completeness). */
export const callKfunc = (btfId: number): Insn => slot(Cls.JMP | Jmp.CALL, 0, CallKind.KFUNC, 0, btfId);

/** Call of a helper whose id is in a register (`callx`, an extension kept for bpf_conformance). */
export const callReg = (reg: number): Insn => slot(Cls.JMP | Jmp.CALL | Src.X, reg, 0, 0, 0);

export const exit = (): Insn => slot(Cls.JMP | Jmp.EXIT, 0, 0, 0, 0);

/** `dst = *(size *)(src + offset)`, zero- or (`signed`) sign-extended. */
export const ldx = (bytes: 1 | 2 | 4 | 8, dst: number, src: number, offset: number, signed = false): Insn =>
  slot(Cls.LDX | (signed ? Mode.MEMSX : Mode.MEM) | sizeField(bytes), dst, src, offset, 0);

/** `*(size *)(dst + offset) = imm`. */
export const st = (bytes: 1 | 2 | 4 | 8, dst: number, offset: number, imm: number): Insn =>
  slot(Cls.ST | Mode.MEM | sizeField(bytes), dst, 0, offset, imm);

/** `*(size *)(dst + offset) = src`. */
export const stx = (bytes: 1 | 2 | 4 | 8, dst: number, offset: number, src: number): Insn =>
  slot(Cls.STX | Mode.MEM | sizeField(bytes), dst, src, offset, 0);

/** Atomic read-modify-write on `*(size *)(dst + offset)`; `op` is an `Atomic` value. */
export const atomic = (bytes: 4 | 8, op: number, dst: number, offset: number, src: number): Insn =>
  slot(Cls.STX | Mode.ATOMIC | sizeField(bytes), dst, src, offset, op);

/**
 * `lddw dst, value`: two slots. With `kind` other than IMM64 the low word is a map fd/index (or
 * variable/code reference) and the high word an offset into the map value, as RFC 9669 §5.4 says.
 */
export function lddw(dst: number, value: bigint, kind: number = LddwKind.IMM64): [Insn, Insn] {
  const bits = BigInt.asUintN(64, value);
  return [
    slot(LDDW, dst, kind, 0, Number(bits & 0xffffffffn)),
    slot(0, 0, 0, 0, Number(bits >> 32n)),
  ];
}

/** The 64-bit immediate of an `lddw` from its two slots. */
export function lddwValue(first: Insn, second: Insn): bigint {
  return (BigInt(second.imm >>> 0) << 32n) | BigInt(first.imm >>> 0);
}

// ---------------------------------------------------------------------------------------------
// Encoding rules: what a valid instruction looks like (RFC 9669, unused fields zero).

const ALU_CODES = new Set<number>(Object.values(Alu));
const CONDITIONAL_JUMPS = new Set<number>([
  Jmp.JEQ, Jmp.JGT, Jmp.JGE, Jmp.JSET, Jmp.JNE, Jmp.JSGT, Jmp.JSGE, Jmp.JLT, Jmp.JLE, Jmp.JSLT, Jmp.JSLE,
]);
const ATOMIC_OPS = new Set<number>([
  Atomic.ADD, Atomic.OR, Atomic.AND, Atomic.XOR,
  Atomic.ADD | Atomic.FETCH, Atomic.OR | Atomic.FETCH, Atomic.AND | Atomic.FETCH, Atomic.XOR | Atomic.FETCH,
  Atomic.XCHG, Atomic.CMPXCHG,
]);
const LDDW_KINDS = new Set<number>(Object.values(LddwKind));

const hex = (n: number): string => `0x${n.toString(16).padStart(2, "0")}`;

/**
 * Why the instruction at `index` is not a valid encoding, or undefined when it is. Checks one
 * instruction (and the second slot of `lddw`), not control flow: that is the verifier's job.
 * A second `lddw` slot is reported by the `lddw` before it, not on its own.
 */
export function encodingProblem(insns: readonly Insn[], index: number): string | undefined {
  const insn = insns[index]!;
  const { opcode, dst, src, offset, imm } = insn;
  const cls = opClass(opcode);
  const code = opCode(opcode);
  const regSource = opSource(opcode) === Src.X;
  const unused = (fields: Record<string, number>): string | undefined => {
    for (const [name, value] of Object.entries(fields)) {
      if (value !== 0) return `opcode ${hex(opcode)} must have ${name} 0 (found ${value})`;
    }
    return undefined;
  };
  if (dst > 10) return `invalid destination register r${dst}`;
  if (src > 10 && cls !== Cls.LD) return `invalid source register r${src}`;

  switch (cls) {
    case Cls.ALU:
    case Cls.ALU64: {
      if (!ALU_CODES.has(code)) return `unknown ALU operation in opcode ${hex(opcode)}`;
      if (code === Alu.END) {
        if (cls === Cls.ALU64 && regSource) return `opcode ${hex(opcode)} is not defined (bswap has no byte-order bit)`;
        if (imm !== 16 && imm !== 32 && imm !== 64) return `byte swap width must be 16, 32 or 64 (found ${imm})`;
        return unused({ "source register": src, offset });
      }
      if (code === Alu.NEG) {
        if (regSource) return `opcode ${hex(opcode)} is not defined (neg takes no source)`;
        return unused({ "source register": src, offset, immediate: imm });
      }
      const offsetOk =
        offset === 0 ||
        ((code === Alu.DIV || code === Alu.MOD) && offset === SIGNED_OFFSET) ||
        (code === Alu.MOV && regSource && (offset === 8 || offset === 16 || (offset === 32 && cls === Cls.ALU64)));
      if (!offsetOk) return `opcode ${hex(opcode)} does not allow offset ${offset}`;
      return regSource ? unused({ immediate: imm }) : unused({ "source register": src });
    }
    case Cls.JMP:
    case Cls.JMP32: {
      if (code === Jmp.JA) {
        if (regSource) return `opcode ${hex(opcode)} is not defined (ja takes no source)`;
        return cls === Cls.JMP
          ? unused({ "destination register": dst, "source register": src, immediate: imm })
          : unused({ "destination register": dst, "source register": src, offset });
      }
      if (code === Jmp.CALL) {
        if (cls === Cls.JMP32) return `opcode ${hex(opcode)} is not defined (call is JMP class only)`;
        if (regSource) return unused({ "source register": src, offset, immediate: imm });
        if (src !== CallKind.HELPER && src !== CallKind.LOCAL && src !== CallKind.KFUNC) {
          return `unknown call kind ${src}`;
        }
        return unused({ "destination register": dst, offset });
      }
      if (code === Jmp.EXIT) {
        if (cls === Cls.JMP32 || regSource) return `opcode ${hex(opcode)} is not defined (exit is JMP class only)`;
        return unused({ "destination register": dst, "source register": src, offset, immediate: imm });
      }
      if (!CONDITIONAL_JUMPS.has(code)) return `unknown jump operation in opcode ${hex(opcode)}`;
      return regSource ? unused({ immediate: imm }) : unused({ "source register": src });
    }
    case Cls.LD: {
      const mode = opMode(opcode);
      if (mode === Mode.ABS || mode === Mode.IND) {
        return `legacy packet access (opcode ${hex(opcode)}) is deprecated by RFC 9669 and not supported`;
      }
      if (opcode !== LDDW) return `unknown load opcode ${hex(opcode)}`;
      if (!LDDW_KINDS.has(src)) return `unknown lddw kind ${src}`;
      const bad = unused({ offset });
      if (bad) return bad;
      const second = insns[index + 1];
      if (second === undefined) return "lddw needs two slots but is the last instruction";
      if (second.opcode !== 0 || second.dst !== 0 || second.src !== 0 || second.offset !== 0) {
        return "second slot of lddw must have opcode, registers and offset 0";
      }
      return undefined;
    }
    case Cls.LDX: {
      const mode = opMode(opcode);
      if (mode !== Mode.MEM && !(mode === Mode.MEMSX && opSize(opcode) !== Size.DW)) {
        return `unknown load opcode ${hex(opcode)}`;
      }
      return unused({ immediate: imm });
    }
    case Cls.ST:
      if (opMode(opcode) !== Mode.MEM) return `unknown store opcode ${hex(opcode)}`;
      return unused({ "source register": src });
    default: {
      // Cls.STX
      const mode = opMode(opcode);
      if (mode === Mode.MEM) return unused({ immediate: imm });
      if (mode !== Mode.ATOMIC) return `unknown store opcode ${hex(opcode)}`;
      const size = opSize(opcode);
      if (size !== Size.W && size !== Size.DW) return "atomic operations need a 32- or 64-bit size";
      if (!ATOMIC_OPS.has(imm)) return `unknown atomic operation ${hex(imm)}`;
      return undefined;
    }
  }
}
