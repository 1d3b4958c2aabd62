/**
 * Which Node runs the engine host. Electron's own executable is not plain Node,
 * and better-sqlite3 is built for the system Node's ABI, so the desktop app forks
 * the host with a real node binary. Imports no electron (unit-testable).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A usable node binary, or null with the places that were tried. */
export function findNodeBinary(
  env: NodeJS.ProcessEnv = process.env,
  inElectron = !!process.versions.electron,
): { path: string } | { path: null; tried: string[] } {
  const tried: string[] = [];
  const usable = (p: string | undefined): p is string => {
    if (!p) return false;
    tried.push(p);
    try {
      accessSync(p, constants.X_OK);
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  // An explicit choice (scripts/start.mjs passes the node that ran it).
  if (usable(env.EMBEDLAB_NODE)) return { path: env.EMBEDLAB_NODE };
  // Plain Node (tests, tools): the running binary is the right one.
  if (!inElectron) return { path: process.execPath };
  // Launched through npm: the node that ran npm.
  if (usable(env.npm_node_execpath)) return { path: env.npm_node_execpath };
  const names = process.platform === 'win32' ? ['node.exe'] : ['node'];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (usable(candidate)) return { path: candidate };
    }
  }
  return { path: null, tried };
}
