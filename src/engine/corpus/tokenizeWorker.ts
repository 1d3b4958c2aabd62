/**
 * A tokenizer thread: reads the files it is sent, one at a time, and returns
 * each file's token ids (local to this thread's vocabulary) plus the words its
 * vocabulary gained since the last reply.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFileTokenizer } from '../kernels/nativeTokenizer.js';
import { readTextBlocks, SkipFile } from './readText.js';
import type { FileTask, FileReply } from './tokenizeProtocol.js';

const tokenizer = createFileTokenizer({ lowercase: (workerData as { lowercase: boolean }).lowercase });
let reportedWords = 0;
/** Occurrences of each local id in the files read successfully so far. */
let counts = new Uint32Array(1 << 16);

function count(ids: Uint32Array): void {
  if (tokenizer.size > counts.length) {
    const next = new Uint32Array(Math.max(tokenizer.size, counts.length * 2));
    next.set(counts);
    counts = next;
  }
  for (let i = 0; i < ids.length; i++) counts[ids[i]]++;
}

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
    count(file.ids);
    const newWords = tokenizer.words(reportedWords);
    reportedWords = tokenizer.size;
    return {
      type: 'file', idx: task.idx, ok: true, ids: file.ids, breaks: file.breaks, newWords,
      sha1: info.sha1, encoding: info.encoding,
    };
  } catch (e) {
    tokenizer.finishFile();
    const reason = e instanceof SkipFile ? e.message : `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    const newWords = tokenizer.words(reportedWords);
    reportedWords = tokenizer.size;
    return { type: 'file', idx: task.idx, ok: false, reason, newWords };
  }
}

parentPort!.on('message', (task: FileTask | { type: 'counts' }) => {
  if ('type' in task) {
    const final = counts.slice(0, tokenizer.size);
    parentPort!.postMessage({ type: 'counts', counts: final }, [final.buffer]);
    return;
  }
  void tokenizeFile(task).then((reply) => {
    const transfer = reply.ok ? [reply.ids.buffer, reply.breaks.buffer] : [];
    parentPort!.postMessage(reply, transfer as ArrayBuffer[]);
  });
});
