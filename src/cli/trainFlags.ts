/**
 * CLI flags derived from the methods' option specs: --min-count for minCount,
 * --normalize / --no-normalize for booleans, and every choice value as its own
 * switch (--dynamic means --weighting dynamic).
 */
import type { MethodInfo } from '../shared/contract.js';
import type { ParsedArgs } from './args.js';
import { UsageError } from './args.js';

export const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function switchFlags(methods: MethodInfo[]): Set<string> {
  const out = new Set<string>();
  for (const m of methods) {
    for (const o of m.options) {
      if (o.type === 'boolean') {
        out.add(kebab(o.key));
        out.add(`no-${kebab(o.key)}`);
      }
      if (o.type === 'choice') for (const c of o.choices ?? []) out.add(c);
    }
  }
  return out;
}

/** The method's params given on the command line; flags that belong to no option of this method are errors. */
export function paramsFromFlags(method: MethodInfo, args: ParsedArgs, commonFlags: ReadonlySet<string>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const o of method.options) {
    const flag = kebab(o.key);
    const v = args.flags.get(flag);
    if (o.type === 'boolean') {
      if (v !== undefined) params[o.key] = v === true ? true : v === 'true' ? true : v === 'false' ? false : v;
      if (args.flags.has(`no-${flag}`)) params[o.key] = false;
      used.add(flag).add(`no-${flag}`);
    } else if (v !== undefined) {
      if (v === true) throw new UsageError(`--${flag} needs a value.`);
      params[o.key] = o.type === 'choice' ? v : Number(v);
      used.add(flag);
    }
    if (o.type === 'choice') {
      for (const c of o.choices ?? []) {
        if (args.flags.has(c)) {
          params[o.key] = c;
          used.add(c);
        }
      }
    }
  }
  for (const flag of args.flags.keys()) {
    if (!used.has(flag) && !commonFlags.has(flag)) {
      throw new UsageError(`--${flag} is not an option of ${method.id}. Its options: ${method.options.map((o) => `--${kebab(o.key)}`).join(' ')}`);
    }
  }
  return params;
}

export function methodHelp(methods: MethodInfo[]): string {
  return methods
    .map((m) => [`  ${m.id}: ${m.summary}`, ...m.options.map((o) => `      --${kebab(o.key).padEnd(18)} ${o.help} (default ${o.default}${o.choices ? `; ${o.choices.join('|')}` : ''})`)].join('\n'))
    .join('\n');
}
