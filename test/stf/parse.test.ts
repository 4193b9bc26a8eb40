// The .stf parser: every command of testing.md, and every syntax error reported
// with its line.

import { describe, expect, it } from "vitest";
import { parseStf, formatStfError } from "../../runtime/stf/parse.js";
import type { StfCommand } from "../../runtime/stf/parse.js";

function only(text: string): StfCommand {
  const { commands, errors } = parseStf(text);
  expect(errors).toEqual([]);
  expect(commands).toHaveLength(1);
  return commands[0]!;
}

function errorsOf(text: string): { line: number; message: string }[] {
  const { errors } = parseStf(text);
  expect(errors.length).toBeGreaterThan(0);
  return errors;
}

describe("table commands", () => {
  it("parses add with keys and a named-argument action call", () => {
    expect(only("add ipv4_routes ip.dst:10.0.0.0/8 set_nexthop(port:1, dmac:0x133713371337)")).toEqual({
      kind: "add",
      line: 1,
      table: "ipv4_routes",
      keys: [{ name: "ip.dst", value: "10.0.0.0/8" }],
      call: { action: "set_nexthop", args: [{ name: "port", value: "1" }, { name: "dmac", value: "0x133713371337" }] },
    });
  });

  it("splits a key at the first colon, so MAC and IPv6 values keep theirs", () => {
    const c = only("add l2 eth.dst:00:11:22:33:44:55 ip6.dst:2001:db8::/32 fwd(port:2)");
    expect(c.kind === "add" && c.keys).toEqual([
      { name: "eth.dst", value: "00:11:22:33:44:55" },
      { name: "ip6.dst", value: "2001:db8::/32" },
    ]);
  });

  it("reads a priority after the table name, and ternary, range and optional values", () => {
    const c = only("add acl 10 ip.dst:0x0a000000&&&0xff000000 tcp.dport:1024..2047 meta.vrf:* deny()");
    expect(c).toMatchObject({
      kind: "add",
      priority: 10,
      keys: [
        { name: "ip.dst", value: "0x0a000000&&&0xff000000" },
        { name: "tcp.dport", value: "1024..2047" },
        { name: "meta.vrf", value: "*" },
      ],
      call: { action: "deny", args: [] },
    });
  });

  it("accepts stack elements, slice keys and std fields as key names", () => {
    const c = only("add t vlan[0].vid:10 ip.dst[31:24]:0x0a std.ingress_port:3 a( x:1 )");
    expect(c.kind === "add" && c.keys).toEqual([
      { name: "vlan[0].vid", value: "10" },
      { name: "ip.dst[31:24]", value: "0x0a" },
      { name: "std.ingress_port", value: "3" },
    ]);
    expect(c.kind === "add" && c.call).toEqual({ action: "a", args: [{ name: "x", value: "1" }] });
  });

  it("parses setdefault and remove (with and without priority)", () => {
    expect(only("setdefault ipv4_routes drop_packet()")).toEqual({
      kind: "setdefault",
      line: 1,
      table: "ipv4_routes",
      call: { action: "drop_packet", args: [] },
    });
    expect(only("remove ipv4_routes ip.dst:10.0.0.0/8")).toEqual({
      kind: "remove",
      line: 1,
      table: "ipv4_routes",
      keys: [{ name: "ip.dst", value: "10.0.0.0/8" }],
    });
    expect(only("remove acl 7 ip.dst:0x0a******")).toMatchObject({ kind: "remove", priority: 7, keys: [{ name: "ip.dst", value: "0x0a******" }] });
  });
});

describe("extern, multicast and time commands", () => {
  it("parses mcast, register_write, meter_set and time", () => {
    expect(only("mcast 5 1 2 3")).toEqual({ kind: "mcast", line: 1, group: 5, ports: [1, 2, 3] });
    expect(only("register_write flow_bytes 7 0xff")).toEqual({ kind: "register_write", line: 1, register: "flow_bytes", index: 7, value: 255n });
    expect(only("meter_set port_rate 2 1000 1500 2000 3000")).toEqual({
      kind: "meter_set", line: 1, meter: "port_rate", index: 2, cir: 1000n, cburst: 1500n, pir: 2000n, pburst: 3000n,
    });
    expect(only("time 1_000_000")).toEqual({ kind: "time", line: 1, ns: 1000000n });
  });

  it("takes register values wider than 53 bits and in address notation", () => {
    expect(only("register_write r 0 0xffffffffffffffffff")).toMatchObject({ value: 0xffffffffffffffffffn });
    expect(only("check_register r 1 10.0.0.1")).toEqual({ kind: "check_register", line: 1, register: "r", index: 1, value: 0x0a000001n });
  });
});

