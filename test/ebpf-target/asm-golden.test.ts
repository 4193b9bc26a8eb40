// Golden eBPF listings: every example's object disassembled with labels, as
// `pnet compile --target ebpf --emit asm` prints it, compared with
// test/ebpf-target/golden/<example>.asm, so a change to the code generator or
// its clean-up passes shows up as a reviewable diff (and its instruction
// count in the first line). The same objects run the examples' .stf tests in
// the emulator and the kernel (stf-emulator.test.ts, kernel.test.ts).
// `npm run bless` rewrites the files; read the diff before committing.

import { join } from "node:path";
import { describe, it } from "vitest";
import { compileEbpf } from "../../targets/ebpf/index.js";
import { expectGolden } from "../golden.js";
import { compileFile, EXAMPLES } from "./harness.js";

describe("golden eBPF listings", () => {
  it.each(EXAMPLES.map((e) => [e.name, e] as const))("%s", (name, example) => {
    expectGolden(join("test/ebpf-target/golden", `${name}.asm`), compileEbpf(compileFile(example.programFile)).asm);
  });
});
