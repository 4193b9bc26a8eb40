import { describe, it, expect } from "vitest";
import * as ir from "../../compiler/ir.js";
import { interp, outs, probe, probed, send } from "./harness.js";
import * as b from "./ir-build.js";

const ETH = "ffffffffffff020000000001";
const PACKET = `${ETH}0800abcd`;

const run = (ingress: ir.Stmt[], port = 0, parts: b.ProgramParts = {}) => send(interp(b.program({ ...parts, ingress })), PACKET, port);

describe("verdicts", () => {
  it("the default is drop: nothing leaves", () => {
    const r = run([]);
    expect([r.verdict, r.outputs, r.toHost]).toEqual(["drop", [], []]);
  });

  it("forward(p): one copy out of port p", () => {
    expect(outs(run([b.forward(5)]))).toEqual([[5, PACKET]]);
  });

  it("the last verdict wins", () => {
    expect(outs(run([b.forward(1), b.verdict("to_host"), b.forward(2)]))).toEqual([[2, PACKET]]);
    const r = run([b.forward(1), b.verdict("drop")]);
    expect([r.verdict, r.outputs]).toEqual(["drop", []]);
  });

  it("bounce: out of the ingress port", () => {
    const r = run([b.verdict("bounce")], 7);
    expect([r.verdict, outs(r)]).toEqual(["bounce", [[7, PACKET]]]);
  });

  it("to_host: the packet goes to the host list, not to a port", () => {
    const r = run([b.verdict("to_host")]);
    expect([r.verdict, r.outputs, r.toHost.map((d) => Buffer.from(d).toString("hex"))]).toEqual(["to_host", [], [PACKET]]);
  });

  it("forward's port is the value when the statement ran", () => {
    const port = b.meta("p", ir.bit(16));
    expect(outs(run([b.setMeta("p", b.c(1, 16)), b.forward(port), b.setMeta("p", b.c(2, 16))], 0, { metadata: [["p", ir.bit(16)]] }))).toEqual([[1, PACKET]]);
  });

  describe("multicast", () => {
    const dp = interp(b.program({ metadata: [["g", ir.bit(16)]], ingress: [b.multicast(b.meta("g", ir.bit(16)))] }));
    dp.setMulticastGroup(0, [3, 1, 2, 5]);
    dp.setMulticastGroup(9, [4]);

    it("one copy per port of the group, in the group's order, except the ingress port", () => {
      const r = send(dp, PACKET, 1);
      expect([r.verdict, outs(r)]).toEqual(["multicast", [[3, PACKET], [2, PACKET], [5, PACKET]]]);
      expect(new Set(r.outputs.map((o) => o.data)).size).toBe(3); // each copy is its own buffer
      expect(outs(send(dp, PACKET, 4)).map(([p]) => p)).toEqual([3, 1, 2, 5]);
    });

    it("an undefined group, or a group of only the ingress port, sends nothing", () => {
      const other = interp(b.program({ ingress: [b.multicast(7)] }));
      expect(send(other, PACKET, 1).outputs).toEqual([]);
      const only = interp(b.program({ ingress: [b.multicast(9)] }));
      only.setMulticastGroup(9, [4]);
      expect(send(only, PACKET, 4).outputs).toEqual([]);
    });

    it("an empty port list removes the group; a new list replaces the old", () => {
      const g = interp(b.program({ ingress: [b.multicast(2)] }));
      g.setMulticastGroup(2, [1, 2]);
      g.setMulticastGroup(2, [6]);
      expect(outs(send(g, PACKET)).map(([p]) => p)).toEqual([6]);
      g.setMulticastGroup(2, []);
      expect(send(g, PACKET).outputs).toEqual([]);
    });
  });
});

describe("exit", () => {
  it("ends ingress at once, also from inside an if; the deparser still runs", () => {
    const r = run([b.forward(1), b.setField("eth", "ethertype", b.c(0x1234, 16)), b.iff(b.T, [b.exit]), b.forward(2)]);
    expect(outs(r)).toEqual([[1, `${ETH}1234abcd`]]);
  });

  it("statements after an if without exit run", () => {
    expect(outs(run([b.iff(b.F, [b.exit], [b.forward(3)]), b.forward(4)]))).toEqual([[4, PACKET]]);
  });
});

describe("encapsulation and decapsulation", () => {
  const parts: b.ProgramParts = {
    headers: [["eth", "ethernet"], ["vlan", "vlan_tag"], ["ip", "ipv4"]],
    states: [
      b.state("start", [b.extract("eth")], b.select([b.fld("eth", "ethertype", 16)], [[[{ kind: "value", value: 0x8100n }], "vlan"]], "accept")),
      b.state("vlan", [b.extract("vlan")], b.goto("accept")),
    ],
  };

  it("a header made valid in ingress is emitted in deparser order", () => {
    const dp = interp(
      b.program({
        ...parts,
        ingress: [
          b.setValid("vlan", true),
          b.setField("vlan", "vid", b.c(10, 12)),
          b.setField("vlan", "ethertype", b.fld("eth", "ethertype", 16)),
          b.setField("eth", "ethertype", b.c(0x8100, 16)),
          b.forward(1),
        ],
      }),
    );
    expect(outs(send(dp, PACKET))).toEqual([[1, `${ETH}8100000a0800abcd`]]);
  });

  it("a parsed header made invalid is removed; the payload stays", () => {
    const dp = interp(
      b.program({ ...parts, ingress: [b.setField("eth", "ethertype", b.fld("vlan", "ethertype", 16)), b.setValid("vlan", false), b.forward(1)] }),
    );
    expect(outs(send(dp, `${ETH}8100000a0800abcd`))).toEqual([[1, PACKET]]);
  });
});

