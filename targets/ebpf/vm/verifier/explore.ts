/**
 * The verifier's second pass: walks every path of the program over abstract states (state.ts),
 * as the kernel verifier does, and refuses the first unsafe instruction: a register read before
 * it is written, exit without r0, a memory access that is not through a pointer or falls
 * outside its region (stack frame, context), arithmetic that would forge a pointer, an unknown
 * helper, calls nested too deep.
 *
 * Loops: a backward jump is accepted only when following the program with the numbers it
 * knows reaches the loop's exit. Known constants are tracked exactly, so `for (i = 0; i < 10;
 * i++)` is walked ten times and accepted; a loop whose exit depends on an unknown number
 * either comes back to a state it is already in (refused as an infinite loop) or keeps
 * producing new states until the exploration budget runs out (refused as too complex).
 * Paths are cut where a state is one already proven safe (`covers`), which keeps diamonds of
 * branches from multiplying.
 */

import { type HelperTable } from "../helpers.js";
import {
  Alu,
  Atomic,
  Cls,
  FP,
  Jmp,
  MAX_CALL_FRAMES,
  Mode,
  STACK_BYTES,
  Src,
  isLocalCall,
  jumpTarget,
  lddwValue,
  opClass,
  opCode,
  opMode,
  opSize,
  opSource,
  sizeBytes,
  type Insn,
} from "../isa.js";
import { aluResult, byteSwap, conditionHolds, immediate } from "../semantics.js";
import { VerifierError } from "./error.js";
import {
  UNINIT,
  UNKNOWN,
  cloneState,
  covers,
  currentFrame,
  initialRegisters,
  known,
  newFrame,
  sameRegion,
  stateKey,
  type Frame,
  type Region,
  type State,
  type Value,
} from "./state.js";
import type { Structure } from "./structure.js";

export interface ExploreOptions {
  readonly helpers: HelperTable;
  /** r1–r5 at entry. */
  readonly args: readonly Value[];
  /** Most instructions the exploration may process (over all paths). */
  readonly complexityLimit: number;
}

/** A state recorded at a prune point; `done` once every path from it ended safely. */
interface Checkpoint {
  readonly seen: Seen;
  readonly state: State;
  readonly parent: Checkpoint | undefined;
  pending: number;
  done: boolean;
}

/** The checkpoints of one prune point: by exact state, and the finished ones for `covers`. */
interface Seen {
  readonly byKey: Map<string, Checkpoint>;
  readonly done: Checkpoint[];
}

interface Successor {
  readonly pc: number;
  readonly state: State;
}

/** Explores all paths; throws VerifierError at the first unsafe instruction. Returns the instructions processed. */
export function explore(program: readonly Insn[], structure: Structure, options: ExploreOptions): number {
  const regs = initialRegisters();
  options.args.forEach((v, i) => (regs[i + 1] = v));
  regs[FP] = { kind: "pointer", region: { kind: "stack", frame: 0 }, offset: 0n };
  const stepper = new Stepper(program, options.helpers);
  const work: { pc: number; state: State; parent: Checkpoint | undefined }[] = [
    { pc: 0, state: { frames: [newFrame(regs, -1)] }, parent: undefined },
  ];
  const checkpoints = new Map<number, Seen>();
  const finish = (from: Checkpoint | undefined): void => {
    for (let c = from; c !== undefined; c = c.parent) {
      if (--c.pending > 0) return;
      c.done = true;
      c.seen.done.push(c);
    }
  };
  let processed = 0;

  while (work.length > 0) {
    let { pc, state, parent } = work.pop()!;
    for (;;) {
      if (structure.prunePoints[pc]) {
        const key = stateKey(state);
        let seen = checkpoints.get(pc);
        if (seen === undefined) checkpoints.set(pc, (seen = { byKey: new Map(), done: [] }));
        const same = seen.byKey.get(key);
        // An unfinished checkpoint is an ancestor on this path (the work list is LIFO).
        if (same !== undefined && !same.done) {
          throw new VerifierError(program, pc, "infinite loop: execution can come back here in the same state");
        }
        if (same !== undefined || seen.done.some((c) => covers(c.state, state))) {
          finish(parent);
          break;
        }
        const checkpoint: Checkpoint = { seen, state: cloneState(state), parent, pending: 1, done: false };
        seen.byKey.set(key, checkpoint);
        parent = checkpoint;
      }
      if (++processed > options.complexityLimit) {
        throw new VerifierError(
          program,
          pc,
          `program too complex: more than ${options.complexityLimit} instructions explored (a loop whose bound is not a known constant?)`,
        );
      }
      const next = stepper.step(pc, state);
      if (next.length === 0) {
        finish(parent);
        break;
      }
      if (next.length === 2) {
        if (parent) parent.pending++;
        work.push({ ...next[1]!, parent });
      }
      ({ pc, state } = next[0]!);
    }
  }
  return processed;
}

