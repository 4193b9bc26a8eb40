// BTF (BPF Type Format) for BTF-defined maps, as libbpf expects them in the
// `.BTF` section: each map in `.maps` is a global variable of an anonymous
// struct whose members are pointers, and every number (type, key_size,
// value_size, max_entries, map_flags) is encoded as the element count of an
// `int[N]` array the member points to — the `__uint(name, N)` macro of
// bpf_helpers.h. A DATASEC named `.maps` lists the variables at their offsets.
//
// encodeMapBtf writes that; decodeMapBtf reads it back (the emulator's loader
// uses it to learn the map definitions from the object, as libbpf does).

import type { MapDef } from "./object.js";

const BTF_MAGIC = 0xeb9f;
const HEADER_LEN = 24;
const Kind = { INT: 1, PTR: 2, ARRAY: 3, STRUCT: 4, VAR: 14, DATASEC: 15 } as const;
const VAR_GLOBAL_ALLOCATED = 1;

/** Members of a map struct, in the order bpf_helpers.h users write them. */
const FIELDS = ["type", "key_size", "value_size", "max_entries", "map_flags"] as const;
type Field = (typeof FIELDS)[number];

const fieldValue = (m: MapDef, f: Field): number =>
  f === "type" ? m.type : f === "key_size" ? m.keySize : f === "value_size" ? m.valueSize : f === "max_entries" ? m.maxEntries : m.flags;

/** Bytes of one map struct in `.maps`: one 8-byte pointer per member. */
export const MAP_STRUCT_BYTES = FIELDS.length * 8;

class Strings {
  private readonly parts: string[] = [""];
  private readonly offsets = new Map<string, number>([["", 0]]);
  private length = 1;
  add(s: string): number {
    const known = this.offsets.get(s);
    if (known !== undefined) return known;
    const at = this.length;
    this.offsets.set(s, at);
    this.parts.push(s);
    this.length += Buffer.byteLength(s) + 1;
    return at;
  }
  bytes(): Uint8Array {
    return new Uint8Array(Buffer.from(this.parts.map((p) => p + "\0").join("")));
  }
}

/** The `.BTF` section describing `maps`, laid out in `.maps` in order, MAP_STRUCT_BYTES apart. */
export function encodeMapBtf(maps: readonly MapDef[]): Uint8Array {
  const strings = new Strings();
  const words: number[] = [];
  let nextId = 1;
  const type = (nameOff: number, kind: number, vlen: number, sizeOrType: number, extra: number[]): number => {
    words.push(nameOff, ((kind << 24) | vlen) >>> 0, sizeOrType, ...extra);
    return nextId++;
  };
  const intId = type(strings.add("int"), Kind.INT, 0, 4, [32]); // encoding 0, offset 0, 32 bits
  const arrayIds = new Map<number, number>();
  const ptrToArray = (n: number): number => {
    let id = arrayIds.get(n);
    if (id === undefined) {
      const arr = type(0, Kind.ARRAY, 0, 0, [intId, intId, n]);
      id = type(0, Kind.PTR, 0, arr, []);
      arrayIds.set(n, id);
    }
    return id;
  };
  const varIds = maps.map((m) => {
    const members = FIELDS.flatMap((f, i) => [strings.add(f), ptrToArray(fieldValue(m, f)), i * 64]);
    const struct = type(0, Kind.STRUCT, FIELDS.length, MAP_STRUCT_BYTES, members);
    return type(strings.add(m.name), Kind.VAR, 0, struct, [VAR_GLOBAL_ALLOCATED]);
  });
  if (maps.length > 0) type(
    strings.add(".maps"),
    Kind.DATASEC,
    maps.length,
    maps.length * MAP_STRUCT_BYTES,
    varIds.flatMap((v, i) => [v, i * MAP_STRUCT_BYTES, MAP_STRUCT_BYTES]),
  );
  const typeBytes = new Uint8Array(new Uint32Array(words).buffer);
  const strBytes = strings.bytes();
  const out = new Uint8Array(HEADER_LEN + typeBytes.length + strBytes.length);
  const v = new DataView(out.buffer);
  v.setUint16(0, BTF_MAGIC, true);
  v.setUint8(2, 1); // version
  v.setUint8(3, 0); // flags
  v.setUint32(4, HEADER_LEN, true);
  v.setUint32(8, 0, true); // type_off
  v.setUint32(12, typeBytes.length, true);
  v.setUint32(16, typeBytes.length, true); // str_off
  v.setUint32(20, strBytes.length, true);
  out.set(typeBytes, HEADER_LEN);
  out.set(strBytes, HEADER_LEN + typeBytes.length);
  return out;
}

