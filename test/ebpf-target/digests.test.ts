// Digests through the program's ring buffer: one packet's digests to different
// declarations come back in the order they were sent (the former QUEUE map per
// declaration grouped them), in the emulator and in the kernel (read by
// ringbuf-read.py); a full ring refuses records as the kernel's does; the VM
// verifier checks the helper's memory argument in generated code.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type * as ir from "../../compiler/ir.js";
import type { Dataplane } from "../../runtime/dataplane.js";
import { DIGEST_RING_BYTES } from "../../targets/ebpf/codegen/layout.js";
import { MapType } from "../../targets/ebpf/elf/object.js";
import { createEbpfDataplane, generateEbpf } from "../../targets/ebpf/index.js";
import { ringReaderAvailability } from "../../targets/ebpf/kernel/ringbuf.js";
import { KernelBackend } from "../../targets/ebpf/kernel/runner.js";
import { IDENTITY_INTERFACES, mapInterfaces } from "../../targets/ebpf/xdp/dataplane.js";
import { Errno, RingBufMap } from "../../targets/ebpf/xdp/maps.js";
import { writeElf } from "../../targets/ebpf/elf/writer.js";
import { createInterpreter } from "../../targets/interp/index.js";
import { Helper } from "../../targets/ebpf/codegen/helpers.js";
import { verifyXdp } from "../../targets/ebpf/xdp/backend.js";
import { XdpEnvironment } from "../../targets/ebpf/xdp/env.js";
import { Cls } from "../../targets/ebpf/vm/isa.js";
import type { VerifyResult } from "../../targets/ebpf/vm/verifier.js";
import { compileFile, KERNEL_UNAVAILABLE, skippedNote } from "./harness.js";

/** first(t), second(src, 7), first(t + 1): three digests, two declarations, interleaved. */
const INTERLEAVED = `
header e_t { dst: bit<48>; src: bit<48>; t: bit<16>; }
headers { eth: e_t; }
digest first { a: bit<16>; }
digest second { b: bit<48>; c: bit<8>; }
parser { state start { extract(eth); transition accept; } }
control ingress {
    first.send({eth.t});
    second.send({eth.src, 7});
    first.send({eth.t + 1});
    drop();
}
deparser { emit(eth); }
`;

function program(): ir.Program {
  const { program, diagnostics } = compile(INTERLEAVED, { file: "interleaved.pnet" });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return program!;
}

const FRAME = new Uint8Array([1, 2, 3, 4, 5, 6, 0x02, 0, 0, 0, 0, 0x0a, 0x12, 0x34, ...new Array(46).fill(0)]);
const EXPECTED = [
  { digest: "first", fields: { a: 0x1234n } },
  { digest: "second", fields: { b: 0x02000000000an, c: 7n } },
  { digest: "first", fields: { a: 0x1235n } },
];

async function digestsOf(dp: Dataplane): Promise<unknown> {
  try {
    return dp.process([{ port: 1, data: FRAME }]).map((r) => r.digests);
  } finally {
    await dp.close();
  }
}

const kernelWhy = KERNEL_UNAVAILABLE ?? ringReaderAvailability();

describe("digests of one packet keep the order they were sent in", () => {
  it("the interpreter (the reference)", async () => {
    expect(await digestsOf(createInterpreter(program()))).toEqual([EXPECTED]);
  });
  it("the emulator", async () => {
    expect(await digestsOf(await createEbpfDataplane(program()))).toEqual([EXPECTED]);
  });
  it.skipIf(kernelWhy !== undefined)(`the kernel, read from the pinned ring buffer${skippedNote(kernelWhy)}`, async () => {
    expect(await digestsOf(await createEbpfDataplane(program(), { mode: "kernel" }))).toEqual([EXPECTED]);
  });
});

describe("a full ring buffer", () => {
  // Each record: 8-byte header + 8-byte index + 8 (a) → 24 bytes; the kernel lets the producer get
  // at most size − 1 bytes ahead of the consumer, so 262143 / 24 = 10922 records fit.
  const FIT = 10922;

  it("RINGBUF in the emulator: records take header + data rounded to 8 bytes; one that does not fit is refused with -EAGAIN", () => {
    const ring = new RingBufMap({ name: "digests", type: MapType.RINGBUF, keySize: 0, valueSize: 0, maxEntries: DIGEST_RING_BYTES, flags: 0 });
    const record = new Uint8Array(16);
    for (let i = 0; i < FIT; i++) expect(ring.output(record)).toBe(0);
    expect(ring.output(record)).toBe(-Errno.EAGAIN);
    expect(ring.drain()).toHaveLength(FIT);
    expect(ring.output(new Uint8Array([9]))).toBe(0); // room again once read; 1 byte still takes 16
    expect(ring.drain()).toEqual([new Uint8Array([9])]);
  });

  it.skipIf(kernelWhy !== undefined)(`the kernel keeps as many records as the emulator and loses the rest${skippedNote(kernelWhy)}`, async () => {
    const { program: p } = compile(INTERLEAVED.replace(/second\.send[^;]*;\n\s*first\.send[^;]*;/, ""), { file: "one.pnet" });
    const backend = await KernelBackend.load(writeElf(generateEbpf(p!).generated!.object));
    try {
      mapInterfaces(backend, IDENTITY_INTERFACES); // the test run's ingress (lo) is port 1
      backend.runRepeated({ data: FRAME }, FIT + 100); // one test run, the program run FIT + 100 times
      const records = backend.drain("digests");
      expect(records).toHaveLength(FIT);
      expect(records[0]).toEqual(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0x34, 0x12, 0, 0, 0, 0, 0, 0]));
      expect(backend.drain("digests")).toEqual([]);
    } finally {
      await backend.close();
    }
  });
});

describe("the VM verifier checks bpf_ringbuf_output's arguments in generated code", () => {
  /** l2switch's object with the record size of its digest call (mov r3, N before call 130) replaced. */
  const withSize = (size: number): VerifyResult => {
    const object = generateEbpf(compileFile("examples/l2switch/l2switch.pnet")).generated!.object;
    const insns = [...object.insns];
    const call = insns.findIndex((i) => i.opcode === (Cls.JMP | 0x80) && i.imm === Helper.ringbuf_output);
    const mov = call - 2;
    expect(insns[mov]).toMatchObject({ dst: 3, imm: 8 + 16 }); // index word, mac and port words
    insns[mov] = { ...insns[mov]!, imm: size };
    const elf = writeElf({ ...object, insns });
    return verifyXdp(new XdpEnvironment(elf), elf);
  };
  it("accepts the generated record", () => {
    expect(withSize(24).ok).toBe(true);
  });
  it.each([
    [32, /read of uninitialised stack at fp-296$/], // the record ends at fp-296
    [400, /stack read of 400 byte\(s\) at fp-320 is outside the 512-byte frame$/],
  ])("refuses a record of %i bytes", (size, why) => {
    const r = withSize(size);
    if (r.ok) expect.fail("accepted");
    expect(r.error.reason).toMatch(/^ringbuf_output \(helper 130\): r2 must point to r3 readable bytes: /);
    expect(r.error.reason).toMatch(why);
  });
});
