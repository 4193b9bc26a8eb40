import { describe, it, expect } from "vitest";
import * as ir from "../../compiler/ir.js";
import { fromHex } from "../../runtime/craft.js";
import { interp, probe, probed, send } from "./harness.js";
import * as b from "./ir-build.js";

const ETH = "ffffffffffff020000000001";

/** eth + ip parsed; ingress applies `t` (hit into local 0, action index into local 1) and probes them. */
function withTable(t: ir.Table, extra: b.ProgramParts = {}) {
  const p = probe([b.local(0, ir.BOOL), b.local(1, ir.bit(8)), b.meta("port", ir.bit(16))]);
  return interp(
    b.program({
      headers: [["eth", "ethernet"], ["ip", "ipv4"]],
      metadata: [["vrf", ir.bit(8)], ["port", ir.bit(16)]],
      locals: [[0, ir.BOOL], [1, ir.bit(8)]],
      states: [b.state("start", [b.extract("eth"), b.extract("ip")], b.goto("accept"))],
      actions: [
        b.action("fwd", [["port", 16]], [b.setMeta("port", b.param(0, ir.bit(16))), b.forward(b.param(0, ir.bit(16)))]),
        b.action("miss", [["code", 16]], [b.setMeta("port", b.param(0, ir.bit(16)))]),
      ],
      tables: [t],
      digests: [p.digest],
      ingress: [b.setMeta("vrf", b.cast(b.std("ingress_port"), ir.bit(8))), b.apply(t.name, 0, 1), p.send],
      ...extra,
    }),
  );
}

/** An IPv4 packet from `src` to `dst` (addresses as hex), with the given protocol and total length. */
function ipPacket(src: string, dst: string, protocol = 6, totalLen = 0x73): string {
  return `${ETH} 0800 4500 ${totalLen.toString(16).padStart(4, "0")} 0000 4000 40${protocol.toString(16).padStart(2, "0")} 0000 ${src} ${dst}`;
}
const port = (r: ReturnType<typeof send>) => probed(r)[2];

describe("exact tables", () => {
  const t = b.table("macs", { keys: [b.key("ip.dst", b.fld("ip", "dst", 32), "exact")], actions: ["fwd"], defaultAction: { action: "miss", args: [7n] } });

  it("a hit runs the entry's action with its data; a miss runs the default; hit and action index are reported", () => {
    const dp = withTable(t);
    dp.tables.macs!.add({ key: { "ip.dst": "10.0.0.1" }, action: "fwd", args: { port: 3 } });
    // actions list = [fwd, miss]: fwd is 0, the default (miss) 1
    expect(probed(send(dp, ipPacket("01020304", "0a000001")))).toEqual([1n, 0n, 3n]);
    const missed = send(dp, ipPacket("01020304", "0a000002"));
    expect(probed(missed)).toEqual([0n, 1n, 7n]);
    expect(missed.verdict).toBe("drop");
  });

  it("setDefault changes the miss action; hit stays false even though an action ran", () => {
    const dp = withTable(t);
    dp.tables.macs!.setDefault("fwd", { port: 9 });
    const r = send(dp, ipPacket("01020304", "0a000002"));
    expect([probed(r), r.outputs[0]?.port]).toEqual([[0n, 0n, 9n], 9]);
  });

  it("a table without default_action runs NoAction on a miss", () => {
    const noDefault = b.table("plain", { keys: [b.key("ip.dst", b.fld("ip", "dst", 32), "exact")], actions: ["fwd"] });
    const dp = withTable(noDefault);
    expect(noDefault.actions).toEqual(["fwd", "NoAction"]);
    expect(probed(send(dp, ipPacket("01020304", "0a000002")))).toEqual([0n, 1n, 0n]);
  });

  it("remove and modify take effect on the next packet", () => {
    const dp = withTable(t);
    const ctl = dp.tables.macs!;
    ctl.add({ key: { "ip.dst": "10.0.0.1" }, action: "fwd", args: { port: 3 } });
    ctl.modify({ key: { "ip.dst": "10.0.0.1" }, action: "fwd", args: { port: 4 } });
    expect(port(send(dp, ipPacket("01020304", "0a000001")))).toBe(4n);
    ctl.remove({ "ip.dst": "10.0.0.1" });
    expect(port(send(dp, ipPacket("01020304", "0a000001")))).toBe(7n);
  });
});

