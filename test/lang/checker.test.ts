// The checker, rule by rule: for every rule a valid program that is accepted
// and a violation that is rejected with the rule's code, at the right place.
//
// Each test program is a small complete program (`program(parts)`) with one
// part changed. In a violating part, `@` marks where the diagnostic must point
// (it is removed before parsing); the test expects exactly one error there, so
// it also checks that the mistake does not cascade into others.

import { describe, expect, it } from "vitest";
import type * as ast from "../../lang/ast.js";
import { checkProgram } from "../../lang/checker.js";
import { type Diagnostic, renderDiagnostics } from "../../lang/diagnostics.js";
import { parseProgram } from "../../lang/parser.js";
import { SourceFile } from "../../lang/source.js";

interface Parts {
  /** Text at the very start of the program. */
  lead?: string;
  /** Declarations before the headers block (header types). */
  top?: string;
  /** More instances inside `headers { … }`. */
  headers?: string;
  /** More declarations after the standard ones (actions, tables, controls, externs). */
  decls?: string;
  /** Statements at the end of state parse_ipv4, before its transition. */
  state?: string;
  /** The transition of state parse_ipv4. */
  transition?: string;
  /** More parser states. */
  states?: string;
  /** A whole parser block instead of the standard one ("" for none). */
  parser?: string;
  /** The body of control ingress. */
  ingress?: string;
  /** The body of the deparser ("" with noDeparser for none). */
  deparser?: string;
  /** Text at the very end of the program. */
  tail?: string;
  noHeaders?: boolean;
  noIngress?: boolean;
  noDeparser?: boolean;
}

function program(p: Parts): string {
  return [
    (p.lead ?? "") + "header ethernet { dst: bit<48>; src: bit<48>; ethertype: bit<16>; }",
    "header vlan_tag { pcp: bit<3>; dei: bit<1>; vid: bit<12>; ethertype: bit<16>; }",
    "header ipv4 { version: bit<4>; ihl: bit<4>; tos: bit<8>; len: bit<16>; id: bit<16>;",
    "    frag: bit<16>; ttl: bit<8>; protocol: bit<8>; checksum: bit<16>; src: bit<32>; dst: bit<32>; }",
    p.top ?? "",
    p.noHeaders ? "" : `headers { eth: ethernet; vlan: vlan_tag[2]; ip: ipv4; ${p.headers ?? ""} }`,
    "metadata { port: bit<16>; flag: bool; err: error; }",
    "error { BadVersion }",
    "action fwd(port: bit<16>) { forward(port); }",
    "action nop() { }",
    "table t { key { ip.dst: lpm; } actions { fwd; nop; } default_action = nop(); }",
    "counter c[4]; register r[4]: bit<32>; meter m[4]; digest d { f: bit<8>; }",
    p.decls ?? "",
    p.parser ??
      [
        "parser {",
        "  state start { extract(eth); transition select (eth.ethertype) { 0x8100: parse_vlan; 0x0800: parse_ipv4; default: accept; } }",
        "  state parse_vlan { extract(vlan.next); transition select (vlan.last.ethertype) { 0x8100: parse_vlan; 0x0800: parse_ipv4; default: accept; } }",
        `  state parse_ipv4 { extract(ip); ${p.state ?? ""} ${p.transition ?? "transition accept;"} }`,
        `  ${p.states ?? ""}`,
        "}",
      ].join("\n"),
    p.noIngress ? "" : `control ingress {\n${p.ingress ?? ""}\n}`,
    p.noDeparser ? "" : `deparser { ${p.deparser ?? "emit(eth); emit(vlan); emit(ip);"} }`,
    p.tail ?? "",
  ].join("\n");
}

/** Removes the `@` marker and returns where it was. */
function locate(text: string): { text: string; line: number; col: number } {
  const at = text.indexOf("@");
  if (at < 0) throw new Error("the violating program has no @ marker");
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const col = at - before.lastIndexOf("\n");
  return { text: text.slice(0, at) + text.slice(at + 1), line, col };
}

function run(text: string) {
  const source = new SourceFile("t.pnet", text);
  const parsed = parseProgram(source);
  const syntax = parsed.diagnostics.filter((d) => d.severity === "error");
  if (syntax.length > 0) throw new Error("the test program does not parse:\n" + renderDiagnostics(syntax, new Map([["t.pnet", source]])));
  return { source, program: parsed.program, ...checkProgram(parsed.program) };
}

const where = (d: Diagnostic) => `${d.code} ${d.span.line}:${d.span.col}`;
const errorsOf = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === "error");

function accepts(p: Parts) {
  const r = run(program(p));
  expect(renderDiagnostics(errorsOf(r.diagnostics), new Map([["t.pnet", r.source]]))).toBe("");
  expect(r.checked).toBeDefined();
  return r;
}

/** Exactly one error, with this code, at the marker. */
function rejects(p: Parts, code: string): Diagnostic {
  const { text, line, col } = locate(program(p));
  const r = run(text);
  const errors = errorsOf(r.diagnostics);
  expect(errors.map(where), renderDiagnostics(errors, new Map([["t.pnet", r.source]]))).toEqual([`${code} ${line}:${col}`]);
  expect(r.checked).toBeUndefined();
  return errors[0]!;
}

/** No error, and one warning with this code at the marker. */
function warns(p: Parts, code: string): Diagnostic {
  const { text, line, col } = locate(program(p));
  const r = run(text);
  expect(errorsOf(r.diagnostics).map(where)).toEqual([]);
  const warnings = r.diagnostics.filter((d) => d.severity === "warning");
  expect(warnings.map(where)).toEqual([`${code} ${line}:${col}`]);
  expect(r.checked).toBeDefined();
  return warnings[0]!;
}

interface Rule {
  readonly name: string;
  readonly code: string;
  readonly ok: Parts;
  readonly bad: Parts;
}

function rules(title: string, list: readonly Rule[]): void {
  describe(title, () => {
    for (const r of list) {
      describe(`${r.code}: ${r.name}`, () => {
        it("accepts the valid program", () => {
          accepts(r.ok);
        });
        it("rejects the violation, pointing at it", () => {
          rejects(r.bad, r.code);
        });
      });
    }
  });
}

