/**
 * What the kill tests share: the CLI run as its own process (the engine runs in it, so a
 * SIGKILL stops every thread at once, with no cleanup of any kind), a raw look at the lab
 * file afterwards (integrity, orphan rows, half-stored objects, a hash of everything that
 * was finished), the temporary files a dead process left, and generated inputs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const root = join(import.meta.dirname, '..', '..');
/**
 * The engine bundle itself, not bin/embedlab.js: the bin rebuilds the bundle when a source
 * is newer, and a kill during that build would break the bundle rather than test the lab.
 */
const CLI = join(root, 'out', 'engine', 'cli.js');

/** Builds out/engine when a source is newer (what bin/embedlab.js does before each command). */
export function buildEngine(): void {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-engine.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`The engine build failed: ${r.stderr}`);
}

export type Env = NodeJS.ProcessEnv;

/** Runs a CLI command to its end and answers its parsed --json output (throws unless it exits 0). */
export function cliJson<T>(args: string[], env: Env): T {
  const r = spawnSync(process.execPath, [CLI, ...args, '--json'], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`embedlab ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout) as T;
}

/** A progress line of phase `phase` (lines read "phase · 12.0% · …"); '' matches the job's first line. */
const isPhase = (line: string, phase: string): boolean => phase === '' || line === phase || line.startsWith(`${phase} ·`);

const lines = (chunk: Buffer): string[] => chunk.toString().split('\n').map((l) => l.trim()).filter(Boolean);

export interface TracedJob {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the first line of phase `from` to the first of `until` (or to the exit). */
  windowMs: number;
}

/** A job that has not ended after this long is hung: it is killed and reported, not waited for. */
export const HUNG_MS = 120_000;

/** Runs a job to its end and times the window between two of its progress phases. */
export function traceJob(args: string[], env: Env, from: string, until: string | null): Promise<TracedJob> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args, '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    let opened = -1;
    let closed = -1;
    const hung = setTimeout(() => {
      stderr += `\n[still running after ${HUNG_MS / 1000} s: killed]`;
      child.kill('SIGKILL');
    }, HUNG_MS);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      for (const line of lines(d)) {
        if (opened < 0 && isPhase(line, from)) opened = performance.now();
        else if (opened >= 0 && closed < 0 && until !== null && isPhase(line, until)) closed = performance.now();
      }
    });
    child.on('close', (status) => {
      clearTimeout(hung);
      const end = closed >= 0 ? closed : performance.now();
      resolve({ status, stdout, stderr, windowMs: opened >= 0 ? end - opened : 0 });
    });
  });
}

export interface KillOutcome {
  pid: number;
  /** Whether SIGKILL ended it (false: it exited on its own before the delay ran out). */
  killed: boolean;
  status: number | null;
  /** Whether the kill came before the first line of `until` (always, when `until` is null and it was killed). */
  inWindow: boolean;
  /** Milliseconds from `from` to `until` (or to the exit) when the job got there before the kill, else null. */
  windowMs: number | null;
  /** The last progress line it printed before the kill. */
  lastLine: string;
  stderr: string;
}

/**
 * Runs a job and SIGKILLs it `delayMs` after its first progress line of phase `from`; notes
 * whether the kill came before the first line of `until`.
 */
export function killDuring(args: string[], env: Env, o: { from: string; until: string | null; delayMs: number }): Promise<KillOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    let last = '';
    let lastAtKill = '';
    let opened = -1;
    let closed = -1;
    let timer: NodeJS.Timeout | null = null;
    const hung = setTimeout(() => {
      stderr += `\n[no kill after ${HUNG_MS / 1000} s: it never reached "${o.from}" or hangs]`;
      child.kill('SIGKILL');
    }, HUNG_MS + o.delayMs);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      for (const line of lines(d)) {
        last = line;
        if (opened < 0 && isPhase(line, o.from)) {
          opened = performance.now();
          timer = setTimeout(() => {
            lastAtKill = last || '(none)';
            child.kill('SIGKILL');
          }, o.delayMs);
        } else if (opened >= 0 && closed < 0 && o.until !== null && isPhase(line, o.until)) closed = performance.now();
      }
    });
    child.on('exit', (status, signal) => {
      clearTimeout(hung);
      if (timer) clearTimeout(timer);
      const killed = signal === 'SIGKILL' && lastAtKill !== '';
      if (!killed && opened >= 0 && closed < 0) closed = performance.now();
      resolve({
        pid: child.pid!, killed, status, inWindow: killed && closed < 0, windowMs: closed >= 0 ? closed - opened : null,
        lastLine: lastAtKill || last, stderr,
      });
    });
  });
}

/** What a look at the lab file finds. */
export interface LabState {
  integrity: string;
  foreignKeyViolations: number;
  /** Rows whose parent row is missing, by table (only the tables with some). */
  orphans: Record<string, number>;
  /** Corpora and finished runs that are not whole, each with what is wrong. */
  broken: string[];
  /** Hash of each corpus's stored rows. */
  corpora: Map<number, string>;
  /** Each run's status, error and (when done) hash of its stored vectors. */
  runs: Map<number, { status: string; error: string | null; hash: string | null }>;
}

/** Children, their parent column, and the parent's key, as the schema declares them (ON DELETE CASCADE). */
const PARENTS: [table: string, column: string, parent: string, key: string][] = [
  ['corpus_files', 'corpus_id', 'corpora', 'id'], ['corpus_skipped', 'corpus_id', 'corpora', 'id'], ['corpus_vocab', 'corpus_id', 'corpora', 'id'],
  ['token_chunks', 'corpus_id', 'corpora', 'id'], ['corpus_breaks', 'corpus_id', 'corpora', 'id'], ['randwalk_truth', 'corpus_id', 'corpora', 'id'],
  ['cooc_cache', 'corpus_id', 'corpora', 'id'], ['cooc_chunks', 'cache_id', 'cooc_cache', 'id'],
  ['run_vectors', 'run_id', 'runs', 'id'], ['run_series', 'run_id', 'runs', 'id'], ['run_evals', 'run_id', 'runs', 'id'],
  ['run_matrix_chunks', 'run_id', 'runs', 'id'], ['run_checkpoints', 'run_id', 'runs', 'id'], ['run_checkpoint_chunks', 'run_id', 'run_checkpoints', 'run_id'],
];

/** Opens the lab file as SQLite alone (no engine code) and reports what it holds. */
export function inspectLab(dbPath: string): LabState {
  const db = new Database(dbPath);
  try {
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const orphans: Record<string, number> = {};
    for (const [table, column, parent, key] of PARENTS) {
      if (!tables.has(table)) continue;
      const n = (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} NOT IN (SELECT ${key} FROM ${parent})`).get() as { n: number }).n;
      if (n > 0) orphans[table] = n;
    }
    const broken: string[] = [];
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      // Every declared foreign key, those of tables added after this test was written included.
      foreignKeyViolations: (db.pragma('foreign_key_check') as unknown[]).length,
      orphans,
      broken,
      corpora: hashCorpora(db, broken),
      runs: hashRuns(db, broken, tables.has('run_checkpoints')),
    };
  } finally {
    db.close();
  }
}

