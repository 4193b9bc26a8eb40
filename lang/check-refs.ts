// Denotations: what a name, member, index or call expression refers to.
//
// Most expressions are values, but a name may also denote a header, a header
// stack, a namespace (`meta`, `std`), a table, control, action, extern or
// built-in; a member may be a field or a method; `t.apply()` is the result of
// applying a table. `resolve` works that out (recording symbols and the types
// of values), and `valueOf` turns a denotation into a value type or reports
// why it is not a value (E0209, E0609, E0611).

import type * as ast from "./ast.js";
import { BOOL, ERROR } from "../compiler/ir.js";
import type { Symbol } from "./checked.js";
import { type CheckContext, type InstanceInfo, didYouMean } from "./check-context.js";
import { checkCall } from "./check-calls.js";
import { constantOf } from "./check-const.js";
import { checkValue } from "./check-expr.js";
import { BAD, STD_FIELDS, type Ty, isBad, q, show } from "./check-types.js";
import { exprText } from "./check-text.js";

/** What kind of location a value is read from: decides whether it may be assigned or used as a table key. */
export type Loc = "field" | "meta" | "std" | "local" | "param" | "const" | "error" | "computed" | "effect";

export type Ref =
  | { readonly k: "value"; readonly type: Ty; readonly loc: Loc }
  /** A header instance, or one element of a stack (`index` set). */
  | { readonly k: "header"; readonly inst: InstanceInfo; readonly index?: number | "next" | "last" }
  | { readonly k: "stack"; readonly inst: InstanceInfo }
  | { readonly k: "ns"; readonly which: "meta" | "std" }
  /** A table, control, action, extern or built-in function. */
  | { readonly k: "global"; readonly symbol: Symbol; readonly name: string }
  | { readonly k: "method"; readonly recv: Ref; readonly name: string }
  /** The result of `t.apply()`: only `.hit`, `.miss` and (as a switch subject) `.action` may follow. */
  | { readonly k: "applied"; readonly table: ast.TableDecl }
  /** A call that produces no value (`drop()`, `c.apply()`). */
  | { readonly k: "void" }
  | { readonly k: "bad" };

export const BAD_REF: Ref = { k: "bad" };
export const VOID_REF: Ref = { k: "void" };

/** Records the type of a value expression and returns its denotation. */
export function valueRef(ctx: CheckContext, e: ast.Expr, type: Ty, loc: Loc): Ref {
  if (!isBad(type)) ctx.types.set(e, type);
  return { k: "value", type, loc };
}

/** The value type of a denotation, or an error saying what it is instead. */
export function valueOf(ctx: CheckContext, e: ast.Expr, ref: Ref): Ty {
  const text = q(exprText(e));
  switch (ref.k) {
    case "value":
      return ref.type;
    case "bad":
      return BAD;
    case "void":
      ctx.error("E0611", e.span, `${text} does not produce a value`, "call it as a statement on its own");
      return BAD;
    case "applied":
      ctx.error("E0609", e.span, `${text} is not a value`, `test ${exprText(e)}.hit or ${exprText(e)}.miss, or switch on ${exprText(e)}.action`);
      return BAD;
    case "method":
      ctx.error("E0209", e.span, `${text} is a method, not a value`, `call it: ${exprText(e)}()`);
      return BAD;
    case "header":
      ctx.error("E0209", e.span, `${text} is a header, not a value`, `use one of its fields, or ${exprText(e)}.isValid()`);
      return BAD;
    case "stack":
      ctx.error("E0209", e.span, `${text} is a header stack, not a value`, `use an element's field, e.g. ${exprText(e)}[0].f`);
      return BAD;
    case "ns":
      ctx.error("E0209", e.span, `${text} is a namespace, not a value`, `name one of its fields, e.g. ${ref.which}.${ref.which === "std" ? "ingress_port" : "f"}`);
      return BAD;
    case "global":
      ctx.error("E0209", e.span, `${text} is ${kindName(ref.symbol)}, not a value`, globalHint(ref));
      return BAD;
  }
}

export function kindName(s: Symbol): string {
  switch (s.kind) {
    case "builtin":
      return "a built-in function";
    case "error":
      return "an error name";
    case "header":
      return "a header";
    default:
      return (/^[aeiou]/.test(s.kind) ? "an " : "a ") + s.kind;
  }
}