// ---------------------------------------------------------------- names

rules("names", [
  { name: "unknown name", code: "E0201", ok: { ingress: "let p: bit<16> = 1; meta.port = p;" }, bad: { ingress: "meta.port = @q;" } },
  { name: "unknown name in a nested expression gives one error", code: "E0201", ok: { ingress: "ip.ttl = (ip.ttl + 1) * 2;" }, bad: { ingress: "ip.ttl = (@nosuch + 1) * 2 + ip.ttl;" } },
  { name: "duplicate action", code: "E0202", ok: { decls: "action a1() { } action a2() { }" }, bad: { decls: "action a1() { } action @a1() { }" } },
  { name: "a value may not reuse a header instance's name", code: "E0202", ok: { decls: "const ETH: bit<8> = 1;" }, bad: { decls: "const @eth: bit<8> = 1;" } },
  { name: "built-in names are reserved", code: "E0202", ok: { decls: "action drop_it() { drop(); }" }, bad: { decls: "action @drop() { }" } },
  { name: "duplicate header field", code: "E0202", ok: { top: "header h { a: bit<8>; b: bit<8>; }" }, bad: { top: "header h { a: bit<8>; @a: bit<8>; }" } },
  { name: "duplicate error name (also against the built-ins)", code: "E0202", ok: { decls: "error { BadLength }" }, bad: { decls: "error { @NoMatch }" } },
  { name: "duplicate parser state", code: "E0202", ok: { states: "state s2 { transition accept; } state s3 { transition accept; }", transition: "transition select (ip.ttl) { 0: s2; 1: s3; default: accept; }" }, bad: { states: "state s2 { transition accept; } state @s2 { transition accept; }", transition: "transition s2;" } },
  { name: "types and values have separate namespaces (tcp: tcp)", code: "E0202", ok: { top: "header tcp { sport: bit<16>; dport: bit<16>; }", headers: "tcp: tcp;" }, bad: { top: "header tcp { sport: bit<16>; dport: bit<16>; }", headers: "tcp: tcp; @tcp: tcp;" } },
  { name: "unknown header type", code: "E0203", ok: { headers: "ip2: ipv4;" }, bad: { headers: "ip2: @ipv6;" } },
  { name: "missing headers block", code: "E0204", ok: {}, bad: { lead: "@", noHeaders: true } },
  { name: "missing control ingress", code: "E0204", ok: { decls: "control other { }" }, bad: { lead: "@", noIngress: true } },
  { name: "missing deparser", code: "E0204", ok: {}, bad: { lead: "@", noDeparser: true } },
  { name: "missing parser", code: "E0204", ok: {}, bad: { lead: "@", parser: "" } },
  { name: "a second metadata block", code: "E0205", ok: {}, bad: { decls: "@metadata { x: bit<8>; }" } },
  { name: "a second deparser", code: "E0205", ok: {}, bad: { tail: "@deparser { emit(eth); }" } },
  { name: "unknown header field", code: "E0206", ok: { ingress: "eth.dst = eth.src;" }, bad: { ingress: "eth.dst = eth.@srcc;" } },
  { name: "unknown metadata field", code: "E0206", ok: { ingress: "meta.port = 1;" }, bad: { ingress: "meta.@prt = 1;" } },
  { name: "unknown std field", code: "E0206", ok: { ingress: "meta.port = std.ingress_port;" }, bad: { ingress: "meta.port = std.@egress_port;" } },
  { name: "unknown error name", code: "E0207", ok: { ingress: "if (std.parser_error == error.BadVersion || std.parser_error == NoMatch) { drop(); }" }, bad: { ingress: "if (std.parser_error == error.@BadVersio) { drop(); }" } },
  { name: "unknown method", code: "E0208", ok: { ingress: "c.count(0);" }, bad: { ingress: "c.@read(0);" } },
  { name: "a header used as a value", code: "E0209", ok: { ingress: "meta.port = eth.ethertype;" }, bad: { ingress: "meta.port = @eth;" } },
  { name: "a table called like a function", code: "E0209", ok: { ingress: "t.apply();" }, bad: { ingress: "@t();" } },
  { name: "stack next/last outside the parser", code: "E0210", ok: { ingress: "vlan[1].setInvalid();" }, bad: { ingress: "vlan.@last.setInvalid();" } },
  { name: "stack index out of range", code: "E0211", ok: { ingress: "meta.port = vlan[1].ethertype;" }, bad: { ingress: "meta.port = vlan[@2].ethertype;" } },
  { name: "stack index is a constant", code: "E0312", ok: { decls: "const I: bit<8> = 1;", ingress: "meta.port = vlan[I].ethertype;" }, bad: { ingress: "meta.port = vlan[@ip.ttl].ethertype;" } },
  { name: "push_front count out of range", code: "E0211", ok: { ingress: "vlan.push_front(2);" }, bad: { ingress: "vlan.push_front(@3);" } },
  { name: "const defined in terms of itself (consts may be used before their declaration)", code: "E0212", ok: { decls: "const A: bit<8> = B; const B: bit<8> = 1;" }, bad: { decls: "const @A: bit<8> = B; const B: bit<8> = A;" } },
  { name: "a let may not shadow a visible name", code: "E0213", ok: { ingress: "if (true) { let x: bit<8> = 1; } else { let x: bit<8> = 2; }" }, bad: { ingress: "let x: bit<8> = 1; if (true) { let @x: bit<8> = 2; }" } },
  { name: "a parameter may not shadow a global name", code: "E0213", ok: { decls: "action a(port: bit<16>) { forward(port); }" }, bad: { decls: "action a(@ip: bit<16>) { forward(ip); }" } },
]);

// ---------------------------------------------------------------- types and widths