describe("packets and expectations", () => {
  it("parses packet hex split by spaces", () => {
    const c = only("packet 0 0090fb65 d6fe 0800");
    expect(c.kind === "packet" && [...c.data]).toEqual([0x00, 0x90, 0xfb, 0x65, 0xd6, 0xfe, 0x08, 0x00]);
    expect(c).toMatchObject({ kind: "packet", port: 0, line: 1 });
  });

  it("parses expect with wildcards and $, attached or separate", () => {
    expect(only("expect 1 ab** 0c $")).toEqual({
      kind: "expect", line: 1, port: 1,
      pattern: { nibbles: [0xa, 0xb, undefined, undefined, 0x0, 0xc], exactLength: true },
    });
    expect(only("expect 1 abcd$")).toMatchObject({ pattern: { nibbles: [0xa, 0xb, 0xc, 0xd], exactLength: true } });
    expect(only("expect 2 abcd")).toMatchObject({ pattern: { exactLength: false } });
  });

  it("parses expect without bytes (any packet) and host expectations", () => {
    expect(only("expect 3")).toEqual({ kind: "expect", line: 1, port: 3 });
    expect(only("expect host 0102 $")).toEqual({ kind: "expect", line: 1, port: "host", pattern: { nibbles: [0, 1, 0, 2], exactLength: true } });
    expect(only("expect host")).toEqual({ kind: "expect", line: 1, port: "host" });
  });
});

describe("checks", () => {
  it("parses check_counter for an extern counter", () => {
    expect(only("check_counter port_pkts 1 packets 2 bytes 128")).toEqual({
      kind: "check_counter", line: 1, counter: "port_pkts", index: 1, expected: { packets: 2n, bytes: 128n },
    });
    expect(only("check_counter port_pkts 1 packets 2")).toEqual({
      kind: "check_counter", line: 1, counter: "port_pkts", index: 1, expected: { packets: 2n },
    });
  });

  it("parses check_counter for a table entry named by its key", () => {
    expect(only("check_counter ipv4_routes ip.dst:10.0.0.0/8 packets 1 bytes 60")).toEqual({
      kind: "check_table_counter", line: 1, table: "ipv4_routes", keys: [{ name: "ip.dst", value: "10.0.0.0/8" }],
      expected: { packets: 1n, bytes: 60n },
    });
    expect(only("check_counter acl 5 ip.dst:0x0a******  packets 0")).toMatchObject({
      kind: "check_table_counter", priority: 5, expected: { packets: 0n },
    });
  });

  it("parses expect_digest with integer and MAC values", () => {
    expect(only("expect_digest learn mac:00:11:22:33:44:55 port:3")).toEqual({
      kind: "expect_digest", line: 1, digest: "learn",
      fields: [{ name: "mac", value: 0x001122334455n }, { name: "port", value: 3n }],
    });
  });
});

describe("layout", () => {
  it("skips comments and blank lines, and numbers lines from 1 as in the file", () => {
    const { commands, errors } = parseStf("# a test\n\n  wait   # nothing to wait for\r\npacket 1 00\n");
    expect(errors).toEqual([]);
    expect(commands.map((c) => [c.kind, c.line])).toEqual([["wait", 3], ["packet", 4]]);
  });

  it("parses the example of testing.md", () => {
    const text = [
      "add ipv4_routes ip.dst:10.0.0.0/8 set_nexthop(port:1, dmac:0x133713371337)",
      "setdefault ipv4_routes drop_packet()",
      "",
      "# a packet for 10.99.0.1 leaves on port 1",
      "packet 0 0090fb65d6fe 020304050601 0800 4500001c000100004011656c0b0000010a630001 04d310e10008d4c5",
      "expect 1 133713371337 020304050601 0800 4500001c000100003f11666c0b0000010a630001 04d310e10008d4c5 $",
    ].join("\n");
    const { commands, errors } = parseStf(text);
    expect(errors).toEqual([]);
    expect(commands.map((c) => c.kind)).toEqual(["add", "setdefault", "packet", "expect"]);
    expect(commands[2]!.kind === "packet" && commands[2]!.data.length).toBe(42);
  });

  it("reads integers in decimal, hex and binary, with _ separators", () => {
    expect(only("mcast 0x1F 0b101 1_000")).toEqual({ kind: "mcast", line: 1, group: 31, ports: [5, 1000] });
  });
});

