/**
 * Finds the text files under a folder. Symlinks are followed, but a folder is
 * entered at most once (by its real path), so link loops end. Everything that
 * is not read is reported with the reason, never dropped silently.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { sep } from 'node:path';
import type { SkippedFile } from '../../shared/contract.js';

export const TEXT_EXTENSIONS = ['.txt', '.md', '.text'];

export interface FoundFile {
  /** Path relative to the root, with forward slashes; bytes that are not UTF-8 shown as \xNN. */
  path: string;
  /** The path to open: a string, or the raw bytes where a name is not valid UTF-8 (as Linux allows). */
  absPath: string | Uint8Array;
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

/**
 * A file name as bytes, made readable: valid UTF-8 as text, any other byte as \xNN. Names are
 * read as bytes because a name that is not UTF-8, decoded to a string, no longer opens the file.
 */
export function displayName(name: Uint8Array): string {
  if (isUtf8(name)) return Buffer.from(name.buffer, name.byteOffset, name.length).toString('utf8');
  let out = '';
  let i = 0;
  while (i < name.length) {
    const b = name[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    const seq = name.subarray(i, i + len);
    if (len > 0 && seq.length === len && isUtf8(seq)) {
      out += Buffer.from(seq).toString('utf8');
      i += len;
    } else {
      out += `\\x${b.toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}

const SLASH = Buffer.from(sep);

/** A path to hand to fs: the string where it is valid UTF-8 (as every name was before), else the bytes. */
const openable = (p: Buffer): string | Uint8Array => (isUtf8(p) ? p.toString('utf8') : p);

export function walkTextFiles(root: string): WalkResult {
  const files: FoundFile[] = [];
  const skipped: SkippedFile[] = [];
  let rootStat;
  try {
    rootStat = statSync(root);
  } catch (e) {
    throw new Error(`Cannot read the folder ${root}: ${describeFsError(e)}.`);
  }
  if (rootStat.isFile()) {
    // A single file is accepted too: it is a corpus of one document.
    const kind = isTextFileName(root);
    if (!kind.ok) throw new Error(`${root} is not a .txt, .md or .text file (or the .gz of one).`);
    return { files: [{ path: root.split(sep).pop()!, absPath: root, bytes: rootStat.size, gzip: kind.gzip }], skipped };
  }
  if (!rootStat.isDirectory()) throw new Error(`${root} is neither a folder nor a file.`);

  const seenDirs = new Set<string>();
  const visit = (dir: Buffer, rel: string): void => {
    let real: string;
    try {
      // .native: the JavaScript realpath turns the bytes into a string. latin1 keeps distinct bytes distinct.
      real = realpathSync.native(dir, { encoding: 'buffer' }).toString('latin1');
    } catch (e) {
      skipped.push({ path: rel || root, reason: `cannot resolve folder (${(e as NodeJS.ErrnoException).code})` });
      return;
    }
    if (seenDirs.has(real)) {
      if (rel !== '') skipped.push({ path: rel + '/', reason: 'folder already visited (symlink loop or second link)' });
      return;
    }
    seenDirs.add(real);
    let entries: { name: string; raw: Buffer }[];
    try {
      entries = readdirSync(dir, { encoding: 'buffer' }).map((raw) => ({ name: displayName(raw), raw }));
    } catch (e) {
      skipped.push({ path: (rel || root) + '/', reason: `cannot list folder (${(e as NodeJS.ErrnoException).code})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : Buffer.compare(a.raw, b.raw)));
    for (const entry of entries) {
      const abs = Buffer.concat([dir, SLASH, entry.raw]);
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      let st;
      try {
        st = statSync(abs); // follows symlinks
      } catch (e) {
        skipped.push({ path, reason: `cannot read (${(e as NodeJS.ErrnoException).code}, perhaps a broken link)` });
        continue;
      }
      if (st.isDirectory()) {
        visit(abs, path);
        continue;
      }
      if (!st.isFile()) {
        skipped.push({ path, reason: 'not a regular file' });
        continue;
      }
      const kind = isTextFileName(entry.name);
      if (!kind.ok) {
        skipped.push({ path, reason: 'not a text file type (.txt, .md, .text, or their .gz)' });
        continue;
      }
      files.push({ path, absPath: openable(abs), bytes: st.size, gzip: kind.gzip });
    }
  };
  visit(Buffer.from(root), '');
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
