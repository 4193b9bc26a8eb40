// The RMT table configuration: the JSON the backend writes, the validator
// checks and the simulator runs. Types only (plus two tiny helpers).
//
// It follows shared/spec/rmt-config.proposal.schema.json (v0.1) with the
// amendments listed in docs/rmt.md: tables also carry what the simulator
// needs to run them without the program (kind, predicate, key expressions,
// VLIW instructions, extern operations, action-data layout), and the top level
// adds the parser TCAM, the deparser and the extern declarations. Values
// wider than 53 bits are hex strings ("0x…"), so the JSON round-trips.

import type { Profile } from "./profile.js";

export const CONFIG_FORMAT = "pnet-rmt-config";
export const CONFIG_VERSION = "0.1.0";

/** Bits `lo .. lo+width-1` of a PHV container ("B3", "H10", "W0"). */
export type CSlice = readonly [container: string, lo: number, width: number];

/**
 * An operand expression, evaluated on the PHV at the start of a stage (or
 * during parsing). Widths are in bits; bool is 1 bit, error 8.
 */
export type CExpr =
  | { readonly k: string; readonly w: number } // constant (hex)
  | { readonly phv: readonly CSlice[]; readonly w: number } // PHV bits, first slice most significant
  | { readonly ad: number; readonly w: number } // action data bits from `ad` (bit offset in the entry's action data)
  | { readonly hit: true; readonly w: 1 } // 1 when the table hit (table instructions only)
  | { readonly lookahead: number; readonly w: number } // the next bits of the packet (parser only)
  | { readonly op: "+" | "-" | "*" | "&" | "|" | "^" | "<<" | ">>"; readonly a: CExpr; readonly b: CExpr; readonly w: number }
  | { readonly op: "==" | "!=" | "<" | "<=" | ">" | ">=" | "&&" | "||"; readonly a: CExpr; readonly b: CExpr; readonly w: 1 }
  | { readonly op: "!" | "~"; readonly a: CExpr; readonly w: number }
  | { readonly op: "concat"; readonly a: CExpr; readonly b: CExpr; readonly w: number }
  | { readonly op: "slice"; readonly a: CExpr; readonly lo: number; readonly w: number }
  | { readonly op: "cast"; readonly a: CExpr; readonly w: number }
  | { readonly op: "cond"; readonly c: CExpr; readonly a: CExpr; readonly b: CExpr; readonly w: number }
  | { readonly op: "hash"; readonly alg: "crc32" | "crc16" | "xor16" | "identity"; readonly in: readonly CExpr[]; readonly w: 32 }
  | { readonly op: "csum16"; readonly in: readonly CExpr[]; readonly w: 16 }
  | { readonly op: "csum16_update"; readonly a: CExpr; readonly b: CExpr; readonly c: CExpr; readonly w: 16 }
  | { readonly op: "reg_read"; readonly reg: string; readonly idx: CExpr; readonly w: number }
  | { readonly op: "meter"; readonly meter: string; readonly idx: CExpr; readonly w: 2 };

/** A VLIW operation: one container slice gets `src` at the end of the stage. */
export interface Instruction {
  readonly dst: CSlice;
  readonly src: CExpr;
  /** The field slice written, for people. */
  readonly text: string;
}

export type ExternOp =
  | { readonly op: "count"; readonly counter: string; readonly idx: CExpr }
  | { readonly op: "reg_write"; readonly reg: string; readonly idx: CExpr; readonly value: CExpr }
  | { readonly op: "digest"; readonly digest: string; readonly values: readonly CExpr[] };

export interface FieldRef {
  readonly field: string;
  readonly lo: number;
  readonly hi: number;
}

export interface ActionDef {
  readonly name: string;
  readonly action_data_bits: number;
  /** Where each parameter sits in the entry's action data. */
  readonly params: readonly { readonly name: string; readonly offset: number; readonly width: number }[];
  readonly instructions: readonly Instruction[];
  readonly externs: readonly ExternOp[];
}

/** When a table runs: a formula over earlier gateways' and tables' results. */
export type Predicate =
  | { readonly always: true }
  | { readonly gw: string } // the gateway table's condition was true
  | { readonly hit: string } // the table ran and hit
  | { readonly act: string; readonly index: number } // the table's action index (0 when it did not run) equals `index`
  | { readonly not: Predicate }
  | { readonly and: readonly Predicate[] }
  | { readonly or: readonly Predicate[] };

