// Golden files for rendered syntax diagnostics: each test/lang/golden/syntax/*.pnet
// is parsed and its diagnostics, rendered as the CLI shows them, are compared
// with the *.txt beside it (`npm run bless` rewrites them; read before committing).

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import { renderDiagnostics } from "../../lang/diagnostics.js";
import { parseProgram } from "../../lang/parser.js";
import { SourceFile } from "../../lang/source.js";
import { expectGolden } from "../golden.js";

const dir = fileURLToPath(new URL("./golden/syntax/", import.meta.url));
const inputs = readdirSync(dir).filter((f) => f.endsWith(".pnet")).sort();

describe("rendered syntax diagnostics", () => {
  it.each(inputs)("%s", (file) => {
    const source = new SourceFile(file, readFileSync(dir + file, "utf8"));
    const { diagnostics } = parseProgram(source);
    expectGolden(dir + file.replace(/\.pnet$/, ".txt"), renderDiagnostics(diagnostics, new Map([[file, source]])) + "\n");
  });
});
