// The ELF64 relocatable writer: an EbpfObject as the bytes libbpf (and so
// `bpftool prog load` and `ip link set … xdp obj`) accepts.
//
// Sections, in order: .strtab (section and symbol names), the program section
// (`xdp`), its relocations (`.relxdp`, R_BPF_64_64 on each map LDDW),
// `.maps` (zeroed BTF-defined map structs), `license`, `.BTF`, `.symtab`.
// libbpf finds a map from a relocation's symbol: a global object in `.maps`
// whose value is the struct's offset; the map's definition comes from BTF.

import { encodeProgram } from "../vm/isa.js";
import { encodeMapBtf, MAP_STRUCT_BYTES } from "./btf.js";
import {
  EM_BPF, ELF_HEADER_BYTES, ET_REL, R_BPF_64_64, REL_BYTES, SECTION_HEADER_BYTES, Shf, Sht, Stb, Stt, SYMBOL_BYTES,
  type ElfSymbol,
} from "./elf.js";
import { MAX_MAP_NAME, type EbpfObject } from "./object.js";

interface Section {
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly data: Uint8Array;
  readonly link?: number;
  readonly info?: number;
  readonly align: number;
  readonly entsize?: number;
}


export function writeElf(obj: EbpfObject): Uint8Array {
  // Section indexes; an object without maps has no `.maps` (libbpf refuses an empty one).
  const hasMaps = obj.maps.length > 0;
  const S = { STRTAB: 1, PROG: 2, REL: 3, MAPS: hasMaps ? 4 : 0, LICENSE: hasMaps ? 5 : 4, BTF: hasMaps ? 6 : 5, SYMTAB: hasMaps ? 7 : 6 };
  for (const m of obj.maps) {
    if (m.name.length > MAX_MAP_NAME || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(m.name)) {
      throw new Error(`map name '${m.name}' must be an identifier of at most ${MAX_MAP_NAME} characters`);
    }
  }
  const code = encodeProgram(obj.insns);
  const license = new Uint8Array(Buffer.from(obj.license + "\0"));

  // Symbols: the null symbol, then (all global) the program, the license, the maps.
  const symbols: ElfSymbol[] = [
    { name: "", bind: Stb.LOCAL, type: Stt.NOTYPE, section: 0, value: 0, size: 0 },
    { name: obj.name, bind: Stb.GLOBAL, type: Stt.FUNC, section: S.PROG, value: 0, size: code.length },
    { name: "_license", bind: Stb.GLOBAL, type: Stt.OBJECT, section: S.LICENSE, value: 0, size: license.length },
    ...obj.maps.map((m, i) => ({ name: m.name, bind: Stb.GLOBAL, type: Stt.OBJECT, section: S.MAPS, value: i * MAP_STRUCT_BYTES, size: MAP_STRUCT_BYTES })),
  ];
  const mapSymbol = new Map(obj.maps.map((m, i) => [m.name, 3 + i]));

  const names = new StringTable();
  const rel = new Uint8Array(obj.relocs.length * REL_BYTES);
  const relView = new DataView(rel.buffer);
  obj.relocs.forEach((r, i) => {
    const sym = mapSymbol.get(r.map);
    if (sym === undefined) throw new Error(`relocation at instruction ${r.insn} names unknown map '${r.map}'`);
    relView.setBigUint64(i * REL_BYTES, BigInt(r.insn * 8), true);
    relView.setBigUint64(i * REL_BYTES + 8, (BigInt(sym) << 32n) | BigInt(R_BPF_64_64), true);
  });
  const symtab = new Uint8Array(symbols.length * SYMBOL_BYTES);
  const symView = new DataView(symtab.buffer);
  symbols.forEach((s, i) => {
    const at = i * SYMBOL_BYTES;
    symView.setUint32(at, s.name === "" ? 0 : names.add(s.name), true);
    symView.setUint8(at + 4, (s.bind << 4) | s.type);
    symView.setUint8(at + 5, 0); // default visibility
    symView.setUint16(at + 6, s.section, true);
    symView.setBigUint64(at + 8, BigInt(s.value), true);
    symView.setBigUint64(at + 16, BigInt(s.size), true);
  });

  const sections: Section[] = [
    { name: "", type: Sht.NULL, flags: 0, data: new Uint8Array(0), align: 0 },
    { name: ".strtab", type: Sht.STRTAB, flags: 0, data: new Uint8Array(0), align: 1 }, // filled below
    { name: obj.section, type: Sht.PROGBITS, flags: Shf.ALLOC | Shf.EXECINSTR, data: code, align: 8 },
    { name: ".rel" + obj.section, type: Sht.REL, flags: Shf.INFO_LINK, data: rel, link: S.SYMTAB, info: S.PROG, align: 8, entsize: REL_BYTES },
    ...(hasMaps ? [{ name: ".maps", type: Sht.PROGBITS, flags: Shf.WRITE | Shf.ALLOC, data: new Uint8Array(obj.maps.length * MAP_STRUCT_BYTES), align: 8 }] : []),
    { name: "license", type: Sht.PROGBITS, flags: Shf.WRITE | Shf.ALLOC, data: license, align: 1 },
    { name: ".BTF", type: Sht.PROGBITS, flags: 0, data: encodeMapBtf(obj.maps), align: 4 },
    // info: index of the first non-local symbol
    { name: ".symtab", type: Sht.SYMTAB, flags: 0, data: symtab, link: S.STRTAB, info: 1, align: 8, entsize: SYMBOL_BYTES },
  ];
  const nameOffsets = sections.map((s) => (s.name === "" ? 0 : names.add(s.name)));
  sections[S.STRTAB] = { ...sections[S.STRTAB]!, data: names.bytes() };

  // Layout: header, section contents (aligned), section header table.
  let offset = ELF_HEADER_BYTES;
  const offsets = sections.map((s) => {
    if (s.type === Sht.NULL) return 0;
    offset = align(offset, Math.max(s.align, 1));
    const at = offset;
    offset += s.data.length;
    return at;
  });
  const shoff = align(offset, 8);
  const out = new Uint8Array(shoff + sections.length * SECTION_HEADER_BYTES);
  const v = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2 /* 64-bit */, 1 /* little-endian */, 1 /* version */], 0);
  v.setUint16(16, ET_REL, true);
  v.setUint16(18, EM_BPF, true);
  v.setUint32(20, 1, true);
  v.setBigUint64(40, BigInt(shoff), true);
  v.setUint16(52, ELF_HEADER_BYTES, true);
  v.setUint16(58, SECTION_HEADER_BYTES, true);
  v.setUint16(60, sections.length, true);
  v.setUint16(62, S.STRTAB, true);
  sections.forEach((s, i) => {
    out.set(s.data, offsets[i]!);
    const at = shoff + i * SECTION_HEADER_BYTES;
    v.setUint32(at, nameOffsets[i]!, true);
    v.setUint32(at + 4, s.type, true);
    v.setBigUint64(at + 8, BigInt(s.flags), true);
    v.setBigUint64(at + 24, BigInt(offsets[i]!), true);
    v.setBigUint64(at + 32, BigInt(s.data.length), true);
    v.setUint32(at + 40, s.link ?? 0, true);
    v.setUint32(at + 44, s.info ?? 0, true);
    v.setBigUint64(at + 48, BigInt(s.align), true);
    v.setBigUint64(at + 56, BigInt(s.entsize ?? 0), true);
  });
  return out;
}

const align = (n: number, to: number): number => Math.ceil(n / to) * to;

class StringTable {
  private text = "\0";
  private readonly offsets = new Map<string, number>();
  add(s: string): number {
    let at = this.offsets.get(s);
    if (at === undefined) {
      at = Buffer.byteLength(this.text);
      this.text += s + "\0";
      this.offsets.set(s, at);
    }
    return at;
  }
  bytes(): Uint8Array {
    return new Uint8Array(Buffer.from(this.text));
  }
}