export interface KeyDef {
  /** The key as the control plane names it (`ip.dst`). */
  readonly name: string;
  readonly match_kind: "exact" | "lpm" | "ternary" | "range" | "optional";
  readonly width: number;
  readonly value: CExpr;
}

export interface MemUnit {
  readonly row: number;
  readonly col: number;
}

export interface PackFormat {
  readonly table_word_width: number;
  readonly memory_word_width: number;
  readonly entries_per_table_word: number;
  readonly units_per_table_word: number;
}

export interface PlacementSlice {
  readonly stage: number;
  readonly gress: "ingress";
  readonly logical_id: number;
  readonly entries: number;
  readonly match_memory: { readonly type: "sram" | "tcam" | "none"; readonly units: readonly MemUnit[]; readonly pack: PackFormat };
  readonly action_memory?: { readonly units: readonly MemUnit[]; readonly entries_per_word: number };
  /** SRAM of the registers this table's stateful ALU owns (amendment). */
  readonly register_memory?: readonly { readonly register: string; readonly units: readonly MemUnit[] }[];
  /** Crossbar byte positions and the container byte each carries ("W3:1"): the key on its crossbar; gateways and hash inputs on the exact one. */
  readonly xbar: { readonly exact: readonly XbarByte[]; readonly ternary: readonly XbarByte[] };
  readonly action_data: { readonly bus_bytes: readonly number[]; readonly immediate_bits: number };
  readonly gateway: { readonly condition: string; readonly unit: number } | null;
}

export interface XbarByte {
  readonly byte: number;
  readonly source: string;
}

export type TableKind = "match" | "action" | "gateway";

export interface TableDef {
  readonly name: string;
  /** match: a program table; action: statements of the control lowered to a keyless table; gateway: an `if` condition. */
  readonly kind: TableKind;
  readonly source: string;
  /** Position in program order (the order of the control flow). */
  readonly order: number;
  readonly match_kind: "exact" | "ternary" | "lpm" | "range" | "keyless";
  readonly key: readonly KeyDef[];
  readonly size: number;
  readonly actions: readonly ActionDef[];
  /** The action run on a miss (keyless tables always run it). */
  readonly default_action: { readonly name: string; readonly args: readonly string[] };
  readonly default_is_const: boolean;
  readonly const_entries: readonly ConstEntryDef[];
  readonly counters: boolean;
  /** When it runs: for a table applied at several sites, the disjunction of their predicates. */
  readonly predicate: Predicate;
  /**
   * A table applied at several sites (on different paths): each site's place
   * in program order and predicate, from which its dependencies are computed
   * site by site (deps.ts). Absent for a table applied once (`order`, `predicate`).
   */
  readonly sites?: readonly TableSite[];
  /** Gateway tables: the condition (1 bit). */
  readonly condition?: CExpr;
  readonly reads: readonly FieldRef[];
  readonly writes: readonly FieldRef[];
  readonly mutually_exclusive_with?: readonly string[];
  readonly placement: readonly PlacementSlice[];
}

export interface TableSite {
  readonly order: number;
  readonly predicate: Predicate;
  /** file:line of the apply. */
  readonly source: string;
}

/** A const entry of the program, as JSON (values hex). */
export interface ConstEntryDef {
  readonly keys: readonly Record<string, string | number | undefined>[];
  readonly action: string;
  readonly args: readonly string[];
  readonly priority: number;
}

export interface PhvSlice {
  readonly field: string;
  readonly field_lo: number;
  readonly field_hi: number;
  readonly container: string;
  readonly container_lo: number;
  readonly gress: "ingress";
  readonly live: { readonly from: number; readonly to: number };
}

export interface StageSummary {
  readonly stage: number;
  readonly gress_dependency: Readonly<Record<string, "match" | "action" | "none">>;
  readonly tables: readonly string[];
  readonly usage: {
    readonly sram_blocks: number;
    readonly tcam_blocks: number;
    readonly xbar_exact_bits: number;
    readonly xbar_ternary_bits: number;
    readonly action_bus_bits: number;
    readonly logical_tables: number;
    readonly ternary_tables: number;
    readonly gateways: number;
  };
}

