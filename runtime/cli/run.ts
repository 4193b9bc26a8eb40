// `pnet run prog.pnet --in in.pcap [--out out.pcap] [--out-host host.pcap]
// [--entries e.stf] [--target T] [--in-port N] [--json]`: push a capture through
// a program and report what happened to it.
//
// Output capture: every packet sent out of a port, in the order produced, with
// the timestamp of the packet that caused it. Classic pcap has no field for the
// port, so `--out` may contain `{port}` to write one file per port instead
// (`--out out-{port}.pcap`). Packets handed to the host go to `--out-host`.

import { basename } from "node:path";
import type { Dataplane } from "../dataplane.js";
import { PcapFileWriter } from "../pcap.js";
import { flagChoice, flagInteger, flagSet, flagValue, UsageError } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT_OK, say, sayErr } from "./io.js";
import { applyEntries, compileOrFail, loadOn, readCapture, TARGETS } from "./program.js";
import { ProgressBar } from "./progress.js";
import { replay } from "./replay.js";
import { plural, TrafficStats } from "./traffic.js";

export const runCommand: Command = {
  spec: {
    name: "run",
    positionals: ["prog.pnet"],
    flags: {
      in: { value: true },
      out: { value: true },
      "out-host": { value: true },
      entries: { value: true },
      target: { value: true },
      "in-port": { value: true },
      json: { value: false },
    },
  },
  summary: "push a capture through a program; counts per port, drops, host packets, throughput",
  help: `Usage: pnet run prog.pnet --in in.pcap [--out out.pcap] [--out-host host.pcap]
                [--entries e.stf] [--target T] [--in-port N] [--json]

Pushes every packet of a capture (pcap or pcapng) through the program, in
batches, and prints how many packets left on each port, were dropped or were
handed to the host, the parser errors and digests, and the packets per second.

Options:
  --in FILE        the capture to read (required)
  --out FILE       write the packets sent out of ports, in order, to a pcap file;
                   with {port} in the name, one file per port (out-{port}.pcap)
  --out-host FILE  write the packets handed to the host (to_host) to a pcap file
  --entries FILE   table entries to install first (.stf control-plane commands)
  --target T       ${TARGETS.join(", ")} (default wasm)
  --in-port N      the ingress port of every packet (default: the pcapng
                   interface index, or 0)
  --json           print the summary as JSON on stdout

Exit status: 0 after a run, 1 when the program has errors, 2 for bad arguments
or unreadable files.`,

  async run(args, io) {
    const path = args.positionals[0]!;
    const inPath = flagValue(args, "in");
    if (inPath === undefined) throw new UsageError(`missing --in in.pcap for pnet run; see \`pnet run --help\``);
    const target = flagChoice(args, "target", TARGETS) ?? "wasm";
    const inPort = flagInteger(args, "in-port", 0xffff);
    const json = flagSet(args, "json");
    const capture = readCapture(inPath);
    for (const w of capture.warnings) sayErr(io, `warning: ${inPath}: ${w}`);
    const program = compileOrFail(path, io);
    const sinks = new Sinks(flagValue(args, "out"), flagValue(args, "out-host"));
    const stats = new TrafficStats();
    let dp: Dataplane | undefined;
    try {
      dp = await loadOn(program, target);
      const entriesPath = flagValue(args, "entries");
      if (entriesPath !== undefined) applyEntries(dp, entriesPath);
      const bar = json ? undefined : ProgressBar.maybe(io, capture.records.length);
      replay(dp, capture.records, stats, {
        ...(inPort !== undefined ? { inPort } : {}),
        onResult: (input, result) => sinks.write(input.timestampNs ?? 0n, result.outputs, result.toHost),
        ...(bar ? { onProgress: (done: number) => bar.update(done) } : {}),
      });
      bar?.finish();
    } finally {
      sinks.close();
      await dp?.close();
    }
    if (json) {
      say(io, JSON.stringify({ program: path, capture: inPath, target, ...stats.toJson(), written: sinks.written() }, null, 2));
    } else {
      say(io, `${basename(path)} on ${target}: ${stats.rate()}`);
      for (const line of stats.render()) say(io, line);
      for (const [file, n] of Object.entries(sinks.written())) say(io, `wrote ${plural(n, "packet")} to ${file}`);
    }
    return EXIT_OK;
  },
};

/** The output captures: one for all ports, one per port (`{port}`), and one for the host. */
class Sinks {
  private readonly writers = new Map<string, { writer: PcapFileWriter; count: number }>();

  constructor(
    private readonly out: string | undefined,
    private readonly outHost: string | undefined,
  ) {
    if (out !== undefined && outHost !== undefined && out === outHost) {
      throw new UsageError(`--out and --out-host name the same file ${out}`);
    }
    // Open the fixed files now, so a bad path is reported before anything runs.
    if (out !== undefined && !out.includes("{port}")) this.open(out);
    if (outHost !== undefined) this.open(outHost);
  }

  write(timestampNs: bigint, outputs: readonly { port: number; data: Uint8Array }[], toHost: readonly Uint8Array[]): void {
    if (this.out !== undefined) {
      for (const o of outputs) this.append(this.out.replaceAll("{port}", String(o.port)), o.data, timestampNs);
    }
    if (this.outHost !== undefined) for (const data of toHost) this.append(this.outHost, data, timestampNs);
  }

  /** Packets written, by file name (files opened but left empty included). */
  written(): Record<string, number> {
    const files = [...this.writers].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
    return Object.fromEntries(files.map(([file, w]) => [file, w.count]));
  }

  close(): void {
    for (const { writer } of this.writers.values()) writer.close();
  }

  private append(file: string, data: Uint8Array, timestampNs: bigint): void {
    const w = this.writers.get(file) ?? this.open(file);
    w.writer.write({ data, timestampNs });
    w.count++;
  }

  private open(file: string): { writer: PcapFileWriter; count: number } {
    let writer: PcapFileWriter;
    try {
      writer = new PcapFileWriter(file);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const entry = { writer, count: 0 };
    this.writers.set(file, entry);
    return entry;
  }
}
