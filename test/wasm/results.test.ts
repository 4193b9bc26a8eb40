// What Dataplane.process returns on wasm, where batch.ts builds it fast: output
// arrays are views of one buffer per batch and empty lists are shared, so these
// tests check that no result can be changed through another one.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { fromHex, toHex } from "../../runtime/craft.js";
import { createWasmDataplane } from "../../targets/wasm/index.js";

async function l2switch() {
  const file = "examples/l2switch/l2switch.pnet";
  const dp = await createWasmDataplane(compile(readFileSync(file, "utf8"), { file }).program!);
  dp.setMulticastGroup(1, [1, 2, 3, 4]);
  return dp;
}

const frame = (dst: string, src: string): Uint8Array => fromHex(`${dst} ${src} 0800 45000014000000004011000000000000`);

describe("wasm results", () => {
  it("multicast copies and unicast outputs are separate arrays: writing one changes no other result", async () => {
    const dp = await l2switch();
    dp.tables.dmac!.add({ key: { "eth.dst": "02:00:00:00:00:02" }, action: "forward_to", args: { port: 4 } });
    const flooded = frame("020000000009", "020000000001");
    const unicast = frame("020000000002", "020000000001");
    const [a, b] = dp.process([
      { port: 1, data: flooded },
      { port: 3, data: unicast },
    ]);
    expect(a!.outputs.map((o) => o.port)).toEqual([2, 3, 4]);
    expect(b!.outputs.map((o) => o.port)).toEqual([4]);
    a!.outputs[0]!.data.fill(0xee);
    expect(a!.outputs.slice(1).map((o) => toHex(o.data))).toEqual([toHex(flooded), toHex(flooded)]);
    expect(toHex(b!.outputs[0]!.data)).toBe(toHex(unicast));
    const [c] = dp.process([{ port: 2, data: unicast }]);
    expect(toHex(c!.outputs[0]!.data)).toBe(toHex(unicast));
    expect(toHex(b!.outputs[0]!.data)).toBe(toHex(unicast));
  });

  it("a group that holds only the ingress port sends nothing, and empty lists cannot be grown", async () => {
    const dp = await l2switch();
    dp.setMulticastGroup(1, [2]);
    const [r] = dp.process([{ port: 2, data: frame("020000000009", "020000000001") }]);
    expect(r!.verdict).toBe("multicast");
    expect(r!.outputs).toEqual([]);
    expect(r!.toHost).toEqual([]);
    expect(() => (r!.toHost as Uint8Array[]).push(new Uint8Array(1))).toThrow(TypeError);
  });
});
