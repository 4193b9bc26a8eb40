// Key values that packets really look up: a copy of the program that sends a
// digest with a table's key values just before every apply of that table is
// run on the interpreter, and the digests collected. Differential tests turn
// these tuples into entries (exact values, prefixes, masks and ranges around
// them), so that lookups hit on every path, not only by chance.

import * as ir from "../../compiler/ir.js";
import type { PacketIn } from "../../runtime/dataplane.js";
import { createInterpreter } from "../../targets/interp/index.js";

const digestName = (table: string): string => `$keys_${table}`;

function withKeyDigests(program: ir.Program): ir.Program {
  const tables = new Map(program.tables.map((t) => [t.name, t]));
  const rewrite = (stmts: readonly ir.Stmt[]): ir.Stmt[] =>
    stmts.flatMap((s): ir.Stmt[] => {
      if (s.kind === "If") return [{ ...s, then: rewrite(s.then), else: rewrite(s.else) }];
      if (s.kind !== "ApplyTable") return [s];
      const t = tables.get(s.table)!;
      return [{ kind: "DigestSend", digest: digestName(t.name), values: t.keys.map((k) => k.expr), span: s.span }, s];
    });
  const digests = program.tables.map((t) => ({ name: digestName(t.name), fields: t.keys.map((k, i) => ({ name: `k${i}`, width: k.width })), span: t.span }));
  return { ...program, digests: [...program.digests, ...digests], ingress: rewrite(program.ingress) };
}

/** Table name → key tuples looked up by `packets`, after `setup` prepared the interpreter's tables. */
export function harvestKeys(program: ir.Program, packets: readonly PacketIn[], setup: (dp: ReturnType<typeof createInterpreter>) => void): Map<string, bigint[][]> {
  const dp = createInterpreter(withKeyDigests(program));
  setup(dp);
  const out = new Map<string, bigint[][]>();
  for (const r of dp.process(packets)) {
    for (const d of r.digests) {
      if (!d.digest.startsWith("$keys_")) continue;
      const table = d.digest.slice("$keys_".length);
      if (!out.has(table)) out.set(table, []);
      out.get(table)!.push(Object.values(d.fields));
    }
  }
  return out;
}
