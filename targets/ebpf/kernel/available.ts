// Can the real kernel be used here? Linux, root, bpftool, a BPF filesystem,
// and a kernel that accepts a trivial XDP object from pnet's ELF writer.
// Tests that need the kernel skip, naming the reason returned here.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeElf } from "../elf/writer.js";
import { Alu, Cls, aluImm, exit } from "../vm/isa.js";
import { BPFFS, bpftool, ensureBpffs } from "./bpftool.js";

let cached: { reason: string | undefined } | undefined;

/** Undefined when the kernel path works; otherwise the reason it does not. */
export function kernelAvailability(): string | undefined {
  cached ??= { reason: probe() };
  return cached.reason;
}

function probe(): string | undefined {
  if (process.platform !== "linux") return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return "not running as root";
  try {
    execFileSync("bpftool", ["version"], { stdio: "ignore" });
  } catch {
    return "bpftool is not installed";
  }
  try {
    ensureBpffs();
  } catch (e) {
    return `no BPF filesystem at ${BPFFS} and mounting one failed (${(e as Error).message})`;
  }
  const dir = mkdtempSync(join(tmpdir(), "pnet-probe-"));
  const pin = `${BPFFS}/pnet_probe_${process.pid}`;
  try {
    const obj = join(dir, "probe.o");
    writeFileSync(obj, writeElf({ name: "probe", section: "xdp", insns: [aluImm(Cls.ALU64, Alu.MOV, 0, 2), exit()], relocs: [], maps: [], license: "GPL" }));
    bpftool(["prog", "load", obj, pin, "type", "xdp"]);
    return undefined;
  } catch (e) {
    return `the kernel refused a trivial XDP program (${(e as Error).message.split("\n")[0]})`;
  } finally {
    rmSync(pin, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
