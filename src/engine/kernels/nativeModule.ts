/**
 * The native kernels (native/*.c, built at install into native/build/kernels.node),
 * loaded once for every kernel family. Null where they were not built, or were built
 * for another platform or Node: the JavaScript kernels stand in.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../base/paths.js';

let loaded: Record<string, unknown> | null | undefined;

export function nativeModule(): Record<string, unknown> | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  try {
    const path = join(appRoot(), 'native', 'build', 'kernels.node');
    if (existsSync(path)) loaded = createRequire(import.meta.url)(path) as Record<string, unknown>;
  } catch {
    loaded = null;
  }
  return loaded;
}

/**
 * The named functions of the native module, or null unless all of them are there (an
 * older build may lack the newest). Node-API properties are not enumerable: they are
 * picked by name.
 */
export function nativeFunctions<T>(names: readonly (keyof T & string)[]): T | null {
  const m = nativeModule();
  if (!m || !names.every((n) => typeof m[n] === 'function')) return null;
  return Object.fromEntries(names.map((n) => [n, m[n]])) as T;
}
