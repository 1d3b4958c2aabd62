/**
 * Big-input tests: runs lab calls in a child process with a bounded V8 heap and reads back what
 * happened (result or error, peak resident set, time), so that a case that would run out of memory
 * shows as a failed child instead of taking the test runner down with it. Also writes big inputs
 * without holding them: a block repeated to the size asked for.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

/** EMBEDLAB_HEAVY=1 runs the full-size cases; `npm test` runs their light variants. */
export const heavy = process.env.EMBEDLAB_HEAVY === '1';

const child = fileURLToPath(new URL('./boundedChild.ts', import.meta.url));

export interface Step {
  call: string;
  input: Record<string, unknown>;
}

export interface Outcome {
  ok: boolean;
  result?: unknown;
  error?: string;
  labError?: boolean;
  jobFailed?: boolean;
  peakRssBytes: number;
  seconds: number;
}

/**
 * Runs the steps in a child with `heapMb` of V8 old space, and asserts that it ended by itself
 * (exit 0, no signal, no fatal error): either with the result or with an error a person can read.
 */
export function runBounded(db: string, steps: Step[], o: { heapMb: number; timeoutMs: number; env?: Record<string, string> }): Outcome {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${o.heapMb}`, '--import', 'tsx', child, JSON.stringify({ db, steps })], {
    encoding: 'utf8', timeout: o.timeoutMs, maxBuffer: 16 << 20, env: { ...process.env, ...o.env },
  });
  const tail = `${r.stderr ?? ''}`.slice(-2000);
  assert.equal(r.signal, null, `the child was killed by ${r.signal} (timeout ${o.timeoutMs} ms?); stderr: ${tail}`);
  assert.doesNotMatch(tail, /heap out of memory|FATAL ERROR|Allocation failed/i, 'the child ran out of memory');
  assert.equal(r.status, 0, `the child exited with ${r.status}; stderr: ${tail}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as Outcome;
}

/** Asserts a refusal a person can act on: short, no out-of-memory wording, and matching `expected`. */
export function assertRefused(out: Outcome, expected: RegExp[]): void {
  assert.equal(out.ok, false, `expected a refusal, got ${JSON.stringify(out.result)?.slice(0, 300)}`);
  const msg = out.error ?? '';
  assert.doesNotMatch(msg, /out of memory|memory limit|invalid array length|Invalid string length|allocation/i, msg);
  assert.ok(msg.length < 600, `the message is short (${msg.length} characters)`);
  for (const re of expected) assert.match(msg, re);
}

export const MB = 1024 * 1024;
export const mb = (bytes: number): string => `${(bytes / MB).toFixed(0)} MiB`;

/** Writes `bytes` bytes to `path`: `head`, then `block` repeated (the last copy cut), then `tail`. */
export function writeRepeated(path: string, bytes: number, block: Buffer, head = Buffer.alloc(0), tail = Buffer.alloc(0)): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    let left = bytes - head.length - tail.length;
    while (left > 0) {
      const n = Math.min(left, block.length);
      writeSync(fd, block, 0, n);
      left -= n;
    }
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
}

/** Deterministic random numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Prose-like text of about `bytes` bytes, one line, ending with a space: Zipf(1) word frequencies over
 * 50,000 words whose length grows with their rank (4.6 bytes a token with its space; English has 5 to 6).
 */
export function proseLine(bytes: number, seed = 1): Buffer {
  const rand = seeded(seed);
  const V = 50_000;
  const syllables = ['a', 'e', 'i', 'o', 'u', 'th', 'er', 'an', 're', 'on', 'at', 'en', 'nd', 'st', 'es', 'ng', 'al', 'it', 'ou', 'le'];
  const words = Array.from({ length: V }, (_, r) => {
    let w = '';
    for (let x = r + 1; x > 0; x = Math.floor(x / 20)) w += syllables[x % 20];
    return w;
  });
  const cdf = new Float64Array(V);
  let total = 0;
  for (let r = 0; r < V; r++) cdf[r] = total += 1 / (r + 1);
  const parts: string[] = [];
  for (let n = 0; n < bytes;) {
    const u = rand() * total;
    let lo = 0;
    let hi = V - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    parts.push(words[lo]);
    n += words[lo].length + 1;
  }
  return Buffer.from(parts.join(' ') + ' ');
}
