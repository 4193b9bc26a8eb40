// The wasm code generator: IR → binaryen Module → optimised, validated binary.
//
// This is the only module that imports binaryen (with the gen-*.ts files it
// uses); index.ts loads it with a dynamic import so that programs not run on
// wasm never pay for binaryen's ~300 ms start-up. The module has:
//   packet(desc, data, index)   one packet: parser, ingress, deparser (gen-*.ts)
//   process(batch, count, stride) → n   the batch loop (exported)
//   lookup_<table>(key words) → record  one per table (gen-tables.ts)
//   helpers                     byte swaps, CRCs, checksums, hash, meter (gen-helpers.ts)
// and one memory, exported, whose static part is described by layout.ts.

import binaryen from "binaryen";
import type * as ir from "../../compiler/ir.js";
import * as abi from "./abi.js";
import { genDeparser } from "./gen-deparser.js";
import { CRC16_POLY, CRC32_POLY } from "../../compiler/hash.js";
import { addHelpers, crcTableBytes } from "./gen-helpers.js";
import { PacketGen } from "./gen-packet.js";
import { genParser } from "./gen-parser.js";
import { DIGEST_COUNT, StmtGen } from "./gen-stmt.js";
import { addLookup } from "./gen-tables.js";
import { Fn, type X } from "./gen-values.js";
import { computeLayout, type Layout } from "./layout.js";

const { i32, i64, none } = binaryen;

/** Maximum memory: 2 GiB (i32 addresses stay below 2^31, so signed offsets never wrap). */
export const MAX_PAGES = 32768;

/**
 * The optimisation passes, in order (binaryen's names). Chosen for generated
 * code that leans on many single-use locals and small helper functions:
 */
export const PASSES: readonly string[] = [
  "inlining-optimizing", // inline bswap/hash/lookup helpers into their callers (and optimise the result)
  "dce", // drop code after branches (`exit`, parser errors)
  "remove-unused-names", // labels nothing branches to
  "remove-unused-brs", // turn branch patterns into if/select
  "merge-blocks", // flatten nested blocks from the statement compiler
  "optimize-instructions", // peephole: shifts of constants, masks, comparisons
  "precompute-propagate", // fold constants through locals
  "simplify-locals", // sink single-use temporaries back into expressions
  "vacuum", // remove nops and dead values
  "local-cse", // reuse repeated subexpressions (field reads, key words)
  "coalesce-locals", // share locals with disjoint live ranges
  "reorder-locals", // most used locals first (smaller encoding)
  "rse", // redundant local.set elimination
  "optimize-instructions",
  "remove-unused-brs",
  "vacuum",
  "remove-unused-module-elements", // helpers that ended up inlined everywhere
];

export interface Generated {
  readonly layout: Layout;
  readonly binary: Uint8Array;
  /** The text form (only when asked for: it is large). */
  readonly text?: string;
}

export interface GenerateOptions {
  readonly text?: boolean;
  /** Skip the optimisation passes (tests of the unoptimised code). */
  readonly optimize?: boolean;
}

export function generate(program: ir.Program, options: GenerateOptions = {}): Generated {
  const layout = computeLayout(program);
  const m = new binaryen.Module();
  try {
    m.setFeatures(binaryen.Features.MVP | binaryen.Features.MutableGlobals | binaryen.Features.BulkMemory | binaryen.Features.SignExt);
    const pages = layout.heapBase / 65536 + 16;
    m.setMemory(pages, MAX_PAGES, "memory", [
      { offset: m.i32.const(layout.crc32Table), data: crcTableBytes(CRC32_POLY), passive: false },
      { offset: m.i32.const(layout.crc16Table), data: crcTableBytes(CRC16_POLY), passive: false },
    ]);
    m.addGlobal(DIGEST_COUNT, i32, true, m.i32.const(0));
    m.addGlobalExport(DIGEST_COUNT, abi.EXPORT_DIGEST_COUNT);
    addHelpers(m, layout.crc32Table, layout.crc16Table, new Set(layout.tables.map((t) => t.packing.words)));
    for (const t of layout.tables) addLookup(m, t);
    addPacket(m, layout);
    addProcess(m, layout);
    if (options.optimize !== false) optimise(m);
    if (!m.validate()) throw new Error("internal error: the generated wasm module does not validate");
    const binary = m.emitBinary();
    return { layout, binary, ...(options.text ? { text: m.emitText() } : {}) };
  } finally {
    m.dispose();
  }
}

