// Semantics end to end: .pnet source → compile() (lowering and every pass:
// parser loops unrolled, table applies and meter executes hoisted, constants
// folded) → the interpreter. Expected bytes are worked out by hand.

import { describe, it, expect } from "vitest";
import { compile } from "../../compiler/compile.js";
import { createInterpreter } from "../../targets/interp/index.js";
import { outs, send } from "./harness.js";

function load(source: string) {
  const { program, diagnostics } = compile(source, { file: "test.pnet" });
  expect(diagnostics.filter((d) => d.severity === "error").map((d) => `${d.span.line}:${d.span.col} ${d.message}`)).toEqual([]);
  return createInterpreter(program!);
}

const ETHERNET = `header ethernet { dst: bit<48>; src: bit<48>; ethertype: bit<16>; }`;
const ETH = "ffffffffffff 020000000005".replace(/ /g, "");

describe("header stacks through the unrolled parser", () => {
  const dp = load(`
    ${ETHERNET}
    header tag { vid: bit<16>; ethertype: bit<16>; }
    headers { eth: ethernet; tags: tag[2]; }
    parser {
      state start { extract(eth); transition select (eth.ethertype) { 0x8100: parse_tag; default: accept; } }
      state parse_tag { extract(tags.next); transition select (tags.last.ethertype) { 0x8100: parse_tag; default: accept; } }
    }
    control ingress {
      if (std.parser_error == error.StackOverflow) { to_host(); exit; }
      if (std.ingress_port == 1) { tags.pop_front(1); }
      if (std.ingress_port == 2) { tags.push_front(1); tags[0].setValid(); tags[0].vid = 7; tags[0].ethertype = 0x8100; }
      forward(9);
    }
    deparser { emit(eth); emit(tags); }
  `);

  it("fills the stack in order and re-emits it", () => {
    expect(outs(send(dp, `${ETH}8100 0001 8100 0002 0800 aa`.replace(/ /g, "")))).toEqual([[9, `${ETH}810000018100000208 00aa`.replace(/ /g, "")]]);
  });

  it("a third tag overflows the stack: StackOverflow, the first two stay valid, the third is payload", () => {
    const packet = `${ETH}8100 0001 8100 0002 8100 0003 0800`.replace(/ /g, "");
    const r = send(dp, packet);
    expect([r.parserError, r.toHost.map((d) => Buffer.from(d).toString("hex"))]).toEqual(["StackOverflow", [packet]]);
  });

  it("pop_front(1) removes the outer tag; push_front(1) adds one in front", () => {
    expect(outs(send(dp, `${ETH}8100 0001 8100 0002 0800`.replace(/ /g, ""), 1))).toEqual([[9, `${ETH}8100 0002 0800`.replace(/ /g, "")]]);
    expect(outs(send(dp, `${ETH}8100 0001 0800`.replace(/ /g, ""), 2))).toEqual([[9, `${ETH}8100 0007 8100 0001 0800`.replace(/ /g, "")]]);
  });
});

