// The placement report: stages used by each placer, then a per-stage
// resource table (what `pnet compile --target rmt --report` prints).

import type { RmtConfig } from "./config.js";

const pad = (s: string | number, n: number): string => String(s).padStart(n);

export function stageTable(config: RmtConfig): string {
  const p = config.target.per_stage;
  const lines = [
    `stage  tables  SRAM      TCAM     xbar-exact  xbar-tern  bus       gateways  dep     contents`,
  ];
  for (const s of config.stages) {
    const u = s.usage;
    lines.push(
      [
        pad(s.stage, 5),
        pad(`${u.logical_tables}/${p.max_logical_tables}`, 7),
        pad(`${u.sram_blocks}/${p.sram.blocks}`, 9),
        pad(`${u.tcam_blocks}/${p.tcam.blocks}`, 8),
        pad(`${u.xbar_exact_bits}/${p.xbar.exact_bits}`, 11),
        pad(`${u.xbar_ternary_bits}/${p.xbar.ternary_bits}`, 10),
        pad(p.action_bus_bits === undefined ? `${u.action_bus_bits}` : `${u.action_bus_bits}/${p.action_bus_bits}`, 9),
        pad(p.max_gateways === undefined ? `${u.gateways}` : `${u.gateways}/${p.max_gateways}`, 9),
        ` ${(s.gress_dependency["ingress"] ?? "none").padEnd(6)}`,
        ` ${s.tables.join(", ")}`,
      ].join(" "),
    );
  }
  return lines.join("\n");
}
