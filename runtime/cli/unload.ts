// `pnet unload --dev IFACE`: detach the program `pnet load` attached to IFACE
// and remove its pins and its state file. It also cleans up what a crashed
// load left behind.

import { flagValue, UsageError } from "./args.js";
import type { Command } from "./command.js";
import { EXIT_OK, say } from "./io.js";
import { reportingAttachErrors, requireLive } from "./live.js";

export const unloadCommand: Command = {
  spec: { name: "unload", positionals: [], flags: { dev: { value: true } } },
  summary: "detach a loaded program from an interface and remove its pinned maps",
  help: `Usage: pnet unload --dev IFACE

Detaches the XDP program \`pnet load\` attached to IFACE, removes its pins
(/sys/fs/bpf/pnet/IFACE/) and its state (/run/pnet/IFACE.json). Whatever is
already gone is skipped, so it also cleans up after an interrupted load.

Exit status: 0 done, 2 nothing loaded on IFACE, bad arguments, or no root or bpftool.`,

  async run(args, io) {
    const dev = flagValue(args, "dev");
    if (dev === undefined) throw new UsageError("missing --dev IFACE for pnet unload; see `pnet unload --help`");
    requireLive("unload");
    const { unloadLive } = await import("../../targets/ebpf/attach/live.js"); // the eBPF tooling only when used
    const { removed } = reportingAttachErrors(() => unloadLive(dev));
    say(io, `unloaded ${dev}: removed ${removed.join(", ")}`);
    return EXIT_OK;
  },
};
