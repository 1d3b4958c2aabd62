/** corpus add | list | show | remove | export-text */
import { resolve } from 'node:path';
import type { CorpusDetail } from '../../shared/contract.js';
import { idAt, intFlag, requirePositional, stringFlag, UsageError } from '../args.js';
import { fmt, followJob, type Command } from '../context.js';

function describeCorpus(c: CorpusDetail, full: boolean): string {
  const lines = [
    `Corpus ${c.id}: ${c.name}  (${c.source})`,
    `  ${fmt(c.files)} files, ${(c.bytes / 1e6).toFixed(1)} MB, ${fmt(c.tokens)} tokens, ${fmt(c.types)} types (${fmt(c.typesAtMinCount)} with count ≥ ${c.minCount}), ${fmt(c.hapax)} hapax`,
    `  ingested in ${c.ingestSeconds.toFixed(2)} s`,
  ];
  if (full) lines.push(`  top: ${c.top.slice(0, 20).map((t) => `${t.word} ${fmt(t.count)}`).join(', ')}`);
  if (c.skipped.length) {
    lines.push(`  skipped ${c.skipped.length}:`);
    for (const s of c.skipped.slice(0, full ? 1000 : 20)) lines.push(`    ${s.path}: ${s.reason}`);
    if (!full && c.skipped.length > 20) lines.push(`    … and ${c.skipped.length - 20} more (corpus show ${c.id})`);
  }
  return lines.join('\n');
}

export const corpusCommands: Command[] = [
  {
    name: 'corpus add',
    usage: 'corpus add <folder> [--name N] [--min-count K] [--keep-case] [--threads T]',
    flags: () => [
      { name: 'name', kind: 'string' }, { name: 'min-count', kind: 'int', min: 1, max: 1_000_000 },
      { name: 'keep-case', kind: 'boolean' }, { name: 'threads', kind: 'int', min: 1, max: 64 },
    ],
    async run(ctx) {
      const { lab, args } = ctx;
      const folder = requirePositional(args, 2, 'the folder to add');
      const job = await lab.call('corpus.ingest', {
        source: { kind: 'path', path: resolve(folder) },
        name: stringFlag(args, 'name'),
        minCount: intFlag(args, 'min-count'),
        lowercase: !args.flags.has('keep-case'),
        threads: intFlag(args, 'threads'),
      });
      const done = await followJob(ctx, job);
      const detail = await lab.call('corpus.get', { id: done.result!.corpusId });
      const { fileList: _files, zipf: _zipf, top: _top, ...summary } = detail;
      ctx.print({ ...summary, skipped: detail.skipped }, () => describeCorpus(detail, false));
      return 0;
    },
  },
  {
    name: 'corpus list',
    usage: 'corpus list',
    flags: () => [],
    async run(ctx) {
      const list = await ctx.lab.call('corpus.list', {});
      ctx.print(list, () =>
        list.length === 0
          ? 'No corpora yet. Add one with: corpus add <folder>'
          : list.map((c) => `${String(c.id).padStart(4)}  ${c.name.padEnd(24)} ${fmt(c.tokens).padStart(12)} tokens ${fmt(c.types).padStart(9)} types  ${c.files} files`).join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'corpus show',
    usage: 'corpus show <id>',
    flags: () => [],
    async run(ctx) {
      const detail = await ctx.lab.call('corpus.get', { id: idAt(ctx.args, 2, 'corpus') });
      ctx.print(detail, () => describeCorpus(detail, true));
      return 0;
    },
  },
  {
    name: 'corpus remove',
    usage: 'corpus remove <id>',
    flags: () => [],
    async run(ctx) {
      const id = idAt(ctx.args, 2, 'corpus');
      ctx.print(await ctx.lab.call('corpus.remove', { id }), () => `Removed corpus ${id}.`);
      return 0;
    },
  },
  {
    name: 'corpus export-text',
    usage: 'corpus export-text <id> --out FILE   the lab\'s tokens, one paragraph per line (for gensim, fastText, word2vec.c)',
    flags: () => [{ name: 'out', kind: 'string' }],
    async run(ctx) {
      const id = idAt(ctx.args, 2, 'corpus');
      const out = stringFlag(ctx.args, 'out');
      if (!out) throw new UsageError('corpus export-text needs --out FILE.');
      const done = await followJob(ctx, await ctx.lab.call('corpus.exportText', { id, out: resolve(out) }));
      const r = done.result!;
      ctx.print({ lines: r.lines, tokens: r.tokens, out: r.out }, () => `Wrote ${fmt(r.tokens)} tokens in ${fmt(r.lines)} lines to ${r.out}`);
      return 0;
    },
  },
];
