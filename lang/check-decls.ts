// Top-level declarations: the namespaces, header types, the headers and
// metadata blocks, error names, consts, action parameters and externs.
//
// Runs before any body is checked, so names may be used before their
// declaration (a table may list an action declared below it). Consts are
// evaluated here, each on first use, so a const may refer to a later const;
// a cycle is E0212. Also checks that the program has its required blocks:
// one headers, at most one metadata, one parser, a control ingress, one
// deparser (E0204, E0205).

import type * as ast from "./ast.js";
import { NO_ACTION } from "../compiler/ir.js";
import { BUILTIN_ERRORS, ERROR } from "../compiler/ir.js";
import type { BuiltinName } from "./checked.js";
import { type CheckContext, type ConstResult, type FieldInfo, type HeaderInfo, didYouMean } from "./check-context.js";
import { constantOf, requireConst } from "./check-const.js";
import { checkAs } from "./check-expr.js";
import { bitOnlyTypeOf, valueTypeOf } from "./check-typeexpr.js";
import { BAD, MAX_SIZE, MAX_STACK, type Ty, isBad, q } from "./check-types.js";
import type { Span } from "./source.js";
import { typeText } from "./check-text.js";

const BUILTIN_FUNCTIONS: readonly BuiltinName[] = [
  "extract",
  "advance",
  "verify",
  "lookahead",
  "emit",
  "forward",
  "drop",
  "to_host",
  "bounce",
  "multicast",
  "hash",
  "checksum16",
  "csum16_update",
];

export function collectDeclarations(ctx: CheckContext, program: ast.Program): void {
  declareBuiltins(ctx);
  for (const d of program.decls) if (d.kind === "Header") headerType(ctx, d);
  const firsts = new Map<string, ast.Decl>();
  for (const d of program.decls) {
    declare(ctx, d, firsts);
  }
  requireBlocks(ctx, program, firsts);
  installConstEvaluator(ctx);
  for (const d of program.decls) {
    if (d.kind === "Const") ctx.evaluateConst(d);
    else if (d.kind === "Counter" || d.kind === "Meter" || d.kind === "Register") externSize(ctx, d.size);
  }
}

function declareBuiltins(ctx: CheckContext): void {
  ctx.globals.set("meta", { symbol: { kind: "meta" } });
  ctx.globals.set("std", { symbol: { kind: "std" } });
  BUILTIN_ERRORS.forEach((name, value) => ctx.globals.set(name, { symbol: { kind: "error", name, value }, type: ERROR }));
  for (const name of BUILTIN_FUNCTIONS) ctx.globals.set(name, { symbol: { kind: "builtin", name } });
}

/** Blocks that may appear once; a second one is E0205. */
const SINGLE_BLOCKS: Partial<Record<ast.Decl["kind"], string>> = {
  Headers: "headers",
  Metadata: "metadata",
  Parser: "parser",
  Deparser: "deparser",
};

