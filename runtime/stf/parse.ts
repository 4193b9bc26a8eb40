// The `.stf` parser: packet-test and entries files (spec: testing.md) into typed
// commands that carry their line numbers.
//
// Parsing checks only the file's own syntax (command names, `key:value` shape,
// hex, numbers). Names of tables, actions, keys and externs are checked when the
// commands are applied to a program (run.ts), where the program is known; key
// and argument values stay strings here because their notation depends on the
// key's match kind and width, which only the control plane knows.

import { parseInteger, parseValue, ValueError } from "../values.js";

/** A key element or action argument as written: the value starts after the first `:`. */
export interface StfNamedValue {
  readonly name: string;
  readonly value: string;
}

export interface StfActionCall {
  readonly action: string;
  readonly args: readonly StfNamedValue[];
}

/** Bytes to compare: one entry per hex digit, `undefined` for a `*` wildcard. */
export interface StfPattern {
  readonly nibbles: readonly (number | undefined)[];
  /** A trailing `$`: the packet's length must equal the pattern's. */
  readonly exactLength: boolean;
}

interface At {
  /** 1-based line in the .stf file. */
  readonly line: number;
}

export interface AddCommand extends At {
  readonly kind: "add";
  readonly table: string;
  readonly priority?: number;
  readonly keys: readonly StfNamedValue[];
  readonly call: StfActionCall;
}
export interface SetDefaultCommand extends At {
  readonly kind: "setdefault";
  readonly table: string;
  readonly call: StfActionCall;
}
export interface RemoveCommand extends At {
  readonly kind: "remove";
  readonly table: string;
  readonly priority?: number;
  readonly keys: readonly StfNamedValue[];
}
export interface McastCommand extends At {
  readonly kind: "mcast";
  readonly group: number;
  readonly ports: readonly number[];
}
export interface RegisterWriteCommand extends At {
  readonly kind: "register_write";
  readonly register: string;
  readonly index: number;
  readonly value: bigint;
}
export interface MeterSetCommand extends At {
  readonly kind: "meter_set";
  readonly meter: string;
  readonly index: number;
  readonly cir: bigint;
  readonly cburst: bigint;
  readonly pir: bigint;
  readonly pburst: bigint;
}
export interface TimeCommand extends At {
  readonly kind: "time";
  readonly ns: bigint;
}
export interface PacketCommand extends At {
  readonly kind: "packet";
  readonly port: number;
  readonly data: Uint8Array;
}
/** `expect <port> …` or `expect host …`; no pattern means "any packet". */
export interface ExpectCommand extends At {
  readonly kind: "expect";
  readonly port: number | "host";
  readonly pattern?: StfPattern;
}
export interface CounterExpectation {
  readonly packets: bigint;
  readonly bytes?: bigint;
}
export interface CheckCounterCommand extends At {
  readonly kind: "check_counter";
  readonly counter: string;
  readonly index: number;
  readonly expected: CounterExpectation;
}
export interface CheckTableCounterCommand extends At {
  readonly kind: "check_table_counter";
  readonly table: string;
  readonly priority?: number;
  readonly keys: readonly StfNamedValue[];
  readonly expected: CounterExpectation;
}
export interface CheckRegisterCommand extends At {
  readonly kind: "check_register";
  readonly register: string;
  readonly index: number;
  readonly value: bigint;
}
export interface ExpectDigestCommand extends At {
  readonly kind: "expect_digest";
  readonly digest: string;
  readonly fields: readonly { readonly name: string; readonly value: bigint }[];
}
export interface WaitCommand extends At {
  readonly kind: "wait";
}

export type StfCommand =
  | AddCommand
  | SetDefaultCommand
  | RemoveCommand
  | McastCommand
  | RegisterWriteCommand
  | MeterSetCommand
  | TimeCommand
  | PacketCommand
  | ExpectCommand
  | CheckCounterCommand
  | CheckTableCounterCommand
  | CheckRegisterCommand
  | ExpectDigestCommand
  | WaitCommand;

export interface StfError {
  readonly line: number;
  readonly message: string;
}

export interface StfParseResult {
  readonly commands: StfCommand[];
  /** One per malformed line; the well-formed lines are still in `commands`. */
  readonly errors: StfError[];
}

/** Thrown inside the parser for one line; becomes an StfError. */
class LineError extends Error {}

