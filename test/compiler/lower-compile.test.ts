// The compile() driver: decoding, phase ordering, diagnostics in source
// order, dumps, and internal errors turned into diagnostics (never thrown).

import { afterEach, describe, expect, it } from "vitest";
import { compile, firstInvalidUtf8 } from "../../compiler/compile.js";

const PROGRAM = `header h_t { x: bit<8>; }
headers { h: h_t; }
parser { state start { extract(h); transition accept; } }
control ingress { forward(1); }
deparser { emit(h); }
`;

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("compile()", () => {
  afterEach(() => {
    delete process.env.PNET_DEBUG;
  });

  it("compiles a valid program to IR with no diagnostics", () => {
    const result = compile(PROGRAM, { file: "ok.pnet" });
    expect(result.diagnostics).toEqual([]);
    expect(result.program?.file).toBe("ok.pnet");
    expect(result.source.name).toBe("ok.pnet");
  });

  it("accepts bytes and strips a byte-order mark from bytes and strings", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(PROGRAM)]);
    const fromBytes = compile(bytes);
    expect(fromBytes.diagnostics).toEqual([]);
    expect(fromBytes.source.text).toBe(PROGRAM);
    const fromString = compile("\uFEFF" + PROGRAM);
    expect(fromString.source.text).toBe(PROGRAM);
    expect(fromString.program).toBeDefined();
  });

  it("reports a non-UTF-8 file as E0001 with the offset of the first bad byte", () => {
    const bytes = utf8("// é ok\nconst X: bit<8> = 1;\n// \xff");
    bytes[bytes.length - 2] = 0xff; // replace the encoded ÿ's first byte
    const bad = bytes.length - 2;
    const result = compile(bytes, { file: "bad.pnet" });
    expect(result.program).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    const d = result.diagnostics[0]!;
    expect(d.code).toBe("E0001");
    expect(d.message).toContain(`byte offset ${bad}`);
    expect(d.message).toContain("0xff");
    expect([d.span.line, d.span.col]).toEqual([3, 4]);
  });

  it("finds the first ill-formed UTF-8 sequence", () => {
    expect(firstInvalidUtf8(utf8("plain ascii, é, 𝄞"))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0x42, 0xed, 0xa0, 0x80]))).toBe(2); // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xe2, 0x82]))).toBe(1); // truncated
    expect(firstInvalidUtf8(new Uint8Array([0x80]))).toBe(0); // stray continuation
  });

  it("stops after syntax errors without producing a program or throwing", () => {
    const result = compile("header h_t { x: bit<8> }\ncontrol ingress {", { file: "broken.pnet" });
    expect(result.program).toBeUndefined();
    expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
  });

  it("returns diagnostics in source order", () => {
    const result = compile(`${PROGRAM}\ncontrol other { unknown_a = 1; }\ncontrol third { unknown_b = 2; }`);
    expect(result.program).toBeUndefined();
    const starts = result.diagnostics.map((d) => d.span.start);
    expect(starts.length).toBeGreaterThan(0);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("passes the printed IR after the requested pass to onDump", () => {
    const dumps: [string, string][] = [];
    compile(PROGRAM, { file: "ok.pnet", dumpAfter: "lower", onDump: (pass, text) => dumps.push([pass, text]) });
    expect(dumps).toHaveLength(1);
    expect(dumps[0]![0]).toBe("lower");
    expect(dumps[0]![1]).toMatch(/^\/\/ pnet IR of ok\.pnet\n/);
    expect(dumps[0]![1]).toContain("forward(16w1)");
  });

  it("turns an exception inside the compiler into E0999 without a stack trace", () => {
    const result = compile(PROGRAM, {
      dumpAfter: "lower",
      onDump: () => {
        throw new Error("boom");
      },
    });
    expect(result.program).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([["E0999", "internal compiler error: boom"]]);
  });

  it("adds the stack trace to E0999 when PNET_DEBUG=1", () => {
    process.env.PNET_DEBUG = "1";
    const result = compile(PROGRAM, {
      dumpAfter: "lower",
      onDump: () => {
        throw new Error("boom");
      },
    });
    expect(result.diagnostics[0]!.message).toMatch(/^internal compiler error: boom\nError: boom\n\s+at /);
  });
});
