// The `pnet` command line: exit codes, help, and one clear line (never a stack
// trace) for every kind of bad input. Most tests call runCli with captured
// output; a few spawn the built executable to check the real process.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { printProgram } from "../../compiler/print.js";
import { decodeCapture, encodePcap } from "../../runtime/pcap.js";
import { fromHex } from "../../runtime/craft.js";
import { runCli } from "../../runtime/cli/cli.js";
import { ProgressBar, PROGRESS_MIN_PACKETS } from "../../runtime/cli/progress.js";
import { kernelAvailability } from "../../targets/ebpf/kernel/available.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const TINY = join(FIXTURES, "tiny.pnet");
const TINY_STF = join(FIXTURES, "tiny.stf");
const EXAMPLES = join(import.meta.dirname, "../../examples");
const ROUTER = join(EXAMPLES, "router/router.pnet");
const ACL = join(EXAMPLES, "acl/acl.pnet");
const tmp = mkdtempSync(join(tmpdir(), "pnet-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Outcome {
  code: number;
  out: string;
  err: string;
}

async function pnet(...argv: string[]): Promise<Outcome> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stderrIsTTY: false });
  return { code, out, err };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

/** No "    at f (file:line)" frames anywhere. */
function expectNoStackTrace(o: Outcome): void {
  expect(o.out + o.err).not.toMatch(/^\s+at .+:\d+/m);
}

/** A usage or input error: exit 2, exactly one line on stderr, nothing on stdout. */
function expectOneLineError(o: Outcome, message: RegExp): void {
  expect(o.code).toBe(2);
  expect(o.out).toBe("");
  expect(o.err.trimEnd().split("\n")).toHaveLength(1);
  expect(o.err.trimEnd()).toMatch(message);
  expectNoStackTrace(o);
}

// The packets of tiny.stf, as a capture.
const ROUTED = "0090fb65d6fe0203040506010800 4500001c000100004011656c0b0000010a630001 04d310e10008d4c5";
const UNROUTED = "0090fb65d6fe0203040506010800 4500001c000100004011656c0b000001c0a80001 04d310e10008d4c5";
const ARP = "ffffffffffff0203040506010806 0001080006040001";

describe("help", () => {
  it("prints the commands for --help and exits 0", async () => {
    const o = await pnet("--help");
    expect(o.code).toBe(0);
    expect(o.out).toMatch(/^Usage: pnet <command> \[options\]/);
    for (const c of ["check", "compile", "run", "test", "demo"]) expect(o.out).toMatch(new RegExp(`^  ${c} +\\S`, "m"));
  });

  it("prints the usage on stderr and exits 2 without a command", async () => {
    const o = await pnet();
    expect(o.code).toBe(2);
    expect(o.err).toMatch(/^Usage: pnet <command>/);
  });

  it.each(["check", "compile", "run", "test", "demo"])("has --help for %s", async (name) => {
    const o = await pnet(name, "--help");
    expect(o.code).toBe(0);
    expect(o.out).toMatch(new RegExp(`^Usage: pnet ${name}`));
    expect(o.err).toBe("");
  });

  it("lists the passes in compile --help", async () => {
    expect((await pnet("compile", "-h")).out).toContain("lower");
  });
});

