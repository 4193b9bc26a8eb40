// The whole XDP program: entry (scratch lookup, per-packet reset, standard
// metadata), parser, ingress, deparser, and the verdict turned into an XDP
// action — plus the packet-metadata protocol that lets a test harness pass
// the ingress port and timestamp in and read the verdict out.
//
// Packet metadata (data_meta … data, META.BYTES = 32 bytes, the kernel's
// maximum, optional): u32 magic "pnet", u32 ingress port, u64 timestamp (ns),
// then written by the program: u32 verdict code, u32 verdict argument (port or
// group), u32 parser error. Without it (a real interface), the port is the
// pnet port the `ifports` map gives the ingress ifindex — a packet from an
// interface it does not number is dropped before the parser, as a switch has
// no such port — and the time bpf_ktime_get_ns(). Forward and bounce are
// then decided on pnet ports, and redirects go through the `ports` devmap,
// indexed by pnet port; multicast broadcasts through the group's slot devmap
// (layout.ts, MCAST_SLOTS).

import * as ir from "../../../compiler/ir.js";
import { forEachExpr } from "../../../compiler/visit.js";
import { findAction } from "../../../runtime/controlplane.js";
import type { EbpfObject } from "../elf/object.js";
import { Alu, FP, Jmp, R_AUX, R_CTX, R_SCRATCH } from "./asm.js";
import { INDEX_KEY, lookupKeyAt } from "./calls.js";
import { Gen } from "./context.js";
import { genDeparser } from "./deparser.js";
import { BPF_F_BROADCAST, BPF_F_EXCLUDE_INGRESS, Helper, XdpAction, XdpMd } from "./helpers.js";
import {
  buildLayout, exposedByValidity, IFPORT, IFPORTS_MAP, MCAST_GROUPS_MAP, MCAST_SLOTS, mcastSlotMap, META, multicasts, PORTS_MAP, S, SCRATCH_MAP, VERDICT_CODE, type Layout,
} from "./layout.js";
import { genParser } from "./parser.js";
import { placements } from "./placement.js";
import { genStmts } from "./statements.js";
import { lookupDefaults } from "./tables.js";

export const PROGRAM_NAME = "pnet_xdp";
export const PROGRAM_SECTION = "xdp";

export interface Generated {
  readonly object: EbpfObject;
  readonly layout: Layout;
}

/**
 * Generates the program twice: first with every header's words zeroed per
 * packet, which tells which headers the code reads where they may be invalid
 * (validity.ts); then with only those zeroed, and the headers that setValid or
 * a stack shift can expose. What is read where does not depend on the layout,
 * so the second run reads no other header (checked).
 */
export function generate(program: ir.Program): Generated {
  const placed = placements(program);
  const layoutFor = (stale: ReadonlySet<string>): Layout => buildLayout(program, (name) => findAction(program, name), placed, stale);
  const first = generateWith(program, layoutFor(new Set(program.headers.map((h) => h.name))));
  const stale = new Set([...first.readUnknown, ...exposedByValidity(program)]);
  const second = generateWith(program, layoutFor(stale));
  for (const h of second.readUnknown) if (!stale.has(h)) throw new Error(`ebpf codegen: header ${h} is read while it may be invalid but was not zeroed`);
  return second.generated;
}

