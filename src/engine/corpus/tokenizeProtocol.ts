/** Messages between the ingestion orchestrator and its tokenizer threads. */
export interface FileTask {
  idx: number;
  absPath: string;
  gzip: boolean;
  /** Whether to compute the file's SHA-1: only needed when another file has the same size. */
  hash: boolean;
}

interface Common {
  type: 'file';
  idx: number;
  /** Words this thread's vocabulary gained while reading the file, in local-id order. */
  newWords: string[];
}

export type FileReply =
  | (Common & { ok: true; ids: Uint32Array; breaks: Uint32Array; sha1: string; encoding: string })
  | (Common & { ok: false; reason: string });

export interface BytesProgress {
  type: 'bytes';
  bytes: number;
}

/** The thread's final per-local-id counts, over the files it read successfully. */
export interface CountsReply {
  type: 'counts';
  counts: Uint32Array;
}
