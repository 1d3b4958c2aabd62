// What every task gets: the corpus, the tools, the lab, a scratch folder, and one shared "prepared" corpus
// (a pristine lab file holding the corpus, never trained on, plus the lab's tokens exported as text).
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from './stats.js';
import { Lab, type CorpusStats } from './lab.js';
import { aptLine, missing, type Tools } from './tools.js';

export interface EvalFiles {
  google?: string;
  ws353?: string;
  men?: string;
  simlex?: string;
}

export interface Prepared {
  /** A lab file holding only the freshly added corpus: copy it, never train in it. */
  db: string;
  corpusId: number;
  stats: CorpusStats;
  /** The lab's tokens, space-separated, one paragraph per line: every reference tool reads this. */
  text: string;
}

export interface TaskResult {
  task: string;
  tables: Table[];
  notes: string[];
  data: unknown;
}

export interface Task {
  name: string;
  summary: string;
  run(ctx: Context): Promise<TaskResult>;
}

export class Context {
  private prep: Prepared | null = null;
  private adopted: { db: string; corpusId: number; stats: CorpusStats } | null = null;
  private dbSeq = 0;

  constructor(
    readonly root: string,
    readonly corpusDir: string,
    readonly synthetic: boolean,
    readonly threads: number,
    readonly repeat: number,
    readonly tmp: string,
    readonly tools: Tools,
    readonly evalFiles: EvalFiles,
    /** Extra switches for tasks (e.g. diagnostics). */
    readonly options: { diagnose: boolean; repeatExplicit: boolean; skipFasttext?: boolean; scaleBig?: boolean } = { diagnose: false, repeatExplicit: false },
    readonly lab: Lab = new Lab(root),
  ) {}

  log(msg: string): void {
    process.stderr.write(`[bench] ${msg}\n`);
  }

  /** The issues' goals are stated for ../shared/data/corpus/medium; elsewhere verdicts are left out. */
  get goalsApply(): boolean {
    return !this.synthetic && /[\\/]medium[\\/]?$/.test(this.corpusDir);
  }

  /** " (goal …: met|NOT met)" on the medium corpus, "" elsewhere. */
  verdict(goal: string, met: boolean, otherwise = 'NOT met'): string {
    return this.goalsApply ? ` (goal ${goal}: ${met ? 'met' : otherwise})` : '';
  }

  /** Repetitions for a short task: --repeat when given, else `short` (medians of a few runs are steadier). */
  repeatsFor(short: number): number {
    return this.options.repeatExplicit ? this.repeat : Math.max(this.repeat, short);
  }

  /**
   * The evaluation files as arguments of the python evaluators (compare_vectors.py,
   * gensim_eval_run.py): none on a synthetic corpus, and none without gensim, which
   * then adds its install line to `notes`.
   */
  evalArgs(notes: string[]): string[] {
    if (this.synthetic) return [];
    const ev = this.evalFiles;
    const args = (['google', 'ws353', 'men', 'simlex'] as const).flatMap((k) => (ev[k] ? [`--${k}`, ev[k]!] : []));
    if (args.length && missing(this.tools, ['gensim']).length) {
      notes.push(`analogy/similarity evaluation skipped: gensim missing. Install with: ${aptLine(['gensim'])}`);
      return [];
    }
    return args;
  }

  /** A path for a new, empty lab file. */
  freshDb(tag: string): string {
    return join(this.tmp, `${tag}-${++this.dbSeq}.db`);
  }

  removeDb(db: string): void {
    for (const ext of ['', '-wal', '-shm']) if (existsSync(db + ext)) rmSync(db + ext);
  }

  /** Offers a lab file that holds just a freshly added corpus (the ingest task's first run), to save one ingest. */
  adopt(db: string, corpusId: number, stats: CorpusStats): boolean {
    if (this.prep || this.adopted) return false;
    this.adopted = { db, corpusId, stats };
    return true;
  }

  async prepared(): Promise<Prepared> {
    if (this.prep) return this.prep;
    let base = this.adopted;
    if (!base) {
      const db = this.freshDb('prepared');
      this.log(`adding the corpus once (untimed) to ${db}`);
      const { stats } = await this.lab.addCorpus(db, this.corpusDir, this.threads);
      base = { db, corpusId: stats.id, stats };
    }
    const text = join(this.tmp, 'corpus-tokens.txt');
    this.log(`exporting the lab's tokens to ${text}`);
    await this.lab.exportText(base.db, base.corpusId, text);
    this.prep = { ...base, text };
    return this.prep;
  }
}
