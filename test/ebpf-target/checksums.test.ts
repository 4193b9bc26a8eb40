// checksum16 and csum16_update in the eBPF target against the interpreter:
// inputs of every awkward width (1 bit, unaligned, 48, 64, 96 and 128 bits),
// all-zero and all-ones inputs (the sum's 0 / 0xffff edge), over modified
// fields, in the emulator; the clean sums the parser takes for them
// (clean-sums.ts): which words, and a header checksummed while invalid,
// made invalid, or made valid again, in the emulator and the kernel.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { fromHex } from "../../runtime/craft.js";
import { cleanSums } from "../../targets/ebpf/codegen/clean-sums.js";
import { createEbpfDataplane } from "../../targets/ebpf/index.js";
import { createInterpreter } from "../../targets/interp/index.js";
import { compileFile, expectAgreesWithInterpreter, KERNEL_UNAVAILABLE, kernelAvailable } from "./harness.js";

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

describe("clean sums: the parser's sum of a checksummed header's unwritten words", () => {
  it("router: ip's words 0-3 and 6-9 (ttl, protocol and the checksum share words 4 and 5, and router writes ttl and checksum)", () => {
    const sums = cleanSums(compileFile("examples/router/router.pnet"));
    expect([...sums.keys()]).toEqual(["ip"]);
    expect(sums.get("ip")!.words).toEqual([0, 1, 2, 3, 6, 7, 8, 9]);
    expect([...sums.get("ip")!.fields].sort()).toEqual(["dscp", "dst", "ecn", "flags", "frag_offset", "identification", "ihl", "src", "total_len", "version"]);
  });

  it("a field straddling a written word makes the other word dirty too", () => {
    const { program } = compile(`
header h_t { a: bit<8>; b: bit<16>; c: bit<8>; d: bit<64>; e: bit<64>; }
headers { h: h_t; }
parser { state start { extract(h); transition accept; } }
control ingress { h.a = 1; h.e = (checksum16({h}) as bit<64>); forward(1); }
deparser { emit(h); }
`, { file: "t.pnet" });
    // a (written) is in word 0; b straddles words 0 and 1, so word 1 is dirty; e is written
    expect(cleanSums(program!).get("h")!.words).toEqual([2, 3, 4, 5]);
  });

  // b is checksummed where it may be invalid, after setInvalid and after setValid on an invalid header
  const EDGES = `
header h_t { x: bit<8>; y: bit<8>; z: bit<16>; w: bit<32>; c: bit<16>; pad: bit<16>; }
headers { a: h_t; b: h_t; }
parser { state start { extract(a); transition select (a.x) { 1: parse_b; default: accept; } } state parse_b { extract(b); transition accept; } }
control ingress {
  a.c = checksum16({b});
  if (a.y == 1) { b.setInvalid(); }
  if (a.y == 2) { b.setInvalid(); b.setValid(); }
  if (a.y == 3) { b.setValid(); }
  b.c = checksum16({b});
  a.pad = checksum16({b});
  forward(1);
}
deparser { emit(a); emit(b); }
`;
  // b read only by the checksum, where it may be invalid (nothing else zeroes it for every packet)
  const MAYBE_INVALID = `
header h_t { x: bit<8>; y: bit<8>; z: bit<16>; w: bit<32>; c: bit<16>; pad: bit<16>; }
headers { a: h_t; b: h_t; }
parser { state start { extract(a); transition select (a.x) { 1: parse_b; default: accept; } } state parse_b { extract(b); transition accept; } }
control ingress { a.c = checksum16({b}); forward(1); }
deparser { emit(a); emit(b); }
`;
  const packets = [1, 2].flatMap((x) => [0, 1, 2, 3].map((y) => `${x.toString(16).padStart(2, "0")}0${y}a1b2c3d4e5f60000aaaa` + (x === 1 ? "0102fedcba9876540000ffff" : "") + "00112233445566778899aabbccdd"));
  const modes = [["emulator", true], ["kernel", kernelAvailable]] as const;
  for (const [mode, available] of modes) {
    it.skipIf(!available)(`${mode}${available ? "" : ` (skipped: ${KERNEL_UNAVAILABLE})`}: agree with the interpreter on a header that is invalid, made invalid or made valid again`, async () => {
      for (const [source, words] of [[EDGES, [0, 1, 2, 3, 5]], [MAYBE_INVALID, [0, 1, 2, 3, 4, 5]]] as const) {
        const { program } = compile(source, { file: "t.pnet" });
        expect(cleanSums(program!).get("b")!.words).toEqual(words);
        await expectAgreesWithInterpreter(program!, mode, packets);
      }
    });
  }
});
