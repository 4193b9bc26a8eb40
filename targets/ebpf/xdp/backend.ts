// What the eBPF Dataplane needs from the machine that runs the object: map
// access for the control plane and packet runs. Two implementations: the
// emulator (EmulatorBackend, here) and the real kernel (kernel/runner.ts).
// The emulator runs the VM's verifier when it loads an object, as the kernel
// would (once per distinct object: generated objects are deterministic).

import { LddwKind, lddw } from "../vm/isa.js";
import { verify, XDP_HELPER_PROTOTYPES, type VerifyResult } from "../vm/verifier.js";
import { XdpMd } from "../codegen/helpers.js";
import type { Redirect, XdpInput } from "./env.js";
import { XdpEnvironment } from "./env.js";
import { RingBufMap, UpdateFlags } from "./maps.js";

export interface RunOutput {
  /** XDP action. */
  readonly action: number;
  readonly data: Uint8Array;
  readonly meta: Uint8Array;
  /** Where bpf_redirect_map sent the packet (the emulator knows; the kernel's test runs do not say). */
  readonly redirect?: Redirect;
}

export interface Backend {
  readonly mode: "emulator" | "kernel";
  update(map: string, key: Uint8Array, value: Uint8Array): void;
  delete(map: string, key: Uint8Array): void;
  lookup(map: string, key: Uint8Array): Uint8Array | undefined;
  /** Every record of a RINGBUF map not read yet, oldest first (the records are consumed). */
  drain(map: string): Uint8Array[];
  run(input: XdpInput): RunOutput;
  close(): Promise<void>;
}

export class EmulatorBackend implements Backend {
  readonly mode = "emulator";
  readonly env: XdpEnvironment;
  constructor(elf: Uint8Array) {
    this.env = new XdpEnvironment(elf);
    const verdict = verifyXdp(this.env, elf);
    if (!verdict.ok) throw new Error(`the VM verifier refuses the program: ${verdict.error.message}`);
  }
  update(map: string, key: Uint8Array, value: Uint8Array): void {
    const r = this.env.map(map).update(key, value, UpdateFlags.ANY);
    if (r !== 0) throw new Error(`map ${map}: update failed (errno ${-r})`);
  }
  delete(map: string, key: Uint8Array): void {
    this.env.map(map).delete(key);
  }
  lookup(map: string, key: Uint8Array): Uint8Array | undefined {
    return this.env.map(map).get(key)?.slice();
  }
  drain(map: string): Uint8Array[] {
    const m = this.env.map(map);
    if (!(m instanceof RingBufMap)) throw new Error(`map ${map} is not a ring buffer`);
    return m.drain();
  }
  run(input: XdpInput): RunOutput {
    return this.env.run(input);
  }
  async close(): Promise<void> {}
}

/** Verdicts by object bytes (as text): each distinct object is verified once per process. */
const verdicts = new Map<string, VerifyResult>();

/**
 * Verifies the loaded object as the kernel would see it: map references as `lddw map_idx:N`
 * (the maps of the object, with their key and value sizes), r1 the `xdp_md` context with its
 * packet pointers, the environment's helpers with the kernel's prototypes.
 */
export function verifyXdp(env: XdpEnvironment, elf: Uint8Array): VerifyResult {
  const key = Buffer.from(elf).toString("latin1");
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    const insns = [...env.object.insns];
    const index = new Map(env.object.maps.map((m, i) => [m.name, i]));
    for (const r of env.object.relocs) {
      [insns[r.insn], insns[r.insn + 1]] = lddw(insns[r.insn]!.dst, BigInt(index.get(r.map)!), LddwKind.MAP_IDX);
    }
    verdict = verify(insns, {
      helpers: env.helpers,
      prototypes: XDP_HELPER_PROTOTYPES,
      maps: env.object.maps,
      args: [{
        kind: "memory",
        name: "ctx",
        size: XdpMd.BYTES,
        packetFields: { data: XdpMd.DATA, dataEnd: XdpMd.DATA_END, dataMeta: XdpMd.DATA_META },
      }],
    });
    verdicts.set(key, verdict);
  }
  return verdict;
}
