import { describe, it, expect } from "vitest";
import * as ir from "../../compiler/ir.js";
import { interp, outs, probe, probed, send } from "./harness.js";
import * as b from "./ir-build.js";

const ETH = "ffffffffffff 020000000001";
const error = (name: string): number => ir.BUILTIN_ERRORS.indexOf(name as (typeof ir.BUILTIN_ERRORS)[number]);

/** eth, then ip when the ethertype is 0x0800; ingress probes the parser error and forwards to port 1. */
function ethIp(extra: Partial<b.ProgramParts> & { probes?: ir.Expr[] } = {}) {
  const p = probe([b.std("parser_error"), ...(extra.probes ?? [])]);
  return b.program({
    headers: [["eth", "ethernet"], ["ip", "ipv4"]],
    states: [
      b.state("start", [b.extract("eth")], b.select([b.fld("eth", "ethertype", 16)], [[[{ kind: "value", value: 0x800n }], "ip"]], "accept")),
      b.state("ip", [b.extract("ip")], b.goto("accept")),
    ],
    digests: [p.digest],
    ingress: [p.send, b.forward(1)],
    ...extra,
  });
}

// Wikipedia's IPv4 header example (checksum 0xb861), after an Ethernet header.
const IP_HEADER = "4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7";

describe("extract", () => {
  it("reads fields at their bit offsets, most significant bit first", () => {
    const dp = interp(
      ethIp({
        probes: ["version", "ihl", "tos", "total_len", "flags", "frag_offset", "ttl", "protocol", "checksum", "src", "dst"].map((f) =>
          b.fld("ip", f, b.IPV4.fields.find((x) => x.name === f)!.width),
        ),
      }),
    );
    const r = send(dp, `${ETH} 0800 ${IP_HEADER}`);
    expect(probed(r)).toEqual([0n, 4n, 5n, 0n, 0x73n, 2n, 0n, 0x40n, 0x11n, 0xb861n, 0xc0a80001n, 0xc0a800c7n]);
  });

  it("splits bytes between sub-byte fields (3-bit flags, 13-bit fragment offset; 3+1+12-bit VLAN tag)", () => {
    const dp = interp(ethIp({ probes: [b.fld("ip", "flags", 3), b.fld("ip", "frag_offset", 13)] }));
    expect(probed(send(dp, `${ETH} 0800 4500 0073 0000 5fff 4011 b861 c0a8 0001 c0a8 00c7`)).slice(1)).toEqual([2n, 0x1fffn]);

    const p = probe([b.fld("v", "pcp", 3), b.fld("v", "dei", 1), b.fld("v", "vid", 12), b.fld("v", "ethertype", 16)]);
    const dp2 = interp(b.program({ headers: [["v", "vlan_tag"]], states: [b.state("start", [b.extract("v")], b.goto("accept"))], digests: [p.digest], ingress: [p.send] }));
    expect(probed(send(dp2, "b00a 0800"))).toEqual([5n, 1n, 10n, 0x800n]);
  });

  it("reads and writes a 128-bit field that straddles 17 bytes", () => {
    const odd = b.headerType("odd", [["a", 4], ["b", 128], ["c", 4]]);
    const p = probe([b.fld("o", "a", 4), b.fld("o", "b", 128), b.fld("o", "c", 4)]);
    const dp = interp(b.program({ headerTypes: [odd], headers: [["o", "odd"]], states: [b.state("start", [b.extract("o")], b.goto("accept"))], digests: [p.digest], ingress: [p.send, b.forward(2)] }));
    const packet = "10123456789abcdef0123456789abcdef2 ee";
    const r = send(dp, packet);
    expect(probed(r)).toEqual([1n, 0x0123456789abcdef0123456789abcdefn, 2n]);
    expect(outs(r)).toEqual([[2, packet.replace(/ /g, "")]]);
  });
});

