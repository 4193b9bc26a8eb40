// checksum16 and csum16_update in the eBPF target against the interpreter:
// inputs of every awkward width (1 bit, unaligned, 48, 64, 96 and 128 bits),
// all-zero and all-ones inputs (the sum's 0 / 0xffff edge), over modified
// fields, in the emulator.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { fromHex } from "../../runtime/craft.js";
import { createEbpfDataplane } from "../../targets/ebpf/index.js";
import { createInterpreter } from "../../targets/interp/index.js";

const SOURCE = `
header h_t { a: bit<1>; b: bit<13>; c: bit<2>; d: bit<48>; e: bit<64>; f: bit<96>; g: bit<128>; s: bit<16>; t: bit<16>; u: bit<16>; }
headers { h: h_t; }
parser { state start { extract(h); transition accept; } }
control ingress {
  h.s = checksum16({h});
  h.t = checksum16({h.b, h.a, h.c, h.e, h.d[15:0], h.g, h.f, h.d[47:16]});
  h.u = csum16_update(h.s, h.e, h.g[63:0]);
  forward(1);
}
deparser { emit(h); }
`;

describe("checksums in the eBPF target", () => {
  it("agree with the interpreter on random, all-zero and all-ones headers", async () => {
    const { program, diagnostics } = compile(SOURCE, { file: "t.pnet" });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const interp = createInterpreter(program!);
    const ebpf = await createEbpfDataplane(program!);
    const bytes = 2 + 6 + 8 + 12 + 16 + 6; // 50
    let seed = 7;
    const random = (): string =>
      Array.from({ length: bytes }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff)
        .map((b) => b.toString(16).padStart(2, "0"))
        .join("");
    const samples = ["00".repeat(bytes), "ff".repeat(bytes), "ff".repeat(bytes - 6) + "000000000000", ...Array.from({ length: 20 }, random)];
    try {
      for (const hex of samples) {
        const packet = { port: 0, data: fromHex(hex + "c0ffee") };
        expect(ebpf.process([packet]), hex).toEqual(interp.process([packet]));
      }
    } finally {
      await ebpf.close();
    }
  });
});