describe("lpm tables: the longest prefix wins", () => {
  const t = b.table("routes", {
    keys: [b.key("meta.vrf", b.meta("vrf", ir.bit(8)), "exact"), b.key("ip.dst", b.fld("ip", "dst", 32), "lpm")],
    actions: ["fwd"],
    defaultAction: { action: "miss", args: [99n] },
  });
  const dp = withTable(t);
  const ctl = dp.tables.routes!;
  ctl.add({ key: { "meta.vrf": 0, "ip.dst": "10.1.2.0/24" }, action: "fwd", args: { port: 3 } });
  ctl.add({ key: { "meta.vrf": 0, "ip.dst": "10.0.0.0/8" }, action: "fwd", args: { port: 1 } });
  ctl.add({ key: { "meta.vrf": 0, "ip.dst": "0.0.0.0/0" }, action: "fwd", args: { port: 4 } });
  ctl.add({ key: { "meta.vrf": 0, "ip.dst": "10.1.0.0/16" }, action: "fwd", args: { port: 2 } });
  ctl.add({ key: { "meta.vrf": 0, "ip.dst": "10.1.2.3" }, action: "fwd", args: { port: 5 } });
  ctl.add({ key: { "meta.vrf": 1, "ip.dst": "10.0.0.0/8" }, action: "fwd", args: { port: 11 } });

  it.each([
    ["0a010203", 0, 5n],
    ["0a010204", 0, 3n],
    ["0a0103ff", 0, 2n],
    ["0aff0000", 0, 1n],
    ["0b000000", 0, 4n],
    ["0a010203", 1, 11n],
    ["0b000000", 1, 99n],
  ])("dst %s in vrf %s → %s", (dst, vrf, expected) => {
    expect(port(send(dp, ipPacket("01020304", dst), vrf))).toBe(expected);
  });
});

describe("priority tables (ternary, range, optional)", () => {
  const acl = () =>
    b.table("acl", {
      keys: [
        b.key("ip.src", b.fld("ip", "src", 32), "ternary"),
        b.key("ip.total_len", b.fld("ip", "total_len", 16), "range"),
        b.key("ip.protocol", b.fld("ip", "protocol", 8), "optional"),
      ],
      actions: ["fwd"],
      defaultAction: { action: "miss", args: [99n] },
    });

  it("the highest priority wins, whatever the insertion order", () => {
    const dp = withTable(acl());
    dp.tables.acl!.add({ key: { "ip.src": "*", "ip.total_len": "*", "ip.protocol": "*" }, action: "fwd", args: { port: 1 }, priority: 1 });
    dp.tables.acl!.add({ key: { "ip.src": "0x0a******", "ip.total_len": "*", "ip.protocol": "*" }, action: "fwd", args: { port: 2 }, priority: 20 });
    dp.tables.acl!.add({ key: { "ip.src": "10.1.0.0&&&255.255.0.0", "ip.total_len": "*", "ip.protocol": "*" }, action: "fwd", args: { port: 3 }, priority: 10 });
    expect(port(send(dp, ipPacket("0a010101", "00000000")))).toBe(2n);
    expect(port(send(dp, ipPacket("0b010101", "00000000")))).toBe(1n);
  });

  it("equal priorities: the entry inserted first wins; after removing it, the next", () => {
    const dp = withTable(acl());
    const any = { "ip.src": "*", "ip.total_len": "*" };
    dp.tables.acl!.add({ key: { ...any, "ip.protocol": 6 }, action: "fwd", args: { port: 1 }, priority: 5 });
    dp.tables.acl!.add({ key: { ...any, "ip.protocol": "*" }, action: "fwd", args: { port: 2 }, priority: 5 });
    expect(port(send(dp, ipPacket("0a010101", "00000000", 6)))).toBe(1n);
    expect(port(send(dp, ipPacket("0a010101", "00000000", 17)))).toBe(2n);
    dp.tables.acl!.remove({ ...any, "ip.protocol": 6 }, 5);
    expect(port(send(dp, ipPacket("0a010101", "00000000", 6)))).toBe(2n);
    // re-added, it is now the later one
    dp.tables.acl!.add({ key: { ...any, "ip.protocol": 6 }, action: "fwd", args: { port: 1 }, priority: 5 });
    expect(port(send(dp, ipPacket("0a010101", "00000000", 6)))).toBe(2n);
  });

  it("ranges include both ends", () => {
    const dp = withTable(acl());
    dp.tables.acl!.add({ key: { "ip.src": "*", "ip.total_len": "64..1500", "ip.protocol": "*" }, action: "fwd", args: { port: 1 }, priority: 1 });
    expect([63, 64, 1500, 1501].map((len) => port(send(dp, ipPacket("0a010101", "00000000", 6, len))))).toEqual([99n, 1n, 1n, 99n]);
  });

  it("const entries: an earlier entry beats a later one, and beats run-time entries of the same priority", () => {
    const withConst = b.table("acl", {
      keys: [...acl().keys],
      actions: ["fwd"],
      defaultAction: { action: "miss", args: [99n] },
      entries: [
        { keys: [{ kind: "ternary", value: 0x0a000000n, mask: 0xff000000n }, { kind: "range", lo: 0n, hi: 0xffffn }, { kind: "optional" }], action: { action: "fwd", args: [1n] } },
        { keys: [{ kind: "ternary", value: 0n, mask: 0n }, { kind: "range", lo: 0n, hi: 0xffffn }, { kind: "optional" }], action: { action: "fwd", args: [2n] } },
      ],
    });
    expect(withConst.entries.map((e) => e.priority)).toEqual([2, 1]);
    const dp = withTable(withConst);
    expect(port(send(dp, ipPacket("0a010101", "00000000")))).toBe(1n);
    expect(port(send(dp, ipPacket("0b010101", "00000000")))).toBe(2n);
    dp.tables.acl!.add({ key: { "ip.src": "0x0b******", "ip.total_len": "*", "ip.protocol": "*" }, action: "fwd", args: { port: 3 }, priority: 1 });
    expect(port(send(dp, ipPacket("0b010101", "00000000")))).toBe(2n);
    dp.tables.acl!.add({ key: { "ip.src": "0x0b00****", "ip.total_len": "*", "ip.protocol": "*" }, action: "fwd", args: { port: 4 }, priority: 2 });
    expect(port(send(dp, ipPacket("0b000101", "00000000")))).toBe(4n);
  });
});

