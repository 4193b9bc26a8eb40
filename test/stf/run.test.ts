// The .stf runner's matching rules (testing.md, "Matching") against a fake
// dataplane whose behaviour is described in fake-dataplane.ts.

import { describe, expect, it } from "vitest";
import { parseStf } from "../../runtime/stf/parse.js";
import { applyEntriesFile, runStf } from "../../runtime/stf/run.js";
import type { StfReport } from "../../runtime/stf/run.js";
import { renderFailure, renderStfReport } from "../../runtime/stf/report.js";
import { FakeDataplane } from "./fake-dataplane.js";

function run(text: string, dp = new FakeDataplane()): StfReport {
  const { commands, errors } = parseStf(text);
  expect(errors).toEqual([]);
  return runStf(dp, commands);
}

/** Lines of a test file, so line numbers in assertions are easy to read. */
const stf = (...lines: string[]): string => lines.join("\n");

describe("packet expectations", () => {
  it("passes when every packet meets its expectation", () => {
    const r = run(stf(
      "add fwd dst:1 send(port:2)",
      "packet 0 01 aabbcc",
      "expect 2 01 aabbcc $",
    ));
    expect(r.failures).toEqual([]);
    expect(r).toMatchObject({ ok: true, packetsIn: 1, packetsOut: 1, toHost: 0, checks: 1 });
  });

  it("matches a prefix without $, and the whole length with $", () => {
    const prefix = run(stf("add fwd dst:1 send(port:2)", "packet 0 01aabbcc", "expect 2 01aa"));
    expect(prefix.ok).toBe(true);
    const whole = run(stf("add fwd dst:1 send(port:2)", "packet 0 01aabbcc", "expect 2 01aa $"));
    expect(whole.failures).toEqual([{
      kind: "packet-mismatch", line: 3, port: 2,
      message: "port 2: the packet has 4 bytes, more than the 2 expected ($)",
      expected: "01aa$", actual: "01aabbcc", firstDifference: 2, fromPacketLine: 2,
    }]);
  });

  it("fails when the packet is shorter than the expected prefix", () => {
    const r = run(stf("add fwd dst:1 send(port:2)", "packet 0 01aa", "expect 2 01aabb"));
    expect(r.failures).toMatchObject([{ kind: "packet-mismatch", line: 3, firstDifference: 2, message: "port 2: the packet has 2 bytes, fewer than the 3 expected" }]);
  });

  it("lets * match any one hex digit, and only that digit", () => {
    expect(run(stf("add fwd dst:1 send(port:2)", "packet 0 01abcd", "expect 2 01 a* *d $")).ok).toBe(true);
    const r = run(stf("add fwd dst:1 send(port:2)", "packet 0 01abcd", "expect 2 01 a* *e"));
    expect(r.failures).toMatchObject([{ line: 3, firstDifference: 2, message: "port 2: byte 2 differs", expected: "01a**e", actual: "01abcd" }]);
  });

  it("matches each port's expectations in order, independently of other ports", () => {
    const text = stf(
      "add fwd dst:1 send(port:1)",
      "add fwd dst:2 send(port:2)",
      "packet 0 01 0a",
      "packet 0 02 0b",
      "packet 0 01 0c",
      "expect 2 02 0b",
      "expect 1 01 0a",
      "expect 1 01 0c",
    );
    expect(run(text).ok).toBe(true);
  });

  it("reports packets on one port in the wrong order at the expectation's line, naming the packet", () => {
    const r = run(stf(
      "add fwd dst:1 send(port:1)",
      "packet 0 01 0a",
      "packet 0 01 0c",
      "expect 1 01 0c",
      "expect 1 01 0a",
    ));
    expect(r.failures).toMatchObject([
      { kind: "packet-mismatch", line: 4, port: 1, firstDifference: 1, fromPacketLine: 2 },
      { kind: "packet-mismatch", line: 5, port: 1, firstDifference: 1, fromPacketLine: 3 },
    ]);
  });

  it("fails an expectation that no packet met", () => {
    const r = run(stf("packet 0 01", "expect 3 01"));
    expect(r.failures).toEqual([{
      kind: "missing-packet", line: 2, port: 3, expected: "01",
      message: "expected a packet on port 3, but none came (0 packets came there in all)",
    }]);
  });

  it("fails a packet that leaves with no expectation: unexpected packets must be dropped", () => {
    const r = run(stf("add fwd dst:1 send(port:2)", "packet 0 01ff", "packet 0 07"));
    expect(r.failures).toEqual([{
      kind: "unexpected-packet", line: 2, port: 2, actual: "01ff", fromPacketLine: 2,
      message: "a packet left on port 2 with no expectation left for it (a packet with no expect must be dropped)",
    }]);
  });

  it("accepts any packet for `expect <port>` but still needs one", () => {
    expect(run(stf("add fwd dst:1 send(port:2)", "packet 0 01ff", "expect 2")).ok).toBe(true);
    expect(run(stf("packet 0 01ff", "expect 2")).failures).toMatchObject([{ kind: "missing-packet", line: 2 }]);
  });

  it("checks host packets like a port of their own", () => {
    expect(run(stf("add fwd dst:1 punt()", "packet 0 0102", "expect host 0102 $")).ok).toBe(true);
    const r = run(stf("add fwd dst:1 punt()", "packet 0 0102", "packet 0 0203"));
    expect(r.failures).toMatchObject([{ kind: "unexpected-packet", port: "host", line: 2, message: /handed to the host/ }]);
    expect(run(stf("packet 0 0102", "expect host")).failures).toMatchObject([{ kind: "missing-packet", port: "host" }]);
  });

  it("collects multicast copies on each port", () => {
    const r = run(stf("mcast 1 0 1 3", "packet 0 ff01", "expect 1 ff01 $", "expect 3 ff01 $"));
    expect(r.failures).toEqual([]);
    expect(r.packetsOut).toBe(2);
  });
});

