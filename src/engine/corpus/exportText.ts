/**
 * Writes a stored corpus as plain text, one space-separated line per paragraph
 * (at most `maxPerLine` tokens; longer paragraphs wrap). Other tools (gensim,
 * fastText, word2vec.c) fed this file see exactly the lab's tokens.
 */
import { createWriteStream } from 'node:fs';
import type { Db } from '../store/db.js';
import { readBreaks, readTokens, readVocab } from '../store/corpora.js';

export async function exportCorpusText(db: Db, corpusId: number, outPath: string, maxPerLine = 1000): Promise<{ lines: number; tokens: number }> {
  const { words } = readVocab(db, corpusId);
  const tokens = readTokens(db, corpusId);
  const breaks = readBreaks(db, corpusId);
  const out = createWriteStream(outPath);
  let lines = 0;
  let buffer: string[] = [];
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  let nextBreak = 0;
  let inLine = 0;
  let line: string[] = [];
  const endLine = async (): Promise<void> => {
    if (line.length === 0) return;
    buffer.push(line.join(' '));
    line = [];
    inLine = 0;
    lines++;
    if (buffer.length >= 1000) {
      await write(buffer.join('\n') + '\n');
      buffer = [];
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    while (nextBreak < breaks.length && breaks[nextBreak] < i) nextBreak++;
    if ((nextBreak < breaks.length && breaks[nextBreak] === i) || inLine === maxPerLine) await endLine();
    line.push(words[tokens[i]]);
    inLine++;
  }
  await endLine();
  if (buffer.length) await write(buffer.join('\n') + '\n');
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { lines, tokens: tokens.length };
}
