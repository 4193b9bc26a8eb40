// Externs in the data plane: counters (atomic adds in an ARRAY map),
// registers (ARRAY map cells), meters (RFC 2698 in integer nanobytes, exactly
// docs/interp.md's arithmetic, state in an ARRAY map) and digests (records
// written to the program's ring buffer, DIGEST_RECORD). An index at or beyond
// the size is ignored, reads 0 and gives green, as in the interpreter.

import * as ir from "../../../compiler/ir.js";
import { Alu, FP, Jmp, R_SCRATCH, Unsupported } from "./asm.js";
import { INDEX_KEY, KEY_AREA, lookupElement } from "./calls.js";
import type { Gen } from "./context.js";
import { genExpr, release, storeValue } from "./expr.js";
import { Helper } from "./helpers.js";
import { bytesOf, DIGEST_RECORD, M, S } from "./layout.js";
import { addCounter } from "./tables.js";

export function count(g: Gen, s: ir.CountStmt): void {
  const c = g.program.counters.find((x) => x.name === s.counter)!;
  const done = g.asm.label();
  lookupElement(g, g.layout.counterMaps.get(c.name)!, genExpr(g, s.index), c.size, done);
  addCounter(g);
  g.asm.bind(done);
}

export function registerWrite(g: Gen, s: ir.RegisterWriteStmt): void {
  const r = g.program.registers.find((x) => x.name === s.register)!;
  const { asm, regs } = g;
  const done = asm.label();
  const slot = g.temp(16, s.span);
  const value = genExpr(g, s.value);
  storeValue(g, R_SCRATCH, slot, value, r.width);
  release(g, value);
  lookupElement(g, g.layout.registerMaps.get(r.name)!, genExpr(g, s.index), r.size, done);
  const p = regs.alloc();
  asm.mov(p, 0);
  const t = regs.alloc();
  for (let w = 0; w < bytesOf(r.width) / 8; w++) {
    asm.load(8, t, R_SCRATCH, slot + 8 * w);
    asm.store(8, p, 8 * w, t);
  }
  regs.release(p, t);
  asm.bind(done);
}

/**
 * A digest record (its declaration's index, then the fields) is built on the stack — the kernel's
 * bpf_ringbuf_output takes any initialised readable memory of a constant size — and copied into
 * the ring. A full ring loses the record (the helper returns -EAGAIN; nothing waits for room).
 */
export function digest(g: Gen, s: ir.DigestSendStmt): void {
  const index = g.program.digests.findIndex((x) => x.name === s.digest);
  const d = g.program.digests[index]!;
  const { asm } = g;
  const size = DIGEST_RECORD.FIELDS + d.fields.reduce((n, f) => n + bytesOf(f.width), 0);
  const room = KEY_AREA + INDEX_KEY; // below the u32 index key
  if (size > room) throw new Unsupported(s.span, `ebpf target: digest ${d.name} is ${size - DIGEST_RECORD.FIELDS} bytes; at most ${room - DIGEST_RECORD.FIELDS} fit on the stack`);
  asm.storeImm(8, FP, -KEY_AREA + DIGEST_RECORD.INDEX, index);
  let at = -KEY_AREA + DIGEST_RECORD.FIELDS;
  s.values.forEach((x, i) => {
    const v = genExpr(g, x);
    storeValue(g, FP, at, v, d.fields[i]!.width);
    release(g, v);
    at += bytesOf(d.fields[i]!.width);
  });
  g.regs.assertCallSafe();
  asm.loadMap(1, g.layout.digestMap!);
  asm.mov(2, FP);
  asm.opi(Alu.ADD, 2, -KEY_AREA);
  asm.opi(Alu.MOV, 3, size);
  asm.opi(Alu.MOV, 4, 0);
  asm.call(Helper.ringbuf_output);
}

/**
 * Two-rate three-colour marking (docs/interp.md): refill both buckets for the
 * time since the last packet without overflow, then compare with the size.
 */
export function meter(g: Gen, s: ir.MeterExecuteStmt): void {
  const m = g.program.meters.find((x) => x.name === s.meter)!;
  const { asm, regs } = g;
  const result = g.layout.locals.get(s.resultLocal)!;
  const done = asm.label();
  asm.storeImm(8, R_SCRATCH, result, 0); // green unless measured otherwise
  lookupElement(g, g.layout.meterMaps.get(m.name)!, genExpr(g, s.index), m.size, done);
  const p = regs.alloc();
  asm.mov(p, 0);
  const t = regs.alloc();
  const dt = regs.alloc();
  asm.load(8, t, p, M.CONFIGURED);
  asm.jumpIfImm(Jmp.JEQ, t, 0, done);
  // dt = timestamp − last, when timestamp > last
  const refilled = asm.label();
  asm.load(8, t, R_SCRATCH, S.TIME);
  asm.load(8, dt, p, M.LAST);
  asm.jumpIf(Jmp.JLE, t, dt, refilled);
  asm.store(8, p, M.LAST, t);
  asm.op(Alu.SUB, t, dt);
  asm.mov(dt, t);
  refill(g, p, M.TC, M.CAPC, M.CIR, dt);
  refill(g, p, M.TP, M.CAPP, M.PIR, dt);
  asm.bind(refilled);
  regs.release(dt);
  // bytes = packet_length · 10^9 (nanobytes)
  const bytes = regs.alloc();
  asm.load(8, bytes, R_SCRATCH, S.LEN);
  asm.constant(t, 1_000_000_000n);
  asm.op(Alu.MUL, bytes, t);
  const red = asm.label();
  const yellow = asm.label();
  asm.load(8, t, p, M.TP);
  asm.jumpIf(Jmp.JLT, t, bytes, red);
  asm.op(Alu.SUB, t, bytes);
  asm.store(8, p, M.TP, t);
  asm.load(8, t, p, M.TC);
  asm.jumpIf(Jmp.JLT, t, bytes, yellow);
  asm.op(Alu.SUB, t, bytes);
  asm.store(8, p, M.TC, t);
  asm.jump(done);
  asm.bind(yellow);
  asm.storeImm(8, R_SCRATCH, result, 1);
  asm.jump(done);
  asm.bind(red);
  asm.storeImm(8, R_SCRATCH, result, 2);
  regs.release(p, t, bytes);
  asm.bind(done);
}

/** T = cap if dt ≥ ceil((cap − T) / rate), else T + rate·dt (rate 0: unchanged). */
function refill(g: Gen, p: number, tokens: number, cap: number, rate: number, dt: number): void {
  const { asm, regs } = g;
  const r = regs.alloc();
  const need = regs.alloc();
  const c = regs.alloc();
  const done = asm.label();
  const full = asm.label();
  asm.load(8, r, p, rate);
  asm.jumpIfImm(Jmp.JEQ, r, 0, done);
  asm.load(8, c, p, cap);
  asm.load(8, need, p, tokens);
  asm.op(Alu.SUB, c, need); // cap − T
  asm.op(Alu.ADD, c, r);
  asm.opi(Alu.SUB, c, 1);
  asm.op(Alu.DIV, c, r); // ceil((cap − T) / rate)
  asm.jumpIf(Jmp.JGE, dt, c, full);
  asm.mov(c, r);
  asm.op(Alu.MUL, c, dt);
  asm.op(Alu.ADD, need, c);
  asm.store(8, p, tokens, need);
  asm.jump(done);
  asm.bind(full);
  asm.load(8, c, p, cap);
  asm.store(8, p, tokens, c);
  asm.bind(done);
  regs.release(r, need, c);
}
