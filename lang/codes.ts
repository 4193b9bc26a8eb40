// The catalogue of diagnostic codes.
//
// Codes are stable: tests, golden files and users' scripts (`--json`) rely on
// them. Each code names one rule; docs/diagnostics.md explains each with an
// example. Ranges: E00xx input and lexing, E01xx syntax, E02xx names,
// E03xx types and widths, E04xx parser rules, E05xx tables, E06xx controls
// and actions, E07xx externs and deparser, E08xx target limits; W… warnings.

export const CODES = {
  // E00xx — reading the input
  E0001: "the file cannot be read or decoded",
  E0002: "unrecognised character",
  E0003: "unterminated block comment",
  E0004: "malformed number literal",
  E0005: "malformed IPv4 address literal",

  // E01xx — syntax (parser)
  E0101: "unexpected token",
  E0102: "missing `;`",
  E0103: "unclosed bracket",
  E0104: "closing bracket with nothing open",
  E0105: "expected an expression or pattern",
  E0106: "expected a declaration",
  E0107: "expected a statement, or an expression used as a statement",
  E0108: "parser state without `transition` at its end",
  E0109: "`=` inside an expression (`==` compares)",
  E0110: "reserved word used as a name",
  E0111: "nested too deeply",
  E0112: "table property given twice",
  E0113: "expected a table property",
  E0114: "malformed type",
  E0115: "prefix pattern `v/len` outside table entries",
  E0116: "expected a match kind",
  E0117: "too many syntax errors",
  E0118: "internal error in the parser",
  E0119: "`if`/`else` body without braces",

  // E02xx — names (checker)
  E0201: "unknown name",
  E0202: "duplicate declaration",
  E0203: "unknown header type",
  E0204: "a required block is missing (headers, parser, control ingress, deparser)",
  E0205: "a block that may appear once appears again",
  E0206: "unknown field",
  E0207: "unknown error name",
  E0208: "unknown member or method",
  E0209: "a name used as something it is not",
  E0210: "header stack `next`/`last` outside the parser",
  E0211: "header stack index or count out of range",
  E0212: "a const defined in terms of itself",
  E0213: "a local or parameter reuses a visible name",

  // E03xx — types and widths (checker)
  E0301: "type or width mismatch",
  E0302: "literal does not fit its width",
  E0303: "bit width out of range 1..128",
  E0304: "header width is not a whole number of bytes",
  E0305: "header stack size out of range 1..16",
  E0306: "the width of an untyped expression cannot be inferred",
  E0307: "operator applied to the wrong type",
  E0308: "condition is not bool",
  E0309: "concatenation wider than 128 bits",
  E0310: "invalid bit slice",
  E0311: "invalid cast",
  E0312: "not a compile-time constant",
  E0313: "type not allowed here",
  E0314: "assignment to something read-only",
  E0315: "assignment to something that is not a location",
  E0316: "unknown hash algorithm",
  E0317: "a list `{…}` where it is not allowed, or a value where a list is needed",
  E0318: "invalid hash or checksum16 list",
  E0319: "invalid csum16_update arguments",
  E0320: "wrong number of arguments",
  E0321: "invalid type arguments",
  E0322: "expression nested too deeply to check",

  // E04xx — parser rules and patterns (checker)
  E0401: "the parser has no start state",
  E0402: "unknown parser state",
  E0403: "select case arity differs from the select keys",
  E0404: "pattern form not allowed for this key",
  E0405: "parser loop not bounded by a header stack",
  E0406: "parser-only feature outside the parser",
  E0407: "not allowed in a parser state",
  E0408: "invalid extract target",
  E0409: "verify needs a constant error",
  E0410: "parser state without a transition",
  E0411: "empty range pattern",

  // E05xx — tables (checker)
  E0501: "table key is not a field",
  E0502: "more than one lpm key",
  E0503: "table key type cannot be matched this way",
  E0504: "not an action",
  E0505: "action not in the table's actions list",
  E0506: "table size is not a positive constant",
  E0507: "entry has the wrong number of key values",
  E0508: "prefix length longer than the key",
  E0509: "prefix value has bits set after the prefix",
  E0510: "duplicate table entry",
  E0511: "more const entries than the table size",
  E0512: "more than 256 actions in a table",

  // E06xx — controls and actions (checker)
  E0601: "table applied more than once on a path",
  E0602: "recursion between controls",
  E0603: "recursion between actions",
  E0604: "switch subject is not `t.apply().action`",
  E0605: "switch label is not an action of the table",
  E0606: "switch label repeated",
  E0607: "not allowed in an action",
  E0608: "action parameter type not bit<N> or bool",
  E0609: "`.hit`, `.miss` or `.action` misused",
  E0610: "value computed and not used",
  E0611: "statement used as a value",

  // E07xx — externs and deparser (checker)
  E0701: "extern size is not a positive constant",
  E0702: "register element type is not bit<N>",
  E0703: "digest field type is not bit<N>",
  E0704: "digest send list does not match the digest",
  E0705: "deparser statement other than emit",
  E0706: "invalid emit argument",
  E0707: "emit outside the deparser",
  E0708: "extern index is not a bit<N> value",

  // E08xx — features a chosen target cannot map (named with the target)
  E0801: "rmt: an operation the action ALUs cannot perform",
  E0802: "rmt: a statement or action that cannot be one VLIW instruction word",
  E0803: "rmt: the packet header vector is full",
  E0804: "rmt: a register or meter used from more than one stage",
  E0805: "rmt: more parser TCAM entries than the chip has",
  E0806: "rmt: the program does not fit the pipeline",
  E0850: "ebpf: an operation on values wider than 64 bits the back end cannot map",
  E0851: "ebpf: an expression or program too large for the code generator",

  // E0999 — the driver's internal error (a bug in pnet)
  E0999: "internal compiler error",

  // W… — warnings (checker)
  W0001: "unreachable parser state",
  W0002: "select case after default never matches",
  W0003: "pattern value has bits outside its mask",
  W0004: "constant arithmetic on literals wraps around",
} as const;

export type DiagnosticCode = keyof typeof CODES;