type Row = Record<string, unknown>;
const words = (s: string | null | undefined): number => (s ? s.split('\n').length : 0);

function hashRows(h: ReturnType<typeof createHash>, rows: Row[]): void {
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) h.update(k).update(v instanceof Buffer ? v : Buffer.from(JSON.stringify(v) ?? 'undefined'));
  }
}

/** A corpus is whole when its files, token chunks, vocabulary and breaks are all there; a synthetic one has its truth. */
function hashCorpora(db: Database.Database, broken: string[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const c of db.prepare('SELECT * FROM corpora ORDER BY id').all() as Row[]) {
    const id = c.id as number;
    const rows = (sql: string): Row[] => db.prepare(sql).all(id) as Row[];
    const files = rows('SELECT * FROM corpus_files WHERE corpus_id = ? ORDER BY idx');
    const chunks = rows('SELECT seq, first_token, count, ids FROM token_chunks WHERE corpus_id = ? ORDER BY seq');
    const vocab = rows('SELECT words, counts FROM corpus_vocab WHERE corpus_id = ?');
    const breaks = rows('SELECT offsets FROM corpus_breaks WHERE corpus_id = ?');
    const truth = rows('SELECT * FROM randwalk_truth WHERE corpus_id = ?');
    const tokens = chunks.reduce((s, r) => s + (r.count as number), 0);
    const problems = [
      files.length !== c.files && `${files.length} of ${c.files} files`,
      tokens !== c.tokens && `${tokens} of ${c.tokens} tokens`,
      (vocab.length !== 1 || words(vocab[0].words as string) !== c.types) && `no vocabulary of ${c.types} words`,
      breaks.length !== 1 && 'no breaks',
      c.synthetic === 1 && truth.length !== 1 && 'no RAND-WALK truth',
    ].filter(Boolean);
    if (problems.length) broken.push(`corpus ${id}: ${problems.join(', ')}`);
    const h = createHash('sha256');
    for (const part of [[c], files, chunks, vocab, breaks, truth, rows('SELECT * FROM corpus_skipped WHERE corpus_id = ? ORDER BY path')]) hashRows(h, part);
    out.set(id, h.digest('hex'));
  }
  return out;
}

/**
 * A done run is whole when its words and its W (and C, if stored) hold vocab × dim floats;
 * only a run that may still resume (running, interrupted, cancelled) keeps a checkpoint.
 */