rules("types and widths", [
  { name: "width mismatch in arithmetic", code: "E0301", ok: { ingress: "meta.port = eth.ethertype + (ip.ttl as bit<16>);" }, bad: { ingress: "meta.port = @eth.ethertype + ip.ttl;" } },
  { name: "width mismatch in an assignment", code: "E0301", ok: { ingress: "meta.port = ip.ttl as bit<16>;" }, bad: { ingress: "meta.port = @ip.ttl;" } },
  { name: "an IPv4 literal is a bit<32>", code: "E0301", ok: { ingress: "ip.dst = 10.0.0.1;" }, bad: { ingress: "meta.port = @10.0.0.1;" } },
  { name: "a MAC literal is a bit<48>", code: "E0301", ok: { ingress: "eth.dst = 00:11:22:33:44:55;" }, bad: { ingress: "ip.dst = @00:11:22:33:44:55;" } },
  { name: "the branches of ?: have the same type", code: "E0301", ok: { ingress: "meta.port = meta.flag ? eth.ethertype : 7;" }, bad: { ingress: "meta.port = @meta.flag ? eth.ethertype : ip.len[7:0];" } },
  { name: "forward takes a bit<16> port", code: "E0301", ok: { ingress: "forward(meta.port);" }, bad: { ingress: "forward(@ip.ttl);" } },
  { name: "multicast takes a bit<16> group", code: "E0301", ok: { ingress: "multicast(eth.ethertype);" }, bad: { ingress: "multicast(@ip.src);" } },
  { name: "a literal must fit the width it takes", code: "E0302", ok: { ingress: "ip.ttl = 255;" }, bad: { ingress: "ip.ttl = @256;" } },
  { name: "an untyped literal takes the other operand's width", code: "E0302", ok: { ingress: "if (ip.ttl == 0xff) { drop(); }" }, bad: { ingress: "if (ip.ttl == @0x100) { drop(); }" } },
  { name: "bit widths are 1..128", code: "E0303", ok: { top: "header h { a: bit<128>; }" }, bad: { top: "header h { a: @bit<129>; }" } },
  { name: "bit<0> is not a type", code: "E0303", ok: { ingress: "let x: bit<1> = 0;" }, bad: { ingress: "let x: @bit<0> = 0;" } },
  { name: "header width a multiple of 8", code: "E0304", ok: { top: "header h { a: bit<12>; b: bit<4>; }" }, bad: { top: "header @h { a: bit<12>; }" } },
  { name: "stack size 1..16", code: "E0305", ok: { headers: "vs: vlan_tag[16];" }, bad: { headers: "vs: @vlan_tag[17];" } },
  { name: "two untyped literals need a width", code: "E0306", ok: { ingress: "if ((1 as bit<8>) == 2) { drop(); }" }, bad: { ingress: "if (@1 == 2) { drop(); }" } },
  { name: "untyped items of a hash list need a width", code: "E0306", ok: { ingress: "meta.port = hash(crc32, {ip.src, 5 as bit<8>})[15:0];" }, bad: { ingress: "meta.port = hash(crc32, {ip.src, @5})[15:0];" } },
  { name: "arithmetic on bool", code: "E0307", ok: { ingress: "meta.flag = meta.flag && true;" }, bad: { ingress: "meta.flag = @meta.flag + true;" } },
  { name: "error values only with == and !=", code: "E0307", ok: { ingress: "if (std.parser_error != NoError) { drop(); }" }, bad: { ingress: "if (@std.parser_error < NoError) { drop(); }" } },
  { name: "`!` needs a bool", code: "E0307", ok: { ingress: "if (!meta.flag) { drop(); }" }, bad: { ingress: "if (!@ip.ttl) { drop(); }" } },
  { name: "conditions are bool", code: "E0308", ok: { ingress: "if (ip.ttl != 0) { drop(); }" }, bad: { ingress: "if (@ip.ttl) { drop(); }" } },
  { name: "concatenation at most 128 bits", code: "E0309", ok: { ingress: "let x: bit<128> = ip.src ++ ip.dst ++ ip.src ++ ip.dst;" }, bad: { ingress: "let x: bit<128> = @ip.src ++ ip.dst ++ ip.src ++ eth.dst;" } },
  { name: "slice within the width", code: "E0310", ok: { ingress: "meta.port = ip.src[31:16];" }, bad: { ingress: "meta.port = ip.src[@32:17];" } },
  { name: "slice hi >= lo", code: "E0310", ok: { ingress: "ip.ttl = ip.src[15:8];" }, bad: { ingress: "ip.ttl = @ip.src[8:15];" } },
  { name: "slice bounds are constants", code: "E0312", ok: { decls: "const HI: bit<8> = 15;", ingress: "ip.ttl = ip.src[HI:8];" }, bad: { ingress: "ip.ttl = ip.src[@ip.ttl:8];" } },
  { name: "only bit<1> casts to bool", code: "E0311", ok: { ingress: "meta.flag = ip.src[0:0] as bool;" }, bad: { ingress: "meta.flag = @ip.ttl as bool;" } },
  { name: "bool casts only to bit<1>", code: "E0311", ok: { ingress: "ip.ttl = (meta.flag as bit<1>) as bit<8>;" }, bad: { ingress: "ip.ttl = @meta.flag as bit<8>;" } },
  { name: "const initialisers are constant", code: "E0312", ok: { decls: "const X: bit<16> = 0x0800 + 1;" }, bad: { decls: "const X: bit<16> = @eth.ethertype;" } },
  { name: "header fields are bit<N>", code: "E0313", ok: { top: "header h { a: bit<8>; }" }, bad: { top: "header h { a: @bool; }" } },
  { name: "action parameters are read-only", code: "E0314", ok: { decls: "action a(p: bit<8>) { let q: bit<8> = p; ip.ttl = q; }" }, bad: { decls: "action a(p: bit<8>) { @p = 1; }" } },
  { name: "std is read-only", code: "E0314", ok: { ingress: "meta.port = std.ingress_port;" }, bad: { ingress: "@std.ingress_port = 1;" } },
  { name: "consts are read-only", code: "E0314", ok: { decls: "const K: bit<8> = 1;", ingress: "ip.ttl = K;" }, bad: { decls: "const K: bit<8> = 1;", ingress: "@K = 2;" } },
  { name: "a whole header cannot be assigned", code: "E0315", ok: { ingress: "eth.dst = eth.src;" }, bad: { ingress: "@eth = eth;" } },
  { name: "hash algorithm is one of crc32, crc16, xor16, identity", code: "E0316", ok: { ingress: "meta.port = hash(xor16, {ip.src, ip})[15:0];" }, bad: { ingress: "meta.port = hash(@md5, {ip.src})[15:0];" } },
  { name: "hash takes a list in braces", code: "E0317", ok: { ingress: "meta.port = hash(crc16, {ip.src})[15:0];" }, bad: { ingress: "meta.port = hash(crc16, @ip.src)[15:0];" } },
  { name: "checksum16 list a multiple of 16 bits", code: "E0318", ok: { ingress: "ip.checksum = checksum16({ip.ttl, ip.protocol});" }, bad: { ingress: "ip.checksum = checksum16(@{ip.ttl});" } },
  { name: "a bool cannot be hashed", code: "E0318", ok: { ingress: "meta.port = hash(identity, {meta.flag as bit<1>, ip.src[14:0]})[15:0];" }, bad: { ingress: "meta.port = hash(identity, {@meta.flag})[15:0];" } },
  { name: "csum16_update values a multiple of 16 bits", code: "E0319", ok: { ingress: "ip.checksum = csum16_update(ip.checksum, ip.ttl ++ ip.protocol, 0x4006);" }, bad: { ingress: "ip.checksum = csum16_update(ip.checksum, @ip.ttl, 64);" } },
  { name: "argument count of a built-in", code: "E0320", ok: { ingress: "forward(1);" }, bad: { ingress: "@forward(1, 2);" } },
  { name: "argument count of hash (the algorithm is not reported unknown)", code: "E0320", ok: { ingress: "meta.port = hash(crc32, {ip.src})[15:0];" }, bad: { ingress: "meta.port = @hash(crc32)[15:0];" } },
  { name: "argument count of an action call", code: "E0320", ok: { ingress: "fwd(3);" }, bad: { ingress: "@fwd();" } },
  { name: "lookahead takes one bit<N> type argument", code: "E0321", ok: { state: "let x: bit<8> = lookahead<bit<8>>();" }, bad: { state: "let x: bool = lookahead<@bool>();" } },
  { name: "lookahead width 1..128", code: "E0303", ok: { state: "let x: bit<128> = lookahead<bit<128>>();" }, bad: { state: "let x: bit<8> = lookahead<@bit<200>>();" } },
]);

