/**
 * The bpf_conformance suite (../shared/ebpf-conformance/tests beside the repository): one case
 * per `.data` file, each assembled (or taken raw), verified, and run on the VM with r1 pointing
 * to the test's memory and r2 holding its length. A missing suite fails; it never passes empty.
 */

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assemble } from "../../targets/ebpf/vm/assembler.js";
import { HelperTable } from "../../targets/ebpf/vm/helpers.js";
import { Machine } from "../../targets/ebpf/vm/machine.js";
import { verify } from "../../targets/ebpf/vm/verifier.js";
import { SUITE, parseConformance, suiteFiles } from "./conformance-data.js";

const files = suiteFiles();

/**
 * Tests this VM does not run, with the reason. Empty: every file of the suite runs.
 * (Add an entry only for something targets.md says the VM need not support.)
 */
const UNSUPPORTED = new Map<string, string>();

/**
 * Helper 5 is what bpf_conformance's call tests (call_unwind_fail, callx) call: uBPF's test
 * runners register it as `unwind`, which returns its argument (and makes uBPF stop the program
 * when that is 0; these tests pass -1, so only "returns r1" matters).
 */
function conformanceHelpers(): HelperTable {
  return new HelperTable().register(5, "identity", (r1) => r1);
}

/** Runs one case; returns r0 or throws what refused or stopped the program. */
function runCase(text: string): bigint {
  const test = parseConformance(text);
  const program = test.raw ?? assemble(test.asm!);
  const helpers = conformanceHelpers();
  const verdict = verify(program, {
    helpers,
    args: [{ kind: "memory", name: "mem", size: test.mem.length, writable: true }, { kind: "scalar", value: test.mem.length }],
  });
  if (!verdict.ok) throw verdict.error;
  const vm = new Machine(program, { helpers });
  const mem = vm.memory.map("mem", test.mem);
  const result = vm.run(vm.memory.address(mem), test.mem.length);
  if (!result.ok) throw result.fault;
  return result.r0;
}

describe("bpf_conformance suite", () => {
  it(`is present at ${SUITE}`, () => {
    expect(existsSync(SUITE), `the conformance suite is missing: ${SUITE}`).toBe(true);
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const reason = UNSUPPORTED.get(file);
    if (reason !== undefined) {
      it.skip(`${file} — skipped: ${reason}`, () => {});
      continue;
    }
    it(file, () => {
      const text = readFileSync(join(SUITE, file), "utf8");
      const test = parseConformance(text);
      if (test.raw && test.asm !== undefined) expect(assemble(test.asm)).toEqual(test.raw);
      if (test.error !== undefined) {
        expect(() => runCase(text)).toThrow(new RegExp(escape(test.error), "i"));
      } else {
        expect(runCase(text)).toBe(BigInt.asUintN(64, test.result!));
      }
    });
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
