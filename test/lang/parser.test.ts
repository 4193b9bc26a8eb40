// Parser tests: every construct of the language parses into the AST of
// lang/ast.ts (kinds, names, values, spans), and expressions follow the
// precedence table of spec §5.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type * as ast from "../../lang/ast.js";
import { parseProgram } from "../../lang/parser.js";
import { SourceFile } from "../../lang/source.js";

function parse(text: string): ast.Program {
  const { program, diagnostics } = parseProgram(new SourceFile("t.pnet", text));
  expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return program;
}

/** A compact, hand-checkable rendering of expressions, types and patterns. */
function sx(n: ast.Expr | ast.TypeExpr | ast.Pattern): string {
  switch (n.kind) {
    case "IntLit":
      return n.text;
    case "BoolLit":
      return String(n.value);
    case "Name":
      return n.name.name;
    case "ErrorLit":
      return `error.${n.member.name}`;
    case "Member":
      return `${sx(n.object)}.${n.member.name}`;
    case "Index":
      return `${sx(n.object)}[${sx(n.index)}]`;
    case "Slice":
      return `${sx(n.object)}[${sx(n.hi)}:${sx(n.lo)}]`;
    case "Call": {
      const typeArgs = n.typeArgs.length > 0 ? `<${n.typeArgs.map(sx).join(", ")}>` : "";
      return `${sx(n.callee)}${typeArgs}(${n.args.map(sx).join(", ")})`;
    }
    case "Unary":
      return `(${n.op}${sx(n.operand)})`;
    case "Binary":
      return `(${sx(n.left)} ${n.op} ${sx(n.right)})`;
    case "Cast":
      return `(${sx(n.expr)} as ${sx(n.type)})`;
    case "Cond":
      return `(${sx(n.cond)} ? ${sx(n.then)} : ${sx(n.else)})`;
    case "List":
      return `{${n.elements.map(sx).join(", ")}}`;
    case "BitType":
      return `bit<${n.width}>`;
    case "BoolType":
      return "bool";
    case "ErrorType":
      return "error";
    case "NamedType":
      return n.name.name;
    case "StackType":
      return `${n.element.name}[${n.size}]`;
    case "ValuePattern":
      return sx(n.value);
    case "MaskPattern":
      return `${sx(n.value)} &&& ${sx(n.mask)}`;
    case "RangePattern":
      return `${sx(n.lo)}..${sx(n.hi)}`;
    case "PrefixPattern":
      return `${sx(n.value)}/${n.prefixLength}`;
    case "WildcardPattern":
      return "_";
  }
}

/** Parses `e` as the value of a constant. */
function expr(e: string): ast.Expr {
  const decl = parse(`const X: bit<8> = ${e};`).decls[0] as ast.ConstDecl;
  return decl.value;
}

/** The statements of `control c { … }`. */
function stmts(body: string): readonly ast.Stmt[] {
  return (parse(`control c { ${body} }`).decls[0] as ast.ControlDecl).body.stmts;
}

describe("precedence (spec §5)", () => {
  it.each([
    ["a & mask == 0", "((a & mask) == 0)"],
    ["a + b << c", "((a + b) << c)"],
    ["x as bit<8> * y", "((x as bit<8>) * y)"],
    ["!a && b || c", "(((!a) && b) || c)"],
    ["a || b && c", "(a || (b && c))"],
    ["a - b - c", "((a - b) - c)"],
    ["a * b + c * d", "((a * b) + (c * d))"],
    ["a ++ b + c", "((a ++ b) + c)"],
    ["a | b ^ c & d", "(a | (b ^ (c & d)))"],
    ["a << 1 & b", "((a << 1) & b)"],
    ["a < b == c", "((a < b) == c)"],
    ["a == b && c != d", "((a == b) && (c != d))"],
    ["~a as bit<4>", "((~a) as bit<4>)"],
    ["!!a", "(!(!a))"],
    ["x as bit<8> as bit<16>", "((x as bit<8>) as bit<16>)"],
    ["a ? b : c ? d : e", "(a ? b : (c ? d : e))"],
    ["a ? b ? c : d : e", "(a ? (b ? c : d) : e)"],
    ["a || b ? c + 1 : d", "((a || b) ? (c + 1) : d)"],
    ["(a + b) * c", "((a + b) * c)"],
    ["h.f[7:0] ++ s[1].g", "(h.f[7:0] ++ s[1].g)"],
    ["t.apply().hit && !u.apply().miss", "(t.apply().hit && (!u.apply().miss))"],
    ["a >> 2 >= b", "((a >> 2) >= b)"],
  ])("%s", (source, tree) => {
    expect(sx(expr(source))).toBe(tree);
  });
});