// ---------------------------------------------------------------- parser

const LOOP = (closing: string) =>
  [
    "parser {",
    "  state start { extract(eth); transition a; }",
    "  state a { extract(ip); transition b; }",
    `  state b { transition select (ip.ttl) { 0: ${closing}; default: accept; } }`,
    "}",
  ].join("\n");

rules("parser", [
  { name: "a start state", code: "E0401", ok: { parser: "parser { state start { transition accept; } }" }, bad: { parser: "@parser { state begin { transition accept; } }" } },
  { name: "transitions go to existing states", code: "E0402", ok: { transition: "transition reject;" }, bad: { transition: "transition @nowhere;" } },
  { name: "select case arity equals the keys", code: "E0403", ok: { transition: "transition select (ip.ttl, ip.protocol) { (1, 6): accept; default: reject; }" }, bad: { transition: "transition select (ip.ttl, ip.protocol) { @1: accept; default: reject; }" } },
  { name: "a mask needs a bit<N> key", code: "E0404", ok: { transition: "transition select (meta.flag) { true: accept; default: reject; }" }, bad: { transition: "transition select (meta.flag) { @true &&& true: accept; default: reject; }" } },
  { name: "case values fit the key", code: "E0302", ok: { transition: "transition select (ip.ttl) { 255: accept; default: reject; }" }, bad: { transition: "transition select (ip.ttl) { @256: accept; default: reject; }" } },
  { name: "masks fit the key", code: "E0302", ok: { transition: "transition select (ip.ttl) { 0x10 &&& 0xf0: accept; default: reject; }" }, bad: { transition: "transition select (ip.ttl) { 0x10 &&& @0xff0: accept; default: reject; }" } },
  { name: "loops only through extract(stack.next)", code: "E0405", ok: { parser: LOOP("accept") }, bad: { parser: LOOP("@a") } },
  { name: "a state looping on itself without a stack", code: "E0405", ok: { transition: "transition select (ip.ttl) { 0: parse_vlan; default: accept; }" }, bad: { transition: "transition select (ip.ttl) { 0: @parse_ipv4; default: accept; }" } },
  { name: "extract only in the parser", code: "E0406", ok: { state: "advance(4);" }, bad: { ingress: "@extract(eth);" } },
  { name: "lookahead only in the parser", code: "E0406", ok: { state: "meta.port = lookahead<bit<16>>();" }, bad: { ingress: "meta.port = @lookahead<bit<16>>();" } },
  { name: "no verdicts in a parser state", code: "E0407", ok: { state: "meta.port = 1;" }, bad: { state: "@forward(1);" } },
  { name: "a parser state assigns only metadata and locals", code: "E0407", ok: { state: "let x: bit<8> = ip.ttl; meta.port = x as bit<16>;" }, bad: { state: "@ip.ttl = 1;" } },
  { name: "no if in a parser state", code: "E0407", ok: { state: "verify(ip.ttl != 0, BadVersion);" }, bad: { state: "@if (ip.ttl == 0) { meta.port = 1; }" } },
  { name: "extract into a stack needs .next", code: "E0408", ok: { state: "extract(vlan.next);" }, bad: { state: "extract(@vlan);" } },
  { name: "verify's error is an error name", code: "E0409", ok: { state: "verify(ip.version == 4, error.BadVersion);" }, bad: { state: "verify(ip.version == 4, @meta.err);" } },
  { name: "verify's condition is bool", code: "E0308", ok: { state: "verify(ip.version == 4, BadVersion);" }, bad: { state: "verify(@ip.version, BadVersion);" } },
  { name: "ranges have lo <= hi", code: "E0411", ok: { transition: "transition select (ip.ttl) { 5..10: accept; default: reject; }" }, bad: { transition: "transition select (ip.ttl) { @10..5: accept; default: reject; }" } },
]);

