/**
 * Temporary files a killed process leaves behind, named so that the next job of the same
 * kind can tell them from a live one's and remove them: a half-written export beside its
 * target (.NAME.<owner>-<random>.partial) and a co-occurrence spill folder in the temp
 * directory (embedlab-cooc-<owner>-<random>). <owner> is the process token with ':' as '-'
 * (base/processToken.ts); older names carry the bare PID.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { ownerAlive, PROCESS_TOKEN } from './processToken.js';

const OWNER = PROCESS_TOKEN.replace(':', '-');
const PARTIAL = /^\..+\.(\d+)(?:-(\d+))?-[0-9a-f]+\.partial$/;
const SPILL = /^embedlab-cooc-(\d+)(?:-(\d+))?-[0-9A-Za-z]+$/;

/** The temporary name an export (or a backup) writes before renaming it to `target`. */
export function partialName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${OWNER}-${randomBytes(4).toString('hex')}.partial`);
}

const tokenOf = (m: RegExpMatchArray): string => (m[2] ? `${m[1]}:${m[2]}` : m[1]);

/** Removes the partial files in `folder` whose process is gone; returns how many. */
export function sweepPartials(folder: string): number {
  let n = 0;
  for (const name of safeList(folder)) {
    const m = name.match(PARTIAL);
    if (!m || ownerAlive(tokenOf(m))) continue;
    rmSync(join(folder, name), { force: true });
    n++;
  }
  return n;
}

/** A fresh spill folder's path for this process (the caller creates it). */
export function spillDirPath(): string {
  return join(tmpdir(), `embedlab-cooc-${OWNER}-${randomBytes(4).toString('hex')}`);
}

/**
 * Removes the spill folders of processes that are gone, and empty ones of the old naming
 * (mkdtemp's embedlab-cooc-XXXXXX, with no owner) older than an hour; returns how many.
 */
export function sweepSpillDirs(root = tmpdir()): number {
  let n = 0;
  for (const name of safeList(root)) {
    if (!name.startsWith('embedlab-cooc-')) continue;
    const path = join(root, name);
    const m = name.match(SPILL);
    const dead = m ? !ownerAlive(tokenOf(m)) : safeList(path).length === 0 && Date.now() - statSync(path).mtimeMs > 3600_000;
    if (!dead) continue;
    rmSync(path, { recursive: true, force: true });
    n++;
  }
  return n;
}

function safeList(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