describe("order of effects", () => {
  it("applies an entry only to the packets after it", () => {
    const r = run(stf(
      "packet 0 01 aa",
      "add fwd dst:1 send(port:2)",
      "packet 0 01 bb",
      "expect 2 01 bb",
    ));
    expect(r.failures).toEqual([]);
  });

  it("processes consecutive packets in one batch and flushes before a state change", () => {
    const dp = new FakeDataplane();
    run(stf("packet 0 01", "packet 1 02", "expect 9", "wait", "packet 2 03", "add fwd dst:1 send(port:1)", "packet 0 01", "expect 1"), dp);
    expect(dp.batches.map((b) => b.map((p) => p.port))).toEqual([[0, 1, 2], [0]]);
  });

  it("stamps packets with the latest `time`, 0 before any", () => {
    const dp = new FakeDataplane();
    run(stf("packet 0 07", "time 1000", "packet 0 07", "packet 0 07", "time 0x10", "packet 0 07"), dp);
    expect(dp.timestamps).toEqual([0n, 1000n, 1000n, 16n]);
  });

  it("sets the default action, removes entries and configures meters", () => {
    const dp = new FakeDataplane();
    const r = run(stf(
      "setdefault fwd send(port:3)",
      "add fwd dst:1 send(port:2)",
      "remove fwd dst:1",
      "meter_set rate 0 100 200 300 400",
      "packet 0 01",
      "expect 3 01",
    ), dp);
    expect(r.failures).toEqual([]);
    expect(dp.meterConfigs).toEqual(["0:100/200/300/400"]);
  });
});