describe("examples", () => {
  const dir = new URL("../../examples/", import.meta.url);
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".pnet"))
    : [];
  it.skipIf(files.length === 0)("every examples/**/*.pnet parses without diagnostics (skipped: no examples yet)", () => {
    for (const file of files) {
      const { diagnostics } = parseProgram(new SourceFile(file, readFileSync(new URL(file, dir), "utf8")));
      expect(diagnostics.map((d) => `${file}:${d.span.line}:${d.span.col} ${d.message}`)).toEqual([]);
    }
  });
});

/** The only declaration of `text`, of the given kind. */
function only<K extends ast.Decl["kind"]>(text: string, kind: K): Extract<ast.Decl, { kind: K }> {
  const decls = parse(text).decls;
  expect(decls.map((d) => d.kind)).toEqual([kind]);
  return decls[0] as Extract<ast.Decl, { kind: K }>;
}

/** `line:col` of a span. */
const at = (span: { line: number; col: number }): string => `${span.line}:${span.col}`;

describe("literals and primaries", () => {
  it("integer forms keep value, form and text", () => {
    const lits = ["1500", "0x0800", "0b1010", "1_000", "10.0.0.1", "00:1b:21:3c:4d:5e"].map((e) => expr(e) as ast.IntLit);
    expect(lits.map((l) => [l.value, l.form, l.text])).toEqual([
      [1500n, "dec", "1500"],
      [2048n, "hex", "0x0800"],
      [10n, "bin", "0b1010"],
      [1000n, "dec", "1_000"],
      [0x0a000001n, "ipv4", "10.0.0.1"],
      [0x001b213c4d5en, "mac", "00:1b:21:3c:4d:5e"],
    ]);
  });
  it("a 200-digit literal is a bigint (the checker judges its width)", () => {
    expect((expr("1" + "0".repeat(199)) as ast.IntLit).value).toBe(10n ** 199n);
  });
  it("booleans, names, error members", () => {
    expect(expr("true")).toMatchObject({ kind: "BoolLit", value: true });
    expect(expr("false")).toMatchObject({ kind: "BoolLit", value: false });
    expect(expr("meta")).toMatchObject({ kind: "Name", name: { kind: "Ident", name: "meta" } });
    expect(expr("error.BadVersion")).toMatchObject({ kind: "ErrorLit", member: { name: "BadVersion" } });
  });
  it("member, index, slice and method calls", () => {
    expect(sx(expr("vlan[1].vid"))).toBe("vlan[1].vid");
    expect(expr("ip.src[31:24]")).toMatchObject({ kind: "Slice", object: { kind: "Member" }, hi: { value: 31n }, lo: { value: 24n } });
    expect(expr("s[0]")).toMatchObject({ kind: "Index", index: { value: 0n } });
    expect(expr("r.read(3)")).toMatchObject({ kind: "Call", callee: { kind: "Member", member: { name: "read" } }, args: [{ value: 3n }] });
    expect(sx(expr("t.apply().action"))).toBe("t.apply().action");
  });
  it("lookahead<bit<N>>() carries its type argument", () => {
    const call = expr("lookahead<bit<16>>()") as ast.CallExpr;
    expect(call).toMatchObject({ kind: "Call", callee: { kind: "Name", name: { name: "lookahead" } }, typeArgs: [{ kind: "BitType", width: 16 }], args: [] });
    expect(sx(expr("lookahead<bit<8> >() == 0x45"))).toBe("(lookahead<bit<8>>() == 0x45)");
  });
  it("lists as arguments of hash, checksum16 and send", () => {
    expect(sx(expr("hash(crc32, {ip.src, ip.dst, 8})"))).toBe("hash(crc32, {ip.src, ip.dst, 8})");
    expect(sx(expr("checksum16({ip})"))).toBe("checksum16({ip})");
    expect(sx(expr("csum16_update(s, a, b)"))).toBe("csum16_update(s, a, b)");
  });
  it("casts to bit<N> and bool", () => {
    expect(expr("x as bool")).toMatchObject({ kind: "Cast", type: { kind: "BoolType" } });
    expect(expr("b as bit<1>")).toMatchObject({ kind: "Cast", type: { kind: "BitType", width: 1 } });
  });
});

