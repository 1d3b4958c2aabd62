// Runs one command and measures it: wall seconds (measured here) and peak RSS (GNU time -v, when present).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export interface Measured {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallSeconds: number;
  /** Peak resident set size in MB (GNU time's "Maximum resident set size"), null without GNU time. */
  peakRssMB: number | null;
  /** GNU time's own "Elapsed (wall clock)" in seconds, null without GNU time. */
  timeElapsed: number | null;
}

let gnuTimeOk: boolean | null = null;
export function hasGnuTime(): boolean {
  if (gnuTimeOk === null) gnuTimeOk = existsSync(GNU_TIME);
  return gnuTimeOk;
}

function parseElapsed(s: string): number {
  // h:mm:ss or m:ss(.ss)
  const parts = s.trim().split(':').map(Number);
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

export function parseGnuTime(text: string): { peakRssMB: number | null; elapsed: number | null } {
  const rss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
  const el = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\):\s*([\d:.]+)/.exec(text);
  return { peakRssMB: rss ? Number(rss[1]) / 1024 : null, elapsed: el ? parseElapsed(el[1]) : null };
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Echo the child's stderr live (progress lines) with this prefix. */
  echoStderr?: string;
  timeoutSeconds?: number;
}

export function runMeasured(cmd: string, args: string[], opts: RunOptions = {}): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'embedlab-bench-time-'));
  const timeFile = join(dir, 'time.txt');
  const useTime = hasGnuTime();
  const [file, argv] = useTime ? [GNU_TIME, ['-v', '-o', timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    if (opts.timeoutSeconds) timer = setTimeout(() => child.kill('SIGTERM'), opts.timeoutSeconds * 1000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      if (opts.echoStderr !== undefined) process.stderr.write(b);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (timer) clearTimeout(timer);
      let peakRssMB: number | null = null;
      let timeElapsed: number | null = null;
      if (useTime && existsSync(timeFile)) {
        const parsed = parseGnuTime(readFileSync(timeFile, 'utf8'));
        peakRssMB = parsed.peakRssMB;
        timeElapsed = parsed.elapsed;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), wallSeconds, peakRssMB, timeElapsed });
    });
  });
}

/** The last line of stdout that parses as a JSON object (our CLI prints one multi-line document instead). */
export function lastJson<T = Record<string, unknown>>(m: Measured, what: string): T {
  if (m.code !== 0) {
    throw new Error(`${what} failed (exit ${m.code ?? m.signal}):\n${m.stderr.slice(-3000)}`);
  }
  const text = m.stdout.trim();
  try {
    return JSON.parse(text) as T;
  } catch {
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      const l = lines[i].trim();
      if (l.startsWith('{')) {
        try {
          return JSON.parse(l) as T;
        } catch {
          /* keep looking */
        }
      }
    }
  }
  throw new Error(`${what}: no JSON on stdout:\n${text.slice(-2000)}\n${m.stderr.slice(-2000)}`);
}
