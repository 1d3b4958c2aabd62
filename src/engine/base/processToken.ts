/**
 * Who owns a running run: this process's id and its start time. A bare PID is reused
 * (containers restart with the same small PIDs), so a run whose owner died looked alive
 * forever; the start time, from /proc on Linux, tells a new process with the old PID apart.
 * Where /proc is missing the token is the PID alone, as before.
 */
import { readFileSync } from 'node:fs';

/** Field 22 of /proc/PID/stat (clock ticks after boot), or null where there is no /proc. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

const own = startTime(process.pid);
export const PROCESS_TOKEN = own ? `${process.pid}:${own}` : String(process.pid);

/** Whether the process a token names is still the one running. */
export function ownerAlive(token: string): boolean {
  if (token === PROCESS_TOKEN) return true;
  const [pidText, start] = token.split(':');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (start === undefined) return true;
  const now = startTime(pid);
  return now === null || now === start;
}
