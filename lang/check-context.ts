// The checker's shared state: what is declared, what has been resolved, and
// the diagnostics so far.
//
// Every part of the checker (check-*.ts) reads and writes one CheckContext:
// the namespaces (header types; values: instances, consts, actions, tables,
// controls, externs, error names, built-ins; scoped locals and parameters),
// the maps that become the CheckedProgram, and where the code being checked
// sits (parser, control, action, deparser, or a global declaration), which
// decides what it may do.

import type * as ast from "./ast.js";
import type { Symbol } from "./checked.js";
import type { DiagnosticCode } from "./codes.js";
import { DiagnosticBag, type RelatedNote } from "./diagnostics.js";
import type { Span } from "./source.js";
import { BUILTIN_ERRORS, type ValueType } from "../compiler/ir.js";
import { type Ty, q } from "./check-types.js";

export type Where = "parser" | "control" | "action" | "deparser" | "global";

export interface FieldInfo {
  readonly decl: ast.FieldDecl;
  readonly type: Ty;
}
export interface HeaderInfo {
  readonly decl: ast.HeaderDecl;
  readonly fields: ReadonlyMap<string, FieldInfo>;
  /** Sum of the field widths (fields with a bad type count 0). */
  readonly width: number;
}
export interface InstanceInfo {
  readonly decl: ast.InstanceDecl;
  /** Undefined when the header type is unknown (already reported). */
  readonly header?: HeaderInfo;
  /** Set for a header stack. */
  readonly stackSize?: number;
}

/** A name in the value namespace. */
export interface Entry {
  readonly symbol: Symbol;
  /** Where it was declared; absent for built-ins. */
  readonly span?: Span;
  /** Its value type, for names that are values (consts, locals, parameters, error names). */
  readonly type?: Ty;
}

/** A const whose value is computed when first needed (consts may be used before their declaration). */
export interface PendingConst {
  readonly kind: "pending-const";
  readonly decl: ast.ConstDecl;
  readonly span: Span;
}

/** What a `const` declaration evaluated to; `undefined` symbol when it had an error. */
export interface ConstResult {
  readonly symbol?: Symbol;
  readonly type: Ty;
}

export class CheckContext {
  readonly bag = new DiagnosticBag();
  readonly symbols = new Map<ast.NameExpr | ast.ErrorLit, Symbol>();
  readonly types = new Map<ast.Expr, ValueType>();
  readonly constants = new Map<ast.Expr, bigint>();
  readonly declaredTypes = new Map<ast.LetStmt | ast.Param | ast.FieldDecl | ast.RegisterDecl, ValueType>();

  /** Error names in value order: built-ins, then the user's. */
  readonly errorNames: string[] = [...BUILTIN_ERRORS];
  /** The type namespace: header types. */
  readonly headerTypes = new Map<string, HeaderInfo>();
  /** The value namespace of the whole program. */
  readonly globals = new Map<string, Entry | PendingConst>();
  readonly instances = new Map<ast.InstanceDecl, InstanceInfo>();
  /** Metadata fields; undefined when the program has no `metadata` block. */
  metadata: Map<string, FieldInfo> | undefined;
  /** True when the program has no headers block: unknown names are then not reported one by one. */
  headersMissing = false;
  /** Evaluates a const declaration on first use (set by check-decls.ts). */
  evaluateConst: (decl: ast.ConstDecl) => ConstResult = () => ({ type: { kind: "bad" } });

  /** Where the code being checked sits. */
  where: Where = "global";
  private readonly scopes: Map<string, Entry>[] = [];

  constructor(readonly file: string) {}

  error(code: DiagnosticCode, span: Span, message: string, hint?: string, related?: RelatedNote[]): void {
    this.bag.error(code, span, message, hint, related);
  }

  warning(code: DiagnosticCode, span: Span, message: string, hint?: string): void {
    this.bag.warning(code, span, message, hint);
  }

  /** A note pointing at an earlier declaration, when it has a place in the source. */
  firstDeclared(span: Span | undefined, what = "first declared here"): RelatedNote[] | undefined {
    return span ? [{ span, message: what }] : undefined;
  }

  /** Declares a global value name, reporting a clash with an earlier one (E0202). */
  declareGlobal(name: ast.Ident, entry: Entry | PendingConst): void {
    const earlier = this.globals.get(name.name);
    if (earlier) {
      this.duplicate(name, earlier.span);
      return;
    }
    this.globals.set(name.name, entry);
  }

  /** E0202 for a second declaration of `name`; `what` says what kind of name, when the namespace has only one kind. */
  duplicate(name: ast.Ident, earlier: Span | undefined, what?: string): void {
    if (earlier) {
      const message = what ? `duplicate ${what} ${q(name.name)}` : `${q(name.name)} is already declared`;
      this.error("E0202", name.span, message, "rename one of them", this.firstDeclared(earlier));
    } else {
      this.error("E0202", name.span, `${q(name.name)} is a built-in name and cannot be declared again`, "choose another name");
    }
  }

  /** Looks a value name up: innermost local scope first, then the globals. */
  lookup(name: string): Entry | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const e = this.scopes[i]!.get(name);
      if (e) return e;
    }
    const g = this.globals.get(name);
    if (!g) return undefined;
    if ("kind" in g) {
      const r = this.evaluateConst(g.decl);
      return r.symbol ? { symbol: r.symbol, span: g.span, type: r.type } : { symbol: constPlaceholder(g.decl), span: g.span, type: r.type };
    }
    return g;
  }

  /** Every value name visible now (for "did you mean"). */
  visibleNames(): string[] {
    return [...this.scopes.flatMap((s) => [...s.keys()]), ...this.globals.keys()];
  }

  pushScope(): void {
    this.scopes.push(new Map());
  }

  popScope(): void {
    this.scopes.pop();
  }

  /**
   * Declares a local or parameter in the innermost scope. A local may not
   * reuse any visible name (E0213): no shadowing, so a name means one thing
   * throughout a body.
   */
  declareLocal(name: ast.Ident, entry: Entry): void {
    const earlier = this.lookup(name.name);
    if (earlier) {
      this.error(
        "E0213",
        name.span,
        `${q(name.name)} is already declared${earlier.span ? "" : " (a built-in name)"}; locals and parameters may not shadow other names`,
        "choose another name",
        this.firstDeclared(earlier.span),
      );
    }
    this.scopes[this.scopes.length - 1]?.set(name.name, entry);
  }

  /** Runs `f` with `where` set, restoring it after. */
  within<T>(where: Where, f: () => T): T {
    const saved = this.where;
    this.where = where;
    try {
      return f();
    } finally {
      this.where = saved;
    }
  }

  /** Runs `f` in a fresh local scope. */
  scoped<T>(f: () => T): T {
    this.pushScope();
    try {
      return f();
    } finally {
      this.popScope();
    }
  }
}

/** The symbol of a const whose initialiser had an error: uses of it are silent (its type is BAD). */
function constPlaceholder(decl: ast.ConstDecl): Symbol {
  return { kind: "const", decl, value: 0n, type: { kind: "bit", width: 1 } };
}

/** The closest name to `name` among `candidates`, if one is close enough to be a likely typo. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(name.length, Math.max(1, Math.floor(name.length / 3)) + 1);
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** "did you mean `x`?" or the fallback hint. */
export function didYouMean(name: string, candidates: Iterable<string>, fallback?: string): string | undefined {
  const s = suggest(name, candidates);
  return s ? `did you mean ${q(s)}?` : fallback;
}
