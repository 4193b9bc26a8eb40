/**
 * The verifier's second pass: walks every path of the program over abstract states (state.ts),
 * as the kernel verifier does, and refuses the first unsafe instruction: a register read before
 * it is written, exit without r0, a memory access that is not through a pointer or falls
 * outside its region (access.ts: stack frame, context, map value, checked packet range), a map
 * value used before its NULL check, arithmetic that would forge a pointer, an unknown helper or
 * arguments that do not fit its prototype (prototypes.ts), calls nested too deep. Branches
 * narrow what they compare (branches.ts).
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
  LddwKind,
  MAX_CALL_FRAMES,
  Mode,
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
import { checkAccess } from "./access.js";
import { learn } from "./branches.js";
import { VerifierError } from "./error.js";
import type { HelperPrototype } from "./prototypes.js";
import { aluBounds, loadBounds, movBounds, swapBounds } from "./ranges.js";
import {
  UNINIT,
  UNKNOWN,
  boundsOf,
  cloneState,
  covers,
  currentFrame,
  initialRegisters,
  known,
  mapValues,
  newFrame,
  sameRegion,
  stateKey,
  type Frame,
  type MapInfo,
  type Pointer,
  type Scalar,
  type State,
  type Value,
} from "./state.js";
import type { Structure } from "./structure.js";

export interface ExploreOptions {
  readonly helpers: HelperTable;
  /** Prototypes of helpers whose arguments are checked (others: only the id). */
  readonly prototypes: ReadonlyMap<number, HelperPrototype>;
  /** The maps `lddw map_idx:N` refers to. */
  readonly maps: readonly MapInfo[];
  /** r1–r5 at entry. */
  readonly args: readonly Value[];
  /** Most instructions the exploration may process (over all paths). */
  readonly complexityLimit: number;
}

/** Largest bounded number that may be added to a pointer as a variable offset (the kernel's BPF_MAX_VAR_OFF). */
const MAX_VARIABLE_OFFSET = 1n << 29n;

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
  const stepper = new Stepper(program, options);
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
        forgetDead(currentFrame(state), structure.liveIn[pc]!);
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


/** Dead registers are forgotten, so that they do not tell states apart. */
function forgetDead(frame: Frame, live: number): void {
  for (let r = 0; r < FP; r++) if ((live & (1 << r)) === 0) frame.regs[r] = UNINIT;
}

/** The transfer function: one instruction's effect on a state, and where control goes. */
class Stepper {
  /** Ids given to pointers whose creating instruction runs again while they are still held (loops). */
  private renamed = 0;

  constructor(
    private readonly program: readonly Insn[],
    private readonly options: ExploreOptions,
  ) {}

