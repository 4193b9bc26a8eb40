// Safety of generated code on hostile input: random bytes of every length,
// and valid packets cut at every length, must never make a module trap (a
// RuntimeError from process) or loop, and every output must come from the
// packet's own slot (at most the headroom before it, never past its end).

import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { compile } from "../../compiler/compile.js";
import { garbagePacket, makeRng, randomPacket } from "../../runtime/craft.js";
import { computeLayout } from "../../targets/wasm/layout.js";
import { createWasmDataplane } from "../../targets/wasm/index.js";
import { examplePrograms } from "../support/examples.js";
import { randomEntry } from "../support/random-entries.js";

describe("no packet makes a module trap, loop or leave its slot", () => {
  it.each(examplePrograms())("%s", async (file) => {
    const { program } = compile(readFileSync(file, "utf8"), { file });
    const dp = await createWasmDataplane(program!);
    const rng = makeRng(99);
    for (const table of program!.tables) {
      for (let i = 0; i < 30; i++) {
        try {
          dp.tables[table.name]!.add(randomEntry(rng, program!, table));
        } catch {
          // duplicates and full tables are fine here
        }
      }
    }
    const packets = [
      ...Array.from({ length: 3000 }, () => garbagePacket(rng, 300)),
      ...Array.from({ length: 20 }, () => randomPacket(rng)).flatMap((p) => Array.from({ length: p.length + 1 }, (_, n) => p.slice(0, n))),
    ].map((data) => ({ port: rng.int(0, 3), data }));
    const results = dp.process(packets);
    const headroom = computeLayout(program!).headroom;
    expect(results.length).toBe(packets.length);
    results.forEach((r, i) => {
      for (const out of [...r.outputs.map((o) => o.data), ...r.toHost]) {
        expect(out.length).toBeLessThanOrEqual(packets[i]!.data.length + headroom);
      }
    });
  });
});