describe("errors name the line and say what is wrong", () => {
  it("reports an unknown command, listing the known ones", () => {
    const [e] = errorsOf("wait\n\nfrobnicate 1 2");
    expect(e!.line).toBe(3);
    expect(e!.message).toMatch(/^unknown command "frobnicate" \(expected one of: add, setdefault/);
  });

  it("keeps the good lines and reports every bad one", () => {
    const { commands, errors } = parseStf("packet 0 zz\nwait\nexpect x 00\n");
    expect(commands.map((c) => c.kind)).toEqual(["wait"]);
    expect(errors.map((e) => e.line)).toEqual([1, 3]);
  });

  it.each([
    ["add t ip.dst 10.0.0.1 a()", /^add: malformed key "ip\.dst"/],
    ["add t ip.dst: a()", /^add: malformed key "ip\.dst:": no value after ":"/],
    ["add t 1.5 k:1 a()", /^add: bad priority "1\.5"/],
    ["add t k:1", /^add: missing the action call/],
    ["add t k:1 a(x:1", /^add: the action call has no closing "\)"/],
    ["add t k:1 a(x:1) extra", /^add: unexpected "extra" after the action call/],
    ["add t k:1 a(1)", /^add: malformed action argument "1"/],
    ["add t k:1 (x:1)", /^add: missing the action name before "\("/],
    ["add t k:1 a-b(x:1)", /^add: bad action name "a-b"/],
    ["add 9t k:1 a()", /^add: bad table name "9t"/],
    ["setdefault t u a()", /^setdefault: expected one table name before the action, got 2 words/],
    ["remove", /^remove: missing table name/],
    ["mcast", /^mcast: missing the group number/],
    ["mcast 1 two", /^mcast: bad port "two"/],
    ["register_write r 1", /^register_write: expected 3 arguments, got 2; usage: register_write <register> <index> <value>/],
    ["register_write r 1 banana", /^register_write: bad value: "banana" is not a value \(write an integer/],
    ["mcast -1", /^mcast: bad group "-1": expected a non-negative integer/],
    ["mcast 1 _2", /^mcast: bad port "_2"/],
    ["meter_set m 0 1 2 3", /^meter_set: expected 6 arguments, got 5/],
    ["time soon", /^time: bad time "soon"/],
    ["time", /^time: expected 1 argument, got 0/],
    ["packet", /^packet: missing the port/],
    ["packet 0", /^packet: missing the packet bytes/],
    ["packet 0 abc", /^packet: bad hex: odd number of hex digits \(3\)/],
    ["packet 0 ab*d", /^packet: bad hex at digit 3: "\*" is allowed only in expect/],
    ["packet 0 abxz", /^packet: bad hex at digit 3: "x" is not one of hex digits/],
    ["expect", /^expect: missing the port/],
    ["expect one 00", /^expect: bad port "one"/],
    ["expect 1 ab$cd", /^expect: bad hex at digit 3: "\$" may only end an expectation/],
    ["expect 1 abg0", /^expect: bad hex at digit 3: "g" is not one of hex digits or \*/],
    ["check_counter c 1", /^check_counter: missing "packets <n>"/],
    ["check_counter c 1 packets", /^check_counter: expected "packets <n>" optionally followed by "bytes <n>"/],
    ["check_counter c 1 packets 2 octets 3", /^check_counter: expected "bytes <n>" after the packet count, got "octets"/],
    ["check_counter c packets 1", /^check_counter: expected a counter and an index, or a table and its key/],
    ["check_register r x 1", /^check_register: bad index "x"/],
    ["expect_digest", /^expect_digest: missing the digest name/],
    ["expect_digest learn mac", /^expect_digest: malformed field "mac"/],
    ["expect_digest learn mac:zz", /^expect_digest: bad value of field "mac": "zz" is not a value/],
    ["wait 5", /^wait: expected 0 arguments, got 1/],
  ])("%s", (text, message) => {
    const errors = errorsOf(`\n${text}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(2);
    expect(errors[0]!.message).toMatch(message);
  });

  it("formats an error as file:line: message", () => {
    expect(formatStfError("t.stf", { line: 4, message: "packet: missing the port" })).toBe("t.stf:4: packet: missing the port");
  });
});
