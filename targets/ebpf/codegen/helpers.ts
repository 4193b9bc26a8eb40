// Kernel helper ids the generated program calls (linux/bpf.h), and the XDP
// context and return codes.

export const Helper = {
  map_lookup_elem: 1,
  map_update_elem: 2,
  map_delete_elem: 3,
  ktime_get_ns: 5,
  xdp_adjust_head: 44,
  redirect_map: 51,
  ringbuf_output: 130,
} as const;

/** `struct xdp_md` field offsets. */
export const XdpMd = { DATA: 0, DATA_END: 4, DATA_META: 8, INGRESS_IFINDEX: 12, RX_QUEUE_INDEX: 16, EGRESS_IFINDEX: 20, BYTES: 24 } as const;

export const XdpAction = { ABORTED: 0, DROP: 1, PASS: 2, TX: 3, REDIRECT: 4 } as const;

/** bpf_redirect_map flags. */
export const BPF_F_BROADCAST = 1 << 3;
export const BPF_F_EXCLUDE_INGRESS = 1 << 4;
