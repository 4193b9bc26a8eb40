// Grammar, part 2: statements (spec §6) — blocks, assignments, `let`,
// `if`/`else if`/`else`, `switch` on a table's action, calls and `exit`.
//
// An expression statement is parsed as an expression first: followed by `=`
// it is an assignment, otherwise it must be a call. `else if` chains are a
// loop, not recursion, so a long chain cannot exhaust the stack.

import type { IOrAlt, IToken } from "chevrotain";
import type * as ast from "./ast.js";
import { Identifier, KW, P } from "./lexer.js";
import { ExpressionGrammar } from "./parse-expressions.js";

export class StatementGrammar extends ExpressionGrammar {
  block = this.RULE("block", (): ast.BlockStmt => {
    const start = this.here();
    this.CONSUME(P["{"]);
    const stmts = this.SUBRULE(this.stmts);
    this.CONSUME(P["}"]);
    return this.ACTION((): ast.BlockStmt => ({ kind: "Block", stmts, span: this.spanFrom(start) }));
  }, { recoveryValueFunc: (e): ast.BlockStmt => ({ kind: "Block", stmts: [], span: this.recoveredSpan(e) }) });

  /** Statements up to whatever ends them (`}` or `transition`). */
  stmts = this.RULE("stmts", (): ast.Stmt[] => {
    const stmts: ast.Stmt[] = [];
    this.MANY(() => {
      const stmt = this.SUBRULE(this.stmt);
      if (stmt) stmts.push(stmt);
    });
    return stmts;
  }, { recoveryValueFunc: () => [] });

  private stmt = this.RULE("stmt", (): ast.Stmt | undefined => this.OR(this.stmtKinds));

  /** Built once: this choice is made for every statement. */
  private stmtKinds: IOrAlt<ast.Stmt | undefined>[] = [
    { ALT: () => this.SUBRULE(this.letStmt) },
    { ALT: () => this.SUBRULE(this.ifStmt) },
    { ALT: () => this.SUBRULE(this.switchStmt) },
    { ALT: () => this.SUBRULE(this.exitStmt) },
    { ALT: () => this.SUBRULE(this.block) },
    { ALT: () => this.SUBRULE(this.exprStmt) },
  ];

  private letStmt = this.RULE("letStmt", (): ast.Stmt => {
    const start = this.here();
    this.CONSUME(KW.let);
    const name = this.SUBRULE(this.declName);
    this.CONSUME(P[":"]);
    const type = this.SUBRULE(this.typeExpr);
    this.CONSUME(P["="]);
    const value = this.SUBRULE(this.expr);
    this.CONSUME(P[";"]);
    return this.ACTION((): ast.Stmt => ({ kind: "Let", name, type, value, span: this.spanFrom(start) }));
  });

  /** `if (c) {…} else if (c) {…} else {…}`, built into nested IfStmt nodes. */
  private ifStmt = this.RULE("ifStmt", (): ast.Stmt => {
    const arms: { start: number; cond: ast.Expr; then: ast.BlockStmt }[] = [];
    const arm = (start: number, cond: ast.Expr, then: ast.BlockStmt): void => {
      arms.push({ start, cond, then });
    };
    let start = this.here();
    this.CONSUME(KW.if);
    this.CONSUME(P["("]);
    const cond = this.SUBRULE(this.condition);
    this.CONSUME(P[")"]);
    arm(start, cond, this.body(1));
    this.MANY(() => {
      this.CONSUME(KW.else);
      start = this.here();
      this.CONSUME2(KW.if);
      this.CONSUME2(P["("]);
      const elseCond = this.SUBRULE2(this.condition);
      this.CONSUME2(P[")"]);
      arm(start, elseCond, this.body(2));
    });
    let last: ast.BlockStmt | undefined;
    this.OPTION(() => {
      this.CONSUME3(KW.else);
      last = this.body(3);
    });
    return this.ACTION(() => {
      const end = this.spanFrom(arms[0]!.start).end;
      let result: ast.IfStmt | ast.BlockStmt | undefined = last;
      for (let i = arms.length - 1; i >= 0; i--) {
        const { start: armStart, cond: c, then } = arms[i]!;
        result = { kind: "If", cond: c, then, ...(result ? { else: result } : {}), span: this.source.span(armStart, end) };
      }
      return result as ast.IfStmt;
    });
  });

