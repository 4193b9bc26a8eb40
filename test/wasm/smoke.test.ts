import { describe, it, expect } from "vitest";
import { createWasmDataplane } from "../../targets/wasm/index.js";
import { fromHex, toHex } from "../../runtime/craft.js";
import * as b from "../interp/ir-build.js";

describe("wasm smoke", () => {
  it("forwards", async () => {
    const dp = await createWasmDataplane(b.program({ ingress: [b.setField("eth", "ethertype", b.c(0x1234, 16)), b.forward(3)] }));
    const [r] = dp.process([{ port: 1, data: fromHex("ffffffffffff 020000000001 0800 deadbeef") }]);
    expect(r!.outputs.map((o) => [o.port, toHex(o.data)])).toEqual([[3, "ffffffffffff0200000000011234deadbeef"]]);
  });
});
