// Where everything lives: the per-CPU scratch value (parser state, standard
// metadata, the verdict, every header's fields and valid byte, metadata,
// locals, temporaries), the map of each table and extern, and the byte layout
// of table entries, keys and digests. The code generator and the control
// plane (targets/ebpf/xdp/encode.ts) both read this, so they agree on bytes.
//
// Every value occupies 8-byte little-endian words: one for bit<1..64>, bool
// and error; two for bit<65..128> (low 64 bits first). A value is always kept
// zero above its width.

import * as ir from "../../../compiler/ir.js";
import { walkStmts } from "../../../compiler/visit.js";
import { cleanSums as findCleanSums, type CleanSum } from "./clean-sums.js";
import { MapFlags, MapType, type MapDef } from "../elf/object.js";
import { tupleForm } from "../../../runtime/matching.js";
import { Unsupported } from "./asm.js";
import { assignedBeforeRead } from "./assigned.js";
import type { Placement } from "./placement.js";

export const wordsOf = (width: number): number => (width > 64 ? 2 : 1);
export const bytesOf = (width: number): number => 8 * wordsOf(width);

/** Fixed scratch slots (byte offsets): PERR, VERDICT and VARG start every packet at 0, the others are written before they are read (POFF by the parser's exit). */
export const S = {
  POFF: 0, // parser offset in the received packet (bytes)
  PERR: 8, // std.parser_error
  VERDICT: 16,
  VARG: 24,
  LEN: 32, // std.packet_length (written at entry, as std.ingress_port; std.timestamp too when anything reads it)
  PORT: 40, // std.ingress_port
  TIME: 48, // std.timestamp
  STEPS: 56, // parser transitions (only when the parser can time out)
  MATCH: 64, // tuple count of the priority table being searched
  BEST: 72, // rank of the best entry found so far in that search (0: none)
  FIXED_END: 80,
} as const;

/** Verdict codes as stored in the scratch value and reported in the packet metadata. */
export const VERDICT_CODE: Record<ir.Verdict, number> = { drop: 0, forward: 1, to_host: 2, bounce: 3, multicast: 4 };

/** A header instance or stack element: where its valid byte and field words are. */
export interface HeaderSlot {
  readonly ref: string; // "eth", "vlan[1]"
  readonly type: ir.HeaderType;
  readonly valid: number;
  /** Byte offset of each field's first word, by field name. */
  readonly fields: ReadonlyMap<string, number>;
  /**
   * Where the parser records the offset just past the bytes it extracted this
   * element from (0: not extracted, or made invalid since), when the deparser
   * checks at run time whether it sits in place (placement.ts, "checked").
   */
  readonly origin?: number;
  /** The word holding the parser's sum of the header's unwritten 16-bit words, and which they are (clean-sums.ts). */
  readonly cleanSum?: { readonly at: number } & CleanSum;
  /** Words from `base`: the fields, then the origin and clean-sum words if any (setInvalid zeroes them all, a stack shift copies them all). */
  readonly words: number;
  readonly base: number;
}

/** The packet metadata shared with the runner (data_meta … data), when present. */
export const META = { BYTES: 32, MAGIC_AT: 0, PORT: 4, TIME: 8, VERDICT: 16, ARG: 20, PERR: 24, MAGIC: 0x74656e70 /* "pnet" */ } as const;

/** The most a parser offset may reach; beyond it a packet is treated as too short (XDP frames are smaller). */
export const MAX_PARSE_OFFSET = 0x3fff;

