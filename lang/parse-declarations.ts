// Grammar, part 3: declarations (spec §3, §4, §7–§11) and the program.
//
// This is the most derived grammar class: it runs chevrotain's self-analysis
// once, when the single parser instance is built (parser.ts). Table
// properties may come in any order; a repeated one is reported here (E0112)
// because the AST has room for only one of each.

import type { IParserConfig, IToken } from "chevrotain";
import type * as ast from "./ast.js";
import { AnyWord, Identifier, KW, P } from "./lexer.js";
import { MISSING } from "./parse-expressions.js";
import { StatementGrammar } from "./parse-statements.js";
import type { SourceFile, Span } from "./source.js";

const MATCH_KINDS: ReadonlySet<string> = new Set(["exact", "lpm", "ternary", "range", "optional"]);

/** A table property as parsed, before the table node is assembled. */
type TableProp =
  | { kind: "key"; keys: ast.KeyElement[]; span: Span }
  | { kind: "actions"; actions: ast.Ident[]; span: Span }
  | { kind: "default_action"; value: ast.DefaultAction; span: Span }
  | { kind: "size"; value: ast.Expr; span: Span }
  | { kind: "counters"; span: Span }
  | { kind: "entries"; entries: ast.EntryDecl[]; span: Span };

export class Grammar extends StatementGrammar {
  constructor(config: IParserConfig) {
    super(config);
    this.performSelfAnalysis();
  }

  /** The declarations parsed so far, kept on the instance so that none is lost when the whole run re-syncs. */
  decls: ast.Decl[] = [];

  override begin(source: SourceFile, tokens: IToken[]): void {
    super.begin(source, tokens);
    this.decls = [];
  }

  /** Declarations up to the end of the file (or to a token that cannot start one). */
  program = this.RULE("program", (): void => {
    this.MANY(() => {
      const decl = this.SUBRULE(this.decl);
      this.ACTION(() => {
        if (decl) this.decls.push(decl);
      });
    });
  });

  private decl = this.RULE("decl", (): ast.Decl | undefined =>
    this.OR([
      { ALT: () => this.SUBRULE(this.constDecl) },
      { ALT: () => this.SUBRULE(this.headerDecl) },
      { ALT: () => this.SUBRULE(this.headersBlock) },
      { ALT: () => this.SUBRULE(this.metadataBlock) },
      { ALT: () => this.SUBRULE(this.errorDecl) },
      { ALT: () => this.SUBRULE(this.parserDecl) },
      { ALT: () => this.SUBRULE(this.actionDecl) },
      { ALT: () => this.SUBRULE(this.tableDecl) },
      { ALT: () => this.SUBRULE(this.controlDecl) },
      { ALT: () => this.SUBRULE(this.deparserDecl) },
      { ALT: () => this.SUBRULE(this.indexedExtern) },
      { ALT: () => this.SUBRULE(this.digestDecl) },
    ]),
  );

  private constDecl = this.RULE("constDecl", (): ast.Decl => {
    const start = this.here();
    this.CONSUME(KW.const);
    const name = this.SUBRULE(this.declName);
    this.CONSUME(P[":"]);
    const type = this.SUBRULE(this.typeExpr);
    this.CONSUME(P["="]);
    const value = this.SUBRULE(this.expr);
    this.CONSUME(P[";"]);
    return this.ACTION((): ast.Decl => ({ kind: "Const", name, type, value, span: this.spanFrom(start) }));
  });

  // ------------------------------------------------------- data declarations

  /** `name: type;` — a header field, metadata field or digest field. */
  private field = this.RULE("field", (): ast.FieldDecl => {
    const start = this.here();
    const name = this.SUBRULE(this.declName);
    this.CONSUME(P[":"]);
    const type = this.SUBRULE(this.typeExpr);
    this.CONSUME(P[";"]);
    return this.ACTION((): ast.FieldDecl => ({ kind: "Field", name, type, span: this.spanFrom(start) }));
  });

