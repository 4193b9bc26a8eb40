/**
 * The verifier: a static check run before a program is loaded, refusing with the instruction
 * index and the reason what could go wrong at run time. Two passes: structure.ts (encodings,
 * jump targets, falling off the end, r10 writes, division by an immediate zero, recursion)
 * and explore.ts (every path over abstract states: uninitialised registers, r0 at exit,
 * memory bounds of the stack, entry memory, map values and the checked packet range, NULL
 * checks of map values, pointer arithmetic, helper ids and prototypes, loops that cannot be
 * shown to end). docs/ebpf-vm.md lists what it does not check yet.
 */

import { HelperTable } from "./helpers.js";
import type { Insn } from "./isa.js";
import { VerifierError } from "./verifier/error.js";
import { explore } from "./verifier/explore.js";
import type { HelperPrototype } from "./verifier/prototypes.js";
import { known, UNKNOWN, type MapInfo, type PacketFields, type Value } from "./verifier/state.js";
import { checkStructure } from "./verifier/structure.js";

export { VerifierError } from "./verifier/error.js";
export { XDP_HELPER_PROTOTYPES, type HelperPrototype } from "./verifier/prototypes.js";
export type { MapInfo, PacketFields } from "./verifier/state.js";

/** What an argument register holds at entry. */
export type EntryArg =
  /** A pointer to the start of `size` bytes (a context, or bpf_conformance's memory). */
  | {
      readonly kind: "memory";
      readonly name: string;
      readonly size: number;
      readonly writable?: boolean;
      /** A context holding packet pointers (`struct xdp_md`: data 0, data_end 4, data_meta 8). */
      readonly packetFields?: PacketFields;
    }
  /** A number, known or not. */
  | { readonly kind: "scalar"; readonly value?: bigint | number };

export interface VerifyOptions {
  /** Helpers the program may call; any other id is refused. Default none. */
  helpers?: HelperTable;
  /** r1, r2, … at entry; registers not listed are uninitialised (r10 is always the frame pointer). */
  args?: readonly EntryArg[];
  /** Most instructions explored over all paths, as the kernel's 1M limit. */
  complexityLimit?: number;
  /** Argument and result types of helpers (e.g. XDP_HELPER_PROTOTYPES); helpers without one only have their id checked. */
  prototypes?: ReadonlyMap<number, HelperPrototype>;
  /** The maps `lddw map_idx:N` refers to; without them map references are refused. */
  maps?: readonly MapInfo[];
}

export const DEFAULT_COMPLEXITY_LIMIT = 1_000_000;

export type VerifyResult =
  | { readonly ok: true; readonly explored: number }
  | { readonly ok: false; readonly error: VerifierError };

export function verify(program: readonly Insn[], options: VerifyOptions = {}): VerifyResult {
  if ((options.args?.length ?? 0) > 5) throw new Error("an eBPF program takes at most 5 arguments");
  try {
    const prototypes = options.prototypes ?? new Map<number, HelperPrototype>();
    const structure = checkStructure(program, options.maps?.length ?? 0, (id) => prototypes.get(id)?.args.length ?? 5);
    const explored = explore(program, structure, {
      helpers: options.helpers ?? new HelperTable(),
      prototypes,
      maps: options.maps ?? [],
      args: (options.args ?? []).map(entryValue),
      complexityLimit: options.complexityLimit ?? DEFAULT_COMPLEXITY_LIMIT,
    });
    return { ok: true, explored };
  } catch (e) {
    if (e instanceof VerifierError) return { ok: false, error: e };
    throw e;
  }
}

function entryValue(arg: EntryArg): Value {
  if (arg.kind === "scalar") return arg.value === undefined ? UNKNOWN : known(BigInt(arg.value));
  return {
    kind: "pointer",
    region: {
      kind: "memory",
      name: arg.name,
      size: arg.size,
      writable: arg.writable ?? false,
      ...(arg.packetFields ? { packetFields: arg.packetFields } : {}),
    },
    offset: 0n,
  };
}
