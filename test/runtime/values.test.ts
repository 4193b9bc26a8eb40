import { describe, it, expect } from "vitest";
import { parseInteger, parseIpv4, parseIpv6, parseKey, parseMac, parseValue, ValueError } from "../../runtime/values.js";

describe("parseInteger", () => {
  it.each([
    ["0", 0n],
    ["1500", 1500n],
    ["1_000_000", 1000000n],
    ["0x0800", 0x800n],
    ["0XfF", 255n],
    ["0xdead_beef", 0xdeadbeefn],
    ["0b1010", 10n],
    ["0B1_0000_0000", 256n],
    ["  42 ", 42n],
    ["340282366920938463463374607431768211455", (1n << 128n) - 1n],
  ])("%s → %s", (text, value) => {
    expect(parseInteger(text)).toBe(value);
  });

  it.each(["", "-1", "1__0", "_1", "1_", "0x", "0x_1", "12a", "0b102", "1.5", "0o17"])("rejects %j", (text) => {
    expect(() => parseInteger(text)).toThrow(ValueError);
  });

  it("says what it expected", () => {
    expect(() => parseInteger("12a")).toThrow(/"12a" is not an integer \(write decimal 1500, hex 0x05dc or binary 0b101\)/);
  });
});

describe("parseIpv4", () => {
  it.each([
    ["10.0.0.1", 0x0a000001n],
    ["0.0.0.0", 0n],
    ["255.255.255.255", 0xffffffffn],
    ["192.168.1.254", 0xc0a801fen],
  ])("%s", (text, value) => expect(parseIpv4(text)).toBe(value));

  it.each(["256.0.0.1", "1.2.3", "1.2.3.4.5", "1..2.3", "a.b.c.d", "1.2.3.1000"])("rejects %s", (text) => {
    expect(() => parseIpv4(text)).toThrow(/is not an IPv4 address/);
  });
});

describe("parseIpv6 (RFC 4291 section 2.2 text forms)", () => {
  it.each([
    ["2001:DB8:0:0:8:800:200C:417A", 0x20010db8000000000008_0800200c417an],
    ["2001:db8::8:800:200c:417a", 0x20010db8000000000008_0800200c417an],
    ["FF01:0:0:0:0:0:0:101", 0xff010000000000000000000000000101n],
    ["FF01::101", 0xff010000000000000000000000000101n],
    ["::1", 1n],
    ["::", 0n],
    ["1::", 1n << 112n],
    ["0:0:0:0:0:0:13.1.68.3", 0x0d014403n],
    ["::13.1.68.3", 0x0d014403n],
    ["0:0:0:0:0:FFFF:129.144.52.38", 0xffff_81903426n],
    ["::FFFF:129.144.52.38", 0xffff_81903426n],
    ["1:2:3:4:5:6:7::", 0x0001_0002_0003_0004_0005_0006_0007_0000n],
    ["2001:db8::", 0x20010db8n << 96n],
  ])("%s", (text, value) => expect(parseIpv6(text)).toBe(value));

  it.each([
    "1::2::3", // two "::"
    "1:2:3:4:5:6:7:8:9", // nine groups
    "1:2:3:4:5:6:7", // seven groups without "::"
    "1:2:3:4:5:6:7:8::", // "::" must stand for at least one group
    "12345::", // group of five digits
    "::1.2.3", // bad dotted part
    "1.2.3.4::", // IPv4 only at the end
    "::1.2.3.4:5", // IPv4 only at the end
    "fe80::1%eth0", // zone index
    "g::1",
    ":1:2:3:4:5:6:7",
  ])("rejects %s", (text) => {
    expect(() => parseIpv6(text)).toThrow(/is not an IPv6 address/);
  });
});

