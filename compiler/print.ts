// The IR printer: a readable, stable text form of an ir.Program.
//
// It is what `pnet compile --emit ir` and `--dump-after <pass>` print and what
// the golden IR files hold, so the output depends only on the IR (never on
// spans or object identity) and changes only when the IR does. Conventions:
//   - constants carry their width, P4 style: `16w0x0800`, `8w64`, `true`,
//     `error.NoMatch` (hex, padded to the width, from 256 up when wider than 8 bits);
//   - locals are `%name.id` (temporaries made by lowering start with `$`),
//     action parameters `$name`;
//   - nested operators are parenthesised, so precedence never has to be
//     remembered when reading a dump.

import * as ir from "./ir.js";

export function printProgram(p: ir.Program): string {
  return new Printer(p).program();
}

/** A constant in the printer's notation (also for patterns and entries). */
export function formatValue(value: bigint, type: ir.ValueType, errors: readonly string[] = []): string {
  if (type.kind === "bool") return value === 0n ? "false" : "true";
  if (type.kind === "error") return `error.${errors[Number(value)] ?? String(value)}`;
  return `${type.width}w${formatBits(value, type.width)}`;
}

function formatBits(value: bigint, width: number): string {
  if (width <= 8 || value < 256n) return value.toString();
  return "0x" + value.toString(16).padStart(Math.ceil(width / 4), "0");
}

class Printer {
  private readonly out: string[] = [];
  private depth = 0;
  /** The parameters of the action being printed, for `$name`. */
  private params: readonly ir.ActionParam[] = [];
  private readonly locals = new Map<number, ir.Local>();

  constructor(private readonly p: ir.Program) {
    for (const l of p.locals) this.locals.set(l.id, l);
  }

  program(): string {
    const p = this.p;
    this.line(`// pnet IR of ${p.file}`);
    for (const t of p.headerTypes) {
      this.blank();
      this.block(`header ${t.name} (${t.widthBits} bits)`, () => {
        for (const f of t.fields) this.line(`${f.name}: bit<${f.width}> @${f.offset}`);
      });
    }
    this.blank();
    this.block("headers", () => {
      for (const h of p.headers) this.line(`${h.name}: ${h.type}${h.stackSize === undefined ? "" : `[${h.stackSize}]`}`);
    });
    if (p.metadata.length > 0) {
      this.blank();
      this.block("metadata", () => {
        for (const m of p.metadata) this.line(`${m.name}: ${ir.typeToString(m.type)}`);
      });
    }
    this.blank();
    this.line(`errors { ${p.errors.join(", ")} }`);
    if (p.locals.length > 0) {
      this.blank();
      this.block("locals", () => {
        for (const l of p.locals) this.line(`${this.local(l.id)}: ${ir.typeToString(l.type)}`);
      });
    }
    this.externs();
    this.blank();
    this.parser();
    for (const a of p.actions) {
      this.blank();
      this.params = a.params;
      const params = a.params.map((x) => `${x.name}: ${ir.typeToString(x.type)}`).join(", ");
      this.block(`action ${a.name}(${params})`, () => this.stmts(a.body));
      this.params = [];
    }
    for (const t of p.tables) {
      this.blank();
      this.table(t);
    }
    this.blank();
    this.block("ingress", () => this.stmts(p.ingress));
    this.blank();
    this.block("deparser", () => {
      for (const e of p.deparser.emits) this.line(`emit(${e.header})`);
    });
    if (p.analysis) {
      this.blank();
      const g = p.analysis.tableGraph;
      this.block("table graph", () => {
        this.line(`first: [${g.first.join(", ")}]${g.empty ? " (or no table)" : ""}`);
        for (const [from, to] of Object.entries(g.next)) this.line(`${from} -> [${to.join(", ")}]`);
        this.line(`last: [${g.last.join(", ")}]`);
      });
    }
    return this.out.join("\n") + "\n";
  }

  // ------------------------------------------------------------ layout

  private line(text: string): void {
    this.out.push("  ".repeat(this.depth) + text);
  }

  private blank(): void {
    this.out.push("");
  }

  private block(head: string, body: () => void): void {
    this.line(`${head} {`);
    this.depth++;
    body();
    this.depth--;
    this.line("}");
  }

  // ---------------------------------------------------------- sections

