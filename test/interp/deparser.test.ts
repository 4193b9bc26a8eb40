import { describe, it, expect } from "vitest";
import { interp, outs, send } from "./harness.js";
import * as b from "./ir-build.js";

const ETH = "ffffffffffff020000000001";
const TAGS = "8100 0001 8100 0002 8100 0003".replace(/ /g, "");

describe("deparser", () => {
  const parts = (emits: string[]): b.ProgramParts => ({
    headers: [["eth", "ethernet"], ["s", "vlan_tag", 3], ["ip", "ipv4"]],
    states: [b.state("start", [b.extract("eth"), b.extract("s", 0), b.extract("s", 1), b.extract("s", 2)], b.goto("accept"))],
    emits,
    ingress: [b.forward(1)],
  });

  it("emits headers in the deparser's order, not the parser's", () => {
    const dp = interp(b.program(parts(["s", "eth"])));
    expect(outs(send(dp, `${ETH}0800 ${TAGS} 99`))).toEqual([[1, `8100000181000002810000 03${ETH}0800 99`.replace(/ /g, "")]]);
  });

  it("a stack emits its valid elements in index order, skipping invalid ones", () => {
    const dp = interp(b.program({ ...parts(["eth", "s"]), ingress: [b.setValid("s", false, 1), b.forward(1)] }));
    expect(outs(send(dp, `${ETH}0800 ${TAGS} 99`))).toEqual([[1, `${ETH}0800 81000001 81000003 99`.replace(/ /g, "")]]);
  });

  it("a header not emitted is removed; the payload is everything after the parser's stop", () => {
    const dp = interp(b.program(parts(["eth"])));
    expect(outs(send(dp, `${ETH}0800 ${TAGS} 99 88`))).toEqual([[1, `${ETH}0800 9988`.replace(/ /g, "")]]);
  });

  it("a dropped packet is not deparsed; a packet to the host is", () => {
    const dropped = send(interp(b.program({ ...parts(["eth"]), ingress: [] })), `${ETH}0800 ${TAGS}`);
    expect([dropped.outputs, dropped.toHost]).toEqual([[], []]);
    const host = send(interp(b.program({ ...parts(["eth"]), ingress: [b.verdict("to_host")] })), `${ETH}0800 ${TAGS} 77`);
    expect(host.toHost.map((d) => Buffer.from(d).toString("hex"))).toEqual([`${ETH}080077`]);
  });
});
