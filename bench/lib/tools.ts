// Finds the reference tools without installing anything. Missing ones come with the apt-get line to get them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hasGnuTime } from './proc.js';

export const PYTHON = '/usr/bin/python3';
export const FASTTEXT = '/usr/bin/fasttext';

/** Debian package for each thing the references need. */
export const APT: Record<string, string> = {
  python3: 'python3',
  numpy: 'python3-numpy',
  gensim: 'python3-gensim',
  scipy: 'python3-scipy',
  sklearn: 'python3-sklearn',
  fasttext: 'fasttext',
  time: 'time',
};

export interface Tools {
  python: string | null;
  pythonVersion: string | null;
  /** Module → version, or null when it does not import under /usr/bin/python3. */
  modules: Record<string, string | null>;
  fasttext: string | null;
  gnuTime: boolean;
}

export function detectTools(): Tools {
  const tools: Tools = { python: null, pythonVersion: null, modules: {}, fasttext: null, gnuTime: hasGnuTime() };
  if (existsSync(PYTHON)) {
    tools.python = PYTHON;
    const v = spawnSync(PYTHON, ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' });
    tools.pythonVersion = v.status === 0 ? v.stdout.trim() : null;
    for (const mod of ['numpy', 'scipy', 'sklearn', 'gensim']) {
      const r = spawnSync(PYTHON, ['-c', `import ${mod}; print(${mod}.__version__)`], { encoding: 'utf8' });
      tools.modules[mod] = r.status === 0 ? r.stdout.trim() : null;
    }
  } else {
    for (const mod of ['numpy', 'scipy', 'sklearn', 'gensim']) tools.modules[mod] = null;
  }
  if (existsSync(FASTTEXT)) tools.fasttext = FASTTEXT;
  return tools;
}

/** The packages among `needs` that are missing (python3, python modules, fasttext, time). */
export function missing(tools: Tools, needs: string[]): string[] {
  return needs.filter((n) => {
    if (n === 'python3') return !tools.python;
    if (n === 'fasttext') return !tools.fasttext;
    if (n === 'time') return !tools.gnuTime;
    return !tools.python || !tools.modules[n];
  });
}

export function aptLine(names: string[]): string {
  return `sudo apt-get install -y ${names.map((n) => APT[n] ?? n).join(' ')}`;
}

/** Environment for a reference tool: the same thread count as ours for BLAS/OpenMP. */
export function referenceEnv(threads: number, unset: string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS']) env[k] = String(threads);
  for (const k of unset) delete env[k];
  return env;
}
