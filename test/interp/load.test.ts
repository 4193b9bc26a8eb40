import { describe, it, expect } from "vitest";
import { load } from "../../runtime/load.js";
import * as b from "./ir-build.js";

describe("load", () => {
  it("loads the interpreter", async () => {
    const dp = await load(b.program({ ingress: [b.forward(2)] }), { target: "interp" });
    expect(dp.target).toBe("interp");
    expect(dp.process([{ port: 0, data: new Uint8Array(14) }])[0]!.outputs.map((o) => o.port)).toEqual([2]);
    await dp.close();
  });


  it("names the targets when given an unknown one", async () => {
    await expect(load(b.program({}), { target: "fpga" as never })).rejects.toThrow("unknown target 'fpga' (targets: interp, wasm, ebpf, kernel, rmt)");
  });
});

describe("process rejects a caller's mistakes (not malformed packets) with a clear message", () => {
  it.each([
    [{ port: -1, data: new Uint8Array(1) }, /packet 0: port -1 is not an integer from 0 to 65535/],
    [{ port: 65536, data: new Uint8Array(1) }, /port 65536/],
    [{ port: 1, data: [1, 2] as never }, /data must be a Uint8Array/],
    [{ port: 1, data: new Uint8Array(1), timestampNs: -1n }, /timestampNs -1 is not a bigint from 0 to 2\^64-1/],
    [{ port: 1, data: new Uint8Array(1), timestampNs: 5 as never }, /timestampNs 5/],
  ])("%o", async (packet, message) => {
    const dp = await load(b.program({}), { target: "interp" });
    expect(() => dp.process([packet])).toThrow(message);
  });
});
