// `pnet load`, `pnet entries`, `pnet digests` and `pnet unload` without what they need: one
// clear line and exit 2, on any machine (PATH is emptied so that bpftool
// cannot be found; a non-root run is refused for that reason first). Argument
// mistakes are one line too. The real thing is e2e.test.ts.

import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../runtime/cli/cli.js";

async function pnet(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stderrIsTTY: false });
  return { code, out, err };
}

const PATH = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH;
});

describe("pnet load / entries / digests / unload without root or bpftool", () => {
  it.each([
    ["load", ["load", "examples/router/router.pnet", "--dev", "lo"]],
    ["entries", ["entries", "--dev", "lo", "list"]],
    ["digests", ["digests", "--dev", "lo"]],
    ["unload", ["unload", "--dev", "lo"]],
  ])("pnet %s says what is missing in one line and exits 2", async (name, argv) => {
    process.env.PATH = "/nonexistent";
    const r = await pnet(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^pnet: pnet ${name} needs root and bpftool: (not running as root|bpftool is not installed)\\n$`));
    expect(r.out).toBe("");
  });
});

describe("pnet load / entries / digests / unload arguments", () => {
  it.each([
    [["load", "examples/router/router.pnet"], /^pnet: missing --dev IFACE for pnet load/],
    [["load", "examples/router/router.pnet", "--dev", "x", "--port", "1=a,1=b"], /^pnet: --port gives port 1 twice\n$/],
    [["load", "examples/router/router.pnet", "--dev", "x", "--port", "70000=a"], /^pnet: --port wants N=IFACE pairs/],
    [["load", "examples/router/router.pnet", "--dev", "x", "--mode", "fast"], /^pnet: --mode must be one of auto, native, generic, not "fast"\n$/],
    [["entries", "list"], /^pnet: missing --dev IFACE for pnet entries/],
    [["entries", "--dev", "x", "add", "t", "k:1"], /^pnet: unexpected argument "t" for pnet entries/],
    [["unload"], /^pnet: missing --dev IFACE for pnet unload/],
    [["digests", "--follow"], /^pnet: missing --dev IFACE for pnet digests/],
    [["digests", "--dev", "x", "mac_learn"], /^pnet: unexpected argument "mac_learn" for pnet digests/],
  ])("%j is refused in one line", async (argv, message) => {
    const r = await pnet(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
  });

  it("the commands are listed in pnet --help", async () => {
    const r = await pnet("--help");
    for (const name of ["load", "entries", "digests", "unload"]) expect(r.out).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
  });
});
