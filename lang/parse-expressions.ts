// Grammar, part 1: the parser's shared machinery, types, expressions and patterns.
//
// The grammar is one chevrotain EmbeddedActionsParser split over three files
// by inheritance (expressions ← statements ← declarations), so each file
// stays about one part of the language. Rules build AST nodes directly;
// node construction sits inside ACTION so chevrotain's grammar recording
// never runs it. With error recovery a sub-rule may come back with its
// recovery value, so every rule that returns a node has a harmless
// placeholder (`recovered`) and lists skip what is missing.
//
// Expressions are parsed flat — prefix operators, `as` casts, the binary
// chain and `?:` are loops, not one rule per precedence level — and binary
// operators are folded by the precedence table of spec §5 afterwards. This
// keeps the recursion per nesting level small (only brackets recurse).

import { EOF, EmbeddedActionsParser, type IRecognitionException, type IToken, type IParserConfig, type IOrAlt, type TokenType } from "chevrotain";
import type * as ast from "./ast.js";
import type { Diagnostic, RelatedNote } from "./diagnostics.js";
import { AnyWord, BinaryOp, ExprName, Identifier, IntToken, KW, NumberLit, P, TOKEN_TYPES, tokenEnd, type LiteralValue } from "./lexer.js";
import { joinSpans, type Span, type SourceFile } from "./source.js";

/** Binding strength of each binary operator, tightest highest (spec §5). */
const PRECEDENCE: Readonly<Record<ast.BinaryOp, number>> = {
  "*": 9,
  "+": 8, "-": 8, "++": 8,
  "<<": 7, ">>": 7,
  "&": 6,
  "^": 5,
  "|": 4,
  "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
  "&&": 2,
  "||": 1,
};

/** A postfix part of an operand, as parsed. */
type Suffix =
  | { kind: "member"; name: IToken }
  | { kind: "index"; index: ast.Expr; lo: ast.Expr | undefined }
  | { kind: "call"; args: ast.Expr[] };

/** Rule depth beyond which single-token insertion is not tried (see getFollowsForInRuleRecovery). */
const RECOVERY_DEPTH = 64;

/** The name given to a node the parser had to make up while recovering from a syntax error. */
export const MISSING = "<missing>";

export class ExpressionGrammar extends EmbeddedActionsParser {
  /** The file being parsed; set before each run. */
  protected source!: SourceFile;
  /** Syntax problems found by the grammar's own checks (not chevrotain's). */
  problems: Diagnostic[] = [];

  constructor(config: IParserConfig) {
    super(TOKEN_TYPES as never, config);
  }

  /** Prepares a run over `tokens` of `source`. */
  begin(source: SourceFile, tokens: IToken[]): void {
    this.source = source;
    this.problems = [];
    this.input = tokens;
  }

  // -------------------------------------------------------------- helpers

  /**
   * Chevrotain's single-token-insertion recovery first computes what may
   * follow the failed token by walking the grammar recursively along the
   * whole rule stack; deep inside nested brackets that walk alone could
   * exhaust the stack. Deeper than RECOVERY_DEPTH rules it is skipped: deletion
   * and re-sync recovery still apply. At the end of the file, inserting
   * the missing token is always the right recovery (nothing else can come),
   * and it keeps the unfinished declaration in the AST. (Overrides
   * chevrotain 11's Recoverable trait; RULE_STACK_IDX is its rule depth.)
   */
  getFollowsForInRuleRecovery(tokType: TokenType, tokIdxInRule: number): TokenType[] {
    const self = this as unknown as { RULE_STACK_IDX: number };
    if (this.LA(1).tokenType === EOF) return [EOF];
    if (self.RULE_STACK_IDX > RECOVERY_DEPTH) return [];
    const base = EmbeddedActionsParser.prototype as unknown as { getFollowsForInRuleRecovery: (t: TokenType, i: number) => TokenType[] };
    return base.getFollowsForInRuleRecovery.call(this, tokType, tokIdxInRule);
  }

  /** Offset of the next token (the end of the file at EOF). */
  protected here(): number {
    const offset = this.LA(1).startOffset;
    return Number.isNaN(offset) ? (this.source?.text.length ?? 0) : offset;
  }

