/** Skip-gram with negative sampling (word2vec; Mikolov et al. 2013), with word2vec.c's semantics. */
import { defineOptions, type OptionValues } from '../../shared/options.js';
import { trainWord2vec } from './word2vecTraining.js';
import { defineMethod } from './spec.js';

export const word2vecOptions = (alpha: number) => defineOptions([
  { key: 'dim', label: 'Dimensions', help: 'Size of the word vectors (d).', type: 'int', default: 100, min: 1, max: 2000 },
  { key: 'window', label: 'Window', help: 'Maximum context words on each side; each position samples its window size uniformly in 1..L.', type: 'int', default: 5, min: 1, max: 50 },
  { key: 'negative', label: 'Negatives', help: 'Negative samples per positive pair, drawn from unigram^0.75.', type: 'int', default: 5, min: 1, max: 100 },
  { key: 'sample', label: 'Subsampling t', help: 'Frequent-word subsampling threshold (word2vec.c\'s keep probability; 0: off).', type: 'number', default: 1e-4, min: 0, max: 1 },
  { key: 'minCount', label: 'Min count', help: 'Words seen fewer times are dropped.', type: 'int', default: 5, min: 1, max: 1e9 },
  { key: 'maxVocab', label: 'Max vocabulary', help: 'Keep at most this many of the most frequent words (0: no cap).', type: 'int', default: 0, min: 0, max: 1e7 },
  { key: 'epochs', label: 'Epochs', help: 'Passes over the corpus.', type: 'int', default: 5, min: 1, max: 1000 },
  { key: 'alpha', label: 'Learning rate', help: 'Starting learning rate; it decays linearly to 1e-4 of it over all epochs.', type: 'number', default: alpha, min: 1e-6, max: 1 },
  { key: 'threads', label: 'Threads', help: 'Training threads (0: all cores). One thread and a fixed seed give the same vectors every time.', type: 'int', default: 0, min: 0, max: 64 },
  { key: 'seed', label: 'Seed', help: 'Seed of the initialisation, subsampling, windows and negatives.', type: 'int', default: 1, min: 0, max: 2 ** 31 - 1, advanced: true },
]);

/** The parameters of an SGNS or CBOW run. */
export type Word2vecValues = OptionValues<ReturnType<typeof word2vecOptions>>;

const sgnsOptions = defineOptions([
  ...word2vecOptions(0.025),
  {
    key: 'shareNegatives', label: 'Shared negatives', type: 'boolean', default: true,
    help: 'On (the default): one draw of negatives per centre word, shared by its whole window, as pWord2Vec (Ji et al. 2016) does: '
      + 'the window becomes one small matrix product, about twice as fast, with the same quality. Off: word2vec.c\'s own sampling, a new draw for every (context, centre) pair.',
  },
]);

export const sgns = defineMethod({
  id: 'sgns',
  label: 'SGNS',
  summary: 'Skip-gram with negative sampling (word2vec), trained by Hogwild threads.',
  options: sgnsOptions,
  checkpoints: true,
  train: (ctx) => trainWord2vec(ctx, false, ctx.params.shareNegatives),
});