describe("bad arguments: one line, exit 2", () => {
  it.each([
    [["frobnicate"], /^pnet: unknown command "frobnicate"; the commands are check, compile, run, test, bench, demo/],
    [["check"], /^pnet: missing prog\.pnet for pnet check; see `pnet check --help`$/],
    [["check", "a.pnet", "b.pnet"], /^pnet: unexpected argument "b\.pnet" for pnet check/],
    [["check", "a.pnet", "--frob"], /^pnet: unknown option --frob for pnet check; see `pnet check --help`/],
    [["check", "a.pnet", "-x"], /^pnet: unknown option -x for pnet check/],
    [["check", "a.pnet", "--json=yes"], /^pnet: option --json takes no value/],
    [["compile", "a.pnet", "--emit"], /^pnet: option --emit needs a value/],
    [["compile", "a.pnet", "-o", "--emit", "ir"], /^pnet: option --out needs a value/],
    [["compile", "a.pnet", "--emit", "ir", "--emit", "ir"], /^pnet: option --emit is given twice/],
    [["compile", "a.pnet", "--emit", "svg"], /^pnet: --emit must be one of ir, wat, asm, json, not "svg"/],
    [["compile", "a.pnet", "--dump-after", "nope"], /^pnet: unknown pass "nope" for --dump-after; the passes are: lower, /],
    [["compile", "a.pnet", "--target", "fpga"], /^pnet: --target must be one of interp, wasm, ebpf, kernel, rmt, not "fpga"/],
    [["compile", "a.pnet", "--emit", "wat", "--target", "rmt"], /^pnet: --emit wat is the wasm target's output, not rmt's/],
    [["compile", "a.pnet", "--target", "interp"], /^pnet: the interp target executes the IR directly and writes no artefact/],
    [["run", "a.pnet"], /^pnet: missing --in in\.pcap for pnet run/],
    [["run", "a.pnet", "--in", "x.pcap", "--in-port", "-1"], /^pnet: option --in-port needs a value|--in-port must be an integer/],
    [["run", "a.pnet", "--in", "x.pcap", "--in-port", "70000"], /^pnet: --in-port must be an integer from 0 to 65535, not "70000"/],
    [["test", "a.pnet"], /^pnet: missing prog\.stf for pnet test/],
    [["test", "a.pnet", "b.stf", "--target", "gpu"], /^pnet: --target must be one of interp, wasm, ebpf, kernel, rmt, all, not "gpu"/],
    [["demo", "extra"], /^pnet: unexpected argument "extra" for pnet demo/],
  ])("pnet %j", async (argv, message) => {
    expectOneLineError(await pnet(...argv), message);
  });

  it("prints the eBPF program as assembly with --emit asm", async () => {
    const o = await pnet("compile", TINY, "--emit", "asm");
    expect(o.code).toBe(0);
    expect(o.out).toMatch(/^; .*tiny\.pnet: XDP program 'pnet_xdp' \(section xdp\), \d+ instructions$/m);
    expect(o.out).toMatch(/^exit$/m);
  });

  it("asks for -o rather than printing a binary artefact", async () => {
    expectOneLineError(await pnet("compile", TINY, "--target", "wasm"), /^pnet: the wasm artefact is binary: give -o FILE, or --emit to print its text form$/);
  });
});

describe("unreadable input: one line, exit 2", () => {
  it("names a missing program", async () => {
    expectOneLineError(await pnet("check", join(tmp, "missing.pnet")), /^pnet: cannot read program .*missing\.pnet: no such file or directory$/);
  });

  it("refuses a directory given as a file", async () => {
    expectOneLineError(await pnet("check", tmp), /^pnet: cannot read program .*: it is a directory, not a file$/);
    expectOneLineError(await pnet("test", TINY, tmp), /^pnet: cannot read test file .*: it is a directory, not a file$/);
    expectOneLineError(await pnet("run", TINY, "--in", tmp), /^pnet: cannot read capture .*: it is a directory, not a file$/);
  });

  it("refuses a test file that is not UTF-8", async () => {
    const stf = file("latin1.stf", Uint8Array.of(0x23, 0x20, 0xe9, 0x0a));
    expectOneLineError(await pnet("test", TINY, stf), /^pnet: cannot read test file .*latin1\.stf: it is not UTF-8 text$/);
  });

  it("refuses a capture that is not a capture", async () => {
    const notPcap = file("not.pcap", "hello, world\n");
    expectOneLineError(await pnet("run", TINY, "--in", notPcap), /^pnet: cannot read capture .*not\.pcap: not a pcap or pcapng file: magic 0x68656c6c$/);
    const empty = file("empty.pcap", "");
    expectOneLineError(await pnet("run", TINY, "--in", empty), /^pnet: cannot read capture .*empty\.pcap: not a pcap or pcapng file: only 0 bytes long$/);
  });
});

