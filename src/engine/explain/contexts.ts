/**
 * Keyword in context: windows of the corpus (all its tokens, rare words included) where w and c
 * occur within `window` tokens of each other in one paragraph, a few of them spread evenly over
 * the corpus, with `PAD` tokens around the pair.
 */
import type { Db } from '../store/db.js';
import { readBreaks, tokenChunks } from '../store/corpora.js';

const PAD = 8;
const MAX_MATCHES = 1_000_000;

export function corpusContexts(db: Db, corpusId: number, w: number, c: number, window: number, words: string[], shown: number) {
  const tokens = concat(tokenChunks(db, corpusId));
  const breaks = readBreaks(db, corpusId);
  // segStart[p]: is p the first token of a paragraph or document? (windows do not cross one)
  const isStart = new Uint8Array(tokens.length + 1);
  isStart[0] = 1;
  for (const b of breaks) if (b < isStart.length) isStart[b] = 1;
  const matches: [number, number][] = [];
  let total = 0;
  let segStart = 0;
  for (let p = 0; p < tokens.length; p++) {
    if (isStart[p]) segStart = p;
    if (tokens[p] !== w) continue;
    for (let q = Math.max(segStart, p - window); q <= Math.min(tokens.length - 1, p + window); q++) {
      if (q === p || tokens[q] !== c) continue;
      if (q > p && hasStartBetween(isStart, p + 1, q)) break;
      total++;
      if (matches.length < MAX_MATCHES) matches.push([p, q]);
      break; // one window per occurrence of w
    }
  }
  const pick = matches.length <= shown ? matches : Array.from({ length: shown }, (_, k) => matches[Math.floor(((k + 0.5) * matches.length) / shown)]);
  return {
    total,
    shown: pick.map(([p, q]) => {
      const from = Math.max(0, Math.min(p, q) - PAD);
      const to = Math.min(tokens.length, Math.max(p, q) + PAD + 1);
      return { tokens: Array.from(tokens.subarray(from, to), (id) => words[id] ?? '?'), w: p - from, c: q - from };
    }),
  };
}

function hasStartBetween(isStart: Uint8Array, from: number, to: number): boolean {
  for (let r = from; r <= to; r++) if (isStart[r]) return true;
  return false;
}

function concat(pieces: Iterable<Uint32Array>): Uint32Array {
  const list = [...pieces];
  const out = new Uint32Array(list.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of list) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