// ---------------------------------------------------------------- tables

const table = (body: string) => ({ decls: `table u { ${body} }`, ingress: "u.apply();" });

rules("tables", [
  { name: "keys are fields", code: "E0501", ok: table("key { ip.ttl: exact; std.ingress_port: exact; ip.dst[31:24]: exact; } actions { nop; }"), bad: table("key { @ip.ttl + 1: exact; } actions { nop; }") },
  { name: "a const is not a key", code: "E0501", ok: table("key { meta.port: exact; } actions { nop; }"), bad: table("key { @K: exact; } actions { nop; }") },
  { name: "at most one lpm key", code: "E0502", ok: table("key { ip.src: lpm; ip.dst: ternary; } actions { nop; }"), bad: table("key { ip.src: lpm; @ip.dst: lpm; } actions { nop; }") },
  { name: "no error keys", code: "E0503", ok: table("key { meta.port: exact; } actions { nop; }"), bad: table("key { @std.parser_error: exact; } actions { nop; }") },
  { name: "a bool key is exact or optional", code: "E0503", ok: table("key { meta.flag: optional; } actions { nop; }"), bad: table("key { @meta.flag: lpm; } actions { nop; }") },
  { name: "the actions list names actions", code: "E0504", ok: table("key { ip.ttl: exact; } actions { nop; NoAction; }"), bad: table("key { ip.ttl: exact; } actions { nop; @t; }") },
  { name: "default_action is in the actions list", code: "E0505", ok: table("key { ip.ttl: exact; } actions { nop; fwd; } default_action = fwd(1);"), bad: table("key { ip.ttl: exact; } actions { nop; } default_action = @fwd(1);") },
  { name: "default_action arguments: count", code: "E0320", ok: table("key { ip.ttl: exact; } actions { fwd; } default_action = fwd(1);"), bad: table("key { ip.ttl: exact; } actions { fwd; } default_action = @fwd(1, 2);") },
  { name: "default_action arguments: width", code: "E0302", ok: table("key { ip.ttl: exact; } actions { fwd; } default_action = fwd(65535);"), bad: table("key { ip.ttl: exact; } actions { fwd; } default_action = fwd(@65536);") },
  { name: "default_action arguments are constants", code: "E0312", ok: table("key { ip.ttl: exact; } actions { fwd; } default_action = fwd(K);"), bad: table("key { ip.ttl: exact; } actions { fwd; } default_action = fwd(@meta.port);") },
  { name: "size is a positive constant", code: "E0506", ok: table("key { ip.ttl: exact; } actions { nop; } size = 16;"), bad: table("key { ip.ttl: exact; } actions { nop; } size = @0;") },
  { name: "one entry value per key", code: "E0507", ok: table("key { ip.ttl: exact; ip.protocol: exact; } actions { nop; } entries { (1, 2): nop(); }"), bad: table("key { ip.ttl: exact; } actions { nop; } entries { @(1, 2): nop(); }") },
  { name: "entry values fit the key", code: "E0302", ok: table("key { ip.ttl: exact; } actions { nop; } entries { 255: nop(); }"), bad: table("key { ip.ttl: exact; } actions { nop; } entries { @256: nop(); }") },
  { name: "exact keys take values only", code: "E0404", ok: table("key { ip.ttl: ternary; } actions { nop; } entries { _: nop(); }"), bad: table("key { ip.ttl: exact; } actions { nop; } entries { @_: nop(); }") },
  { name: "masks only on ternary keys", code: "E0404", ok: table("key { ip.ttl: ternary; } actions { nop; } entries { 1 &&& 3: nop(); }"), bad: table("key { ip.ttl: range; } actions { nop; } entries { @1 &&& 3: nop(); }") },
  { name: "ranges only on range keys", code: "E0404", ok: table("key { ip.ttl: range; } actions { nop; } entries { 1..3: nop(); }"), bad: table("key { ip.ttl: optional; } actions { nop; } entries { @1..3: nop(); }") },
  { name: "prefixes only on lpm keys", code: "E0404", ok: table("key { ip.dst: lpm; } actions { nop; } entries { 10.0.0.0/8: nop(); }"), bad: table("key { ip.dst: ternary; } actions { nop; } entries { @10.0.0.0/8: nop(); }") },
  { name: "prefix length within the key", code: "E0508", ok: table("key { ip.dst: lpm; } actions { nop; } entries { 10.0.0.1/32: nop(); }"), bad: table("key { ip.dst: lpm; } actions { nop; } entries { @10.0.0.0/33: nop(); }") },
  { name: "no host bits after the prefix", code: "E0509", ok: table("key { ip.dst: lpm; } actions { nop; } entries { 10.0.0.0/8: nop(); }"), bad: table("key { ip.dst: lpm; } actions { nop; } entries { @10.0.0.1/8: nop(); }") },
  { name: "entry actions are in the list", code: "E0505", ok: table("key { ip.ttl: exact; } actions { nop; fwd; } entries { 1: fwd(2); }"), bad: table("key { ip.ttl: exact; } actions { nop; } entries { 1: @fwd(2); }") },
  { name: "entry action arguments fit", code: "E0301", ok: table("key { ip.ttl: exact; } actions { fwd; } entries { 1: fwd(2); }"), bad: table("key { ip.ttl: exact; } actions { fwd; } entries { 1: fwd(@10.0.0.1); }") },
  { name: "duplicate entries", code: "E0510", ok: table("key { ip.ttl: exact; } actions { nop; } entries { 1: nop(); 2: nop(); }"), bad: table("key { ip.ttl: exact; } actions { nop; } entries { 1: nop(); @1: nop(); }") },
  { name: "duplicate entries: `_` equals `0 &&& 0` on a ternary key", code: "E0510", ok: table("key { ip.ttl: ternary; } actions { nop; } entries { _: nop(); 0 &&& 1: nop(); }"), bad: table("key { ip.ttl: ternary; } actions { nop; } entries { _: nop(); @0 &&& 0: nop(); }") },
  { name: "no more const entries than size", code: "E0511", ok: table("key { ip.ttl: exact; } actions { nop; } size = 2; entries { 1: nop(); 2: nop(); }"), bad: table("key { ip.ttl: exact; } actions { nop; } size = 1; entries { 1: nop(); @2: nop(); }") },
].map((r) => ({ ...r, ok: { ...r.ok, decls: "const K: bit<16> = 7; " + r.ok.decls }, bad: { ...r.bad, decls: "const K: bit<16> = 7; " + r.bad.decls } })));