describe("parser errors: the parser stops, earlier headers stay valid, ingress runs, the payload starts where it stopped", () => {
  it("PacketTooShort: the failed extract does not move the offset", () => {
    const dp = interp(ethIp({ probes: [b.isValid("eth"), b.isValid("ip")], ingress: [] }));
    const p = probe([b.std("parser_error"), b.isValid("eth"), b.isValid("ip")]);
    const prog = ethIp({ digests: [p.digest], ingress: [p.send, b.setField("eth", "src", b.c(0x0a0b0c0d0e0f, 48)), b.forward(1)] });
    const r = send(interp(prog), `${ETH} 0800 4500 0073 0000`);
    expect(r.parserError).toBe("PacketTooShort");
    expect(probed(r)).toEqual([BigInt(error("PacketTooShort")), 1n, 0n]);
    expect(outs(r)).toEqual([[1, "ffffffffffff0a0b0c0d0e0f0800450000730000"]]);
    expect(send(dp, "ffff").parserError).toBe("PacketTooShort");
    expect(outs(send(dp, ""))).toEqual([]);
  });

  it("an empty packet: PacketTooShort, nothing valid, the output is empty", () => {
    const r = send(interp(ethIp()), "");
    expect(r.parserError).toBe("PacketTooShort");
    expect(outs(r)).toEqual([[1, ""]]);
  });

  it("NoMatch: a select with no matching case and no default", () => {
    const prog = ethIp();
    const states = [
      b.state("start", [b.extract("eth")], b.select([b.fld("eth", "ethertype", 16)], [[[{ kind: "value", value: 0x800n }], "ip"]])),
      b.state("ip", [b.extract("ip")], b.goto("accept")),
    ];
    const r = send(interp({ ...prog, parser: { ...prog.parser, states } }), `${ETH} 86dd 1234`);
    expect(r.parserError).toBe("NoMatch");
    expect(outs(r)).toEqual([[1, `${ETH}86dd1234`.replace(/ /g, "")]]);
  });

  it("Rejected: transition reject", () => {
    const prog = ethIp();
    const states = [b.state("start", [b.extract("eth")], b.goto("reject"))];
    const r = send(interp({ ...prog, parser: { ...prog.parser, states } }), `${ETH} 0800 ab`);
    expect(r.parserError).toBe("Rejected");
    expect(r.verdict).toBe("forward");
  });

  it("verify with a user error: the header extracted before it stays valid and is emitted", () => {
    const prog = ethIp({ errors: ["BadVersion"] });
    const badVersion = prog.errors.indexOf("BadVersion");
    const states = [
      b.state("start", [b.extract("eth"), b.extract("ip"), b.verify(b.bin("==", b.fld("ip", "version", 4), b.c(4, 4)), badVersion)], b.goto("accept")),
    ];
    const dp = interp({ ...prog, ingress: [...prog.ingress, b.setField("ip", "ttl", b.c(1, 8))], parser: { ...prog.parser, states } });
    const r = send(dp, `${ETH} 0800 6500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7 99`);
    expect(r.parserError).toBe("BadVersion");
    expect(outs(r)).toEqual([[1, `${ETH}0800 6500 0073 0000 4000 0111 b861 c0a8 0001 c0a8 00c7 99`.replace(/ /g, "")]]);
    expect(send(dp, `${ETH} 0800 ${IP_HEADER}`).parserError).toBe("NoError");
  });

  it("StackOverflow: a third VLAN tag into a two-element stack; the payload starts at that tag", () => {
    const p = probe([b.isValid("vlan", 0), b.isValid("vlan", 1), b.fld("vlan", "vid", 12, 1)]);
    const tpid = (h: string, i?: ir.HeaderRef["index"]) => b.fld(h, "ethertype", 16, i);
    const dp = interp(
      b.program({
        headers: [["eth", "ethernet"], ["vlan", "vlan_tag", 2]],
        states: [
          b.state("start", [b.extract("eth")], b.select([tpid("eth")], [[[{ kind: "value", value: 0x8100n }], "vlan"]], "accept")),
          b.state("vlan", [b.extract("vlan", "next")], b.select([tpid("vlan", "last")], [[[{ kind: "value", value: 0x8100n }], "vlan"]], "accept")),
        ],
        digests: [p.digest],
        ingress: [p.send, b.forward(1)],
      }),
    );
    const packet = `${ETH} 8100 0001 8100 0002 8100 0003 0800 abcd`;
    const r = send(dp, packet);
    expect(r.parserError).toBe("StackOverflow");
    expect(probed(r)).toEqual([1n, 1n, 2n]);
    expect(outs(r)).toEqual([[1, packet.replace(/ /g, "")]]);
    const two = send(dp, `${ETH} 8100 0001 8100 0002 0800 abcd`);
    expect(two.parserError).toBe("NoError");
    expect(probed(two)).toEqual([1n, 1n, 2n]);
  });

  it("ParserTimeout: 64 transitions are allowed (the last one to accept included), the 65th is not", () => {
    // A chain of n states, each adding 1 to meta.n; the last goes to accept.
    const chain = (n: number) => {
      const p = probe([b.meta("n", ir.bit(8))]);
      const states = Array.from({ length: n }, (_, i) =>
        b.state(i === 0 ? "start" : `s${i}`, [b.setMeta("n", b.bin("+", b.meta("n", ir.bit(8)), b.c(1, 8)))], b.goto(i === n - 1 ? "accept" : `s${i + 1}`)),
      );
      return interp(b.program({ metadata: [["n", ir.bit(8)]], states, digests: [p.digest], ingress: [p.send] }));
    };
    const ok = send(chain(64), "00");
    expect([ok.parserError, probed(ok)]).toEqual(["NoError", [64n]]);
    const late = send(chain(65), "00");
    expect([late.parserError, probed(late)]).toEqual(["ParserTimeout", [65n]]);
  });

  it("ParserTimeout ends an IR cycle that never extracts", () => {
    const dp = interp(b.program({ states: [b.state("start", [], b.goto("loop")), b.state("loop", [], b.goto("loop"))], ingress: [b.forward(1)] }));
    const r = send(dp, "0102");
    expect(r.parserError).toBe("ParserTimeout");
    expect(outs(r)).toEqual([[1, "0102"]]);
  });
});

