// The ELF object: what the writer produces is what libbpf needs (checked
// with llvm-readelf when it is installed, and with pnet's own reader), the
// reader gives back exactly what was written, and bad input is refused with
// a message that says what is wrong.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileEbpf, generateEbpf } from "../../targets/ebpf/index.js";
import { decodeMapBtf, encodeMapBtf } from "../../targets/ebpf/elf/btf.js";
import { EM_BPF } from "../../targets/ebpf/elf/elf.js";
import { MapFlags, MapType } from "../../targets/ebpf/elf/object.js";
import { parseElf, readObject } from "../../targets/ebpf/elf/reader.js";
import { writeElf } from "../../targets/ebpf/elf/writer.js";
import { isLddw } from "../../targets/ebpf/vm/isa.js";
import { compileFile } from "./harness.js";

const hasReadelf = (() => {
  try {
    execFileSync("llvm-readelf", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const work = mkdtempSync(join(tmpdir(), "pnet-elf-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const router = (): Uint8Array => compileEbpf(compileFile("examples/router/router.pnet")).object;

describe("ELF writer and reader", () => {
  it("reads back exactly the program, relocations, maps and license that were written", () => {
    const { generated } = generateEbpf(compileFile("examples/acl/acl.pnet"));
    const obj = generated!.object;
    const back = readObject(writeElf(obj), "xdp");
    expect(back.name).toBe(obj.name);
    expect(back.insns).toEqual(obj.insns);
    expect(back.relocs).toEqual(obj.relocs);
    expect(back.maps).toEqual(obj.maps);
    expect(back.license).toBe("GPL");
  });

  it("has the sections libbpf needs, EM_BPF, and every relocation on an LDDW naming a .maps symbol", () => {
    const bytes = router();
    const elf = parseElf(bytes);
    expect(new DataView(bytes.buffer).getUint16(18, true)).toBe(EM_BPF);
    expect(elf.sections.map((s) => s.name)).toEqual(["", ".strtab", "xdp", ".relxdp", ".maps", "license", ".BTF", ".symtab"]);
    const obj = readObject(bytes);
    expect(obj.relocs.length).toBeGreaterThan(0);
    for (const r of obj.relocs) {
      expect(isLddw(obj.insns[r.insn]!)).toBe(true);
      expect(obj.maps.map((m) => m.name)).toContain(r.map);
    }
  });

  it("BTF map definitions round-trip, numbers encoded as array lengths", () => {
    const maps = [
      { name: "a", type: MapType.LPM_TRIE, keySize: 20, valueSize: 24, maxEntries: 4096, flags: MapFlags.NO_PREALLOC },
      { name: "b", type: MapType.HASH, keySize: 8, valueSize: 16, maxEntries: 65536, flags: 0 },
    ];
    expect(decodeMapBtf(encodeMapBtf(maps)).map((d) => [d.def, d.offset])).toEqual([[maps[0], 0], [maps[1], 40]]);
  });

  it("an object without maps has no .maps section (libbpf refuses an empty one)", () => {
    const bytes = writeElf({ name: "p", section: "xdp", insns: [], relocs: [], maps: [], license: "GPL" });
    expect(parseElf(bytes).sections.map((s) => s.name)).not.toContain(".maps");
  });

  it("refuses what it does not understand, saying what it found", () => {
    expect(() => parseElf(new Uint8Array(100))).toThrow(/not an ELF file/);
    const bytes = router().slice();
    bytes[18] = 62; // EM_X86_64
    expect(() => parseElf(bytes)).toThrow(/machine is 62, not EM_BPF/);
    expect(() => writeElf({ name: "p", section: "xdp", insns: [], relocs: [], maps: [{ name: "much_too_long_a_name", type: 2, keySize: 4, valueSize: 4, maxEntries: 1, flags: 0 }], license: "GPL" })).toThrow(/at most 15 characters/);
  });

  it.skipIf(!hasReadelf)("llvm-readelf sees a relocatable BPF object with R_BPF_64_64 relocations and global map symbols (skipped without llvm-readelf)", () => {
    const file = join(work, "router.o");
    writeFileSync(file, router());
    const out = execFileSync("llvm-readelf", ["-h", "-S", "-r", "-s", file], { encoding: "utf8" });
    expect(out).toMatch(/Type:\s+REL \(Relocatable file\)/);
    expect(out).toMatch(/Machine:\s+EM_BPF|Machine:\s+Linux BPF/);
    expect(out).toMatch(/R_BPF_64_64\s+0+\s+scratch/);
    expect(out).toMatch(/OBJECT\s+GLOBAL\s+DEFAULT\s+\d+ t0/);
    expect(out).toMatch(/FUNC\s+GLOBAL\s+DEFAULT\s+\d+ pnet_xdp/);
  });
});