// ---------------------------------------------------------------- controls and actions

rules("controls and actions", [
  { name: "a table applied twice in sequence", code: "E0601", ok: { ingress: "if (meta.flag) { t.apply(); } else { t.apply(); }" }, bad: { ingress: "t.apply(); @t.apply();" } },
  { name: "a table applied after an if that may apply it", code: "E0601", ok: { ingress: "if (meta.flag) { t.apply(); exit; } t.apply();" }, bad: { ingress: "if (meta.flag) { t.apply(); } @t.apply();" } },
  { name: "apply twice in one condition", code: "E0601", ok: { ingress: "if (meta.flag ? t.apply().hit : t.apply().miss) { drop(); }" }, bad: { ingress: "if (t.apply().hit || @t.apply().miss) { drop(); }" } },
  { name: "apply after a switch on the same table", code: "E0601", ok: { ingress: "switch (t.apply().action) { nop: { exit; } fwd: { exit; } } t.apply();" }, bad: { ingress: "switch (t.apply().action) { nop: { exit; } } @t.apply();" } },
  { name: "a switch covering the listed actions still falls through to the implicit NoAction", code: "E0601", ok: { decls: "table u { key { ip.ttl: exact; } actions { nop; } }", ingress: "switch (u.apply().action) { nop: { exit; } NoAction: { exit; } } u.apply();" }, bad: { decls: "table u { key { ip.ttl: exact; } actions { nop; } }", ingress: "switch (u.apply().action) { nop: { exit; } } @u.apply();" } },
  { name: "a control applied twice applies its table twice", code: "E0601", ok: { decls: "control c1 { t.apply(); }", ingress: "if (meta.flag) { c1.apply(); } else { c1.apply(); }" }, bad: { decls: "control c1 { t.apply(); }", ingress: "c1.apply(); @c1.apply();" } },
  { name: "a control that always exits does not continue the path", code: "E0601", ok: { decls: "control c1 { t.apply(); exit; }", ingress: "if (meta.flag) { c1.apply(); } t.apply();" }, bad: { decls: "control c1 { t.apply(); }", ingress: "if (meta.flag) { c1.apply(); } @t.apply();" } },
  { name: "recursion between controls", code: "E0602", ok: { decls: "control a { b.apply(); } control b { }", ingress: "a.apply();" }, bad: { decls: "control a { b.apply(); } control b { @a.apply(); }", ingress: "a.apply();" } },
  { name: "recursion between actions", code: "E0603", ok: { decls: "action r1() { nop(); }" }, bad: { decls: "action r1() { @r1(); }" } },
  { name: "switch on t.apply().action", code: "E0604", ok: { ingress: "switch (t.apply().action) { default: { drop(); } }" }, bad: { ingress: "switch (@ip.ttl) { default: { drop(); } }" } },
  { name: "switch labels are actions of the table", code: "E0605", ok: { ingress: "switch (t.apply().action) { fwd: { } nop: { } }" }, bad: { decls: "action other() { }", ingress: "switch (t.apply().action) { fwd: { } @other: { } }" } },
  { name: "switch labels are not repeated", code: "E0606", ok: { ingress: "switch (t.apply().action) { fwd: nop: { } }" }, bad: { ingress: "switch (t.apply().action) { fwd: { } @fwd: { } }" } },
  { name: "no table apply in an action", code: "E0607", ok: { decls: "action a() { drop(); }" }, bad: { decls: "action a() { @t.apply(); }" } },
  { name: "no exit in an action", code: "E0607", ok: { decls: "action a() { drop(); }", ingress: "a(); exit;" }, bad: { decls: "action a() { drop(); @exit; }" } },
  { name: "no switch in an action", code: "E0607", ok: { ingress: "switch (t.apply().action) { default: { } }" }, bad: { decls: "action a() { switch (@t.apply().action) { default: { } } }" } },
  { name: "action parameters are bit<N> or bool", code: "E0608", ok: { decls: "action a(p: bool, q: bit<3>) { }" }, bad: { decls: "action a(p: @error) { }" } },
  { name: ".hit belongs to t.apply()", code: "E0609", ok: { ingress: "if (t.apply().hit) { drop(); }" }, bad: { ingress: "if (t.@hit) { drop(); }" } },
  { name: "t.apply() is not a value", code: "E0609", ok: { ingress: "meta.flag = t.apply().miss;" }, bad: { ingress: "if (@t.apply()) { drop(); }" } },
  { name: "a computed value must be used", code: "E0610", ok: { ingress: "meta.port = hash(crc32, {ip.src})[15:0];" }, bad: { ingress: "@hash(crc32, {ip.src});" } },
  { name: "a statement is not a value", code: "E0611", ok: { ingress: "drop();" }, bad: { ingress: "if (@drop()) { }" } },
]);

// ---------------------------------------------------------------- externs and deparser

