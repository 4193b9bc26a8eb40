// The interpreter's per-packet state and the program layout that indexes it.
//
// Every header instance and every stack element is a "slot" with a valid bit
// and one bigint per field. Invariant: an invalid slot's fields are all 0, so
// reading a field never needs to look at the valid bit ("reading a field of an
// invalid header gives 0"); writers check it instead. Names are resolved to
// array indexes once, when the program is loaded, not per packet.

import * as ir from "../../compiler/ir.js";
import type { DigestMessage } from "../../runtime/dataplane.js";

export interface HeaderSlot {
  valid: boolean;
  readonly fields: bigint[];
}

/** Where a header instance lives in PacketState.slots. */
export interface InstanceLayout {
  readonly name: string;
  readonly type: ir.HeaderType;
  /** The first slot; a stack's element i is slot `base + i`. */
  readonly base: number;
  /** Stack size; undefined for a plain header. */
  readonly stackSize?: number;
  /** Index into PacketState.nextIndex, for stacks. */
  readonly stackId?: number;
}

export class Layout {
  readonly instances = new Map<string, InstanceLayout>();
  /** The header type of every slot, in slot order. */
  readonly slotTypes: ir.HeaderType[] = [];
  readonly stackCount: number;
  readonly metaIndex = new Map<string, number>();
  readonly localCount: number;

  constructor(readonly program: ir.Program) {
    const types = new Map(program.headerTypes.map((t) => [t.name, t]));
    let stacks = 0;
    for (const h of program.headers) {
      const type = types.get(h.type);
      if (!type) throw new Error(`internal error: header ${h.name} has unknown type ${h.type}`);
      const base = this.slotTypes.length;
      const count = h.stackSize ?? 1;
      for (let i = 0; i < count; i++) this.slotTypes.push(type);
      this.instances.set(h.name, { name: h.name, type, base, ...(h.stackSize !== undefined ? { stackSize: h.stackSize, stackId: stacks++ } : {}) });
    }
    this.stackCount = stacks;
    program.metadata.forEach((m, i) => this.metaIndex.set(m.name, i));
    this.localCount = program.locals.reduce((n, l) => Math.max(n, l.id + 1), 0);
  }

  instance(name: string): InstanceLayout {
    const found = this.instances.get(name);
    if (!found) throw new Error(`internal error: no header instance '${name}'`);
    return found;
  }

  fieldIndex(type: ir.HeaderType, field: string): number {
    const i = type.fields.findIndex((f) => f.name === field);
    if (i < 0) throw new Error(`internal error: header type ${type.name} has no field '${field}'`);
    return i;
  }

  metaSlot(field: string): number {
    const i = this.metaIndex.get(field);
    if (i === undefined) throw new Error(`internal error: no metadata field '${field}'`);
    return i;
  }

  newSlot(slot: number): HeaderSlot {
    return { valid: false, fields: new Array<bigint>(this.slotTypes[slot]!.fields.length).fill(0n) };
  }
}

/** Everything one packet's processing reads and writes; a fresh one for every packet. */
export class PacketState {
  readonly slots: HeaderSlot[];
  /** Per stack: P4's nextIndex (elements extracted through `next`, moved by push/pop). */
  readonly nextIndex: number[];
  readonly meta: bigint[];
  readonly locals: bigint[];
  /** Arguments of the action being run. */
  args: readonly bigint[] = [];
  /** The parser's position, in bits from the start of the packet. */
  offsetBits = 0;
  parserError = 0n;
  verdict: ir.Verdict = "drop";
  /** The port (forward) or group (multicast) of the verdict. */
  verdictArg = 0n;
  readonly digests: DigestMessage[] = [];
  readonly packetLength: bigint;

  constructor(
    layout: Layout,
    readonly data: Uint8Array,
    readonly ingressPort: bigint,
    readonly timestamp: bigint,
  ) {
    this.slots = layout.slotTypes.map((_, i) => layout.newSlot(i));
    this.nextIndex = new Array<number>(layout.stackCount).fill(0);
    this.meta = new Array<bigint>(layout.program.metadata.length).fill(0n);
    this.locals = new Array<bigint>(layout.localCount).fill(0n);
    this.packetLength = BigInt(data.length);
  }
}

/** A slot index fixed at load time, or computed per packet (stack `next`/`last`); -1 means "no element". */
export type SlotRef = number | ((s: PacketState) => number);

/**
 * Resolves a HeaderRef. `next` is element nextIndex (none when the stack is
 * full); `last` is element nextIndex-1, or element 0 before any extract — as
 * the unroll-parser-loops pass resolves them, so both give the same result.
 */
export function resolveRef(layout: Layout, ref: ir.HeaderRef): SlotRef {
  const inst = layout.instance(ref.header);
  if (inst.stackSize === undefined) {
    if (ref.index !== undefined && ref.index !== 0) throw new Error(`internal error: ${ref.header} is not a stack`);
    return inst.base;
  }
  if (ref.index === undefined) throw new Error(`internal error: stack ${ref.header} used without an element index`);
  const { base, stackSize, stackId } = inst as Required<InstanceLayout>;
  if (ref.index === "next") return (s) => (s.nextIndex[stackId]! < stackSize ? base + s.nextIndex[stackId]! : -1);
  if (ref.index === "last") return (s) => base + Math.max(0, s.nextIndex[stackId]! - 1);
  return ref.index < stackSize ? base + ref.index : -1;
}

/** The slot index of a SlotRef for this packet. */
export function slotOf(ref: SlotRef, s: PacketState): number {
  return typeof ref === "number" ? ref : ref(s);
}