  /** One past the last token actually consumed (never an inserted one). */
  private lastEnd(): number {
    const last = this.LA(0);
    return Number.isNaN(last.startOffset) ? 0 : tokenEnd(last);
  }

  /** From `start` to the end of the last consumed token. */
  protected spanFrom(start: number): Span {
    return this.source.span(start, Math.max(start, this.lastEnd()));
  }

  protected tokenSpan(token: IToken): Span {
    if (token.isInsertedInRecovery || Number.isNaN(token.startOffset)) return this.source.span(this.lastEnd(), this.lastEnd());
    return this.source.span(token.startOffset, tokenEnd(token));
  }

  protected ident(token: IToken): ast.Ident {
    return { kind: "Ident", name: token.isInsertedInRecovery ? MISSING : token.image, span: this.tokenSpan(token) };
  }

  protected problem(code: string, span: Span, message: string, hint?: string, related?: RelatedNote[]): void {
    this.problems.push({ code, severity: "error", message, span, ...(hint ? { hint } : {}), ...(related ? { related } : {}) });
  }

  /** Placeholder values for rules that recovered from a syntax error. */
  protected recoveredSpan(e: IRecognitionException): Span {
    const offset = e.token.startOffset;
    const at = Number.isNaN(offset) ? this.source.text.length : offset;
    return this.source.span(at, at);
  }
  protected recoveredExpr = (e: IRecognitionException): ast.Expr => {
    const span = this.recoveredSpan(e);
    return { kind: "Name", name: { kind: "Ident", name: MISSING, span }, span };
  };
  protected recoveredIdent = (e: IRecognitionException): ast.Ident => ({ kind: "Ident", name: MISSING, span: this.recoveredSpan(e) });

  protected literal(token: IToken): ast.IntLit {
    const payload = (token.payload as LiteralValue | undefined) ?? { value: 0n, form: "dec" };
    return { kind: "IntLit", value: payload.value, form: payload.form, text: token.image, span: this.tokenSpan(token) };
  }

  /** A literal used as a count (a width, stack size, prefix length); the checker judges its range. */
  protected count(token: IToken): number {
    const payload = token.payload as LiteralValue | undefined;
    return payload ? Number(payload.value) : 0;
  }

  // ---------------------------------------------------------------- names

  /**
   * A declared name: an identifier. A reserved word is reported (E0110) but
   * accepted, so that the declaration around it still parses.
   */
  declName = this.RULE("declName", () => {
    const token = this.CONSUME(AnyWord);
    return this.ACTION(() => {
      const name = this.ident(token);
      if (token.tokenType !== Identifier && !token.isInsertedInRecovery) {
        this.problem("E0110", name.span, `\`${token.image}\` is a reserved word and cannot be used as a name`, `choose another name, e.g. \`${token.image}_\``);
      }
      return name;
    });
  }, { recoveryValueFunc: this.recoveredIdent });

  // ---------------------------------------------------------------- types

