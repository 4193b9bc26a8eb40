// Helper functions of every generated module: byte swaps, the high half of a
// 64×64 multiplication, CRC-32/CRC-16/XOR-16 and the RFC 1071 checksum over a
// scratch buffer, the key hash of the table structures, and the RFC 2698
// meter. Small ones are inlined by binaryen's inlining pass; the loops take
// their byte count from the caller, a compile-time constant, so they end.
//
// The key hash is MurmurHash3 (x86, 32-bit) over the key's 32-bit halves; keys.ts
// computes the same function in TypeScript when it fills the hash tables.

import binaryen from "binaryen";
import { crcTable } from "../../compiler/hash.js";
import { GREEN, NANO, RED, YELLOW } from "../../compiler/meter.js";
import * as abi from "./abi.js";
import { BSWAP32, BSWAP64 } from "./gen-bits.js";
import { Fn, type X } from "./gen-values.js";

export const MULHU = "mulhu";
export const CRC32 = "crc32";
export const CRC16 = "crc16";
export const XOR16 = "xor16";
export const CSUM = "csum16";
export const METER = "meter";
export const hashName = (words: number): string => `hash${words}`;

const { i32, i64 } = binaryen;

function add(m: binaryen.Module, name: string, params: binaryen.Type[], result: binaryen.Type, build: (f: Fn) => X): void {
  const f = new Fn(m, params);
  const body = build(f);
  m.addFunction(name, binaryen.createType(params), result, f.vars, body);
}

/** A CRC lookup table of compiler/hash.ts (reflected, 256 × u32), as data for the memory. */
export const crcTableBytes = (poly: number): Uint8Array => new Uint8Array(crcTable(poly).buffer);