/** The transfer function: one instruction's effect on a state, and where control goes. */
class Stepper {
  constructor(
    private readonly program: readonly Insn[],
    private readonly helpers: HelperTable,
  ) {}

  step(pc: number, state: State): Successor[] {
    const insn = this.program[pc]!;
    const frame = currentFrame(state);
    switch (opClass(insn.opcode)) {
      case Cls.ALU:
      case Cls.ALU64:
        this.alu(pc, insn, frame);
        return [{ pc: pc + 1, state }];
      case Cls.JMP:
      case Cls.JMP32:
        return this.jump(pc, insn, state);
      case Cls.LD:
        frame.regs[insn.dst] = known(lddwValue(insn, this.program[pc + 1]!));
        return [{ pc: pc + 2, state }];
      case Cls.LDX: {
        const size = sizeBytes(opSize(insn.opcode));
        // Only 8-byte loads give back a spilled value, so sign extension (ldxs*) never changes a known one.
        frame.regs[insn.dst] = this.access(pc, state, insn.src, insn.offset, size, "read");
        return [{ pc: pc + 1, state }];
      }
      case Cls.ST: {
        const size = sizeBytes(opSize(insn.opcode));
        this.access(pc, state, insn.dst, insn.offset, size, "write", known(immediate(insn.imm)));
        return [{ pc: pc + 1, state }];
      }
      default: {
        // Cls.STX
        const size = sizeBytes(opSize(insn.opcode));
        const value = this.read(pc, frame, insn.src);
        if (opMode(insn.opcode) === Mode.MEM) {
          this.access(pc, state, insn.dst, insn.offset, size, "write", value);
          return [{ pc: pc + 1, state }];
        }
        if (value.kind !== "scalar") this.fail(pc, `r${insn.src}: atomic operations take a number, not a pointer`);
        if (insn.imm === Atomic.CMPXCHG) this.read(pc, frame, 0);
        this.access(pc, state, insn.dst, insn.offset, size, "read");
        this.access(pc, state, insn.dst, insn.offset, size, "write", UNKNOWN);
        if (insn.imm === Atomic.CMPXCHG) frame.regs[0] = UNKNOWN;
        else if ((insn.imm & Atomic.FETCH) !== 0) frame.regs[insn.src] = UNKNOWN;
        return [{ pc: pc + 1, state }];
      }
    }
  }

  private alu(pc: number, insn: Insn, frame: Frame): void {
    const { dst } = insn;
    const cls = opClass(insn.opcode);
    const code = opCode(insn.opcode);
    const wide = cls === Cls.ALU64;
    const regs = frame.regs;
    if (code === Alu.END || code === Alu.NEG) {
      const v = this.scalar(pc, frame, dst, code === Alu.END ? "byte swap" : "neg");
      regs[dst] = v.value === undefined ? UNKNOWN
        : known(code === Alu.END
          ? byteSwap(cls, opSource(insn.opcode), insn.imm, v.value)
          : aluResult(cls, Alu.NEG, 0, v.value, 0n));
      return;
    }
    const src = opSource(insn.opcode) === Src.X ? this.read(pc, frame, insn.src) : known(immediate(insn.imm));
    if (code === Alu.MOV) {
      if (wide && insn.offset === 0) {
        regs[dst] = src;
        return;
      }
      if (src.kind !== "scalar") this.fail(pc, `r${insn.src} is a pointer: it cannot be truncated or sign-extended`);
      regs[dst] = src.value === undefined ? UNKNOWN : known(aluResult(cls, code, insn.offset, 0n, src.value));
      return;
    }
    const a = this.read(pc, frame, dst);
    if (a.kind === "scalar" && src.kind === "scalar") {
      regs[dst] = a.value === undefined || src.value === undefined
        ? UNKNOWN
        : known(aluResult(cls, code, insn.offset, a.value, src.value));
      return;
    }
    regs[dst] = this.pointerArithmetic(pc, insn, wide, code, a, src);
  }

