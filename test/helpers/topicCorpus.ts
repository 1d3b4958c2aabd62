/**
 * A corpus with a known, well-separated M* spectrum: K topics (K − 1 positive modes: the all-ones direction takes one) whose words co-occur
 * within a sentence, of sizes m_k that fall with k. Within a topic M*_ij ≈ 2 (S ≈ 4),
 * so topic k gives an eigenvalue near 4·m_k: distinct sizes give distinct steps.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../src/engine/base/random.js';

export function writeTopicCorpus(root: string, o: { topics?: number; sentences?: number; seed?: number } = {}): void {
  const K = o.topics ?? 9;
  const rng = new Rng(o.seed ?? 3);
  const sizes = Array.from({ length: K }, (_, k) => 12 + 4 * (K - k));
  const background = Array.from({ length: 40 }, (_, j) => `b${j}`);
  mkdirSync(root, { recursive: true });
  const lines: string[] = [];
  for (let s = 0; s < (o.sentences ?? 12000); s++) {
    const k = Math.floor(rng.next() * K);
    const words: string[] = [];
    for (let t = 0; t < 10; t++) {
      words.push(rng.next() < 0.8 ? `t${k}w${Math.floor(rng.next() * sizes[k])}` : background[Math.floor(rng.next() * background.length)]);
    }
    lines.push(words.join(' ') + '.');
  }
  // Paragraphs of one sentence: windows do not cross into the next topic.
  for (let f = 0; f < 4; f++) writeFileSync(join(root, `part${f}.txt`), lines.filter((_, i) => i % 4 === f).join('\n\n') + '\n');
}
