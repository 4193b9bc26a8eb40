// Where a packet goes once its verdict is known: the one definition, shared
// by the targets that build PacketResults one packet at a time (interp, the
// eBPF dataplane, the RMT simulator; wasm reads the same rules out of its
// batch memory in targets/wasm/batch.ts).
//
//   forward(p)    one copy out of port p
//   bounce()      one copy out of the ingress port
//   to_host()     one copy to the host
//   multicast(g)  one copy per port of group g, in the group's order, except
//                 the ingress port; none for an unknown or empty group
//   drop()        nothing (the packet is not deparsed)

import type { PacketOut, PacketResult } from "./dataplane.js";
import type * as ir from "../compiler/ir.js";
import { normaliseMulticastGroup } from "./controlplane.js";

/** The multicast groups a dataplane holds (validated by the control plane). */
export class MulticastGroups {
  private readonly groups = new Map<number, readonly number[]>();

  /** Sets a group's ports (an empty list removes it); returns them validated. */
  set(group: number, ports: readonly number[]): { group: number; ports: number[] } {
    const g = normaliseMulticastGroup(group, ports);
    if (g.ports.length === 0) this.groups.delete(g.group);
    else this.groups.set(g.group, g.ports);
    return g;
  }

  /** The ports a copy goes to: the group's, without the ingress port. */
  copiesTo(group: number, ingress: number): number[] {
    return (this.groups.get(group) ?? []).filter((port) => port !== ingress);
  }
}

export interface VerdictOf {
  readonly verdict: ir.Verdict;
  /** The port of forward, the group of multicast. */
  readonly arg: number;
  readonly ingress: number;
  readonly digests: PacketResult["digests"];
  readonly parserError: string;
}

/** The packet's result; `bytes` (the deparsed packet) is called only when some copy leaves. */
export function resultOf(v: VerdictOf, groups: MulticastGroups, bytes: () => Uint8Array): PacketResult {
  const result = { verdict: v.verdict, digests: v.digests, parserError: v.parserError, outputs: [] as PacketOut[], toHost: [] as Uint8Array[] };
  switch (v.verdict) {
    case "drop":
      return result;
    case "to_host":
      return { ...result, toHost: [bytes()] };
    case "forward":
      return { ...result, outputs: [{ port: v.arg, data: bytes() }] };
    case "bounce":
      return { ...result, outputs: [{ port: v.ingress, data: bytes() }] };
    case "multicast": {
      const ports = groups.copiesTo(v.arg, v.ingress);
      if (ports.length === 0) return result;
      const data = bytes();
      return { ...result, outputs: ports.map((port, i) => ({ port, data: i === 0 ? data : data.slice() })) };
    }
  }
}