describe("header stacks: push_front and pop_front (P4-16)", () => {
  const parts = (ingress: ir.Stmt[]): b.ProgramParts => ({
    headers: [["eth", "ethernet"], ["s", "vlan_tag", 3]],
    states: [
      b.state("start", [b.extract("eth")], b.select([b.fld("eth", "ethertype", 16)], [[[{ kind: "value", value: 0x8100n }], "tag"]], "accept")),
      b.state("tag", [b.extract("s", "next")], b.select([b.fld("s", "ethertype", 16, "last")], [[[{ kind: "value", value: 0x8100n }], "tag"]], "accept")),
    ],
    ingress: [...ingress, b.forward(1)],
  });
  const TWO = `${ETH}8100 0001 8100 0002 0800 abcd`.replace(/ /g, "");

  it("push_front(1): elements move up one, the first becomes invalid (then filled here)", () => {
    const dp = interp(b.program(parts([b.stackShift("s", "push_front", 1), b.setValid("s", true, 0), b.setField("s", "vid", b.c(9, 12), 0), b.setField("s", "ethertype", b.c(0x8100, 16), 0)])));
    expect(outs(send(dp, TWO))).toEqual([[1, `${ETH}8100 0009 8100 0001 8100 0002 0800 abcd`.replace(/ /g, "")]]);
  });

  it("push_front(n): the last elements fall off the end; the first n are invalid", () => {
    const p = probe([b.isValid("s", 0), b.isValid("s", 1), b.isValid("s", 2), b.fld("s", "vid", 12, 2), b.fld("s", "vid", 12, 0)]);
    const dp = interp(b.program({ ...parts([b.stackShift("s", "push_front", 2), p.send]), digests: [p.digest] }));
    expect(probed(send(dp, TWO))).toEqual([0n, 0n, 1n, 1n, 0n]);
    const all = interp(b.program({ ...parts([b.stackShift("s", "push_front", 3), p.send]), digests: [p.digest] }));
    expect(probed(send(all, TWO))).toEqual([0n, 0n, 0n, 0n, 0n]);
  });

  it("pop_front(1): elements move down one, the last becomes invalid", () => {
    const dp = interp(b.program(parts([b.stackShift("s", "pop_front", 1)])));
    expect(outs(send(dp, TWO))).toEqual([[1, `${ETH}8100 0002 0800 abcd`.replace(/ /g, "")]]);
    const p = probe([b.isValid("s", 0), b.isValid("s", 1), b.isValid("s", 2), b.fld("s", "vid", 12, 0)]);
    const probeDp = interp(b.program({ ...parts([b.stackShift("s", "pop_front", 1), p.send]), digests: [p.digest] }));
    expect(probed(send(probeDp, TWO))).toEqual([1n, 0n, 0n, 2n]);
  });

  it("pop_front(n ≥ size) empties the stack", () => {
    const dp = interp(b.program(parts([b.stackShift("s", "pop_front", 5)])));
    expect(outs(send(dp, TWO))).toEqual([[1, `${ETH}8100abcd`]]); // both tags gone, with the 0800 the second one carried
  });
});

describe("direct action calls", () => {
  it("run the action with the given arguments", () => {
    const dp = interp(
      b.program({
        actions: [b.action("set_and_go", [["type", 16], ["port", 16]], [b.setField("eth", "ethertype", b.param(0, ir.bit(16))), b.forward(b.param(1, ir.bit(16)))])],
        ingress: [b.call("set_and_go", [b.c(0x86dd, 16), b.c(3, 16)])],
      }),
    );
    expect(outs(send(dp, PACKET))).toEqual([[3, `${ETH}86ddabcd`]]);
  });
});

describe("state per packet and across packets", () => {
  it("headers, metadata and the verdict start fresh for every packet; registers persist", () => {
    const r = b.regRead("r", b.c(0, 1), 8);
    const p = probe([b.isValid("ip"), b.meta("m", ir.bit(8)), r]);
    const dp = interp(
      b.program({
        headers: [["eth", "ethernet"], ["ip", "ipv4"]],
        metadata: [["m", ir.bit(8)]],
        registers: [["r", 1, 8]],
        digests: [p.digest],
        ingress: [
          p.send,
          b.iff(b.bin("==", b.std("ingress_port"), b.c(1, 16)), [b.setValid("ip", true), b.setMeta("m", b.c(5, 8)), b.forward(1)]),
          b.regWrite("r", b.c(0, 1), b.bin("+", r, b.c(1, 8))),
        ],
      }),
    );
    const results = dp.process([
      { port: 1, data: Buffer.from(PACKET, "hex") },
      { port: 2, data: Buffer.from(PACKET, "hex") },
    ]);
    expect(results.map(probed)).toEqual([
      [0n, 0n, 0n],
      [0n, 0n, 1n],
    ]);
    expect(results.map((x) => x.verdict)).toEqual(["forward", "drop"]);
  });
});
