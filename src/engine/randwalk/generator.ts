/**
 * The RAND-WALK generator (Arora et al. 2016; BRIEF method 6): a synthetic
 * corpus whose word vectors we choose.
 *
 * Scaling (the paper's): the discourse vector c lies on the unit sphere and a
 * word vector is v_w = s_w·√d·v̂_w with v̂_w a uniformly random unit direction, so
 * ‖v_w‖²/d = s_w² and ⟨c, v_w⟩ is close to N(0, s_w²) for a random c. Then
 * E_c exp⟨c, v_w⟩ ≈ exp(‖v_w‖²/2d), which is the frequency law
 * log p(w) ≈ ‖v_w‖²/2d − log Z, and PMI(w, w') ≈ ⟨v_w, v_w'⟩/d.
 *
 * The walk: c ← normalise(c + δ·g/√d), g ~ N(0, I_d), which moves c by an angle of
 * about δ per step and leaves the uniform law on the sphere stationary. Each step
 * emits `tokensPerStep` words with Pr[w | c] ∝ exp(⟨c, v_w⟩) (sampler.ts).
 *
 * The corpus is cut into documents (default 50,000 tokens) whose walks start
 * from the stationary law with their own seeds, so threads can generate them in
 * any order and the output depends only on the seed. Paragraph breaks every
 * `paragraphTokens` tokens keep exported lines short; windows do not cross them.
 *
 * Cost: one n×d product per discourse step (batched, native dotRows) plus O(n)
 * cheap work per step, so the cost per token falls almost in proportion to
 * tokensPerStep (bench/randwalk-bench.mjs measures both).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker, workerAvailable } from '../base/workers.js';
import { LabError } from '../../shared/labError.js';
import { parseOptions } from '../../shared/options.js';
import { randWalkOptions, type RandWalkParams } from '../../shared/randwalkOptions.js';
import type { GenerationStatsInfo } from '../../shared/contract.js';
import { Cancelled } from '../base/errors.js';
import type { ProgressSink } from '../base/progress.js';
import { linalgKernels } from '../kernels/registry.js';
import { Rng } from '../base/random.js';
import { ChunkGenerator, Normals, randomUnit } from './sampler.js';
import type { GenerateReply, GenerateTask } from './generateProtocol.js';

export type { RandWalkParams };
export type NormLaw = RandWalkParams['norms'];

/** Largest ‖v_w‖ the sampler accepts (its exp table stays within float64's range). */
const MAX_NORM = 300;

/**
 * The generator's parameters from raw input: each option checked against its spec
 * (src/shared/randwalkOptions.ts), defaults filled in, then the checks that involve
 * several options. Every error names the field it is about.
 */
export function randWalkParams(raw: Record<string, unknown>): RandWalkParams {
  const p = parseOptions(randWalkOptions, raw, 'RAND-WALK');
  if (p.norms === 'uniform' && p.normMax < p.normMin) {
    throw new LabError(`RAND-WALK normMax (${p.normMax}) is below normMin (${p.normMin}).`, 'invalid', 'normMax');
  }
  if (2 * p.planted * p.plantedPairs > p.vocab) {
    throw new LabError(
      `${p.planted} planted relations of ${p.plantedPairs} pairs need ${2 * p.planted * p.plantedPairs} distinct words; the vocabulary has ${p.vocab}.`, 'invalid', 'plantedPairs',
    );
  }
  const maxSq = p.norms === 'uniform' ? p.normMax : p.normMin + 2 * p.zipfExponent * Math.log(p.vocab);
  const maxNorm = Math.sqrt(maxSq * p.dim) + (p.planted > 0 ? Math.sqrt(p.relationNorm * p.dim) * (1 + 4 * p.plantedNoise) : 0);
  if (maxNorm > MAX_NORM / 1.5) {
    throw new LabError(
      `RAND-WALK vectors this long (‖v‖ up to about ${maxNorm.toFixed(0)}) would make exp⟨c, v⟩ overflow; lower the norms or the dimension.`, 'invalid', p.norms === 'uniform' ? 'normMax' : 'zipfExponent',
    );
  }
  return p;
}

export interface PlantedRelation {
  name: string;
  /** Word pairs (a, b) with v_b = v_a + r + ε. */
  pairs: [string, string][];
}

/** The ground truth before any text exists: vectors in generation order and the planted relations. */
export interface Truth {
  n: number;
  d: number;
  /** n × d, row-major, generation order (word i is wordName(i, n)). */
  vectors: Float32Array;
  planted: PlantedRelation[];
}

/** "w0042": zero-padded so that names sort like their generation index. */
export function wordName(i: number, n: number): string {
  return `w${String(i).padStart(String(n - 1).length, '0')}`;
}