describe("tables: const entries by priority, switch on the action, the default NoAction", () => {
  const dp = load(`
    ${ETHERNET}
    headers { eth: ethernet; }
    metadata { cls: bit<8>; }
    action set_cls(c: bit<8>) { meta.cls = c; }
    action deny() { drop(); }
    table classify {
      key { eth.ethertype: ternary; eth.src[7:0]: range; }
      actions { set_cls; deny; }
      entries {
        (0x0800 &&& 0xffff, 0..255): set_cls(1);
        (0x0800 &&& 0xff00, 0..255): set_cls(2);
        (_, 10..20):                 set_cls(3);
      }
    }
    parser { state start { extract(eth); transition accept; } }
    control ingress {
      forward(1);
      switch (classify.apply().action) {
        set_cls: { eth.dst[7:0] = meta.cls; }
        default: { eth.dst[15:8] = 0xee; }
      }
    }
    deparser { emit(eth); }
  `);
  const packet = (src: number, type: string) => `ffffffffffff 0200000000${src.toString(16).padStart(2, "0")} ${type}`.replace(/ /g, "");

  it.each([
    [5, "0800", "ffffffffff01"], // both 0x0800 entries match: the earlier one wins
    [5, "0806", "ffffffffff02"],
    [15, "86dd", "ffffffffff03"],
    [30, "86dd", "ffffffffeeff"], // no entry: NoAction, the switch's default branch
  ])("src ..%s, type %s → dst %s", (src, type, dst) => {
    expect(outs(send(dp, packet(src, type)))[0]![1].slice(0, 12)).toBe(dst);
  });

  it("a run-time entry of higher priority wins over the const ones", () => {
    const d = load(`
      ${ETHERNET}
      headers { eth: ethernet; }
      action set_type(t: bit<16>) { eth.ethertype = t; }
      table types {
        key { eth.ethertype: ternary; }
        actions { set_type; }
        entries { 0x0800 &&& 0xffff: set_type(1); }
      }
      parser { state start { extract(eth); transition accept; } }
      control ingress { forward(1); if (types.apply().miss) { eth.ethertype = 0xffff; } }
      deparser { emit(eth); }
    `);
    expect(outs(send(d, packet(5, "0800")))[0]![1].slice(24)).toBe("0001");
    expect(outs(send(d, packet(5, "0801")))[0]![1].slice(24)).toBe("ffff");
    d.tables.types!.add({ key: { "eth.ethertype": "0x08**" }, action: "set_type", args: { t: 2 }, priority: 100 });
    expect(outs(send(d, packet(5, "0800")))[0]![1].slice(24)).toBe("0002");
  });
});

describe("checksums, hashes, registers and a meter behind &&", () => {
  const dp = load(`
    ${ETHERNET}
    header ipv4 {
      version: bit<4>; ihl: bit<4>; tos: bit<8>; total_len: bit<16>; id: bit<16>; flags: bit<3>; frag: bit<13>;
      ttl: bit<8>; protocol: bit<8>; checksum: bit<16>; src: bit<32>; dst: bit<32>;
    }
    headers { eth: ethernet; ip: ipv4; }
    meter m[1];
    register seen[4]: bit<32>;
    parser {
      state start { extract(eth); transition select (eth.ethertype) { 0x0800: parse_ip; default: accept; } }
      state parse_ip { extract(ip); transition accept; }
    }
    control ingress {
      if (ip.isValid()) {
        let old: bit<16> = ip.ttl ++ ip.protocol;
        ip.ttl = ip.ttl - 1;
        ip.checksum = csum16_update(ip.checksum, old, ip.ttl ++ ip.protocol);
        seen.write(0, hash(crc32, {ip.src, ip.dst}));
      }
      if (std.ingress_port == 3 && m.execute(0) == 2) { drop(); exit; }
      forward(1);
    }
    deparser { emit(eth); emit(ip); }
  `);
  const IP = "0800 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7".replace(/ /g, "");

  it("decrements the TTL with an incremental checksum update (0xb861 → 0xb961) and stores the flow's CRC-32", () => {
    expect(outs(send(dp, ETH + IP))).toEqual([[1, `${ETH}08004500007300004000 3f11 b961 c0a80001c0a800c7`.replace(/ /g, "")]]);
    expect(dp.registers.seen!.read(0)).toBe(0xf286992an); // zlib.crc32(c0a80001 c0a800c7)
  });

  it("the meter runs only when the left side of && holds", () => {
    dp.meters.m!.configure(0, { cir: 0, cburst: 40, pir: 0, pburst: 40 });
    // 34-byte packets: on port 1 the meter is not executed, so the 40 bytes of tokens are still there for port 3.
    expect(send(dp, ETH + IP, 1).verdict).toBe("forward");
    expect(send(dp, ETH + IP, 3).verdict).toBe("forward");
    expect(send(dp, ETH + IP, 3).verdict).toBe("drop");
  });
});