rules("externs and deparser", [
  { name: "extern sizes are positive", code: "E0701", ok: { decls: "counter k[1];" }, bad: { decls: "counter k[@0];" } },
  { name: "extern sizes are constants", code: "E0312", ok: { decls: "const N: bit<16> = 8; meter k[N];" }, bad: { decls: "meter k[@meta.port];" } },
  { name: "register cells are bit<N>", code: "E0702", ok: { decls: "register k[2]: bit<1>;" }, bad: { decls: "register k[2]: @bool;" } },
  { name: "digest fields are bit<N>", code: "E0703", ok: { decls: "digest k { a: bit<48>; b: bit<16>; }" }, bad: { decls: "digest k { a: @bool; }" } },
  { name: "send gives one value per digest field", code: "E0704", ok: { ingress: "d.send({ip.ttl});" }, bad: { ingress: "d.send(@{ip.ttl, ip.ttl});" } },
  { name: "send values have the fields' widths", code: "E0301", ok: { ingress: "d.send({ip.src[7:0]});" }, bad: { ingress: "d.send({@ip.src});" } },
  { name: "register writes have the cell width", code: "E0301", ok: { ingress: "r.write(0, ip.src);" }, bad: { ingress: "r.write(0, @ip.ttl);" } },
  { name: "register reads have the cell width", code: "E0301", ok: { ingress: "ip.src = r.read(meta.port);" }, bad: { ingress: "meta.port = @r.read(0);" } },
  { name: "a meter gives a bit<2> colour", code: "E0301", ok: { ingress: "let colour: bit<2> = m.execute(1);" }, bad: { ingress: "let colour: bit<8> = @m.execute(1);" } },
  { name: "extern indices are bit<N>", code: "E0708", ok: { ingress: "c.count(eth.dst);" }, bad: { ingress: "c.count(@meta.flag);" } },
  { name: "the deparser holds only emit", code: "E0705", ok: { deparser: "emit(eth); emit(ip);" }, bad: { deparser: "emit(eth); @drop();" } },
  { name: "emit takes a header or a whole stack", code: "E0706", ok: { deparser: "emit(vlan);" }, bad: { deparser: "emit(@vlan[0]);" } },
  { name: "emit only in the deparser", code: "E0707", ok: { deparser: "emit(eth);" }, bad: { ingress: "@emit(eth);" } },
  { name: "no externs in a parser state", code: "E0407", ok: { ingress: "c.count(1);" }, bad: { state: "@c.count(1);" } },
]);

// ---------------------------------------------------------------- warnings

describe("warnings", () => {
  it("W0001: an unreachable parser state", () => {
    accepts({ states: "state used { transition accept; }", transition: "transition used;" });
    warns({ states: "state @orphan { transition accept; }" }, "W0001");
  });
  it("W0002: a select case after default never matches", () => {
    accepts({ transition: "transition select (ip.ttl) { 1: reject; default: accept; }" });
    warns({ transition: "transition select (ip.ttl) { default: accept; @1: reject; }" }, "W0002");
  });
  it("W0004: constant arithmetic on literals that wraps around", () => {
    accepts({ ingress: "ip.ttl = 200 + 55;" });
    const w = warns({ ingress: "ip.ttl = @200 + 100;" }, "W0004");
    expect(w.message).toBe("`200 + 100` is 300, which does not fit bit<8>: it wraps around to 44");
    warns({ ingress: "ip.ttl = @1 - 2;" }, "W0004");
  });
  it("W0003: bits of a value outside its mask", () => {
    accepts({ transition: "transition select (ip.len) { 0x0800 &&& 0xff00: reject; default: accept; }" });
    warns({ transition: "transition select (ip.len) { @0x0801 &&& 0xff00: reject; default: accept; }" }, "W0003");
  });
});

// ---------------------------------------------------------------- diagnostics' content