describe("pnet check", () => {
  it("prints one summary line for a correct program", async () => {
    const o = await pnet("check", TINY);
    expect(o).toEqual({ code: 0, out: "tiny.pnet: ok — 2 headers, 1 table, 2 parser states\n", err: "" });
  });

  it("prints machine-readable results with --json", async () => {
    const o = await pnet("check", TINY, "--json");
    expect(o.code).toBe(0);
    expect(JSON.parse(o.out)).toEqual({
      file: TINY, ok: true, errors: 0, warnings: 0, diagnostics: [], summary: { headers: 2, tables: 1, parserStates: 2 },
    });
  });

  it("renders diagnostics and exits 1 for a program with errors", async () => {
    const bad = file("bad.pnet", readFileSync(TINY, "utf8").replace("forward(port);", "forward(prot);"));
    const o = await pnet("check", bad);
    expect(o.code).toBe(1);
    expect(o.out).toBe("");
    expect(o.err).toMatch(/bad\.pnet:\d+:\d+: error\[E\d{4}\]: .*prot/);
    expect(o.err).toMatch(/bad\.pnet: 1 error\n$/);
    expectNoStackTrace(o);
    const json = await pnet("check", bad, "--json");
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.out) as { ok: boolean; diagnostics: { severity: string; file: string; line: number }[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics[0]).toMatchObject({ severity: "error", file: bad });
  });

  it("reports an empty file and a non-UTF-8 file as compile errors, without a stack trace", async () => {
    const empty = await pnet("check", file("empty.pnet", ""));
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/empty\.pnet.*error\[E\d{4}\]/);
    expectNoStackTrace(empty);
    const latin1 = await pnet("check", file("latin1.pnet", Uint8Array.of(0x2f, 0x2f, 0x20, 0xe9, 0x0a)));
    expect(latin1.code).toBe(1);
    expect(latin1.err).toMatch(/latin1\.pnet:1:4: error\[E0001\]: the file is not valid UTF-8/);
    expectNoStackTrace(latin1);
  });
});

describe("pnet compile", () => {
  it("prints the IR with --emit ir, to stdout or to a file", async () => {
    const expected = printProgram(compile(readFileSync(TINY), { file: TINY }).program!);
    const o = await pnet("compile", TINY, "--emit", "ir");
    expect(o.code).toBe(0);
    expect(o.out.trimEnd()).toBe(expected.trimEnd());
    const out = join(tmp, "tiny.ir");
    const toFile = await pnet("compile", TINY, "--emit", "ir", "-o", out);
    expect(toFile).toMatchObject({ code: 0, out: "" });
    expect(readFileSync(out, "utf8").trimEnd()).toBe(expected.trimEnd());
  });

  it("prints the IR after a named pass with --dump-after", async () => {
    let dumped = "";
    compile(readFileSync(TINY), { file: TINY, dumpAfter: "lower", onDump: (_p, text) => (dumped = text) });
    const o = await pnet("compile", TINY, "--dump-after", "lower");
    expect(o.code).toBe(0);
    expect(o.out.trimEnd()).toBe(dumped.trimEnd());
  });

  it("refuses to write into a missing directory", async () => {
    expectOneLineError(await pnet("compile", TINY, "--emit", "ir", "-o", join(tmp, "no", "such", "dir.ir")), /^pnet: cannot write .*dir\.ir: no such file or directory$/);
  });
});

