// Benchmarks of the eBPF target (not part of the test suite), per example:
// instructions in the object, instructions the kernel verifier processed to
// accept it, VM instructions executed per packet, and ns per packet in pnet's
// emulator (the whole Dataplane.process path) and in the kernel
// (BPF_PROG_TEST_RUN, `bpftool prog run … repeat N`, JIT on). The traffic is
// each example's .stf packets with its entries installed, so tables hit.
// Run: npm run build && node dist/bench/ebpf.js   (root + bpftool for the kernel columns).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile } from "../compiler/compile.js";
import type { PacketIn } from "../runtime/dataplane.js";
import { parseStf } from "../runtime/stf/parse.js";
import { applyEntriesFile } from "../runtime/stf/run.js";
import { compileEbpf, createEbpfDataplane, generateEbpf } from "../targets/ebpf/index.js";
import { META } from "../targets/ebpf/codegen/layout.js";
import { kernelAvailability } from "../targets/ebpf/kernel/available.js";
import { KernelBackend, MIN_TEST_RUN_BYTES } from "../targets/ebpf/kernel/runner.js";
import { XdpEnvironment } from "../targets/ebpf/xdp/env.js";
import { examples, printTable, repoRoot } from "./util.js";

const KERNEL_REPEAT = 200_000;

function metaFor(p: PacketIn): Uint8Array {
  const meta = new Uint8Array(META.BYTES);
  const v = new DataView(meta.buffer);
  v.setUint32(META.MAGIC_AT, META.MAGIC, true);
  v.setUint32(META.PORT, p.port, true);
  v.setBigUint64(META.TIME, p.timestampNs ?? 0n, true);
  return meta;
}

export async function main(): Promise<void> {
  const kernelWhy = kernelAvailability();
  const rows: string[][] = [["example", "insns", "maps", "verifier processed", "VM insns/packet", "emulator ns/packet", "kernel ns/packet"]];
  for (const e of examples()) {
    const program = compile(e.source, { file: e.file }).program!;
    const { generated } = generateEbpf(program);
    const elf = compileEbpf(program).object;
    const dir = join(repoRoot(), "examples", e.name);
    const commands = parseStf(readFileSync(join(dir, `${e.name}.stf`), "utf8")).commands;
    const entries = parseStf(readFileSync(join(dir, "entries.stf"), "utf8")).commands;
    const packets: PacketIn[] = commands.flatMap((c) => (c.kind === "packet" ? [{ port: c.port, data: c.data }] : []));

    const dp = await createEbpfDataplane(program);
    applyEntriesFile(dp, entries);
    const rounds = Math.max(1, Math.ceil(3000 / packets.length));
    dp.process(packets); // warm up
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) dp.process(packets);
    const emulatorNs = Number(process.hrtime.bigint() - t0) / (rounds * packets.length);
    await dp.close();

    // VM steps per packet, on a bare environment (tables empty: the same code paths the parser and defaults take)
    const env = new XdpEnvironment(elf);
    const steps = packets.reduce((n, p) => n + env.run({ data: p.data, meta: metaFor(p), ingressIfindex: p.port }).steps, 0) / packets.length;

    let processed = "-";
    let kernelNs = kernelWhy ? "-" : "";
    if (!kernelWhy) {
      processed = String(KernelBackend.verifierProcessed(elf));
      const kernel = await createEbpfDataplane(program, { mode: "kernel" });
      applyEntriesFile(kernel, entries);
      await kernel.close();
      const backend = await KernelBackend.load(elf);
      const runnable = packets.filter((p) => p.data.length >= MIN_TEST_RUN_BYTES);
      const total = runnable.reduce((n, p) => n + backend.runRepeated({ data: p.data, meta: metaFor(p) }, KERNEL_REPEAT).ns, 0);
      kernelNs = (total / runnable.length).toFixed(0);
      await backend.close();
    }
    rows.push([e.name, String(generated!.object.insns.length), String(generated!.object.maps.length), processed, steps.toFixed(0), emulatorNs.toFixed(0), kernelNs]);
  }
  printTable(`eBPF target, per example (.stf packets; kernel: bpftool prog run repeat ${KERNEL_REPEAT})${kernelWhy ? ` — kernel columns empty: ${kernelWhy}` : ""}`, rows);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