/** Draws the true vectors and plants the analogies (seeded by params.seed). */
export function makeTruth(p: RandWalkParams): Truth {
  const { vocab: n, dim: d } = p;
  const rng = new Rng(p.seed);
  const normals = new Normals(rng);
  const V = new Float32Array(n * d);
  const dir = new Float64Array(d);
  // Zipf ranks: a random permutation, so frequency is unrelated to the name.
  const rank = shuffled(n, rng);
  for (let i = 0; i < n; i++) {
    const sq = p.norms === 'uniform'
      ? (Math.sqrt(p.normMin) + (Math.sqrt(p.normMax) - Math.sqrt(p.normMin)) * rng.next()) ** 2
      : p.normMin + 2 * p.zipfExponent * Math.log(n / (rank[i] + 1));
    randomUnit(normals, dir);
    const len = Math.sqrt(sq * d);
    for (let t = 0; t < d; t++) V[i * d + t] = len * dir[t];
  }
  const planted: PlantedRelation[] = [];
  const order = shuffled(n, rng);
  let next = 0;
  const rLen = Math.sqrt(p.relationNorm * d);
  const noiseSd = p.plantedNoise * Math.sqrt(p.relationNorm);
  for (let m = 0; m < p.planted; m++) {
    randomUnit(normals, dir);
    const pairs: [string, string][] = [];
    for (let k = 0; k < p.plantedPairs; k++) {
      const a = order[next++];
      const b = order[next++];
      for (let t = 0; t < d; t++) V[b * d + t] = V[a * d + t] + rLen * dir[t] + noiseSd * normals.next();
      pairs.push([wordName(a, n), wordName(b, n)]);
    }
    planted.push({ name: `r${m + 1}`, pairs });
  }
  return { n, d, vectors: V, planted };
}

function shuffled(n: number, rng: Rng): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** Declared once in the contract, which carries it to the UI. */
export type GenerationStats = GenerationStatsInfo;

/** A generated corpus, ready for insertCorpus: ids are frequency ranks. */
export interface GeneratedCorpus {
  params: RandWalkParams;
  truth: Truth;
  /** Words in id order (descending counts, ties by name) and their counts; words that never occurred are left out. */
  words: string[];
  counts: Uint32Array;
  /** The token stream in corpus ids. */
  tokens: Uint32Array;
  /** Sorted offsets where a document or paragraph starts (0 included). */
  breaks: Uint32Array;
  /** original[id]: the generation index (row of truth.vectors) of corpus word id. */
  original: Uint32Array;
  /** True vectors in corpus id order (words.length × d). */
  vectors: Float32Array;
  stats: GenerationStats;
}

/** Generates tokens in generation order (ids = rows of truth.vectors). */
export async function generateTokens(
  p: RandWalkParams, truth: Truth, progress: ProgressSink, signal: AbortSignal,
): Promise<{ tokens: Uint32Array; starts: number[]; stats: GenerationStats }> {
  const { n, d } = truth;
  const starts: number[] = [];
  for (let s = 0; s < p.tokens; s += p.documentTokens) starts.push(s);
  starts.push(p.tokens);
  const documents = starts.length - 1;
  let maxAbsLogit = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += truth.vectors[i * d + t] ** 2;
    maxAbsLogit = Math.max(maxAbsLogit, Math.sqrt(s));
  }
  maxAbsLogit = maxAbsLogit * (1 + 1e-5) + 1e-3;
  const vectors = new SharedArrayBuffer(n * d * 4);
  new Float32Array(vectors).set(truth.vectors);
  const tokensBuf = new SharedArrayBuffer(Math.max(4, p.tokens * 4));
  const task: GenerateTask = {
    vectors, tokens: tokensBuf, next: new SharedArrayBuffer(4), starts, n, d,
    drift: p.drift, tokensPerStep: p.tokensPerStep, maxAbsLogit, seed: p.seed,
  };
  const threads = Math.max(1, Math.min(p.threads > 0 ? p.threads : availableParallelism(), documents));
  progress.phase('generating', p.tokens, 'tokens');
  const t0 = performance.now();
  const tally = threads > 1 && workerAvailable('randwalk') ? await inWorkers(task, threads, progress, signal) : await inThisThread(task, progress, signal);
  const seconds = (performance.now() - t0) / 1000;
  progress.update(p.tokens);
  return {
    tokens: new Uint32Array(tokensBuf, 0, p.tokens),
    starts,
    stats: {
      seconds, tokensPerSecond: p.tokens / seconds, acceptance: tally.proposed ? tally.accepted / tally.proposed : 1,
      threads: tally.threads, documents,
    },
  };
}

