// The ELF64 reader: the emulator loads an object through this, from the same
// bytes the kernel gets — sections, symbols, relocations and the BTF map
// definitions — and gets back an EbpfObject. Anything it does not understand
// (another machine, a relocation type other than R_BPF_64_64, a relocation on
// an instruction that is not LDDW, a symbol outside `.maps`) is an error that
// says what was found.

import { decodeProgram, isLddw } from "../vm/isa.js";
import { decodeMapBtf } from "./btf.js";
import { EM_BPF, R_BPF_64_64, REL_BYTES, SECTION_HEADER_BYTES, Sht, Stt, SYMBOL_BYTES, type ElfSymbol, type SectionHeader } from "./elf.js";
import type { EbpfObject, MapReloc } from "./object.js";

export interface ElfFile {
  readonly sections: readonly SectionHeader[];
  readonly symbols: readonly ElfSymbol[];
  data(section: SectionHeader): Uint8Array;
}

export class ElfError extends Error {
  constructor(message: string) {
    super(`ELF object: ${message}`);
    this.name = "ElfError";
  }
}

/** Sections and symbols of an ELF64 little-endian EM_BPF file. */
export function parseElf(bytes: Uint8Array): ElfFile {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 64 || v.getUint32(0, false) !== 0x7f454c46) throw new ElfError("not an ELF file");
  if (bytes[4] !== 2 || bytes[5] !== 1) throw new ElfError("not a 64-bit little-endian ELF file");
  if (v.getUint16(18, true) !== EM_BPF) throw new ElfError(`machine is ${v.getUint16(18, true)}, not EM_BPF (${EM_BPF})`);
  const shoff = Number(v.getBigUint64(40, true));
  const shnum = v.getUint16(60, true);
  const shstrndx = v.getUint16(62, true);
  if (shoff + shnum * SECTION_HEADER_BYTES > bytes.length) throw new ElfError("section header table past the end of the file");
  const raw = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * SECTION_HEADER_BYTES;
    return {
      nameOff: v.getUint32(at, true),
      type: v.getUint32(at + 4, true),
      flags: Number(v.getBigUint64(at + 8, true)),
      offset: Number(v.getBigUint64(at + 24, true)),
      size: Number(v.getBigUint64(at + 32, true)),
      link: v.getUint32(at + 40, true),
      info: v.getUint32(at + 44, true),
      align: Number(v.getBigUint64(at + 48, true)),
      entsize: Number(v.getBigUint64(at + 56, true)),
    };
  });
  const slice = (offset: number, size: number): Uint8Array => {
    if (offset + size > bytes.length) throw new ElfError("a section runs past the end of the file");
    return bytes.subarray(offset, offset + size);
  };
  const cstring = (table: Uint8Array, off: number): string => {
    let end = off;
    while (end < table.length && table[end] !== 0) end++;
    return Buffer.from(table.subarray(off, end)).toString();
  };
  const shstr = raw[shstrndx] ? slice(raw[shstrndx]!.offset, raw[shstrndx]!.size) : new Uint8Array(0);
  const sections: SectionHeader[] = raw.map((s) => ({ ...s, name: cstring(shstr, s.nameOff) }));
  const symtab = sections.find((s) => s.type === Sht.SYMTAB);
  const symbols: ElfSymbol[] = [];
  if (symtab) {
    const strtab = slice(sections[symtab.link]!.offset, sections[symtab.link]!.size);
    const data = slice(symtab.offset, symtab.size);
    const sv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let at = 0; at + SYMBOL_BYTES <= data.length; at += SYMBOL_BYTES) {
      const info = sv.getUint8(at + 4);
      symbols.push({
        name: cstring(strtab, sv.getUint32(at, true)),
        bind: info >> 4,
        type: info & 0xf,
        section: sv.getUint16(at + 6, true),
        value: Number(sv.getBigUint64(at + 8, true)),
        size: Number(sv.getBigUint64(at + 16, true)),
      });
    }
  }
  return { sections, symbols, data: (s) => (s.type === Sht.NULL ? new Uint8Array(0) : slice(s.offset, s.size)) };
}

/** The program in section `section` (default: the first executable one), its map relocations and map definitions. */
export function readObject(bytes: Uint8Array, section?: string): EbpfObject {
  const elf = parseElf(bytes);
  const progIndex = elf.sections.findIndex((s) => (section === undefined ? (s.flags & 0x4) !== 0 && s.type === Sht.PROGBITS : s.name === section));
  if (progIndex < 0) throw new ElfError(section === undefined ? "no executable section" : `no section named '${section}'`);
  const prog = elf.sections[progIndex]!;
  const insns = decodeProgram(elf.data(prog));
  const func = elf.symbols.find((s) => s.type === Stt.FUNC && s.section === progIndex);

  const mapsIndex = elf.sections.findIndex((s) => s.name === ".maps");
  const btfSection = elf.sections.find((s) => s.name === ".BTF");
  const defs = btfSection ? decodeMapBtf(elf.data(btfSection)) : [];
  if (mapsIndex >= 0 && !btfSection) throw new ElfError("a .maps section needs a .BTF section describing the maps");
  const byOffset = new Map(defs.map((d) => [d.offset, d.def]));

  const relocs: MapReloc[] = [];
  for (const rel of elf.sections.filter((s) => s.type === Sht.REL && s.info === progIndex)) {
    const data = elf.data(rel);
    const rv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let at = 0; at + REL_BYTES <= data.length; at += REL_BYTES) {
      const offset = Number(rv.getBigUint64(at, true));
      const info = rv.getBigUint64(at + 8, true);
      const type = Number(info & 0xffffffffn);
      const sym = elf.symbols[Number(info >> 32n)];
      if (type !== R_BPF_64_64) throw new ElfError(`relocation type ${type} at byte ${offset} (only R_BPF_64_64 is understood)`);
      if (!sym || sym.section !== mapsIndex) throw new ElfError(`relocation at byte ${offset} does not reference a symbol in .maps`);
      const insn = offset / 8;
      if (!Number.isInteger(insn) || !insns[insn] || !isLddw(insns[insn]!)) throw new ElfError(`relocation at byte ${offset} is not on an LDDW instruction`);
      const def = byOffset.get(sym.value);
      if (!def) throw new ElfError(`map symbol '${sym.name}' at .maps offset ${sym.value} has no BTF definition`);
      relocs.push({ insn, map: def.name });
    }
  }
  const licenseSection = elf.sections.find((s) => s.name === "license");
  const license = licenseSection ? Buffer.from(elf.data(licenseSection)).toString().replace(/\0.*$/s, "") : "";
  return { name: func?.name ?? prog.name, section: prog.name, insns, relocs, maps: defs.map((d) => d.def), license };
}
