// The library as an embedder uses it (interfaces.md, "The library").

import { describe, expect, it } from "vitest";
import { compile, load, ControlPlaneError } from "../index.js";

const SOURCE = `
header ethernet { dst: bit<48>; src: bit<48>; ethertype: bit<16>; }
headers { eth: ethernet; }
parser { state start { extract(eth); transition accept; } }
action send(port: bit<16>) { forward(port); }
action discard() { drop(); }
table l2 {
    key { eth.dst: exact; }
    actions { send; discard; }
    default_action = discard();
}
control ingress { l2.apply(); }
deparser { emit(eth); }
`;

const frame = (dst: number) => new Uint8Array([0, 0, 0, 0, 0, dst, 0, 0, 0, 0, 0, 1, 0x08, 0x00, 0xde, 0xad]);

describe("the pnet library", () => {
  it("prints diagnostics with String(): file:line:col, message and a caret", () => {
    const { program, diagnostics } = compile(SOURCE.replace("forward(port)", "forward(prt)"), { file: "l2.pnet" });
    expect(program).toBeUndefined();
    const text = diagnostics.map(String).join("\n");
    expect(text).toMatch(/^l2\.pnet:5:38: error\[E0201\]/);
    expect(text).toContain("forward(prt)");
    expect(text).toMatch(/\n\s+\|\s+\^{3}/);
  });

  it.each(["interp", "wasm"] as const)("compiles, loads on %s, installs an entry and forwards", async (target) => {
    const { program } = compile(SOURCE, { file: "l2.pnet" });
    const dp = await load(program!, { target });
    dp.tables.l2!.add({ key: { "eth.dst": "00:00:00:00:00:02" }, action: "send", args: { port: 7 } });
    const [hit, miss] = dp.process([{ port: 1, data: frame(2) }, { port: 1, data: frame(3) }]);
    expect(hit!.outputs.map((o) => [o.port, [...o.data]])).toEqual([[7, [...frame(2)]]]);
    expect(miss!.verdict).toBe("drop");
    expect(() => dp.tables.l2!.add({ key: { "eth.dst": "00:00:00:00:00:02" }, action: "send", args: { port: 8 } })).toThrow(ControlPlaneError);
    await dp.close();
  });
});
