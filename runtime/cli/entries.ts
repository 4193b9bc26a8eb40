// `pnet entries --dev IFACE 'add|remove|setdefault|… (an .stf command)'` and
// `pnet entries --dev IFACE list`: change or show the tables of a program that
// `pnet load` attached to an interface. Changes go through the control plane
// (runtime/controlplane.ts) into the pinned maps; a refusal is one line and
// changes nothing.

import type * as ir from "../../compiler/ir.js";
import type { Dataplane } from "../dataplane.js";
import { flagSet, flagValue, UsageError } from "./args.js";
import type { Command } from "./command.js";
import { EXIT_OK, say } from "./io.js";
import { reportingAttachErrors, requireLive } from "./live.js";
import { hex, valueText } from "./values.js";


/** A key match in the notation `add` accepts. */
function keyText(m: ir.KeyMatch, width: number): string {
  switch (m.kind) {
    case "exact": return valueText(m.value, width);
    case "lpm": return `${valueText(m.value, width)}/${m.prefixLength}`;
    case "ternary": return `${valueText(m.value, width)}&&&${valueText(m.mask, width)}`;
    case "range": return `${m.lo}..${m.hi}`;
    case "optional": return m.value === undefined ? "*" : valueText(m.value, width);
  }
}

function callText(program: ir.Program, call: ir.ActionInvocation): string {
  const params = program.actions.find((a) => a.name === call.action)?.params ?? [];
  return `${call.action}(${call.args.map((v, i) => `${params[i]?.name ?? i}:${hex(v)}`).join(", ")})`;
}

interface Listing {
  readonly table: string;
  readonly entries: { readonly line: string; readonly isConst: boolean; readonly packets?: string; readonly bytes?: string }[];
  readonly default: string;
}

function listTables(dp: Dataplane): Listing[] {
  return dp.program.tables.map((t) => {
    const control = dp.tables[t.name]!;
    return {
      table: t.name,
      entries: control.entries().map((e) => {
        const keys = t.keys.map((k, i) => `${k.name}:${keyText(e.keys[i]!, k.width)}`).join(" ");
        const prio = t.keys.some((k) => k.matchKind !== "exact" && k.matchKind !== "lpm") ? ` ${e.priority}` : "";
        const line = `${t.name}${prio} ${keys} ${callText(dp.program, e.action)}`;
        if (!t.counters || e.isConst) return { line, isConst: e.isConst };
        const keyInputs = Object.fromEntries(t.keys.map((k, i) => [k.name, e.keys[i]!]));
        const c = control.readCounter(keyInputs, prio ? e.priority : undefined);
        return { line, isConst: e.isConst, packets: String(c.packets), bytes: String(c.bytes) };
      }),
      default: callText(dp.program, t.defaultAction),
    };
  });
}

export const entriesCommand: Command = {
  spec: { name: "entries", positionals: ["command"], flags: { dev: { value: true }, json: { value: false } } },
  summary: "change or list the tables of a program loaded on an interface",
  help: `Usage: pnet entries --dev IFACE 'COMMAND' [--json]

Changes the tables of the program \`pnet load\` attached to IFACE, while it
runs. COMMAND is one .stf control-plane command, quoted as one argument:

  pnet entries --dev eth0 'add ipv4_lpm ip.dst:10.0.0.0/8 set_nexthop(id:1)'
  pnet entries --dev eth0 'remove ipv4_lpm ip.dst:10.0.0.0/8'
  pnet entries --dev eth0 'setdefault ipv4_lpm send_to_host()'
  pnet entries --dev eth0 list

(also register_write and meter_set; see docs/stf.md). \`list\` prints every
table's entries in the same notation (with the packet and byte counters of
tables that have \`counters;\`) and the default actions.

Exit status: 0 done, 2 bad arguments, a refused command (nothing changed),
no program loaded on IFACE, or no root or bpftool.`,

  async run(args, io) {
    const dev = flagValue(args, "dev");
    if (dev === undefined) throw new UsageError("missing --dev IFACE for pnet entries; see `pnet entries --help`");
    const command = args.positionals[0]!.trim();
    requireLive("entries");
    const { openLive } = await import("../../targets/ebpf/attach/live.js"); // the eBPF tooling only when used
    const live = reportingAttachErrors(() => openLive(dev));
    if (command === "list") {
      const listing = listTables(live.dataplane);
      if (flagSet(args, "json")) {
        say(io, JSON.stringify({ dev, program: live.state.file, tables: listing }, null, 2));
        return EXIT_OK;
      }
      say(io, `${live.state.file} on ${dev}:`);
      for (const t of listing) {
        say(io, `table ${t.table} (default ${t.default}): ${t.entries.length} ${t.entries.length === 1 ? "entry" : "entries"}`);
        for (const e of t.entries) {
          const counters = e.packets !== undefined ? `  [${e.packets} packets, ${e.bytes} bytes]` : "";
          say(io, `  ${e.isConst ? "const " : ""}${e.line}${counters}`);
        }
      }
      return EXIT_OK;
    }
    reportingAttachErrors(() => live.change(command));
    if (flagSet(args, "json")) say(io, JSON.stringify({ dev, applied: command }));
    else say(io, `${dev}: ${command}`);
    return EXIT_OK;
  },
};
