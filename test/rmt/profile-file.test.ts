// A user's chip profile as a JSON file: `--profile FILE` (and resolveProfile)
// load and check it field by field with one-line errors naming the field; a
// program placed on it records the profile in its configuration; the
// validator checks the configuration against that profile and says it is not
// a built-in one unless the caller gives the same profile; a user's file
// cannot take a built-in name with other numbers.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { runCli } from "../../runtime/cli/cli.js";
import { compileRmt, resolveProfile, validateConfig, type Profile } from "../../targets/rmt/index.js";

const ROUTER = join(import.meta.dirname, "../../examples/router/router.pnet");
const TOFINO1 = join(import.meta.dirname, "../../targets/rmt/profiles/tofino1.json");
const tmp = mkdtempSync(join(tmpdir(), "pnet-profile-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** tofino1's file with some fields changed (`undefined` removes a field), written to a temporary file. */
function profileFile(name: string, edit: (p: Record<string, any>) => void): string {
  const p = JSON.parse(readFileSync(TOFINO1, "utf8"));
  p.profile = "half-tofino";
  p.description = "tofino1 with half the stages and TCAM";
  edit(p);
  const path = join(tmp, `${name}.json`);
  writeFileSync(path, JSON.stringify(p, null, 2));
  return path;
}

const router = () => compile(readFileSync(ROUTER, "utf8"), { file: "router.pnet" }).program!;

describe("profile files", () => {
  it("the built-in names still name the built-in profiles", () => {
    expect(resolveProfile("tofino1")).toEqual(JSON.parse(readFileSync(TOFINO1, "utf8")));
    expect(resolveProfile("rmt13").num_stages).toBe(32);
  });

  it("a user profile places the router, is recorded in the configuration, and the validator checks against it", async () => {
    const path = profileFile("half", (p) => {
      p.num_stages = 8;
      p.per_stage.tcam.blocks = 12;
    });
    const profile = resolveProfile(path);
    expect(profile.profile).toBe("half-tofino");
    const result = await compileRmt(router(), { profile, placer: "ilp" });
    expect(result.report).toMatch(/^rmt \(half-tofino\): /);
    const config = result.config!;
    expect(config.target).toEqual(profile);
    expect(config.stages.length).toBeLessThanOrEqual(8);
    for (const s of config.stages) expect(s.usage.tcam_blocks).toBeLessThanOrEqual(12);
    // Without the caller vouching for the profile, exactly one violation: it is not built in.
    expect(validateConfig(config)).toEqual([expect.stringMatching(/^target profile 'half-tofino' is not a known profile \(built in: rmt13, tofino1\): the configuration was checked against the limits it embeds/)]);
    expect(validateConfig(config, { profile })).toEqual([]);
    // A configuration that relaxes the user's limits is refused like one that relaxes a built-in's.
    const relaxed = structuredClone(config) as typeof config & { target: { per_stage: { max_logical_tables: number } } };
    relaxed.target.per_stage.max_logical_tables = 99;
    expect(validateConfig(relaxed, { profile }).join("\n")).toMatch(/the target block differs from the given profile 'half-tofino'/);
  });

  it("the validator checks a configuration against its embedded user profile (a stage over the user's limit is refused)", async () => {
    const profile = resolveProfile(profileFile("roomy", (p) => (p.per_stage.max_logical_tables = 64)));
    const config = (await compileRmt(router(), { profile, placer: "greedy" })).config!;
    const tight: Profile = { ...profile, per_stage: { ...profile.per_stage, max_logical_tables: 1 } };
    const lied = { ...config, target: tight };
    expect(validateConfig(lied, { profile: tight }).join("\n")).toMatch(/logical/);
  });

  it.each<[string, (p: Record<string, any>) => void, RegExp]>([
    ["missing", (p) => delete p.num_stages, /: missing field num_stages$/],
    ["negative", (p) => (p.per_stage.sram.blocks = -3), /: per_stage\.sram\.blocks must be an integer >= 0 \(it is -3\)$/],
    ["string", (p) => (p.num_stages = "12"), /: num_stages must be an integer >= 1 \(it is "12"\)$/],
    ["unknown", (p) => (p.per_stage.sram.bloks = 80), /: unknown field per_stage\.sram\.bloks \(fields: blocks, depth, /],
    ["subunit", (p) => (p.per_stage.xbar.subunit_bits = 12), /: per_stage\.xbar\.subunit_bits must be a positive multiple of 8 \(it is 12\)$/],
    ["width", (p) => (p.phv.containers[0].width = 64), /: phv\.containers\[0\]\.width must be 8, 16 or 32 \(it is 64\)$/],
    ["twice", (p) => (p.phv.containers[1].width = 8), /: phv\.containers\[1\]: containers of width 8 are listed twice$/],
    ["usable", (p) => (p.per_stage.sram.usable_match_width_bits = 200), /: per_stage\.sram\.usable_match_width_bits \(200\) exceeds per_stage\.sram\.width_bits \(128\)$/],
    ["name", (p) => (p.profile = "my chip"), /: profile must be a name of letters, digits/],
    ["builtin", (p) => ((p.profile = "tofino1"), (p.num_stages = 20)), /: profile: 'tofino1' is a built-in profile's name; a profile with other numbers needs a name of its own$/],
  ])("refuses a profile file with a bad field (%s), naming the field on one line", (name, edit, why) => {
    const path = profileFile(name, edit);
    expect(() => resolveProfile(path)).toThrow(why);
    try {
      resolveProfile(path);
    } catch (err) {
      expect((err as Error).message).toMatch(new RegExp(`^profile file ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
      expect((err as Error).message).not.toContain("\n");
    }
  });

  it("refuses a file that is not JSON, and a name that is neither built in nor a file", () => {
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, "{ num_stages: 12 ");
    expect(() => resolveProfile(bad)).toThrow(/^profile file .*bad\.json: not JSON: /);
    expect(() => resolveProfile("tofino2")).toThrow("profile 'tofino2' is neither a built-in profile (rmt13, tofino1) nor a readable file: no such file");
  });
});

describe("pnet compile --target rmt --profile FILE", () => {
  const pnet = async (...argv: string[]) => {
    let out = "";
    let err = "";
    const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stderrIsTTY: false });
    return { code, out, err };
  };

  it("places on the profile of the file and reports it", async () => {
    const path = profileFile("cli", (p) => (p.num_stages = 8));
    const json = join(tmp, "router.json");
    const o = await pnet("compile", ROUTER, "--target", "rmt", "--profile", path, "--report", "-o", json);
    expect(o.code).toBe(0);
    expect(o.out).toMatch(/^rmt \(half-tofino\): /);
    expect(JSON.parse(readFileSync(json, "utf8")).target.num_stages).toBe(8);
  });

  it("a bad profile file is a usage error: exit 2, one line naming the field, no stack trace", async () => {
    const path = profileFile("cli-bad", (p) => (p.per_stage.max_logical_tables = 0));
    const o = await pnet("compile", ROUTER, "--target", "rmt", "--profile", path, "-o", join(tmp, "x.json"));
    expect(o.code).toBe(2);
    expect(o.out).toBe("");
    expect(o.err).toMatch(/^pnet: --profile: profile file .*cli-bad\.json: per_stage\.max_logical_tables must be an integer >= 1 \(it is 0\)\n$/);
  });
});
