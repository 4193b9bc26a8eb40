// `pnet bench prog.pnet [--target T|all] [--entries e.stf] [--in capture]
// [--packets N] [--seconds S] [--json]`: packets per second of a program on
// one target or on all of them side by side.
//
// Traffic is a capture when given (so it can hit the installed entries),
// otherwise packets generated with a fixed seed (a realistic mix of Ethernet,
// VLAN, IPv4/IPv6, TCP/UDP/ICMP, ARP, VXLAN, MPLS). Each target processes the
// same packets in batches of BATCH_SIZE, after one warm-up pass, for at least
// --seconds. A target that cannot run the program is reported as skipped.

import { basename } from "node:path";
import type { Dataplane, PacketIn } from "../dataplane.js";
import { makeRng, randomPacket } from "../craft.js";
import { flagChoice, flagInteger, flagSet, flagValue } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT_OK, say } from "./io.js";
import { applyEntries, compileOrFail, loadOn, readCapture, TARGETS } from "./program.js";
import { BATCH_SIZE } from "./replay.js";
import { formatRate } from "./traffic.js";

interface BenchRow {
  readonly target: string;
  readonly pps?: number;
  readonly nsPerPacket?: number;
  readonly skipped?: string;
}

export const benchCommand: Command = {
  spec: {
    name: "bench",
    positionals: ["prog.pnet"],
    flags: {
      target: { value: true },
      entries: { value: true },
      in: { value: true },
      packets: { value: true },
      seconds: { value: true },
      json: { value: false },
    },
  },
  summary: "packets per second of a program on one target or all of them",
  help: `Usage: pnet bench prog.pnet [--target T|all] [--entries e.stf] [--in capture]
                  [--packets N] [--seconds S] [--json]

Measures how many packets per second the program processes, on one target or
on all of them side by side (the same packets, batches of ${BATCH_SIZE}).

Options:
  --target T     ${TARGETS.join(", ")} or all (default all)
  --entries FILE table entries to install first (.stf control-plane commands)
  --in FILE      use the packets of this capture (port 0) instead of generated ones
  --packets N    how many generated packets (default 4096)
  --seconds S    how long to measure each target, at least (default 1)
  --json         print the results as JSON

Exit status: 0 after measuring, 1 when the program has errors, 2 for bad
arguments or unreadable files.`,

  async run(args, io) {
    const path = args.positionals[0]!;
    const choice = flagChoice(args, "target", [...TARGETS, "all"] as const) ?? "all";
    const seconds = flagInteger(args, "seconds", 600) ?? 1;
    const packets = traffic(flagValue(args, "in"), flagInteger(args, "packets", 10_000_000) ?? 4096);
    const entries = flagValue(args, "entries");
    const program = compileOrFail(path, io);
    const rows: BenchRow[] = [];
    for (const target of choice === "all" ? TARGETS : [choice]) {
      let dp: Dataplane;
      try {
        dp = await loadOn(program, target);
      } catch (err) {
        if (choice !== "all" || !(err instanceof CliError)) throw err;
        rows.push({ target, skipped: err.message });
        continue;
      }
      try {
        if (entries !== undefined) applyEntries(dp, entries);
        rows.push({ target, ...measure(dp, packets, seconds) });
      } finally {
        await dp.close();
      }
    }
    if (flagSet(args, "json")) say(io, JSON.stringify({ program: basename(path), packets: packets.length, results: rows }, null, 2));
    else report(io, basename(path), packets.length, rows);
    return EXIT_OK;
  },
};

function traffic(capture: string | undefined, count: number): PacketIn[] {
  if (capture !== undefined) {
    const records = readCapture(capture).records;
    if (records.length === 0) throw new CliError(`${capture} holds no packets to measure with`);
    return records.map((r) => ({ port: 0, data: r.data, timestampNs: r.timestampNs }));
  }
  const rng = makeRng(1);
  return Array.from({ length: count }, () => ({ port: rng.int(0, 7), data: randomPacket(rng) }));
}

function measure(dp: Dataplane, packets: readonly PacketIn[], seconds: number): { pps: number; nsPerPacket: number } {
  const batches: PacketIn[][] = [];
  for (let i = 0; i < packets.length; i += BATCH_SIZE) batches.push(packets.slice(i, i + BATCH_SIZE));
  const pass = () => batches.forEach((b) => dp.process(b));
  pass(); // warm-up: compiles hot paths, fills caches
  let processed = 0;
  const start = process.hrtime.bigint();
  let elapsedNs = 0n;
  while (elapsedNs < BigInt(seconds) * 1_000_000_000n) {
    pass();
    processed += packets.length;
    elapsedNs = process.hrtime.bigint() - start;
  }
  const ns = Number(elapsedNs);
  return { pps: (processed * 1e9) / ns, nsPerPacket: ns / processed };
}

function report(io: Parameters<Command["run"]>[1], name: string, count: number, rows: readonly BenchRow[]): void {
  say(io, `${name}: ${count} packets, batches of ${BATCH_SIZE}`);
  const base = rows.find((r) => r.target === "interp" && r.pps !== undefined)?.pps;
  for (const r of rows) {
    if (r.skipped !== undefined) {
      say(io, `  ${r.target.padEnd(7)} skipped — ${r.skipped}`);
      continue;
    }
    const ratio = base !== undefined && r.target !== "interp" ? `  ${(r.pps! / base).toFixed(1)}× interp` : "";
    say(io, `  ${r.target.padEnd(7)} ${formatRate(r.pps!).padStart(12)}  ${r.nsPerPacket!.toFixed(0).padStart(7)} ns/packet${ratio}`);
  }
}
