// The pnet library: what a program embedding pnet imports.
//
//   import { compile, load } from "pnet";
//   const { program, diagnostics } = compile(source, { file: "router.pnet" });
//   if (!program) throw new Error(diagnostics.map(String).join("\n"));
//   const dp = await load(program, { target: "wasm" });
//   dp.tables.ipv4_routes.add({ key: { "ip.dst": "10.0.0.0/8" }, action: "set_nexthop", args: { port: 1, dmac: 0x133713371337n } });
//   const results = dp.process([{ port: 0, data: bytes }]);
//
// Targets are imported by load() only when asked for, so importing this
// module never loads binaryen, the eBPF tooling or the RMT placer.

export { compile, renderResult } from "./compiler/compile.js";
export type { CompileOptions, CompileResult } from "./compiler/compile.js";
export { renderDiagnostic, renderDiagnostics, diagnosticToJson } from "./lang/diagnostics.js";
export type { Diagnostic, Severity } from "./lang/diagnostics.js";
export type { Span } from "./lang/source.js";
export type * as ir from "./compiler/ir.js";
export { printProgram } from "./compiler/print.js";

export { load, TargetUnavailableError, TARGETS } from "./runtime/load.js";
export type { LoadOptions } from "./runtime/load.js";
export { ControlPlaneError } from "./runtime/dataplane.js";
export type * from "./runtime/dataplane.js";

export { parseStf } from "./runtime/stf/parse.js";
export { runStf, applyEntriesFile } from "./runtime/stf/run.js";
export { readPcapFile, decodeCapture, encodePcap, PcapFileWriter, PcapError } from "./runtime/pcap.js";
export type { PcapRecord, Capture } from "./runtime/pcap.js";
