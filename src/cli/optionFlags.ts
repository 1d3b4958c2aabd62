/**
 * CLI flags derived from option specs (src/shared/options.ts): --min-count for minCount,
 * --normalize / --no-normalize for booleans, every choice value as its own switch
 * (--dynamic means --weighting dynamic), and an option's aliases. Values go to the
 * engine as typed; it checks them against the same spec and names the option in its error.
 */
import type { OptionSpec } from '../shared/options.js';
import { UsageError, type FlagSpec, type ParsedArgs } from './args.js';

export const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const namesOf = (o: OptionSpec): string[] => [kebab(o.key), ...(o.aliases ?? [])];

/** The flags an option list gives a command. */
export function optionFlagSpecs(options: readonly OptionSpec[]): FlagSpec[] {
  const out: FlagSpec[] = [];
  for (const o of options) {
    for (const name of namesOf(o)) {
      if (o.type === 'boolean') out.push({ name, kind: 'boolean' }, { name: `no-${name}`, kind: 'boolean' });
      else out.push({ name, kind: 'string' });
    }
    if (o.type === 'choice') for (const c of o.choices) out.push({ name: c, kind: 'boolean' });
  }
  const seen = new Set<string>();
  return out.filter((f) => !seen.has(f.name) && seen.add(f.name));
}

/**
 * The options given on the command line. A flag that belongs to none of these options
 * (nor to `own`, the command's other flags) is an error naming the options that exist.
 */
export function optionValuesFromFlags(options: readonly OptionSpec[], args: ParsedArgs, own: ReadonlySet<string>, what: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const o of options) {
    for (const name of namesOf(o)) {
      const v = args.flags.get(name);
      if (o.type === 'boolean') {
        if (v !== undefined) values[o.key] = true;
        if (args.flags.has(`no-${name}`)) values[o.key] = false;
        used.add(name).add(`no-${name}`);
      } else if (v !== undefined) {
        values[o.key] = v;
        used.add(name);
      }
    }
    if (o.type === 'choice') {
      for (const c of o.choices) {
        if (!args.flags.has(c)) continue;
        values[o.key] = c;
        used.add(c);
      }
    }
  }
  for (const flag of args.flags.keys()) {
    if (!used.has(flag) && !own.has(flag)) {
      throw new UsageError(`--${flag} is not an option of ${what}. Its options: ${options.map((o) => `--${kebab(o.key)}`).join(' ')}`);
    }
  }
  return values;
}

/** One line per option: its flag, help and default. */
export function optionsHelp(options: readonly OptionSpec[], indent = '      '): string {
  return options
    .map((o) => `${indent}--${kebab(o.key).padEnd(18)} ${o.help} (default ${o.default}${o.type === 'choice' ? `; ${o.choices.join('|')}` : ''})`)
    .join('\n');
}
