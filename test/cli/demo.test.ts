// Which example `pnet demo` runs: the router with its capture, else another
// example's capture, else an example's .stf packets.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findDemo } from "../../runtime/cli/demo.js";

let root = "";
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A package tree with examples/<dir>/<file> for each path given. */
function tree(...files: string[]): string {
  root = mkdtempSync(join(tmpdir(), "pnet-demo-"));
  for (const f of files) {
    const path = join(root, "examples", f);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, "");
  }
  return root;
}

describe("findDemo", () => {
  it("prefers the router with its sample capture and entries", () => {
    const r = tree("acl/acl.pnet", "acl/sample.pcap", "router/router.pnet", "router/sample.pcap", "router/entries.stf", "router/router.stf");
    expect(findDemo(r)).toEqual({
      program: join(r, "examples/router/router.pnet"),
      entries: join(r, "examples/router/entries.stf"),
      capture: join(r, "examples/router/sample.pcap"),
    });
  });

  it("takes another example's capture when the router has none", () => {
    const r = tree("acl/acl.pnet", "acl/trace.pcapng", "router/router.pnet", "router/router.stf");
    expect(findDemo(r)).toEqual({ program: join(r, "examples/acl/acl.pnet"), capture: join(r, "examples/acl/trace.pcapng") });
  });

  it("falls back to the router's test packets when no example has a capture", () => {
    const r = tree("acl/acl.pnet", "acl/acl.stf", "router/router.pnet", "router/router.stf", "router/entries.stf");
    expect(findDemo(r)).toEqual({
      program: join(r, "examples/router/router.pnet"),
      entries: join(r, "examples/router/entries.stf"),
      testPackets: join(r, "examples/router/router.stf"),
    });
  });

  it("says so when there is nothing to run", () => {
    expect(() => findDemo(tree("notes/README.md", "router/entries.stf"))).toThrow(/^no example to run: no directory under .* has a \.pnet program with a \.pcap capture or a \.stf test$/);
  });
});
