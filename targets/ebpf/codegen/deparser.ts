// The deparser → instructions: move the packet's start so that exactly the
// emitted headers fit before the unparsed payload (one bpf_xdp_adjust_head by
// payload offset − emitted length; the payload itself never moves and the
// tail never changes), then write each valid emitted header. After
// adjust_head every packet pointer is re-derived from the context, as the
// verifier demands.
//
// adjust_head moves no bytes, so a header whose distance to the payload is
// unchanged still has its received bytes where it is emitted: of those only
// the fields the program may write are stored (placement.ts says which
// headers are proven to stay, and which are checked at run time against the
// offset their extraction ended at). Other headers are written whole from
// their scratch words.

import { Alu, Jmp, R_AUX, R_CTX, R_SCRATCH, type Label } from "./asm.js";
import { serialize, valuePieces, type Piece } from "./bits.js";
import type { Gen } from "./context.js";
import { Helper, XdpMd } from "./helpers.js";
import { MAX_PARSE_OFFSET, S, type HeaderSlot } from "./layout.js";
import { emittedRefs, type Placement } from "./placement.js";

export function genDeparser(g: Gen, abort: Label): void {
  const { asm, regs } = g;
  const slots = emittedRefs(g.program).map((r) => g.layout.headers.get(r)!);
  const placed = slots.map((s) => g.layout.placements.get(s.ref)!);
  const writes = (i: number): boolean => placed[i]!.mode !== "inplace" || placed[i]!.ranges.length > 0;
  g.resetTemp();
  const outAt = g.temp(8 * slots.length); // each element's output offset: the valid emitted bytes before it
  // emitted length, without branches: Σ valid · bytes
  const len = regs.alloc();
  const t = regs.alloc();
  asm.opi(Alu.MOV, len, 0);
  slots.forEach((s, i) => {
    if (writes(i) && i > 0) asm.store(8, R_SCRATCH, outAt + 8 * i, len);
    asm.load(1, t, R_SCRATCH, s.valid);
    asm.opi(Alu.MUL, t, s.type.widthBits / 8);
    asm.op(Alu.ADD, len, t);
  });
  asm.load(8, t, R_SCRATCH, S.POFF);
  asm.op(Alu.SUB, t, len); // > 0: headers removed; < 0: headers added
  regs.release(len);
  // r7 (free after the parser, and no action runs here) keeps that shift across the helper call
  if (placed.some((p) => p.mode === "checked")) asm.mov(R_AUX, t);
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

  slots.forEach((s, i) => {
    if (writes(i)) emitHeader(g, s, placed[i]!, i > 0 ? outAt + 8 * i : undefined, abort);
  });
}

/** The header's bit string: every field, from its scratch words. */
function headerPieces(s: HeaderSlot): Piece[] {
  return s.type.fields.flatMap((f) => valuePieces(s.fields.get(f.name)!, f.width, f.offset));
}

/** Writes one valid header at data + its output offset (stored at scratch `outAt`; the first is at 0), as its placement says. */
function emitHeader(g: Gen, s: HeaderSlot, placement: Placement, outAt: number | undefined, abort: Label): void {
  const { asm, regs } = g;
  const bytes = s.type.widthBits / 8;
  const skip = asm.label();
  const off = regs.alloc();
  asm.load(1, off, R_SCRATCH, s.valid);
  asm.jumpIfImm(Jmp.JEQ, off, 0, skip);
  if (outAt === undefined) asm.opi(Alu.MOV, off, 0);
  else {
    asm.load(8, off, R_SCRATCH, outAt);
    asm.jumpIfImm(Jmp.JGT, off, MAX_PARSE_OFFSET, abort);
  }
  const p = regs.alloc();
  const end = regs.alloc();
  asm.load(4, p, R_CTX, XdpMd.DATA);
  asm.op(Alu.ADD, p, off);
  asm.mov(end, p);
  asm.opi(Alu.ADD, end, placement.mode === "inplace" ? placement.ranges.at(-1)![1] : bytes);
  const dataEnd = regs.alloc();
  asm.load(4, dataEnd, R_CTX, XdpMd.DATA_END);
  asm.jumpIf(Jmp.JGT, end, dataEnd, abort);
  regs.release(end, dataEnd);
  const pieces = headerPieces(s);
  const writeRanges = (): void => {
    for (const [from, to] of placement.ranges) {
      const shifted = pieces.map((x) => ({ ...x, bitStart: x.bitStart - 8 * from }));
      serialize(asm, regs, shifted, to - from, p, from);
    }
  };
  if (placement.mode === "inplace") writeRanges();
  else if (placement.mode === "full") serialize(asm, regs, pieces, bytes, p, 0);
  else {
    // in place iff it was extracted (origin ≠ 0) and origin − shift = off + bytes
    const whole = asm.label();
    const done = asm.label();
    const o = regs.alloc();
    asm.load(8, o, R_SCRATCH, s.origin!);
    asm.jumpIfImm(Jmp.JEQ, o, 0, whole);
    asm.op(Alu.SUB, o, R_AUX);
    asm.op(Alu.SUB, o, off);
    if (placement.ranges.length === 0) asm.jumpIfImm(Jmp.JEQ, o, bytes, done);
    else asm.jumpIfImm(Jmp.JNE, o, bytes, whole);
    regs.release(o);
    if (placement.ranges.length > 0) {
      writeRanges();
      asm.jump(done);
    }
    asm.bind(whole);
    serialize(asm, regs, pieces, bytes, p, 0);
    asm.bind(done);
  }
  regs.release(off, p);
  asm.bind(skip);
}
