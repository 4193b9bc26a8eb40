// The deparser: the valid emitted headers in order (a stack element by
// element), then the payload — the received bytes from where the parser
// stopped to the end (language.md §11).

import type * as ir from "../../compiler/ir.js";
import { orBits } from "../../compiler/wire.js";
import type { Layout, PacketState } from "./state.js";

export function compileDeparser(program: ir.Program, layout: Layout): (s: PacketState) => Uint8Array {
  const emitted = program.deparser.emits.flatMap(({ header }) => {
    const inst = layout.instance(header);
    return Array.from({ length: inst.stackSize ?? 1 }, (_, i) => ({ slot: inst.base + i, type: inst.type }));
  });
  return (s) => {
    let headerBytes = 0;
    for (const e of emitted) if (s.slots[e.slot]!.valid) headerBytes += e.type.widthBits >> 3;
    const payloadStart = Math.min(s.offsetBits >> 3, s.data.length);
    const out = new Uint8Array(headerBytes + s.data.length - payloadStart);
    let at = 0;
    for (const e of emitted) {
      const slot = s.slots[e.slot]!;
      if (!slot.valid) continue;
      const fields = e.type.fields;
      for (let i = 0; i < fields.length; i++) orBits(out, at + fields[i]!.offset, fields[i]!.width, slot.fields[i]!);
      at += e.type.widthBits;
    }
    out.set(s.data.subarray(payloadStart), headerBytes);
    return out;
  };
}