  /**
   * The body of `if` or `else` (`n` tells the three places apart): a block.
   * A single statement without braces is reported (E0119) and kept as a block.
   */
  private body(n: 1 | 2 | 3): ast.BlockStmt {
    const start = this.here();
    return this.or(n, [
      { ALT: () => this.subrule(n, this.block) },
      {
        GATE: () => this.LA(1).tokenType !== P["{"],
        ALT: () => {
          const stmt = this.subrule(n, this.stmt);
          return this.ACTION((): ast.BlockStmt => {
            const span = this.spanFrom(start);
            this.problem("E0119", span, "the body of `if` or `else` must be a block in braces", "write `{ … }` around the statement");
            return { kind: "Block", stmts: stmt ? [stmt] : [], span };
          });
        },
      },
    ]);
  }

  private switchStmt = this.RULE("switchStmt", (): ast.Stmt => {
    const start = this.here();
    const cases: ast.SwitchCase[] = [];
    this.CONSUME(KW.switch);
    this.CONSUME(P["("]);
    const subject = this.SUBRULE(this.expr);
    this.CONSUME(P[")"]);
    this.CONSUME(P["{"]);
    this.MANY(() => {
      const c = this.SUBRULE(this.switchCase);
      if (c) cases.push(c);
    });
    this.CONSUME(P["}"]);
    return this.ACTION((): ast.Stmt => ({ kind: "Switch", subject, cases, span: this.spanFrom(start) }));
  });

  /** `a: b: { … }` or `default: { … }`. */
  private switchCase = this.RULE("switchCase", (): ast.SwitchCase | undefined => {
    const start = this.here();
    const labels: IToken[] = [];
    this.AT_LEAST_ONE(() => {
      labels.push(this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(KW.default) }]));
      this.CONSUME(P[":"]);
    });
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => ({
      kind: "SwitchCase",
      labels: labels.filter((l) => l.tokenType !== KW.default).map((l) => this.ident(l)),
      isDefault: labels.some((l) => l.tokenType === KW.default),
      body,
      span: this.spanFrom(start),
    }));
  });

  private exitStmt = this.RULE("exitStmt", (): ast.Stmt => {
    const start = this.here();
    this.CONSUME(KW.exit);
    this.CONSUME(P[";"]);
    return this.ACTION((): ast.Stmt => ({ kind: "Exit", span: this.spanFrom(start) }));
  });

  /** `target = value;` or `call(…);` */
  private exprStmt = this.RULE("exprStmt", (): ast.Stmt | undefined => {
    const start = this.here();
    const target = this.SUBRULE(this.expr);
    let value: ast.Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(P["="]);
      value = this.SUBRULE2(this.expr);
    });
    this.CONSUME(P[";"]);
    return this.ACTION((): ast.Stmt | undefined => {
      const span = this.spanFrom(start);
      if (value) return { kind: "Assign", target, value, span };
      if (target.kind === "Call") return { kind: "CallStmt", call: target, span };
      this.notAStatement(target);
      return undefined;
    });
  });

  private notAStatement(expr: ast.Expr): void {
    const hint =
      expr.kind === "Binary" && expr.op === "=="
        ? "`==` compares; to assign, write `=`"
        : expr.kind === "Name" || expr.kind === "Member"
          ? "to call it, add `()`; to assign to it, write `= value`"
          : "a statement is an assignment (`x = e;`), a call (`f(…);`), `let`, `if`, `switch` or `exit`";
    this.problem("E0107", expr.span, "this expression is not a statement: its value would be thrown away", hint);
  }
}