export interface TableLayout {
  readonly table: ir.Table;
  readonly policy: ir.MatchPolicy;
  readonly map: string; // entries
  /** Where this table's default entry starts in DEFAULTS_MAP's only element (which holds every table's, one after another). */
  readonly defaultOffset: number;
  /** The map holding every table's per-entry counters (TABLE_COUNTERS_MAP), and where this table's slots start. */
  readonly counterMap?: string;
  readonly counterBase: number;
  /** Scratch offset of each key element's evaluated value (wordsOf(width) words each). */
  readonly keyTemp: readonly number[];
  /** Entry value: u32 action index, u32 counter slot, then parameters. */
  readonly valueSize: number;
  /** Offset of each action's parameter, by action name, relative to the parameter area (value + 8). */
  readonly params: ReadonlyMap<string, readonly number[]>;
  /** exact: 8-byte words per key; lpm: 4 + bytes; priority: 4 (u32 tuple id) + the packed key's bytes (packedBytes). */
  readonly keySize: number;
  /** lpm: key elements in trie order (exact ones first, the lpm one last). */
  readonly lpmOrder: readonly number[];
  /** priority: the ARRAY of tuples (TUPLE); `map` is the HASH of records (RECORD). */
  readonly tupleMap: string;
  /** priority: the key elements packed as one big-endian bit string (element i at bit keyBitStart[i]) of packedBytes bytes, masked a word at a time. */
  readonly keyBitStart: readonly number[];
  readonly packedBytes: number;
  /** priority: the range keys' indices, in key order (their bounds are in each record). */
  readonly rangeKeys: readonly number[];
  /** priority: records per HASH value (TSS_CHAIN with range keys, else 1: only ranges let entries share a masked key), and bytes per record. */
  readonly chain: number;
  readonly recordBytes: number;
  /** exact with one key small enough (directTable): `map` is an ARRAY indexed by the key, each entry followed by its u64 present word (0: no entry). */
  readonly direct: boolean;
}

/**
 * An exact table whose one key has at most 16 bits is an ARRAY with an
 * element per key value (at most DIRECT_MAX_BYTES of them): the kernel
 * inlines an ARRAY lookup, where a HASH lookup hashes the key and walks a
 * bucket (router's martians and nexthop).
 */
export const DIRECT_KEY_BITS = 16;
export const DIRECT_MAX_BYTES = 4 << 20;
export const directTable = (t: ir.Table, valueSize: number): boolean =>
  ir.matchPolicy(t) === "exact" && t.keys.length === 1 && t.keys[0]!.width <= DIRECT_KEY_BITS && 2 ** t.keys[0]!.width * (valueSize + 8) <= DIRECT_MAX_BYTES;

/**
 * Tuple-space search (priority tables, docs/ebpf.md): at most MAX_TUPLES
 * distinct masks per table, and at most TSS_CHAIN entries that share one
 * tuple and masked key (they differ only in their ranges). The kernel
 * verifier walks all MAX_TUPLES × TSS_CHAIN records whatever is installed
 * (acl: 23.6k instructions processed), so both stay small.
 */
export const MAX_TUPLES = 64;
export const TSS_CHAIN = 8;
/**
 * An element 1…count of a table's tuple ARRAY (element 0 holds the u32 count):
 * best rank, u32 tuple id, a 256-bit filter of the masked keys it holds (bit
 * filterBit(key) set for each), then the packed key's mask (packedWords words).
 */
export const TUPLE = { BEST: 0, ID: 8, FILTER: 16, MASKS: 48 } as const;
/**
 * A masked packed key's filter bit: the XOR of its words times a 64-bit odd
 * constant (Fibonacci hashing), top 8 bits. The program skips a tuple whose
 * filter lacks the packet's bit — no hash probe — so a bit must be set for
 * every masked key present; a bit set for nothing only costs a probe.
 */
export const FILTER_MULTIPLIER = 0x9e37_79b9_7f4a_7c15n;
export const FILTER_SHIFT = 56;
/** A record of a HASH value: u64 rank (0: no record), lo and hi words per range key, then the entry. */
export const RECORD = { RANK: 0, BOUNDS: 8 } as const;
export const recordEntry = (t: TableLayout): number => RECORD.BOUNDS + 16 * t.rangeKeys.length;
export const packedWords = (t: TableLayout): number => Math.ceil(t.packedBytes / 8);

export const ENTRY_PARAMS = 8;