describe("pnet test", () => {
  it("passes tiny.stf on the interpreter", async () => {
    const o = await pnet("test", TINY, TINY_STF);
    expect(o).toEqual({ code: 0, out: "interp: passed: 3 packets in, 1 out, 1 to host, 0 digests; 4 checks\n", err: "" });
  });

  it("runs every target with --target all; the kernel runs or is skipped with the reason", async () => {
    const o = await pnet("test", TINY, TINY_STF, "--target", "all");
    expect(o.code).toBe(0);
    for (const target of ["interp", "wasm", "ebpf", "rmt"]) expect(o.out).toMatch(new RegExp(`^${target}: passed`, "m"));
    expect(o.out).toMatch(/^kernel: (passed: |skipped — cannot load the program on kernel: the kernel target needs Linux, root and bpftool: .+$)/m);
  });

  it("shows the differences and exits 1 when the test fails", async () => {
    const failing = file("failing.stf", [
      "add routes ip.dst:10.0.0.0/8 set_nexthop(port:2, dmac:0x133713371337)",
      `packet 0 ${ROUTED}`,
      "expect 1 133713371337",
    ].join("\n"));
    const o = await pnet("test", TINY, failing);
    expect(o.code).toBe(1);
    expect(o.out).toContain("interp: FAILED\n");
    expect(o.out).toMatch(/failing\.stf:2: a packet left on port 2 with no expectation left for it/);
    expect(o.out).toMatch(/failing\.stf:3: expected a packet on port 1, but none came/);
    expect(o.out).toMatch(/failed: 2 failures;/);
  });

  it("shows the bytes and the first differing byte of a mismatch", async () => {
    const failing = file("mismatch.stf", [
      "add routes ip.dst:10.0.0.0/8 set_nexthop(port:1, dmac:0x133713371337)",
      `packet 0 ${ROUTED}`,
      "expect 1 133713371337 020304050601 0800 4500001c00010000 4011",
    ].join("\n"));
    const o = await pnet("test", TINY, failing);
    expect(o.code).toBe(1);
    expect(o.out).toContain([
      "mismatch.stf:3: port 1: byte 22 differs (from the packet at line 2)",
      "    expected 0000: 13371337 13370203 04050601 08004500",
      "    actual   0000: 13371337 13370203 04050601 08004500",
      "    expected 0010: 001c0001 00004011",
      "    actual   0010: 001c0001 00003f11 656c0b00 00010a63",
      "                                ^^",
    ].join("\n"));
  });

  it("reports control-plane mistakes in the test with their line", async () => {
    const stf = file("unknown.stf", "add routes ip.dst:10.0.0.0/8 teleport()\nadd nowhere ip.dst:1 drop_packet()\n");
    const o = await pnet("test", TINY, stf);
    expect(o.code).toBe(1);
    expect(o.out).toMatch(/unknown\.stf:1: .*teleport/);
    expect(o.out).toMatch(/unknown\.stf:2: no table named 'nowhere' \(tables: routes\)/);
  });

  it("lists every malformed line of a .stf file and exits 2", async () => {
    const stf = file("malformed.stf", "packet 0 0g\nwait\nexpect one\n");
    const o = await pnet("test", TINY, stf);
    expect(o.code).toBe(2);
    expect(o.err.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^pnet: .*malformed\.stf:1: packet: bad hex at digit 2: "g" is not one of hex digits$/),
      expect.stringMatching(/^pnet: .*malformed\.stf:3: expect: bad port "one"/),
    ]);
  });

  it("passes an empty test file (nothing to check)", async () => {
    const o = await pnet("test", TINY, file("empty.stf", ""));
    expect(o).toMatchObject({ code: 0, out: "interp: passed: 0 packets in, 0 out, 0 to host, 0 digests; 0 checks\n" });
  });

  it("does not run a test against a program with errors", async () => {
    const bad = file("bad2.pnet", "header h { x: bit<7>; }\n");
    const o = await pnet("test", bad, TINY_STF);
    expect(o.code).toBe(1);
    expect(o.err).toMatch(/bad2\.pnet: \d+ errors?.*; nothing was run\n$/);
    expectNoStackTrace(o);
  });

  it("prints JSON with --json", async () => {
    const o = await pnet("test", TINY, TINY_STF, "--json");
    expect(o.code).toBe(0);
    expect(JSON.parse(o.out)).toMatchObject({ ok: true, targets: [{ target: "interp", status: "passed", report: { ok: true, packetsIn: 3 } }] });
  });
});

