/**
 * Writes a stored corpus as plain text, one space-separated line per paragraph
 * (at most `maxPerLine` tokens; longer paragraphs wrap). Other tools (gensim,
 * fastText, word2vec.c) fed this file see exactly the lab's tokens.
 *
 * The stream is read one stored chunk at a time (in a job thread, on the job's own
 * connection), written to a temporary file beside the target and renamed over it at
 * the end: a cancel, a failure or a kill never leaves a half-written file.
 */
import { resolve } from 'node:path';
import type { CorpusTextExport } from '../../shared/contract.js';
import type { Db } from '../store/db.js';
import { getCorpusSummary, readBreaks, readVocab, tokenChunks } from '../store/corpora.js';
import { commitFiles, TextChunker, writeTemp } from '../base/atomicFiles.js';
import { noProgress, type ProgressSink } from '../base/progress.js';
import { Cancelled } from '../base/errors.js';

export interface TextExportOptions {
  maxPerLine?: number;
  progress?: ProgressSink;
  signal?: AbortSignal;
}

/** The corpus's lines as UTF-8 chunks of about 1 MiB. */
function* corpusLines(db: Db, corpusId: number, maxPerLine: number, tally: { lines: number; tokens: number }, progress: ProgressSink, signal?: AbortSignal): Generator<Buffer> {
  const { words } = readVocab(db, corpusId);
  const breaks = readBreaks(db, corpusId);
  const chunker = new TextChunker();
  let nextBreak = 0;
  let inLine = 0;
  let at = 0;
  for (const ids of tokenChunks(db, corpusId)) {
    if (signal?.aborted) throw new Cancelled();
    for (let k = 0; k < ids.length; k++, at++) {
      while (nextBreak < breaks.length && breaks[nextBreak] < at) nextBreak++;
      const lineEnds = inLine > 0 && ((nextBreak < breaks.length && breaks[nextBreak] === at) || inLine === maxPerLine);
      if (lineEnds) {
        tally.lines++;
        inLine = 0;
      }
      const full = chunker.push(lineEnds ? `\n${words[ids[k]]}` : inLine === 0 ? words[ids[k]] : ` ${words[ids[k]]}`);
      inLine++;
      if (full) yield full;
    }
    progress.update(at);
  }
  if (inLine > 0) {
    tally.lines++;
    chunker.push('\n');
  }
  tally.tokens = at;
  const last = chunker.take();
  if (last) yield last;
}

export async function exportCorpusText(db: Db, corpusId: number, outPath: string, o: TextExportOptions = {}): Promise<CorpusTextExport> {
  const out = resolve(outPath);
  const { tokens } = getCorpusSummary(db, corpusId);
  const progress = o.progress ?? noProgress;
  progress.phase('writing', tokens, 'tokens');
  const tally = { lines: 0, tokens: 0 };
  const file = await writeTemp(out, corpusLines(db, corpusId, o.maxPerLine ?? 1000, tally, progress, o.signal), o.signal);
  await commitFiles([file]);
  return { corpusId, out, lines: tally.lines, tokens: tally.tokens };
}
