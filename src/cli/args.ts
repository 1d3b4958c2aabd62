/**
 * The CLI's argument parser: positionals, --flag, --key value and --key=value, against
 * the flags a command declares. A flag the command does not know is an error (a typo
 * must not be silently ignored), and so is a malformed value.
 */
import { printable } from '../shared/printable.js';

export type FlagKind = 'string' | 'int' | 'boolean';

export interface FlagSpec {
  name: string;
  kind: FlagKind;
  /** For int flags: the accepted range. */
  min?: number;
  max?: number;
  /** May be given more than once (`--grid dim=50 --grid window=2`); listFlag reads every value. */
  repeatable?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
  /** Every value of a repeatable flag, in order. */
  lists: Map<string, string[]>;
}

export class UsageError extends Error {}

/** Flags every command takes. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'db', kind: 'string' },
  { name: 'json', kind: 'boolean' },
  { name: 'help', kind: 'boolean' },
];

/** The command words and the global flags, read before the command's own flags are known. */
export function commandWords(argv: string[]): { words: string[]; db?: string; json: boolean; help: boolean } {
  const words: string[] = [];
  let db: string | undefined;
  let json = false;
  let help = false;
  let inWords = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--db') db = argv[++i];
    else if (a.startsWith('--db=')) db = a.slice(5);
    else if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') help = true;
    else if (a.startsWith('-')) inWords = false;
    else if (inWords && words.length < 2) words.push(a);
    else inWords = false;
  }
  return { words, db, json, help };
}

export function parseArgs(argv: string[], specs: FlagSpec[], command: string): ParsedArgs {
  const known = new Map([...GLOBAL_FLAGS, ...specs].map((s) => [s.name, s]));
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-h') {
      if (a === '-h') flags.set('help', true);
      else positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const spec = known.get(key);
    if (!spec) {
      const names = specs.map((s) => `--${s.name}`).join(' ');
      throw new UsageError(`--${printable(key)} is not an option of ${command}.${names ? ` Its options: ${names}` : ''}`);
    }
    if (spec.kind === 'boolean') {
      if (eq > 0) throw new UsageError(`--${key} is a switch; it takes no value.`);
      flags.set(key, true);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${key} needs a value.`);
    if (spec.kind === 'int') checkInt(spec, value);
    if (spec.repeatable) lists.set(key, [...(lists.get(key) ?? []), value]);
    flags.set(key, value);
  }
  return { positionals, flags, lists };
}

/** A strict decimal integer: "16", not "0x10", "1e3" or "16abc". */
const INTEGER = /^[+-]?\d+$/;

function checkInt(spec: FlagSpec, v: string): void {
  const n = Number(v);
  const range = spec.min !== undefined && spec.max !== undefined ? ` from ${spec.min} to ${spec.max}` : '';
  if (!INTEGER.test(v) || (spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
    throw new UsageError(`--${spec.name} must be an integer${range}, not "${printable(v)}".`);
  }
}

export { printable };

export function stringFlag(args: ParsedArgs, key: string): string | undefined {
  const v = args.flags.get(key);
  if (v === true) throw new UsageError(`--${key} needs a value.`);
  return v;
}

/** Every value of a repeatable flag (empty when not given). */
export function listFlag(args: ParsedArgs, key: string): string[] {
  return args.lists.get(key) ?? [];
}

export function intFlag(args: ParsedArgs, key: string): number | undefined {
  const v = stringFlag(args, key);
  return v === undefined ? undefined : Number(v);
}

export function requirePositional(args: ParsedArgs, index: number, what: string): string {
  const v = args.positionals[index];
  if (v === undefined) throw new UsageError(`Missing ${what}.`);
  return v;
}

/** A positional id: a positive integer. */
export function idAt(args: ParsedArgs, index: number, what: string): number {
  const raw = requirePositional(args, index, `the ${what} id`);
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`A ${what} id is a positive integer, not "${printable(raw)}".`);
  return Number(raw);
}