describe("spans", () => {
  it("point at the source text, 1-based", () => {
    const source = "const A: bit<8> = 1;\ncontrol ingress {\n    x = a + b * c;\n}\n";
    const [constant, control] = parse(source).decls as [ast.ConstDecl, ast.ControlDecl];
    expect([at(constant.span), constant.span.end]).toEqual(["1:1", 20]);
    expect(at(constant.name.span)).toBe("1:7");
    expect(at(constant.type.span)).toBe("1:10");
    const assign = control.body.stmts[0] as ast.AssignStmt;
    expect(at(assign.span)).toBe("3:5");
    expect(source.slice(assign.span.start, assign.span.end)).toBe("x = a + b * c;");
    const sum = assign.value as ast.BinaryExpr;
    expect(source.slice(sum.span.start, sum.span.end)).toBe("a + b * c");
    expect(source.slice(sum.right.span.start, sum.right.span.end)).toBe("b * c");
    expect([at(control.span), source.slice(control.span.start, control.span.end).endsWith("}")]).toEqual(["2:1", true]);
  });
  it("of postfix chains, casts and else-if chains", () => {
    const source = "control c {\n  if (a) { } else if (h.f[7:0] as bit<4> == 1) { } else { }\n}";
    const ifStmt = (parse(source).decls[0] as ast.ControlDecl).body.stmts[0] as ast.IfStmt;
    const text = (s: { start: number; end: number }): string => source.slice(s.start, s.end);
    expect(text(ifStmt.span)).toBe("if (a) { } else if (h.f[7:0] as bit<4> == 1) { } else { }");
    const elseIf = ifStmt.else as ast.IfStmt;
    expect(text(elseIf.span)).toBe("if (h.f[7:0] as bit<4> == 1) { } else { }");
    const cast = (elseIf.cond as ast.BinaryExpr).left as ast.CastExpr;
    expect([text(cast.span), text(cast.expr.span)]).toEqual(["h.f[7:0] as bit<4>", "h.f[7:0]"]);
    expect(at(cast.span)).toBe("2:23");
  });
});

