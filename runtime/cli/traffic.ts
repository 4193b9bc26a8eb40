// What happened to a stream of packets: counts per output port, per verdict,
// host packets, parser errors and digests, and the processing rate. `pnet run`
// and `pnet demo` both keep one and print it (or its JSON form).

import type * as ir from "../../compiler/ir.js";
import type { PacketIn, PacketResult } from "../dataplane.js";

interface Count {
  packets: number;
  bytes: number;
}

export interface TrafficJson {
  packetsIn: number;
  bytesIn: number;
  verdicts: Record<ir.Verdict, number>;
  ports: Record<string, Count>;
  toHost: Count;
  parserErrors: Record<string, number>;
  digests: Record<string, number>;
  seconds: number;
  packetsPerSecond: number;
}

export class TrafficStats {
  packetsIn = 0;
  bytesIn = 0;
  readonly verdicts: Record<ir.Verdict, number> = { forward: 0, bounce: 0, multicast: 0, to_host: 0, drop: 0 };
  readonly ports = new Map<number, Count>();
  readonly toHost: Count = { packets: 0, bytes: 0 };
  readonly parserErrors = new Map<string, number>();
  readonly digests = new Map<string, number>();
  /** Time spent inside Dataplane.process, in seconds. */
  seconds = 0;

  add(input: PacketIn, result: PacketResult): void {
    this.packetsIn++;
    this.bytesIn += input.data.length;
    this.verdicts[result.verdict]++;
    for (const out of result.outputs) {
      const c = this.ports.get(out.port) ?? { packets: 0, bytes: 0 };
      c.packets++;
      c.bytes += out.data.length;
      this.ports.set(out.port, c);
    }
    for (const data of result.toHost) {
      this.toHost.packets++;
      this.toHost.bytes += data.length;
    }
    if (result.parserError !== "NoError") bump(this.parserErrors, result.parserError);
    for (const d of result.digests) bump(this.digests, d.digest);
  }

  get packetsPerSecond(): number {
    return this.seconds > 0 ? this.packetsIn / this.seconds : 0;
  }

  toJson(): TrafficJson {
    const sortedPorts = [...this.ports].sort(([a], [b]) => a - b);
    return {
      packetsIn: this.packetsIn,
      bytesIn: this.bytesIn,
      verdicts: { ...this.verdicts },
      ports: Object.fromEntries(sortedPorts.map(([p, c]) => [String(p), { ...c }])),
      toHost: { ...this.toHost },
      parserErrors: Object.fromEntries(this.parserErrors),
      digests: Object.fromEntries(this.digests),
      seconds: this.seconds,
      packetsPerSecond: Math.round(this.packetsPerSecond),
    };
  }

  /** Indented lines for people. */
  render(): string[] {
    const lines: string[] = [];
    for (const [port, c] of [...this.ports].sort(([a], [b]) => a - b)) {
      lines.push(`  port ${String(port).padEnd(5)} ${plural(c.packets, "packet")} (${plural(c.bytes, "byte")})`);
    }
    if (this.ports.size === 0) lines.push("  no packet left on any port");
    lines.push(`  to host    ${plural(this.toHost.packets, "packet")}`);
    lines.push(`  dropped    ${plural(this.verdicts.drop, "packet")}`);
    const others = (["bounce", "multicast"] as const).filter((v) => this.verdicts[v] > 0);
    for (const v of others) lines.push(`  ${v.padEnd(10)} ${plural(this.verdicts[v], "packet")}`);
    if (this.parserErrors.size > 0) lines.push(`  parser errors: ${listCounts(this.parserErrors)}`);
    if (this.digests.size > 0) lines.push(`  digests: ${listCounts(this.digests)}`);
    return lines;
  }

  /** "1200 packets in 3.2 ms (375 kpps)". */
  rate(): string {
    const ms = this.seconds * 1000;
    const time = ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
    return `${plural(this.packetsIn, "packet")} in ${time} (${formatRate(this.packetsPerSecond)})`;
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function listCounts(map: Map<string, number>): string {
  return [...map].map(([k, n]) => `${k} ${n}`).join(", ");
}

export function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

export function formatRate(pps: number): string {
  if (pps >= 1e6) return `${(pps / 1e6).toFixed(2)} Mpps`;
  if (pps >= 1e3) return `${(pps / 1e3).toFixed(1)} kpps`;
  return `${Math.round(pps)} pps`;
}
