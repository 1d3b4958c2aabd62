// Our side of every task: the lab's own CLI (bin/embedlab.js), the honest end-to-end path a user takes.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lastJson, runMeasured, type Measured } from './proc.js';

export interface CorpusStats {
  id: number;
  files: number;
  bytes: number;
  tokens: number;
  types: number;
  typesAtMinCount: number;
  ingestSeconds: number;
  skippedCount: number;
  [k: string]: unknown;
}

export interface TrainResult {
  run: number;
  seconds: number;
  vocab: number;
  phases: Record<string, number>;
  metrics: Record<string, number>;
  params: Record<string, unknown>;
  series?: { spectrum?: number[] } & Record<string, unknown>;
  [k: string]: unknown;
}

export interface EngineFingerprint {
  commit: string | null;
  dirtyFiles: number | null;
  kernelsMtime: number | null;
  engineStamp: string | null;
}

export class Lab {
  readonly bin: string;
  constructor(readonly root: string) {
    this.bin = join(root, 'bin', 'embedlab.js');
  }

  /**
   * Brings out/engine (and native kernels) up to date, untimed, so that no timed call pays for an esbuild
   * build. bin/embedlab.js checks again on every call; that check is a few stat calls.
   */
  ensureBuilt(): void {
    const r = spawnSync(process.execPath, [join(this.root, 'scripts', 'build-engine.mjs')], { cwd: this.root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building the engine failed:\n${r.stderr}`);
  }

  fingerprint(): EngineFingerprint {
    const git = (args: string[]): string | null => {
      const r = spawnSync('git', args, { cwd: this.root, encoding: 'utf8' });
      return r.status === 0 ? r.stdout.trim() : null;
    };
    const status = git(['status', '--porcelain', '--', 'src', 'native', 'scripts', 'bin']);
    const kernels = join(this.root, 'native', 'build', 'kernels.node');
    const stamp = join(this.root, 'out', 'engine', '.stamp');
    return {
      commit: git(['rev-parse', '--short', 'HEAD']),
      dirtyFiles: status === null ? null : status.split('\n').filter(Boolean).length,
      kernelsMtime: existsSync(kernels) ? statSync(kernels).mtimeMs : null,
      engineStamp: existsSync(stamp) ? statSync(stamp).mtime.toISOString() : null,
    };
  }

  private cli(args: string[]): Promise<Measured> {
    this.ensureBuilt();
    return runMeasured(process.execPath, [this.bin, ...args], { cwd: this.root });
  }

  async addCorpus(db: string, folder: string, threads: number): Promise<{ m: Measured; stats: CorpusStats }> {
    const m = await this.cli(['corpus', 'add', folder, '--db', db, '--threads', String(threads), '--json']);
    return { m, stats: lastJson<CorpusStats>(m, 'corpus add') };
  }

  async exportText(db: string, id: number, out: string): Promise<Measured> {
    const m = await this.cli(['corpus', 'export-text', String(id), '--out', out, '--db', db]);
    if (m.code !== 0) throw new Error(`corpus export-text failed:\n${m.stderr}`);
    return m;
  }

  async train(db: string, corpusId: number, method: string, params: Record<string, string | number | boolean>): Promise<{ m: Measured; result: TrainResult }> {
    const flags: string[] = [];
    for (const [k, v] of Object.entries(params)) {
      const flag = '--' + k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
      if (v === true) flags.push(flag);
      else if (v !== false) flags.push(flag, String(v));
    }
    const m = await this.cli(['train', String(corpusId), '--method', method, ...flags, '--db', db, '--json']);
    return { m, result: lastJson<TrainResult>(m, `train --method ${method}`) };
  }
}

/** Copies a lab file (and its WAL files, if any) so that a task starts from a freshly added corpus. */
export function copyLabFile(from: string, to: string): void {
  copyFileSync(from, to);
  for (const ext of ['-wal', '-shm']) if (existsSync(from + ext)) copyFileSync(from + ext, to + ext);
}