export interface Layout {
  readonly program: ir.Program;
  /** What the deparser writes of each emitted element. */
  readonly placements: ReadonlyMap<string, Placement>;
  readonly size: number;
  /** The byte ranges [from, to) of per-packet state zeroed for every packet; the rest is written before it is read. */
  readonly zeroed: readonly (readonly [number, number])[];
  readonly headers: ReadonlyMap<string, HeaderSlot>;
  readonly meta: ReadonlyMap<string, number>;
  readonly locals: ReadonlyMap<number, number>;
  /** Arguments of a directly called action. */
  readonly callParams: number;
  readonly callParamOffsets: ReadonlyMap<string, readonly number[]>;
  /** Area for register reads hoisted out of expressions, hash inputs and key values. */
  readonly temp: number;
  readonly tempBytes: number;
  /** Where table lookup keys are built (map keys may live in map values). */
  readonly keyBuffer: number;
  /** Where a priority table's search packs the key once, and copies the best entry's value (the action's parameters are read from there). */
  readonly packedKey: number;
  readonly bestEntry: number;
  readonly tables: ReadonlyMap<string, TableLayout>;
  readonly maps: readonly MapDef[];
  readonly counterMaps: ReadonlyMap<string, string>;
  readonly registerMaps: ReadonlyMap<string, string>;
  readonly meterMaps: ReadonlyMap<string, string>;
  /** The ring buffer all digests go to, when the program declares any (records: DIGEST_RECORD). */
  readonly digestMap: string | undefined;
}

export const SCRATCH_MAP = "scratch";
/**
 * One map for all default actions and one for all per-entry counters: the kernel allows a program 64 maps.
 * The defaults are one ARRAY element, looked up once per packet (tables.ts, lookupDefaults).
 */
export const DEFAULTS_MAP = "defaults";
export const TABLE_COUNTERS_MAP = "tcounters";
export const MAX_MAPS = 64;
export const PORTS_MAP = "ports";
/**
 * ifindex → pnet port, for packets without pnet metadata (a real interface): an ARRAY indexed by
 * ifindex (the kernel inlines its lookups; a HASH cost 20 ns a packet), each element u32 port, u32
 * numbered (0: the interface has no port).
 */
export const IFPORTS_MAP = "ifports";
export const IFPORT = { PORT: 0, NUMBERED: 4, BYTES: 8 } as const;
/** ifindexes the ifports map covers (0 … IFPORTS_ENTRIES − 1). */
export const IFPORTS_ENTRIES = 65536;
/**
 * Digests: one BPF ring buffer for all of a program's digest declarations, so
 * the control plane reads them in the order the program sent them. Its size is
 * a power of two and a multiple of the page size (the kernel's rules for
 * RINGBUF max_entries); 256 KiB holds about 8000 records of l2switch's size.
 */
export const DIGESTS_MAP = "digests";
export const DIGEST_RING_BYTES = 256 * 1024;
/** A record: u64 index of the digest declaration (in program.digests), then the fields as words. */
export const DIGEST_RECORD = { INDEX: 0, FIELDS: 8 } as const;
/**
 * Multicast on a real interface: a fixed number of group slots, each a DEVMAP_HASH of the
 * group's ports (key pnet port, value ifindex) that multicast(g) broadcasts to, and a HASH
 * group → slot (u32 → u32). bpf_redirect_map needs a constant map, so the program branches
 * per slot. Only programs that multicast have these maps.
 */
export const MCAST_SLOTS = 8;
export const MCAST_GROUPS_MAP = "mgroups";
export const mcastSlotMap = (slot: number): string => `mg${slot}`;
/** Ports one group slot holds (interfaces, on a live program). */
export const MCAST_SLOT_PORTS = 256;
/** Bytes of a meter's state: configured, cir, pir, cap_c, cap_p, tc, tp, last (u64 each). */
export const METER_BYTES = 64;
export const M = { CONFIGURED: 0, CIR: 8, PIR: 16, CAPC: 24, CAPP: 32, TC: 40, TP: 48, LAST: 56 } as const;

export const headerRefName = (ref: ir.HeaderRef): string => (typeof ref.index === "number" ? `${ref.header}[${ref.index}]` : ref.header);

/** Bytes of the scratch temp area: generous and fixed, so the layout does not depend on expression shapes. */
const TEMP_BYTES = 1024;

export function paramLayout(action: ir.Action): number[] {
  let at = 0;
  return action.params.map((p) => {
    const here = at;
    at += bytesOf(ir.widthOf(p.type));
    return here;
  });
}

export function paramBytes(action: ir.Action): number {
  return action.params.reduce((n, p) => n + bytesOf(ir.widthOf(p.type)), 0);
}

