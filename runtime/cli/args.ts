// Command-line argument parsing for `pnet`, hand-written so the CLI has no
// dependency: `--flag value`, `--flag=value`, short aliases (`-o FILE`),
// boolean flags, `--` to end options, and positionals checked against the
// command's usage. Every mistake is a UsageError with one clear line.

export class UsageError extends Error {
  override name = "UsageError";
}

export interface FlagSpec {
  /** True when the flag takes a value (`--out FILE`); false for a switch (`--json`). */
  readonly value: boolean;
  /** A one-letter alias, without the dash (`o` for `-o`). */
  readonly short?: string;
}

export interface CommandSpec {
  /** `pnet <name>`, used in messages. */
  readonly name: string;
  /** Names of the required positionals, in order (`prog.pnet`, `prog.stf`). */
  readonly positionals: readonly string[];
  /** Flag names without the leading `--`. */
  readonly flags: Readonly<Record<string, FlagSpec>>;
}

export interface ParsedArgs {
  readonly positionals: string[];
  /** Switches are `true`; valued flags hold their value. */
  readonly flags: ReadonlyMap<string, string | true>;
  /** `--help` or `-h` was given anywhere: the command prints its help and nothing else. */
  readonly help: boolean;
}

export function parseArgs(argv: readonly string[], spec: CommandSpec): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  let help = false;
  const seeHelp = `see \`pnet ${spec.name} --help\``;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const { name, inline } = splitFlag(arg, spec, seeHelp);
    const flag = spec.flags[name]!;
    if (!flag.value) {
      if (inline !== undefined) throw new UsageError(`option --${name} takes no value; ${seeHelp}`);
      flags.set(name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) {
      throw new UsageError(`option --${name} needs a value; ${seeHelp}`);
    }
    if (flags.has(name)) throw new UsageError(`option --${name} is given twice; ${seeHelp}`);
    flags.set(name, value);
  }
  if (!help) checkPositionals(positionals, spec, seeHelp);
  return { positionals, flags, help };
}

/** `--name`, `--name=value` or `-x` → the flag's long name and an inline value. */
function splitFlag(arg: string, spec: CommandSpec, seeHelp: string): { name: string; inline?: string } {
  if (arg.startsWith("--")) {
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (!Object.hasOwn(spec.flags, name)) throw new UsageError(`unknown option --${name} for pnet ${spec.name}; ${seeHelp}`);
    return eq < 0 ? { name } : { name, inline: arg.slice(eq + 1) };
  }
  const short = arg.slice(1);
  const name = Object.keys(spec.flags).find((n) => spec.flags[n]!.short === short);
  if (name === undefined) throw new UsageError(`unknown option ${arg} for pnet ${spec.name}; ${seeHelp}`);
  return { name };
}

function checkPositionals(positionals: string[], spec: CommandSpec, seeHelp: string): void {
  const wanted = spec.positionals;
  if (positionals.length < wanted.length) {
    const missing = wanted.slice(positionals.length).join(" and ");
    throw new UsageError(`missing ${missing} for pnet ${spec.name}; ${seeHelp}`);
  }
  if (positionals.length > wanted.length) {
    throw new UsageError(`unexpected argument "${positionals[wanted.length]}" for pnet ${spec.name}; ${seeHelp}`);
  }
}

/** A valued flag's value, or undefined. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

export function flagSet(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

/** A valued flag that must be one of `choices`. */
export function flagChoice<T extends string>(args: ParsedArgs, name: string, choices: readonly T[]): T | undefined {
  const v = flagValue(args, name);
  if (v === undefined) return undefined;
  if (!(choices as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${choices.join(", ")}, not "${v}"`);
  return v as T;
}

/** A valued flag holding a non-negative integer no larger than `max`. */
export function flagInteger(args: ParsedArgs, name: string, max: number): number | undefined {
  const v = flagValue(args, name);
  if (v === undefined) return undefined;
  if (!/^[0-9]+$/.test(v) || Number(v) > max) throw new UsageError(`--${name} must be an integer from 0 to ${max}, not "${v}"`);
  return Number(v);
}
