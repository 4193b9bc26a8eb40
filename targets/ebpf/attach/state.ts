// Where a program loaded onto an interface lives, and what is remembered about
// it so that later commands (`pnet entries`, `pnet unload`) can operate it
// without the source at hand:
//
//   /sys/fs/bpf/pnet/<dev>/prog      the pinned XDP program
//   /sys/fs/bpf/pnet/<dev>/maps/*    its maps (bpftool prog load … pinmaps)
//   /run/pnet/<dev>.json             LiveState below (bpffs holds no regular files)
//
// The state keeps the program's source (recompiled in milliseconds; its
// SHA-256 is checked against the one recorded at load) and the log of every
// control-plane command applied so far. Replaying that log rebuilds the
// control plane's bookkeeping (entry ids, counter slots) exactly, without
// writing the maps again; see live.ts.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BPFFS } from "../kernel/bpftool.js";
import { AttachError, type XdpMode } from "./system.js";

export const STATE_VERSION = 1;
export const PIN_ROOT = `${BPFFS}/pnet`;
export const STATE_ROOT = "/run/pnet";

export interface LivePort {
  readonly port: number;
  readonly dev: string;
  readonly ifindex: number;
}

export interface LiveState {
  readonly version: number;
  readonly dev: string;
  readonly ifindex: number;
  /** The network namespace the interface belongs to (netnsId()). */
  readonly netns: string;
  /** The mode asked for and the one the kernel chose ("native" / "generic"). */
  readonly mode: XdpMode;
  readonly attachedMode: string;
  readonly progId: number;
  readonly file: string;
  readonly source: string;
  readonly sha256: string;
  /** SHA-256 of the ELF object loaded: a later pnet must generate the same one to write its maps. */
  readonly objectSha256: string;
  readonly ports: readonly LivePort[];
  /** Control-plane commands applied, in order, as .stf lines. */
  readonly log: readonly string[];
  readonly loadedAt: string;
}

export interface LivePaths {
  readonly dir: string;
  readonly prog: string;
  readonly maps: string;
  readonly state: string;
}

/** Interface names are at most 15 characters of anything but '/', NUL and white space. */
export function checkDevName(dev: string): void {
  if (!/^[^/\s\0]{1,15}$/.test(dev) || dev === "." || dev === "..") throw new AttachError(`"${dev}" is not an interface name`);
}

export function livePaths(dev: string): LivePaths {
  checkDevName(dev);
  const dir = join(PIN_ROOT, dev);
  return { dir, prog: join(dir, "prog"), maps: join(dir, "maps"), state: join(STATE_ROOT, `${dev}.json`) };
}

export const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

export function readState(dev: string): LiveState | undefined {
  const { state } = livePaths(dev);
  if (!existsSync(state)) return undefined;
  const parsed = JSON.parse(readFileSync(state, "utf8")) as LiveState;
  if (parsed.version !== STATE_VERSION) throw new AttachError(`${state} was written by another version of pnet (state version ${parsed.version}); pnet unload --dev ${dev} and load again`);
  if (sha256(parsed.source) !== parsed.sha256) throw new AttachError(`${state} is damaged: its program does not match its hash; pnet unload --dev ${dev} and load again`);
  return parsed;
}

/** Written to a temporary file and renamed, so a crash never leaves half a state. */
export function writeState(s: LiveState): void {
  const { state } = livePaths(s.dev);
  mkdirSync(STATE_ROOT, { recursive: true, mode: 0o700 });
  writeFileSync(`${state}.tmp`, JSON.stringify(s, null, 2) + "\n", { mode: 0o600 });
  renameSync(`${state}.tmp`, state);
}

export function removeState(dev: string): void {
  const { state } = livePaths(dev);
  rmSync(state, { force: true });
  rmSync(`${state}.tmp`, { force: true });
  try {
    rmdirSync(STATE_ROOT); // only when empty
  } catch {
    /* other interfaces still loaded */
  }
}
