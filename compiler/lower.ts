// Lowering: the checked AST → the IR (ir.ts), the one step between the
// language front end and every pass and target.
//
// This file lowers the program's structure — header types with bit offsets,
// instances, metadata, errors, externs, actions, tables, the ingress control
// (with other controls inlined) and the deparser — and delegates the rest:
// lower-expr.ts (expressions, hoisting of table applies and meter executes),
// lower-stmt.ts (statements, control inlining, switch), lower-parser.ts,
// lower-tables.ts (tables; the NoAction, size and key-name decisions are
// documented there) and lower-patterns.ts (select and entry patterns).
//
// Local ids are allocated in lowering order: parser, actions (in source
// order), then ingress. Lowering runs only on a program the checker accepted;
// anything it cannot handle throws (a compiler bug, see compile.ts).

import type * as ast from "../lang/ast.js";
import type { CheckedProgram } from "../lang/checked.js";
import { syntheticSpan } from "../lang/source.js";
import * as ir from "./ir.js";
import { Lowerer, LoweringError } from "./lower-context.js";
import { lowerParser } from "./lower-parser.js";
import { StmtLowerer } from "./lower-stmt.js";
import { lowerTable } from "./lower-tables.js";

export { LoweringError } from "./lower-context.js";

export function lowerProgram(checked: CheckedProgram): ir.Program {
  const lw = new Lowerer(checked);
  const program = checked.ast;
  const decls = program.decls;
  const ofKind = <K extends ast.Decl["kind"]>(kind: K) => decls.filter((d): d is Extract<ast.Decl, { kind: K }> => d.kind === kind);

  for (const h of ofKind("Header")) lw.headerTypes.set(h.name.name, lowerHeaderType(lw, h));
  const headers = ofKind("Headers").flatMap((block) => block.instances.map((i) => lowerInstance(lw, i)));
  const metadata = ofKind("Metadata").flatMap((block) =>
    block.fields.map((f): ir.MetaField => ({ name: f.name.name, type: lw.declaredType(f), span: f.span })),
  );
  for (const f of metadata) lw.metadata.set(f.name, f.type);

  const counters = ofKind("Counter").map((c): ir.Counter => ({ name: c.name.name, size: lw.constNumber(c.size), span: c.span }));
  const registers = ofKind("Register").map(
    (r): ir.Register => ({ name: r.name.name, size: lw.constNumber(r.size), width: ir.widthOf(lw.declaredType(r)), span: r.span }),
  );
  for (const r of registers) lw.registers.set(r.name, r);
  const meters = ofKind("Meter").map((m): ir.Meter => ({ name: m.name.name, size: lw.constNumber(m.size), span: m.span }));
  const digests = ofKind("Digest").map(
    (d): ir.Digest => ({ name: d.name.name, fields: d.fields.map((f) => ({ name: f.name.name, width: ir.widthOf(lw.declaredType(f)) })), span: d.span }),
  );

  const actionDecls = ofKind("Action");
  for (const a of actionDecls) lw.actions.set(a.name.name, a);
  const tableDecls = ofKind("Table");
  for (const t of tableDecls) lw.tables.set(t.name.name, t);

  const parserDecl = ofKind("Parser")[0];
  if (!parserDecl) throw new LoweringError("the program has no parser", program.span);
  const parser = lowerParser(lw, parserDecl);

  const stmts = new StmtLowerer(lw);
  const actions = actionDecls.map(
    (a): ir.Action => ({
      name: a.name.name,
      params: a.params.map((p) => ({ name: p.name.name, type: lw.declaredType(p) })),
      body: stmts.lowerAction(a),
      span: a.span,
    }),
  );
  const tables = tableDecls.map((t) => lowerTable(lw, t));
  if (!lw.actions.has(ir.NO_ACTION) && tables.some((t) => t.actions.includes(ir.NO_ACTION))) {
    actions.push({ name: ir.NO_ACTION, params: [], body: [], span: syntheticSpan(lw.file) });
  }

  const ingressDecl = ofKind("Control").find((c) => c.name.name === "ingress");
  if (!ingressDecl) throw new LoweringError("the program has no `control ingress`", program.span);
  const ingress = stmts.lowerControl(ingressDecl);

  return {
    kind: "Program",
    file: program.file,
    headerTypes: [...lw.headerTypes.values()],
    headers,
    metadata,
    errors: checked.errors,
    locals: lw.locals,
    parser,
    actions,
    tables,
    counters,
    registers,
    meters,
    digests,
    ingress,
    deparser: lowerDeparser(lw, ofKind("Deparser")[0], program.span),
    span: program.span,
  };
}

function lowerHeaderType(lw: Lowerer, h: ast.HeaderDecl): ir.HeaderType {
  let offset = 0;
  const fields = h.fields.map((f): ir.HeaderField => {
    const width = ir.widthOf(lw.declaredType(f));
    const field = { name: f.name.name, width, offset };
    offset += width;
    return field;
  });
  return { name: h.name.name, fields, widthBits: offset, span: h.span };
}

function lowerInstance(lw: Lowerer, i: ast.InstanceDecl): ir.HeaderInstance {
  const typeName = i.type.kind === "StackType" ? i.type.element.name : i.type.name.name;
  const type = lw.headerTypes.get(typeName);
  if (!type) throw new LoweringError(`unknown header type '${typeName}'`, i.type.span);
  const stackSize = i.type.kind === "StackType" ? i.type.size : undefined;
  lw.instances.set(i.name.name, stackSize === undefined ? { name: i.name.name, type } : { name: i.name.name, type, stackSize });
  return { name: i.name.name, type: typeName, ...(stackSize === undefined ? {} : { stackSize }), span: i.span };
}

/** The deparser's `emit(h)` calls, in order; a whole stack is emitted by its name. */
function lowerDeparser(lw: Lowerer, decl: ast.DeparserDecl | undefined, programSpan: ir.Program["span"]): ir.Deparser {
  if (!decl) return { emits: [], span: programSpan };
  const emits = decl.body.map((s) => {
    const arg = s.kind === "CallStmt" ? s.call.args[0] : undefined;
    const ref = arg ? lw.headerRef(arg) : undefined;
    if (!ref || ref.index !== undefined) throw new LoweringError("the deparser may only `emit(h)` headers and whole stacks", s.span);
    return { header: ref.header, span: s.span };
  });
  return { emits, span: decl.span };
}