function globalHint(ref: Ref & { k: "global" }): string | undefined {
  switch (ref.symbol.kind) {
    case "table":
      return `apply it and test the result: ${ref.name}.apply().hit`;
    case "register":
      return `read a cell: ${ref.name}.read(i)`;
    case "meter":
      return `execute it: ${ref.name}.execute(i)`;
    case "builtin":
    case "action":
      return `call it: ${ref.name}(…)`;
    default:
      return undefined;
  }
}

// ------------------------------------------------------------ denotations

export function resolve(ctx: CheckContext, e: ast.Expr): Ref {
  switch (e.kind) {
    case "Name":
      return resolveName(ctx, e);
    case "Member":
      return resolveMember(ctx, e);
    case "Index":
      return resolveIndex(ctx, e);
    case "Call":
      return checkCall(ctx, e);
    default: {
      const t = checkValue(ctx, e);
      return { k: "value", type: t, loc: "computed" };
    }
  }
}

function resolveName(ctx: CheckContext, e: ast.NameExpr): Ref {
  const name = e.name.name;
  const entry = ctx.lookup(name);
  if (!entry) {
    // Without a headers block every instance name is unknown; E0204 already says why.
    if (ctx.headersMissing) return BAD_REF;
    ctx.error("E0201", e.name.span, `unknown name ${q(name)}`, didYouMean(name, ctx.visibleNames()));
    return BAD_REF;
  }
  if (entry.type && isBad(entry.type)) return BAD_REF;
  const s = entry.symbol;
  ctx.symbols.set(e, s);
  switch (s.kind) {
    case "header": {
      const inst = ctx.instances.get(s.decl);
      if (!inst) return BAD_REF;
      return inst.stackSize === undefined ? { k: "header", inst } : { k: "stack", inst };
    }
    case "meta":
    case "std":
      return { k: "ns", which: s.kind };
    case "const":
      return valueRef(ctx, e, s.type, "const");
    case "local":
    case "param":
      return valueRef(ctx, e, entry.type ?? BAD, s.kind);
    case "error":
      return valueRef(ctx, e, ERROR, "error");
    default:
      return { k: "global", symbol: s, name };
  }
}

const HEADER_METHODS: ReadonlySet<string> = new Set(["isValid", "setValid", "setInvalid"]);
const EXTERN_METHODS: Readonly<Record<string, readonly string[]>> = {
  table: ["apply"],
  control: ["apply"],
  register: ["read", "write"],
  counter: ["count"],
  meter: ["execute"],
  digest: ["send"],
};

