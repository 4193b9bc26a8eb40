// What an eBPF object file holds, independent of its ELF encoding: one XDP
// program (its instructions), the maps it references, where it references
// them (LDDW instructions that the loader patches), and its license.
//
// The ELF writer (writer.ts) encodes this; the ELF reader (reader.ts) decodes
// it back, so the emulator loads exactly the bytes the kernel loads.

import type { Insn } from "../vm/isa.js";

/** Map types used by the backend (linux/bpf.h `enum bpf_map_type`). */
export const MapType = {
  HASH: 1,
  ARRAY: 2,
  PERCPU_ARRAY: 6,
  LPM_TRIE: 11,
  DEVMAP: 14,
  DEVMAP_HASH: 25,
  RINGBUF: 27,
} as const;

/** `map_flags` bits used by the backend. */
export const MapFlags = { NO_PREALLOC: 1 } as const;

export interface MapDef {
  /** The map's name: its symbol in `.maps`, its pin file name (at most 15 characters, the kernel's limit). */
  readonly name: string;
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
}

/** An LDDW at instruction `insn` (slot index) that loads the address of map `map`. */
export interface MapReloc {
  readonly insn: number;
  readonly map: string;
}

export interface EbpfObject {
  /** The program's symbol name. */
  readonly name: string;
  /** The program's section (`xdp`). */
  readonly section: string;
  readonly insns: readonly Insn[];
  readonly relocs: readonly MapReloc[];
  readonly maps: readonly MapDef[];
  readonly license: string;
}

/** The kernel's limit on object names (BPF_OBJ_NAME_LEN − 1). */
export const MAX_MAP_NAME = 15;
