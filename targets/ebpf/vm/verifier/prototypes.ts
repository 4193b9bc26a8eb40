/**
 * Helper prototypes, as the kernel declares them (`struct bpf_func_proto`): what each argument
 * register must hold and what r0 holds after the call. The verifier checks a call against its
 * prototype; a helper registered without one only has its id checked. `XDP_HELPER_PROTOTYPES`
 * covers the helpers pnet's XDP backend calls (ids from linux/bpf.h).
 */

export type ArgType =
  /** A map: an lddw of a map reference. */
  | "map"
  /** A pointer to the map's key size of readable bytes (stack, map value or packet). */
  | "key"
  /** A pointer to the map's value size of readable bytes. */
  | "value"
  /** A pointer to the map's value size of writable bytes, filled by the helper. */
  | "value out"
  /** A pointer to readable bytes whose count is the next argument (a bounded number); NULL with 0 allowed. */
  | "memory"
  /** The byte count of the preceding "memory" argument. */
  | "size"
  /** The program's context (r1 at entry). */
  | "context"
  /** Any number (not a pointer). */
  | "number";

export interface HelperPrototype {
  readonly args: readonly ArgType[];
  /** r0 after the call. */
  readonly returns: "number" | "map value or null";
  /** The helper moves the packet: every packet pointer is invalid afterwards. */
  readonly changesPacket?: boolean;
}

export const XDP_HELPER_PROTOTYPES: ReadonlyMap<number, HelperPrototype> = new Map<number, HelperPrototype>([
  [1, { args: ["map", "key"], returns: "map value or null" }], // map_lookup_elem
  [2, { args: ["map", "key", "value", "number"], returns: "number" }], // map_update_elem
  [3, { args: ["map", "key"], returns: "number" }], // map_delete_elem
  [5, { args: [], returns: "number" }], // ktime_get_ns
  [23, { args: ["number", "number"], returns: "number" }], // redirect
  [28, { args: ["memory", "size", "memory", "size", "number"], returns: "number" }], // csum_diff
  [44, { args: ["context", "number"], returns: "number", changesPacket: true }], // xdp_adjust_head
  [51, { args: ["map", "number", "number"], returns: "number" }], // redirect_map
  [54, { args: ["context", "number"], returns: "number", changesPacket: true }], // xdp_adjust_meta
  [65, { args: ["context", "number"], returns: "number", changesPacket: true }], // xdp_adjust_tail
  [87, { args: ["map", "value", "number"], returns: "number" }], // map_push_elem
  [88, { args: ["map", "value out"], returns: "number" }], // map_pop_elem
  [89, { args: ["map", "value out"], returns: "number" }], // map_peek_elem
  [130, { args: ["map", "memory", "size", "number"], returns: "number" }], // ringbuf_output
]);