function declare(ctx: CheckContext, d: ast.Decl, firsts: Map<string, ast.Decl>): void {
  const block = SINGLE_BLOCKS[d.kind];
  if (block) {
    const first = firsts.get(block);
    if (first) {
      ctx.error("E0205", blockSpan(d.span, block), `a program has only one ${q(block)} block`, "merge the two blocks", ctx.firstDeclared(blockSpan(first.span, block), "first one here"));
      return;
    }
    firsts.set(block, d);
  }
  switch (d.kind) {
    case "Const":
      ctx.declareGlobal(d.name, { kind: "pending-const", decl: d, span: d.name.span });
      return;
    case "Headers":
      for (const inst of d.instances) instance(ctx, inst);
      return;
    case "Metadata":
      ctx.metadata = fields(ctx, d.fields, (f) => valueTypeOf(ctx, f.type, `metadata field ${q(f.name.name)}`));
      return;
    case "Error":
      for (const m of d.members) {
        if (ctx.globals.has(m.name)) ctx.duplicate(m, ctx.globals.get(m.name)!.span);
        else {
          ctx.globals.set(m.name, { symbol: { kind: "error", name: m.name, value: ctx.errorNames.length }, span: m.span, type: ERROR });
          ctx.errorNames.push(m.name);
        }
      }
      return;
    case "Action":
      // NoAction is predeclared, as in P4's core library: a table without
      // default_action runs it, so a user's own body must not replace it.
      if (d.name.name === NO_ACTION) ctx.duplicate(d.name, undefined);
      else ctx.declareGlobal(d.name, { symbol: { kind: "action", decl: d }, span: d.name.span });
      actionParams(ctx, d);
      return;
    case "Table":
      ctx.declareGlobal(d.name, { symbol: { kind: "table", decl: d }, span: d.name.span });
      return;
    case "Control":
      if (d.name.name === "ingress") firsts.set("ingress", firsts.get("ingress") ?? d);
      ctx.declareGlobal(d.name, { symbol: { kind: "control", decl: d }, span: d.name.span });
      return;
    case "Counter":
      ctx.declareGlobal(d.name, { symbol: { kind: "counter", decl: d }, span: d.name.span });
      return;
    case "Meter":
      ctx.declareGlobal(d.name, { symbol: { kind: "meter", decl: d }, span: d.name.span });
      return;
    case "Register": {
      ctx.declareGlobal(d.name, { symbol: { kind: "register", decl: d }, span: d.name.span });
      const t = bitOnlyTypeOf(ctx, d.type, "E0702", `the cells of register ${q(d.name.name)}`);
      if (!isBad(t)) ctx.declaredTypes.set(d, t);
      return;
    }
    case "Digest":
      ctx.declareGlobal(d.name, { symbol: { kind: "digest", decl: d }, span: d.name.span });
      fields(ctx, d.fields, (f) => bitOnlyTypeOf(ctx, f.type, "E0703", `digest field ${q(f.name.name)}`));
      return;
    case "Header":
    case "Parser":
    case "Deparser":
      return;
  }
}

/** The span of a block's keyword, for messages about the block as a whole. */
function blockSpan(span: Span, keyword: string): Span {
  return { ...span, end: span.start + keyword.length };
}

function requireBlocks(ctx: CheckContext, program: ast.Program, firsts: ReadonlyMap<string, ast.Decl>): void {
  const start: Span = { file: program.file, start: 0, end: 0, line: 1, col: 1 };
  const required: [string, string, string][] = [
    ["headers", "the program has no `headers` block", "declare the packet's header instances: headers { eth: ethernet; }"],
    ["parser", "the program has no `parser` block", "add parser { state start { … transition accept; } }"],
    ["ingress", "the program has no `control ingress`, its entry point", "add control ingress { … }"],
    ["deparser", "the program has no `deparser` block", "add deparser { emit(…); } listing the headers to write out"],
  ];
  for (const [key, message, hint] of required) {
    if (!firsts.has(key)) ctx.error("E0204", start, message, hint);
  }
  ctx.headersMissing = !firsts.has("headers");
}

// ------------------------------------------------------------ headers

function headerType(ctx: CheckContext, d: ast.HeaderDecl): void {
  const earlier = ctx.headerTypes.get(d.name.name);
  if (earlier) {
    ctx.duplicate(d.name, earlier.decl.name.span, "header type");
    return;
  }
  let width = 0;
  let complete = true;
  const map = fields(ctx, d.fields, (f) => {
    const t = bitOnlyTypeOf(ctx, f.type, "E0313", `header field ${q(f.name.name)}`);
    if (t.kind === "bit") width += t.width;
    else complete = false;
    return t;
  });
  const info: HeaderInfo = { decl: d, fields: map, width };
  ctx.headerTypes.set(d.name.name, info);
  if (complete && width % 8 !== 0) {
    const pad = 8 - (width % 8);
    ctx.error(
      "E0304",
      d.name.span,
      `header ${q(d.name.name)} is ${width} bits wide, which is not a whole number of bytes`,
      `add ${pad} bit${pad === 1 ? "" : "s"} (e.g. a padding field) to make it ${width + pad} bits`,
    );
  }
}