export type DepKind = "match" | "action" | "successor" | "reverse_match" | "exclusive_write";

export interface Dependency {
  readonly from: string;
  readonly to: string;
  readonly kind: DepKind;
  readonly min_stage_gap: 0 | 1;
  readonly because: readonly FieldRef[];
}

/** The parser: states with their operations, and the TCAM that picks the next state. */
export interface ParserConfig {
  readonly states: readonly ParserStateDef[];
  /** In priority order: the first entry matching (state, key) wins. */
  readonly tcam: readonly ParserTcamEntry[];
  /** PHV slices the parser fills from outside the packet. */
  readonly intrinsic: {
    readonly ingress_port: readonly CSlice[];
    readonly packet_length: readonly CSlice[];
    readonly timestamp: readonly CSlice[];
    readonly parser_error: readonly CSlice[];
  };
  readonly errors: readonly string[];
}

export type ParserOp =
  | { readonly op: "extract"; readonly header: string; readonly bits: number; readonly fields: readonly { readonly offset: number; readonly width: number; readonly dst: readonly CSlice[] }[]; readonly valid: CSlice }
  | { readonly op: "advance"; readonly bytes: CExpr }
  | { readonly op: "verify"; readonly cond: CExpr; readonly error: number }
  | { readonly op: "set"; readonly dst: readonly CSlice[]; readonly value: CExpr };

export interface ParserStateDef {
  readonly name: string;
  readonly id: number;
  readonly ops: readonly ParserOp[];
  /** The select key (concatenated); absent for an unconditional transition. */
  readonly key?: CExpr;
}

export interface ParserTcamEntry {
  readonly state: number;
  readonly value: string;
  readonly mask: string;
  /** A state name, "accept", or "reject". */
  readonly next: string;
  /** Set when this entry stops parsing with an error (NoMatch). */
  readonly error?: number;
}

export interface DeparserEntry {
  readonly header: string;
  readonly valid: CSlice;
  readonly fields: readonly { readonly width: number; readonly src: readonly CSlice[] }[];
}

/**
 * A deparser checksum unit (amendment): after the last stage, when `predicate`
 * holds and the header is valid, the deparser emits in `dest` the RFC 1071
 * checksum of the header's bytes as deparsed with `dest` taken as 0. `fields`
 * name the PHV fields of the header, in deparser order (`ip.ttl`).
 */
export interface DeparserChecksum {
  readonly header: string;
  readonly fields: readonly string[];
  readonly dest: string;
  readonly predicate: Predicate;
  /** file:line of the statements it replaces. */
  readonly source: string;
}

export interface ExternDecls {
  readonly counters: readonly { readonly name: string; readonly size: number }[];
  readonly registers: readonly { readonly name: string; readonly size: number; readonly width: number }[];
  readonly meters: readonly { readonly name: string; readonly size: number }[];
  readonly digests: readonly { readonly name: string; readonly fields: readonly { readonly name: string; readonly width: number }[] }[];
}

export interface RmtConfig {
  readonly format: typeof CONFIG_FORMAT;
  readonly version: string;
  readonly target: Profile;
  readonly program: { readonly name: string; readonly source_sha256: string; readonly compiler_version?: string };
  readonly phv: { readonly slices: readonly PhvSlice[] };
  /** Where the verdict lives: `$verdict` (0 drop, 1 forward, 2 to_host, 3 bounce, 4 multicast) and its port or group. */
  readonly intrinsic_out: { readonly verdict: readonly CSlice[]; readonly verdict_arg: readonly CSlice[] };
  readonly parser: ParserConfig;
  readonly tables: readonly TableDef[];
  readonly stages: readonly StageSummary[];
  readonly dependencies: readonly Dependency[];
  readonly deparser: readonly DeparserEntry[];
  /** Deparser checksum units (absent or empty: none used). */
  readonly deparser_checksums?: readonly DeparserChecksum[];
  readonly externs: ExternDecls;
  readonly latency?: { readonly per_gress_cycles: Readonly<Record<string, number>> };
}

export const VERDICTS = ["drop", "forward", "to_host", "bounce", "multicast"] as const;

export const hexOf = (v: bigint): string => "0x" + v.toString(16);

/** Total width of PHV slices. */
export const slicesWidth = (s: readonly CSlice[]): number => s.reduce((n, x) => n + x[2], 0);