  /** The only arithmetic allowed on pointers: 64-bit pointer ± number, and pointer − pointer in one region. */
  private pointerArithmetic(pc: number, insn: Insn, wide: boolean, code: number, a: Value, b: Value): Value {
    const sum = (offset: bigint | undefined, n: bigint | undefined, sign: bigint): bigint | undefined =>
      offset === undefined || n === undefined ? undefined : offset + sign * BigInt.asIntN(64, n);
    if (wide && a.kind === "pointer" && b.kind === "scalar" && (code === Alu.ADD || code === Alu.SUB)) {
      return { kind: "pointer", region: a.region, offset: sum(a.offset, b.value, code === Alu.ADD ? 1n : -1n) };
    }
    if (wide && a.kind === "scalar" && b.kind === "pointer" && code === Alu.ADD) {
      return { kind: "pointer", region: b.region, offset: sum(b.offset, a.value, 1n) };
    }
    if (wide && a.kind === "pointer" && b.kind === "pointer" && code === Alu.SUB && sameRegion(a.region, b.region)) {
      return a.offset === undefined || b.offset === undefined ? UNKNOWN : known(a.offset - b.offset);
    }
    const which = a.kind === "pointer" ? `r${insn.dst}` : `r${insn.src}`;
    return this.fail(pc, `${which} is a pointer: this arithmetic on it is not allowed (only 64-bit add/sub of a number)`);
  }

  private jump(pc: number, insn: Insn, state: State): Successor[] {
    const frame = currentFrame(state);
    const cls = opClass(insn.opcode);
    const code = opCode(insn.opcode);
    if (code === Jmp.JA) return [{ pc: jumpTarget(insn, pc), state }];
    if (code === Jmp.EXIT) return this.exit(pc, state);
    if (code === Jmp.CALL) return this.call(pc, insn, state);

    const a = this.read(pc, frame, insn.dst);
    const b = opSource(insn.opcode) === Src.X ? this.read(pc, frame, insn.src) : known(immediate(insn.imm));
    const target = jumpTarget(insn, pc);
    if (a.kind === "scalar" && b.kind === "scalar" && a.value !== undefined && b.value !== undefined) {
      return [{ pc: conditionHolds(cls, code, a.value, b.value) ? target : pc + 1, state }];
    }
    const taken = cloneState(state);
    // Learn the value on the equal side of a 64-bit (in)equality with a known number.
    if (cls === Cls.JMP && (code === Jmp.JEQ || code === Jmp.JNE)) {
      const equal = code === Jmp.JEQ ? taken : state;
      const regs = currentFrame(equal).regs;
      if (a.kind === "scalar" && a.value === undefined && b.kind === "scalar" && b.value !== undefined) regs[insn.dst] = b;
      if (b.kind === "scalar" && b.value === undefined && a.kind === "scalar" && a.value !== undefined && opSource(insn.opcode) === Src.X) {
        regs[insn.src] = a;
      }
    }
    return [{ pc: pc + 1, state }, { pc: target, state: taken }];
  }

  private exit(pc: number, state: State): Successor[] {
    const callee = currentFrame(state);
    const r0 = callee.regs[0]!;
    if (r0.kind === "uninit") this.fail(pc, "r0 is not set before exit");
    const depth = state.frames.length - 1;
    if (depth === 0) return [];
    if (r0.kind === "pointer" && r0.region.kind === "stack" && r0.region.frame === depth) {
      this.fail(pc, "the function returns a pointer to its own stack frame");
    }
    state.frames.pop();
    const caller = currentFrame(state);
    caller.regs[0] = r0;
    for (let r = 1; r <= 5; r++) caller.regs[r] = UNINIT;
    return [{ pc: callee.returnTo, state }];
  }