/** `stale`: the headers (by name) whose words must be zeroed for every packet (program.ts decides). */
export function buildLayout(program: ir.Program, findAction: (name: string) => ir.Action | undefined, placements: ReadonlyMap<string, Placement>, stale: ReadonlySet<string>): Layout {
  const cleanSums = findCleanSums(program);
  let at: number = S.FIXED_END;
  const take = (bytes: number): number => {
    const here = at;
    at += bytes;
    return here;
  };
  const types = new Map(program.headerTypes.map((t) => [t.name, t]));
  const headers = new Map<string, HeaderSlot>();
  const elements: { ref: string; type: ir.HeaderType; origin: boolean }[] = [];
  // headers whose stale words cannot be seen go last, outside the zeroed range
  const headerOrder = [...program.headers].sort((a, b) => Number(!stale.has(a.name)) - Number(!stale.has(b.name)));
  for (const h of headerOrder) {
    const type = types.get(h.type)!;
    const refs = h.stackSize === undefined ? [h.name] : Array.from({ length: h.stackSize }, (_, i) => `${h.name}[${i}]`);
    // every element of a stack alike: a stack shift copies words between elements
    const origin = refs.some((r) => placements.get(r)?.mode === "checked");
    for (const ref of refs) elements.push({ ref, type, origin });
  }
  const validBase = take(Math.ceil(elements.length / 8) * 8);
  const placeHeader = (e: (typeof elements)[number], i: number): void => {
    const base = at;
    const fields = new Map<string, number>();
    let words = 0;
    for (const f of e.type.fields) {
      fields.set(f.name, take(bytesOf(f.width)));
      words += wordsOf(f.width);
    }
    const origin = e.origin ? take(8) : undefined;
    const clean = cleanSums.get(e.ref);
    const cleanSum = clean && { at: take(8), ...clean };
    headers.set(e.ref, {
      ref: e.ref, type: e.type, valid: validBase + i, fields, words: words + (origin === undefined ? 0 : 1) + (cleanSum ? 1 : 0), base,
      ...(origin === undefined ? {} : { origin }), ...(cleanSum ? { cleanSum } : {}),
    });
  };
  const seen = (e: (typeof elements)[number]): boolean => stale.has(e.ref.replace(/\[\d+\]$/, ""));
  elements.forEach((e, i) => seen(e) && placeHeader(e, i));
  const meta = new Map(program.metadata.map((m) => [m.name, take(bytesOf(ir.widthOf(m.type)))]));
  const locals = new Map<number, number>();
  const placeLocal = (l: ir.Local): void => void locals.set(l.id, take(bytesOf(ir.widthOf(l.type))));
  const written = assignedBeforeRead(program);
  program.locals.filter((l) => !written.has(l.id)).forEach(placeLocal);
  // the parser's exit writes POFF before anything reads it
  const zeroed: [number, number][] = [[S.PERR, S.LEN], [S.FIXED_END, at]];
  elements.forEach((e, i) => !seen(e) && placeHeader(e, i));
  program.locals.filter((l) => written.has(l.id)).forEach(placeLocal);
  const actions = program.actions;
  const callParamOffsets = new Map(actions.map((a) => [a.name, paramLayout(a)]));
  const callParams = take(Math.max(8, ...actions.map(paramBytes)));
  const temp = take(TEMP_BYTES);

  const maps: MapDef[] = [];
  const tables = new Map<string, TableLayout>();
  let counterSlots = 0;
  let defaultsBytes = 0;
  program.tables.forEach((t, i) => {
    const policy = ir.matchPolicy(t);
    const keyTemp = t.keys.map((k) => take(bytesOf(k.width)));
    const params = new Map<string, number[]>();
    let paramMax = 0;
    for (const name of t.actions) {
      const a = findAction(name);
      const offsets = a ? paramLayout(a) : [];
      params.set(name, offsets);
      paramMax = Math.max(paramMax, a ? paramBytes(a) : 0);
    }
    const valueSize = ENTRY_PARAMS + paramMax;
    const lpmOrder = [...t.keys.keys()].sort((a, b) => Number(t.keys[a]!.matchKind === "lpm") - Number(t.keys[b]!.matchKind === "lpm"));
    const rangeKeys = [...t.keys.keys()].filter((j) => t.keys[j]!.matchKind === "range");
    const chain = rangeKeys.length > 0 ? TSS_CHAIN : 1;
    const recordBytes = RECORD.BOUNDS + 16 * rangeKeys.length + valueSize;
    const keyBitStart = t.keys.map((_, j) => t.keys.slice(0, j).reduce((n, k) => n + k.width, 0));
    const packedBytes = Math.ceil(t.keys.reduce((n, k) => n + k.width, 0) / 8);
    let keySize: number;
    const map = `t${i}`;
    const tupleMap = `u${i}`;
    const direct = directTable(t, valueSize);
    if (direct) {
      keySize = 4;
      maps.push({ name: map, type: MapType.ARRAY, keySize, valueSize: valueSize + 8, maxEntries: 2 ** t.keys[0]!.width, flags: 0 });
    } else if (policy === "exact") {
      keySize = t.keys.reduce((n, k) => n + bytesOf(k.width), 0);
      maps.push({ name: map, type: MapType.HASH, keySize, valueSize, maxEntries: t.size, flags: 0 });
    } else if (policy === "lpm") {
      keySize = 4 + t.keys.reduce((n, k) => n + Math.ceil(k.width / 8), 0);
      maps.push({ name: map, type: MapType.LPM_TRIE, keySize, valueSize, maxEntries: t.size, flags: MapFlags.NO_PREALLOC });
    } else {
      checkConstTuples(t);
      keySize = 4 + packedBytes;
      maps.push({ name: map, type: MapType.HASH, keySize, valueSize: chain * recordBytes, maxEntries: t.size, flags: 0 });
      maps.push({ name: tupleMap, type: MapType.ARRAY, keySize: 4, valueSize: TUPLE.MASKS + 8 * Math.ceil(packedBytes / 8), maxEntries: MAX_TUPLES + 1, flags: 0 }); // mask: packedWords words
    }
    const counterBase = counterSlots;
    if (t.counters) counterSlots += t.size;
    const defaultOffset = defaultsBytes;
    defaultsBytes += valueSize;
    tables.set(t.name, {
      table: t, policy, map, defaultOffset, counterBase, keyTemp, valueSize, params, keySize, lpmOrder, tupleMap, keyBitStart, packedBytes, rangeKeys, chain, recordBytes, direct,
      ...(t.counters ? { counterMap: TABLE_COUNTERS_MAP } : {}),
    });
  });
  if (defaultsBytes > 0) maps.push({ name: DEFAULTS_MAP, type: MapType.ARRAY, keySize: 4, valueSize: defaultsBytes, maxEntries: 1, flags: 0 });
  if (counterSlots > 0) maps.push({ name: TABLE_COUNTERS_MAP, type: MapType.ARRAY, keySize: 4, valueSize: 16, maxEntries: counterSlots, flags: 0 });
  const counterMaps = new Map<string, string>();
  program.counters.forEach((c, i) => {
    counterMaps.set(c.name, `k${i}`);
    maps.push({ name: `k${i}`, type: MapType.ARRAY, keySize: 4, valueSize: 16, maxEntries: c.size, flags: 0 });
  });
  const registerMaps = new Map<string, string>();
  program.registers.forEach((r, i) => {
    registerMaps.set(r.name, `r${i}`);
    maps.push({ name: `r${i}`, type: MapType.ARRAY, keySize: 4, valueSize: bytesOf(r.width), maxEntries: r.size, flags: 0 });
  });
  const meterMaps = new Map<string, string>();
  program.meters.forEach((m, i) => {
    meterMaps.set(m.name, `m${i}`);
    maps.push({ name: `m${i}`, type: MapType.ARRAY, keySize: 4, valueSize: METER_BYTES, maxEntries: m.size, flags: 0 });
  });
  const digestMap = program.digests.length > 0 ? DIGESTS_MAP : undefined;
  if (digestMap) maps.push({ name: digestMap, type: MapType.RINGBUF, keySize: 0, valueSize: 0, maxEntries: DIGEST_RING_BYTES, flags: 0 });
  if (multicasts(program)) {
    maps.push({ name: MCAST_GROUPS_MAP, type: MapType.HASH, keySize: 4, valueSize: 4, maxEntries: MCAST_SLOTS, flags: 0 });
    for (let slot = 0; slot < MCAST_SLOTS; slot++) {
      maps.push({ name: mcastSlotMap(slot), type: MapType.DEVMAP_HASH, keySize: 4, valueSize: 4, maxEntries: MCAST_SLOT_PORTS, flags: 0 });
    }
  }
  const keyBuffer = take(Math.max(8, ...[...tables.values()].map((t) => t.keySize + 8)));
  const priority = [...tables.values()].filter((t) => t.policy === "priority");
  at = Math.ceil(at / 8) * 8; // the search loads and stores these a word at a time
  const packedKey = take(Math.max(8, ...priority.map((t) => 8 * packedWords(t))));
  const bestEntry = take(Math.max(8, ...priority.map((t) => t.valueSize)));
  const size = Math.ceil(at / 8) * 8;
  if (maps.length + 3 > MAX_MAPS) {
    throw new Unsupported(program.span, `ebpf target: the program needs ${maps.length + 3} maps (one per exact or lpm table, two per table with ternary, range or optional keys, one per counter, register and meter, one for digests, ${MCAST_SLOTS + 1} for multicast, plus up to 5); the kernel allows ${MAX_MAPS} per program`, "E0851");
  }
  maps.unshift(
    { name: SCRATCH_MAP, type: MapType.PERCPU_ARRAY, keySize: 4, valueSize: size, maxEntries: 1, flags: 0 },
    { name: PORTS_MAP, type: MapType.DEVMAP, keySize: 4, valueSize: 4, maxEntries: 65536, flags: 0 },
    { name: IFPORTS_MAP, type: MapType.ARRAY, keySize: 4, valueSize: IFPORT.BYTES, maxEntries: IFPORTS_ENTRIES, flags: 0 },
  );
  return {
    program, placements, size, zeroed, headers, meta, locals, callParams, callParamOffsets, temp, tempBytes: TEMP_BYTES, keyBuffer, packedKey, bestEntry, tables, maps,
    counterMaps, registerMaps, meterMaps, digestMap,
  };
}