  /** `{ field* }` */
  private fields = this.RULE("fields", (): ast.FieldDecl[] => {
    const fields: ast.FieldDecl[] = [];
    this.CONSUME(P["{"]);
    this.MANY(() => {
      const field = this.SUBRULE(this.field);
      if (field) fields.push(field);
    });
    this.CONSUME(P["}"]);
    return fields;
  }, { recoveryValueFunc: () => [] });

  private headerDecl = this.RULE("headerDecl", (): ast.Decl => {
    const start = this.here();
    this.CONSUME(KW.header);
    const name = this.SUBRULE(this.declName);
    const fields = this.SUBRULE(this.fields);
    return this.ACTION((): ast.Decl => ({ kind: "Header", name, fields, span: this.spanFrom(start) }));
  });

  private headersBlock = this.RULE("headersBlock", (): ast.Decl => {
    const start = this.here();
    const instances: ast.InstanceDecl[] = [];
    this.CONSUME(KW.headers);
    this.CONSUME(P["{"]);
    this.MANY(() => {
      const field = this.SUBRULE(this.field);
      this.ACTION(() => {
        if (field) instances.push(this.instance(field));
      });
    });
    this.CONSUME(P["}"]);
    return this.ACTION((): ast.Decl => ({ kind: "Headers", instances, span: this.spanFrom(start) }));
  });

  private instance(field: ast.FieldDecl): ast.InstanceDecl {
    const { name, type, span } = field;
    if (type.kind === "NamedType" || type.kind === "StackType") return { kind: "Instance", name, type, span };
    this.problem("E0114", type.span, `header instance \`${name.name}\` needs a header type`, "write the name of a `header` type, or `H[n]` for a stack");
    return { kind: "Instance", name, type: { kind: "NamedType", name: { kind: "Ident", name: MISSING, span: type.span }, span: type.span }, span };
  }

  private metadataBlock = this.RULE("metadataBlock", (): ast.Decl => {
    const start = this.here();
    this.CONSUME(KW.metadata);
    const fields = this.SUBRULE(this.fields);
    return this.ACTION((): ast.Decl => ({ kind: "Metadata", fields, span: this.spanFrom(start) }));
  });

  private errorDecl = this.RULE("errorDecl", (): ast.Decl => {
    const start = this.here();
    const members: ast.Ident[] = [];
    this.CONSUME(KW.error);
    this.CONSUME(P["{"]);
    this.MANY_SEP({ SEP: P[","], DEF: () => members.push(this.SUBRULE(this.declName)) });
    this.CONSUME(P["}"]);
    return this.ACTION((): ast.Decl => ({ kind: "Error", members, span: this.spanFrom(start) }));
  });

  // ------------------------------------------------------------------ parser

  private parserDecl = this.RULE("parserDecl", (): ast.Decl => {
    const start = this.here();
    const states: ast.StateDecl[] = [];
    this.CONSUME(KW.parser);
    this.CONSUME(P["{"]);
    this.MANY(() => {
      const state = this.SUBRULE(this.stateDecl);
      if (state) states.push(state);
    });
    this.CONSUME(P["}"]);
    return this.ACTION((): ast.Decl => ({ kind: "Parser", states, span: this.spanFrom(start) }));
  });

  private stateDecl = this.RULE("stateDecl", (): ast.StateDecl => {
    const start = this.here();
    this.CONSUME(KW.state);
    const name = this.SUBRULE(this.declName);
    this.CONSUME(P["{"]);
    const body = this.SUBRULE(this.stmts);
    const transition = this.SUBRULE(this.transition);
    this.CONSUME(P["}"]);
    return this.ACTION((): ast.StateDecl => ({ kind: "State", name, body, ...(transition ? { transition } : {}), span: this.spanFrom(start) }));
  });