function hashRuns(db: Database.Database, broken: string[], checkpoints: boolean): LabState['runs'] {
  const out: LabState['runs'] = new Map();
  for (const r of db.prepare('SELECT id, status, error, corpus_id, method, params, dim, vocab FROM runs ORDER BY id').all() as Row[]) {
    const id = r.id as number;
    if (checkpoints && (r.status === 'done' || r.status === 'failed') && db.prepare('SELECT 1 FROM run_checkpoints WHERE run_id = ?').get(id)) {
      broken.push(`run ${id} is ${r.status as string} but keeps a checkpoint`);
    }
    const vectors = db.prepare('SELECT words, counts, dim, w, c FROM run_vectors WHERE run_id = ?').get(id) as Row | undefined;
    const chunks = db.prepare('SELECT matrix, seq, data FROM run_matrix_chunks WHERE run_id = ? ORDER BY matrix, seq').all(id) as Row[];
    if (r.status !== 'done') {
      if (vectors) broken.push(`run ${id} is ${r.status as string} but has vectors`);
      out.set(id, { status: r.status as string, error: r.error as string | null, hash: null });
      continue;
    }
    const bytes = (m: 'w' | 'c'): number =>
      ((vectors?.[m] as Buffer | null)?.length ?? 0) + chunks.filter((k) => k.matrix === m).reduce((s, k) => s + (k.data as Buffer).length, 0);
    const floats = words(vectors?.words as string) * ((vectors?.dim as number) ?? 0) * 4;
    const problems = [
      !vectors && 'no vectors',
      vectors && words(vectors.words as string) !== r.vocab && `${words(vectors.words as string)} of ${r.vocab as number} words`,
      bytes('w') !== floats && `W of ${bytes('w')} bytes, not ${floats}`,
      bytes('c') !== 0 && bytes('c') !== floats && `C of ${bytes('c')} bytes, not ${floats}`,
    ].filter(Boolean);
    if (problems.length) broken.push(`run ${id}: ${problems.join(', ')}`);
    const h = createHash('sha256');
    hashRows(h, [r, ...(vectors ? [vectors] : []), ...chunks]);
    out.set(id, { status: 'done', error: null, hash: h.digest('hex') });
  }
  return out;
}

/** Names of a dead process's temporary files (base/leftovers.ts): its PID is the first number after the prefix. */
const LEFTOVER = [/^\..+\.(\d+)(?:-\d+)?-[0-9a-f]+\.partial$/, /^embedlab-cooc-(\d+)(?:-\d+)?-[0-9A-Za-z]+$/];

export interface Leftover {
  path: string;
  /** The PID its name carries, or null when the name is not one the sweep knows. */
  pid: number | null;
}

/** The partial export files and spill folders in these folders. */
export function leftoversIn(folders: string[]): Leftover[] {
  const out: Leftover[] = [];
  for (const folder of folders) {
    for (const name of readdirSync(folder)) {
      if (!name.endsWith('.partial') && !name.startsWith('embedlab-')) continue;
      const m = LEFTOVER.map((re) => name.match(re)).find(Boolean);
      out.push({ path: join(folder, name), pid: m ? Number(m[1]) : null });
    }
  }
  return out;
}

/** A small LCG, so generated inputs are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * About `mb` MB of Zipf-distributed text over `vocab` words in `files` files, with sentence and
 * paragraph breaks: enough that ingesting it takes a second or two. Each file rotates one block.
 */
export function writeTextFolder(dir: string, o: { mb: number; files: number; vocab: number }): string {
  mkdirSync(dir, { recursive: true });
  const random = lcg(11);
  const cdf = new Float64Array(o.vocab);
  for (let i = 0, s = 0; i < o.vocab; i++) cdf[i] = s += 1 / (i + 1);
  const draw = (): string => {
    const u = random() * cdf[o.vocab - 1];
    let lo = 0;
    for (let hi = o.vocab - 1; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return `w${lo.toString(36)}`;
  };
  const parts: string[] = [];
  for (let i = 0; i < 200_000; i++) parts.push(draw(), i % 150 === 149 ? '.\n\n' : i % 15 === 14 ? '.\n' : ' ');
  const block = parts.join('');
  const copies = Math.max(1, Math.round((o.mb * 1e6) / o.files / block.length));
  for (let f = 0; f < o.files; f++) {
    const cut = Math.floor((block.length * f) / o.files);
    const rotated = block.slice(cut) + block.slice(0, cut);
    writeFileSync(join(dir, `part-${String(f).padStart(3, '0')}.txt`), `part ${f} ${rotated.repeat(copies)}`);
  }
  return dir;
}

/** A word2vec text file of `words` random vectors of `dim` dimensions. */
export function writeVectorFile(path: string, o: { words: number; dim: number }): string {
  const random = lcg(5);
  const numbers = Array.from({ length: 4096 }, () => (random() * 2 - 1).toFixed(5));
  const rows: string[] = [`${o.words} ${o.dim}`];
  const row: string[] = new Array(o.dim + 1);
  for (let i = 0; i < o.words; i++) {
    row[0] = `v${i.toString(36)}`;
    for (let k = 1; k <= o.dim; k++) row[k] = numbers[(random() * 4096) | 0];
    rows.push(row.join(' '));
  }
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}
