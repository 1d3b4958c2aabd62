/** Continuous bag of words with negative sampling (word2vec), averaging the context. */
import { trainWord2vec } from './word2vecTraining.js';
import { word2vecOptions } from './sgns.js';
import { defineMethod } from './spec.js';

export const cbow = defineMethod({
  id: 'cbow',
  label: 'CBOW',
  summary: 'Continuous bag of words with negative sampling (word2vec): the mean of the context predicts the word.',
  options: word2vecOptions(0.05),
  checkpoints: true,
  train: (ctx) => trainWord2vec(ctx, true),
});