  /** `bit<N>`, `bool`, `error`, a header type `H` or a header stack `H[n]`. */
  typeExpr = this.RULE("typeExpr", (): ast.TypeExpr => {
    const start = this.here();
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(KW.error);
          return this.ACTION((): ast.TypeExpr => ({ kind: "ErrorType", span: this.spanFrom(start) }));
        },
      },
      {
        ALT: () => {
          const name = this.CONSUME(Identifier);
          let width: IToken | undefined;
          let size: IToken | undefined;
          this.OPTION(() => {
            this.CONSUME(P["<"]);
            width = this.CONSUME(NumberLit);
            this.CONSUME(P[">"]);
          });
          this.OPTION2(() => {
            this.CONSUME(P["["]);
            size = this.CONSUME2(NumberLit);
            this.CONSUME(P["]"]);
          });
          return this.ACTION(() => this.namedType(name, width, size, this.spanFrom(start)));
        },
      },
    ]);
  }, { recoveryValueFunc: (e): ast.TypeExpr => ({ kind: "NamedType", name: this.recoveredIdent(e), span: this.recoveredSpan(e) }) });

  private namedType(nameToken: IToken, width: IToken | undefined, size: IToken | undefined, span: Span): ast.TypeExpr {
    const name = this.ident(nameToken);
    if (name.name === "bit") {
      if (size) this.problem("E0114", span, "a stack holds headers, not `bit<N>` values", "a stack `H[n]` holds headers of type `H`; for several values, declare a header with several fields");
      if (!width) {
        this.problem("E0114", span, "`bit` needs a width", "write `bit<N>` with a number N, e.g. `bit<8>`");
        return { kind: "BitType", width: 0, span };
      }
      return { kind: "BitType", width: this.count(width), span };
    }
    if (width) this.problem("E0114", span, `only \`bit\` takes a width, not \`${name.name}\``, "write `bit<N>`");
    if (name.name === "bool") return { kind: "BoolType", span };
    if (size) return { kind: "StackType", element: name, size: this.count(size), span };
    return { kind: "NamedType", name, span };
  }

  // ---------------------------------------------------------- expressions

  /**
   * A full expression: binary chains joined by a right-associative `?:`
   * chain. Together with `operand` this is the only recursion per nesting
   * level, which keeps deep nesting cheap on the stack.
   */
  expr = this.RULE("expr", (): ast.Expr => {
    const parts: ast.Expr[] = [this.binaryChain(1)];
    this.MANY(() => {
      this.CONSUME(P["?"]);
      parts.push(this.SUBRULE(this.expr));
      this.CONSUME(P[":"]);
      parts.push(this.binaryChain(2));
    });
    return this.ACTION(() => {
      // c1 ? t1 : c2 ? t2 : e  ==  c1 ? t1 : (c2 ? t2 : e)
      let result = parts[parts.length - 1]!;
      for (let i = parts.length - 3; i >= 0; i -= 2) {
        const cond = parts[i]!;
        result = { kind: "Cond", cond, then: parts[i + 1]!, else: result, span: joinSpans(cond.span, result.span) };
      }
      return result;
    });
  }, { recoveryValueFunc: this.recoveredExpr });

  /** An expression where a value or comparison is expected: `a = b` is reported (E0109) and read as `a == b`. */
  protected condition = this.RULE("condition", (): ast.Expr => {
    const left = this.SUBRULE(this.expr);
    let assign: IToken | undefined;
    let right: ast.Expr | undefined;
    this.OPTION(() => {
      assign = this.CONSUME(P["="]);
      right = this.SUBRULE2(this.expr);
    });
    return this.ACTION((): ast.Expr => {
      if (!assign || !right) return left;
      this.problem("E0109", this.tokenSpan(assign), "`=` assigns and cannot appear inside an expression", "to compare two values, write `==`");
      return { kind: "Binary", op: "==", left, right, span: joinSpans(left.span, right.span) };
    });
  }, { recoveryValueFunc: this.recoveredExpr });

  /** Operands joined by binary operators, folded by precedence; `n` tells the two uses in `expr` apart. */
  private binaryChain(n: 1 | 2): ast.Expr {
    const operands: ast.Expr[] = [this.subrule(2 * n, this.operand)];
    const ops: ast.BinaryOp[] = [];
    this.many(n, () => {
      ops.push(this.consume(n, BinaryOp).image as ast.BinaryOp);
      operands.push(this.subrule(2 * n + 1, this.operand));
    });
    return this.ACTION(() => foldBinary(operands, ops));
  }

  /**
   * Prefix `!` `~`, a primary, its postfix `.name` `[i]` `[hi:lo]` `(args)`,
   * then `as` casts: prefix operators bind tighter than `as`, which binds
   * tighter than any binary operator. The alternatives are built once
   * (they capture nothing), as this rule runs for every operand.
   */
  private operand = this.RULE("operand", (): ast.Expr => {
    const prefix: IToken[] = [];
    this.MANY(() => {
      prefix.push(this.OR(this.prefixOps));
    });
    const start = this.here();
    let result = this.OR2(this.primaries);
    this.MANY2(() => {
      const suffix = this.OR3(this.suffixes);
      this.ACTION(() => {
        const span = this.spanFrom(start);
        if (suffix.kind === "member") result = { kind: "Member", object: result, member: this.ident(suffix.name), span };
        else if (suffix.kind === "call") result = { kind: "Call", callee: result, typeArgs: [], args: suffix.args, span };
        else if (suffix.lo) result = { kind: "Slice", object: result, hi: suffix.index, lo: suffix.lo, span };
        else result = { kind: "Index", object: result, index: suffix.index, span };
      });
    });
    this.ACTION(() => {
      for (let i = prefix.length - 1; i >= 0; i--) {
        const op = prefix[i]!;
        result = { kind: "Unary", op: op.image as ast.UnaryOp, operand: result, span: joinSpans(this.tokenSpan(op), result.span) };
      }
    });
    this.MANY3(() => {
      this.CONSUME(KW.as);
      const type = this.SUBRULE(this.typeExpr);
      this.ACTION(() => {
        result = { kind: "Cast", expr: result, type, span: joinSpans(result.span, type.span) };
      });
    });
    return result;
  }, { recoveryValueFunc: this.recoveredExpr });

  private prefixOps = [{ ALT: () => this.CONSUME(P["!"]) }, { ALT: () => this.CONSUME(P["~"]) }];

  /** What may follow an operand's primary, before the node is built. */
  private suffixes: IOrAlt<Suffix>[] = [
    {
      ALT: () => {
        this.CONSUME(P["."]);
        return { kind: "member", name: this.CONSUME(AnyWord) };
      },
    },
    {
      ALT: () => {
        this.CONSUME(P["["]);
        const index = this.SUBRULE(this.expr);
        let lo: ast.Expr | undefined;
        this.OPTION(() => {
          this.CONSUME(P[":"]);
          lo = this.SUBRULE2(this.expr);
        });
        this.CONSUME(P["]"]);
        return { kind: "index", index, lo };
      },
    },
    { ALT: () => ({ kind: "call", args: this.SUBRULE(this.callArgs) }) },
  ];

  /** A literal, a name, `error.X`, `( expr )` or `lookahead<…>()`. */
  private primaries: IOrAlt<ast.Expr>[] = [
    {
      ALT: () => {
        const token = this.CONSUME(IntToken);
        return this.ACTION(() => this.literal(token));
      },
    },
    {
      ALT: () => {
        const token = this.OR4([{ ALT: () => this.CONSUME(KW.true) }, { ALT: () => this.CONSUME(KW.false) }]);
        return this.ACTION((): ast.Expr => ({ kind: "BoolLit", value: token.image === "true", span: this.tokenSpan(token) }));
      },
    },
    {
      ALT: () => {
        const keyword = this.CONSUME(KW.error);
        this.CONSUME2(P["."]);
        const member = this.CONSUME2(AnyWord);
        return this.ACTION((): ast.Expr => ({ kind: "ErrorLit", member: this.ident(member), span: this.spanFrom(keyword.startOffset) }));
      },
    },
    {
      ALT: () => {
        this.CONSUME(P["("]);
        const inner = this.SUBRULE3(this.expr);
        this.CONSUME(P[")"]);
        return inner;
      },
    },
    {
      // lookahead<bit<N>>() — the only call with type arguments
      GATE: () => this.LA(1).image === "lookahead" && this.LA(2).tokenType === P["<"],
      ALT: () => {
        const name = this.CONSUME(Identifier);
        const typeArgs: ast.TypeExpr[] = [];
        this.CONSUME(P["<"]);
        this.AT_LEAST_ONE_SEP({ SEP: P[","], DEF: () => typeArgs.push(this.SUBRULE2(this.typeExpr)) });
        this.CONSUME(P[">"]);
        const args = this.SUBRULE2(this.callArgs);
        return this.ACTION((): ast.Expr => {
          const callee = this.ident(name);
          return { kind: "Call", callee: { kind: "Name", name: callee, span: callee.span }, typeArgs, args, span: this.spanFrom(name.startOffset) };
        });
      },
    },
    {
      ALT: () => {
        const token = this.CONSUME(ExprName);
        return this.ACTION((): ast.Expr => {
          const name = this.ident(token);
          return { kind: "Name", name, span: name.span };
        });
      },
    },
  ];

  /** `( arg, … )` where an argument may be a list `{e1, e2}` (hash, checksum16, digest send). */
  protected callArgs = this.RULE("callArgs", (): ast.Expr[] => {
    const args: ast.Expr[] = [];
    this.CONSUME(P["("]);
    this.MANY_SEP({
      SEP: P[","],
      DEF: () => {
        args.push(this.OR([{ ALT: () => this.SUBRULE(this.listExpr) }, { ALT: () => this.SUBRULE(this.condition) }]));
      },
    });
    this.CONSUME(P[")"]);
    return args;
  }, { recoveryValueFunc: () => [] });

  private listExpr = this.RULE("listExpr", (): ast.Expr => {
    const start = this.here();
    const elements: ast.Expr[] = [];
    this.CONSUME(P["{"]);
    this.MANY_SEP({ SEP: P[","], DEF: () => elements.push(this.SUBRULE(this.expr)) });
    this.CONSUME(P["}"]);
    return this.ACTION((): ast.Expr => ({ kind: "List", elements, span: this.spanFrom(start) }));
  }, { recoveryValueFunc: this.recoveredExpr });

  // ------------------------------------------------------------- patterns

  /** A select case element or table entry key: `v`, `v &&& m`, `lo..hi`, `v/len`, `_`. */
  private pattern = this.RULE("pattern", (): ast.Pattern => {
    const start = this.here();
    const value = this.SUBRULE(this.expr);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(P["&&&"]);
          const mask = this.SUBRULE2(this.expr);
          return this.ACTION((): ast.Pattern => ({ kind: "MaskPattern", value, mask, span: this.spanFrom(start) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(P[".."]);
          const hi = this.SUBRULE3(this.expr);
          return this.ACTION((): ast.Pattern => ({ kind: "RangePattern", lo: value, hi, span: this.spanFrom(start) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(P["/"]);
          const length = this.CONSUME(NumberLit);
          return this.ACTION((): ast.Pattern => ({ kind: "PrefixPattern", value, prefixLength: this.count(length), span: this.spanFrom(start) }));
        },
      },
      {
        ALT: () =>
          this.ACTION((): ast.Pattern =>
            value.kind === "Name" && value.name.name === "_"
              ? { kind: "WildcardPattern", span: value.span }
              : { kind: "ValuePattern", value, span: value.span },
          ),
      },
    ]);
  }, { recoveryValueFunc: (e): ast.Pattern => ({ kind: "WildcardPattern", span: this.recoveredSpan(e) }) });

  /**
   * One pattern, or a tuple of them. `(` starts a tuple when its `)` is
   * followed by `:` (keys always end there); otherwise it is a parenthesised
   * expression, as in `(a + b) &&& m: …`.
   */
  patternKeys = this.RULE("patternKeys", (): ast.Pattern[] => {
    const patterns: ast.Pattern[] = [];
    this.OR({
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          GATE: () => this.tupleAhead(),
          ALT: () => {
            this.CONSUME(P["("]);
            this.AT_LEAST_ONE_SEP({ SEP: P[","], DEF: () => patterns.push(this.SUBRULE(this.pattern)) });
            this.CONSUME(P[")"]);
          },
        },
        { ALT: () => patterns.push(this.SUBRULE2(this.pattern)) },
      ],
    });
    return patterns;
  }, { recoveryValueFunc: () => [] });

  /** Whether the next token is a `(` whose matching `)` is followed by `:`. */
  private tupleAhead(): boolean {
    if (this.LA(1).tokenType !== P["("]) return false;
    let depth = 0;
    for (let k = 1; ; k++) {
      const type = this.LA(k).tokenType;
      if (type === EOF || type === P[";"] || type === P["{"] || type === P["}"]) return false; // never inside keys
      if (type === P["("]) depth++;
      else if (type === P[")"] && --depth === 0) return this.LA(k + 1).tokenType === P[":"];
    }
  }
}

/** Folds `operands[0] ops[0] operands[1] …` into a tree by PRECEDENCE, without recursion. */
function foldBinary(operands: ast.Expr[], ops: ast.BinaryOp[]): ast.Expr {
  const values: ast.Expr[] = [operands[0]!];
  const pending: ast.BinaryOp[] = [];
  const reduce = (): void => {
    const right = values.pop()!;
    const left = values.pop()!;
    values.push({ kind: "Binary", op: pending.pop()!, left, right, span: joinSpans(left.span, right.span) });
  };
  ops.forEach((op, i) => {
    while (pending.length > 0 && PRECEDENCE[pending[pending.length - 1]!] >= PRECEDENCE[op]) reduce();
    pending.push(op);
    values.push(operands[i + 1]!);
  });
  while (pending.length > 0) reduce();
  return values[0]!;
}
