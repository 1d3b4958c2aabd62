/**
 * A RAND-WALK corpus in the store: an ordinary corpus (synthetic = 1) plus one
 * row of ground truth: the parameters, the true vectors in the corpus's word-id
 * order, the planted analogies and the theory checks.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../store/db.js';
import { insertCorpus, readVocab, type StoredFile } from '../store/corpora.js';
import { readRunVectors } from '../store/runs.js';
import { asBlob, float32FromBlob } from '../store/blobs.js';
import { LabError } from '../../shared/labError.js';
import { Cancelled } from '../base/errors.js';
import type { ProgressSink } from '../base/progress.js';
import { generate, type GenerationStats, type PlantedRelation, type RandWalkParams } from './generator.js';
import { theoryChecks, type TheoryOptions, type TheoryReport } from './theory.js';
import { recovery, type RecoveryOptions, type RecoveryReport } from './recovery.js';

// The randwalk_truth table is created by migration 4 (store/migrations.ts).

export interface StoredTruth {
  corpusId: number;
  params: RandWalkParams;
  dim: number;
  /** The corpus vocabulary (id order) and the true vector of each word. */
  words: string[];
  vectors: Float32Array;
  planted: PlantedRelation[];
  theory: TheoryReport;
  stats: GenerationStats;
}

export function saveTruth(db: Db, t: Omit<StoredTruth, 'words'>): void {
  db.prepare('INSERT OR REPLACE INTO randwalk_truth (corpus_id, params, dim, vectors, planted, theory, stats) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    t.corpusId, JSON.stringify(t.params), t.dim, asBlob(t.vectors), JSON.stringify(t.planted), JSON.stringify(t.theory), JSON.stringify(t.stats),
  );
}

/** The truth of a synthetic corpus, or null for a corpus that has none. */
export function loadTruth(db: Db, corpusId: number): StoredTruth | null {
  const row = db.prepare('SELECT params, dim, vectors, planted, theory, stats FROM randwalk_truth WHERE corpus_id = ?').get(corpusId) as
    | { params: string; dim: number; vectors: Buffer; planted: string; theory: string; stats: string }
    | undefined;
  if (!row) return null;
  return {
    corpusId,
    params: JSON.parse(row.params) as RandWalkParams,
    dim: row.dim,
    words: readVocab(db, corpusId).words,
    vectors: float32FromBlob(row.vectors),
    planted: JSON.parse(row.planted) as PlantedRelation[],
    theory: JSON.parse(row.theory) as TheoryReport,
    stats: JSON.parse(row.stats) as GenerationStats,
  };
}

/** Just the theory checks and parameters (no vectors), for listings. */
export function loadTheory(db: Db, corpusId: number): { params: RandWalkParams; theory: TheoryReport; stats: GenerationStats } | null {
  const row = db.prepare('SELECT params, theory, stats FROM randwalk_truth WHERE corpus_id = ?').get(corpusId) as
    | { params: string; theory: string; stats: string }
    | undefined;
  return row ? { params: JSON.parse(row.params), theory: JSON.parse(row.theory), stats: JSON.parse(row.stats) } : null;
}

/** The planted relations of a synthetic corpus (no vectors read), or null for a corpus that has no truth. */
export function loadPlanted(db: Db, corpusId: number): PlantedRelation[] | null {
  const row = db.prepare('SELECT planted FROM randwalk_truth WHERE corpus_id = ?').get(corpusId) as { planted: string } | undefined;
  return row ? (JSON.parse(row.planted) as PlantedRelation[]) : null;
}

function short(n: number): string {
  return n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 100 === 0 ? `${n / 1e3}k` : String(n);
}

export interface GeneratedResult {
  corpusId: number;
  theory: TheoryReport;
  stats: GenerationStats;
  params: RandWalkParams;
}

/**
 * Generates a corpus, stores it as an ordinary corpus (synthetic; each document a
 * "file"), runs the theory checks and stores the truth. The corpus and its truth
 * are written in one transaction: a cancel or a failure leaves nothing behind.
 */