const COMMANDS: Readonly<Record<string, (args: string, line: number) => StfCommand>> = {
  add: parseAdd,
  setdefault: parseSetDefault,
  remove: parseRemove,
  mcast: parseMcast,
  register_write: parseRegisterWrite,
  meter_set: parseMeterSet,
  time: (args, line) => ({ kind: "time", line, ns: exactly(words(args), ["<ns>"], "time", (w) => integer(w[0]!, "time")) }),
  packet: parsePacket,
  expect: parseExpect,
  check_counter: parseCheckCounter,
  check_register: parseCheckRegister,
  expect_digest: parseExpectDigest,
  wait: (args, line) => exactly(words(args), [], "wait", () => ({ kind: "wait", line })),
};

/** Parses a whole .stf text; never throws. */
export function parseStf(text: string): StfParseResult {
  const commands: StfCommand[] = [];
  const errors: StfError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const content = stripComment(raw).trim();
    if (content === "") return;
    const [name, rest] = splitFirstWord(content);
    const parse = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!parse) {
      errors.push({ line, message: `unknown command "${name}" (expected one of: ${Object.keys(COMMANDS).join(", ")})` });
      return;
    }
    try {
      commands.push(parse(rest, line));
    } catch (err) {
      if (!(err instanceof LineError)) throw err;
      errors.push({ line, message: `${name}: ${err.message}` });
    }
  });
  return { commands, errors };
}

/** `file:line: message`, the form every .stf problem is reported in. */
export function formatStfError(file: string, error: StfError): string {
  return `${file}:${error.line}: ${error.message}`;
}

// ---------------------------------------------------------------- table commands

function parseAdd(args: string, line: number): AddCommand {
  const { head, call } = splitActionCall(args, "add <table> [<prio>] <key>:<value> … <action>(<param>:<value>, …)");
  const { table, priority, keys } = tableAndKeys(head, "add");
  return { kind: "add", line, table, ...(priority !== undefined ? { priority } : {}), keys, call };
}

function parseSetDefault(args: string, line: number): SetDefaultCommand {
  const usage = "setdefault <table> <action>(<param>:<value>, …)";
  const { head, call } = splitActionCall(args, usage);
  if (head.length !== 1) throw new LineError(`expected one table name before the action, got ${head.length} words; usage: ${usage}`);
  return { kind: "setdefault", line, table: identifier(head[0]!, "table name"), call };
}

function parseRemove(args: string, line: number): RemoveCommand {
  const { table, priority, keys } = tableAndKeys(words(args), "remove");
  return { kind: "remove", line, table, ...(priority !== undefined ? { priority } : {}), keys };
}

/**
 * `<table> [<prio>] <key>:<value> …`: a number right after the table is the
 * priority; key names are as in the table's key block.
 */
function tableAndKeys(ws: string[], command: string): { table: string; priority?: number; keys: StfNamedValue[] } {
  if (ws.length === 0) throw new LineError(`missing table name`);
  const table = identifier(ws[0]!, "table name");
  let rest = ws.slice(1);
  let priority: number | undefined;
  if (rest.length > 0 && /^[0-9]/.test(rest[0]!) && !rest[0]!.includes(":")) {
    priority = smallInteger(rest[0]!, "priority");
    rest = rest.slice(1);
  }
  const keys = rest.map((w) => namedValue(w, "key", `${command} expects keys as <key>:<value>`));
  return { table, ...(priority !== undefined ? { priority } : {}), keys };
}

/** Splits `… <action>(<args>)` into the words before the action and the call. */
function splitActionCall(args: string, usage: string): { head: string[]; call: StfActionCall } {
  const open = args.indexOf("(");
  if (open < 0) throw new LineError(`missing the action call "<action>(…)"; usage: ${usage}`);
  const close = args.lastIndexOf(")");
  if (close < open) throw new LineError(`the action call has no closing ")"`);
  const trailing = args.slice(close + 1).trim();
  if (trailing !== "") throw new LineError(`unexpected "${trailing}" after the action call`);
  const before = words(args.slice(0, open));
  const action = before.pop();
  if (action === undefined || action.includes(":")) throw new LineError(`missing the action name before "("; usage: ${usage}`);
  const inner = args.slice(open + 1, close).trim();
  const argList = inner === "" ? [] : inner.split(",").map((a) => a.trim());
  const callArgs = argList.map((a) =>
    namedValue(a, "action argument", `write action arguments as <param>:<value>, e.g. set_port(port:1)`),
  );
  return { head: before, call: { action: identifier(action, "action name"), args: callArgs } };
}

// ---------------------------------------------------------------- extern and port commands