function optimise(m: binaryen.Module): void {
  // These settings are process-global in binaryen: set them for our passes, then restore.
  const saved = { level: binaryen.getOptimizeLevel(), flexible: binaryen.getFlexibleInlineMaxSize(), oneCaller: binaryen.getOneCallerInlineMaxSize() };
  try {
    binaryen.setOptimizeLevel(2);
    binaryen.setFlexibleInlineMaxSize(64); // bswap64, hash and small lookups
    binaryen.setOneCallerInlineMaxSize(100_000); // each table's lookup has one call site
    m.runPasses([...PASSES]);
  } finally {
    binaryen.setOptimizeLevel(saved.level);
    binaryen.setFlexibleInlineMaxSize(saved.flexible);
    binaryen.setOneCallerInlineMaxSize(saved.oneCaller);
  }
}

function addPacket(m: binaryen.Module, layout: Layout): void {
  const params = [i32, i32, i32];
  const f = new Fn(m, params);
  const g = new PacketGen(f, layout);
  const stmts = new StmtGen(g, "ingress_exit");
  const desc = (): X => m.local.get(g.desc, i32);
  const body: X[] = [
    m.local.set(g.len, m.i32.load(abi.D_LEN, 4, desc())),
    m.local.set(g.std.ingress_port.locals[0]!, m.i64.extend_u(m.i32.load(abi.D_PORT, 4, desc()))),
    m.local.set(g.std.packet_length.locals[0]!, m.i64.extend_u(f.get32(g.len))),
    m.local.set(g.std.timestamp.locals[0]!, m.i64.load(abi.D_TIMESTAMP, 8, desc())),
    ...genParser(g, stmts),
    m.block("ingress_exit", stmts.stmts(layout.program.ingress)),
    m.i32.store(abi.D_VERDICT, 4, desc(), f.get32(g.verdict)),
    m.i32.store(abi.D_ARG, 4, desc(), f.get32(g.verdictArg)),
    m.i32.store(abi.D_PARSER_ERROR, 4, desc(), m.i32.wrap(m.local.get(g.std.parser_error.locals[0]!, i64))),
    m.if(f.get32(g.verdict), f.block(genDeparser(g))),
  ];
  m.addFunction("packet", binaryen.createType(params), none, f.vars, m.block(null, body));
}

/** The batch loop: descriptors first, then `count` slots of `stride` bytes; stops early when the digest ring could overflow. */
function addProcess(m: binaryen.Module, layout: Layout): void {
  const params = [i32, i32, i32];
  const f = new Fn(m, params);
  const [batch, count, stride] = [0, 1, 2].map((i) => (): X => m.local.get(i, i32));
  const i = f.local(i32);
  const room = layout.digestCapacity - layout.maxDigestsPerPacket;
  const body = m.block(null, [
    m.block("done", [
      m.loop(
        "next",
        m.block(null, [
          m.br("done", m.i32.ge_u(f.get32(i), count())),
          m.br("done", m.i32.gt_u(m.global.get(DIGEST_COUNT, i32), f.i32(room))),
          m.call(
            "packet",
            [
              m.i32.add(batch(), m.i32.mul(f.get32(i), f.i32(abi.DESC_SIZE))),
              m.i32.add(
                m.i32.add(batch(), m.i32.mul(count(), f.i32(abi.DESC_SIZE))),
                m.i32.add(m.i32.mul(f.get32(i), stride()), f.i32(layout.headroom)),
              ),
              f.get32(i),
            ],
            none,
          ),
          m.local.set(i, m.i32.add(f.get32(i), f.i32(1))),
          m.br("next"),
        ]),
      ),
    ]),
    f.get32(i),
  ], i32);
  m.addFunction("process", binaryen.createType(params), i32, f.vars, body);
  m.addFunctionExport("process", abi.EXPORT_PROCESS);
}