describe("control-plane mistakes are failures at their line", () => {
  it.each([
    ["add nope dst:1 send(port:1)", "no table named 'nope' (tables: fwd)"],
    ["add toString dst:1 send(port:1)", "no table named 'toString' (tables: fwd)"],
    ["add fwd __proto__:1 send(port:1)", 'table fwd has no key "__proto__" (keys: dst)'],
    ["add fwd dst:1 jump(port:1)", 'table fwd has no action "jump"'],
    ["add fwd src:1 send(port:1)", 'table fwd has no key "src" (keys: dst)'],
    ["add fwd dst:1 dst:2 send(port:1)", 'key "dst" is given twice'],
    ["add fwd dst:1 send(port:1, port:2)", 'argument "port" is given twice'],
    ["remove fwd dst:9", "no entry with key dst=9"],
    ["mcast 7 1 2", "multicast group 7 does not exist"],
    ["register_write nope 0 1", "no register named 'nope' (registers: last)"],
    ["meter_set nope 0 1 1 1 1", "no meter named 'nope' (meters: rate)"],
    ["check_counter nope 0 packets 0", "no counter named 'nope' (counters: pkts)"],
    ["check_counter fwd 0 packets 0", '"fwd" is a table: name the entry by its key, as in add (check_counter fwd <key>:<value> … packets <n>)'],
    ["check_counter fwd dst:5 packets 0", "no entry with key dst=5"],
    ["check_register last 9 0", "index 9 is out of range (size 4)"],
    ["expect_digest nope", 'no digest named "nope" (digests: learn)'],
    ["expect_digest learn mac:1", 'digest learn has no field "mac" (fields: src, port)'],
  ])("%s", (line, message) => {
    const r = run(stf("wait", line));
    expect(r.ok).toBe(false);
    expect(r.failures).toContainEqual({ kind: "control-plane", line: 2, message });
  });

  it("keeps going after a failed command", () => {
    const r = run(stf("add fwd dst:1 jump()", "add fwd dst:1 send(port:2)", "packet 0 01", "expect 2"));
    expect(r.failures.map((f) => f.line)).toEqual([1]);
  });
});

describe("counters and registers", () => {
  it("checks extern counters at their line", () => {
    const text = stf(
      "packet 1 0102",
      "check_counter pkts 1 packets 1 bytes 2",
      "packet 1 010203",
      "check_counter pkts 1 packets 2 bytes 5",
      "check_counter pkts 0 packets 0",
    );
    expect(run(text).failures).toEqual([]);
  });

  it("reports a wrong counter with both values", () => {
    const r = run(stf("packet 1 0102", "check_counter pkts 1 packets 2 bytes 4", "check_counter pkts 1 packets 9"));
    expect(r.failures).toEqual([
      { kind: "counter", line: 2, message: "counter pkts[1]: expected packets 2 bytes 4, got packets 1 bytes 2" },
      { kind: "counter", line: 3, message: "counter pkts[1]: expected packets 9, got packets 1" },
    ]);
  });

  it("checks table entry counters, naming the entry by its key", () => {
    const text = stf(
      "add fwd dst:1 send(port:2)",
      "packet 0 01aa",
      "packet 0 01bbcc",
      "expect 2",
      "expect 2",
      "check_counter fwd dst:1 packets 2 bytes 5",
      "check_counter fwd dst:0x01 packets 3",
    );
    expect(run(text).failures).toEqual([
      { kind: "counter", line: 7, message: "entry fwd dst:0x01: expected packets 3, got packets 2" },
    ]);
  });

  it("writes and checks registers", () => {
    const text = stf("register_write last 2 0x1234", "check_register last 2 4660", "packet 3 2a", "check_register last 3 41");
    expect(run(text).failures).toEqual([
      { kind: "register", line: 4, message: "register last[3] is 42 (0x2a), expected 41 (0x29)" },
    ]);
  });
});

describe("digests", () => {
  it("matches digests in order, checking the fields given", () => {
    const text = stf("packet 0 00dd05", "packet 2 00dd06", "expect_digest learn src:5 port:0", "expect_digest learn port:2");
    expect(run(text).failures).toEqual([]);
  });

  it("reports a wrong field, an unexpected digest and a missing one", () => {
    const wrong = run(stf("packet 0 00dd05", "expect_digest learn src:6"));
    expect(wrong.failures).toEqual([{
      kind: "digest-mismatch", line: 2, fromPacketLine: 1,
      message: "digest learn: src is 5, expected 6; the digest came from the packet at line 1",
    }]);
    const extra = run(stf("packet 0 00dd05", "packet 0 00dd06", "expect_digest learn src:5"));
    expect(extra.failures).toMatchObject([{ kind: "unexpected-digest", line: 2, message: "digest learn(src:0x6, port:0x0) was sent but no expect_digest was left for it" }]);
    const missing = run(stf("expect_digest learn"));
    expect(missing.failures).toEqual([{ kind: "missing-digest", line: 1, message: "expected digest learn, but only 0 digest(s) were sent" }]);
  });

  it("does not check digests in a file without expect_digest", () => {
    const r = run(stf("packet 0 00dd05"));
    expect(r).toMatchObject({ ok: true, digests: 1 });
  });
});