function parseMcast(args: string, line: number): McastCommand {
  const ws = words(args);
  if (ws.length === 0) throw new LineError(`missing the group number; usage: mcast <group> <port> <port> …`);
  return {
    kind: "mcast",
    line,
    group: smallInteger(ws[0]!, "group"),
    ports: ws.slice(1).map((w) => smallInteger(w, "port")),
  };
}

function parseRegisterWrite(args: string, line: number): RegisterWriteCommand {
  return exactly(words(args), ["<register>", "<index>", "<value>"], "register_write", ([r, i, v]) => ({
    kind: "register_write",
    line,
    register: identifier(r!, "register name"),
    index: smallInteger(i!, "index"),
    value: dataValue(v!, "value"),
  }));
}

function parseMeterSet(args: string, line: number): MeterSetCommand {
  const shape = ["<meter>", "<index>", "<cir>", "<cburst>", "<pir>", "<pburst>"];
  return exactly(words(args), shape, "meter_set", ([m, i, cir, cburst, pir, pburst]) => ({
    kind: "meter_set",
    line,
    meter: identifier(m!, "meter name"),
    index: smallInteger(i!, "index"),
    cir: integer(cir!, "cir"),
    cburst: integer(cburst!, "cburst"),
    pir: integer(pir!, "pir"),
    pburst: integer(pburst!, "pburst"),
  }));
}

function parsePacket(args: string, line: number): PacketCommand {
  const [portWord, hex] = splitFirstWord(args);
  if (portWord === "") throw new LineError(`missing the port; usage: packet <port> <hex>`);
  const port = smallInteger(portWord, "port");
  if (hex.trim() === "") throw new LineError(`missing the packet bytes (hex) after the port`);
  const nibbles = hexNibbles(hex, false);
  return { kind: "packet", line, port, data: nibblesToBytes(nibbles as number[]) };
}

function parseExpect(args: string, line: number): ExpectCommand {
  const [portWord, hex] = splitFirstWord(args);
  if (portWord === "") throw new LineError(`missing the port; usage: expect <port> [<hex>[$]] or expect host [<hex>[$]]`);
  const port = portWord === "host" ? "host" : smallInteger(portWord, "port");
  if (hex.trim() === "") return { kind: "expect", line, port };
  let text = hex.trim();
  const exactLength = text.endsWith("$");
  if (exactLength) text = text.slice(0, -1);
  return { kind: "expect", line, port, pattern: { nibbles: hexNibbles(text, true), exactLength } };
}

function parseCheckCounter(args: string, line: number): CheckCounterCommand | CheckTableCounterCommand {
  const ws = words(args);
  const at = ws.indexOf("packets");
  const usage = "check_counter <counter> <index> packets <n> [bytes <n>], or check_counter <table> [<prio>] <key>:<value> … packets <n> [bytes <n>]";
  if (at < 0) throw new LineError(`missing "packets <n>"; usage: ${usage}`);
  const expected = counterExpectation(ws.slice(at));
  const target = ws.slice(0, at);
  if (target.some((w) => w.includes(":"))) {
    const { table, priority, keys } = tableAndKeys(target, "check_counter");
    return { kind: "check_table_counter", line, table, ...(priority !== undefined ? { priority } : {}), keys, expected };
  }
  if (target.length !== 2) throw new LineError(`expected a counter and an index, or a table and its key; usage: ${usage}`);
  return { kind: "check_counter", line, counter: identifier(target[0]!, "counter name"), index: smallInteger(target[1]!, "index"), expected };
}

/** `packets <n> [bytes <n>]`. */
function counterExpectation(ws: string[]): CounterExpectation {
  if (ws.length !== 2 && ws.length !== 4) throw new LineError(`expected "packets <n>" optionally followed by "bytes <n>", got "${ws.join(" ")}"`);
  const packets = integer(ws[1]!, "packet count");
  if (ws.length === 2) return { packets };
  if (ws[2] !== "bytes") throw new LineError(`expected "bytes <n>" after the packet count, got "${ws[2]}"`);
  return { packets, bytes: integer(ws[3]!, "byte count") };
}

function parseCheckRegister(args: string, line: number): CheckRegisterCommand {
  return exactly(words(args), ["<register>", "<index>", "<value>"], "check_register", ([r, i, v]) => ({
    kind: "check_register",
    line,
    register: identifier(r!, "register name"),
    index: smallInteger(i!, "index"),
    value: dataValue(v!, "value"),
  }));
}

