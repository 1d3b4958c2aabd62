/**
 * The RAND-WALK generator's options (BRIEF method 6), declared once: the CLI's flags,
 * the UI's form, validation, defaults, the stored parameters and the RandWalkParams
 * type all come from this list. The cross-field checks (planted words, overflow) live
 * with the generator (src/engine/randwalk/generator.ts).
 *
 * It sits in src/shared, not in the engine like the methods' options, because the
 * contract's RAND-WALK reports carry these parameters typed (RandWalkParams).
 */
import { defineOptions, type OptionValues } from './options.js';

export const randWalkOptions = defineOptions([
  { key: 'vocab', label: 'Vocabulary n', help: 'Distinct words, each with its own true vector.', type: 'int', default: 5000, min: 2, max: 1_000_000 },
  { key: 'dim', label: 'Dimension d', help: 'Size of the true word vectors and of the discourse vector c.', type: 'int', default: 100, min: 1, max: 2000 },
  { key: 'tokens', label: 'Corpus length T (tokens)', help: 'Words to emit. 10M at n = 5,000, d = 100 takes about a minute on 2 cores.', type: 'int', default: 10_000_000, min: 1, max: 500_000_000 },
  {
    key: 'norms', label: 'Norm distribution', type: 'choice', default: 'uniform', choices: ['uniform', 'zipf'],
    help: 'uniform: ‖v‖/√d uniform between √min and √max; zipf: s_w² = min + 2s·ln(n/r) at a random rank r, so p(w) ∝ r^−s.',
  },
  { key: 'normMin', label: 'Smallest ‖v‖²/d', help: 'Squared norm over d of the rarest words.', type: 'number', default: 0.25, min: 0, max: 10_000 },
  { key: 'normMax', label: 'Largest ‖v‖²/d', help: 'Squared norm over d of the most frequent words (uniform law).', type: 'number', default: 4, min: 0, max: 10_000, when: { option: 'norms', is: 'uniform' } },
  { key: 'zipfExponent', label: 'Zipf exponent s', help: '‖v‖²/d = min + 2s·ln(n/r) at a random rank r, so p(w) ∝ r^−s.', type: 'number', default: 1, min: 0, max: 10, when: { option: 'norms', is: 'zipf' } },
  { key: 'drift', label: 'Discourse drift δ', help: 'How far c moves per step: c ← normalise(c + δ·g/√d). Small is a slow walk.', type: 'number', default: 0.1, min: 0, max: 100 },
  { key: 'tokensPerStep', label: 'Tokens per discourse step', help: 'Words emitted before c moves. 1 is the model exactly; 5 is about 5× faster.', type: 'int', default: 5, min: 1, max: 1_000_000 },
  { key: 'planted', label: 'Planted relations m', help: 'Relation directions r, each with pairs v_b = v_a + r + noise. 0 plants none.', type: 'int', default: 0, min: 0, max: 10_000 },
  { key: 'plantedPairs', label: 'Pairs per relation', help: 'Word pairs (a, b) per planted relation; they give the planted analogies.', type: 'int', default: 20, min: 2, max: 100_000, aliases: ['pairs'] },
  { key: 'seed', label: 'Seed', help: 'The same seed and parameters give the same corpus.', type: 'int', default: 1, min: 0, max: 2 ** 32 - 1 },
  { key: 'relationNorm', label: 'Relation ‖r‖²/d', help: 'Squared length over d of each planted relation direction.', type: 'number', default: 1, min: 0, max: 10_000, advanced: true },
  { key: 'plantedNoise', label: 'Planted noise', help: 'Noise of a planted pair relative to its relation: E‖ε‖ ≈ noise·‖r‖.', type: 'number', default: 0.1, min: 0, max: 100, advanced: true },
  { key: 'paragraphTokens', label: 'Paragraph length', help: 'A paragraph break every this many tokens; windows do not cross it.', type: 'int', default: 1000, min: 1, max: 1_000_000_000, advanced: true },
  { key: 'documentTokens', label: 'Document length', help: 'A fresh walk from the stationary law every this many tokens.', type: 'int', default: 50_000, min: 1, max: 1_000_000_000, advanced: true },
  { key: 'threads', label: 'Threads', help: 'Generating threads (0: all cores). The corpus depends only on the seed.', type: 'int', default: 0, min: 0, max: 256, advanced: true },
]);

/** A RAND-WALK corpus's generating parameters, every field filled in. */
export type RandWalkParams = OptionValues<typeof randWalkOptions>;
