/**
 * Backup and restore of a lab file. A backup goes through SQLite's online backup API,
 * so it is a consistent copy even while jobs write (a writer's commit during the copy
 * makes SQLite restart it from the changed pages); it is written beside its target and
 * renamed into place only when whole. A restore replaces a closed lab with a file that
 * is checked first: a SQLite database, a lab (its migrations table), a schema this app
 * reads, and PRAGMA integrity_check ok.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LabError } from '../../shared/labError.js';
import type { ProgressSink } from '../base/progress.js';
import { Cancelled } from '../base/errors.js';
import { migrations } from './migrations.js';
import { partialName, sweepPartials } from '../base/leftovers.js';
import { schemaVersion, type Db } from './db.js';

/** Pages copied per step: 16 MiB at SQLite's default page size, so a writer waits at most one step. */
const PAGES_PER_STEP = 4096;

export interface BackupResult {
  out: string;
  bytes: number;
  schemaVersion: number;
}


export async function backupLab(db: Db, target: string, progress: ProgressSink, signal: AbortSignal): Promise<BackupResult> {
  const out = resolve(target);
  if (!existsSync(dirname(out))) throw new LabError(`Cannot back up to ${out}: the folder ${dirname(out)} does not exist.`, 'invalid', 'out');
  if (existsSync(out)) throw new LabError(`${out} exists already; choose a new file name (a backup never overwrites).`, 'invalid', 'out');
  sweepPartials(dirname(out));
  const partial = partialName(out);
  progress.phase('backup', 0, 'pages');
  try {
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        if (signal.aborted) throw new Cancelled();
        progress.phase('backup', totalPages, 'pages');
        progress.update(totalPages - remainingPages);
        return PAGES_PER_STEP;
      },
    });
    const version = checkLabFile(partial).schemaVersion;
    renameSync(partial, out);
    return { out, bytes: statSync(out).size, schemaVersion: version };
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}

/** Opens `file` read-only and checks that it is a lab this app can open; throws a LabError saying what it is not. */
export function checkLabFile(file: string): { schemaVersion: number } {
  if (!existsSync(file) || !statSync(file).isFile()) throw new LabError(`${file} is not a file.`, 'invalid', 'file');
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new LabError(`${file} is not a lab file (SQLite cannot open it: ${(e as Error).message}).`, 'invalid', 'file');
  }
  try {
    let version: number;
    try {
      version = schemaVersion(db);
    } catch {
      throw new LabError(`${file} is not a lab file (not a SQLite database).`, 'invalid', 'file');
    }
    if (version === 0) throw new LabError(`${file} is a SQLite database but not a lab file (it has no schema_migrations table).`, 'invalid', 'file');
    const newest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
    if (version > newest) throw new LabError(`${file} has schema version ${version}, newer than this app understands (${newest}). Update the app to restore it.`, 'invalid', 'file');
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    if (check.length !== 1 || check[0].integrity_check !== 'ok') {
      throw new LabError(`${file} is damaged: SQLite's integrity check says ${check.slice(0, 3).map((r) => r.integrity_check).join('; ')}.`, 'invalid', 'file');
    }
    return { schemaVersion: version };
  } finally {
    db.close();
  }
}

/**
 * Replaces the lab at `labPath` (which no process may have open) with a checked copy of
 * `file`. The current lab is kept beside it as LAB.before-restore-<time> until the copy
 * is in place, so a failed restore loses nothing.
 */
export function restoreLab(labPath: string, file: string): { schemaVersion: number; kept: string | null } {
  const src = resolve(file);
  const dst = resolve(labPath);
  if (src === dst) throw new LabError('That file is the lab itself.', 'invalid', 'file');
  const { schemaVersion: version } = checkLabFile(src);
  const old = existsSync(dst) ? holdAlone(dst) : null;
  const partial = partialName(dst);
  copyFileSync(src, partial);
  let kept: string | null = null;
  try {
    if (old) {
      // Folds the old lab's WAL into it, so the kept copy is one self-contained file.
      old.pragma('wal_checkpoint(TRUNCATE)');
      old.close();
      kept = `${dst}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(dst, kept);
    }
    for (const ext of ['-wal', '-shm']) rmSync(dst + ext, { force: true });
    renameSync(partial, dst);
  } catch (e) {
    if (old?.open) old.close();
    rmSync(partial, { force: true });
    if (kept && !existsSync(dst)) renameSync(kept, dst);
    throw e;
  }
  return { schemaVersion: version, kept };
}

/** Opens the lab with an exclusive lock, which SQLite refuses while any other connection (the app, a server, a CLI) has it open. */
function holdAlone(path: string): Db {
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return db;
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new LabError(`The lab ${path} is open in another process (the app, a server or a command); close it, then restore.`, 'invalid');
    }
    throw e;
  }
}