describe("declarations (spec §3)", () => {
  it("const", () => {
    const c = only("const ETH_IPV4: bit<16> = 0x0800;", "Const");
    expect(c).toMatchObject({ name: { name: "ETH_IPV4" }, type: { kind: "BitType", width: 16 }, value: { kind: "IntLit", value: 0x0800n } });
  });
  it("header", () => {
    const h = only("header ethernet { dst: bit<48>; src: bit<48>; ethertype: bit<16>; }", "Header");
    expect(h.name.name).toBe("ethernet");
    expect(h.fields.map((f) => [f.kind, f.name.name, sx(f.type)])).toEqual([
      ["Field", "dst", "bit<48>"],
      ["Field", "src", "bit<48>"],
      ["Field", "ethertype", "bit<16>"],
    ]);
  });
  it("headers with instances and stacks (type and value names may coincide)", () => {
    const h = only("headers { eth: ethernet; vlan: vlan_tag[2]; tcp: tcp; }", "Headers");
    expect(h.instances.map((i) => [i.kind, i.name.name, i.type.kind, sx(i.type)])).toEqual([
      ["Instance", "eth", "NamedType", "ethernet"],
      ["Instance", "vlan", "StackType", "vlan_tag[2]"],
      ["Instance", "tcp", "NamedType", "tcp"],
    ]);
  });
  it("metadata with bool and error fields", () => {
    const m = only("metadata { nexthop: bit<16>; is_local: bool; why: error; }", "Metadata");
    expect(m.fields.map((f) => sx(f.type))).toEqual(["bit<16>", "bool", "error"]);
  });
  it("error", () => {
    expect(only("error { BadVersion, BadLength }", "Error").members.map((m) => m.name)).toEqual(["BadVersion", "BadLength"]);
    expect(only("error { }", "Error").members).toEqual([]);
  });
  it("externs", () => {
    const [counter, register, meter, digest] = parse(
      "counter port_pkts[64]; register flow_bytes[4096]: bit<32>; meter port_rate[N]; digest learn { mac: bit<48>; port: bit<16>; }",
    ).decls as [ast.CounterDecl, ast.RegisterDecl, ast.MeterDecl, ast.DigestDecl];
    expect(counter).toMatchObject({ kind: "Counter", name: { name: "port_pkts" }, size: { value: 64n } });
    expect(register).toMatchObject({ kind: "Register", name: { name: "flow_bytes" }, size: { value: 4096n }, type: { kind: "BitType", width: 32 } });
    expect(meter).toMatchObject({ kind: "Meter", name: { name: "port_rate" }, size: { kind: "Name" } });
    expect(digest).toMatchObject({ kind: "Digest", name: { name: "learn" } });
    expect(digest.fields.map((f) => f.name.name)).toEqual(["mac", "port"]);
  });
});

describe("parser (spec §4)", () => {
  const parser = only(
    `parser {
      state start {
        extract(eth);
        transition select (eth.ethertype) {
          0x8100: parse_vlan;
          0x86dd &&& 0xffff: accept;
          0x0600..0x06ff: reject;
          _: accept;
          default: accept;
        }
      }
      state parse_vlan {
        extract(vlan.next);
        meta.seen = 1;
        let t: bit<16> = vlan.last.ethertype;
        transition select (t) { 0x8100: parse_vlan; default: accept; }
      }
      state parse_ipv4 {
        extract(ip);
        verify(ip.version == 4, BadVersion);
        advance(((ip.ihl as bit<16>) - 5) * 4);
        transition select (ip.protocol, ip.frag_offset, lookahead<bit<8>>()) {
          (6, 0, _): parse_tcp;
          (17, 0 &&& 0x1fff, 1..9): accept;
          ((1 + 2), 0, 0): accept;
          default: accept;
        }
      }
      state parse_tcp { extract(tcp); transition accept; }
    }`,
    "Parser",
  );
  const [start, vlan, ipv4, tcp] = parser.states;

  it("states with names, bodies and transitions", () => {
    expect(parser.states.map((s) => s.name.name)).toEqual(["start", "parse_vlan", "parse_ipv4", "parse_tcp"]);
    expect(tcp!.transition).toMatchObject({ kind: "DirectTransition", target: { name: "accept" } });
    expect(vlan!.body.map((s) => s.kind)).toEqual(["CallStmt", "Assign", "Let"]);
    expect(ipv4!.body.map((s) => sx((s as ast.CallStmt).call))).toEqual([
      "extract(ip)",
      "verify((ip.version == 4), BadVersion)",
      "advance((((ip.ihl as bit<16>) - 5) * 4))",
    ]);
  });

  it("select with values, masks, ranges, wildcards and default", () => {
    const select = start!.transition as ast.SelectTransition;
    expect(select.keys.map(sx)).toEqual(["eth.ethertype"]);
    expect(select.cases.map((c) => [c.patterns.map((p) => p.kind), c.isDefault, c.target.name])).toEqual([
      [["ValuePattern"], false, "parse_vlan"],
      [["MaskPattern"], false, "accept"],
      [["RangePattern"], false, "reject"],
      [["WildcardPattern"], false, "accept"],
      [[], true, "accept"],
    ]);
    expect(select.cases.map((c) => c.patterns.map(sx).join())).toEqual(["0x8100", "0x86dd &&& 0xffff", "0x0600..0x06ff", "_", ""]);
  });

  it("select on a tuple, including a parenthesised value", () => {
    const select = ipv4!.transition as ast.SelectTransition;
    expect(select.keys.map(sx)).toEqual(["ip.protocol", "ip.frag_offset", "lookahead<bit<8>>()"]);
    expect(select.cases.map((c) => c.patterns.map(sx))).toEqual([["6", "0", "_"], ["17", "0 &&& 0x1fff", "1..9"], ["(1 + 2)", "0", "0"], []]);
  });

  it("a single parenthesised pattern is a value, not a tuple of several", () => {
    const p = only("parser { state start { transition select (x) { (1 + 2) &&& 3: accept; (4): reject; default: accept; } } }", "Parser");
    const cases = (p.states[0]!.transition as ast.SelectTransition).cases;
    expect(cases.map((c) => c.patterns.map(sx))).toEqual([["(1 + 2) &&& 3"], ["4"], []]);
  });
});

