// Big-endian bit fields in byte buffers: how headers are read from and written
// to the wire (most significant bit first, network byte order), the meaning of
// the IR's extract, lookahead and emit. The interpreter and the RMT simulator
// read and write packets with these; hash and checksum inputs become bytes the
// same way (bitsToBytes).
//
// A field that spans at most 6 bytes is assembled in a JS number (exact below
// 2^53) and converted once; wider fields go through bigint. Callers check
// bounds: these functions assume the bits are inside the buffer.

/** The `width` bits starting `bitOffset` bits into `data`. */
export function readBits(data: Uint8Array, bitOffset: number, width: number): bigint {
  const first = bitOffset >> 3;
  const end = bitOffset + width;
  const last = (end + 7) >> 3; // one past the last byte touched
  const drop = last * 8 - end; // bits after the field in its last byte
  if (last - first <= 6) {
    let acc = 0;
    for (let i = first; i < last; i++) acc = acc * 256 + data[i]!;
    if (drop !== 0) acc = Math.floor(acc / 2 ** drop);
    return BigInt((bitOffset & 7) === 0 ? acc : acc % 2 ** width);
  }
  let acc = 0n;
  for (let i = first; i < last; i++) acc = (acc << 8n) | BigInt(data[i]!);
  return (acc >> BigInt(drop)) & ((1n << BigInt(width)) - 1n);
}

/**
 * ORs `value` (at most `width` bits) into `out` at `bitOffset`. The bits it
 * covers must be 0 beforehand: headers are written into a zeroed buffer.
 */
export function orBits(out: Uint8Array, bitOffset: number, width: number, value: bigint): void {
  const first = bitOffset >> 3;
  const end = bitOffset + width;
  const last = (end + 7) >> 3;
  const shift = last * 8 - end;
  if (width + shift <= 32) {
    let v = Number(value) * 2 ** shift;
    for (let i = last - 1; i >= first; i--) {
      out[i] |= v & 0xff;
      v >>>= 8;
    }
    return;
  }
  // Wider: 32 bits at a time out of the bigint.
  let v = value << BigInt(shift);
  for (let i = last - 1; i >= first; ) {
    let chunk = Number(v & 0xffff_ffffn);
    v >>= 32n;
    for (let k = 0; k < 4 && i >= first; k++, i--) {
      out[i] |= chunk & 0xff;
      chunk >>>= 8;
    }
  }
}

/** A bit string (`width` bits, MSB first) as bytes, zero-padded at the end to whole bytes. */
export function bitsToBytes(value: bigint, width: number): Uint8Array {
  const out = new Uint8Array((width + 7) >> 3);
  if (width > 0) orBits(out, 0, width, value);
  return out;
}