function parseExpectDigest(args: string, line: number): ExpectDigestCommand {
  const ws = words(args);
  if (ws.length === 0) throw new LineError(`missing the digest name; usage: expect_digest <digest> <field>:<value> …`);
  const fields = ws.slice(1).map((w) => {
    const f = namedValue(w, "field", `expect_digest expects fields as <field>:<value>`);
    return { name: f.name, value: dataValue(f.value, `value of field "${f.name}"`) };
  });
  return { kind: "expect_digest", line, digest: identifier(ws[0]!, "digest name"), fields };
}

// ---------------------------------------------------------------- lexical pieces

/** `#` starts a comment anywhere on the line (no .stf token contains `#`). */
function stripComment(line: string): string {
  const hash = line.indexOf("#");
  return hash < 0 ? line : line.slice(0, hash);
}

function words(text: string): string[] {
  const t = text.trim();
  return t === "" ? [] : t.split(/\s+/);
}

function splitFirstWord(text: string): [string, string] {
  const t = text.trim();
  const m = /^(\S*)\s*([\s\S]*)$/.exec(t)!;
  return [m[1]!, m[2]!];
}

/** Calls `build` when `ws` has exactly the words of `shape`, otherwise explains the usage. */
function exactly<T>(ws: string[], shape: string[], command: string, build: (ws: string[]) => T): T {
  if (ws.length !== shape.length) {
    const usage = [command, ...shape].join(" ");
    throw new LineError(`expected ${shape.length} argument${shape.length === 1 ? "" : "s"}, got ${ws.length}; usage: ${usage}`);
  }
  return build(ws);
}

function identifier(word: string, what: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(word)) throw new LineError(`bad ${what} "${word}"`);
  return word;
}

/**
 * `name:value`, split at the first `:` so that MAC and IPv6 values keep theirs; a `:`
 * inside brackets belongs to the name (a slice key such as `ip.dst[31:24]`).
 */
function namedValue(word: string, what: string, hint: string): StfNamedValue {
  const colon = firstColonOutsideBrackets(word);
  if (colon < 0) throw new LineError(`malformed ${what} "${word}": ${hint}`);
  const name = word.slice(0, colon);
  const value = word.slice(colon + 1);
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\[[0-9]+\])?(\.[A-Za-z_][A-Za-z0-9_]*(\[[0-9]+\])?)*(\[[0-9]+:[0-9]+\])?$/.test(name)) {
    throw new LineError(`malformed ${what} "${word}": "${name}" is not a ${what} name`);
  }
  if (value === "") throw new LineError(`malformed ${what} "${word}": no value after ":"`);
  return { name, value };
}

function firstColonOutsideBrackets(word: string): number {
  let depth = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c === "[") depth++;
    else if (c === "]") depth = Math.max(0, depth - 1);
    else if (c === ":" && depth === 0) return i;
  }
  return -1;
}

/** An integer of the file's own syntax (port, index, priority, count): decimal, `0x…` or `0b…`. */
function integer(word: string, what: string): bigint {
  try {
    return parseInteger(word);
  } catch (err) {
    if (!(err instanceof ValueError)) throw err;
    throw new LineError(`bad ${what} "${word}": expected a non-negative integer (decimal, 0x… or 0b…)`);
  }
}

function smallInteger(word: string, what: string): number {
  const n = integer(word, what);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new LineError(`${what} ${word} is too large`);
  return Number(n);
}

/** A register or digest value: an integer, or an IPv4, MAC or IPv6 address. */
function dataValue(word: string, what: string): bigint {
  try {
    return parseValue(word);
  } catch (err) {
    if (!(err instanceof ValueError)) throw err;
    throw new LineError(`bad ${what}: ${err.message}`);
  }
}

/** Hex digits (spaces between them ignored); `*` only where wildcards are allowed. */
function hexNibbles(text: string, wildcards: boolean): (number | undefined)[] {
  const digits = text.replace(/\s+/g, "");
  const nibbles: (number | undefined)[] = [];
  for (let i = 0; i < digits.length; i++) {
    const c = digits[i]!;
    if (c === "*" && wildcards) nibbles.push(undefined);
    else if (/[0-9a-fA-F]/.test(c)) nibbles.push(parseInt(c, 16));
    else {
      const allowed = wildcards ? "hex digits or *" : "hex digits";
      const why = c === "$" ? `"$" may only end an expectation` : c === "*" ? `"*" is allowed only in expect` : `"${c}" is not one of ${allowed}`;
      throw new LineError(`bad hex at digit ${i + 1}: ${why}`);
    }
  }
  if (nibbles.length % 2 !== 0) throw new LineError(`bad hex: odd number of hex digits (${nibbles.length}); every byte takes two`);
  return nibbles;
}

function nibblesToBytes(nibbles: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(nibbles.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!;
  return bytes;
}
