/**
 * Runtime faults of the eBPF VM. A program that misbehaves at run time (touches memory outside
 * every region, runs out of its instruction budget, calls an unknown helper, …) stops with a
 * VmFault naming the instruction index; the VM never lets a JavaScript exception or garbage
 * escape instead. Kept apart so memory, helpers and the machine can all raise it.
 */

export type FaultKind =
  /** A load, store or helper access outside every region, or a store to a read-only one. */
  | "memory"
  /** The instruction budget ran out (a loop that does not end, or a too-long run). */
  | "budget"
  /** An invalid or unsupported instruction was reached (includes jumps out of the program). */
  | "invalid-instruction"
  /** bpf-to-bpf calls nested deeper than MAX_CALL_FRAMES. */
  | "call-depth"
  /** An unknown helper id, or a helper that failed. */
  | "helper";

export class VmFault extends Error {
  constructor(
    readonly kind: FaultKind,
    /** Index of the faulting instruction slot; -1 when raised outside a run (e.g. by a helper's memory access, before the VM fills it in). */
    readonly pc: number,
    /** The reason without the location. */
    readonly reason: string,
  ) {
    super(pc >= 0 ? `instruction ${pc}: ${reason}` : reason);
    this.name = "VmFault";
  }

  /** The same fault located at instruction `pc`. */
  at(pc: number): VmFault {
    return new VmFault(this.kind, pc, this.reason);
  }
}