export function addHelpers(m: binaryen.Module, crc32Table: number, crc16Table: number, hashWords: ReadonlySet<number>): void {
  const p32 = (i: number): X => m.local.get(i, i32);
  const p64 = (i: number): X => m.local.get(i, i64);

  add(m, BSWAP32, [i32], i32, (f) =>
    m.i32.or(
      m.i32.and(m.i32.rotl(p32(0), f.i32(8)), f.i32(0x00ff00ff)),
      m.i32.and(m.i32.rotr(p32(0), f.i32(8)), f.i32(0xff00ff00 | 0)),
    ),
  );
  add(m, BSWAP64, [i64], i64, (f) => {
    const x = 0;
    const step = (bits: number, msk: bigint): X =>
      m.local.set(
        x,
        m.i64.or(m.i64.and(m.i64.shr_u(p64(x), f.i64(bits)), f.i64(msk)), m.i64.shl(m.i64.and(p64(x), f.i64(msk)), f.i64(bits))),
      );
    return m.block(null, [step(8, 0x00ff00ff00ff00ffn), step(16, 0x0000ffff0000ffffn), m.i64.rotl(p64(x), f.i64(32))], i64);
  });

  // High 64 bits of a·b (unsigned), from 32-bit halves.
  add(m, MULHU, [i64, i64], i64, (f) => {
    const [al, ah, bl, bh, t, u] = [f.local(i64), f.local(i64), f.local(i64), f.local(i64), f.local(i64), f.local(i64)];
    const lo32 = (x: X): X => m.i64.and(x, f.i64(0xffffffffn));
    const hi32 = (x: X): X => m.i64.shr_u(x, f.i64(32));
    return m.block(
      null,
      [
        m.local.set(al, lo32(p64(0))),
        m.local.set(ah, hi32(p64(0))),
        m.local.set(bl, lo32(p64(1))),
        m.local.set(bh, hi32(p64(1))),
        // t = ah·bl + (al·bl >> 32); u = al·bh + (t & 0xffffffff)
        m.local.set(t, m.i64.add(m.i64.mul(p64(ah), p64(bl)), hi32(m.i64.mul(p64(al), p64(bl))))),
        m.local.set(u, m.i64.add(m.i64.mul(p64(al), p64(bh)), lo32(p64(t)))),
        m.i64.add(m.i64.add(m.i64.mul(p64(ah), p64(bh)), hi32(p64(t))), hi32(p64(u))),
      ],
      i64,
    );
  });

  // Byte loops over (ptr, len): params 0 and 1.
  const byteLoop = (f: Fn, acc: number, init: X, stepOf: (byte: X) => X, finish: X, step = 1): X => {
    const i = f.local(i32);
    return m.block(
      null,
      [
        m.local.set(acc, init),
        m.block("done", [
          m.loop(
            "next",
            m.block(null, [
              m.br("done", m.i32.ge_u(p32(i), p32(1))),
              m.local.set(acc, stepOf(m.i32.load8_u(0, 1, m.i32.add(p32(0), p32(i))))),
              m.local.set(i, m.i32.add(p32(i), f.i32(step))),
              m.br("next"),
            ]),
          ),
        ]),
        finish,
      ],
      i32,
    );
  };
  const crc = (name: string, table: number, init: number, final: number): void =>
    add(m, name, [i32, i32], i32, (f) => {
      const c = f.local(i32);
      return byteLoop(
        f,
        c,
        f.i32(init),
        (b) =>
          m.i32.xor(
            m.i32.load(table, 4, m.i32.shl(m.i32.and(m.i32.xor(p32(c), b), f.i32(0xff)), f.i32(2))),
            m.i32.shr_u(p32(c), f.i32(8)),
          ),
        m.i32.xor(p32(c), f.i32(final)),
      );
    });
  crc(CRC32, crc32Table, -1, -1);
  crc(CRC16, crc16Table, 0, 0);

  // Big-endian 16-bit words of (ptr, len); the caller zero-pads an odd length.
  const wordAt = (f: Fn, at: X): X => m.i32.shr_u(m.call(BSWAP32, [m.i32.load16_u(0, 1, at)], i32), f.i32(16));
  const wordLoop = (f: Fn, acc: number, combine: (acc: X, word: X) => X, finish: X): X => {
    const i = f.local(i32);
    return m.block(
      null,
      [
        m.block("done", [
          m.loop(
            "next",
            m.block(null, [
              m.br("done", m.i32.ge_u(p32(i), p32(1))),
              m.local.set(acc, combine(p32(acc), wordAt(f, m.i32.add(p32(0), p32(i))))),
              m.local.set(i, m.i32.add(p32(i), f.i32(2))),
              m.br("next"),
            ]),
          ),
        ]),
        finish,
      ],
      i32,
    );
  };
  add(m, XOR16, [i32, i32], i32, (f) => {
    const acc = f.local(i32);
    return wordLoop(f, acc, (a, w) => m.i32.xor(a, w), p32(acc));
  });
  // RFC 1071: ones' complement sum with end-around carry, complemented.
  add(m, CSUM, [i32, i32], i32, (f) => {
    const acc = f.local(i32);
    const fold = (): X => m.local.set(acc, m.i32.add(m.i32.and(p32(acc), f.i32(0xffff)), m.i32.shr_u(p32(acc), f.i32(16))));
    return wordLoop(
      f,
      acc,
      (a, w) => m.i32.add(a, w),
      m.block(null, [fold(), fold(), m.i32.and(m.i32.xor(p32(acc), f.i32(-1)), f.i32(0xffff))], i32),
    );
  });

  for (const words of hashWords) addKeyHash(m, words);
  addMeter(m);
}