  private externs(): void {
    const p = this.p;
    if (p.counters.length + p.registers.length + p.meters.length + p.digests.length === 0) return;
    this.blank();
    for (const c of p.counters) this.line(`counter ${c.name}[${c.size}]`);
    for (const r of p.registers) this.line(`register ${r.name}[${r.size}]: bit<${r.width}>`);
    for (const m of p.meters) this.line(`meter ${m.name}[${m.size}]`);
    for (const d of p.digests) this.line(`digest ${d.name} { ${d.fields.map((f) => `${f.name}: bit<${f.width}>`).join(", ")} }`);
  }

  private parser(): void {
    this.block("parser", () => {
      for (const s of this.p.parser.states) {
        this.block(`state ${s.name}`, () => {
          for (const st of s.body) this.parserStmt(st);
          this.transition(s.transition);
        });
      }
    });
  }

  private parserStmt(s: ir.ParserStmt): void {
    switch (s.kind) {
      case "Extract":
        return this.line(`extract(${this.ref(s.ref)})`);
      case "Advance":
        return this.line(`advance(${this.expr(s.bytes)})`);
      case "Verify":
        return this.line(`verify(${this.expr(s.cond)}, ${this.p.errors[s.error] ?? s.error})`);
      case "Assign":
        return this.stmt(s);
    }
  }

  private transition(t: ir.Transition): void {
    if (t.kind === "Goto") return this.line(`transition ${t.target}`);
    const keys = t.keys.map((k) => this.expr(k)).join(", ");
    this.block(`transition select (${keys})`, () => {
      for (const c of t.cases) {
        const pats = c.patterns.map((pat, i) => this.keyset(pat, t.keys[i]!.type));
        this.line(`${pats.length === 1 ? pats[0] : `(${pats.join(", ")})`}: ${c.target}`);
      }
      if (t.default !== undefined) this.line(`default: ${t.default}`);
    });
  }

  private keyset(pat: ir.KeysetPattern, type: ir.ValueType): string {
    const v = (x: bigint) => this.value(x, type);
    switch (pat.kind) {
      case "value":
        return v(pat.value);
      case "mask":
        return `${v(pat.value)} &&& ${v(pat.mask)}`;
      case "range":
        return `${v(pat.lo)}..${v(pat.hi)}`;
      case "any":
        return "_";
    }
  }

  private table(t: ir.Table): void {
    this.block(`table ${t.name}`, () => {
      this.block("key", () => {
        for (const k of t.keys) {
          const e = this.expr(k.expr);
          this.line(`${k.name}: ${k.matchKind} bit<${k.width}>${e === k.name ? "" : ` = ${e}`}`);
        }
      });
      this.line(`actions { ${t.actions.join(", ")} }`);
      this.line(`${t.defaultIsConst ? "const " : ""}default_action = ${this.invocation(t.defaultAction)}`);
      this.line(`size = ${t.size}`);
      if (t.counters) this.line("counters");
      if (t.entries.length > 0) {
        this.block("entries", () => {
          for (const e of t.entries) {
            const keys = e.keys.map((m, i) => this.keyMatch(m, t.keys[i]?.width ?? 0));
            this.line(`priority ${e.priority}: (${keys.join(", ")}) -> ${this.invocation(e.action)}`);
          }
        });
      }
    });
  }

  private keyMatch(m: ir.KeyMatch, width: number): string {
    const v = (x: bigint) => this.value(x, ir.bit(width));
    switch (m.kind) {
      case "exact":
        return v(m.value);
      case "lpm":
        return `${v(m.value)}/${m.prefixLength}`;
      case "ternary":
        return `${v(m.value)} &&& ${v(m.mask)}`;
      case "range":
        return `${v(m.lo)}..${v(m.hi)}`;
      case "optional":
        return m.value === undefined ? "_" : v(m.value);
    }
  }

  private invocation(inv: ir.ActionInvocation): string {
    const params = this.p.actions.find((a) => a.name === inv.action)?.params ?? [];
    const args = inv.args.map((a, i) => {
      const param = params[i];
      return param ? this.value(a, param.type) : a.toString();
    });
    return `${inv.action}(${args.join(", ")})`;
  }

  // -------------------------------------------------------- statements

  private stmts(list: readonly ir.Stmt[]): void {
    for (const s of list) this.stmt(s);
  }