describe("pnet run", () => {
  let capture: string;
  let entries: string;
  beforeAll(() => {
    const records = [ROUTED, UNROUTED, ARP, ROUTED].map((hex, i) => ({ data: fromHex(hex), timestampNs: BigInt(i + 1) * 1000n }));
    capture = file("traffic.pcap", encodePcap(records));
    entries = file("entries.stf", "# routes\nadd routes ip.dst:10.0.0.0/8 set_nexthop(port:1, dmac:0x133713371337)\n");
  });

  it("reports counts per port, drops and host packets", async () => {
    const o = await pnet("run", TINY, "--in", capture, "--entries", entries);
    expect(o.code).toBe(0);
    expect(o.err).toBe("");
    const lines = o.out.split("\n");
    expect(lines[0]).toMatch(/^tiny\.pnet on wasm: 4 packets in [\d.]+ (ms|s) \([\d.]+ [kM]?pps\)$/);
    expect(lines.slice(1)).toEqual([
      "  port 1     2 packets (84 bytes)",
      "  to host    1 packet",
      "  dropped    1 packet",
      "",
    ]);
  });

  it("writes forwarded and host packets to captures, in order, with their timestamps", async () => {
    const out = join(tmp, "out.pcap");
    const host = join(tmp, "host.pcap");
    const o = await pnet("run", TINY, "--in", capture, "--entries", entries, "--out", out, "--out-host", host);
    expect(o.code).toBe(0);
    expect(o.out).toContain(`wrote 2 packets to ${out}\n`);
    expect(o.out).toContain(`wrote 1 packet to ${host}\n`);
    const forwarded = decodeCapture(readFileSync(out)).records;
    expect(forwarded.map((r) => r.timestampNs)).toEqual([1000n, 4000n]);
    expect(Buffer.from(forwarded[0]!.data).toString("hex")).toBe(
      "133713371337" + "020304050601" + "0800" + "4500001c000100003f11656c0b0000010a630001" + "04d310e10008d4c5",
    );
    expect(decodeCapture(readFileSync(host)).records.map((r) => Buffer.from(r.data).toString("hex"))).toEqual([ARP.replace(/ /g, "")]);
  });

  it("writes one capture per port when --out contains {port}", async () => {
    const o = await pnet("run", TINY, "--in", capture, "--entries", entries, "--out", join(tmp, "port-{port}.pcap"));
    expect(o.code).toBe(0);
    expect(decodeCapture(readFileSync(join(tmp, "port-1.pcap"))).records).toHaveLength(2);
    expect(existsSync(join(tmp, "port-0.pcap"))).toBe(false);
  });

  it("prints a JSON summary with --json", async () => {
    const o = await pnet("run", TINY, "--in", capture, "--entries", entries, "--json");
    expect(o.code).toBe(0);
    expect(JSON.parse(o.out)).toMatchObject({
      target: "wasm",
      packetsIn: 4,
      verdicts: { forward: 2, drop: 1, to_host: 1, bounce: 0, multicast: 0 },
      ports: { "1": { packets: 2, bytes: 84 } },
      toHost: { packets: 1, bytes: 22 },
    });
  });

  it("puts every packet on --in-port", async () => {
    const o = await pnet("run", TINY, "--in", capture, "--in-port", "3", "--json");
    expect(o.code).toBe(0);
    expect(JSON.parse(o.out)).toMatchObject({ verdicts: { drop: 3, to_host: 1 } });
  });

  it("runs the packets before damage in a capture, with the reader's warning", async () => {
    const whole = readFileSync(capture);
    const cut = file("cut.pcap", whole.subarray(0, whole.length - 10));
    const o = await pnet("run", TINY, "--in", cut, "--json");
    expect(o.code).toBe(0);
    expect(o.err).toMatch(/^warning: .*cut\.pcap: record 4 at byte offset \d+: .*; stopped reading\n$/);
    expect(JSON.parse(o.out)).toMatchObject({ packetsIn: 3 });
  });

  it("refuses packets and expectations in an entries file", async () => {
    const bad = file("bad-entries.stf", `add routes ip.dst:10.0.0.0/8 drop_packet()\npacket 0 ${ARP}\n`);
    const o = await pnet("run", TINY, "--in", capture, "--entries", bad);
    expect(o.code).toBe(2);
    expect(o.err).toMatch(/^pnet: .*bad-entries\.stf:2: "packet" is not allowed in an entries file/);
  });

  it("names the line of a control-plane mistake in the entries file", async () => {
    const bad = file("typo-entries.stf", "add routes ip.dst:10.0.0.0/8 drop_packet()\nadd routes ip.dst:10.0.0.0/33 drop_packet()\n");
    const o = await pnet("run", TINY, "--in", capture, "--entries", bad);
    expectOneLineError(o, /^pnet: .*typo-entries\.stf:2: /);
  });
});