describe("actions and tables (spec §7, §8)", () => {
  it("action with parameters", () => {
    const a = only("action set_nexthop(port: bit<16>, dmac: bit<48>) { forward(port); eth.dst = dmac; }", "Action");
    expect(a.name.name).toBe("set_nexthop");
    expect(a.params.map((p) => [p.kind, p.name.name, sx(p.type)])).toEqual([
      ["Param", "port", "bit<16>"],
      ["Param", "dmac", "bit<48>"],
    ]);
    expect(a.body.stmts.map((s) => s.kind)).toEqual(["CallStmt", "Assign"]);
    expect(only("action nop() { }", "Action").params).toEqual([]);
  });

  it("table with every property", () => {
    const t = only(
      `table ipv4_routes {
        key { meta.vrf: exact; ip.dst: lpm; ip.src[31:24]: ternary; tcp.dport: range; eth.src: optional; }
        actions { set_nexthop; drop_packet; }
        const default_action = drop_packet();
        size = 65536;
        counters;
        entries {
          (0, 10.0.0.0/8, _, 1024..2047, _): set_nexthop(1, 00:00:00:00:00:01);
          (1, 0x0a000000/8, 0x0a &&& 0xff, _, 00:1b:21:3c:4d:5e): drop_packet();
        }
      }`,
      "Table",
    );
    expect(t.name.name).toBe("ipv4_routes");
    expect(t.keys.map((k) => [k.kind, sx(k.expr), k.matchKind])).toEqual([
      ["KeyElement", "meta.vrf", "exact"],
      ["KeyElement", "ip.dst", "lpm"],
      ["KeyElement", "ip.src[31:24]", "ternary"],
      ["KeyElement", "tcp.dport", "range"],
      ["KeyElement", "eth.src", "optional"],
    ]);
    expect(t.actions.map((a) => a.name)).toEqual(["set_nexthop", "drop_packet"]);
    expect(t.defaultAction).toMatchObject({ kind: "DefaultAction", isConst: true, call: { kind: "ActionCall", action: { name: "drop_packet" }, args: [] } });
    expect(t.size).toMatchObject({ kind: "IntLit", value: 65536n });
    expect(t.counters).toBe(true);
    expect(t.entries!.map((e) => [e.kind, e.keys.map(sx), e.action.action.name, e.action.args.map(sx)])).toEqual([
      ["Entry", ["0", "10.0.0.0/8", "_", "1024..2047", "_"], "set_nexthop", ["1", "00:00:00:00:00:01"]],
      ["Entry", ["1", "0x0a000000/8", "0x0a &&& 0xff", "_", "00:1b:21:3c:4d:5e"], "drop_packet", []],
    ]);
    expect((t.entries![0]!.keys[1] as ast.PrefixPattern).prefixLength).toBe(8);
  });

  it("a minimal table, a plain default_action and single-key entries", () => {
    const t = only("table t { key { ip.dst: lpm; } actions { a; } default_action = a(7); entries { 10.0.0.0/8: a(1); _: a(2); } }", "Table");
    expect(t).toMatchObject({ counters: false, defaultAction: { isConst: false, call: { args: [{ value: 7n }] } } });
    expect(t.size).toBeUndefined();
    expect(t.entries!.map((e) => e.keys.map(sx))).toEqual([["10.0.0.0/8"], ["_"]]);
    const bare = only("table u { }", "Table");
    expect([bare.keys, bare.actions, bare.counters, bare.entries, bare.defaultAction]).toEqual([[], [], false, undefined, undefined]);
  });
});

