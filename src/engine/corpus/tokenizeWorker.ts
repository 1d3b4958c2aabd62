/**
 * A tokenizer thread: reads the files it is sent, one at a time, keeps each
 * file's token ids (local to this thread's vocabulary, in compact pieces: see
 * tokenPieces.ts), and returns their number plus the words its vocabulary gained.
 * Later it renumbers and encodes its files for the store (see tokenizeProtocol.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tokenizerKernel } from '../kernels/registry.js';
import { TOKENS_PER_CHUNK } from '../store/chunkLayout.js';
import { readTextBlocks, SkipFile } from './readText.js';
import { FileInPieces, unpackIds, type IdPiece } from './tokenPieces.js';
import type { FileTask, FileReply, ToTokenizer, EncodeRequest, EncodedSegment } from './tokenizeProtocol.js';

const kernel = tokenizerKernel();
const tokenizer = kernel.create({ lowercase: (workerData as { lowercase: boolean }).lowercase });
let reportedWords = 0;
/** The local ids of each file read successfully, by file index, in pieces (see tokenPieces.ts). */
const filesRead = new Map<number, IdPiece[]>();
/** Tokens the tokenizer counted that are not kept: files that failed part-way, and duplicates. */
const uncounted: IdPiece[] = [];

async function tokenizeFile(task: FileTask): Promise<FileReply> {
  const { blocks, info } = readTextBlocks(task.absPath, task.gzip, task.hash);
  const file = new FileInPieces(tokenizer, kernel);
  try {
    let lastReport = 0;
    for await (const block of blocks) {
      file.push(block);
      if (info.bytesRead - lastReport >= 1 << 20) {
        parentPort!.postMessage({ type: 'bytes', bytes: info.bytesRead - lastReport });
        lastReport = info.bytesRead;
      }
    }
    const { tokens, breaks } = file.finish();
    filesRead.set(task.idx, file.pieces);
    const newWords = tokenizer.wordsJoined(reportedWords);
    reportedWords = tokenizer.size;
    return { type: 'file', idx: task.idx, ok: true, tokens, breaks, newWords, sha1: info.sha1, encoding: info.encoding };
  } catch (e) {
    file.finish();
    uncounted.push(...file.pieces);
    const reason = e instanceof SkipFile ? e.message : `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    const newWords = tokenizer.wordsJoined(reportedWords);
    reportedWords = tokenizer.size;
    return { type: 'file', idx: task.idx, ok: false, reason, newWords };
  }
}

/**
 * Renumbers the kept files to ranks and encodes them, cut where the store's chunks begin: one
 * segment per file and chunk. Each piece is freed once encoded, so the thread never holds a file twice.
 */
function encodeFiles(req: EncodeRequest): EncodedSegment[] {
  let segments: EncodedSegment[] = [];
  let pending = 0;
  // Every few MB the segments go to the main thread, which stores each chunk once complete: the encoded
  // corpus is never held whole (it was, until the commit: about 1.5 bytes a token on top of the pieces).
  const send = (): void => {
    parentPort!.postMessage({ type: 'encoded-part', segments }, segments.map((x) => x.bytes.buffer as ArrayBuffer));
    segments = [];
    pending = 0;
  };
  const scratch = new Uint8Array(TOKENS_PER_CHUNK * 5);
  for (const { idx, firstToken } of req.files) {
    const pieces = filesRead.get(idx);
    if (!pieces) throw new Error(`Tokenizer thread was asked to encode file ${idx}, which it did not read.`);
    filesRead.delete(idx);
    let offset = firstToken;
    let open: { seq: number; firstToken: number; count: number; used: number } | null = null;
    const close = (): void => {
      if (open && open.count > 0) {
        segments.push({ seq: open.seq, firstToken: open.firstToken, count: open.count, bytes: scratch.slice(0, open.used) });
        pending += open.used;
        if (pending >= PART_BYTES) send();
      }
      open = null;
    };
    while (pieces.length > 0) {
      const ids = unpackIds(pieces.shift()!, kernel);
      let at = 0;
      while (at < ids.length) {
        const seq = Math.floor(offset / TOKENS_PER_CHUNK);
        if (open && open.seq !== seq) close();
        open ??= { seq, firstToken: offset, count: 0, used: 0 };
        const take = Math.min(ids.length - at, (seq + 1) * TOKENS_PER_CHUNK - offset);
        open.used += kernel.encodeRanks(ids, at, at + take, req.toRank, scratch.subarray(open.used));
        open.count += take;
        at += take;
        offset += take;
      }
    }
    close();
  }
  return segments;
}

/** Encoded bytes a thread gathers before it sends them on (a chunk of ordinary text is about 1.5 MB). */
const PART_BYTES = 4 << 20;

/** Files are read one after another (a gzip file is read asynchronously; the next waits for it). */
let queue: Promise<void> = Promise.resolve();

parentPort!.on('message', (msg: ToTokenizer) => {
  if (!('type' in msg)) {
    queue = queue.then(() => tokenizeFile(msg)).then((reply) => {
      parentPort!.postMessage(reply, reply.ok ? [reply.breaks.buffer as ArrayBuffer] : []);
    });
    return;
  }
  if (msg.type === 'counts') {
    for (const idx of msg.drop) {
      uncounted.push(...(filesRead.get(idx) ?? []));
      filesRead.delete(idx);
    }
    const counts = tokenizer.counts();
    for (const piece of uncounted) {
      const ids = unpackIds(piece, kernel);
      for (let i = 0; i < ids.length; i++) counts[ids[i]]--;
    }
    parentPort!.postMessage({ type: 'counts', counts }, [counts.buffer as ArrayBuffer]);
    return;
  }
  const segments = encodeFiles(msg);
  parentPort!.postMessage({ type: 'encoded', segments }, segments.map((s) => s.bytes.buffer as ArrayBuffer));
});
