/**
 * The eBPF virtual machine ("host-kernel filter emulator"): runs every RFC 9669 instruction —
 * 32-bit ALU with zero-extension, signed division and modulo, sign-extending moves and loads,
 * byte swaps, atomics, `ja32`, bpf-to-bpf calls and helper calls — over the bounds-checked
 * address space of memory.ts, within an instruction budget.
 *
 * Speed: the program is decoded once into typed arrays (decode.ts), immediates turned into
 * read-only register slots so that every operation is written once, for the register form.
 * Each 64-bit register is two int32 halves (halves.ts), which keeps arithmetic, shifts and
 * compares in small integers; only 64-bit division and modulo of large values use BigInt.
 */

import { decode, type Decoded } from "./decode.js";
import { formatInsn } from "./disassembler.js";
import { VmFault } from "./fault.js";
import { add64, address, bswap, compareS64, compareU64, divmod64, lsh64, mul64, rsh64 } from "./halves.js";
import { HelperTable, type HelperEnv } from "./helpers.js";
import { CallKind, FP, MAX_CALL_FRAMES, REG_COUNT, STACK_BYTES, type Insn } from "./isa.js";
import { Memory, type Region } from "./memory.js";

export const DEFAULT_BUDGET = 1_000_000;

/** Words saved per bpf-to-bpf call: the return index and r6–r10 (two halves each). */
const FRAME_WORDS = 11;

export interface MachineOptions {
  /** Helpers callable with `call <id>`; default an empty table. */
  helpers?: HelperTable;
  /** Address space to run in (shared with maps, other programs); default a new one. */
  memory?: Memory;
  /** Most instructions one run may execute; default DEFAULT_BUDGET. */
  budget?: number;
}

export type RunResult =
  | { readonly ok: true; readonly r0: bigint; readonly steps: number }
  | { readonly ok: false; readonly fault: VmFault; readonly steps: number };

export class Machine implements HelperEnv {
  readonly memory: Memory;
  readonly helpers: HelperTable;
  budget: number;
  /** MAX_CALL_FRAMES frames of STACK_BYTES; only the frames in use are accessible. */
  readonly stack: Region;
  /** Index of the instruction that called the running helper (HelperEnv). */
  pc = 0;
  private readonly code: Decoded;
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  /** Per call frame, FRAME_WORDS entries: return index, then r6–r10 as lo/hi pairs. */
  private readonly frames = new Int32Array(MAX_CALL_FRAMES * FRAME_WORDS);
  private steps = 0;

  constructor(
    readonly program: readonly Insn[],
    options: MachineOptions = {},
  ) {
    this.memory = options.memory ?? new Memory();
    this.helpers = options.helpers ?? new HelperTable();
    this.budget = options.budget ?? DEFAULT_BUDGET;
    this.code = decode(program);
    const slots = REG_COUNT + this.code.constants.length;
    this.lo = new Int32Array(slots);
    this.hi = new Int32Array(slots);
    this.code.constants.forEach((value, i) => {
      this.lo[REG_COUNT + i] = value;
      this.hi[REG_COUNT + i] = value >> 31;
    });
    this.stack = this.memory.map("stack", new Uint8Array(STACK_BYTES * MAX_CALL_FRAMES));
  }

  /** Runs from instruction 0 with r1–r5 set to `args` (the rest zero) and r10 the frame pointer. */
  run(...args: readonly (bigint | number)[]): RunResult {
    if (args.length > 5) throw new Error(`an eBPF program takes at most 5 arguments, got ${args.length}`);
    for (let r = 0; r < REG_COUNT; r++) this.lo[r] = this.hi[r] = 0;
    for (let i = 0; i < args.length; i++) this.set(i + 1, args[i]!);
    try {
      const r0 = this.execute();
      return { ok: true, r0, steps: this.steps };
    } catch (e) {
      if (e instanceof VmFault) return { ok: false, fault: e, steps: this.steps };
      throw e;
    }
  }

  /** Register `n` (0–10) as left by the last run. */
  register(n: number): bigint {
    const high = this.hi[n]!;
    const low = BigInt(this.lo[n]! >>> 0);
    return high === 0 ? low : (BigInt(high >>> 0) << 32n) | low;
  }

