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

import { MAX_PACKET_OFFSET } from "../vm/verifier/access.js";
import { Alu, Jmp, R_AUX, R_CTX, R_SCAN, R_SCRATCH, type Label } from "./asm.js";
import { serialize, valuePieces, type Piece } from "./bits.js";
import type { Gen } from "./context.js";
import { Helper, XdpMd } from "./helpers.js";
import { MAX_PARSE_OFFSET, S, type HeaderSlot } from "./layout.js";
import { emittedRefs, type Placement } from "./placement.js";

/** Where an element's output offset is kept across the helper call: a callee-saved register, or a scratch slot. */
type Offset = { readonly reg: number } | { readonly slot: number };

export function genDeparser(g: Gen, abort: Label): void {
  const { asm, regs } = g;
  const slots = emittedRefs(g.program).map((r) => g.layout.headers.get(r)!);
  const placed = slots.map((s) => g.layout.placements.get(s.ref)!);
  const writes = (i: number): boolean => placed[i]!.mode !== "inplace" || placed[i]!.ranges.length > 0;
  const offsets = outputOffsets(g, slots, placed, writes);
  // emitted length, without branches: Σ valid · bytes
  const len = regs.alloc();
  const t = regs.alloc();
  asm.opi(Alu.MOV, len, 0);
  slots.forEach((s, i) => {
    const at = offsets[i];
    if (at && "reg" in at) asm.mov(at.reg, len);
    else if (at) asm.store(8, R_SCRATCH, at.slot, len);
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

  if (!slots.some((_, i) => writes(i))) return;
  const dataEnd = regs.alloc(); // loaded once for every header's bounds check
  asm.load(4, dataEnd, R_CTX, XdpMd.DATA_END);
  slots.forEach((s, i) => {
    if (writes(i)) emitHeader(g, s, placed[i]!, offsets[i], dataEnd, abort);
  });
  regs.release(dataEnd);
}

/**
 * Where each written element after the first keeps its output offset (the
 * valid emitted bytes before it). r8, and r7 when no element is checked (it
 * then holds the shift), keep theirs across the helper call as the sum the
 * verifier computed — bounded by 255 × the bytes before it (a valid byte
 * loads as 0…255), which must leave the access inside the kernel's
 * MAX_PACKET_OFF — so no bounds check is needed; the others go through
 * scratch and are checked again.
 */
function outputOffsets(g: Gen, slots: readonly HeaderSlot[], placed: readonly Placement[], writes: (i: number) => boolean): (Offset | undefined)[] {
  const free = placed.some((p) => p.mode === "checked") ? [R_SCAN] : [R_SCAN, R_AUX];
  g.resetTemp();
  const temp = g.temp(8 * slots.length);
  let before = 0;
  return slots.map((s, i) => {
    const bytes = s.type.widthBits / 8;
    const prefix = before;
    before += bytes;
    if (i === 0 || !writes(i)) return undefined;
    if (free.length > 0 && 255n * BigInt(prefix) + BigInt(bytes) <= MAX_PACKET_OFFSET) return { reg: free.shift()! };
    return { slot: temp + 8 * i };
  });
}

/** The header's bit string: every field, from its scratch words. */
function headerPieces(s: HeaderSlot): Piece[] {
  return s.type.fields.flatMap((f) => valuePieces(s.fields.get(f.name)!, f.width, f.offset));
}

/** Writes one valid header at data + its output offset (`at`; the first is at 0), as its placement says; `dataEnd` holds data_end. */
function emitHeader(g: Gen, s: HeaderSlot, placement: Placement, at: Offset | undefined, dataEnd: number, abort: Label): void {
  const { asm, regs } = g;
  const bytes = s.type.widthBits / 8;
  const skip = asm.label();
  const valid = regs.alloc();
  asm.load(1, valid, R_SCRATCH, s.valid);
  asm.jumpIfImm(Jmp.JEQ, valid, 0, skip);
  const off = at && "reg" in at ? at.reg : valid; // the output offset
  if (at === undefined) asm.opi(Alu.MOV, off, 0);
  else if ("slot" in at) {
    asm.load(8, off, R_SCRATCH, at.slot);
    asm.jumpIfImm(Jmp.JGT, off, MAX_PARSE_OFFSET, abort);
  }
  const p = regs.alloc();
  const end = regs.alloc();
  asm.load(4, p, R_CTX, XdpMd.DATA);
  asm.op(Alu.ADD, p, off);
  asm.mov(end, p);
  asm.opi(Alu.ADD, end, placement.mode === "inplace" ? placement.ranges.at(-1)![1] : bytes);
  asm.jumpIf(Jmp.JGT, end, dataEnd, abort);
  regs.release(end);
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
  regs.release(valid, p);
  asm.bind(skip);
}
