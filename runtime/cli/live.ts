// Shared by `pnet load`, `pnet entries`, `pnet digests` and `pnet unload`: the check that the
// machine can attach programs to interfaces (root, bpftool, ip, /sys/fs/bpf),
// and turning the attach layer's errors into one-line CLI errors.

import { AttachError, liveAvailability } from "../../targets/ebpf/attach/system.js";
import { CliError, EXIT_USAGE } from "./io.js";

/** Ends the command with exit code 2 and one line when the machine cannot do it. */
export function requireLive(command: string): void {
  const why = liveAvailability();
  if (why) throw new CliError(`pnet ${command} needs root and bpftool: ${why}`, EXIT_USAGE);
}

/** Runs `body`; an AttachError becomes a CliError (exit 2), its lines prefixed by `pnet:`. */
export function reportingAttachErrors<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof AttachError) throw new CliError(e.message, EXIT_USAGE);
    throw e;
  }
}