  step(pc: number, state: State): Successor[] {
    const insn = this.program[pc]!;
    const frame = currentFrame(state);
    switch (opClass(insn.opcode)) {
      case Cls.ALU:
      case Cls.ALU64:
        this.alu(pc, insn, state);
        return [{ pc: pc + 1, state }];
      case Cls.JMP:
      case Cls.JMP32:
        return this.jump(pc, insn, state);
      case Cls.LD:
        frame.regs[insn.dst] = this.lddw(pc, insn);
        return [{ pc: pc + 2, state }];
      case Cls.LDX: {
        const size = sizeBytes(opSize(insn.opcode));
        // Only 8-byte loads give back a spilled value, so sign extension (ldxs*) never changes a known one.
        const loaded = this.access(pc, state, insn.src, insn.offset, size, "read");
        const plain = loaded.kind === "scalar" && loaded.value === undefined && loaded.min === undefined && loaded.max === undefined;
        frame.regs[insn.dst] = plain && opMode(insn.opcode) === Mode.MEM ? loadBounds(size) : loaded;
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

  /** A 64-bit constant, or a map (`lddw map_idx:N`, allowed by the structure pass only when maps are given). */
  private lddw(pc: number, insn: Insn): Value {
    if (insn.src === LddwKind.MAP_IDX) {
      const map = this.options.maps[insn.imm];
      return map === undefined ? this.fail(pc, `no map ${insn.imm}`) : { kind: "map", map };
    }
    return known(lddwValue(insn, this.program[pc + 1]!));
  }

  private alu(pc: number, insn: Insn, state: State): void {
    const frame = currentFrame(state);
    const { dst } = insn;
    const cls = opClass(insn.opcode);
    const code = opCode(insn.opcode);
    const wide = cls === Cls.ALU64;
    const regs = frame.regs;
    if (code === Alu.END || code === Alu.NEG) {
      const v = this.scalar(pc, frame, dst, code === Alu.END ? "byte swap" : "neg");
      if (v.value !== undefined) {
        regs[dst] = known(code === Alu.END
          ? byteSwap(cls, opSource(insn.opcode), insn.imm, v.value)
          : aluResult(cls, Alu.NEG, 0, v.value, 0n));
      } else {
        regs[dst] = code === Alu.END ? swapBounds(insn.imm) : aluBounds(cls, Alu.NEG, 0, v, v);
      }
      return;
    }
    const src = opSource(insn.opcode) === Src.X ? this.read(pc, frame, insn.src) : known(immediate(insn.imm));
    if (code === Alu.MOV) {
      if (wide && insn.offset === 0) {
        regs[dst] = src;
        return;
      }
      if (src.kind !== "scalar") this.fail(pc, `r${insn.src} is ${describe(src)}: it cannot be truncated or sign-extended`);
      regs[dst] = src.value === undefined ? movBounds(cls, insn.offset, src) : known(aluResult(cls, code, insn.offset, 0n, src.value));
      return;
    }
    const a = this.read(pc, frame, dst);
    if (a.kind === "scalar" && src.kind === "scalar") {
      regs[dst] = a.value === undefined || src.value === undefined
        ? aluBounds(cls, code, insn.offset, a, src)
        : known(aluResult(cls, code, insn.offset, a.value, src.value));
      return;
    }
    regs[dst] = this.pointerArithmetic(pc, insn, state, wide, code, a, src);
  }

  /**
   * The only arithmetic allowed on pointers: 64-bit pointer ± number, and pointer − pointer in
   * one region. A bounded unknown number added becomes the pointer's variable offset (a new
   * base, with nothing proven about the packet from it yet).
   */
  private pointerArithmetic(pc: number, insn: Insn, state: State, wide: boolean, code: number, a: Value, b: Value): Value {
    if (wide && a.kind === "pointer" && b.kind === "pointer" && code === Alu.SUB) {
      if (sameRegion(a.region, b.region) && a.offset !== undefined && b.offset !== undefined && a.variable?.id === b.variable?.id) {
        return known(a.offset - b.offset);
      }
      if (sameRegion(a.region, b.region) || (a.region.kind === "packet" && b.region.kind === "packet")) return UNKNOWN;
    }
    const add = wide && a.kind === "pointer" && b.kind === "scalar" && (code === Alu.ADD || code === Alu.SUB);
    if (add || (wide && a.kind === "scalar" && b.kind === "pointer" && code === Alu.ADD)) {
      const [p, n] = (add ? [a, b] : [b, a]) as [Pointer, Scalar];
      if (p.region.kind === "packet" && p.region.part === "end") {
        this.fail(pc, `r${add ? insn.dst : insn.src} is the packet end (data_end): no arithmetic on it`);
      }
      const sign = code === Alu.SUB ? -1n : 1n;
      if (n.value !== undefined) {
        return { ...p, offset: p.offset === undefined ? undefined : p.offset + sign * BigInt.asIntN(64, n.value) };
      }
      const [min, max] = boundsOf(n);
      if (sign > 0n && max <= MAX_VARIABLE_OFFSET && p.offset !== undefined) {
        const variable = { id: this.freshId(state, pc), min: (p.variable?.min ?? 0n) + min, max: (p.variable?.max ?? 0n) + max };
        return { kind: "pointer", region: p.region, offset: p.offset, variable };
      }
      return { kind: "pointer", region: p.region };
    }
    const [which, v] = a.kind !== "scalar" ? [insn.dst, a] : [insn.src, b];
    return this.fail(pc, `r${which} is ${describe(v)}: this arithmetic on it is not allowed (only 64-bit add/sub of a number to a pointer)`);
  }

  /** The id of what instruction `pc` creates; values still holding it from an earlier run get another. */
  private freshId(state: State, pc: number): number {
    let other: number | undefined;
    mapValues(state, (v) => {
      if (v.kind === "pointer" && v.variable?.id === pc) return { ...v, variable: { ...v.variable, id: (other ??= --this.renamed) } };
      if (v.kind === "map value or null" && v.id === pc) return { ...v, id: (other ??= --this.renamed) };
      return v;
    });
    return pc;
  }

  private jump(pc: number, insn: Insn, state: State): Successor[] {
    const frame = currentFrame(state);
    const cls = opClass(insn.opcode);
    const code = opCode(insn.opcode);
    if (code === Jmp.JA) return [{ pc: jumpTarget(insn, pc), state }];
    if (code === Jmp.EXIT) return this.exit(pc, state);
    if (code === Jmp.CALL) return this.call(pc, insn, state);

    const byRegister = opSource(insn.opcode) === Src.X;
    const a = this.read(pc, frame, insn.dst);
    const b = byRegister ? this.read(pc, frame, insn.src) : known(immediate(insn.imm));
    const target = jumpTarget(insn, pc);
    if (a.kind === "scalar" && b.kind === "scalar" && a.value !== undefined && b.value !== undefined) {
      return [{ pc: conditionHolds(cls, code, a.value, b.value) ? target : pc + 1, state }];
    }
    const taken = cloneState(state);
    const branch = { dst: insn.dst, src: byRegister ? insn.src : undefined, cls, code };
    const possible = learn(branch, a, b, taken, state);
    const next: Successor[] = [];
    if (possible.notTaken) next.push({ pc: pc + 1, state });
    if (possible.taken) next.push({ pc: target, state: taken });
    return next;
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
    const helper = this.options.helpers.get(id);
    if (helper === undefined) this.fail(pc, `unknown helper ${id}`);
    const prototype = this.options.prototypes.get(id);
    let result: Value = UNKNOWN;
    if (prototype !== undefined) {
      const map = this.checkArguments(pc, state, `${helper.name} (helper ${id})`, prototype);
      if (prototype.returns === "map value or null") result = { kind: "map value or null", map: map!, id: this.freshId(state, pc) };
      if (prototype.changesPacket) {
        const why = `was a packet pointer, invalidated by ${helper.name} at instruction ${pc} (load it again from the context)`;
        mapValues(state, (v) => (v.kind === "pointer" && v.region.kind === "packet" ? { kind: "uninit", why } : v));
      }
    }
    frame.regs[0] = result;
    for (let r = 1; r <= 5; r++) frame.regs[r] = UNINIT;
    return [{ pc: pc + 1, state }];
  }

  /** Checks r1–r5 against the prototype; returns the map argument, if any. */
  private checkArguments(pc: number, state: State, name: string, prototype: HelperPrototype): MapInfo | undefined {
    const frame = currentFrame(state);
    let map: MapInfo | undefined;
    prototype.args.forEach((type, i) => {
      const r = i + 1;
      const v = this.read(pc, frame, r);
      const needs = (what: string): never => this.fail(pc, `${name}: r${r} must be ${what}, not ${describe(v)}`);
      switch (type) {
        case "map":
          if (v.kind !== "map") needs("a map (an lddw of a map reference)");
          map = (v as { map: MapInfo }).map;
          return;
        case "key":
        case "value":
        case "value out": {
          const size = type === "key" ? map!.keySize : map!.valueSize;
          const what = `the ${type === "key" ? "key" : "value"} of map ${map!.name} (${size} bytes)`;
          this.checkMemory(pc, state, r, size, type === "value out" ? "write" : "read", `${name}: r${r} must point to ${what}`);
          return;
        }
        case "memory": {
          const size = this.read(pc, frame, r + 1);
          if (size.kind !== "scalar") return this.fail(pc, `${name}: r${r + 1} must be a byte count, not ${describe(size)}`);
          const [, max] = boundsOf(size);
          if (max > MAX_VARIABLE_OFFSET) this.fail(pc, `${name}: r${r + 1} (a byte count) is not bounded`);
          if (max === 0n && v.kind === "scalar" && v.value === 0n) return;
          this.checkMemory(pc, state, r, Number(max), "read", `${name}: r${r} must point to r${r + 1} readable bytes`);
          return;
        }
        case "size":
          return;
        case "context":
          if (v.kind !== "pointer" || v.region.kind !== "memory" || v.region.packetFields === undefined || v.offset !== 0n) {
            needs("the context");
          }
          return;
        case "number":
          if (v.kind !== "scalar") needs("a number");
          return;
      }
    });
    return map;
  }

  /** A helper's access to `size` bytes at register `r`, refused with `what` in front of the reason. */
  private checkMemory(pc: number, state: State, r: number, size: number, access: "read" | "write", what: string): void {
    try {
      this.access(pc, state, r, 0, size, access);
    } catch (e) {
      if (e instanceof VerifierError) this.fail(pc, `${what}: ${e.reason}`);
      throw e;
    }
  }

  /**
   * Checks a load or store of `size` bytes at register `base` + `offset`; for a stack store,
   * records `stored`. Returns the loaded value (see access.ts).
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
    return checkAccess(state, base, pointer, offset, size, access, stored, (reason) => this.fail(pc, reason));
  }

  private read(pc: number, frame: Frame, r: number): Value {
    const v = frame.regs[r]!;
    if (v.kind === "uninit") this.fail(pc, v.why === undefined ? `r${r} is read before it is written` : `r${r} ${v.why}`);
    return v;
  }

  private scalar(pc: number, frame: Frame, r: number, what: string): Scalar {
    const v = this.read(pc, frame, r);
    if (v.kind !== "scalar") return this.fail(pc, `r${r} is ${describe(v)}: ${what} needs a number`);
    return v;
  }

  private fail(pc: number, reason: string): never {
    throw new VerifierError(this.program, pc, reason);
  }
}

/** What a register holds, for messages. */
function describe(v: Value): string {
  switch (v.kind) {
    case "uninit":
      return "not written";
    case "scalar":
      return "a number";
    case "pointer":
      return "a pointer";
    case "map":
      return `map ${v.map.name}`;
    case "map value or null":
      return `a value of map ${v.map.name} that may be NULL (compare it with 0 first)`;
  }
}
