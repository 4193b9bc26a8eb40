// Deparsing in place (targets/ebpf/codegen/placement.ts): which fields a
// program may write and which headers are proven to stay where they were
// extracted, with expectations worked out by hand from the sources; then the
// cases the in-place deparser creates — a header modified then emitted, one
// added before an extracted one, one removed before it, one made invalid and
// valid again, headers emitted in another order or after skipped bytes, a
// checksum of a modified header — run in the emulator and the kernel against
// the interpreter. And which headers must start every packet zeroed.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type * as ir from "../../compiler/ir.js";
import { placements, provenInPlace, writtenFields } from "../../targets/ebpf/codegen/placement.js";
import { generateEbpf } from "../../targets/ebpf/index.js";
import { compileFile, expectAgreesWithInterpreter, KERNEL_UNAVAILABLE, kernelAvailable } from "./harness.js";

function build(source: string): ir.Program {
  const { program, diagnostics } = compile(source, { file: "t.pnet" });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return program!;
}

const plain = (m: Map<string, ReturnType<typeof placements> extends Map<string, infer P> ? P : never>) =>
  Object.fromEntries([...m].map(([ref, p]) => [ref, [p.mode, p.ranges]]));

const TYPES = `
header a_t { x: bit<3>; y: bit<5>; z: bit<8>; }
header b_t { k: bit<8>; v: bit<16>; }
header c_t { m: bit<8>; n: bit<8>; s: bit<16>; }
`;

// a.x picks an edge case, a.z whether b is there; c.n and a.y (a sub-byte field) are always written.
const EDGES = `${TYPES}
headers { a: a_t; b: b_t; c: c_t; d: c_t; }
parser {
  state start { extract(a); transition select (a.z) { 1: parse_b; default: parse_c; } }
  state parse_b { extract(b); transition parse_c; }
  state parse_c { extract(c); transition accept; }
}
control ingress {
  if (a.x == 1) { b.setInvalid(); }                 // removed before c: c stays, a moves
  if (a.x == 2) { d.setValid(); d.m = 7; }          // added before c
  if (a.x == 3) { c.setInvalid(); c.setValid(); }   // made valid again: zero fields
  if (a.x == 4) { b.setValid(); b.k = 9; }          // added when b was not parsed
  c.n = c.n + 1;
  a.y = a.y ^ 3;
  if (a.x == 5) { c.s = checksum16({a, c}); }       // over modified headers
  forward(1);
}
deparser { emit(a); emit(b); emit(d); emit(c); }
`;

// Emitted in the other order than extracted, and with skipped bytes between.
const REORDERED = `${TYPES}
headers { a: a_t; c: c_t; }
parser { state start { extract(a); advance(1); extract(c); transition accept; } }
control ingress { c.n = 5; forward(1); }
deparser { emit(c); emit(a); }
`;

describe("which fields a program may write, and which headers stay in place", () => {
  it("router: the MACs and ethertype, the TTL and checksum, the hop limit; every header but eth proven in place", () => {
    const router = compileFile("examples/router/router.pnet");
    const written = Object.fromEntries([...writtenFields(router)].map(([h, f]) => [h, [...f].sort()]));
    expect(written).toEqual({ eth: ["dst", "ethertype", "src"], ip: ["checksum", "ttl"], ipv6: ["hop_limit"] });
    // eth precedes vlan, which ingress may remove; every other header has only never-removed headers after it
    expect([...provenInPlace(router)].sort()).toEqual(["arp", "ip", "ipv6", "vlan"]);
    expect(plain(placements(router))).toEqual({
      eth: ["full", [[0, 6], [6, 12], [12, 14]]],
      vlan: ["inplace", []],
      arp: ["inplace", []],
      ip: ["inplace", [[8, 9], [10, 12]]], // ttl is byte 8, the checksum bytes 10–11
      ipv6: ["inplace", [[7, 8]]], // the hop limit is byte 7
    });
  });

  it("edge cases: removed, added and revalidated headers are checked at run time; one never extracted is written whole", () => {
    const p = build(EDGES);
    expect(Object.fromEntries([...writtenFields(p)].map(([h, f]) => [h, [...f].sort()]))).toEqual({ a: ["y"], b: ["k"], c: ["n", "s"], d: ["m"] });
    expect([...provenInPlace(p)]).toEqual([]); // b is removed after a, c is made valid again, b (made valid) may follow a
    expect(plain(placements(p))).toEqual({
      a: ["checked", [[0, 1]]],
      b: ["checked", [[0, 1]]],
      d: ["full", [[0, 1]]],
      c: ["checked", [[1, 2], [2, 4]]],
    });
  });

  it("reordered headers and skipped bytes are not in place", () => {
    const p = build(REORDERED);
    expect([...provenInPlace(p)]).toEqual([]);
    expect(plain(placements(p))).toEqual({ c: ["checked", [[1, 2]]], a: ["checked", []] });
  });

  it("a header followed only by never-removed headers emitted after it is proven in place", () => {
    const p = build(`${TYPES}
headers { a: a_t; b: b_t; c: c_t; }
parser { state start { extract(a); transition select (a.z) { 1: parse_b; default: accept; } } state parse_b { extract(b); extract(c); transition accept; } }
control ingress { if (a.x == 1) { a.setInvalid(); } b.v = 1; forward(1); }
deparser { emit(a); emit(b); emit(c); }
`);
    expect([...provenInPlace(p)]).toEqual(["a", "b", "c"]);
    expect(plain(placements(p))).toEqual({ a: ["inplace", []], b: ["inplace", [[1, 3]]], c: ["inplace", []] });
  });
});

