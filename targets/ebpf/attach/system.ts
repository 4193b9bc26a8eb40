// What loading a program onto a real interface needs from the machine: root,
// bpftool, ip (iproute2) and the host's BPF filesystem at /sys/fs/bpf; the
// interfaces' ifindexes; and attaching / detaching a pinned XDP program with
// `ip link set dev D xdp… pinned P`. Every failure is an AttachError with one
// line for people.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readlinkSync } from "node:fs";
import { BPFFS } from "../kernel/bpftool.js";

/** A problem with the machine or the user's request, told in one line. */
export class AttachError extends Error {
  override name = "AttachError";
}

/** How the XDP program is attached: `auto` lets the kernel pick (native where the driver has it). */
export type XdpMode = "auto" | "native" | "generic";
export const XDP_MODES: readonly XdpMode[] = ["auto", "native", "generic"];
const IP_KEYWORD: Record<XdpMode, string> = { auto: "xdp", native: "xdpdrv", generic: "xdpgeneric" };

function has(tool: string, args: string[]): boolean {
  try {
    execFileSync(tool, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Undefined when programs can be loaded onto interfaces here; otherwise why not.
 * The BPF filesystem must already be mounted: one mounted now (for instance in
 * the private /sys of `ip netns exec`) would vanish with this process, and the pins with it.
 */
export function liveAvailability(): string | undefined {
  if (process.platform !== "linux") return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return "not running as root";
  if (!has("bpftool", ["version"])) return "bpftool is not installed";
  if (!has("ip", ["-V"])) return "ip (iproute2) is not installed";
  const mounts = existsSync("/proc/self/mounts") ? readFileSync("/proc/self/mounts", "utf8") : "";
  if (!mounts.split("\n").some((l) => l.split(" ")[1] === BPFFS && l.split(" ")[2] === "bpf")) {
    return `no BPF filesystem at ${BPFFS} (under \`ip netns exec\` /sys is private: use \`nsenter --net=/run/netns/NAME pnet …\`, or \`mount -t bpf bpf ${BPFFS}\`)`;
  }
  return undefined;
}

/** Runs ip; its complaint becomes an AttachError. */
export function ip(args: readonly string[]): string {
  try {
    return execFileSync("ip", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new AttachError(`ip ${args.join(" ")}: ${(err.stderr || err.message).trim().split("\n")[0]}`);
  }
}

interface IpLink {
  readonly ifindex: number;
  readonly ifname: string;
  readonly xdp?: { readonly mode: number; readonly prog?: { readonly id: number } };
}

function link(dev: string): IpLink {
  let text: string;
  try {
    text = execFileSync("ip", ["-j", "-d", "link", "show", "dev", dev], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    throw new AttachError(`no interface named "${dev}" in this network namespace`);
  }
  const links = JSON.parse(text) as IpLink[];
  if (links.length !== 1) throw new AttachError(`no interface named "${dev}" in this network namespace`);
  return links[0]!;
}

export function ifindexOf(dev: string): number {
  return link(dev).ifindex;
}

/** The id of the XDP program attached to `dev`, if any (and if the interface still exists). */
export function attachedProgId(dev: string): number | undefined {
  try {
    return link(dev).xdp?.prog?.id;
  } catch {
    return undefined;
  }
}

/** The mode the kernel chose, as `ip` reports it (XDP_ATTACHED_DRV = 1, SKB = 2, HW = 3). */
export function attachedMode(dev: string): string {
  const mode = link(dev).xdp?.mode;
  return mode === 1 ? "native" : mode === 2 ? "generic" : mode === 3 ? "offload" : "none";
}

export function attachXdp(dev: string, pin: string, mode: XdpMode): void {
  ip(["link", "set", "dev", dev, IP_KEYWORD[mode], "pinned", pin]);
}

/** Detaches whatever XDP program `dev` has in `mode`; a missing interface is not an error. */
export function detachXdp(dev: string, mode: XdpMode): void {
  if (attachedProgId(dev) === undefined) return;
  ip(["link", "set", "dev", dev, IP_KEYWORD[mode], "off"]);
}

/** This process's network namespace ("net:[4026531840]"): interface names are only unique inside one. */
export function netnsId(): string {
  return readlinkSync("/proc/self/ns/net");
}