/**
 * Header instances whose words setValid or a stack shift can expose: made
 * valid by setValid (its fields must then read 0), or shifted in a stack
 * (words move between elements). With the headers whose fields the code
 * reads where they may be invalid (validity.ts), these are the ones that
 * must start every packet at 0 (the interpreter's "an invalid header's
 * fields read as 0"). Any other header's words are only used while it is
 * valid, so after an extract wrote them all: a slice assignment reads its
 * word after the valid check, the deparser writes valid headers only.
 */
export function exposedByValidity(program: ir.Program): Set<string> {
  const seen = new Set<string>();
  const visit = (s: ir.Stmt): void => {
    if (s.kind === "SetValidity" && s.valid) seen.add(s.ref.header);
    if (s.kind === "StackShift") seen.add(s.header);
  };
  walkStmts(program.ingress, visit);
  for (const a of program.actions) walkStmts(a.body, visit);
  return seen;
}

/** A priority table's const entries must fit the tuple-space limits (run-time entries are refused one by one by the control plane). */
function checkConstTuples(t: ir.Table): void {
  const tuples = new Set<string>();
  const chains = new Map<string, number>();
  for (const e of t.entries) {
    const { values, masks } = tupleForm(t, e.keys);
    const tuple = masks.join(",");
    const chain = `${tuple}|${values.join(",")}`;
    tuples.add(tuple);
    chains.set(chain, (chains.get(chain) ?? 0) + 1);
    if (tuples.size > MAX_TUPLES || chains.get(chain)! > TSS_CHAIN) {
      const why = tuples.size > MAX_TUPLES ? `more than ${MAX_TUPLES} distinct masks` : `more than ${TSS_CHAIN} entries that differ only in their ranges`;
      throw new Unsupported(e.span, `ebpf target: table ${t.name}'s const entries have ${why}, the most its tuple-space search holds`, "E0851");
    }
  }
}

/** Whether any statement sets the multicast verdict (ingress or an action). */
export function multicasts(program: ir.Program): boolean {
  let found = false;
  const visit = (s: ir.Stmt): void => {
    if (s.kind === "Verdict" && s.verdict === "multicast") found = true;
  };
  walkStmts(program.ingress, visit);
  for (const a of program.actions) walkStmts(a.body, visit);
  return found;
}
