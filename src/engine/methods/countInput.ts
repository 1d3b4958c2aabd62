/**
 * What the count-based methods start from: the vocabulary cut and the
 * co-occurrence table, taken from the cache when the same corpus was counted
 * with the same window options before.
 */
import { readBreaks, readVocabCounts, readVocabWords, tokenChunks } from '../store/corpora.js';
import { loadCooc, saveCooc } from '../cooc/cache.js';
import { cutVocabulary, prepareStream } from '../corpus/trainingStream.js';
import { countCooccurrences, type SpillStats, type UpperCounts } from '../cooc/count.js';
import { coocKey, type CoocOptions } from '../cooc/options.js';
import type { TrainContext, windowOptions } from './spec.js';
import type { OptionValues } from '../../shared/options.js';
import { threadsOf } from '../base/workers.js';

export interface CountInput {
  words: string[];
  counts: Uint32Array;
  upper: UpperCounts;
  cached: boolean;
  /** What counting wrote to disk (none when the table came from the cache). */
  spill: SpillStats;
}

export { threadsOf } from '../base/workers.js';

/** The values of windowOptions(): what every count-based method's parameters include. */
export type WindowValues = OptionValues<ReturnType<typeof windowOptions>>;

export function coocOptionsOf(p: WindowValues): CoocOptions {
  return { minCount: p.minCount, maxVocab: p.maxVocab, window: p.window, weighting: p.weighting, subsample: p.subsample, seed: p.seed };
}

export async function countInput(ctx: TrainContext<WindowValues>): Promise<CountInput> {
  const o = coocOptionsOf(ctx.params);
  const key = coocKey(o);
  const vocab = { counts: readVocabCounts(ctx.db, ctx.corpusId) };
  const cut = cutVocabulary(vocab.counts, o.minCount, o.maxVocab);
  if (cut.size < 2) throw new Error(`Only ${cut.size} word(s) reach min count ${o.minCount}: lower it or add text.`);
  const words = readVocabWords(ctx.db, ctx.corpusId, cut.size);
  const counts = vocab.counts.slice(0, cut.size);
  const hit = await ctx.phase('counting', () => loadCooc(ctx.db, ctx.corpusId, key));
  if (hit) {
    ctx.log(`co-occurrences: reused the cached table for ${key} (${hit.cols.length.toLocaleString('en-US')} pairs)`);
    return { words, counts, upper: hit, cached: true, spill: { runs: 0, bytes: 0 } };
  }
  const { spill, ...upper } = await ctx.phase('counting', async () => {
    const stream = prepareStream(tokenChunks(ctx.db, ctx.corpusId), readBreaks(ctx.db, ctx.corpusId), vocab.counts, cut, o.subsample, o.seed);
    return countCooccurrences(stream, cut.size, o, ctx.progress, ctx.signal, { threads: threadsOf(ctx.params) });
  });
  ctx.log(`co-occurrences: counted ${upper.cols.length.toLocaleString('en-US')} distinct pairs over ${cut.size.toLocaleString('en-US')} words`);
  if (spill.runs > 0) ctx.log(`co-occurrences: ${(spill.bytes / 2 ** 20).toFixed(0)} MiB of sorted runs went through disk (${spill.runs} files), past the 400 MB kept in memory`);
  await ctx.phase('caching counts', () => saveCooc(ctx.db, ctx.corpusId, key, upper));
  return { words, counts, upper, cached: false, spill };
}