async function inThisThread(task: GenerateTask, progress: ProgressSink, signal: AbortSignal): Promise<{ proposed: number; accepted: number; threads: number }> {
  const V = new Float32Array(task.vectors, 0, task.n * task.d);
  const out = new Uint32Array(task.tokens);
  const gen = new ChunkGenerator({ V, n: task.n, d: task.d, drift: task.drift, tokensPerStep: task.tokensPerStep, maxAbsLogit: task.maxAbsLogit, seed: task.seed }, linalgKernels().dotRows);
  let done = 0;
  let lastYield = performance.now();
  for (let k = 0; k + 1 < task.starts.length; k++) {
    // Documents are generated in slices so that a cancel or a progress listener is heard within a few tens of milliseconds.
    gen.start(k);
    const slice = task.tokensPerStep * Math.max(1, Math.floor(8192 / task.tokensPerStep));
    for (let at = task.starts[k]; at < task.starts[k + 1];) {
      if (signal.aborted) throw new Cancelled();
      const to = Math.min(task.starts[k + 1], at + slice);
      gen.emit(out, at, to);
      done += to - at;
      at = to;
      progress.update(done);
      if (performance.now() - lastYield > 50) {
        await new Promise((r) => setImmediate(r));
        lastYield = performance.now();
      }
    }
  }
  return { proposed: gen.proposed, accepted: gen.proposed - gen.rejected, threads: 1 };
}

async function inWorkers(
  task: GenerateTask, threads: number, progress: ProgressSink, signal: AbortSignal,
): Promise<{ proposed: number; accepted: number; threads: number }> {
  const workers: Worker[] = [];
  let done = 0;
  try {
    const replies = await Promise.all(
      Array.from({ length: threads }, () =>
        new Promise<{ proposed: number; accepted: number }>((resolve, reject) => {
          if (signal.aborted) return reject(new Cancelled());
          const w = startWorker('randwalk', { workerData: task });
          workers.push(w);
          const onAbort = (): void => reject(new Cancelled());
          signal.addEventListener('abort', onAbort, { once: true });
          w.on('message', (m: GenerateReply) => {
            if (m.type === 'progress') {
              done += m.tokens;
              progress.update(done);
            } else if (m.type === 'done') {
              signal.removeEventListener('abort', onAbort);
              resolve(m);
            } else {
              signal.removeEventListener('abort', onAbort);
              reject(new Error(m.message));
            }
          });
          w.on('error', reject);
          w.on('exit', (code) => {
            if (code !== 0) reject(new Error(`A RAND-WALK generating thread stopped (exit code ${code}).`));
          });
        }),
      ),
    );
    return { proposed: replies.reduce((s, r) => s + r.proposed, 0), accepted: replies.reduce((s, r) => s + r.accepted, 0), threads };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Paragraph and document starts: 0, every paragraphTokens within each document, and each document start. */
export function makeBreaks(starts: number[], paragraphTokens: number): Uint32Array {
  const out: number[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    for (let at = starts[k]; at < starts[k + 1]; at += paragraphTokens) out.push(at);
  }
  return Uint32Array.from(out);
}

/**
 * Re-ranks a generated stream: ids become frequency ranks (descending counts,
 * ties by name, which is generation order), words that never occurred are left
 * out, and the tokens are rewritten in place.
 */
export function rankByFrequency(truth: Truth, tokens: Uint32Array): { words: string[]; counts: Uint32Array; original: Uint32Array; vectors: Float32Array } {
  const { n, d } = truth;
  const raw = new Uint32Array(n);
  for (let i = 0; i < tokens.length; i++) raw[tokens[i]]++;
  const present: number[] = [];
  for (let i = 0; i < n; i++) if (raw[i] > 0) present.push(i);
  present.sort((a, b) => raw[b] - raw[a] || a - b);
  const original = Uint32Array.from(present);
  const rankOf = new Uint32Array(n);
  original.forEach((orig, r) => (rankOf[orig] = r));
  for (let i = 0; i < tokens.length; i++) tokens[i] = rankOf[tokens[i]];
  const vectors = new Float32Array(original.length * d);
  original.forEach((orig, r) => vectors.set(truth.vectors.subarray(orig * d, (orig + 1) * d), r * d));
  return {
    words: Array.from(original, (i) => wordName(i, n)),
    counts: Uint32Array.from(original, (i) => raw[i]),
    original,
    vectors,
  };
}

/** The whole generator: truth, tokens, ranks and breaks. */
export async function generate(raw: Record<string, unknown>, progress: ProgressSink, signal: AbortSignal): Promise<GeneratedCorpus> {
  const params = randWalkParams(raw);
  progress.phase('drawing vectors', 0, 'steps');
  const truth = makeTruth(params);
  const { tokens, starts, stats } = await generateTokens(params, truth, progress, signal);
  progress.phase('ranking', 0, 'steps');
  const ranked = rankByFrequency(truth, tokens);
  return { params, truth, ...ranked, tokens, breaks: makeBreaks(starts, params.paragraphTokens), stats };
}