describe("parseMac", () => {
  it.each([
    ["00:1b:21:3c:4d:5e", 0x001b213c4d5en],
    ["FF-FF-FF-FF-FF-FF", 0xffffffffffffn],
    ["01:00:5e:00:00:fb", 0x01005e0000fbn],
  ])("%s", (text, value) => expect(parseMac(text)).toBe(value));

  it.each(["00:1b:21:3c:4d", "00:1b:21:3c:4d:5e:6f", "00:1b-21:3c:4d:5e", "0:1b:21:3c:4d:5e", "00:1b:21:3c:4d:5g"])("rejects %s", (text) => {
    expect(() => parseMac(text)).toThrow(/is not a MAC address/);
  });
});

describe("parseValue", () => {
  it("recognises each notation by its shape", () => {
    expect(parseValue("167772161")).toBe(0x0a000001n);
    expect(parseValue("10.0.0.1")).toBe(0x0a000001n);
    expect(parseValue("00:1b:21:3c:4d:5e")).toBe(0x001b213c4d5en);
    expect(parseValue("2001:db8::1")).toBe((0x20010db8n << 96n) | 1n);
    expect(parseValue("0x133713371337")).toBe(0x133713371337n);
  });

  it("names every notation when nothing fits", () => {
    expect(() => parseValue("ten")).toThrow(/"ten" is not a value \(write an integer like 1500 or 0x05dc, an IPv4 address/);
  });
});

describe("parseKey (testing.md key notations)", () => {
  it("plain values", () => {
    expect(parseKey("0x0a000001")).toEqual({ form: "value", value: 0x0a000001n });
    expect(parseKey("10.0.0.1")).toEqual({ form: "value", value: 0x0a000001n });
    expect(parseKey("2001:db8::1")).toEqual({ form: "value", value: (0x20010db8n << 96n) | 1n });
  });

  it("prefixes", () => {
    expect(parseKey("10.0.0.0/8")).toEqual({ form: "prefix", value: 0x0a000000n, prefixLength: 8 });
    expect(parseKey("0x0a000000/8")).toEqual({ form: "prefix", value: 0x0a000000n, prefixLength: 8 });
    expect(parseKey("2001:db8::/32")).toEqual({ form: "prefix", value: 0x20010db8n << 96n, prefixLength: 32 });
  });

  it("value&&&mask, with or without spaces", () => {
    expect(parseKey("0x0a000000&&&0xff000000")).toEqual({ form: "mask", value: 0x0a000000n, mask: 0xff000000n });
    expect(parseKey("10.0.0.0 &&& 255.0.0.0")).toEqual({ form: "mask", value: 0x0a000000n, mask: 0xff000000n });
  });

  it("hex with * nibbles, binary with * bits", () => {
    expect(parseKey("0x0a******")).toEqual({ form: "wildcard-digits", value: 0x0a000000n, wildcard: 0x00ffffffn });
    expect(parseKey("0x*0")).toEqual({ form: "wildcard-digits", value: 0n, wildcard: 0xf0n });
    expect(parseKey("0b1*0*")).toEqual({ form: "wildcard-digits", value: 0b1000n, wildcard: 0b0101n });
  });

  it("ranges", () => {
    expect(parseKey("1024..2047")).toEqual({ form: "range", lo: 1024n, hi: 2047n });
    expect(parseKey("10.0.0.1..10.0.0.9")).toEqual({ form: "range", lo: 0x0a000001n, hi: 0x0a000009n });
  });

  it("any", () => {
    expect(parseKey("*")).toEqual({ form: "any" });
    expect(parseKey("_")).toEqual({ form: "any" });
  });

  it.each([
    ["1&&&2&&&3", /more than one "&&&"/],
    ["1..2..3", /is not a range/],
    ["10.0.0.0/abc", /bad prefix length "abc"/],
    ["10.0.0.0/", /bad prefix length ""/],
    ["12*4", /"\*" digits are written in hex \(0x0a\*\*\*\*\*\*\) or binary/],
    ["0x1g*", /"\*" digits are written in hex/],
    ["nonsense", /is not a value/],
    ["1..x", /"x" is not a value/],
  ])("rejects %s", (text, message) => {
    expect(() => parseKey(text)).toThrow(message);
  });
});
