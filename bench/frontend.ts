// Benchmark: how long the front end and mid end take — parsing, checking,
// and lowering plus the pass pipeline — for every example and for a
// generated 2,000-line program. The goal is well under 200 ms on one core
// for the big one. Prints a table; asserts nothing.

import { SourceFile } from "../lang/source.js";
import { parseProgram } from "../lang/parser.js";
import { checkProgram } from "../lang/checker.js";
import { lowerProgram } from "../compiler/lower.js";
import { runPipeline } from "../compiler/pipeline.js";
import { DiagnosticBag } from "../lang/diagnostics.js";
import { generateProgram } from "./gen-program.js";
import { examples, medianMs, printTable } from "./util.js";

function measure(name: string, text: string): string[] {
  const source = new SourceFile(name, text);
  const parsed = parseProgram(source);
  const { checked, diagnostics } = checkProgram(parsed.program);
  if (!checked) throw new Error(`${name} does not check: ${diagnostics[0]?.message}`);
  const parse = medianMs(() => parseProgram(source));
  const check = medianMs(() => checkProgram(parsed.program));
  const lower = medianMs(() => runPipeline(lowerProgram(checked), new DiagnosticBag()));
  const lines = text.split("\n").length;
  return [name, String(lines), parse.toFixed(2), check.toFixed(2), lower.toFixed(2), (parse + check + lower).toFixed(2)];
}

export function main(): void {
  const rows = [["program", "lines", "parse ms", "check ms", "lower+passes ms", "total ms"]];
  for (const ex of examples()) rows.push(measure(`${ex.name}.pnet`, ex.source));
  let tables = 10;
  while (generateProgram(tables).split("\n").length < 2000) tables += 5;
  rows.push(measure(`generated (${tables} tables)`, generateProgram(tables)));
  printTable("Front end and mid end: median of 20 runs, one core", rows);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ""))) main();
