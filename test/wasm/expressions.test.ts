// Expressions of every width on wasm against the interpreter: random typed
// expression trees over header fields of awkward widths (1 to 128 bits, not
// byte aligned), reported through a digest, on random packet bytes. This is
// where 128-bit arithmetic, shifts by variable amounts, slices, concatenation,
// casts, hashes and checksums meet the reference, bit for bit.

import { describe, it, expect } from "vitest";
import * as ir from "../../compiler/ir.js";
import { makeRng, toHex, type Rng } from "../../runtime/craft.js";
import { createInterpreter } from "../../targets/interp/index.js";
import { createWasmDataplane } from "../../targets/wasm/index.js";
import * as b from "../interp/ir-build.js";

const WIDTHS = [1, 3, 8, 13, 16, 32, 47, 64, 65, 100, 128];
// One header holding a field of every width (its total padded to whole bytes).
const FIELDS: [string, number][] = WIDTHS.map((w) => [`f${w}`, w]);
const total = FIELDS.reduce((n, [, w]) => n + w, 0);
const PAD = (8 - (total % 8)) % 8;
const WIDE = b.headerType("wide", [...FIELDS, ...(PAD ? ([["pad", PAD]] as [string, number][]) : [])]);
const HEADER_BYTES = (total + PAD) / 8;

function gen(rng: Rng, width: number, depth: number): ir.Expr {
  const leaf = (): ir.Expr => {
    if (rng.chance(0.3)) {
      let v = 0n;
      for (let i = 0; i < width; i += 32) v = (v << 32n) | BigInt(rng.u32());
      return b.c(v & ir.mask(width), width);
    }
    const src = rng.pick(WIDTHS);
    const f = b.fld("h", `f${src}`, src);
    return src === width ? f : b.cast(f, ir.bit(width));
  };
  if (depth === 0) return leaf();
  const sub = (w = width): ir.Expr => gen(rng, w, depth - 1);
  switch (rng.int(0, 11)) {
    case 0:
    case 1:
      return b.bin(rng.pick(["+", "-", "*"] as const), sub(), sub());
    case 2:
      return b.bin(rng.pick(["&", "|", "^"] as const), sub(), sub());
    case 3:
      return b.bin(rng.pick(["<<", ">>"] as const), sub(), rng.chance(0.5) ? b.c(rng.int(0, width + 2), 8) : sub(rng.pick(WIDTHS)));
    case 4:
      return b.inv(sub());
    case 5: {
      if (width < 2) return leaf();
      const left = rng.int(1, width - 1);
      return b.concat(sub(left), sub(width - left));
    }
    case 6: {
      const from = rng.pick(WIDTHS.filter((w) => w >= width));
      const lo = rng.int(0, from - width);
      return b.slice(sub(from), lo + width - 1, lo);
    }
    case 7: {
      const w = rng.pick(WIDTHS);
      const cmp = b.bin(rng.pick(["==", "!=", "<", "<=", ">", ">="] as const), sub(w), sub(w));
      return b.cond(rng.chance(0.5) ? cmp : b.bin(rng.pick(["&&", "||"] as const), cmp, b.bin("<", sub(w), sub(w))), sub(), sub());
    }
    case 8:
      return width === 32 ? b.hashOf(rng.pick(["crc32", "crc16", "xor16", "identity"] as const), [sub(rng.pick(WIDTHS)), sub(rng.pick(WIDTHS))]) : b.cast(gen(rng, 32, 0), ir.bit(width));
    case 9:
      return width === 16 ? b.checksum([sub(16), sub(32), sub(64)]) : b.cast(sub(rng.pick(WIDTHS)), ir.bit(width));
    case 10:
      return width === 16 ? b.csumUpdate(sub(16), sub(32), sub(32)) : b.cast(b.cast(sub(rng.pick(WIDTHS)), ir.BOOL), ir.bit(width));
    default:
      return leaf();
  }
}

describe("expressions of every width: wasm equals the interpreter", () => {
  it("random expression trees over random packets", async () => {
    const rng = makeRng(42);
    for (let round = 0; round < 16; round++) {
      const exprs = Array.from({ length: 24 }, () => gen(rng, rng.pick(WIDTHS), rng.int(1, 4)));
      const digest = { name: "probe", fields: exprs.map((e, i) => ({ name: `p${i}`, width: ir.widthOf(e.type) })), span: b.SPAN };
      // Field writes too: whole fields and slices, then the header is re-emitted.
      const writes = WIDTHS.filter(() => rng.chance(0.5)).map((w) =>
        rng.chance(0.5) || w < 4 ? b.setField("h", `f${w}`, gen(rng, w, 2)) : b.assign(b.fieldLoc("h", `f${w}`), gen(rng, w - 2, 2), { hi: w - 2, lo: 1 }),
      );
      const program = b.program({
        headerTypes: [WIDE],
        headers: [["h", "wide"]],
        states: [b.state("start", [b.extract("h")], b.goto("accept"))],
        digests: [digest],
        ingress: [b.digestSend("probe", exprs), ...writes, b.forward(1)],
      });
      const interp = createInterpreter(program);
      const wasm = await createWasmDataplane(program);
      const packets = Array.from({ length: 300 }, () => ({ port: 0, data: rng.bytes(HEADER_BYTES + rng.int(0, 4)) }));
      const [want, got] = [interp.process(packets), wasm.process(packets)];
      for (let i = 0; i < packets.length; i++) {
        const show = (r: (typeof want)[number]): string =>
          JSON.stringify({ d: r.digests.map((d) => Object.values(d.fields).map(String)), o: r.outputs.map((o) => toHex(o.data)) });
        if (show(got[i]!) !== show(want[i]!)) {
          const diff = exprs.map((e, k) => [k, want[i]!.digests[0]?.fields[`p${k}`], got[i]!.digests[0]?.fields[`p${k}`], e] as const).filter(([, x, y]) => x !== y);
          expect.fail(`round ${round}, packet ${toHex(packets[i]!.data)}:\n${JSON.stringify(diff[0] ?? show(want[i]!) + " vs " + show(got[i]!), (_k, v) => (typeof v === "bigint" ? v.toString() : v), 1).slice(0, 3000)}`);
        }
      }
    }
  });
});
