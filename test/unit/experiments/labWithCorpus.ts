/** A lab on a temporary file with one generated topic corpus (test/helpers/topicCorpus.ts), and a similarity set over its words. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { resultOf } from '../../../src/shared/jobResult.js';
import { tempDir } from '../../helpers/fixtures.js';
import { writeTopicCorpus } from '../../helpers/topicCorpus.js';

export interface LabWithCorpus {
  dir: string;
  db: string;
  lab: Lab;
  corpusId: number;
  /** A word-pair file: pairs within a topic score high, across topics low. */
  similaritySet: string;
  close(): Promise<void>;
}

export function writeTopicPairs(file: string): void {
  const lines: string[] = [];
  for (let k = 0; k < 6; k++) {
    lines.push(`t${k}w1 t${k}w2 9`, `t${k}w3 t${k}w5 8.5`, `t${k}w1 t${(k + 1) % 6}w2 1`, `t${k}w4 t${(k + 3) % 6}w6 0.5`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

export async function labWithCorpus(o: { sentences?: number } = {}): Promise<LabWithCorpus> {
  const dir = tempDir('embedlab-experiments-');
  writeTopicCorpus(join(dir.path, 'topics'), { sentences: o.sentences ?? 6000 });
  const similaritySet = join(dir.path, 'topic-pairs.txt');
  writeTopicPairs(similaritySet);
  const db = join(dir.path, 'lab.db');
  const lab = new Lab({ dbPath: db, mode: 'cli' });
  const job = await lab.jobs.wait(await lab.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'topics') }, minCount: 1 }));
  const corpusId = resultOf(job, 'ingest')?.corpusId;
  if (!corpusId) throw new Error(`ingestion ${job.status}: ${job.error}`);
  return {
    dir: dir.path, db, lab, corpusId, similaritySet,
    async close() {
      await lab.close();
      dir.cleanup();
    },
  };
}