  /** Sets register `n` modulo 2^64 (numbers must be safe integers; the common case avoids BigInt). */
  private set(n: number, value: bigint | number): void {
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) throw new Error(`register value ${value} is not a safe integer`);
      this.lo[n] = value;
      this.hi[n] = Math.floor(value / 2 ** 32);
    } else {
      this.lo[n] = Number(BigInt.asIntN(32, value));
      this.hi[n] = Number(BigInt.asIntN(32, value >> 32n));
    }
  }

  private execute(): bigint {
    const { op, dst, src, off, imm } = this.code;
    const lo = this.lo;
    const hi = this.hi;
    const mem = this.memory;
    const stack = this.stack;
    const frames = this.frames;
    const budget = this.budget;
    let depth = 0;
    let steps = 0;
    let pc = 0;
    lo[FP] = stack.end;
    stack.start = stack.end - STACK_BYTES;
    stack.bytes.fill(0, stack.bytes.length - STACK_BYTES);

    try {
      for (;;) {
        if (steps >= budget) throw new VmFault("budget", pc, `instruction budget of ${budget} exhausted`);
        steps++;
        const d = dst[pc]!;
        const s = src[pc]!;
        switch (op[pc]) {
          // ---- ALU64 (immediates arrive as constant slots, sign-extended) ----
          case 0x0f: // add
            add64(lo, hi, d, lo[s]!, hi[s]!);
            break;
          case 0x1f: // sub
            add64(lo, hi, d, ~lo[s]! + 1, ~hi[s]! + (lo[s] === 0 ? 1 : 0));
            break;
          case 0x2f: // mul
            mul64(lo, hi, d, s);
            break;
          case 0x3f: // div, sdiv (offset 1)
            divmod64(lo, hi, d, s, off[pc] === 1, false);
            break;
          case 0x4f: // or
            lo[d] |= lo[s]!;
            hi[d] |= hi[s]!;
            break;
          case 0x5f: // and
            lo[d] &= lo[s]!;
            hi[d] &= hi[s]!;
            break;
          case 0x6f: // lsh
            lsh64(lo, hi, d, lo[s]! & 63);
            break;
          case 0x7f: // rsh
            rsh64(lo, hi, d, lo[s]! & 63, false);
            break;
          case 0x87: {
            // neg
            const l = lo[d]!;
            lo[d] = -l | 0;
            hi[d] = ~hi[d]! + (l === 0 ? 1 : 0);
            break;
          }
          case 0x9f: // mod, smod (offset 1)
            divmod64(lo, hi, d, s, off[pc] === 1, true);
            break;
          case 0xaf: // xor
            lo[d] ^= lo[s]!;
            hi[d] ^= hi[s]!;
            break;
          case 0xbf: {
            // mov, movsx (offset 8/16/32)
            const o = off[pc]!;
            const l = o === 0 || o === 32 ? lo[s]! : o === 8 ? (lo[s]! << 24) >> 24 : (lo[s]! << 16) >> 16;
            hi[d] = o === 0 ? hi[s]! : l >> 31;
            lo[d] = l;
            break;
          }
          case 0xcf: // arsh
            rsh64(lo, hi, d, lo[s]! & 63, true);
            break;
          case 0xd7: // bswap16/32/64
          case 0xdc: // be16/32/64 (host is little-endian: a swap)
            bswap(lo, hi, d, imm[pc]!);
            break;

          // ---- ALU (32-bit, result zero-extended) ----
          case 0x0c: // add32
            lo[d] = lo[d]! + lo[s]!;
            hi[d] = 0;
            break;
          case 0x1c: // sub32
            lo[d] = lo[d]! - lo[s]!;
            hi[d] = 0;
            break;
          case 0x2c: // mul32
            lo[d] = Math.imul(lo[d]!, lo[s]!);
            hi[d] = 0;
            break;
          case 0x3c: {
            // div32, sdiv32 (offset 1); by zero gives 0
            const b = lo[s]!;
            if (b === 0) lo[d] = 0;
            else if (off[pc] === 1) lo[d] = lo[d]! / b; // Int32Array store truncates and wraps (INT_MIN / -1)
            else lo[d] = (lo[d]! >>> 0) / (b >>> 0);
            hi[d] = 0;
            break;
          }
          case 0x4c: // or32
            lo[d] |= lo[s]!;
            hi[d] = 0;
            break;
          case 0x5c: // and32
            lo[d] &= lo[s]!;
            hi[d] = 0;
            break;
          case 0x6c: // lsh32
            lo[d] = lo[d]! << (lo[s]! & 31);
            hi[d] = 0;
            break;
          case 0x7c: // rsh32
            lo[d] = lo[d]! >>> (lo[s]! & 31);
            hi[d] = 0;
            break;
          case 0x84: // neg32
            lo[d] = -lo[d]!;
            hi[d] = 0;
            break;
          case 0x9c: {
            // mod32, smod32 (offset 1); by zero leaves the low half
            const b = lo[s]!;
            if (b !== 0) lo[d] = off[pc] === 1 ? lo[d]! % b : (lo[d]! >>> 0) % (b >>> 0);
            hi[d] = 0;
            break;
          }
          case 0xac: // xor32
            lo[d] ^= lo[s]!;
            hi[d] = 0;
            break;
          case 0xbc: {
            // mov32, movsx832/1632
            const o = off[pc]!;
            lo[d] = o === 0 ? lo[s]! : o === 8 ? (lo[s]! << 24) >> 24 : (lo[s]! << 16) >> 16;
            hi[d] = 0;
            break;
          }
          case 0xcc: // arsh32
            lo[d] = lo[d]! >> (lo[s]! & 31);
            hi[d] = 0;
            break;
          case 0xd4: // le16/32/64: host order already, keep the low bits
            if (imm[pc] !== 64) hi[d] = 0;
            if (imm[pc] === 16) lo[d] = lo[d]! & 0xffff;
            break;

          // ---- jumps (64-bit and 32-bit comparisons; JMP class immediates sign-extended) ----
          case 0x05: // ja
            pc += off[pc]!;
            break;
          case 0x06: // ja32 (gotol)
            pc += imm[pc]!;
            break;
          case 0x1d: // jeq
            if (lo[d] === lo[s] && hi[d] === hi[s]) pc += off[pc]!;
            break;
          case 0x5d: // jne
            if (lo[d] !== lo[s] || hi[d] !== hi[s]) pc += off[pc]!;
            break;
          case 0x4d: // jset
            if ((lo[d]! & lo[s]!) !== 0 || (hi[d]! & hi[s]!) !== 0) pc += off[pc]!;
            break;
          case 0x2d: // jgt
            if (compareU64(lo, hi, d, s) > 0) pc += off[pc]!;
            break;
          case 0x3d: // jge
            if (compareU64(lo, hi, d, s) >= 0) pc += off[pc]!;
            break;
          case 0xad: // jlt
            if (compareU64(lo, hi, d, s) < 0) pc += off[pc]!;
            break;
          case 0xbd: // jle
            if (compareU64(lo, hi, d, s) <= 0) pc += off[pc]!;
            break;
          case 0x6d: // jsgt
            if (compareS64(lo, hi, d, s) > 0) pc += off[pc]!;
            break;
          case 0x7d: // jsge
            if (compareS64(lo, hi, d, s) >= 0) pc += off[pc]!;
            break;
          case 0xcd: // jslt
            if (compareS64(lo, hi, d, s) < 0) pc += off[pc]!;
            break;
          case 0xdd: // jsle
            if (compareS64(lo, hi, d, s) <= 0) pc += off[pc]!;
            break;
          case 0x1e: // jeq32
            if (lo[d] === lo[s]) pc += off[pc]!;
            break;
          case 0x5e: // jne32
            if (lo[d] !== lo[s]) pc += off[pc]!;
            break;
          case 0x4e: // jset32
            if ((lo[d]! & lo[s]!) !== 0) pc += off[pc]!;
            break;
          case 0x2e: // jgt32
            if (lo[d]! >>> 0 > lo[s]! >>> 0) pc += off[pc]!;
            break;
          case 0x3e: // jge32
            if (lo[d]! >>> 0 >= lo[s]! >>> 0) pc += off[pc]!;
            break;
          case 0xae: // jlt32
            if (lo[d]! >>> 0 < lo[s]! >>> 0) pc += off[pc]!;
            break;
          case 0xbe: // jle32
            if (lo[d]! >>> 0 <= lo[s]! >>> 0) pc += off[pc]!;
            break;
          case 0x6e: // jsgt32
            if (lo[d]! > lo[s]!) pc += off[pc]!;
            break;
          case 0x7e: // jsge32
            if (lo[d]! >= lo[s]!) pc += off[pc]!;
            break;
          case 0xce: // jslt32
            if (lo[d]! < lo[s]!) pc += off[pc]!;
            break;
          case 0xde: // jsle32
            if (lo[d]! <= lo[s]!) pc += off[pc]!;
            break;

          // ---- calls and exit ----
          case 0x85: // call helper (src 0) or local function (src 1)
            if (s === CallKind.LOCAL) {
              if (depth + 1 >= MAX_CALL_FRAMES) {
                throw new VmFault("call-depth", pc, `more than ${MAX_CALL_FRAMES} nested calls`);
              }
              const f = depth * FRAME_WORDS;
              frames[f] = pc + 1;
              for (let r = 6; r <= FP; r++) {
                frames[f + 2 * (r - 6) + 1] = lo[r]!;
                frames[f + 2 * (r - 6) + 2] = hi[r]!;
              }
              depth++;
              // Frames come from the depth, not from r10, which a program might have changed.
              lo[FP] = stack.end - depth * STACK_BYTES;
              hi[FP] = 0;
              stack.start = lo[FP]! - STACK_BYTES;
              stack.bytes.fill(0, stack.start - stack.base, lo[FP]! - stack.base);
              pc += imm[pc]!;
            } else {
              this.callHelper(imm[pc]!, pc);
            }
            break;
          case 0x8d: // callx: helper id in a register (bpf_conformance extension)
            this.callHelper(hi[d] === 0 ? lo[d]! : -1, pc);
            break;
          case 0x95: // exit
            if (depth === 0) return this.register(0);
            {
              depth--;
              const f = depth * FRAME_WORDS;
              for (let r = 6; r <= FP; r++) {
                lo[r] = frames[f + 2 * (r - 6) + 1]!;
                hi[r] = frames[f + 2 * (r - 6) + 2]!;
              }
              stack.start = stack.end - (depth + 1) * STACK_BYTES;
              pc = frames[f]! - 1;
            }
            break;

          // ---- lddw ----
          case 0x18:
            lo[d] = imm[pc]!;
            hi[d] = imm[pc + 1]!;
            pc++;
            break;

          // ---- loads (zero- or sign-extending) ----
          case 0x71: {
            // ldxb
            const a = address(lo, hi, s, off[pc]!);
            const r = mem.find(a, 1) ?? this.fault(pc, s, 1, "read");
            lo[d] = r.bytes[a - r.base]!;
            hi[d] = 0;
            break;
          }
          case 0x69: {
            // ldxh
            const a = address(lo, hi, s, off[pc]!);
            const r = mem.find(a, 2) ?? this.fault(pc, s, 2, "read");
            lo[d] = r.view.getUint16(a - r.base, true);
            hi[d] = 0;
            break;
          }
          case 0x61: {
            // ldxw
            const a = address(lo, hi, s, off[pc]!);
            const r = mem.find(a, 4) ?? this.fault(pc, s, 4, "read");
            lo[d] = r.view.getInt32(a - r.base, true);
            hi[d] = 0;
            break;
          }
          case 0x79: {
            // ldxdw
            const a = address(lo, hi, s, off[pc]!);
            const r = mem.find(a, 8) ?? this.fault(pc, s, 8, "read");
            lo[d] = r.view.getInt32(a - r.base, true);
            hi[d] = r.view.getInt32(a - r.base + 4, true);
            break;
          }
          case 0x91: {
            // ldxsb
            const a = address(lo, hi, s, off[pc]!);
            const r = mem.find(a, 1) ?? this.fault(pc, s, 1, "read");
            lo[d] = r.view.getInt8(a - r.base);
            hi[d] = lo[d]! >> 31;
            break;
          }
          case 0x89: {
            // ldxsh
            const a = address(lo, hi, s, off[pc]!);
            const r = mem.find(a, 2) ?? this.fault(pc, s, 2, "read");
            lo[d] = r.view.getInt16(a - r.base, true);
            hi[d] = lo[d]! >> 31;
            break;
          }
          case 0x81: {
            // ldxsw
            const a = address(lo, hi, s, off[pc]!);
            const r = mem.find(a, 4) ?? this.fault(pc, s, 4, "read");
            lo[d] = r.view.getInt32(a - r.base, true);
            hi[d] = lo[d]! >> 31;
            break;
          }

          // ---- stores: st (immediate, sign-extended) and stx (register) ----
          case 0x72: // stb
          case 0x73: {
            // stxb
            const a = address(lo, hi, d, off[pc]!);
            const r = this.writable(a, 1, pc, d);
            r.bytes[a - r.base] = op[pc] === 0x72 ? imm[pc]! : lo[s]!;
            break;
          }
          case 0x6a: // sth
          case 0x6b: {
            // stxh
            const a = address(lo, hi, d, off[pc]!);
            const r = this.writable(a, 2, pc, d);
            r.view.setInt16(a - r.base, op[pc] === 0x6a ? imm[pc]! : lo[s]!, true);
            break;
          }
          case 0x62: // stw
          case 0x63: {
            // stxw
            const a = address(lo, hi, d, off[pc]!);
            const r = this.writable(a, 4, pc, d);
            r.view.setInt32(a - r.base, op[pc] === 0x62 ? imm[pc]! : lo[s]!, true);
            break;
          }
          case 0x7a: // stdw
          case 0x7b: {
            // stxdw
            const a = address(lo, hi, d, off[pc]!);
            const r = this.writable(a, 8, pc, d);
            const fromImm = op[pc] === 0x7a;
            r.view.setInt32(a - r.base, fromImm ? imm[pc]! : lo[s]!, true);
            r.view.setInt32(a - r.base + 4, fromImm ? imm[pc]! >> 31 : hi[s]!, true);
            break;
          }

          // ---- atomics ----
          case 0xc3: // 32-bit
          case 0xdb: // 64-bit
            this.atomic(pc, op[pc] === 0xdb, d, s, off[pc]!, imm[pc]!);
            break;

          default:
            throw new VmFault(
              "invalid-instruction",
              pc,
              this.code.invalid.get(pc) ?? `opcode 0x${op[pc]!.toString(16)} is not executable`,
            );
        }
        pc++;
      }
    } finally {
      this.steps = steps;
    }
  }

  private callHelper(id: number, pc: number): void {
    const helper = this.helpers.get(id);
    if (helper === undefined) throw new VmFault("helper", pc, `unknown helper ${id}`);
    const arg = (n: number): bigint => this.register(n);
    this.pc = pc;
    let result: bigint | number;
    try {
      result = helper.fn(arg(1), arg(2), arg(3), arg(4), arg(5), this);
    } catch (e) {
      if (e instanceof VmFault) throw e.at(pc);
      throw new VmFault("helper", pc, `helper ${helper.name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof result === "number" && !Number.isSafeInteger(result)) {
      throw new VmFault("helper", pc, `helper ${helper.name} returned ${result}, not an integer`);
    }
    this.set(0, result);
  }

  private atomic(pc: number, wide: boolean, d: number, s: number, offset: number, op: number): void {
    const { lo, hi } = this;
    const size = wide ? 8 : 4;
    const a = address(lo, hi, d, offset);
    const r = this.writable(a, size, pc, d);
    const at = a - r.base;
    const oldLo = r.view.getInt32(at, true);
    const oldHi = wide ? r.view.getInt32(at + 4, true) : 0;
    let newLo = lo[s]!;
    let newHi = wide ? hi[s]! : 0;
    switch (op & ~0x01) {
      case 0x00: {
        // add
        const sum = (oldLo >>> 0) + (newLo >>> 0);
        newHi = (oldHi + newHi + (sum > 0xffffffff ? 1 : 0)) | 0;
        newLo = sum | 0;
        break;
      }
      case 0x40: // or
        newLo |= oldLo;
        newHi |= oldHi;
        break;
      case 0x50: // and
        newLo &= oldLo;
        newHi &= oldHi;
        break;
      case 0xa0: // xor
        newLo ^= oldLo;
        newHi ^= oldHi;
        break;
      case 0xe0: // xchg
        break;
      default: {
        // cmpxchg: store only if r0 equals the old value; r0 receives the old value
        if (lo[0] !== oldLo || (wide && hi[0] !== oldHi)) {
          newLo = oldLo;
          newHi = oldHi;
        }
        lo[0] = oldLo;
        hi[0] = oldHi;
      }
    }
    r.view.setInt32(at, newLo, true);
    if (wide) r.view.setInt32(at + 4, newHi, true);
    if ((op & 0x01) !== 0 && op !== 0xf1) {
      lo[s] = oldLo;
      hi[s] = oldHi;
    }
  }

  /** The writable region holding [a, a + size), or a fault on the access through register `base`. */
  private writable(a: number, size: number, pc: number, base: number): Region {
    const r = this.memory.find(a, size);
    if (r === undefined || !r.writable) return this.fault(pc, base, size, "write");
    return r;
  }

  private fault(pc: number, base: number, size: number, access: "read" | "write"): never {
    const address = BigInt.asUintN(64, this.register(base) + BigInt(this.code.off[pc]!));
    const where = formatInsn(this.program, pc);
    const fault = this.memory.fault(address, size, access);
    throw new VmFault("memory", pc, `${fault.reason} (${where})`);
  }
}
