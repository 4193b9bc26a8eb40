// The e2e test's network: three namespaces, h1 ↔ r ↔ h2 over two veth pairs,
// 10.199.1.0/24 on the h1 side and 10.199.2.0/24 on the h2 side, fixed MACs,
// the hosts routing through r. Only addresses inside these namespaces are ever
// used. Every command is bounded in time; teardown removes everything.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export const NS = { h1: "pnet-h1", r: "pnet-r", h2: "pnet-h2" } as const;
export const ADDR = { h1: "10.199.1.2", r1: "10.199.1.1", r2: "10.199.2.1", h2: "10.199.2.2" } as const;
export const MAC = { h1: "02:00:00:00:01:02", r1: "02:00:00:00:01:01", r2: "02:00:00:00:02:01", h2: "02:00:00:00:02:02" } as const;
export const DEV = { h1: "h1-r", r1: "r-h1", r2: "r-h2", h2: "h2-r" } as const;

const TIMEOUT_MS = 15_000;

export function run(cmd: string, args: readonly string[], timeout = TIMEOUT_MS): string {
  return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout });
}

/** A command inside a namespace (not for pnet itself: `ip netns exec` gives it a private /sys without /sys/fs/bpf). */
export const inNs = (ns: string, cmd: string, args: readonly string[], timeout = TIMEOUT_MS): string => run("ip", ["netns", "exec", ns, cmd, ...args], timeout);

export function has(tool: string, args: readonly string[] = ["--version"]): boolean {
  try {
    run(tool, args);
    return true;
  } catch {
    return false;
  }
}

export function teardown(): void {
  for (const ns of Object.values(NS)) {
    if (existsSync(`/run/netns/${ns}`)) run("ip", ["netns", "delete", ns]);
  }
}

export function setup(): void {
  teardown();
  for (const ns of Object.values(NS)) run("ip", ["netns", "add", ns]);
  run("ip", ["-n", NS.h1, "link", "add", DEV.h1, "address", MAC.h1, "type", "veth", "peer", "name", DEV.r1, "address", MAC.r1, "netns", NS.r]);
  run("ip", ["-n", NS.h2, "link", "add", DEV.h2, "address", MAC.h2, "type", "veth", "peer", "name", DEV.r2, "address", MAC.r2, "netns", NS.r]);
  const up = (ns: string, dev: string, cidr?: string): void => {
    if (cidr) run("ip", ["-n", ns, "addr", "add", cidr, "dev", dev]);
    run("ip", ["-n", ns, "link", "set", "dev", dev, "up"]);
  };
  for (const ns of Object.values(NS)) up(ns, "lo");
  up(NS.h1, DEV.h1, `${ADDR.h1}/24`);
  up(NS.h2, DEV.h2, `${ADDR.h2}/24`);
  up(NS.r, DEV.r1, `${ADDR.r1}/24`);
  up(NS.r, DEV.r2, `${ADDR.r2}/24`);
  run("ip", ["-n", NS.h1, "route", "add", "default", "via", ADDR.r1]);
  run("ip", ["-n", NS.h2, "route", "add", "default", "via", ADDR.r2]);
}

export function ifindex(ns: string, dev: string): number {
  return (JSON.parse(run("ip", ["-n", ns, "-j", "link", "show", "dev", dev])) as { ifindex: number }[])[0]!.ifindex;
}