describe("advance and lookahead", () => {
  it("advance skips bytes that are not emitted again; its amount is computed at run time", () => {
    // Skip the IPv4 options: (ihl - 5) * 4 bytes.
    const ihl = b.cast(b.fld("ip", "ihl", 4), ir.bit(16));
    const states = [
      b.state("start", [b.extract("eth"), b.extract("ip"), b.advance(b.bin("*", b.bin("-", ihl, b.c(5, 16)), b.c(4, 16)))], b.goto("accept")),
    ];
    const dp = interp(b.program({ headers: [["eth", "ethernet"], ["ip", "ipv4"]], states, ingress: [b.forward(1)] }));
    const withOptions = `${ETH} 0800 4600 0077 0000 4000 4011 b861 c0a8 0001 c0a8 00c7 94040000 cafe`;
    expect(outs(send(dp, withOptions))).toEqual([[1, `${ETH}0800 4600 0077 0000 4000 4011 b861 c0a8 0001 c0a8 00c7 cafe`.replace(/ /g, "")]]);
  });

  it("advance past the end: PacketTooShort, and the offset stays before it", () => {
    const states = [b.state("start", [b.extract("eth"), b.advance(b.c(3, 8))], b.goto("accept"))];
    const dp = interp(b.program({ states, ingress: [b.forward(1)] }));
    const r = send(dp, `${ETH} 0800 abcd`);
    expect(r.parserError).toBe("PacketTooShort");
    expect(outs(r)).toEqual([[1, `${ETH}0800abcd`.replace(/ /g, "")]]);
    const exact = send(dp, `${ETH} 0800 abcdef`);
    expect([exact.parserError, outs(exact)]).toEqual(["NoError", [[1, `${ETH}0800`.replace(/ /g, "")]]]);
  });

  it("lookahead peeks without consuming; past the end it is PacketTooShort", () => {
    const p = probe([b.meta("peek", ir.bit(12))]);
    const states = [
      b.state("start", [b.setMeta("peek", b.lookahead(12))], b.select([b.lookahead(4)], [[[{ kind: "value", value: 0xfn }], "eth"]], "accept")),
      b.state("eth", [b.extract("eth")], b.goto("accept")),
    ];
    const dp = interp(b.program({ metadata: [["peek", ir.bit(12)]], states, digests: [p.digest], ingress: [p.send, b.forward(1)] }));
    const r = send(dp, `${ETH} 0800`);
    expect([r.parserError, probed(r)]).toEqual(["NoError", [0xfffn]]);
    expect(outs(r)).toEqual([[1, `${ETH}0800`.replace(/ /g, "")]]);
    const short = send(dp, "ff");
    expect([short.parserError, outs(short)]).toEqual(["PacketTooShort", [[1, "ff"]]]);
  });
});

