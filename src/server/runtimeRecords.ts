/**
 * What a browser-mode server keeps beside its lab, as Jupyter keeps its runtime files: the lab's
 * runtime folder `<lab file>.runtime/` (mode 0700) holds
 *  - `token` (0600): the access token, kept across restarts, so that a restart on the same lab and
 *    port gives the same URL and an open tab's cookie keeps working (`serve --new-token` replaces it);
 *  - `server-<port>.json` (0600): one record per running server (URL, port, pid, lab file), written
 *    when it starts and removed when it stops; `serve --list` reads them and drops those whose
 *    process is gone (a killed server cannot remove its own).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerRecord {
  url: string;
  port: number;
  pid: number;
  lab: string;
  startedAt: string;
}

const TOKEN_SHAPE = /^[0-9a-f]{48}$/;

export const runtimeDirOf = (labFile: string): string => `${labFile}.runtime`;

/** The lab's runtime folder, created private (0700), or made private again when it is not. */
function privateDir(labFile: string): string {
  const dir = runtimeDirOf(labFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32' && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return dir;
}

/** Writes a file readable by its owner only, whole or not at all (a temporary name renamed over it). */
function writePrivate(file: string, text: string): void {
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  renameSync(tmp, file);
}

/**
 * The lab's access token: the kept one, or a new one (48 hex digits) when there is none, it is not a
 * token, or `rotate` asks for a new one. A kept file that others could read is made private again.
 */
export function labToken(labFile: string, o: { rotate?: boolean } = {}): { token: string; created: boolean; file: string } {
  const file = join(privateDir(labFile), 'token');
  if (!o.rotate) {
    try {
      const kept = readFileSync(file, 'utf8').trim();
      if (TOKEN_SHAPE.test(kept)) {
        if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
        return { token: kept, created: false, file };
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  const token = randomBytes(24).toString('hex');
  writePrivate(file, `${token}\n`);
  return { token, created: true, file };
}

const recordFile = (labFile: string, port: number): string => join(runtimeDirOf(labFile), `server-${port}.json`);

/** Records a running server; answers the record's file. A record a dead server left on this port is replaced. */
export function writeServerRecord(record: ServerRecord): string {
  privateDir(record.lab);
  const file = recordFile(record.lab, record.port);
  writePrivate(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** Removes a server's record (on a clean stop); only the record of this process, never another's. */
export function removeServerRecord(labFile: string, port: number, pid = process.pid): void {
  const file = recordFile(labFile, port);
  const record = readRecord(file);
  if (record && record.pid !== pid) return;
  rmSync(file, { force: true });
}

/** Whether a process with this id is running (EPERM: it is, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The servers running on this lab, by port; records of processes that are gone are removed. */
export function listServerRecords(labFile: string): ServerRecord[] {
  const dir = runtimeDirOf(labFile);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^server-\d+\.json$/.test(n));
  } catch {
    return [];
  }
  const running: ServerRecord[] = [];
  for (const name of names) {
    const record = readRecord(join(dir, name));
    if (record && processAlive(record.pid)) running.push(record);
    else rmSync(join(dir, name), { force: true });
  }
  return running.sort((a, b) => a.port - b.port);
}

function readRecord(file: string): ServerRecord | null {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as Partial<ServerRecord>;
    const ok = typeof r.url === 'string' && Number.isInteger(r.port) && Number.isInteger(r.pid) && typeof r.lab === 'string';
    return ok ? (r as ServerRecord) : null;
  } catch {
    return null;
  }
}