describe("progress bar", () => {
  it("appears only on a terminal and for long captures", () => {
    const io = (tty: boolean) => ({ stdout: () => {}, stderr: () => {}, stderrIsTTY: tty });
    expect(ProgressBar.maybe(io(false), PROGRESS_MIN_PACKETS)).toBeUndefined();
    expect(ProgressBar.maybe(io(true), PROGRESS_MIN_PACKETS - 1)).toBeUndefined();
    let drawn = "";
    const bar = ProgressBar.maybe({ stdout: () => {}, stderr: (t) => (drawn += t), stderrIsTTY: true }, 40_000)!;
    bar.update(40_000);
    expect(drawn).toMatch(/^\r\[#{30}\] 100% 40000\/40000 packets, /);
    bar.finish();
    expect(drawn.endsWith("\r\x1b[2K")).toBe(true);
  });
});

describe("pnet demo", () => {
  const router = join(import.meta.dirname, "..", "..", "examples", "router", "router.pnet");
  it.skipIf(!existsSync(router))("tells what happened to the sample traffic (skipped when examples/router is missing)", async () => {
    const o = await pnet("demo");
    expect(o.code).toBe(0);
    expect(o.out).toMatch(/^pnet demo — .*router\.pnet$/m);
    expect(o.out).toContain("What happened to the traffic:");
    expect(o.out).toMatch(/^ {2}#\d+ in on port \d+: /m);
  });
});

describe("the pnet executable", () => {
  // Built inside node_modules so that the build finds the project's dependencies.
  const root = join(import.meta.dirname, "..", "..");
  let built = "";
  beforeAll(() => {
    const cache = join(root, "node_modules", ".cache");
    mkdirSync(cache, { recursive: true });
    built = mkdtempSync(join(cache, "pnet-cli-test-"));
    // Emit only (type checking is tsc -p tsconfig.test.json's job), so errors elsewhere cannot stop it.
    spawnSync(process.execPath, [join("node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--noCheck", "--outDir", built], { cwd: root });
  }, 120_000);
  afterAll(() => rmSync(built, { recursive: true, force: true }));

  const bin = (): string => join(built, "runtime", "cli", "main.js");

  it("starts with a shebang", () => {
    expect(readFileSync(bin(), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("exits 0 for --help", () => {
    expect(execFileSync(process.execPath, [bin(), "--help"], { encoding: "utf8" })).toMatch(/^Usage: pnet/);
  });

  it("exits 2 with one line and no stack trace for a missing file", () => {
    const r = spawnSync(process.execPath, [bin(), "check", join(tmp, "nope.pnet")], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^pnet: cannot read program .*nope\.pnet: no such file or directory\n$/);
  });

  it("exits 1 for a program with errors and 0 for a correct one", () => {
    expect(spawnSync(process.execPath, [bin(), "check", file("exe-empty.pnet", "")]).status).toBe(1);
    const ok = spawnSync(process.execPath, [bin(), "check", TINY], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe("tiny.pnet: ok — 2 headers, 1 table, 2 parser states\n");
  });
});

describe("pnet compile --target rmt", () => {
  it("writes the configuration and the SVG, and prints the per-stage report", async () => {
    const json = join(tmp, "router.json");
    const svg = join(tmp, "router.svg");
    const o = await pnet("compile", ROUTER, "--target", "rmt", "--placer", "greedy", "--report", "--svg", svg, "-o", json);
    expect(o.code).toBe(0);
    expect(o.out).toMatch(/^rmt \(tofino1\): \d+ logical tables/);
    expect(o.out).toMatch(/greedy: \d+ stages/);
    expect(o.out).toMatch(/^stage\s+tables\s+SRAM/m);
    expect(JSON.parse(readFileSync(json, "utf8")).format).toBe("pnet-rmt-config");
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it("names the target, the rule and the line when the program cannot be mapped (exit 1)", async () => {
    const o = await pnet("compile", ACL, "--target", "rmt", "-o", join(tmp, "acl.json"));
    expect(o.code).toBe(1);
    expect(o.err).toMatch(/acl\.pnet:\d+:\d+: error\[E0804\]: target rmt: register conntrack/);
    expect(o.err).toMatch(/acl\.pnet: target rmt cannot run this program/);
  });
});

describe("pnet bench", () => {
  it("measures packets per second; a chosen target that cannot run is an error", async () => {
    const o = await pnet("bench", ACL, "--target", "rmt", "--packets", "64", "--seconds", "1");
    expect(o.code).toBe(2); // a single chosen target that cannot run is an error, not a skip
    expect(o.err).toMatch(/^pnet: cannot load the program on rmt: E0804/);
    const j = await pnet("bench", TINY, "--target", "interp", "--packets", "64", "--seconds", "1", "--json");
    expect(j.code).toBe(0);
    const result = JSON.parse(j.out) as { packets: number; results: { target: string; pps: number }[] };
    expect(result.packets).toBe(64);
    expect(result.results[0]!.target).toBe("interp");
    expect(result.results[0]!.pps).toBeGreaterThan(0);
  });
});

describe("a target that loads but cannot run an input of the test", () => {
  const missing = kernelAvailability();
  it.skipIf(missing !== undefined)(`reports the kernel as skipped for a runt packet, and the other targets still run${missing ? ` (skipped: ${missing})` : ""}`, async () => {
    const L2 = join(EXAMPLES, "l2switch/l2switch");
    const all = await pnet("test", `${L2}.pnet`, `${L2}.stf`, "--target", "all");
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/^kernel: skipped — cannot run this test on kernel: the kernel's BPF_PROG_TEST_RUN refuses XDP packets shorter than 14 bytes; this one has 10/m);
    for (const target of ["interp", "wasm", "ebpf", "rmt"]) expect(all.out).toMatch(new RegExp(`^${target}: passed`, "m"));
    expectOneLineError(await pnet("test", `${L2}.pnet`, `${L2}.stf`, "--target", "kernel"), /^pnet: cannot run this test on kernel: .*shorter than 14 bytes/);
    const run = await pnet("run", `${L2}.pnet`, "--in", join(EXAMPLES, "l2switch/sample.pcap"), "--target", "kernel");
    expectOneLineError(run, /^pnet: target kernel cannot run this: .*shorter than 14 bytes/);
  });
});
