/**
 * A tokenizer thread: reads the files it is sent, one at a time, keeps each
 * file's token ids (local to this thread's vocabulary), and returns their number
 * plus the words its vocabulary gained. Later it renumbers and encodes its files
 * for the store (see tokenizeProtocol.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tokenizerKernel } from '../kernels/registry.js';
import { TOKENS_PER_CHUNK } from '../store/chunkLayout.js';
import { readTextBlocks, SkipFile } from './readText.js';
import type { FileTask, FileReply, ToTokenizer, EncodeRequest, EncodedSegment } from './tokenizeProtocol.js';

const kernel = tokenizerKernel();
const tokenizer = kernel.create({ lowercase: (workerData as { lowercase: boolean }).lowercase });
let reportedWords = 0;
/** Token ids of each file read successfully, by file index. */
const filesRead = new Map<number, Uint32Array>();
/** Tokens the tokenizer counted that are not kept: the part read of files that then failed. */
const uncounted: Uint32Array[] = [];

async function tokenizeFile(task: FileTask): Promise<FileReply> {
  const { blocks, info } = readTextBlocks(task.absPath, task.gzip, task.hash);
  try {
    let lastReport = 0;
    for await (const block of blocks) {
      tokenizer.push(block);
      if (info.bytesRead - lastReport >= 1 << 20) {
        parentPort!.postMessage({ type: 'bytes', bytes: info.bytesRead - lastReport });
        lastReport = info.bytesRead;
      }
    }
    const file = tokenizer.finishFile();
    filesRead.set(task.idx, file.ids);
    const newWords = tokenizer.wordsJoined(reportedWords);
    reportedWords = tokenizer.size;
    return {
      type: 'file', idx: task.idx, ok: true, tokens: file.ids.length, breaks: file.breaks, newWords,
      sha1: info.sha1, encoding: info.encoding,
    };
  } catch (e) {
    uncounted.push(tokenizer.finishFile().ids);
    const reason = e instanceof SkipFile ? e.message : `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    const newWords = tokenizer.wordsJoined(reportedWords);
    reportedWords = tokenizer.size;
    return { type: 'file', idx: task.idx, ok: false, reason, newWords };
  }
}

/** Renumbers the kept files to ranks and encodes them, cut where the store's chunks begin. */
function encodeFiles(req: EncodeRequest): EncodedSegment[] {
  const segments: EncodedSegment[] = [];
  const scratch = new Uint8Array(TOKENS_PER_CHUNK * 5);
  for (const { idx, firstToken } of req.files) {
    const ids = filesRead.get(idx);
    if (!ids) throw new Error(`Tokenizer thread was asked to encode file ${idx}, which it did not read.`);
    let at = 0;
    while (at < ids.length) {
      const offset = firstToken + at;
      const seq = Math.floor(offset / TOKENS_PER_CHUNK);
      const take = Math.min(ids.length - at, (seq + 1) * TOKENS_PER_CHUNK - offset);
      const n = kernel.encodeRanks(ids, at, at + take, req.toRank, scratch);
      segments.push({ seq, firstToken: offset, count: take, bytes: scratch.slice(0, n) });
      at += take;
    }
    filesRead.delete(idx); // freed as we go: the encoded stream is about a third of the ids
  }
  return segments;
}

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
      const ids = filesRead.get(idx);
      if (ids) uncounted.push(ids);
      filesRead.delete(idx);
    }
    const counts = tokenizer.counts();
    for (const ids of uncounted) for (let i = 0; i < ids.length; i++) counts[ids[i]]--;
    parentPort!.postMessage({ type: 'counts', counts }, [counts.buffer as ArrayBuffer]);
    return;
  }
  const segments = encodeFiles(msg);
  parentPort!.postMessage({ type: 'encoded', segments }, segments.map((s) => s.bytes.buffer as ArrayBuffer));
});
