// `pnet demo` (what `npm start` runs): compiles the example router, installs its
// entries, runs its sample capture and tells what happened to the traffic —
// counts per port, drops, packets to the host, and a few packets followed from
// arrival to verdict. When the router's sample capture is missing it uses the
// first example that has one, and failing that the packets of an example's
// .stf test, so that `npm start` works from a fresh checkout.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { PacketIn, PacketResult } from "../dataplane.js";
import type { PcapRecord } from "../pcap.js";
import type { Command } from "./command.js";
import { CliError, EXIT_OK, say } from "./io.js";
import { applyEntries, compileOrFail, describeProgram, loadOn, readCapture, readStf } from "./program.js";
import { replay } from "./replay.js";
import { describeChanges, summarisePacket } from "./summarise.js";
import { TrafficStats } from "./traffic.js";

const EXAMPLES_SHOWN = 8;

export interface DemoFiles {
  readonly program: string;
  readonly entries?: string;
  /** The traffic: a capture, or else the packets of a .stf test. */
  readonly capture?: string;
  readonly testPackets?: string;
}

export const demoCommand: Command = {
  spec: { name: "demo", positionals: [], flags: {} },
  summary: "compile the example router and run its sample capture (what `npm start` does)",
  help: `Usage: pnet demo

Compiles examples/router/router.pnet, installs examples/router/entries.stf,
runs examples/router/sample.pcap through it on the reference interpreter and
prints what happened to the traffic, with a few packets followed through.`,

  async run(_args, io) {
    const root = packageRoot();
    const files = findDemo(root);
    const show = (path: string): string => relative(process.cwd(), path) || path;
    say(io, `pnet demo — ${show(files.program)}`);
    const program = compileOrFail(files.program, io);
    say(io, `  compiled: ${describeProgram(program)}`);
    const dp = await loadOn(program, "interp");
    const stats = new TrafficStats();
    const examples = new Map<string, { index: number; input: PacketIn; result: PacketResult }>();
    try {
      if (files.entries) say(io, `  installed ${applyEntries(dp, files.entries)} table commands from ${show(files.entries)}`);
      const records = files.capture ? readCapture(files.capture).records : packetsOf(files.testPackets!);
      replay(dp, records, stats, {
        onResult: (input, result, index) => {
          const key = outcome(result);
          if (!examples.has(key) && examples.size < EXAMPLES_SHOWN) examples.set(key, { index, input, result });
        },
      });
    } finally {
      await dp.close();
    }
    const traffic = files.capture ? show(files.capture) : `the packets of ${show(files.testPackets!)} (no sample capture yet)`;
    say(io, `  ran ${traffic} on the interpreter: ${stats.rate()}`);
    say(io);
    say(io, "What happened to the traffic:");
    for (const line of stats.render()) say(io, line);
    say(io);
    say(io, "A few packets, one for each thing that happened:");
    for (const [key, { index, input, result }] of examples) {
      say(io, `  #${index + 1} in on port ${input.port}: ${summarisePacket(input.data)}`);
      say(io, `      → ${key}${changes(input, result)}`);
    }
    return EXIT_OK;
  },
};

/** What happened to a packet, in words; packets with the same words are examples of the same thing. */
function outcome(r: PacketResult): string {
  const parser = r.parserError !== "NoError" ? ` (parser error ${r.parserError})` : "";
  switch (r.verdict) {
    case "drop": return `dropped${parser}`;
    case "to_host": return `handed to the host${parser}`;
    case "multicast": return `copied to port${r.outputs.length === 1 ? "" : "s"} ${r.outputs.map((o) => o.port).join(", ") || "(none)"}`;
    case "bounce": return `sent back out of port ${r.outputs[0]?.port ?? "?"}`;
    case "forward": return `out of port ${r.outputs[0]?.port ?? "?"}`;
  }
}

function changes(input: PacketIn, r: PacketResult): string {
  const out = r.outputs[0]?.data ?? r.toHost[0];
  return out ? `: ${describeChanges(input.data, out)}` : "";
}

/** The directory holding pnet's package.json, from wherever this file was loaded (dist/ or sources). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "pnet") return dir;
    const up = dirname(dir);
    if (up === dir) throw new CliError("cannot find the pnet package directory (with examples/) above this script");
    dir = up;
  }
}

/**
 * The router example with its sample capture; else the first example with a
 * capture; else, while no capture exists yet, an example's test packets (the
 * router's first).
 */
export function findDemo(root: string): DemoFiles {
  const examples = join(root, "examples");
  const dirs = existsSync(examples)
    ? readdirSync(examples, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const ordered = [...dirs.filter((d) => d === "router"), ...dirs.filter((d) => d !== "router")].map((d) => exampleFiles(join(examples, d)));
  const found = ordered.find((e) => e?.capture) ?? ordered.find((e) => e?.testPackets);
  if (!found) throw new CliError(`no example to run: no directory under ${relative(process.cwd(), examples) || examples} has a .pnet program with a .pcap capture or a .stf test`);
  return found;
}

function exampleFiles(dir: string): DemoFiles | undefined {
  const files = readdirSync(dir).sort();
  const program = files.find((f) => f.endsWith(".pnet"));
  if (!program) return undefined;
  const capture = files.includes("sample.pcap") ? "sample.pcap" : files.find((f) => f.endsWith(".pcap") || f.endsWith(".pcapng"));
  const test = files.find((f) => f.endsWith(".stf") && f !== "entries.stf");
  const entries = files.includes("entries.stf") ? join(dir, "entries.stf") : undefined;
  return {
    program: join(dir, program),
    ...(entries ? { entries } : {}),
    ...(capture ? { capture: join(dir, capture) } : test ? { testPackets: join(dir, test) } : {}),
  };
}

/** The `packet` lines of a .stf test as capture records, each on its port. */
function packetsOf(stfPath: string): PcapRecord[] {
  return readStf(stfPath, "test file").flatMap((c) =>
    c.kind === "packet" ? [{ timestampNs: 0n, data: c.data, originalLength: c.data.length, interface: c.port }] : [],
  );
}
