// Constant propagation over registers: the generator starts sums at 0
// (`mov acc, 0; … add acc, t`), adds offsets that are sometimes 0 (the first
// emitted header), and reads fields the code has just set to a constant
// (`h.c = 0; h.c = checksum16({h})`, once forwardStores turned the load into
// `mov rX, 0`). Knowing which registers hold which constant, this pass drops
// operations that change nothing, turns an add to a known 0 into a move, and
// a register operand holding a small constant into an immediate — after
// which the move that set it is often dead (dropDeadWrites).

import { Alu, Cls, Jmp, LDDW, aluImm, aluReg, lddwValue, opClass, opCode, type Insn } from "../../vm/isa.js";
import { CALL, changedOr, ForwardFlow, isMark, written, type Item } from "./items.js";

const REG = 0x08;
const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);
/** The immediate that an ALU64 or JMP instruction sign-extends to `v`, if there is one. */
const asImm = (v: bigint): number | undefined => {
  const s = BigInt.asIntN(64, v);
  return s >= -0x8000_0000n && s < 0x8000_0000n ? Number(s) : undefined;
};

/** ALU64 `code` on known operands (undefined: not computed here — division, byte swaps). */
function evaluate(code: number, a: bigint, b: bigint): bigint | undefined {
  const shift = b & 63n;
  switch (code) {
    case Alu.ADD: return U64(a + b);
    case Alu.SUB: return U64(a - b);
    case Alu.MUL: return U64(a * b);
    case Alu.OR: return a | b;
    case Alu.AND: return a & b;
    case Alu.XOR: return a ^ b;
    case Alu.LSH: return U64(a << shift);
    case Alu.RSH: return a >> shift;
    case Alu.ARSH: return U64(BigInt.asIntN(64, a) >> shift);
    case Alu.MOV: return b;
    default: return undefined;
  }
}

/** Does `x op= b` leave x as it is, whatever x? */
const ZERO_IDENTITY: readonly number[] = [Alu.ADD, Alu.SUB, Alu.OR, Alu.XOR, Alu.LSH, Alu.RSH, Alu.ARSH];
const identity = (code: number, b: bigint): boolean =>
  b === 0n ? ZERO_IDENTITY.includes(code) : (code === Alu.MUL && b === 1n) || (code === Alu.AND && b === U64(-1n));

type Facts = ReadonlyMap<number, bigint>;

/** The registers every way into a label agrees on. */
function joined(ways: readonly Facts[] | undefined): Map<number, bigint> {
  if (!ways) return new Map();
  return new Map([...ways[0]!].filter(([r, v]) => ways.every((w) => w.get(r) === v)));
}

const sameInsn = (a: Insn, b: Insn): boolean => a.opcode === b.opcode && a.dst === b.dst && a.src === b.src && a.offset === b.offset && a.imm === b.imm;

/**
 * The line rewritten with what is known (undefined: dropped). Only 64-bit ALU and jumps are rewritten (a 32-bit
 * operation also clears the upper half, so is never the identity).
 */
function rewrite(insn: Insn, known: Map<number, bigint>): Insn | undefined {
  const cls = opClass(insn.opcode);
  const code = opCode(insn.opcode);
  const src = insn.opcode & REG ? known.get(insn.src) : BigInt.asUintN(64, BigInt(insn.imm));
  if (cls === Cls.JMP && insn.opcode & REG && code !== Jmp.CALL && code !== Jmp.JA && code !== Jmp.EXIT && src !== undefined) {
    const imm = asImm(src);
    return imm === undefined ? insn : { ...insn, opcode: insn.opcode & ~REG, src: 0, imm };
  }
  if (cls !== Cls.ALU64 || code === Alu.END || code === Alu.NEG || code === Alu.DIV || code === Alu.MOD || insn.offset !== 0) return insn;
  const dst = known.get(insn.dst);
  if (src === undefined) {
    // x + y, x | y, x ^ y with x = 0 is y
    const zeroSum = dst === 0n && (code === Alu.ADD || code === Alu.OR || code === Alu.XOR);
    return zeroSum ? aluReg(Cls.ALU64, Alu.MOV, insn.dst, insn.src) : insn;
  }
  if (code !== Alu.MOV && identity(code, src)) return undefined;
  const value = code === Alu.MOV ? src : dst === undefined ? undefined : evaluate(code, dst, src);
  const folded = value === undefined ? undefined : asImm(value);
  if (folded !== undefined) return aluImm(Cls.ALU64, Alu.MOV, insn.dst, folded);
  const imm = asImm(src);
  return insn.opcode & REG && imm !== undefined ? aluImm(Cls.ALU64, code, insn.dst, imm) : insn;
}

/** What is known about the registers after `insn` ran with `known` before it. */
function after(insn: Insn, known: Map<number, bigint>, wide: Insn | undefined, map: string | undefined): void {
  if (insn.opcode === CALL) {
    for (let r = 0; r <= 5; r++) known.delete(r);
    return;
  }
  const w = written(insn);
  if (w === undefined) return;
  const cls = opClass(insn.opcode);
  let value: bigint | undefined;
  if (insn.opcode === LDDW && wide && map === undefined && insn.src === 0) value = lddwValue(insn, wide);
  else if (cls === Cls.ALU64 && opCode(insn.opcode) === Alu.MOV && !(insn.opcode & REG) && insn.offset === 0) value = U64(BigInt(insn.imm));
  else if (cls === Cls.ALU64 && opCode(insn.opcode) === Alu.MOV && insn.offset === 0) value = known.get(insn.src);
  else if (cls === Cls.ALU && opCode(insn.opcode) === Alu.MOV && !(insn.opcode & REG) && insn.offset === 0) value = BigInt(insn.imm >>> 0);
  if (value === undefined) known.delete(w);
  else known.set(w, value);
}

/**
 * Rewrites each line with the constants its registers are known to hold.
 * Facts follow forward jumps and meet at labels (a loop head knows
 * nothing); a call forgets r0–r5; any other write forgets (or sets) its
 * register. The pass never drops or adds a branch.
 */
export function foldConstants(items: readonly Item[]): readonly Item[] {
  const flow = new ForwardFlow<Facts>(items);
  let known = new Map<number, bigint>();
  let changed = false;
  const out: Item[] = [];
  for (const [i, item] of items.entries()) {
    if (isMark(item)) {
      known = joined(flow.waysInto(item.label, known));
      out.push(item);
      continue;
    }
    const rewritten = rewrite(item.insn, known);
    if (rewritten === undefined) {
      changed = true;
      continue;
    }
    const insn = sameInsn(rewritten, item.insn) ? item.insn : rewritten;
    changed ||= insn !== item.insn;
    const flows = flow.leave(i, item, new Map(known));
    after(insn, known, item.wide, item.map);
    if (!flows) known = new Map();
    out.push(insn === item.insn ? item : { ...item, insn });
  }
  return changedOr(items, out, changed);
}
