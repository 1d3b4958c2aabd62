/**
 * What the contract's validation says when a call's input is wrong, in words a person reads:
 * "must be a whole number, not NaN (an empty or unreadable number)" where zod would say
 * "Expected number, received nan". A zod error map, passed to every parse of a call's input;
 * messages a schema gives itself ("must not be empty") are kept as they are.
 */
import type { z } from 'zod/v3';
import { quoted } from './printable.js';

const KIND: Record<string, string> = {
  number: 'a number',
  integer: 'an integer (a whole number)',
  bigint: 'an integer',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

const kind = (t: string): string => KIND[t] ?? `a value of type ${t}`;

/** What was sent instead, named by what it is (and shown when it is short). */
function sent(received: string, data: unknown): string {
  if (received === 'nan') return 'NaN (what an empty or unreadable number field sends)';
  if (received === 'float' && typeof data === 'number') return `${data}, which has a fraction`;
  if (typeof data === 'string') return `the text ${quoted(data, 40)}`;
  if (typeof data === 'number' || typeof data === 'boolean' || data === null) return String(data);
  return received === 'array' ? 'a list' : received === 'object' ? 'an object' : received;
}

const plural = (n: number | bigint, one: string, many: string): string => `${n} ${Number(n) === 1 ? one : many}`;

function bound(issue: { type: string; inclusive: boolean }, n: number | bigint, small: boolean): string {
  const size = (one: string, many: string): string => `${small ? 'at least' : 'at most'} ${plural(n, one, many)}`;
  if (issue.type === 'string') return small && Number(n) === 1 ? 'must not be empty' : `must be ${size('character', 'characters')} long`;
  if (issue.type === 'array' || issue.type === 'set') return `must hold ${size('item', 'items')}`;
  const word = small ? (issue.inclusive ? 'at least' : 'greater than') : issue.inclusive ? 'at most' : 'less than';
  return `must be ${word} ${String(n)}`;
}

export const readableInputErrors: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return { message: `is required (${kind(issue.expected)})` };
      return { message: `must be ${kind(issue.expected)}, not ${sent(issue.received, ctx.data)}` };
    case 'too_small':
      return { message: bound(issue, issue.minimum, true) };
    case 'too_big':
      return { message: bound(issue, issue.maximum, false) };
    case 'invalid_enum_value':
      return { message: `must be one of ${issue.options.join(', ')}, not ${quoted(String(issue.received), 40)}` };
    case 'invalid_union_discriminator':
      return { message: `must be one of ${issue.options.map(String).join(', ')}` };
    case 'unrecognized_keys':
      return { message: `has no field ${issue.keys.map((k) => quoted(k, 40)).join(', ')}` };
    case 'invalid_string':
      return { message: 'is not in the form this field takes' };
    default:
      return { message: ctx.defaultError };
  }
};

/** A schema's own message that names what the field takes ("an upload id") becomes a sentence. */
const asSentence = (i: { code: string; message: string }): string => (i.code === 'invalid_string' && /^an? /.test(i.message) ? `must be ${i.message}` : i.message);

/** The issues as "path: message; …", at most `max` of them. */
export function describeIssues(issues: readonly { path: (string | number)[]; message: string; code: string }[], max = 4): string {
  const shown = issues.slice(0, max).map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${asSentence(i)}`);
  const more = issues.length > max ? `; and ${plural(issues.length - max, 'more problem', 'more problems')}` : '';
  return `${shown.join('; ')}${more}`;
}
