// What the eBPF Dataplane needs from the machine that runs the object: map
// access for the control plane and packet runs. Two implementations: the
// emulator (EmulatorBackend, here) and the real kernel (kernel/runner.ts).

import type { Redirect, XdpInput } from "./env.js";
import { XdpEnvironment } from "./env.js";
import { QueueMap } from "./maps.js";
import { UpdateFlags } from "./maps.js";

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
  /** Pops one value of a QUEUE map, or undefined when it is empty. */
  pop(map: string): Uint8Array | undefined;
  run(input: XdpInput): RunOutput;
  close(): Promise<void>;
}

export class EmulatorBackend implements Backend {
  readonly mode = "emulator";
  readonly env: XdpEnvironment;
  constructor(elf: Uint8Array) {
    this.env = new XdpEnvironment(elf);
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
  pop(map: string): Uint8Array | undefined {
    const m = this.env.map(map);
    return m instanceof QueueMap ? m.pop() : undefined;
  }
  run(input: XdpInput): RunOutput {
    return this.env.run(input);
  }
  async close(): Promise<void> {}
}