/** MurmurHash3 x86_32 (seed 0) over the 2·words 32-bit halves (low half first) of i64 params. */
function addKeyHash(m: binaryen.Module, words: number): void {
  add(m, hashName(words), new Array<binaryen.Type>(words).fill(i64), i32, (f) => {
    const h = f.local(i32);
    const k = f.local(i32);
    const get = (l: number): X => m.local.get(l, i32);
    const body: X[] = [m.local.set(h, f.i32(0))];
    for (let w = 0; w < words; w++) {
      for (const half of [0, 1]) {
        const x = m.i32.wrap(half === 0 ? m.local.get(w, i64) : m.i64.shr_u(m.local.get(w, i64), f.i64(32)));
        body.push(
          m.local.set(k, m.i32.mul(x, f.i32(0xcc9e2d51 | 0))),
          m.local.set(k, m.i32.mul(m.i32.rotl(get(k), f.i32(15)), f.i32(0x1b873593))),
          m.local.set(h, m.i32.xor(get(h), get(k))),
          m.local.set(h, m.i32.add(m.i32.mul(m.i32.rotl(get(h), f.i32(13)), f.i32(5)), f.i32(0xe6546b64 | 0))),
        );
      }
    }
    const xorShift = (s: number): X => m.local.set(h, m.i32.xor(get(h), m.i32.shr_u(get(h), f.i32(s))));
    body.push(
      m.local.set(h, m.i32.xor(get(h), f.i32(words * 8))),
      xorShift(16),
      m.local.set(h, m.i32.mul(get(h), f.i32(0x85ebca6b | 0))),
      xorShift(13),
      m.local.set(h, m.i32.mul(get(h), f.i32(0xc2b2ae35 | 0))),
      xorShift(16),
      get(h),
    );
    return m.block(null, body, i32);
  });
}

/**
 * RFC 2698 colour-blind marking of one packet, the integer arithmetic of
 * compiler/meter.ts (markPacket): buckets in nanobytes, refill capped without overflowing
 * (elapsed ≥ ceil((cap − T)/rate) ⇒ T = cap). Params: cell address, now (ns), bytes.
 */
function addMeter(m: binaryen.Module): void {
  add(m, METER, [i32, i64, i64], i64, (f) => {
    const cell = (): X => m.local.get(0, i32);
    const now = (): X => m.local.get(1, i64);
    const [elapsed, tc, tp, cost] = [f.local(i64), f.local(i64), f.local(i64), f.local(i64)];
    const g = (l: number): X => m.local.get(l, i64);
    const load = (off: number): X => m.i64.load(off, 8, cell());
    const refill = (bucket: number, capOff: number, rateOff: number): X =>
      m.if(
        m.i64.ne(load(rateOff), f.i64(0)),
        m.local.set(
          bucket,
          m.if(
            m.i64.ge_u(
              g(elapsed),
              m.i64.div_u(m.i64.add(m.i64.sub(load(capOff), g(bucket)), m.i64.sub(load(rateOff), f.i64(1))), load(rateOff)),
            ),
            load(capOff),
            m.i64.add(g(bucket), m.i64.mul(load(rateOff), g(elapsed))),
          ),
        ),
      );
    return m.block(
      null,
      [
        m.if(m.i64.eqz(load(abi.M_CONFIGURED)), m.return(f.i64(GREEN))),
        m.local.set(tc, load(abi.M_TC)),
        m.local.set(tp, load(abi.M_TP)),
        m.if(
          m.i64.gt_u(now(), load(abi.M_LAST)),
          m.block(null, [
            m.local.set(elapsed, m.i64.sub(now(), load(abi.M_LAST))),
            refill(tc, abi.M_CCAP, abi.M_CIR),
            refill(tp, abi.M_PCAP, abi.M_PIR),
            m.i64.store(abi.M_LAST, 8, cell(), now()),
          ]),
        ),
        m.local.set(cost, m.i64.mul(m.local.get(2, i64), f.i64(NANO))),
        m.i64.store(abi.M_TC, 8, cell(), g(tc)),
        m.i64.store(abi.M_TP, 8, cell(), g(tp)),
        m.if(m.i64.lt_u(g(tp), g(cost)), m.return(f.i64(RED))),
        m.i64.store(abi.M_TP, 8, cell(), m.i64.sub(g(tp), g(cost))),
        m.if(m.i64.lt_u(g(tc), g(cost)), m.return(f.i64(YELLOW))),
        m.i64.store(abi.M_TC, 8, cell(), m.i64.sub(g(tc), g(cost))),
        f.i64(GREEN),
      ],
      i64,
    );
  });
}
