// `pnet load prog.pnet --dev IFACE [--port N=IFACE …] [--entries e.stf]
// [--mode auto|native|generic] [--json]`: compile to eBPF and attach the
// program to a real interface, its maps pinned under /sys/fs/bpf/pnet/IFACE
// (targets/ebpf/attach/; docs/ebpf-live.md).

import { XDP_MODES } from "../../targets/ebpf/attach/system.js";
import { flagChoice, flagSet, flagValue, UsageError } from "./args.js";
import type { Command } from "./command.js";
import { EXIT_OK, readTextFile, say } from "./io.js";
import { reportingAttachErrors, requireLive } from "./live.js";
import { compileOrFail } from "./program.js";

/** `--port 1=eth1,2=eth2` (the flag is given once; pairs separated by commas). */
function parsePorts(text: string | undefined): { port: number; dev: string }[] {
  if (text === undefined) return [];
  const seen = new Set<number>();
  return text.split(",").map((pair) => {
    const m = /^([0-9]+)=(\S+)$/.exec(pair.trim());
    if (!m || Number(m[1]) > 0xffff) throw new UsageError(`--port wants N=IFACE pairs separated by commas, N from 0 to 65535 (1=eth1,2=eth2), not "${pair}"`);
    const port = Number(m[1]);
    if (seen.has(port)) throw new UsageError(`--port gives port ${port} twice`);
    seen.add(port);
    return { port, dev: m[2]! };
  });
}

export const loadCommand: Command = {
  spec: {
    name: "load",
    positionals: ["prog.pnet"],
    flags: { dev: { value: true }, port: { value: true }, entries: { value: true }, mode: { value: true }, json: { value: false } },
  },
  summary: "compile to eBPF and attach to a real interface (Linux, root, bpftool)",
  help: `Usage: pnet load prog.pnet --dev IFACE [--port N=IFACE,…] [--entries e.stf]
                 [--mode auto|native|generic] [--json]

Compiles the program to eBPF, loads it with bpftool (pinned under
/sys/fs/bpf/pnet/IFACE/, its maps in …/maps/), fills the port map, installs
the entries and attaches the program to IFACE as its XDP program. What later
commands need (the program's source, the ports, every control-plane command
applied) is kept in /run/pnet/IFACE.json.

--port numbers the interfaces: IFACE must be one of them, and its number is
the program's std.ingress_port; forward(N) sends out of the interface --port
maps N to (back out of IFACE when N is IFACE's number). A port not mapped
drops the packet.

Options:
  --dev IFACE      the interface to attach to (required)
  --port N=IFACE   pnet port N is interface IFACE; several as 1=eth1,2=eth2 (required: IFACE needs a number)
  --entries FILE   table entries to install before attaching (.stf commands)
  --mode M         auto (default: native where the driver has it), native, generic
  --json           print the state kept as JSON

Run it in the interface's network namespace with the host's /sys/fs/bpf,
e.g. \`nsenter --net=/run/netns/NS pnet load …\` (not \`ip netns exec\`, whose
/sys is private). Change tables with \`pnet entries\`, remove with \`pnet unload\`.

Exit status: 0 loaded, 1 the program has errors, 2 bad arguments, no root or
bpftool, or the kernel refused.`,

  async run(args, io) {
    const path = args.positionals[0]!;
    const dev = flagValue(args, "dev");
    if (dev === undefined) throw new UsageError("missing --dev IFACE for pnet load; see `pnet load --help`");
    const ports = parsePorts(flagValue(args, "port"));
    const mode = flagChoice(args, "mode", XDP_MODES) ?? "auto";
    const entriesPath = flagValue(args, "entries");
    requireLive("load");
    const { loadLive } = await import("../../targets/ebpf/attach/live.js"); // the eBPF tooling only when used
    const source = readTextFile(path, "program");
    const program = compileOrFail(path, io);
    const entries = entriesPath === undefined ? undefined : { file: entriesPath, text: readTextFile(entriesPath, "entries file") };
    const state = reportingAttachErrors(() => loadLive({ file: path, source, program, dev, ports, mode, ...(entries ? { entries } : {}) }));
    if (flagSet(args, "json")) {
      const { source: _source, ...shown } = state;
      say(io, JSON.stringify(shown, null, 2));
    } else {
      const portText = state.ports.map((p) => `${p.port}=${p.dev}(ifindex ${p.ifindex})`).join(", ") || "none";
      say(io, `loaded ${path} on ${dev} (ifindex ${state.ifindex}): XDP program ${state.progId}, ${state.attachedMode} mode; ports ${portText}; ${state.log.length} entries commands applied`);
    }
    return EXIT_OK;
  },
};