  private transition = this.RULE("transition", (): ast.Transition | undefined => {
    const start = this.here();
    this.CONSUME(KW.transition);
    return this.OR([
      {
        ALT: () => {
          const target = this.SUBRULE(this.stateName);
          this.CONSUME(P[";"]);
          return this.ACTION((): ast.Transition => ({ kind: "DirectTransition", target, span: this.spanFrom(start) }));
        },
      },
      {
        ALT: () => {
          const keys: ast.Expr[] = [];
          const cases: ast.SelectCase[] = [];
          this.CONSUME(KW.select);
          this.CONSUME(P["("]);
          this.AT_LEAST_ONE_SEP({ SEP: P[","], DEF: () => keys.push(this.SUBRULE(this.expr)) });
          this.CONSUME(P[")"]);
          this.CONSUME(P["{"]);
          this.MANY(() => {
            const c = this.SUBRULE(this.selectCase);
            if (c) cases.push(c);
          });
          this.CONSUME(P["}"]);
          return this.ACTION((): ast.Transition => ({ kind: "SelectTransition", keys, cases, span: this.spanFrom(start) }));
        },
      },
    ]);
  });

  /** A state name, `accept` or `reject`. */
  private stateName = this.RULE("stateName", (): ast.Ident => {
    const token = this.OR([
      { ALT: () => this.CONSUME(Identifier) },
      { ALT: () => this.CONSUME(KW.accept) },
      { ALT: () => this.CONSUME(KW.reject) },
    ]);
    return this.ACTION(() => this.ident(token));
  }, { recoveryValueFunc: this.recoveredIdent });

  private selectCase = this.RULE("selectCase", (): ast.SelectCase | undefined => {
    const start = this.here();
    let patterns: ast.Pattern[] = [];
    let isDefault = false;
    this.OR([
      {
        ALT: () => {
          this.CONSUME(KW.default);
          isDefault = true;
        },
      },
      { ALT: () => (patterns = this.SUBRULE(this.patternKeys)) },
    ]);
    this.CONSUME(P[":"]);
    const target = this.SUBRULE(this.stateName);
    this.CONSUME(P[";"]);
    return this.ACTION((): ast.SelectCase => {
      for (const p of patterns) {
        if (p.kind === "PrefixPattern") {
          this.problem("E0115", p.span, "a prefix `value/len` is only allowed in table entries", "in a select, write `value &&& mask`");
        }
      }
      return { kind: "SelectCase", patterns, isDefault, target, span: this.spanFrom(start) };
    });
  });

  // ----------------------------------------------------------------- actions

  private actionDecl = this.RULE("actionDecl", (): ast.Decl => {
    const start = this.here();
    const params: ast.Param[] = [];
    this.CONSUME(KW.action);
    const name = this.SUBRULE(this.declName);
    this.CONSUME(P["("]);
    this.MANY_SEP({
      SEP: P[","],
      DEF: () => {
        const paramStart = this.here();
        const paramName = this.SUBRULE2(this.declName);
        this.CONSUME(P[":"]);
        const type = this.SUBRULE(this.typeExpr);
        this.ACTION(() => params.push({ kind: "Param", name: paramName, type, span: this.spanFrom(paramStart) }));
      },
    });
    this.CONSUME(P[")"]);
    const body = this.SUBRULE(this.block);
    return this.ACTION((): ast.Decl => ({ kind: "Action", name, params, body, span: this.spanFrom(start) }));
  });

  // ------------------------------------------------------------------ tables

  private tableDecl = this.RULE("tableDecl", (): ast.Decl => {
    const start = this.here();
    const props: TableProp[] = [];
    this.CONSUME(KW.table);
    const name = this.SUBRULE(this.declName);
    this.CONSUME(P["{"]);
    this.MANY(() => {
      const prop = this.SUBRULE(this.tableProp);
      if (prop) props.push(prop);
    });
    this.CONSUME(P["}"]);
    return this.ACTION(() => this.assembleTable(name, props, this.spanFrom(start)));
  });