  private stmt(s: ir.Stmt): void {
    switch (s.kind) {
      case "Assign": {
        const slice = s.target.slice ? `[${s.target.slice.hi}:${s.target.slice.lo}]` : "";
        return this.line(`${this.loc(s.target.loc)}${slice} = ${this.expr(s.value)}`);
      }
      case "If":
        return this.ifChain(s, "if");
      case "ApplyTable": {
        const results = [
          ...(s.hitLocal === undefined ? [] : [`hit ${this.local(s.hitLocal)}`]),
          ...(s.actionLocal === undefined ? [] : [`action ${this.local(s.actionLocal)}`]),
        ];
        return this.line(`apply ${s.table}${results.length ? ` -> ${results.join(", ")}` : ""}`);
      }
      case "CallAction":
        return this.line(`call ${s.action}(${this.exprs(s.args)})`);
      case "Verdict":
        return this.line(`${s.verdict}(${s.arg ? this.expr(s.arg) : ""})`);
      case "SetValidity":
        return this.line(`${this.ref(s.ref)}.${s.valid ? "setValid" : "setInvalid"}()`);
      case "StackShift":
        return this.line(`${s.header}.${s.direction}(${s.count})`);
      case "RegisterWrite":
        return this.line(`${s.register}.write(${this.expr(s.index)}, ${this.expr(s.value)})`);
      case "Count":
        return this.line(`${s.counter}.count(${this.expr(s.index)})`);
      case "MeterExecute":
        return this.line(`${this.local(s.resultLocal)} = ${s.meter}.execute(${this.expr(s.index)})`);
      case "DigestSend":
        return this.line(`${s.digest}.send(${this.exprs(s.values)})`);
      case "Exit":
        return this.line("exit");
    }
  }

  /** `if … { } else if … { } else { }`: an else holding just an if continues the chain. */
  private ifChain(s: ir.IfStmt, keyword: string): void {
    this.line(`${keyword} (${this.expr(s.cond)}) {`);
    this.depth++;
    this.stmts(s.then);
    this.depth--;
    const only = s.else.length === 1 ? s.else[0] : undefined;
    if (only?.kind === "If") return this.ifChain(only, "} else if");
    if (s.else.length > 0) {
      this.line("} else {");
      this.depth++;
      this.stmts(s.else);
      this.depth--;
    }
    this.line("}");
  }

  // ------------------------------------------------------- expressions

  private exprs(list: readonly ir.Expr[]): string {
    return list.map((e) => this.expr(e)).join(", ");
  }

  /** An expression; `nested` wraps operators in parentheses. */
  private expr(e: ir.Expr, nested = false): string {
    const wrap = (s: string) => (nested ? `(${s})` : s);
    switch (e.kind) {
      case "Const":
        return this.value(e.value, e.type);
      case "Read":
        return this.loc(e.loc);
      case "Unary":
        return `${e.op}${this.expr(e.operand, true)}`;
      case "Binary":
        return wrap(`${this.expr(e.left, true)} ${e.op} ${this.expr(e.right, true)}`);
      case "Concat":
        return wrap(`${this.expr(e.left, true)} ++ ${this.expr(e.right, true)}`);
      case "Slice":
        return `${this.expr(e.expr, true)}[${e.hi}:${e.lo}]`;
      case "Cast":
        return wrap(`(${ir.typeToString(e.type)}) ${this.expr(e.expr, true)}`);
      case "Cond":
        return wrap(`${this.expr(e.cond, true)} ? ${this.expr(e.then, true)} : ${this.expr(e.else, true)}`);
      case "IsValid":
        return `${this.ref(e.ref)}.isValid()`;
      case "Hash":
        return `hash<${e.algorithm}>(${this.exprs(e.inputs)})`;
      case "Checksum16":
        return `checksum16(${this.exprs(e.inputs)})`;
      case "CsumUpdate":
        return `csum16_update(${this.exprs([e.sum, e.old, e.new])})`;
      case "RegisterRead":
        return `${e.register}.read(${this.expr(e.index)})`;
      case "Lookahead":
        return `lookahead<${ir.typeToString(e.type)}>()`;
    }
  }

  private value(v: bigint, type: ir.ValueType): string {
    return formatValue(v, type, this.p.errors);
  }

  private loc(l: ir.Location): string {
    switch (l.kind) {
      case "field":
        return `${this.ref(l.ref)}.${l.field}`;
      case "meta":
        return `meta.${l.field}`;
      case "std":
        return `std.${l.field}`;
      case "local":
        return this.local(l.id);
      case "param":
        return `$${this.params[l.index]?.name ?? l.index}`;
    }
  }

  private local(id: number): string {
    return `%${this.locals.get(id)?.name ?? "?"}.${id}`;
  }

  private ref(r: ir.HeaderRef): string {
    if (r.index === undefined) return r.header;
    return typeof r.index === "number" ? `${r.header}[${r.index}]` : `${r.header}.${r.index}`;
  }
}