/** The headers whose words lie in the range zeroed for every packet. */
function zeroedHeaders(program: ir.Program): string[] {
  const layout = generateEbpf(program).generated!.layout;
  return [...layout.headers.values()].filter((h) => layout.zeroed.some(([from, to]) => h.base >= from && h.base < to)).map((h) => h.ref).sort();
}

describe("which headers start every packet zeroed", () => {
  it("router: none — every field read is under isValid(), after an extract, or after the parser_error check on a header every accepting path extracts (eth)", () => {
    expect(zeroedHeaders(compileFile("examples/router/router.pnet"))).toEqual([]);
  });
  it("a field read where its header may be invalid zeroes that header only", () => {
    const p = build(`
header a_t { x: bit<8>; } header b_t { y: bit<8>; }
headers { a: a_t; b: b_t; }
parser { state start { extract(a); transition select (a.x) { 1: parse_b; default: accept; } } state parse_b { extract(b); transition accept; } }
control ingress { if (std.parser_error != NoError) { drop(); exit; } if (b.y == 2 && a.x == 1) { forward(2); } else { forward(1); } }
deparser { emit(a); emit(b); }
`);
    expect(zeroedHeaders(p)).toEqual(["b"]);
  });
  // ip.dst is read in `!vxlan.isValid() || ip.dst != VTEP_IP` (ip's validity is not tracked through vxlan's),
  // inner_eth.dst is a key where only vxlan is known valid; eth (every accepting path extracts it), vxlan (known
  // after that `if`) and udp (read only in the parser) need no zeroing.
  it("vxlan: the outer headers, which setValid makes valid with zero fields, and ip and inner_eth", () => {
    expect(zeroedHeaders(compileFile("examples/vxlan/vxlan.pnet"))).toEqual(["inner_eth", "ip", "outer_eth", "outer_ip", "outer_udp", "outer_vxlan"]);
  });
});

/** The names of the locals that lie in the range zeroed for every packet. */
function zeroedLocals(program: ir.Program): string[] {
  const layout = generateEbpf(program).generated!.layout;
  const zeroed = (at: number): boolean => layout.zeroed.some(([from, to]) => at >= from && at < to);
  return program.locals.filter((l) => zeroed(layout.locals.get(l.id)!)).map((l) => l.name).sort();
}

describe("which locals start every packet zeroed", () => {
  const LOCALS = `
header a_t { x: bit<8>; }
headers { a: a_t; }
parser { state start { extract(a); transition accept; } }
table t { key { a.x: exact; } actions { } }
control ingress {
  let y: bit<16> = 1;
  if (a.x == 1) { y = 2; } else { y = 3; }
  let z: bit<16> = 4;
  if (t.apply().hit) { z[3:0] = 5; }
  forward(y + z);
}
deparser { emit(a); }
`;
  /** LOCALS with its ingress statements taken in this order (some left out, or moved). */
  const ingress = (...order: number[]): ir.Program => {
    const p = build(LOCALS);
    return { ...p, ingress: order.map((i) => p.ingress[i]!) };
  };
  it("router: none — its locals (table hits and actions) are written by the apply before they are read", () => {
    const router = compileFile("examples/router/router.pnet");
    expect(router.locals.length).toBe(4);
    expect(zeroedLocals(router)).toEqual([]);
  });
  it("none when every read follows a write of the whole local on every path (let, both branches of an if, a table's hit)", () => {
    const p = build(LOCALS);
    expect(p.ingress.map((s) => s.kind)).toEqual(["Assign", "If", "Assign", "ApplyTable", "If", "Verdict"]);
    expect(zeroedLocals(p)).toEqual([]);
  });
  it("a local read, or slice-assigned, where some path has not written it is zeroed", () => {
    expect(zeroedLocals(ingress(1, 2, 3, 4, 5))).toEqual([]); // y: both branches write it before the read
    expect(zeroedLocals(ingress(2, 3, 4, 5))).toEqual(["y"]); // y: read, never written
    expect(zeroedLocals(ingress(0, 1, 3, 4, 2, 5))).toEqual(["z"]); // z: written whole only after the slice assignment, which keeps (reads) the other bits
  });
});

// every a.x (0–7) with and without b (a.z = 1 or 2), after 14 bytes of payload (the kernel's test runs need 14)
const PACKETS = Array.from({ length: 16 }, (_, i) => {
  const a = (((i >> 1) << 5) | 0x0a).toString(16).padStart(2, "0") + (i % 2 === 0 ? "01" : "02");
  return a + (i % 2 === 0 ? "a1b2c3" : "") + "d4e5f6f7" + "00112233445566778899aabbccdd";
});

describe("deparsing in place agrees with the interpreter", () => {
  const modes = [["emulator", true], ["kernel", kernelAvailable]] as const;
  for (const [mode, available] of modes) {
    it.skipIf(!available)(`${mode}${available ? "" : ` (skipped: ${KERNEL_UNAVAILABLE})`}: edge cases, reordered headers, skipped bytes`, async () => {
      for (const [source, packets] of [[EDGES, PACKETS], [REORDERED, ["0a01ffd4e5f6f7" + "00112233445566778899aabbccdd"]]] as const) {
        await expectAgreesWithInterpreter(build(source), mode, packets);
      }
    });
  }
});