function generateWith(program: ir.Program, layout: Layout): { generated: Generated; readUnknown: ReadonlySet<string> } {
  const g = new Gen(program, layout);
  const { asm, regs } = g;
  const abort = asm.label();
  const unmapped = asm.label();

  // entry: r6 = ctx, r9 = this CPU's scratch value
  asm.mov(R_CTX, 1);
  asm.storeImm(4, FP, -8, 0);
  lookupKeyAt(g, SCRATCH_MAP, FP, -8, abort);
  asm.mov(R_SCRATCH, 0);
  lookupDefaults(g, abort);
  for (const [from, to] of layout.zeroed) for (let at = from; at < to; at += 8) asm.storeImm(8, R_SCRATCH, at, 0);
  asm.load(4, 1, R_CTX, XdpMd.DATA);
  asm.load(4, 2, R_CTX, XdpMd.DATA_END);
  asm.op(Alu.SUB, 2, 1);
  asm.store(8, R_SCRATCH, S.LEN, 2);
  readMetadata(g, unmapped);

  const parsed = asm.label();
  genParser(g, parsed);
  asm.bind(parsed);
  asm.opi(Alu.MOV, R_AUX, 0); // the parser's packet pointer is dead: one state for every parser path
  const ingressEnd = asm.label();
  genStmts(g, program.ingress, ingressEnd);
  asm.bind(ingressEnd);

  const finish = asm.label();
  const verdict = regs.alloc();
  asm.load(8, verdict, R_SCRATCH, S.VERDICT);
  asm.jumpIfImm(Jmp.JEQ, verdict, VERDICT_CODE.drop, finish);
  regs.release(verdict);
  genDeparser(g, abort);
  asm.bind(finish);
  const code = 5; // the verdict, loaded once for both (r1–r3 hold the metadata window)
  asm.load(8, code, R_SCRATCH, S.VERDICT);
  writeMetadata(g, code);
  returnAction(g, code);
  asm.bind(abort);
  asm.opi(Alu.MOV, 0, XdpAction.ABORTED);
  asm.exit();
  asm.bind(unmapped);
  asm.opi(Alu.MOV, 0, XdpAction.DROP);
  asm.exit();

  const insns = asm.finish();
  return {
    generated: { layout, object: { name: PROGRAM_NAME, section: PROGRAM_SECTION, insns, relocs: asm.relocs, maps: layout.maps, license: "GPL" } },
    readUnknown: g.readUnknown,
  };
}

/**
 * r1 = data_meta, r2 = data; jumps to `none` unless META.BYTES of pnet
 * metadata are there. A packet from an interface has none (data_meta =
 * data, or past it where the driver keeps no metadata): one compare decides
 * that common case before the window is formed.
 */
function metadataWindow(g: Gen, none: ReturnType<Gen["asm"]["label"]>): void {
  const { asm } = g;
  asm.load(4, 1, R_CTX, XdpMd.DATA_META);
  asm.load(4, 2, R_CTX, XdpMd.DATA);
  asm.jumpIf(Jmp.JGE, 1, 2, none);
  asm.mov(3, 1);
  asm.opi(Alu.ADD, 3, META.BYTES);
  asm.jumpIf(Jmp.JGT, 3, 2, none);
  asm.load(4, 3, 1, META.MAGIC_AT);
  asm.jumpIfImm(Jmp.JNE, 3, META.MAGIC, none);
}

/** std.ingress_port and std.timestamp: from the metadata, else from ifports[ingress ifindex] (none: jump to `unmapped`) and the clock. */
function readMetadata(g: Gen, unmapped: ReturnType<Gen["asm"]["label"]>): void {
  const { asm } = g;
  const none = asm.label();
  const done = asm.label();
  metadataWindow(g, none);
  asm.load(4, 3, 1, META.PORT);
  asm.store(8, R_SCRATCH, S.PORT, 3);
  asm.load(8, 3, 1, META.TIME);
  asm.store(8, R_SCRATCH, S.TIME, 3);
  asm.jump(done);
  asm.bind(none);
  asm.load(4, 3, R_CTX, XdpMd.INGRESS_IFINDEX);
  asm.store(4, FP, INDEX_KEY, 3);
  lookupKeyAt(g, IFPORTS_MAP, FP, INDEX_KEY, unmapped);
  asm.load(4, 3, 0, IFPORT.NUMBERED);
  asm.jumpIfImm(Jmp.JEQ, 3, 0, unmapped);
  asm.load(4, 3, 0, IFPORT.PORT);
  asm.store(8, R_SCRATCH, S.PORT, 3);
  if (readsClock(g.program)) {
    asm.call(Helper.ktime_get_ns);
    asm.store(8, R_SCRATCH, S.TIME, 0);
  }
  asm.bind(done);
}

