// The deparser → instructions: move the packet's start so that exactly the
// emitted headers fit before the unparsed payload (one bpf_xdp_adjust_head by
// payload offset − emitted length; the payload itself never moves and the
// tail never changes), then write each valid emitted header from its scratch
// words. After adjust_head every packet pointer is re-derived from the
// context, as the verifier demands.

import type * as ir from "../../../compiler/ir.js";
import { Alu, Jmp, R_CTX, R_SCRATCH, type Label } from "./asm.js";
import { serialize, valuePieces } from "./bits.js";
import type { Gen } from "./context.js";
import { Helper, XdpMd } from "./helpers.js";
import { MAX_PARSE_OFFSET, S, type HeaderSlot } from "./layout.js";

/** The header elements the deparser emits, in order (a stack: every element). */
export function emittedSlots(g: Gen): HeaderSlot[] {
  return g.program.deparser.emits.flatMap((e) => {
    const h = g.program.headers.find((x) => x.name === e.header)!;
    const refs = h.stackSize === undefined ? [h.name] : Array.from({ length: h.stackSize }, (_, i) => `${h.name}[${i}]`);
    return refs.map((r) => g.layout.headers.get(r)!);
  });
}

export function genDeparser(g: Gen, abort: Label): void {
  const { asm, regs } = g;
  const slots = emittedSlots(g);
  // emitted length, without branches: Σ valid · bytes
  const len = regs.alloc();
  const t = regs.alloc();
  asm.opi(Alu.MOV, len, 0);
  for (const s of slots) {
    asm.load(1, t, R_SCRATCH, s.valid);
    asm.opi(Alu.MUL, t, s.type.widthBits / 8);
    asm.op(Alu.ADD, len, t);
  }
  asm.load(8, t, R_SCRATCH, S.POFF);
  asm.op(Alu.SUB, t, len); // > 0: headers removed; < 0: headers added
  regs.release(len);
  const adjusted = asm.label();
  asm.jumpIfImm(Jmp.JEQ, t, 0, adjusted);
  asm.mov(2, t);
  regs.release(t);
  regs.assertCallSafe();
  asm.mov(1, R_CTX);
  asm.call(Helper.xdp_adjust_head);
  asm.jumpIfImm(Jmp.JNE, 0, 0, abort);
  asm.bind(adjusted);
  regs.release(t);

  asm.storeImm(8, R_SCRATCH, S.OUTOFF, 0);
  for (const s of slots) emitHeader(g, s, abort);
}

function emitHeader(g: Gen, s: HeaderSlot, abort: Label): void {
  const { asm, regs } = g;
  const bytes = s.type.widthBits / 8;
  const skip = asm.label();
  const off = regs.alloc();
  asm.load(1, off, R_SCRATCH, s.valid);
  asm.jumpIfImm(Jmp.JEQ, off, 0, skip);
  asm.load(8, off, R_SCRATCH, S.OUTOFF);
  asm.jumpIfImm(Jmp.JGT, off, MAX_PARSE_OFFSET, abort);
  const p = regs.alloc();
  const end = regs.alloc();
  asm.load(4, p, R_CTX, XdpMd.DATA);
  asm.op(Alu.ADD, p, off);
  asm.mov(end, p);
  asm.opi(Alu.ADD, end, bytes);
  const dataEnd = regs.alloc();
  asm.load(4, dataEnd, R_CTX, XdpMd.DATA_END);
  asm.jumpIf(Jmp.JGT, end, dataEnd, abort);
  regs.release(end, dataEnd);
  const pieces = s.type.fields.flatMap((f: ir.HeaderField) => valuePieces(s.fields.get(f.name)!, f.width, f.offset));
  serialize(asm, regs, pieces, bytes, p, 0);
  asm.opi(Alu.ADD, off, bytes);
  asm.store(8, R_SCRATCH, S.OUTOFF, off);
  regs.release(off, p);
  asm.bind(skip);
}
