// Programs attached to real interfaces: load (compile, `bpftool prog load …
// pinmaps`, fill the port devmap and the ifindex → port map, install entries
// (multicast groups fill their slot devmaps with the --port interfaces),
// `ip link set … xdp pinned`), change entries later from another process, list
// them, find its digest ring buffer, unload. state.ts says what is pinned where
// and what is remembered. The control plane is the eBPF Dataplane's (xdp/dataplane.ts, validated by
// runtime/controlplane.ts) over the pinned maps (KernelBackend.attach); a later
// command rebuilds it by replaying the log with map writes switched off, then
// applies its own command for real.

import { existsSync, mkdirSync, mkdtempSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "../../../compiler/compile.js";
import type * as ir from "../../../compiler/ir.js";
import type { Dataplane } from "../../../runtime/dataplane.js";
import { parseStf, type StfCommand } from "../../../runtime/stf/parse.js";
import { applyEntriesFile } from "../../../runtime/stf/run.js";
import { IFPORTS_ENTRIES, PORTS_MAP } from "../codegen/layout.js";
import { writeElf } from "../elf/writer.js";
import { generateEbpf } from "../index.js";
import type { Generated } from "../codegen/program.js";
import { bpftool, BpftoolError } from "../kernel/bpftool.js";
import { KernelBackend } from "../kernel/runner.js";
import { createDataplane, mapInterfaces } from "../xdp/dataplane.js";
import { u32 } from "../xdp/encode.js";
import { livePaths, PIN_ROOT, readState, removeState, sha256, STATE_VERSION, writeState, type LivePaths, type LivePort, type LiveState } from "./state.js";
import { AttachError, attachedMode, attachedProgId, attachXdp, detachXdp, ifindexOf, netnsId, type XdpMode } from "./system.js";

export interface LoadRequest {
  readonly file: string;
  readonly source: string;
  readonly program: ir.Program;
  readonly dev: string;
  /** pnet port → interface name; `dev` must be one of them. */
  readonly ports: readonly { readonly port: number; readonly dev: string }[];
  readonly mode: XdpMode;
  /** An entries file (.stf control-plane commands), applied before the program is attached. */
  readonly entries?: { readonly file: string; readonly text: string };
}


/** The lines of `text` that hold the commands, as the log keeps them. */
function commandLines(text: string, commands: readonly StfCommand[]): string[] {
  const lines = text.split(/\r?\n/);
  return commands.map((c) => lines[c.line - 1]!.trim());
}

/** Parses .stf text; a syntax error is one line naming `where`. */
function parseCommands(text: string, where: string): StfCommand[] {
  const { commands, errors } = parseStf(text);
  if (errors.length > 0) throw new AttachError(errors.map((e) => `${where}:${e.line}: ${e.message}`).join("\n"));
  return commands;
}

/** Applies commands through the control plane; refusals become one line each. */
function apply(dp: Dataplane, commands: readonly StfCommand[], where: (line: number) => string): void {
  const failures = applyEntriesFile(dp, commands);
  if (failures.length > 0) throw new AttachError(failures.map((f) => `${where(f.line)}${f.message}`).join("\n"));
}

export function loadLive(req: LoadRequest): LiveState {
  const paths = livePaths(req.dev);
  if (existsSync(paths.dir) || readState(req.dev)) {
    throw new AttachError(`a program is already loaded on ${req.dev} (${paths.dir}); pnet unload --dev ${req.dev} first`);
  }
  const ifindex = ifindexOf(req.dev);
  if (attachedProgId(req.dev) !== undefined) throw new AttachError(`${req.dev} already has an XDP program attached (not by pnet); detach it first`);
  const ports: LivePort[] = req.ports.map((p) => ({ ...p, ifindex: ifindexOf(p.dev) }));
  if (!ports.some((p) => p.ifindex === ifindex)) {
    throw new AttachError(`${req.dev} has no pnet port number, so its packets would have no std.ingress_port; name it in --port (e.g. --port 1=${req.dev},…)`);
  }
  const far = ports.find((p) => p.ifindex >= IFPORTS_ENTRIES);
  if (far) throw new AttachError(`${far.dev}'s ifindex is ${far.ifindex}; the ebpf target numbers interfaces with an ifindex below ${IFPORTS_ENTRIES}`);
  const twice = ports.find((p, i) => ports.findIndex((q) => q.ifindex === p.ifindex) !== i);
  if (twice) throw new AttachError(`--port names ${twice.dev} twice; an interface is one pnet port`);
  const { generated, diagnostics } = generateEbpf(req.program);
  if (!generated) throw new AttachError(`the ebpf target cannot take ${req.file}: ${diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  const entries = req.entries ? parseCommands(req.entries.text, req.entries.file) : [];

  const work = mkdtempSync(join(tmpdir(), "pnet-load-"));
  let attached = false;
  try {
    const object = join(work, "prog.o");
    const elf = writeElf(generated.object);
    writeFileSync(object, elf);
    mkdirSync(paths.maps, { recursive: true });
    bpftool(["prog", "load", object, paths.prog, "type", "xdp", "pinmaps", paths.maps]);
    const backend = KernelBackend.attach(paths.prog, paths.maps);
    const dp = createDataplane(req.program, generated.layout, backend, ports);
    for (const p of ports) backend.update(PORTS_MAP, u32(p.port), u32(p.ifindex));
    mapInterfaces(backend, ports);
    if (req.entries) apply(dp, entries, (line) => `${req.entries!.file}:${line}: `);
    backend.commit();
    attachXdp(req.dev, paths.prog, req.mode);
    attached = true;
    const state: LiveState = {
      version: STATE_VERSION,
      dev: req.dev,
      ifindex,
      netns: netnsId(),
      mode: req.mode,
      attachedMode: attachedMode(req.dev),
      progId: attachedProgId(req.dev) ?? -1,
      file: req.file,
      source: req.source,
      sha256: sha256(req.source),
      objectSha256: sha256(elf),
      ports,
      log: req.entries ? commandLines(req.entries.text, entries) : [],
      loadedAt: new Date().toISOString(),
    };
    writeState(state);
    return state;
  } catch (e) {
    if (attached) detachXdp(req.dev, req.mode);
    removePins(req.dev);
    throw e instanceof BpftoolError ? new AttachError(`bpftool refused the program: ${e.stderr.trim().split("\n").slice(-3).join(" | ")}`) : e;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A loaded program's control plane, rebuilt from its state. */
export interface LiveProgram {
  readonly state: LiveState;
  readonly dataplane: Dataplane;
  /** Applies .stf control-plane text to the live maps and records it; refusals are AttachErrors, nothing changed. */
  change(text: string): void;
}

/** The program loaded on `dev`, recompiled from its state; refused unless this pnet generates the very object loaded (same maps, same layout). */
function openLoaded(dev: string): { state: LiveState; paths: LivePaths; program: ir.Program; generated: Generated } {
  const state = readState(dev);
  const paths = livePaths(dev);
  if (!state) throw new AttachError(`no program loaded by pnet on ${dev} (no ${paths.state}); pnet load … --dev ${dev} first`);
  if (state.netns !== netnsId()) throw new AttachError(`the program on ${dev} was loaded in network namespace ${state.netns}, this is ${netnsId()}; run pnet in that namespace (nsenter --net=…)`);
  if (!existsSync(paths.prog)) throw new AttachError(`the pins of ${dev}'s program are gone (${paths.prog}); pnet unload --dev ${dev} to clean up`);
  const { program } = compile(state.source, { file: state.file });
  const generated = program ? generateEbpf(program).generated : undefined;
  if (!program || !generated) throw new AttachError(`the program recorded for ${dev} no longer compiles with this pnet; pnet unload --dev ${dev} and load it again`);
  if (sha256(writeElf(generated.object)) !== state.objectSha256) {
    throw new AttachError(`this pnet generates different code for ${state.file} than the one that loaded it on ${dev}, so it cannot read or write its maps; pnet unload --dev ${dev} and load it again`);
  }
  return { state, paths, program, generated };
}

/** Where the digests of the program loaded on `dev` wait (its pinned ring buffer), and the program that declares them. */
export function liveDigests(dev: string): { state: LiveState; program: ir.Program; ring: string } {
  const { state, paths, program, generated } = openLoaded(dev);
  const map = generated.layout.digestMap;
  if (!map) throw new AttachError(`${state.file} on ${dev} declares no digests`);
  return { state, program, ring: join(paths.maps, map) };
}

export function openLive(dev: string): LiveProgram {
  const { state, paths, program, generated } = openLoaded(dev);
  const backend = KernelBackend.attach(paths.prog, paths.maps);
  backend.replaying = true;
  const dataplane = createDataplane(program, generated.layout, backend, state.ports);
  apply(dataplane, parseCommands(state.log.join("\n"), paths.state), () => `${paths.state}: replaying the log: `);
  backend.replaying = false;
  let current = state;
  return {
    get state() {
      return current;
    },
    dataplane,
    change(text: string) {
      const commands = parseCommands(text, "command");
      try {
        apply(dataplane, commands, () => "");
        backend.commit();
      } catch (e) {
        backend.discard();
        throw e;
      }
      current = { ...current, log: [...current.log, ...commandLines(text, commands)] };
      writeState(current);
    },
  };
}

export interface UnloadResult {
  /** What was removed, for the report. */
  readonly removed: string[];
}

/** Detaches and removes pins and state; whatever part is already gone is skipped, so it also cleans up after a crash. */
export function unloadLive(dev: string): UnloadResult {
  const paths = livePaths(dev);
  const state = readStateLenient(dev);
  const removed: string[] = [];
  if (state && state.netns !== netnsId()) {
    throw new AttachError(`the program on ${dev} was loaded in network namespace ${state.netns}, this is ${netnsId()}; run pnet in that namespace (nsenter --net=…)`);
  }
  if (state) {
    const id = attachedProgId(dev);
    if (id !== undefined && id === state.progId) {
      detachXdp(dev, state.attachedMode === "generic" ? "generic" : state.attachedMode === "native" ? "native" : state.mode);
      removed.push(`XDP program ${id} detached from ${dev}`);
    }
  }
  if (existsSync(paths.dir)) {
    removePins(dev);
    removed.push(paths.dir);
  }
  if (state) {
    removeState(dev);
    removed.push(paths.state);
  }
  if (removed.length === 0) throw new AttachError(`nothing loaded by pnet on ${dev} (no ${paths.dir}, no ${paths.state})`);
  return { removed };
}

function readStateLenient(dev: string): LiveState | undefined {
  try {
    return readState(dev);
  } catch {
    return undefined; // a damaged state still gets its pins removed
  }
}

/** Removes the program's pins, and the pnet directory once it is empty. */
function removePins(dev: string): void {
  rmSync(livePaths(dev).dir, { recursive: true, force: true });
  try {
    rmdirSync(PIN_ROOT); // only when empty
  } catch {
    /* other interfaces still loaded */
  }
}
