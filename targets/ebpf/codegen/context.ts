// The state shared by the code generator's parts: the instruction buffer, the
// register pool, the layout, and what the code being generated can see (the
// running action's parameters, hoisted register reads, the scratch temp area).

import type * as ir from "../../../compiler/ir.js";
import { Asm, Regs, Unsupported, type Label } from "./asm.js";
import type { Layout } from "./layout.js";

export class Gen {
  readonly asm = new Asm();
  readonly regs = new Regs();
  /** Parameter offsets of the action being generated (relative to r7). */
  params: readonly number[] = [];
  /** Scratch slots of register reads hoisted out of the current statement. */
  readonly registerReads = new Map<ir.Expr, number>();
  /** True while generating an action's body (r7 then points to its parameters). */
  inAction = false;
  /** Headers known to be valid where code is being generated (validity.ts). */
  knownValid = new Set<string>();
  /** Headers valid once std.parser_error is known to be NoError (every accepting parser path extracts them, nothing has invalidated them since). */
  acceptValid = new Set<string>();
  /** Headers (by name: a stack's elements alike) one of whose fields is read where the header may be invalid. */
  readonly readUnknown = new Set<string>();
  /** In the parser: bytes of the lookahead window at r7 that have been bounds-checked (0: none). */
  lookaheadBytes = 0;
  private tempUsed = 0;

  constructor(
    readonly program: ir.Program,
    readonly layout: Layout,
  ) {}

  /** `bytes` of scratch temp space, valid until resetTemp(); the last 8 bytes keep r7 across a direct action call. */
  temp(bytes: number, span?: ir.Expr["span"]): number {
    const at = this.layout.temp + this.tempUsed;
    this.tempUsed += Math.ceil(bytes / 8) * 8;
    if (this.tempUsed > this.layout.tempBytes - 8) throw new Unsupported(span, `one statement needs more than ${this.layout.tempBytes} bytes of temporaries (hash inputs, register reads)`, "E0851");
    return at;
  }
  /** if (reg <code> value) goto label, for any 64-bit constant. */
  jumpIfConst(code: number, reg: number, value: bigint, label: Label): void {
    const v = BigInt.asUintN(64, value);
    if (v < 0x8000_0000n) return this.asm.jumpIfImm(code, reg, Number(v), label);
    const t = this.regs.alloc();
    this.asm.constant(t, v);
    this.asm.jumpIf(code, reg, t, label);
    this.regs.release(t);
  }

  resetTemp(): void {
    this.tempUsed = 0;
    this.registerReads.clear();
  }
}