interface BtfType {
  readonly name: string;
  readonly kind: number;
  readonly vlen: number;
  readonly sizeOrType: number;
  readonly extra: readonly number[];
}

/** Words that follow a type's 12-byte header, by kind (only the kinds a map definition can use). */
function extraWords(kind: number, vlen: number): number {
  switch (kind) {
    case Kind.INT: return 1;
    case Kind.ARRAY: return 3;
    case Kind.STRUCT: case 5 /* UNION */: return 3 * vlen;
    case 6 /* ENUM */: return 2 * vlen;
    case 13 /* FUNC_PROTO */: return 2 * vlen;
    case Kind.VAR: return 1;
    case Kind.DATASEC: return 3 * vlen;
    case 17 /* DECL_TAG */: return 1;
    case 19 /* ENUM64 */: return 3 * vlen;
    default: return 0; // PTR, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT, FUNC, FLOAT, TYPE_TAG
  }
}

/**
 * The map definitions of a `.BTF` section, by variable name, with each map's
 * offset in `.maps`. Only the `__uint(…)` member form is understood (what
 * encodeMapBtf writes); anything else is an error naming the map and member.
 */
export function decodeMapBtf(btf: Uint8Array): { def: MapDef; offset: number }[] {
  const v = new DataView(btf.buffer, btf.byteOffset, btf.byteLength);
  if (v.getUint16(0, true) !== BTF_MAGIC) throw new Error("the .BTF section does not start with the BTF magic 0xeb9f");
  const hdrLen = v.getUint32(4, true);
  const typeOff = hdrLen + v.getUint32(8, true);
  const typeLen = v.getUint32(12, true);
  const strOff = hdrLen + v.getUint32(16, true);
  const name = (off: number): string => {
    let end = strOff + off;
    while (btf[end] !== 0) end++;
    return Buffer.from(btf.subarray(strOff + off, end)).toString();
  };
  const types: (BtfType | undefined)[] = [undefined];
  for (let at = typeOff; at < typeOff + typeLen; ) {
    const info = v.getUint32(at + 4, true);
    const kind = (info >>> 24) & 0x1f;
    const vlen = info & 0xffff;
    const n = extraWords(kind, vlen);
    const extra = Array.from({ length: n }, (_, i) => v.getUint32(at + 12 + 4 * i, true));
    types.push({ name: name(v.getUint32(at, true)), kind, vlen, sizeOrType: v.getUint32(at + 8, true), extra });
    at += 12 + 4 * n;
  }
  const datasec = types.find((t) => t?.kind === Kind.DATASEC && t.name === ".maps");
  if (!datasec) return [];
  const result: { def: MapDef; offset: number }[] = [];
  for (let i = 0; i < datasec.vlen; i++) {
    const variable = types[datasec.extra[3 * i]!];
    const offset = datasec.extra[3 * i + 1]!;
    if (variable?.kind !== Kind.VAR) throw new Error(".maps: entry is not a variable");
    const struct = types[variable.sizeOrType];
    if (struct?.kind !== Kind.STRUCT) throw new Error(`map ${variable.name}: its type is not a struct`);
    const values: Partial<Record<Field, number>> = {};
    for (let m = 0; m < struct.vlen; m++) {
      const memberName = name(struct.extra[3 * m]!);
      const member = types[struct.extra[3 * m + 1]!];
      const array = member?.kind === Kind.PTR ? types[member.sizeOrType] : undefined;
      if (array?.kind !== Kind.ARRAY) throw new Error(`map ${variable.name}: member ${memberName} is not __uint(${memberName}, N)`);
      if ((FIELDS as readonly string[]).includes(memberName)) values[memberName as Field] = array.extra[2]!;
    }
    result.push({
      offset,
      def: {
        name: variable.name,
        type: values.type ?? 0,
        keySize: values.key_size ?? 0,
        valueSize: values.value_size ?? 0,
        maxEntries: values.max_entries ?? 0,
        flags: values.map_flags ?? 0,
      },
    });
  }
  return result;
}
