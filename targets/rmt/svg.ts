// The stage map as SVG (`pnet compile --target rmt --svg FILE`): one column
// per stage, one box per table slice, coloured by kind, with the stage's
// SRAM and TCAM use as bars underneath.

import type { RmtConfig } from "./config.js";

const COLOURS = { match: "#4e79a7", action: "#59a14f", gateway: "#f28e2b" } as const;
const escape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function renderStageSvg(config: RmtConfig): string {
  const colW = 150;
  const boxH = 22;
  const stages = config.stages.length;
  const perStage = config.stages.map((s) => config.tables.filter((t) => t.placement.some((p) => p.stage === s.stage)));
  const rows = Math.max(1, ...perStage.map((x) => x.length));
  const width = 20 + stages * colW;
  const height = 60 + rows * (boxH + 4) + 50;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="10" y="18" font-size="14">${escape(config.program.name)} on ${escape(config.target.profile)}: ${stages} stages</text>`,
  ];
  const ps = config.target.per_stage;
  perStage.forEach((tables, s) => {
    const x = 10 + s * colW;
    out.push(`<text x="${x + 4}" y="40">stage ${s} (${config.stages[s]!.gress_dependency["ingress"]})</text>`);
    tables.forEach((t, i) => {
      const y = 48 + i * (boxH + 4);
      const p = t.placement.find((q) => q.stage === s)!;
      const label = t.placement.length > 1 ? `${t.name} [${p.entries}]` : t.name;
      out.push(`<rect x="${x}" y="${y}" width="${colW - 8}" height="${boxH}" rx="3" fill="${COLOURS[t.kind]}"><title>${escape(`${t.kind} ${t.name} (${t.source})`)}</title></rect>`);
      out.push(`<text x="${x + 4}" y="${y + 15}" fill="white">${escape(label.length > 22 ? label.slice(0, 21) + "…" : label)}</text>`);
    });
    const u = config.stages[s]!.usage;
    const yb = 56 + rows * (boxH + 4);
    const bar = (row: number, used: number, cap: number, what: string): void => {
      const w = colW - 8;
      out.push(`<rect x="${x}" y="${yb + row * 16}" width="${w}" height="10" fill="#ddd"/>`);
      out.push(`<rect x="${x}" y="${yb + row * 16}" width="${Math.min(w, (w * used) / Math.max(1, cap))}" height="10" fill="#888"><title>${what} ${used}/${cap}</title></rect>`);
    };
    bar(0, u.sram_blocks, ps.sram.blocks, "SRAM blocks");
    bar(1, u.tcam_blocks, ps.tcam.blocks, "TCAM blocks");
  });
  out.push("</svg>");
  return out.join("\n");
}
