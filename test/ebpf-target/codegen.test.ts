// The code generator on small programs: what it refuses (E085x with the
// feature named), the `--emit asm` listing, and semantics at the edges
// checked against the interpreter (wide values, shifts, slices, hashes).

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { fromHex } from "../../runtime/craft.js";
import { compileEbpf, createEbpfDataplane } from "../../targets/ebpf/index.js";
import { createInterpreter } from "../../targets/interp/index.js";
import { readObject } from "../../targets/ebpf/elf/reader.js";
import { branchTarget, Cls, isLocalCall, Jmp } from "../../targets/ebpf/vm/isa.js";
import { EXAMPLES, compileFile } from "./harness.js";

const program = (body: string, extra = ""): string => `
header h_t { a: bit<8>; b: bit<128>; c: bit<13>; d: bit<3>; e: bit<64>; }
headers { h: h_t; }
metadata { w: bit<128>; x: bit<32>; y: bit<96>; }
${extra}
parser { state start { extract(h); transition accept; } }
control ingress { ${body} forward(1); }
deparser { emit(h); }
`;

function build(source: string) {
  const { program: p, diagnostics } = compile(source, { file: "t.pnet" });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return p!;
}

describe("ebpf code generator", () => {
  it("refuses arithmetic on values wider than 64 bits with E0850, naming the operation", () => {
    const r = compileEbpf(build(program("meta.w = h.b + h.b;")));
    expect(r.diagnostics.map((d) => d.code)).toEqual(["E0850"]);
    expect(r.diagnostics[0]!.message).toMatch(/arithmetic '\+' on a bit<128> value/);
    expect(r.object.length).toBe(0);
  });

  it("prints an assembly listing of the object's instructions", () => {
    const r = compileEbpf(compileFile("examples/l2switch/l2switch.pnet"));
    expect(r.diagnostics).toEqual([]);
    expect(r.asm).toMatch(/^; .*l2switch\.pnet: XDP program 'pnet_xdp' \(section xdp\), \d+ instructions/);
    expect(r.asm).toMatch(/call 1\n/); // map lookups
    expect(r.asm).toMatch(/call 44\n/); // bpf_xdp_adjust_head in the deparser
    expect(r.asm.trimEnd().split("\n").at(-1)).toBe("exit");
  });

  it("agrees with the interpreter on wide copies, slices, concatenation, shifts and hashes", async () => {
    const body = `
      meta.w = h.b ^ (~h.b & 0xffff);
      meta.y = h.b[111:16];
      meta.x = hash(crc32, {h.a, h.c, h.d, h.e}) ^ hash(crc16, {h.b}) ^ hash(xor16, {h.c, h.a}) ^ hash(identity, {h.c, h.d, h.a});
      h.e = (h.e << h.a) | (h.e >> (h.a & 7)) ^ (h.a ++ h.c ++ h.d ++ h.e[39:0]);
      h.c = h.c - (h.a as bit<13>) * 3;
      h.e[15:8] = meta.y[7:0];
      if (meta.w == h.b || meta.y[95:32] != h.e) { h.a = checksum16({h.a, h.a, h.b}) [7:0]; }
      h.b = meta.w;
      h.d = csum16_update(h.e[63:48], h.c ++ h.d, h.e[15:0]) [2:0];`;
    const p = build(program(body));
    const interp = createInterpreter(p);
    const ebpf = await createEbpfDataplane(p);
    const samples = ["00" + "ff".repeat(16) + "0000" + "0123456789abcdef", "3f" + "0123456789abcdef0011223344556677" + "a5a5" + "fedcba9876543210", "07" + "80".repeat(16) + "1fff" + "8000000000000001"];
    for (const hex of samples) {
      const packet = { port: 0, data: fromHex(hex + "deadbeef") };
      expect(ebpf.process([packet])).toEqual(interp.process([packet]));
    }
    await ebpf.close();
  });

  it("leaves no jump to the next instruction, no jump to a ja, and no boolean built only to be tested", () => {
    for (const example of EXAMPLES) {
      const { object, asm } = compileEbpf(compileFile(example.programFile));
      const { insns } = readObject(object);
      insns.forEach((insn, i) => {
        const target = branchTarget(insn, i);
        if (target === undefined || isLocalCall(insn)) return;
        expect(target, `${example.name}: instruction ${i} jumps to the next one`).not.toBe(i + 1);
        expect(insns[target]!.opcode, `${example.name}: instruction ${i} jumps to a ja`).not.toBe(Cls.JMP | Jmp.JA);
      });
      // mov rX, 1; j… L; mov rX, 0; L: jeq rX, 0, … — the shape conditions had before they became branches
      expect(asm).not.toMatch(/mov %r(\d), 1\nj\w+ [^\n]*\nmov %r\1, 0\nL\d+:\njeq %r\1, 0/);
    }
  });

  it("router's deparser keeps ip's and ipv6's output offsets in r8 and r7 across adjust_head (no reload, no bounds check)", () => {
    const { asm } = compileEbpf(compileFile("examples/router/router.pnet"));
    const deparser = asm.slice(asm.indexOf("call 44") - 30);
    expect(deparser).toMatch(/ldxw %r\d, \[%r6\]\nadd %r\d, %r8\n/);
    expect(deparser).toMatch(/ldxw %r\d, \[%r6\]\nadd %r\d, %r7\n/);
    expect(deparser).not.toMatch(/16383/);
  });

  const samples = ["00" + "ff".repeat(16) + "0000" + "0123456789abcdef", "05" + "01".repeat(16) + "0002" + "8000000000000001", "02" + "00".repeat(16) + "0011" + "00000000000000ff"];
  async function agrees(source: string): Promise<void> {
    const p = build(source);
    const interp = createInterpreter(p);
    const ebpf = await createEbpfDataplane(p);
    for (const hex of samples) {
      const packet = { port: 0, data: fromHex(hex + "deadbeef") };
      expect(ebpf.process([packet])).toEqual(interp.process([packet]));
    }
    await ebpf.close();
  }

  it("agrees with the interpreter on conditions compiled to branches (&&, ||, !, ?:, wide ==)", async () => {
    await agrees(program(`
      meta.x = (h.a > 3 && !(h.c == 2)) ? 1 : ((h.a < 2 || h.d != 0) ? 2 : 3);
      if (!h.isValid() || h.a == 0) { meta.x = meta.x + 10; }
      if (h.b == meta.w || (h.a >= 5 && h.e != 0)) { meta.x = meta.x + 100; }
      if (!(h.a <= 2) && h.b != 0) { meta.x = meta.x + 1000; }
      let big: bool = h.e > 0x7fffffffffffffff;
      if (big) { meta.x = meta.x + 5000; }
      h.e = meta.x as bit<64>;`));
  });

  it("still ignores writes to a header an action made invalid inside if (h.isValid())", async () => {
    const extra = `
      action inv() { h.setInvalid(); }
      action keep() { }
      table t { key { h.a: exact; } actions { inv; keep; } default_action = inv(); entries { 5: keep(); } }`;
    await agrees(program(`
      if (h.isValid()) {
        h.c = 7;
        t.apply();
        h.a = 9;
        meta.x = h.a as bit<32>;
        h.setValid();
        h.d = 1;
        h.e = meta.x as bit<64>;
      }`, extra));
  });
});
