// The wasm target's binary interface: byte offsets shared by the code
// generator (which emits loads and stores at them) and the TypeScript runtime
// (which fills and reads the same memory). One definition, so the two sides
// cannot drift apart. The layout itself is described in docs/wasm.md.

// ------------------------------------------------------------ packet batches

/** Per-packet descriptor in a batch: inputs written by TypeScript, outputs by wasm. */
export const DESC_SIZE = 40;
export const D_LEN = 0; // u32 in: packet length
export const D_PORT = 4; // u32 in: ingress port
export const D_TIMESTAMP = 8; // u64 in: std.timestamp
export const D_VERDICT = 16; // u32 out: VERDICT_CODES index
export const D_ARG = 20; // u32 out: port (forward) or group (multicast)
export const D_OUT_START = 24; // i32 out: first byte of the output, relative to the packet's first byte (negative: prepended)
export const D_OUT_LEN = 28; // u32 out: output length
export const D_PARSER_ERROR = 32; // u32 out: index into Program.errors

export const VERDICT_CODES = ["drop", "forward", "to_host", "bounce", "multicast"] as const;

// ------------------------------------------------------------ tables

/** Table descriptor (fixed address per table): where its dynamic structures live. */
export const T_RECORDS = 0; // u32: entry records (RECORD_SIZE each)
export const T_STRUCT = 4; // u32: hash buckets (exact), trie node pool (lpm), group array (priority)
export const T_MASK = 8; // u32: bucket index mask (exact) or group count (priority)
export const T_DEFAULT_ACTION = 12; // u32: index into Table.actions
export const T_DEFAULT_DATA = 16; // action data of the default action
export const T_HEADER = 16;

/** Entry record: one per installed entry, addressed by its slot number. */
export const R_ACTION = 0; // u32: index into Table.actions
export const R_ID = 4; // u32: EntryStore id (insertion order: the tie-break of equal priorities)
export const R_PRIORITY = 8; // u32
export const R_NEXT = 12; // u32: next record in a tuple-space chain, slot+1 (0: end)
export const R_PACKETS = 16; // u64: direct counter
export const R_BYTES = 24; // u64: direct counter
export const R_RANGES = 32; // per range key of a priority table: lo (16 bytes), hi (16 bytes)
export const RANGE_BYTES = 32;

/** Hash bucket: K key words, then a u32 tag (0 empty, TOMBSTONE, else slot+1), 4 bytes padding. */
export const TOMBSTONE = 0xffff_ffff;
export const bucketSize = (words: number): number => words * 8 + 8;

/** Tuple-space group: K mask words, then its highest priority, its bucket array and bucket mask. */
export const groupSize = (words: number): number => words * 8 + 16;
export const G_PRIORITY = 0; // offsets after the mask words
export const G_BUCKETS = 4;
export const G_MASK = 8;

// ------------------------------------------------------------ externs and digests

export const COUNTER_CELL = 16; // packets u64, bytes u64
/** Meter cell: configured flag, cir, pir, cburst·1e9, pburst·1e9, tc, tp, last (u64 each). */
export const METER_CELL = 64;
export const M_CONFIGURED = 0;
export const M_CIR = 8;
export const M_PIR = 16;
export const M_CCAP = 24;
export const M_PCAP = 32;
export const M_TC = 40;
export const M_TP = 48;
export const M_LAST = 56;

/** Digest record: packet index in the batch, digest index, then 16 bytes (lo, hi u64) per field. */
export const DG_PACKET = 0;
export const DG_DIGEST = 4;
export const DG_VALUES = 8;

/** Exports of the module. */
export const EXPORT_PROCESS = "process"; // (batch, count, stride) → packets processed
export const EXPORT_DIGEST_COUNT = "digest_count"; // mutable i32 global