describe("direct counters", () => {
  const t = b.table("macs", { keys: [b.key("ip.dst", b.fld("ip", "dst", 32), "exact")], actions: ["fwd"], defaultAction: { action: "miss", args: [0n] }, counters: true });

  it("count packets and received bytes (std.packet_length) per hit entry; misses are not counted", () => {
    // The action removes the IPv4 header, so the emitted packet is shorter than the received one.
    const dp = withTable(t, {
      actions: [b.action("fwd", [["port", 16]], [b.setValid("ip", false), b.forward(b.param(0, ir.bit(16)))]), b.action("miss", [["code", 16]], [])],
    });
    dp.tables.macs!.add({ key: { "ip.dst": "10.0.0.1" }, action: "fwd", args: { port: 3 } });
    const hit = ipPacket("01020304", "0a000001") + "00112233";
    const results = dp.process([
      { port: 0, data: fromHex(hit) },
      { port: 0, data: fromHex(hit + "44") },
      { port: 0, data: fromHex(ipPacket("01020304", "0a000009")) },
    ]);
    expect(results[0]!.outputs[0]!.data.length).toBe(18);
    expect(dp.tables.macs!.readCounter({ "ip.dst": "10.0.0.1" })).toEqual({ packets: 2n, bytes: 38n + 39n });
  });

  it("modify keeps an entry's counters; remove and add again starts from zero", () => {
    const dp = withTable(t);
    const ctl = dp.tables.macs!;
    ctl.add({ key: { "ip.dst": "10.0.0.1" }, action: "fwd", args: { port: 3 } });
    send(dp, ipPacket("01020304", "0a000001"));
    ctl.modify({ key: { "ip.dst": "10.0.0.1" }, action: "fwd", args: { port: 4 } });
    send(dp, ipPacket("01020304", "0a000001"));
    expect(ctl.readCounter({ "ip.dst": "10.0.0.1" })).toEqual({ packets: 2n, bytes: 68n });
    ctl.remove({ "ip.dst": "10.0.0.1" });
    ctl.add({ key: { "ip.dst": "10.0.0.1" }, action: "fwd", args: { port: 3 } });
    expect(ctl.readCounter({ "ip.dst": "10.0.0.1" })).toEqual({ packets: 0n, bytes: 0n });
  });
});

describe("tables keyed on slices and std metadata; keyless tables", () => {
  it("a key can be any expression lowering produced (here a slice)", () => {
    const t = b.table("by_octet", { keys: [b.key("ip.dst[31:24]", b.slice(b.fld("ip", "dst", 32), 31, 24), "exact")], actions: ["fwd"], defaultAction: { action: "miss", args: [0n] } });
    const dp = withTable(t);
    dp.tables.by_octet!.add({ key: { "ip.dst[31:24]": 10 }, action: "fwd", args: { port: 6 } });
    expect(port(send(dp, ipPacket("01020304", "0affffff")))).toBe(6n);
  });

  it("a table with no keys runs its default action", () => {
    const t = b.table("always", { keys: [], actions: ["fwd"], defaultAction: { action: "fwd", args: [8n] } });
    expect(port(send(withTable(t), ipPacket("01020304", "0affffff")))).toBe(8n);
  });
});