describe("select", () => {
  // Tuple (ip.protocol, ip.frag_offset): first matching case wins; values, masks, ranges, any.
  const target = (name: string, port: number) => b.state(name, [b.setMeta("port", b.c(port, 16))], b.goto("accept"));
  const v = (value: number): ir.KeysetPattern => ({ kind: "value", value: BigInt(value) });
  const dp = interp(
    b.program({
      headers: [["eth", "ethernet"], ["ip", "ipv4"]],
      metadata: [["port", ir.bit(16)]],
      states: [
        b.state(
          "start",
          [b.extract("eth"), b.extract("ip")],
          b.select(
            [b.fld("ip", "protocol", 8), b.fld("ip", "frag_offset", 13)],
            [
              [[v(6), v(0)], "tcp"],
              [[v(6), { kind: "any" }], "tcp_fragment"],
              [[{ kind: "mask", value: 0x10n, mask: 0xf0n }, { kind: "range", lo: 0n, hi: 10n }], "masked"],
              [[{ kind: "range", lo: 0x20n, hi: 0x2fn }, { kind: "any" }], "ranged"],
            ],
            "other",
          ),
        ),
        target("tcp", 1),
        target("tcp_fragment", 2),
        target("masked", 3),
        target("ranged", 4),
        target("other", 5),
      ],
      ingress: [b.forward(b.meta("port", ir.bit(16)))],
    }),
  );
  const packet = (protocol: number, frag: number) =>
    `${ETH} 0800 4500 0073 0000 ${(0x4000 | frag).toString(16).padStart(4, "0")} 40${protocol.toString(16).padStart(2, "0")} b861 c0a8 0001 c0a8 00c7`;

  it.each([
    [6, 0, 1],
    [6, 5, 2],
    [0x11, 0, 3],
    [0x1f, 10, 3],
    [0x1f, 11, 5],
    [0x20, 11, 4],
    [0x2f, 0, 4],
    [0x30, 0, 5],
  ])("protocol %s, fragment offset %s → case %s", (protocol, frag, port) => {
    expect(send(dp, packet(protocol, frag)).outputs[0]!.port).toBe(port);
  });
});

describe("header stacks in the parser: next and last, as left by a parser that was not unrolled", () => {
  it("next fills elements in order; last is the latest one", () => {
    const p = probe([b.fld("vlan", "vid", 12, 0), b.fld("vlan", "vid", 12, 1), b.fld("vlan", "vid", 12, 2), b.meta("seen", ir.bit(12))]);
    const dp = interp(
      b.program({
        headers: [["eth", "ethernet"], ["vlan", "vlan_tag", 3]],
        metadata: [["seen", ir.bit(12)]],
        states: [
          b.state("start", [b.extract("eth")], b.select([b.fld("eth", "ethertype", 16)], [[[{ kind: "value", value: 0x8100n }], "vlan"]], "accept")),
          b.state(
            "vlan",
            [b.extract("vlan", "next"), b.setMeta("seen", b.fld("vlan", "vid", 12, "last"))],
            b.select([b.fld("vlan", "ethertype", 16, "last")], [[[{ kind: "value", value: 0x8100n }], "vlan"]], "accept"),
          ),
        ],
        digests: [p.digest],
        ingress: [p.send],
      }),
    );
    expect(probed(send(dp, `${ETH} 8100 0007 8100 0008 0800`))).toEqual([7n, 8n, 0n, 8n]);
    expect(probed(send(dp, `${ETH} 8100 0007 8100 0008 8100 0009 0800`))).toEqual([7n, 8n, 9n, 9n]);
  });
});