describe("entries files", () => {
  it("applies control-plane commands", () => {
    const dp = new FakeDataplane();
    const { commands } = parseStf(stf("add fwd dst:1 send(port:2)", "register_write last 0 7", "mcast 1 2 3"));
    expect(applyEntriesFile(dp, commands)).toEqual([]);
    expect(dp.registers.last.read(0)).toBe(7n);
    expect(dp.process([{ port: 0, data: Uint8Array.of(1) }])[0]!.outputs).toEqual([{ port: 2, data: Uint8Array.of(1) }]);
  });

  it("refuses packets, expectations and checks before applying anything", () => {
    const dp = new FakeDataplane();
    const { commands } = parseStf(stf("add fwd dst:1 send(port:2)", "packet 0 01", "expect 2", "check_register last 0 0"));
    const failures = applyEntriesFile(dp, commands);
    expect(failures.map((f) => [f.line, f.message.split(" is not allowed")[0]])).toEqual([
      [2, '"packet"'], [3, '"expect"'], [4, '"check_register"'],
    ]);
    expect(failures[0]!.message).toContain("only add, setdefault, remove, mcast, register_write and meter_set are");
    expect(() => dp.tables.fwd!.readCounter({ dst: 1 })).toThrow(/no entry/);
  });

  it("reports control-plane mistakes with their lines", () => {
    const { commands } = parseStf(stf("add fwd dst:1 send(port:2)", "add fwd dst:1 send(port:3)"));
    expect(applyEntriesFile(new FakeDataplane(), commands)).toEqual([
      { kind: "control-plane", line: 2, message: "an entry with key dst=1 already exists" },
    ]);
  });
});

describe("rendering", () => {
  it("shows expected and actual bytes in grouped rows with a caret under the first difference", () => {
    const r = run(stf(
      "add fwd dst:1 send(port:2)",
      "packet 0 01 02030405 06070809 0a0b0c0d 0e0f1011 1213",
      "expect 2 01 02030405 06070809 0a0b0c0d 0e0f1011 12ff $",
    ));
    expect(renderFailure("t.stf", r.failures[0]!)).toBe([
      "t.stf:3: port 2: byte 18 differs (from the packet at line 2)",
      "    expected 0000: 01020304 05060708 090a0b0c 0d0e0f10",
      "    actual   0000: 01020304 05060708 090a0b0c 0d0e0f10",
      "    expected 0010: 1112ff $",
      "    actual   0010: 111213",
      "                       ^^",
    ].join("\n"));
  });

  it("shows only the side that exists for unexpected and missing packets", () => {
    const r = run(stf("add fwd dst:1 send(port:2)", "packet 0 01ab", "expect 5 77"));
    expect(renderStfReport("t.stf", r)).toBe([
      "t.stf:2: a packet left on port 2 with no expectation left for it (a packet with no expect must be dropped)",
      "    actual   0000: 01ab",
      "t.stf:3: expected a packet on port 5, but none came (0 packets came there in all)",
      "    expected 0000: 77",
      "failed: 2 failures; 1 packet in, 1 out, 0 to host, 0 digests; 1 check",
    ].join("\n"));
  });

  it("summarises a passing run in one line", () => {
    expect(renderStfReport("t.stf", run("packet 0 00"))).toBe("passed: 1 packet in, 0 out, 0 to host, 0 digests; 0 checks");
  });
});