  private assembleTable(name: ast.Ident, props: TableProp[], span: Span): ast.TableDecl {
    const seen = new Map<string, TableProp>();
    for (const prop of props) {
      const first = seen.get(prop.kind);
      if (first) {
        this.problem("E0112", prop.span, `table \`${name.name}\` has more than one \`${prop.kind}\``, "keep one and delete the other", [
          { span: first.span, message: `the first \`${prop.kind}\` is here` },
        ]);
      } else {
        seen.set(prop.kind, prop);
      }
    }
    const get = <K extends TableProp["kind"]>(kind: K) => seen.get(kind) as Extract<TableProp, { kind: K }> | undefined;
    const defaultAction = get("default_action")?.value;
    const size = get("size")?.value;
    const entries = get("entries")?.entries;
    return {
      kind: "Table",
      name,
      keys: get("key")?.keys ?? [],
      actions: get("actions")?.actions ?? [],
      ...(defaultAction ? { defaultAction } : {}),
      ...(size ? { size } : {}),
      counters: seen.has("counters"),
      ...(entries ? { entries } : {}),
      span,
    };
  }

  private tableProp = this.RULE("tableProp", (): TableProp | undefined => {
    const start = this.here();
    return this.OR([
      {
        ALT: () => {
          const keys: ast.KeyElement[] = [];
          this.CONSUME(KW.key);
          this.CONSUME(P["{"]);
          this.MANY(() => {
            const key = this.SUBRULE(this.keyElement);
            if (key) keys.push(key);
          });
          this.CONSUME(P["}"]);
          return this.ACTION((): TableProp => ({ kind: "key", keys, span: this.spanFrom(start) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(KW.actions);
          const actions = this.SUBRULE(this.actionList);
          return this.ACTION((): TableProp => ({ kind: "actions", actions, span: this.spanFrom(start) }));
        },
      },
      {
        ALT: () => {
          const isConst = this.OPTION(() => this.CONSUME(KW.const)) !== undefined;
          this.CONSUME(KW.default_action);
          this.CONSUME(P["="]);
          const call = this.SUBRULE(this.actionCall);
          this.CONSUME2(P[";"]);
          return this.ACTION((): TableProp => {
            const span = this.spanFrom(start);
            return { kind: "default_action", value: { kind: "DefaultAction", call, isConst, span }, span };
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(KW.size);
          this.CONSUME2(P["="]);
          const value = this.SUBRULE(this.expr);
          this.CONSUME3(P[";"]);
          return this.ACTION((): TableProp => ({ kind: "size", value, span: this.spanFrom(start) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(KW.counters);
          this.CONSUME4(P[";"]);
          return this.ACTION((): TableProp => ({ kind: "counters", span: this.spanFrom(start) }));
        },
      },
      {
        ALT: () => {
          const entries: ast.EntryDecl[] = [];
          this.CONSUME(KW.entries);
          this.CONSUME3(P["{"]);
          this.MANY3(() => {
            const entry = this.SUBRULE(this.entry);
            if (entry) entries.push(entry);
          });
          this.CONSUME3(P["}"]);
          return this.ACTION((): TableProp => ({ kind: "entries", entries, span: this.spanFrom(start) }));
        },
      },
    ]);
  });

  /** `{ a; b; }` */
  private actionList = this.RULE("actionList", (): ast.Ident[] => {
    const actions: ast.Ident[] = [];
    this.CONSUME(P["{"]);
    this.MANY(() => {
      actions.push(this.SUBRULE(this.declName));
      this.CONSUME(P[";"]);
    });
    this.CONSUME(P["}"]);
    return actions;
  }, { recoveryValueFunc: () => [] });

  private keyElement = this.RULE("keyElement", (): ast.KeyElement | undefined => {
    const start = this.here();
    const expr = this.SUBRULE(this.expr);
    this.CONSUME(P[":"]);
    const kind = this.SUBRULE(this.matchKind);
    this.CONSUME(P[";"]);
    return this.ACTION((): ast.KeyElement => ({ kind: "KeyElement", expr, matchKind: kind, span: this.spanFrom(start) }));
  });

  /** Any word is taken here and checked, so a misspelt match kind does not derail the key block. */
  private matchKind = this.RULE("matchKind", (): ast.MatchKind => {
    const token = this.CONSUME(AnyWord);
    return this.ACTION((): ast.MatchKind => {
      if (MATCH_KINDS.has(token.image)) return token.image as ast.MatchKind;
      if (!token.isInsertedInRecovery) {
        this.problem(
          "E0116",
          this.tokenSpan(token),
          `\`${token.image}\` is not a match kind`,
          "a key's match kind is `exact`, `lpm`, `ternary`, `range` or `optional`",
        );
      }
      return "exact";
    });
  }, { recoveryValueFunc: (): ast.MatchKind => "exact" });

  /** `action(args)` in `default_action` and `entries`. */
  private actionCall = this.RULE("actionCall", (): ast.ActionCall => {
    const start = this.here();
    const action = this.SUBRULE(this.declName);
    const args = this.SUBRULE(this.callArgs);
    return this.ACTION((): ast.ActionCall => ({ kind: "ActionCall", action, args, span: this.spanFrom(start) }));
  }, { recoveryValueFunc: (e): ast.ActionCall => ({ kind: "ActionCall", action: this.recoveredIdent(e), args: [], span: this.recoveredSpan(e) }) });

  private entry = this.RULE("entry", (): ast.EntryDecl | undefined => {
    const start = this.here();
    const keys = this.SUBRULE(this.patternKeys);
    this.CONSUME(P[":"]);
    const action = this.SUBRULE(this.actionCall);
    this.CONSUME(P[";"]);
    return this.ACTION((): ast.EntryDecl => ({ kind: "Entry", keys, action, span: this.spanFrom(start) }));
  });

  // ------------------------------------------------------ controls, deparser

  private controlDecl = this.RULE("controlDecl", (): ast.Decl => {
    const start = this.here();
    this.CONSUME(KW.control);
    const name = this.SUBRULE(this.declName);
    const body = this.SUBRULE(this.block);
    return this.ACTION((): ast.Decl => ({ kind: "Control", name, body, span: this.spanFrom(start) }));
  });

  private deparserDecl = this.RULE("deparserDecl", (): ast.Decl => {
    const start = this.here();
    this.CONSUME(KW.deparser);
    this.CONSUME(P["{"]);
    const body = this.SUBRULE(this.stmts);
    this.CONSUME(P["}"]);
    return this.ACTION((): ast.Decl => ({ kind: "Deparser", body, span: this.spanFrom(start) }));
  });

  // ----------------------------------------------------------------- externs

  /** `counter c[n];`, `meter m[n];`, `register r[n]: bit<W>;` */
  private indexedExtern = this.RULE("indexedExtern", (): ast.Decl => {
    const start = this.here();
    let type: ast.TypeExpr | undefined;
    const keyword: IToken = this.OR([
      { ALT: () => this.CONSUME(KW.counter) },
      { ALT: () => this.CONSUME(KW.meter) },
      { ALT: () => this.CONSUME(KW.register) },
    ]);
    const name = this.SUBRULE(this.declName);
    this.CONSUME(P["["]);
    const size = this.SUBRULE(this.expr);
    this.CONSUME(P["]"]);
    this.OPTION(() => {
      this.CONSUME(P[":"]);
      type = this.SUBRULE(this.typeExpr);
    });
    this.CONSUME(P[";"]);
    return this.ACTION((): ast.Decl => {
      const span = this.spanFrom(start);
      if (keyword.tokenType === KW.register) {
        if (type) return { kind: "Register", name, size, type, span };
        this.problem("E0114", span, `register \`${name.name}\` needs a cell type`, `write \`register ${name.name}[…]: bit<32>;\``);
        return { kind: "Register", name, size, type: { kind: "BitType", width: 0, span }, span };
      }
      if (type) this.problem("E0114", type.span, `a ${keyword.image} has no cell type`, `write \`${keyword.image} ${name.name}[…];\``);
      return { kind: keyword.tokenType === KW.counter ? "Counter" : "Meter", name, size, span };
    });
  });

  private digestDecl = this.RULE("digestDecl", (): ast.Decl => {
    const start = this.here();
    this.CONSUME(KW.digest);
    const name = this.SUBRULE(this.declName);
    const fields = this.SUBRULE(this.fields);
    return this.ACTION((): ast.Decl => ({ kind: "Digest", name, fields, span: this.spanFrom(start) }));
  });
}