function instance(ctx: CheckContext, inst: ast.InstanceDecl): void {
  const typeName = inst.type.kind === "NamedType" ? inst.type.name : inst.type.element;
  const header = ctx.headerTypes.get(typeName.name);
  if (!header) {
    ctx.error("E0203", typeName.span, `unknown header type ${q(typeName.name)}`, didYouMean(typeName.name, ctx.headerTypes.keys(), "declare it: header " + typeName.name + " { … }"));
  }
  let stackSize: number | undefined;
  if (inst.type.kind === "StackType") {
    stackSize = inst.type.size;
    if (!(Number.isInteger(stackSize) && stackSize >= 1 && stackSize <= MAX_STACK)) {
      ctx.error("E0305", inst.type.span, `a header stack holds 1 to ${MAX_STACK} elements, not ${stackSize}`);
      stackSize = Math.max(1, Math.min(MAX_STACK, Math.trunc(stackSize) || 1));
    }
  }
  ctx.instances.set(inst, { decl: inst, ...(header ? { header } : {}), ...(stackSize !== undefined ? { stackSize } : {}) });
  ctx.declareGlobal(inst.name, { symbol: { kind: "header", decl: inst }, span: inst.name.span });
}

/** Fields of a header type, the metadata block or a digest: unique names, each with its type. */
function fields(ctx: CheckContext, decls: readonly ast.FieldDecl[], typeOf: (f: ast.FieldDecl) => Ty): Map<string, FieldInfo> {
  const map = new Map<string, FieldInfo>();
  for (const f of decls) {
    const t = typeOf(f);
    if (!isBad(t)) ctx.declaredTypes.set(f, t);
    const earlier = map.get(f.name.name);
    if (earlier) ctx.duplicate(f.name, earlier.decl.name.span, "field");
    else map.set(f.name.name, { decl: f, type: t });
  }
  return map;
}

function actionParams(ctx: CheckContext, a: ast.ActionDecl): void {
  const seen = new Map<string, ast.Param>();
  for (const p of a.params) {
    const earlier = seen.get(p.name.name);
    if (earlier) ctx.duplicate(p.name, earlier.name.span, "parameter");
    seen.set(p.name.name, p);
    if (p.type.kind === "BitType" || p.type.kind === "BoolType") {
      const t = valueTypeOf(ctx, p.type, `parameter ${q(p.name.name)}`);
      if (!isBad(t)) ctx.declaredTypes.set(p, t);
    } else {
      ctx.error("E0608", p.type.span, `parameter ${q(p.name.name)} has type ${q(typeText(p.type))}; action parameters are bit<N> or bool`);
    }
  }
}

// ------------------------------------------------------------ consts and sizes

function installConstEvaluator(ctx: CheckContext): void {
  const done = new Map<ast.ConstDecl, ConstResult>();
  const busy: ast.ConstDecl[] = [];
  ctx.evaluateConst = (decl) => {
    const known = done.get(decl);
    if (known) return known;
    const at = busy.indexOf(decl);
    if (at >= 0) {
      const cycle = [...busy.slice(at), decl].map((c) => c.name.name).join(" → ");
      ctx.error("E0212", decl.name.span, `const ${q(decl.name.name)} is defined in terms of itself (${cycle})`, "give one of them a literal value");
      const bad: ConstResult = { type: BAD };
      done.set(decl, bad);
      return bad;
    }
    busy.push(decl);
    const result = ctx.within("global", () => evaluate(ctx, decl));
    busy.pop();
    if (!done.has(decl)) done.set(decl, result);
    return done.get(decl)!;
  };
}

function evaluate(ctx: CheckContext, decl: ast.ConstDecl): ConstResult {
  const t = valueTypeOf(ctx, decl.type, `const ${q(decl.name.name)}`);
  if (isBad(t)) return { type: BAD };
  if (isBad(checkAs(ctx, decl.value, t, `const ${q(decl.name.name)} is`))) return { type: BAD };
  const value = requireConst(ctx, decl.value, "a const initialiser");
  if (value === undefined) return { type: BAD };
  return { symbol: { kind: "const", decl, value, type: t }, type: t };
}

function externSize(ctx: CheckContext, e: ast.Expr): void {
  const n = constantOf(ctx, e, "an extern size");
  if (n !== undefined && (n < 1n || n > MAX_SIZE)) {
    ctx.error("E0701", e.span, `an extern size must be from 1 to ${MAX_SIZE}, not ${n}`);
  }
}
