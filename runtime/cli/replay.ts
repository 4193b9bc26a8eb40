// Pushing captured packets through a Dataplane in batches (one process() call
// handles many packets, which is what the fast targets are built for), keeping
// TrafficStats and handing every result to the caller. Shared by `pnet run`
// and `pnet demo`.

import type { Dataplane, PacketIn, PacketResult } from "../dataplane.js";
import type { PcapRecord } from "../pcap.js";
import type { TrafficStats } from "./traffic.js";

export const BATCH_SIZE = 256;

export interface ReplayOptions {
  /** Every packet arrives on this port; otherwise a pcapng record's interface index, or 0. */
  readonly inPort?: number;
  readonly onResult?: (input: PacketIn, result: PacketResult, index: number) => void;
  /** Called after each batch with the number of packets done. */
  readonly onProgress?: (done: number) => void;
}

export function replay(dp: Dataplane, records: readonly PcapRecord[], stats: TrafficStats, options: ReplayOptions = {}): void {
  for (let start = 0; start < records.length; start += BATCH_SIZE) {
    const batch: PacketIn[] = records.slice(start, start + BATCH_SIZE).map((r) => ({
      port: options.inPort ?? r.interface ?? 0,
      data: r.data,
      timestampNs: r.timestampNs,
    }));
    const t0 = performance.now();
    const results = dp.process(batch);
    stats.seconds += (performance.now() - t0) / 1000;
    results.forEach((result, i) => {
      stats.add(batch[i]!, result);
      options.onResult?.(batch[i]!, result, start + i);
    });
    options.onProgress?.(Math.min(start + BATCH_SIZE, records.length));
  }
}