  private call(pc: number, insn: Insn, state: State): Successor[] {
    const frame = currentFrame(state);
    if (isLocalCall(insn)) {
      if (state.frames.length >= MAX_CALL_FRAMES) this.fail(pc, `more than ${MAX_CALL_FRAMES} nested calls`);
      const regs = initialRegisters();
      for (let r = 1; r <= 5; r++) regs[r] = frame.regs[r]!;
      regs[FP] = { kind: "pointer", region: { kind: "stack", frame: state.frames.length }, offset: 0n };
      state.frames.push(newFrame(regs, pc + 1));
      return [{ pc: pc + 1 + insn.imm, state }];
    }
    let id = insn.imm;
    if (opSource(insn.opcode) === Src.X) {
      const target = this.scalar(pc, frame, insn.dst, "callx");
      if (target.value === undefined) this.fail(pc, `r${insn.dst}: callx needs a known helper id`);
      id = Number(BigInt.asIntN(32, target.value));
    }
    if (!this.helpers.has(id)) this.fail(pc, `unknown helper ${id}`);
    frame.regs[0] = UNKNOWN;
    for (let r = 1; r <= 5; r++) frame.regs[r] = UNINIT;
    return [{ pc: pc + 1, state }];
  }

  /**
   * Checks a load or store of `size` bytes at register `base` + `offset`; for a stack store,
   * records `stored`. Returns the loaded value (unknown unless a spilled register is reloaded).
   */
  private access(
    pc: number,
    state: State,
    base: number,
    offset: number,
    size: number,
    access: "read" | "write",
    stored: Value = UNKNOWN,
  ): Value {
    const pointer = this.read(pc, currentFrame(state), base);
    if (pointer.kind !== "pointer") {
      const what = pointer.kind === "scalar" && pointer.value === 0n ? "NULL" : "a number";
      return this.fail(pc, `r${base} is ${what}, not a pointer: invalid memory ${access}`);
    }
    if (pointer.offset === undefined) {
      return this.fail(pc, `r${base} points into ${regionName(pointer.region)} at an unknown offset: invalid memory ${access}`);
    }
    const at = pointer.offset + BigInt(offset);
    const region = pointer.region;
    if (region.kind === "memory") {
      if (at < 0n || at + BigInt(size) > BigInt(region.size)) {
        this.fail(pc, `${access} of ${size} byte(s) at offset ${at} is outside ${region.name} (${region.size} bytes)`);
      }
      if (access === "write" && !region.writable) this.fail(pc, `${region.name} is read-only`);
      return UNKNOWN;
    }
    const frame = state.frames[region.frame];
    if (frame === undefined) return this.fail(pc, `r${base} points into the stack of a call that has returned`);
    if (at < -BigInt(STACK_BYTES) || at + BigInt(size) > 0n) {
      this.fail(pc, `stack ${access} of ${size} byte(s) at fp${at} is outside the ${STACK_BYTES}-byte frame`);
    }
    const from = Number(at);
    return access === "read" ? this.stackRead(pc, frame, from, size) : stackWrite(frame, from, size, stored);
  }

  private stackRead(pc: number, frame: Frame, from: number, size: number): Value {
    for (let b = from; b < from + size; b++) {
      if (!frame.stack[b + STACK_BYTES]) this.fail(pc, `read of uninitialised stack at fp${b}`);
    }
    const spilled = size === 8 ? frame.spills.get(from) : undefined;
    return spilled ?? UNKNOWN;
  }

  private read(pc: number, frame: Frame, r: number): Value {
    const v = frame.regs[r]!;
    if (v.kind === "uninit") this.fail(pc, `r${r} is read before it is written`);
    return v;
  }

  private scalar(pc: number, frame: Frame, r: number, what: string): { kind: "scalar"; value?: bigint } {
    const v = this.read(pc, frame, r);
    if (v.kind !== "scalar") return this.fail(pc, `r${r} is a pointer: ${what} needs a number`);
    return v;
  }

  private fail(pc: number, reason: string): never {
    throw new VerifierError(this.program, pc, reason);
  }
}

/** Marks bytes written and keeps an 8-byte aligned spill of a pointer or known number. */
function stackWrite(frame: Frame, from: number, size: number, value: Value): Value {
  frame.stack.fill(1, from + STACK_BYTES, from + size + STACK_BYTES);
  for (const slot of [...frame.spills.keys()]) {
    if (slot < from + size && from < slot + 8) frame.spills.delete(slot);
  }
  const worthKeeping = value.kind === "pointer" || (value.kind === "scalar" && value.value !== undefined);
  if (size === 8 && from % 8 === 0 && worthKeeping) frame.spills.set(from, value);
  return value;
}

function regionName(region: Region): string {
  return region.kind === "stack" ? "the stack" : region.name;
}
