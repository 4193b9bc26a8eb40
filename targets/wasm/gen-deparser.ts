// The deparser, compiled into the packet function: writes the valid emitted
// headers in front of the unparsed payload, in the packet's own slot.
//
// The payload never moves. The headers end where the parser stopped, so they
// start at `off − (bytes of valid emitted headers)`, which may be before the
// received packet's first byte (encapsulation uses the slot's headroom). A
// header whose contents were extracted from exactly the position it is now
// emitted at ("in place", the common case of forwarding) gets only the fields
// that the program can ever assign written back; any other header (moved,
// new, shifted in a stack) is stored whole from its field values.

import binaryen from "binaryen";
import * as ir from "../../compiler/ir.js";
import { walkStmts } from "../../compiler/visit.js";
import * as abi from "./abi.js";
import { storeHeader, writeBits } from "./gen-bits.js";
import type { PacketGen, SlotState } from "./gen-packet.js";
import type { X } from "./gen-values.js";

const { i32 } = binaryen;

/** Header instance → the fields some assignment in the program may write. */
function writtenFields(program: ir.Program): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const note = (s: ir.Stmt | ir.ParserStmt): void => {
    if (s.kind === "Assign" && s.target.loc.kind === "field") {
      const { ref, field } = s.target.loc;
      if (!out.has(ref.header)) out.set(ref.header, new Set());
      out.get(ref.header)!.add(field);
    }
  };
  walkStmts(program.ingress, note);
  for (const a of program.actions) walkStmts(a.body, note);
  for (const st of program.parser.states) st.body.forEach(note);
  return out;
}

export function genDeparser(g: PacketGen): X[] {
  const f = g.f;
  const m = g.m;
  const program = g.layout.program;
  const written = writtenFields(program);
  const emitted = program.deparser.emits.flatMap(({ header }) => g.slots.get(header)!.map((slot) => ({ header, slot })));
  const [startL, posL, ptrL] = [f.local(i32), f.local(i32), f.local(i32)];
  const bytesOf = (slot: SlotState): number => slot.type.widthBits / 8;
  const total = emitted.reduce<X>((acc, e) => m.i32.add(acc, m.i32.mul(f.get32(e.slot.valid), f.i32(bytesOf(e.slot)))), f.i32(0));
  const out: X[] = [m.local.set(startL, m.i32.sub(f.get32(g.off), total)), m.local.set(posL, f.get32(startL))];
  const ptr = (): X => f.get32(ptrL);
  for (const e of emitted) {
    const bytes = bytesOf(e.slot);
    const fields = e.slot.fields.map((x) => ({ o: x.field.offset, w: x.field.width, v: g.read(x.v), name: x.field.name }));
    const changed = fields.filter((x) => written.get(e.header)?.has(x.name));
    const inPlace = changed.flatMap((x) => writeBits(f, ptr, 0, x.o, x.w, x.v));
    const whole = storeHeader(f, ptr, 0, fields, bytes);
    out.push(
      m.if(
        f.get32(e.slot.valid),
        m.block(null, [
          m.local.set(ptrL, m.i32.add(g.dataPtr(), f.get32(posL))),
          m.if(m.i32.eq(f.get32(e.slot.orig), m.i32.add(f.get32(posL), f.i32(1))), f.block(inPlace.length ? inPlace : [m.nop()]), f.block(whole)),
          m.local.set(posL, m.i32.add(f.get32(posL), f.i32(bytes))),
        ]),
      ),
    );
  }
  const desc = (): X => m.local.get(g.desc, i32);
  out.push(
    m.i32.store(abi.D_OUT_START, 4, desc(), f.get32(startL)),
    m.i32.store(abi.D_OUT_LEN, 4, desc(), m.i32.sub(f.get32(g.len), f.get32(startL))),
  );
  return out;
}