export async function generateCorpus(
  db: Db, raw: Partial<RandWalkParams> & { name?: string }, progress: ProgressSink, signal: AbortSignal,
  theoryOptions: Partial<TheoryOptions> = {},
): Promise<GeneratedResult> {
  const { name, ...rest } = raw;
  const started = performance.now();
  const g = await generate(rest, progress, signal);
  const p = g.params;
  const theory = await theoryChecks(
    { tokens: g.tokens, breaks: g.breaks, counts: g.counts, vectors: g.vectors, dim: p.dim, allVectors: g.truth.vectors },
    { seed: p.seed, threads: p.threads, ...theoryOptions },
    progress,
    signal,
  );
  if (signal.aborted) throw new Cancelled();
  progress.phase('saving', 0, 'steps');
  // Each document (a walk from the stationary law) is one "file" of the corpus.
  const files: StoredFile[] = [];
  const wordBytes = Uint32Array.from(g.words, (w) => Buffer.byteLength(w) + 1);
  for (let start = 0, k = 0; start < g.tokens.length; start += p.documentTokens, k++) {
    const ids = g.tokens.subarray(start, Math.min(g.tokens.length, start + p.documentTokens));
    let bytes = 0;
    for (let i = 0; i < ids.length; i++) bytes += wordBytes[ids[i]];
    files.push({
      path: `document-${String(k + 1).padStart(4, '0')}.txt`, bytes, tokens: ids.length, firstToken: start, encoding: 'utf-8',
      sha1: createHash('sha1').update(Buffer.from(ids.buffer, ids.byteOffset, ids.byteLength)).digest('hex'),
    });
  }
  const label = `n=${short(p.vocab)} d=${p.dim} T=${short(p.tokens)}${p.planted ? ` m=${p.planted}` : ''} seed ${p.seed}`;
  const corpusId = db.transaction(() => {
    const id = insertCorpus(db, {
      name: name ?? `RAND-WALK ${label}`,
      source: `RAND-WALK (Arora et al. 2016) ${label}, ${p.norms} norms ‖v‖²/d in [${p.normMin}, ${p.norms === 'uniform' ? p.normMax : 'zipf'}], drift ${p.drift}, ${p.tokensPerStep} tokens/step`,
      minCount: 1,
      lowercase: true,
      ingestSeconds: (performance.now() - started) / 1000,
      synthetic: true,
      files,
      skipped: [],
      words: g.words,
      counts: g.counts,
      pieces: [g.tokens],
      breaks: g.breaks,
    });
    saveTruth(db, { corpusId: id, params: p, dim: p.dim, vectors: g.vectors, planted: g.truth.planted, theory, stats: g.stats });
    return id;
  })();
  return { corpusId, theory, stats: g.stats, params: p };
}

/** One row per finished run on a RAND-WALK corpus: the lab's answer to "which method recovers the truth". */
export function corpusRecovery(db: Db, corpusId: number, options: Partial<RecoveryOptions> = {}): (RecoveryReport & { runId: number; name: string; method: string; dim: number })[] {
  const truth = loadTruth(db, corpusId);
  if (!truth) throw new LabError(`Corpus ${corpusId} is not a RAND-WALK corpus: it has no true vectors.`, 'invalid');
  const runs = db.prepare("SELECT id, name, method FROM runs WHERE corpus_id = ? AND status = 'done' ORDER BY id").all(corpusId) as { id: number; name: string; method: string }[];
  return runs.map((run) => {
    const v = readRunVectors(db, run.id);
    const report = recovery({ words: v.words, dim: v.dim, W: v.W }, { words: truth.words, dim: truth.dim, W: truth.vectors, planted: truth.planted }, options);
    return { runId: run.id, name: run.name, method: run.method, dim: v.dim, ...report };
  });
}

/** Recovery metrics of a finished run whose corpus is synthetic. */
export function runRecovery(db: Db, runId: number, options: Partial<RecoveryOptions> = {}): RecoveryReport & { runId: number; corpusId: number } {
  const row = db.prepare('SELECT corpus_id FROM runs WHERE id = ?').get(runId) as { corpus_id: number | null } | undefined;
  if (!row) throw new LabError(`There is no run with id ${runId}.`, 'not-found');
  if (row.corpus_id === null) throw new LabError(`Run ${runId}'s corpus was removed: there is no truth to compare with.`, 'conflict');
  const truth = loadTruth(db, row.corpus_id);
  if (!truth) throw new LabError(`Run ${runId} was trained on corpus ${row.corpus_id}, which is not a RAND-WALK corpus: it has no true vectors.`, 'invalid');
  const v = readRunVectors(db, runId);
  const report = recovery({ words: v.words, dim: v.dim, W: v.W }, { words: truth.words, dim: truth.dim, W: truth.vectors, planted: truth.planted }, options);
  return { runId, corpusId: row.corpus_id, ...report };
}
