// Running hand-built programs in tests: one packet in, what came out, and the
// values a `probe` digest reported (the tests' window into a packet's state).

import * as ir from "../../compiler/ir.js";
import { fromHex, toHex } from "../../runtime/craft.js";
import type { Dataplane, PacketResult } from "../../runtime/dataplane.js";
import { createInterpreter } from "../../targets/interp/index.js";
import * as b from "./ir-build.js";

export { fromHex, toHex };

/** A digest named `probe` with one field per expression (p0, p1, …), of the expression's width. */
export function probe(exprs: readonly ir.Expr[]): { digest: ir.Digest; send: ir.Stmt } {
  const digest = { name: "probe", fields: exprs.map((e, i) => ({ name: `p${i}`, width: ir.widthOf(e.type) })), span: b.SPAN };
  return { digest, send: b.digestSend("probe", [...exprs]) };
}

/** The probe values of the first probe digest of a result. */
export function probed(r: PacketResult): bigint[] {
  const d = r.digests.find((m) => m.digest === "probe");
  if (!d) throw new Error("no probe digest was sent");
  return Object.values(d.fields);
}

/** Sends one packet (hex) on `port`; returns the result. */
export function send(dp: Dataplane, hex: string, port = 0, timestampNs?: bigint): PacketResult {
  return dp.process([{ port, data: fromHex(hex), ...(timestampNs !== undefined ? { timestampNs } : {}) }])[0]!;
}

/** Outputs as [port, hex] pairs. */
export function outs(r: PacketResult): [number, string][] {
  return r.outputs.map((o) => [o.port, toHex(o.data)]);
}

export function interp(p: ir.Program): Dataplane {
  return createInterpreter(p);
}
