/** most-similar, doesnt-match, similarity, n-similarity: gensim's KeyedVectors queries (vectors.query). */
import { idAt, intFlag, requirePositional, stringFlag } from '../args.js';
import type { Command } from '../context.js';

const words = (list: string | undefined): string[] => (list ?? '').split(',').map((w) => w.trim()).filter(Boolean);

export const gensimQueryCommands: Command[] = [
  {
    name: 'most-similar',
    usage: 'most-similar <run> --positive w1,w2 [--negative w3] [--topn 10] [--cosmul] [--restrict N]   gensim\'s most_similar (3CosAdd) or most_similar_cosmul',
    flags: () => [
      { name: 'positive', kind: 'string' }, { name: 'negative', kind: 'string' }, { name: 'topn', kind: 'int', min: 1, max: 1000 },
      { name: 'cosmul', kind: 'boolean' }, { name: 'restrict', kind: 'int', min: 1, max: 100_000_000 },
    ],
    async run(ctx) {
      const { args } = ctx;
      const r = await ctx.lab.call('vectors.query', {
        query: 'most_similar', runId: idAt(args, 1, 'run'), positive: words(stringFlag(args, 'positive')), negative: words(stringFlag(args, 'negative')),
        topn: intFlag(args, 'topn'), method: args.flags.has('cosmul') ? '3cosmul' : '3cosadd', restrict: intFlag(args, 'restrict'),
      });
      ctx.print(r, () => (r.query === 'most_similar' ? r.answers.map((a) => `${a.score.toFixed(4)}  ${a.word}`).join('\n') : ''));
      return 0;
    },
  },
  {
    name: 'doesnt-match',
    usage: 'doesnt-match <run> w1 w2 w3 …          gensim\'s doesnt_match: the word least like the others',
    flags: () => [],
    async run(ctx) {
      const list = ctx.args.positionals.slice(2);
      const r = await ctx.lab.call('vectors.query', { query: 'doesnt_match', runId: idAt(ctx.args, 1, 'run'), words: list });
      ctx.print(r, () => (r.query === 'doesnt_match'
        ? [r.word, ...r.ranking.map((x) => `  ${x.score.toFixed(4)}  ${x.word}`), ...(r.ignored.length ? [`  not in the vocabulary, left out: ${r.ignored.join(', ')}`] : [])].join('\n')
        : ''));
      return 0;
    },
  },
  {
    name: 'similarity',
    usage: 'similarity <run> w1 w2                 gensim\'s similarity: the cosine of two words',
    flags: () => [],
    async run(ctx) {
      const [a, b] = [2, 3].map((i) => requirePositional(ctx.args, i, 'two words'));
      const r = await ctx.lab.call('vectors.query', { query: 'similarity', runId: idAt(ctx.args, 1, 'run'), a, b });
      ctx.print(r, () => (r.query === 'similarity' ? r.similarity.toFixed(6) : ''));
      return 0;
    },
  },
  {
    name: 'n-similarity',
    usage: 'n-similarity <run> --ws1 w1,w2 --ws2 w3,w4   gensim\'s n_similarity: the cosine of the two lists\' mean vectors',
    flags: () => [{ name: 'ws1', kind: 'string' }, { name: 'ws2', kind: 'string' }],
    async run(ctx) {
      const r = await ctx.lab.call('vectors.query', { query: 'n_similarity', runId: idAt(ctx.args, 1, 'run'), ws1: words(stringFlag(ctx.args, 'ws1')), ws2: words(stringFlag(ctx.args, 'ws2')) });
      ctx.print(r, () => (r.query === 'n_similarity' ? `${r.similarity.toFixed(6)}${r.ignored.length ? `  (not in the vocabulary, left out: ${r.ignored.join(', ')})` : ''}` : ''));
      return 0;
    },
  },
];
