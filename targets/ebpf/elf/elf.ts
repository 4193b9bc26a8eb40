// ELF64 constants and record layouts shared by the writer and the reader
// (little-endian, relocatable, EM_BPF), from the System V gABI and elf.h.

export const EM_BPF = 247;
export const ET_REL = 1;
export const ELF_HEADER_BYTES = 64;
export const SECTION_HEADER_BYTES = 64;
export const SYMBOL_BYTES = 24;
export const REL_BYTES = 16;

export const Sht = { NULL: 0, PROGBITS: 1, SYMTAB: 2, STRTAB: 3, REL: 9 } as const;
export const Shf = { WRITE: 0x1, ALLOC: 0x2, EXECINSTR: 0x4, INFO_LINK: 0x40 } as const;
export const Stb = { LOCAL: 0, GLOBAL: 1 } as const;
export const Stt = { NOTYPE: 0, OBJECT: 1, FUNC: 2, SECTION: 3 } as const;
/** Relocation type of a 64-bit immediate (LDDW) referencing a symbol: what clang emits for map references. */
export const R_BPF_64_64 = 1;

export interface SectionHeader {
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly align: number;
  readonly entsize: number;
}

export interface ElfSymbol {
  readonly name: string;
  readonly bind: number;
  readonly type: number;
  readonly section: number;
  readonly value: number;
  readonly size: number;
}