function resolveMember(ctx: CheckContext, e: ast.MemberExpr): Ref {
  const m = e.member.name;
  const obj = resolve(ctx, e.object);
  const objText = q(exprText(e.object));
  switch (obj.k) {
    case "bad":
      return BAD_REF;
    case "ns":
      return obj.which === "meta" ? metaField(ctx, e) : stdField(ctx, e);
    case "header": {
      if (HEADER_METHODS.has(m)) return { k: "method", recv: obj, name: m };
      const header = obj.inst.header;
      if (!header) return BAD_REF;
      const field = header.fields.get(m);
      if (field) return valueRef(ctx, e, field.type, "field");
      ctx.error(
        "E0206",
        e.member.span,
        `${objText} (header ${q(header.decl.name.name)}) has no field ${q(m)}`,
        didYouMean(m, header.fields.keys(), `its fields are ${[...header.fields.keys()].join(", ") || "none"}`),
      );
      return BAD_REF;
    }
    case "stack": {
      if (m === "next" || m === "last") {
        if (ctx.where === "parser") return { k: "header", inst: obj.inst, index: m };
        ctx.error(
          "E0210",
          e.member.span,
          `${q(exprText(e))} exists only in the parser`,
          `outside the parser, name an element with a constant index: ${exprText(e.object)}[0]`,
        );
        return BAD_REF;
      }
      if (m === "push_front" || m === "pop_front") return { k: "method", recv: obj, name: m };
      if (HEADER_METHODS.has(m) || obj.inst.header?.fields.has(m)) {
        ctx.error("E0209", e.member.span, `${objText} is a header stack, not a header`, `pick an element: ${exprText(e.object)}[0].${m}`);
        return BAD_REF;
      }
      ctx.error(
        "E0208",
        e.member.span,
        `header stack ${objText} has no member ${q(m)}`,
        "a stack has elements s[i], next and last (in the parser), push_front(n) and pop_front(n)",
      );
      return BAD_REF;
    }
    case "global": {
      const methods = EXTERN_METHODS[obj.symbol.kind];
      if (methods?.includes(m)) return { k: "method", recv: obj, name: m };
      if (obj.symbol.kind === "table" && (m === "hit" || m === "miss" || m === "action")) {
        ctx.error("E0609", e.member.span, `${q("." + m)} belongs to the result of applying the table, not to the table`, `write ${obj.name}.apply().${m}`);
        return BAD_REF;
      }
      ctx.error(
        "E0208",
        e.member.span,
        `${objText} is ${kindName(obj.symbol)} and has no member ${q(m)}`,
        methods ? `its methods: ${methods.join(", ")}` : obj.symbol.kind === "action" ? `call it: ${obj.name}(…)` : undefined,
      );
      return BAD_REF;
    }
    case "applied":
      if (m === "hit" || m === "miss") return valueRef(ctx, e, BOOL, "computed");
      if (m === "action") {
        ctx.error("E0609", e.span, `${q(exprText(e))} may only be the subject of a switch`, `switch (${exprText(e)}) { … }`);
        return BAD_REF;
      }
      ctx.error("E0208", e.member.span, `the result of ${objText} has no member ${q(m)}`, "it has hit, miss and action");
      return BAD_REF;
    case "method":
      ctx.error("E0208", e.member.span, `${objText} is a method; call it first`, `${exprText(e.object)}().${m}`);
      return BAD_REF;
    case "void":
      ctx.error("E0611", e.object.span, `${objText} does not produce a value`);
      return BAD_REF;
    case "value":
      if (isBad(obj.type)) return BAD_REF;
      ctx.error("E0208", e.member.span, `${objText} is a ${show(obj.type)} value and has no member ${q(m)}`);
      return BAD_REF;
  }
}

function metaField(ctx: CheckContext, e: ast.MemberExpr): Ref {
  const m = e.member.name;
  if (!ctx.metadata) {
    ctx.error("E0206", e.member.span, `there is no metadata block, so ${q("meta." + m)} does not exist`, `declare it: metadata { ${m}: bit<8>; }`);
    return BAD_REF;
  }
  const field = ctx.metadata.get(m);
  if (field) return valueRef(ctx, e, field.type, "meta");
  ctx.error("E0206", e.member.span, `metadata has no field ${q(m)}`, didYouMean(m, ctx.metadata.keys(), "declare it in the metadata block"));
  return BAD_REF;
}

function stdField(ctx: CheckContext, e: ast.MemberExpr): Ref {
  const m = e.member.name;
  const t = STD_FIELDS.get(m);
  if (t) return valueRef(ctx, e, t, "std");
  ctx.error(
    "E0206",
    e.member.span,
    `standard metadata has no field ${q(m)}`,
    didYouMean(m, STD_FIELDS.keys(), `its fields are ${[...STD_FIELDS.keys()].join(", ")}`),
  );
  return BAD_REF;
}

function resolveIndex(ctx: CheckContext, e: ast.IndexExpr): Ref {
  const obj = resolve(ctx, e.object);
  if (obj.k === "bad") return BAD_REF;
  if (obj.k !== "stack") {
    const isBits = obj.k === "value";
    ctx.error(
      "E0209",
      e.object.span,
      `only header stacks can be indexed, and ${q(exprText(e.object))} is not one`,
      isBits ? `to take bits, use a slice: ${exprText(e.object)}[7:0]` : undefined,
    );
    return BAD_REF;
  }
  const i = constantOf(ctx, e.index, "a header stack index");
  if (i === undefined) return BAD_REF;
  const size = obj.inst.stackSize ?? 0;
  if (i >= BigInt(size)) {
    ctx.error(
      "E0211",
      e.index.span,
      `index ${i} is out of range: stack ${q(exprText(e.object))} has ${size} elements (0..${size - 1})`,
      `use an index from 0 to ${size - 1}`,
    );
    return BAD_REF;
  }
  return { k: "header", inst: obj.inst, index: Number(i) };
}
