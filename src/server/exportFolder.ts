/**
 * Export path safety for the server: the user chooses a base folder; a requested name is resolved
 * inside it and refused when it could land anywhere else: an absolute path, a ".." segment, a NUL byte,
 * or a symbolic link (in the existing part of the path) that leads out of the base.
 *
 * The files themselves are then written to a new temporary name (O_EXCL) and renamed over the target,
 * so a link at the target is replaced, never written through (sink.ts).
 */
import { lstat, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { LabError } from '../shared/labError.js';

function inside(base: string, p: string): boolean {
  const rel = relative(base, p);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The absolute path of `requested` inside `baseDir`, or LabError('invalid') when it would escape.
 * With allowBase, "" or "." names the base folder itself (for formats that write a folder).
 */
export async function resolveExportPath(baseDir: string, requested: string, options: { allowBase?: boolean } = {}): Promise<string> {
  if (typeof requested !== 'string') throw new LabError('The export file name must be a string.', 'invalid');
  if (requested.includes('\0')) throw new LabError('The export file name contains a NUL byte.', 'invalid');
  if (isAbsolute(requested) || /^[a-zA-Z]:/.test(requested) || requested.startsWith('\\')) {
    throw new LabError(`The export file name must be relative to the chosen folder, not absolute (${requested}).`, 'invalid');
  }
  const segments = requested.split(/[\\/]+/);
  if (segments.includes('..')) throw new LabError(`The export file name must not contain ".." (${requested}).`, 'invalid');
  const named = segments.filter((s) => s !== '' && s !== '.');
  if (named.length === 0 && !options.allowBase) throw new LabError('The export needs a file name.', 'invalid');

  let base: string;
  try {
    base = await realpath(baseDir);
    if (!(await stat(base)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new LabError(`The export folder ${baseDir} does not exist or is not a folder.`, 'invalid');
  }
  const target = named.length ? join(base, ...named) : base;
  if (!inside(base, target)) throw new LabError(`The export path ${requested} leads outside ${baseDir}.`, 'invalid');

  // The deepest part of the path that exists must really (after links) be inside the base.
  let probe = target;
  for (;;) {
    try {
      const real = await realpath(probe);
      if (!inside(base, real)) throw new LabError(`The export path ${requested} leads outside ${baseDir} through a symbolic link.`, 'invalid');
      break;
    } catch (e) {
      if (e instanceof LabError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new LabError(`Cannot use the export path ${requested}: ${(e as Error).message}`, 'invalid');
      if (await isLink(probe)) throw new LabError(`The export path ${requested} goes through a symbolic link that points nowhere.`, 'invalid');
      if (probe === base) break;
      probe = dirname(probe);
    }
  }
  return resolve(target);
}

async function isLink(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isSymbolicLink();
  } catch {
    return false;
  }
}