describe("controls and deparser (spec §9, §11)", () => {
  it("control", () => {
    const c = only("control acl { if (tcp.isValid() && acl_rules.apply().hit) { exit; } }", "Control");
    expect(c.name.name).toBe("acl");
    expect(sx((c.body.stmts[0] as ast.IfStmt).cond)).toBe("(tcp.isValid() && acl_rules.apply().hit)");
  });
  it("deparser", () => {
    const d = only("deparser { emit(eth); emit(vlan); emit(ip); }", "Deparser");
    expect(d.body.map((s) => sx((s as ast.CallStmt).call))).toEqual(["emit(eth)", "emit(vlan)", "emit(ip)"]);
  });
});

describe("statements (spec §6)", () => {
  it("assignment, call, let, exit, nested block", () => {
    const [assign, call, let_, exit, block] = stmts("ip.ttl = ip.ttl - 1; forward(port); let t: bit<16> = 5; exit; { drop(); }");
    expect(assign).toMatchObject({ kind: "Assign", target: { kind: "Member" }, value: { kind: "Binary", op: "-" } });
    expect(call).toMatchObject({ kind: "CallStmt", call: { kind: "Call", callee: { kind: "Name", name: { name: "forward" } } } });
    expect(let_).toMatchObject({ kind: "Let", name: { name: "t" }, type: { kind: "BitType", width: 16 }, value: { kind: "IntLit", value: 5n } });
    expect(exit).toMatchObject({ kind: "Exit" });
    expect(block).toMatchObject({ kind: "Block", stmts: [{ kind: "CallStmt" }] });
  });

  it("assignments to slices, stack elements and locals", () => {
    expect(stmts("ip.src[7:0] = 1; vlan[0].vid = 2; t = 3; let e: error = std.parser_error;").map((s) => s.kind === "Assign" ? sx(s.target) : s.kind)).toEqual([
      "ip.src[7:0]",
      "vlan[0].vid",
      "t",
      "Let",
    ]);
  });

  it("every call statement form of §6", () => {
    const calls = stmts(
      "t.apply(); c.apply(); a(1, 2); h.setValid(); h.setInvalid(); s.push_front(1); s.pop_front(2); r.write(i, v); k.count(i); d.send({a, b}); forward(p); drop(); to_host(); bounce(); multicast(g);",
    );
    expect(calls.every((s) => s.kind === "CallStmt")).toBe(true);
    expect(calls.map((s) => sx((s as ast.CallStmt).call))).toEqual([
      "t.apply()", "c.apply()", "a(1, 2)", "h.setValid()", "h.setInvalid()", "s.push_front(1)", "s.pop_front(2)", "r.write(i, v)",
      "k.count(i)", "d.send({a, b})", "forward(p)", "drop()", "to_host()", "bounce()", "multicast(g)",
    ]);
  });

  it("if / else if / else nests to the right", () => {
    const [s] = stmts("if (a) { x = 1; } else if (b) { x = 2; } else if (c) { } else { x = 4; }");
    const first = s as ast.IfStmt;
    expect(sx(first.cond)).toBe("a");
    const second = first.else as ast.IfStmt;
    expect([second.kind, sx(second.cond)]).toEqual(["If", "b"]);
    const third = second.else as ast.IfStmt;
    expect([third.kind, sx(third.cond)]).toEqual(["If", "c"]);
    expect(third.else).toMatchObject({ kind: "Block", stmts: [{ kind: "Assign" }] });
    const [plain] = stmts("if (a) { }");
    expect((plain as ast.IfStmt).else).toBeUndefined();
  });

  it("switch on a table's action, with shared bodies and default", () => {
    const [s] = stmts("switch (routes.apply().action) { set_nexthop: { x = 1; } a: b: { } drop_packet: default: { } default: { exit; } }");
    const sw = s as ast.SwitchStmt;
    expect(sx(sw.subject)).toBe("routes.apply().action");
    expect(sw.cases.map((c) => [c.kind, c.labels.map((l) => l.name), c.isDefault, c.body.stmts.length])).toEqual([
      ["SwitchCase", ["set_nexthop"], false, 1],
      ["SwitchCase", ["a", "b"], false, 0],
      ["SwitchCase", ["drop_packet"], true, 0],
      ["SwitchCase", [], true, 1],
    ]);
  });
});