describe("messages, hints and notes", () => {
  it("a duplicate points at the first declaration", () => {
    const d = rejects({ decls: "action a1() { } action @a1() { }" }, "E0202");
    expect(d.related?.[0]?.message).toBe("first declared here");
    expect(d.related?.[0]?.span.line).toBe(d.span.line);
  });
  it("a literal that does not fit names the literal, the width and the largest value", () => {
    const d = rejects({ ingress: "ip.ttl = @0x100;" }, "E0302");
    expect(d.message).toContain("0x100");
    expect(d.message).toContain("bit<8>");
    expect(d.message).toContain("255");
  });
  it("a header width names the width and how many bits to add", () => {
    const d = rejects({ top: "header @h { a: bit<12>; }" }, "E0304");
    expect(d.message).toContain("12 bits");
    expect(d.hint).toContain("add 4 bits");
  });
  it("a width mismatch names both widths and hints at a cast", () => {
    const d = rejects({ ingress: "meta.port = @eth.ethertype + ip.ttl;" }, "E0301");
    expect(d.message).toBe("width mismatch: bit<16> + bit<8>");
    expect(d.hint).toBe("convert the narrower side: ip.ttl as bit<16>");
  });
  it("a select arity error names both counts", () => {
    const d = rejects({ transition: "transition select (ip.ttl, ip.protocol) { @1: accept; default: reject; }" }, "E0403");
    expect(d.message).toBe("select has 2 keys, but this case has 1 value");
  });
  it("an unbounded loop is named", () => {
    const d = rejects({ parser: LOOP("@a") }, "E0405");
    expect(d.message).toContain("a → b → a");
  });
  it("recursion names the cycle", () => {
    const d = rejects({ decls: "control a { b.apply(); } control b { @a.apply(); }", ingress: "a.apply();" }, "E0602");
    expect(d.message).toBe("recursion between controls: a → b → a");
  });
  it("applying twice notes where the table was first applied", () => {
    const d = rejects({ ingress: "t.apply();\n@t.apply();" }, "E0601");
    expect(d.related?.[0]?.message).toBe("first applied here");
    expect(d.related?.[0]?.span.line).toBe(d.span.line - 1);
  });
  it("an unknown name suggests a close one", () => {
    const d = rejects({ ingress: "meta.port = @eth.ethertyp;".replace("@eth.", "eth.@") }, "E0206");
    expect(d.hint).toBe("did you mean `ethertype`?");
  });
  it("diagnostics come in source order, many per run", () => {
    const r = run(program({ ingress: "meta.port = q1;\nip.ttl = 256;\nmeta.port = q2;" }));
    expect(r.diagnostics.map((d) => d.code)).toEqual(["E0201", "E0302", "E0201"]);
    const lines = r.diagnostics.map((d) => d.span.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });
});

// ---------------------------------------------------------------- what lowering gets

function exprsOf(node: unknown, out: ast.Expr[] = []): ast.Expr[] {
  if (!node || typeof node !== "object") return out;
  if (Array.isArray(node)) {
    for (const n of node) exprsOf(n, out);
    return out;
  }
  const k = (node as { kind?: string }).kind;
  if (k === "IntLit" || k === "BoolLit" || k === "Name" || k === "ErrorLit" || k === "Slice" || k === "Binary") out.push(node as ast.Expr);
  for (const [key, v] of Object.entries(node)) if (key !== "span") exprsOf(v, out);
  return out;
}

describe("the checked program", () => {
  it("types every literal with the width its context gives it", () => {
    const r = accepts({ ingress: "ip.ttl = 1;\nmeta.port = 1 + eth.ethertype;\nip.src = 10.0.0.1;\nmeta.flag = true;" });
    const lits = exprsOf(r.program).filter((e): e is ast.IntLit | ast.BoolLit => (e.kind === "IntLit" || e.kind === "BoolLit") && e.span.line >= 20);
    const byLine = lits.map((e) => `${e.span.line - lits[0]!.span.line}:${r.checked!.types.get(e)?.kind}${(r.checked!.types.get(e) as { width?: number })?.width ?? ""}`);
    expect(byLine).toEqual(["0:bit8", "1:bit16", "2:bit32", "3:bool"]);
  });
  it("types every literal and resolves every name of the program", () => {
    const r = accepts({ decls: "const W: bit<8> = 3;", ingress: "ip.ttl = ip.src[W + 4:W - 3]; vlan[1].setInvalid(); if (std.parser_error == error.BadVersion) { c.count(2); }" });
    for (const e of exprsOf(r.program)) {
      if (e.kind === "IntLit" || e.kind === "BoolLit") expect(r.checked!.types.has(e), `literal at ${e.span.line}:${e.span.col}`).toBe(true);
      if (e.kind === "Name" || e.kind === "ErrorLit") expect(r.checked!.symbols.has(e), `name at ${e.span.line}:${e.span.col}`).toBe(true);
    }
  });
  it("records constants: consts folded at their width, slice bounds, stack indices, sizes", () => {
    const r = accepts({ decls: "const A: bit<8> = 200 + 100; const B: bit<16> = (A as bit<16>) << 4; counter k[B];", ingress: "ip.ttl = ip.src[15:8]; meta.port = vlan[1].ethertype;" });
    const consts = r.program.decls.filter((d): d is ast.ConstDecl => d.kind === "Const");
    expect(consts.map((c) => r.checked!.constants.get(c.value))).toEqual([44n, 704n]);
    const sym = [...r.checked!.symbols.entries()].find(([e]) => e.kind === "Name" && e.name.name === "B")?.[1];
    expect(sym).toMatchObject({ kind: "const", value: 704n, type: { kind: "bit", width: 16 } });
    const lits = exprsOf(r.program).filter((e) => e.kind === "IntLit" && ["15", "8", "1"].includes(e.text) && e.span.line > 20);
    expect(lits.map((e) => r.checked!.constants.get(e))).toEqual([15n, 8n, 1n]);
  });
  it("records select and entry pattern values", () => {
    const r = accepts({
      decls: "table u { key { ip.dst: lpm; } actions { nop; } entries { 10.0.0.0/8: nop(); } }",
      ingress: "u.apply();",
      transition: "transition select (ip.protocol) { 6 &&& 0xff: accept; 1..5: reject; default: accept; }",
    });
    const values = exprsOf(r.program).filter((e) => e.kind === "IntLit").map((e) => r.checked!.constants.get(e));
    expect(values).toEqual(expect.arrayContaining([0x0a000000n, 6n, 0xffn, 1n, 5n]));
  });
  it("lists the errors: built-ins first, then the user's", () => {
    const r = accepts({ decls: "error { BadLength }" });
    expect(r.checked!.errors).toEqual(["NoError", "PacketTooShort", "NoMatch", "StackOverflow", "ParserTimeout", "Rejected", "BadVersion", "BadLength"]);
  });
  it("gives warnings together with the checked program", () => {
    const w = warns({ states: "state @orphan { transition accept; }" }, "W0001");
    expect(w.severity).toBe("warning");
  });
  it("names that are also JavaScript property names are ordinary names", () => {
    accepts({ decls: "const constructor: bit<8> = 1; action toString(__proto__: bit<8>) { ip.ttl = __proto__ + constructor; }", ingress: "toString(2);" });
    const r = run(program({ ingress: "ip.ttl = eth.constructor; meta.__proto__ = 1; meta.port = std.toString; hasOwnProperty.apply();" }));
    expect(r.diagnostics.map((d) => d.code)).toEqual(["E0206", "E0206", "E0206", "E0201"]);
  });
  it("E0322: an expression too deep to check is one error, not a crash", () => {
    accepts({ ingress: "ip.ttl = ip.ttl" + " + 1".repeat(300) + ";" });
    const r = run(program({ ingress: "ip.ttl = ip.ttl" + " + 1".repeat(5000) + ";" }));
    const ingressLine = program({}).split("\n").indexOf("control ingress {") + 2;
    expect(r.diagnostics.map((d) => `${d.code} ${d.span.line}`)).toEqual([`E0322 ${ingressLine}`]);
    expect(r.checked).toBeUndefined();
  });
  it("does not throw on a state without a transition (a partial AST) and reports it", () => {
    const parsed = parseProgram(new SourceFile("t.pnet", program({})));
    const decls = parsed.program.decls.map((d) =>
      d.kind === "Parser" ? { ...d, states: d.states.map((s) => (s.name.name === "parse_ipv4" ? { ...s, transition: undefined } : s)) } : d,
    );
    const r = checkProgram({ ...parsed.program, decls } as ast.Program);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["E0410"]);
    expect(r.checked).toBeUndefined();
  });
});
