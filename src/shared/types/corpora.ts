/** Corpora as the contract returns them. */

export interface CorpusSummary {
  id: number;
  name: string;
  source: string;
  createdAt: string;
  files: number;
  bytes: number;
  tokens: number;
  types: number;
  hapax: number;
  minCount: number;
  /** Types whose count reaches minCount: the vocabulary runs will see by default. */
  typesAtMinCount: number;
  lowercase: boolean;
  ingestSeconds: number;
  skippedCount: number;
  synthetic: boolean;
}

export interface CorpusFile {
  path: string;
  bytes: number;
  tokens: number;
  encoding: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface CorpusDetail extends CorpusSummary {
  top: { word: string; count: number }[];
  /** Rank–frequency curve, sampled log-uniformly in rank: [rank, count] with rank from 1. */
  zipf: [number, number][];
  fileList: CorpusFile[];
  skipped: SkippedFile[];
}
