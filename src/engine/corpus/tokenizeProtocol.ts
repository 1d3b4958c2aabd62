/**
 * Messages between the ingestion orchestrator and its tokenizer threads.
 *
 * 1. The orchestrator sends files one at a time (FileTask); the thread keeps each
 *    file's token ids and replies with their number and its new words (FileReply).
 * 2. When every file is read, it sends CountsRequest naming the duplicate files the
 *    thread read; the thread forgets them and replies with its counts (CountsReply).
 * 3. Once the global vocabulary is ranked, EncodeRequest carries the thread's
 *    local → rank map and where each kept file starts in the corpus; the thread
 *    renumbers and varint-encodes its files, cut at the store's chunk boundaries
 *    (EncodedReply). The ids never cross threads, and the work is split between them.
 */
import type { ChunkSegment } from '../store/chunkAssembler.js';

export interface FileTask {
  idx: number;
  absPath: string | Uint8Array;
  gzip: boolean;
  /** Whether to compute the file's SHA-1: only needed when another file has the same size. */
  hash: boolean;
}

interface Common {
  type: 'file';
  idx: number;
  /** Words this thread's vocabulary gained while reading the file, in local-id order, joined by newlines ('' for none). */
  newWords: string;
}

export type FileReply =
  | (Common & { ok: true; tokens: number; breaks: Uint32Array; sha1: string; encoding: string })
  | (Common & { ok: false; reason: string });

export interface BytesProgress {
  type: 'bytes';
  bytes: number;
}

export interface CountsRequest {
  type: 'counts';
  /** Files this thread read that duplicate an earlier file: left out of the counts and the stream. */
  drop: number[];
}

/** The thread's final per-local-id counts, over the files it read successfully and kept. */
export interface CountsReply {
  type: 'counts';
  counts: Uint32Array;
}

export interface EncodeRequest {
  type: 'encode';
  /** Local id → the word's frequency rank in the corpus. */
  toRank: Uint32Array;
  /** The thread's kept files and the corpus offset of each one's first token. */
  files: { idx: number; firstToken: number }[];
}

/** A run of one stored chunk: `count` tokens starting at corpus offset `firstToken` (the store assembles them). */
export type EncodedSegment = ChunkSegment;

/** Segments encoded so far, sent every few MB while a thread encodes, so that they are stored as they come. */
export interface EncodedPart {
  type: 'encoded-part';
  segments: EncodedSegment[];
}

/** The last segments of a thread's files: its answer to an EncodeRequest. */
export interface EncodedReply {
  type: 'encoded';
  segments: EncodedSegment[];
}

export type ToTokenizer = FileTask | CountsRequest | EncodeRequest;
export type FromTokenizer = FileReply | BytesProgress | CountsReply | EncodedPart | EncodedReply;
