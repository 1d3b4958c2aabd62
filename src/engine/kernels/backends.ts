/**
 * The kernel backends, in order of preference. Adding one is one more name here and
 * one more column in registry.ts; its implementations return null where it cannot
 * run, and the next backend in this order stands in.
 */
export const BACKENDS = ['native', 'tfjs', 'js'] as const;

export type Backend = (typeof BACKENDS)[number];

export function isBackend(name: string | undefined): name is Backend {
  return (BACKENDS as readonly string[]).includes(name ?? '');
}
