/**
 * Finds the text files under a folder. Symlinks are followed, but a folder is
 * entered at most once (by its real path), so link loops end. Everything that
 * is not read is reported with the reason, never dropped silently.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SkippedFile } from '../../shared/contract.js';

export const TEXT_EXTENSIONS = ['.txt', '.md', '.text'];

export interface FoundFile {
  /** Path relative to the root, with forward slashes. */
  path: string;
  absPath: string;
  bytes: number;
  gzip: boolean;
}

export interface WalkResult {
  files: FoundFile[];
  skipped: SkippedFile[];
}

export function isTextFileName(name: string): { ok: boolean; gzip: boolean } {
  const lower = name.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const base = gzip ? lower.slice(0, -3) : lower;
  return { ok: TEXT_EXTENSIONS.some((e) => base.endsWith(e)), gzip };
}

export function walkTextFiles(root: string): WalkResult {
  const files: FoundFile[] = [];
  const skipped: SkippedFile[] = [];
  let rootStat;
  try {
    rootStat = statSync(root);
  } catch (e) {
    throw new Error(`Cannot read the folder ${root}: ${describeFsError(e)}.`);
  }
  const rel = (abs: string): string => relative(root, abs).split(sep).join('/') || abs;
  if (rootStat.isFile()) {
    // A single file is accepted too: it is a corpus of one document.
    const kind = isTextFileName(root);
    if (!kind.ok) throw new Error(`${root} is not a .txt, .md or .text file (or the .gz of one).`);
    return { files: [{ path: root.split(sep).pop()!, absPath: root, bytes: rootStat.size, gzip: kind.gzip }], skipped };
  }
  if (!rootStat.isDirectory()) throw new Error(`${root} is neither a folder nor a file.`);

  const seenDirs = new Set<string>();
  const visit = (dir: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (e) {
      skipped.push({ path: rel(dir), reason: `cannot resolve folder (${(e as NodeJS.ErrnoException).code})` });
      return;
    }
    if (seenDirs.has(real)) {
      if (dir !== root) skipped.push({ path: rel(dir) + '/', reason: 'folder already visited (symlink loop or second link)' });
      return;
    }
    seenDirs.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      skipped.push({ path: rel(dir) + '/', reason: `cannot list folder (${(e as NodeJS.ErrnoException).code})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      let st;
      try {
        st = statSync(abs); // follows symlinks
      } catch (e) {
        skipped.push({ path: rel(abs), reason: `cannot read (${(e as NodeJS.ErrnoException).code}, perhaps a broken link)` });
        continue;
      }
      if (st.isDirectory()) {
        visit(abs);
        continue;
      }
      if (!st.isFile()) {
        skipped.push({ path: rel(abs), reason: 'not a regular file' });
        continue;
      }
      const kind = isTextFileName(entry.name);
      if (!kind.ok) {
        skipped.push({ path: rel(abs), reason: 'not a text file type (.txt, .md, .text, or their .gz)' });
        continue;
      }
      files.push({ path: rel(abs), absPath: abs, bytes: st.size, gzip: kind.gzip });
    }
  };
  visit(root);
  return { files, skipped };
}

/** A file-system error in words, with the code kept for searching. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    ENOENT: 'it does not exist', EACCES: 'permission denied', EPERM: 'permission denied',
    ENOTDIR: 'a part of the path is not a folder', ELOOP: 'too many symbolic links', EISDIR: 'it is a folder',
  };
  return code && words[code] ? `${words[code]} (${code})` : code ?? (e as Error).message;
}
