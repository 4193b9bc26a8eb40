// Lexer tests: token boundaries in the places where the language is
// ambiguous at the character level (MAC vs hex vs `:`, IPv4 vs `..`, `>>` in
// type arguments), literal values, comments, reserved words, and lexical
// diagnostics with their spans.

import { describe, expect, it } from "vitest";
import { lex } from "../../lang/lexer.js";
import { SourceFile } from "../../lang/source.js";

/** `type:image` for each token. */
function tokens(text: string): string[] {
  return lex(new SourceFile("t.pnet", text)).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

function values(text: string): [string, bigint, string][] {
  return lex(new SourceFile("t.pnet", text))
    .tokens.filter((t) => t.payload !== undefined)
    .map((t) => [t.image, t.payload.value as bigint, t.payload.form as string]);
}

/** `code line:col+length message` for each diagnostic. */
function diagnostics(text: string): string[] {
  return lex(new SourceFile("t.pnet", text)).diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.col}+${d.span.end - d.span.start} ${d.message}`);
}

describe("literals", () => {
  it("decimal, hex and binary with `_` separators", () => {
    expect(values("1500 0x0800 0b1010 1_000_000 0xFF_FF 0B1_0")).toEqual([
      ["1500", 1500n, "dec"],
      ["0x0800", 2048n, "hex"],
      ["0b1010", 10n, "bin"],
      ["1_000_000", 1000000n, "dec"],
      ["0xFF_FF", 65535n, "hex"],
      ["0B1_0", 2n, "bin"],
    ]);
  });

  it("arbitrarily long digit strings become bigint", () => {
    const digits = "9".repeat(200);
    expect(values(digits)).toEqual([[digits, 10n ** 200n - 1n, "dec"]]);
    expect(values("0x" + "f".repeat(40))[0]![1]).toBe(2n ** 160n - 1n);
  });

  it("IPv4 and MAC addresses", () => {
    expect(values("10.0.0.1 255.255.255.255 00:1b:21:3c:4d:5e FF:ff:00:00:00:01")).toEqual([
      ["10.0.0.1", 0x0a000001n, "ipv4"],
      ["255.255.255.255", 0xffffffffn, "ipv4"],
      ["00:1b:21:3c:4d:5e", 0x001b213c4d5en, "mac"],
      ["FF:ff:00:00:00:01", 0xffff00000001n, "mac"],
    ]);
  });

  it("a MAC starting with letters is not an identifier", () => {
    expect(tokens("de:ad:be:ef:00:01")).toEqual(["MacLit:de:ad:be:ef:00:01"]);
  });
});

describe("where `:` and `.` separate tokens", () => {
  it("a hex case label in a select", () => {
    expect(tokens("0x0800: parse_ipv4;")).toEqual(["NumberLit:0x0800", "Colon::", "Identifier:parse_ipv4", "Semi:;"]);
  });
  it("a tuple case label", () => {
    expect(tokens("(6, 0):")).toEqual(["LParen:(", "NumberLit:6", "Comma:,", "NumberLit:0", "RParen:)", "Colon::"]);
  });
  it("a conditional", () => {
    expect(tokens("a ? b : c")).toEqual(["Identifier:a", "Question:?", "Identifier:b", "Colon::", "Identifier:c"]);
    expect(tokens("a?10:20")).toEqual(["Identifier:a", "Question:?", "NumberLit:10", "Colon::", "NumberLit:20"]);
  });
  it("a slice", () => {
    expect(tokens("x[7:0]")).toEqual(["Identifier:x", "LBracket:[", "NumberLit:7", "Colon::", "NumberLit:0", "RBracket:]"]);
    expect(tokens("x[47:40]")).toEqual(["Identifier:x", "LBracket:[", "NumberLit:47", "Colon::", "NumberLit:40", "RBracket:]"]);
  });
  it("a prefix entry and a MAC followed by `:`", () => {
    expect(tokens("10.0.0.0/8: a")).toEqual(["Ipv4Lit:10.0.0.0", "Slash:/", "NumberLit:8", "Colon::", "Identifier:a"]);
    expect(tokens("0x0a000000/8:")).toEqual(["NumberLit:0x0a000000", "Slash:/", "NumberLit:8", "Colon::"]);
    expect(tokens("00:00:00:00:00:01: a")).toEqual(["MacLit:00:00:00:00:00:01", "Colon::", "Identifier:a"]);
  });
  it("ranges and member access", () => {
    expect(tokens("1..5")).toEqual(["NumberLit:1", "DotDot:..", "NumberLit:5"]);
    expect(tokens("10.0.0.1..10.0.0.9")).toEqual(["Ipv4Lit:10.0.0.1", "DotDot:..", "Ipv4Lit:10.0.0.9"]);
    expect(tokens("vlan.last.ethertype")).toEqual(["Identifier:vlan", "Dot:.", "Identifier:last", "Dot:.", "Identifier:ethertype"]);
  });
});

describe("operators", () => {
  it("longest match", () => {
    expect(tokens("&&& && & || | ++ + << <= < >> >= > == = != ! ~ ^ * -").map((t) => t.split(":")[0])).toEqual([
      "MaskOp", "AndAnd", "Amp", "OrOr", "Pipe", "PlusPlus", "Plus", "Shl", "Le", "Lt", "Shr", "Ge", "Gt",
      "EqEq", "Assign", "NotEq", "Bang", "Tilde", "Caret", "Star", "Minus",
    ]);
  });
  it("`>>` and `>=` after `bit<N` close the type argument", () => {
    expect(tokens("lookahead<bit<8>>()").map((t) => t.split(":")[0])).toEqual([
      "Identifier", "Lt", "Identifier", "Lt", "NumberLit", "Gt", "Gt", "LParen", "RParen",
    ]);
    expect(tokens("bit<8>= 1").map((t) => t.split(":")[0])).toEqual(["Identifier", "Lt", "NumberLit", "Gt", "Assign", "NumberLit"]);
  });
  it("`>>` and `>=` elsewhere stay operators", () => {
    expect(tokens("a >> 2 >= b").map((t) => t.split(":")[0])).toEqual(["Identifier", "Shr", "NumberLit", "Ge", "Identifier"]);
    expect(tokens("x as bit<8> >> 1").map((t) => t.split(":")[0])).toEqual(["Identifier", "kw_as", "Identifier", "Lt", "NumberLit", "Gt", "Shr", "NumberLit"]);
  });
  it("split tokens keep their offsets", () => {
    const split = lex(new SourceFile("t", "lookahead<bit<8>>()")).tokens.slice(5, 7);
    expect(split.map((t) => t.startOffset)).toEqual([15, 16]);
  });
});

describe("words", () => {
  it("keywords are reserved, longest keyword first", () => {
    expect(tokens("header headers default default_action action actions counter counters")).toEqual([
      "kw_header:header", "kw_headers:headers", "kw_default:default", "kw_default_action:default_action",
      "kw_action:action", "kw_actions:actions", "kw_counter:counter", "kw_counters:counters",
    ]);
  });
  it("identifiers that contain or extend keywords", () => {
    expect(tokens("headerx if_ x_if _ _1 iff")).toEqual(["Identifier:headerx", "Identifier:if_", "Identifier:x_if", "Identifier:_", "Identifier:_1", "Identifier:iff"]);
  });
  it("built-in names that are not keywords", () => {
    expect(tokens("meta std next last setValid lookahead bit bool hash").every((t) => t.startsWith("Identifier:"))).toBe(true);
  });
});

describe("comments and whitespace", () => {
  it("are skipped", () => {
    expect(tokens("a // b c\n/* d\n e */ f\t\r\ng")).toEqual(["Identifier:a", "Identifier:f", "Identifier:g"]);
  });
  it("block comments do not nest", () => {
    expect(tokens("/* a /* b */ c */")).toEqual(["Identifier:c", "Star:*", "Slash:/"]);
  });
});

describe("lexical diagnostics", () => {
  it("unknown characters (E0002), and lexing goes on", () => {
    const source = new SourceFile("t.pnet", "a @ b\n$$ c");
    const result = lex(source);
    expect(result.tokens.map((t) => t.image)).toEqual(["a", "b", "c"]);
    expect(diagnostics("a @ b\n$$ c")).toEqual(["E0002 1:3+1 unrecognised character `@`", "E0002 2:1+2 unrecognised characters `$$`"]);
  });
  it("non-ASCII characters are named by code point", () => {
    expect(diagnostics("x = é;")).toEqual(["E0002 1:5+1 unrecognised character `U+00E9`"]);
  });
  it("an unterminated block comment (E0003)", () => {
    expect(diagnostics("a /* b\nc")).toEqual(["E0003 1:3+2 unterminated block comment"]);
  });
  it("malformed numbers (E0004)", () => {
    expect(diagnostics("0x 0b102 12ab 1__ 0x_1")).toEqual([
      "E0004 1:1+2 malformed number `0x`",
      "E0004 1:4+5 malformed number `0b102`",
      "E0004 1:10+4 malformed number `12ab`",
      "E0004 1:15+3 malformed number `1__`",
      "E0004 1:19+4 malformed number `0x_1`",
    ]);
  });
  it("IPv4 octets above 255 (E0005)", () => {
    expect(diagnostics("1.2.3.256")).toEqual(["E0005 1:1+9 IPv4 address `1.2.3.256`: `256` is not a number 0..255"]);
  });
});
