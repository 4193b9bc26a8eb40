// `pnet digests --dev IFACE [--json] [--follow]`: the digests a program that
// `pnet load` attached to IFACE has sent, read from its pinned ring buffer
// (targets/ebpf/kernel/ringbuf.ts) and shown with the digest declaration's
// name and field names, each read once. --follow keeps reading until
// interrupted.

import type * as ir from "../../compiler/ir.js";
import type { DigestMessage } from "../dataplane.js";
import { flagSet, flagValue, UsageError } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT_OK, EXIT_USAGE, say, sayErr } from "./io.js";
import { reportingAttachErrors, requireLive } from "./live.js";
import { valueText } from "./values.js";

/** A digest as shown: its fields in the notation of an .stf `expect_digest` line. */
interface Shown {
  readonly digest: string;
  readonly fields: Record<string, string>;
}

function shown(program: ir.Program, m: DigestMessage): Shown {
  const widths = new Map(program.digests.find((d) => d.name === m.digest)!.fields.map((f) => [f.name, f.width]));
  return { digest: m.digest, fields: Object.fromEntries(Object.entries(m.fields).map(([name, v]) => [name, valueText(v, widths.get(name)!)])) };
}

const line = (d: Shown): string => [d.digest, ...Object.entries(d.fields).map(([k, v]) => `${k}:${v}`)].join(" ");

/** Prints digests as they come until SIGINT or SIGTERM (or the reader fails). */
async function follow(ring: string, show: (record: Uint8Array) => void): Promise<void> {
  const { followRing } = await import("../../targets/ebpf/kernel/ringbuf.js");
  const child = followRing(ring, show);
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const stop = (): void => {
    child.kill("SIGTERM");
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    if (code !== 0 && code !== null) throw new CliError(stderr.trim() || `the ring buffer reader exited ${code}`, EXIT_USAGE);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

export const digestsCommand: Command = {
  spec: { name: "digests", positionals: [], flags: { dev: { value: true }, json: { value: false }, follow: { value: false } } },
  summary: "print the digests a program loaded on an interface has sent",
  help: `Usage: pnet digests --dev IFACE [--json] [--follow]

Prints the digests the program \`pnet load\` attached to IFACE has sent since
they were last read, oldest first, one per line as the digest's name and its
fields in .stf notation (IPv4 addresses, MACs, hex):

  mac_learn mac:02:00:00:00:01:02 port:0x1

Each digest is printed once: reading consumes it. The program keeps them in a
256 KiB ring buffer; when it is full, new digests are lost until it is read.
--follow keeps printing digests as they arrive until interrupted. --json
prints { dev, program, digests: [{ digest, fields }] }, or with --follow one
{ digest, fields } object per line.

Needs python3 (it reads the ring buffer, which bpftool cannot).

Exit status: 0 done, 2 bad arguments, no program loaded on IFACE, a program
without digests, or no root, bpftool or python3.`,

  async run(args, io) {
    const dev = flagValue(args, "dev");
    if (dev === undefined) throw new UsageError("missing --dev IFACE for pnet digests; see `pnet digests --help`");
    requireLive("digests");
    const { ringReaderAvailability, readRing, RingReadError } = await import("../../targets/ebpf/kernel/ringbuf.js"); // the eBPF tooling only when used
    const noReader = ringReaderAvailability();
    if (noReader) throw new CliError(`pnet digests reads the program's ring buffer with python3: ${noReader}`, EXIT_USAGE);
    const { liveDigests } = await import("../../targets/ebpf/attach/live.js");
    const { decodeDigestRecord } = await import("../../targets/ebpf/xdp/encode.js");
    const { state, program, ring } = reportingAttachErrors(() => liveDigests(dev));
    const json = flagSet(args, "json");
    const decode = (record: Uint8Array): Shown => shown(program, decodeDigestRecord(program, record));
    const print = (d: Shown): void => say(io, json ? JSON.stringify(d) : line(d));

    if (flagSet(args, "follow")) {
      await follow(ring, (record) => print(decode(record)));
      return EXIT_OK;
    }
    let records: Uint8Array[];
    try {
      records = readRing(ring);
    } catch (e) {
      if (e instanceof RingReadError) throw new CliError(e.message, EXIT_USAGE);
      throw e;
    }
    const digests = records.map(decode);
    if (json) say(io, JSON.stringify({ dev, program: state.file, digests }, null, 2));
    else if (digests.length === 0) sayErr(io, `no digests from ${state.file} on ${dev} since the last read`);
    else for (const d of digests) print(d);
    return EXIT_OK;
  },
};