/** Whether anything reads std.timestamp (meters do): otherwise the clock is not read on an interface and the time stays 0. */
function readsClock(program: ir.Program): boolean {
  let reads = program.meters.length > 0;
  forEachExpr(program, (e) => {
    if (e.kind === "Read" && e.loc.kind === "std" && e.loc.field === "timestamp") reads = true;
  });
  return reads;
}

/** Writes the verdict (in register `verdict`), its argument and the parser error into pnet metadata, when the packet has it. */
function writeMetadata(g: Gen, verdict: number): void {
  const { asm } = g;
  const none = asm.label();
  metadataWindow(g, none);
  asm.store(4, 1, META.VERDICT, verdict);
  asm.load(8, 3, R_SCRATCH, S.VARG);
  asm.store(4, 1, META.ARG, 3);
  asm.load(8, 3, R_SCRATCH, S.PERR);
  asm.store(4, 1, META.PERR, 3);
  asm.bind(none);
}

/** The verdict (in register `v`) as an XDP action: forward → TX when the port is the ingress port (both pnet ports), else redirect through the port devmap. */
function returnAction(g: Gen, v: number): void {
  const { asm } = g;
  const codes: [ir.Verdict, number][] = [["drop", XdpAction.DROP], ["to_host", XdpAction.PASS], ["bounce", XdpAction.TX]];
  for (const [verdict, action] of codes) {
    const other = asm.label();
    asm.jumpIfImm(Jmp.JNE, v, VERDICT_CODE[verdict], other);
    asm.opi(Alu.MOV, 0, action);
    asm.exit();
    asm.bind(other);
  }
  const multicast = asm.label();
  const multicasting = multicasts(g.program);
  if (multicasting) asm.jumpIfImm(Jmp.JEQ, v, VERDICT_CODE.multicast, multicast);
  // forward(port)
  const redirect = asm.label();
  asm.load(8, 2, R_SCRATCH, S.VARG);
  asm.load(8, 4, R_SCRATCH, S.PORT);
  asm.jumpIf(Jmp.JNE, 2, 4, redirect);
  asm.opi(Alu.MOV, 0, XdpAction.TX);
  asm.exit();
  asm.bind(redirect);
  asm.loadMap(1, PORTS_MAP);
  asm.opi(Alu.MOV, 3, XdpAction.DROP); // a port missing from the devmap drops the packet
  asm.call(Helper.redirect_map);
  asm.exit();
  if (multicasting) {
    asm.bind(multicast);
    multicastAction(g);
  }
}

/**
 * multicast(g): g's slot from the group map (an unknown group drops, as the
 * interpreter sends no copies), then a broadcast through that slot's devmap
 * without the ingress interface — one branch per slot, as bpf_redirect_map
 * takes a constant map.
 */
function multicastAction(g: Gen): void {
  const { asm } = g;
  const unknown = asm.label();
  asm.load(8, 3, R_SCRATCH, S.VARG);
  asm.store(4, FP, INDEX_KEY, 3);
  lookupKeyAt(g, MCAST_GROUPS_MAP, FP, INDEX_KEY, unknown);
  asm.load(4, 2, 0, 0);
  const slots = Array.from({ length: MCAST_SLOTS }, () => asm.label());
  slots.forEach((label, slot) => asm.jumpIfImm(Jmp.JEQ, 2, slot, label));
  asm.bind(unknown);
  asm.opi(Alu.MOV, 0, XdpAction.DROP);
  asm.exit();
  slots.forEach((label, slot) => {
    asm.bind(label);
    asm.loadMap(1, mcastSlotMap(slot));
    asm.opi(Alu.MOV, 2, 0);
    asm.opi(Alu.MOV, 3, BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS);
    asm.call(Helper.redirect_map);
    asm.exit();
  });
}