describe("the whole language", () => {
  it("every construct of the spec in one program", () => {
    const program = parse(EVERYTHING);
    expect(program.decls.map((d) => d.kind)).toEqual([
      "Const", "Header", "Header", "Headers", "Metadata", "Error", "Parser", "Action", "Action", "Table",
      "Counter", "Register", "Meter", "Digest", "Control", "Control", "Deparser",
    ]);
    expect(program).toMatchObject({ kind: "Program", file: "t.pnet", span: { start: 0, end: EVERYTHING.length } });
  });
});

const EVERYTHING = `
const ETH_IPV4: bit<16> = 0x0800;
header ethernet { dst: bit<48>; src: bit<48>; ethertype: bit<16>; }
header ipv4 { version: bit<4>; ihl: bit<4>; ttl: bit<8>; protocol: bit<8>; checksum: bit<16>; src: bit<32>; dst: bit<32>; }
headers { eth: ethernet; stack: ethernet[2]; ip: ipv4; }
metadata { nexthop: bit<16>; is_local: bool; }
error { BadVersion }
parser {
  state start { extract(eth); transition select (eth.ethertype) { ETH_IPV4: parse_ip; default: accept; } }
  state parse_ip { extract(ip); verify(ip.version == 4, BadVersion); transition accept; }
}
action set_nexthop(port: bit<16>) { forward(port); ip.ttl = ip.ttl - 1; }
action drop_packet() { drop(); }
table routes {
  key { ip.dst: lpm; }
  actions { set_nexthop; drop_packet; }
  default_action = drop_packet();
  size = 1024;
  counters;
  entries { 10.0.0.0/8: set_nexthop(1); }
}
counter pkts[64];
register bytes[64]: bit<32>;
meter rate[64];
digest learn { mac: bit<48>; }
control acl { if (!ip.isValid()) { exit; } }
control ingress {
  acl.apply();
  switch (routes.apply().action) { set_nexthop: { ip.checksum = 0; ip.checksum = checksum16({ip}); } default: { } }
  let h: bit<32> = hash(crc32, {ip.src, ip.dst});
  bytes.write(h[5:0] as bit<32>, bytes.read(0) + std.packet_length);
  pkts.count(std.ingress_port);
  if (rate.execute(0) == 2 || std.parser_error != error.NoError) { drop(); }
  learn.send({eth.src});
}
deparser { emit(eth); emit(ip); }
`;
