/**
 * TensorFlow Embedding Projector TSV (projector.tensorflow.org, "Load" → vectors and metadata):
 *
 *   vectors.tsv             one vector per line, values separated by tabs, no header;
 *   metadata.tsv            one row per vector; with a single column there is no header, with more than
 *                           one the first line is the header (the Projector's rule). We write "word\tcount"
 *                           when the run has counts, else the words alone;
 *   projector_config.json   {"embeddings": [{"tensorName", "tensorShape": [V, d], "tensorPath", "metadataPath"}]}.
 *
 * The importer reads metadata.tsv first (a header is recognised by the rule above; the word column is
 * "word"/"token"/"label"/"name" or the first, the count column "count"/"frequency"/"freq" if any), then
 * vectors.tsv row by row.
 */
import { quoted } from '../../shared/printable.js';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { LabError } from '../../shared/labError.js';
import { VectorCollector, checkWord } from './collect.js';
import { describeBadNumber, parseDecimal } from './numbers.js';
import { delimitedChunks } from './word2vecText.js';
import { TextChunker } from '../base/atomicFiles.js';
import { forEachLine, statInput, withReader, type ReaderOptions } from './source.js';
import { FieldSplitter, decodeWord } from './textFields.js';
import type { RowSource } from './types.js';

export const PROJECTOR_FILES = { vectors: 'vectors.tsv', metadata: 'metadata.tsv', config: 'projector_config.json' } as const;

export interface ProjectorReadOptions extends ReaderOptions {
  limit?: number;
  maxMatrixBytes?: number;
}

interface Metadata {
  words: string[];
  counts: Uint32Array | null;
  /** The metadata line of row i is firstRowLine + i. */
  firstRowLine: number;
  warnings: string[];
}

async function readMetadata(file: string, o: ReaderOptions, limit: number): Promise<Metadata> {
  return withReader(file, o, async (r) => {
    await r.fill(3);
    if (r.available >= 3 && r.buf[r.pos] === 0xef && r.buf[r.pos + 1] === 0xbb && r.buf[r.pos + 2] === 0xbf) r.pos += 3;
    if (r.available === 0) throw new LabError(`${file}: the file is empty; expected one word per line (or a header line, then "word<TAB>count" rows).`, 'invalid');
    const f = new FieldSplitter();
    const words: string[] = [];
    const counts: number[] = [];
    let wordCol = 0;
    let countCol = -1;
    let columns = 0;
    let firstRowLine = 1;
    let repaired = 0;
    await forEachLine(r, 1, (buf, s, e, line) => {
      const n = f.splitStrict(buf, s, e, 9);
      if (line === 1) {
        columns = n;
        if (n > 1) {
          const names = Array.from({ length: n }, (_, k) => f.text(buf, k).trim().toLowerCase());
          const w = names.findIndex((x) => ['word', 'token', 'label', 'name'].includes(x));
          wordCol = w === -1 ? 0 : w;
          countCol = names.findIndex((x) => ['count', 'frequency', 'freq', 'counts'].includes(x));
          firstRowLine = 2;
          return true;
        }
      }
      if (n !== columns) {
        if (s === e && columns === 1) checkWord(file, `line ${line}`, '');
        throw new LabError(`${file}: line ${line}: expected ${columns} tab-separated column${columns === 1 ? '' : 's'} (as on line 1), found ${n}.`, 'invalid');
      }
      if (words.length >= limit) return false;
      const { word, repaired: bad } = decodeWord(buf, f.starts[wordCol], f.ends[wordCol]);
      if (bad) repaired++;
      checkWord(file, `line ${line}`, word);
      words.push(word);
      if (countCol >= 0) {
        const t = f.text(buf, countCol).trim();
        if (!/^\d{1,10}$/.test(t) || Number(t) > 0xffffffff) {
          throw new LabError(`${file}: line ${line}: the count ${quoted(t)} is not a whole number from 0 to 4294967295.`, 'invalid');
        }
        counts.push(Number(t));
      }
      return true;
    });
    if (words.length === 0) throw new LabError(`${file}: holds no rows${firstRowLine === 2 ? ' after its header line' : ''}.`, 'invalid');
    const warnings = repaired > 0 ? [`${file}: ${repaired} words were not valid UTF-8; their bad bytes were replaced with U+FFFD.`] : [];
    return { words, counts: countCol >= 0 ? Uint32Array.from(counts) : null, firstRowLine, warnings };
  });
}

export async function readProjector(vectorsFile: string, metadataFile: string, o: ProjectorReadOptions = {}) {
  const limit = o.limit ?? Infinity;
  const meta = await readMetadata(metadataFile, o, limit);
  const metaBytes = (await statInput(metadataFile)).size;
  return withReader(vectorsFile, { ...o, progressBase: (o.progressBase ?? 0) + metaBytes }, async (r) => {
    const file = r.file;
    const fail = (line: number, msg: string): never => {
      throw new LabError(`${file}: line ${line}: ${msg}`, 'invalid');
    };
    await r.fill(1);
    if (r.available === 0) throw new LabError(`${file}: the file is empty; expected one vector per line, values separated by tabs.`, 'invalid');
    const f = new FieldSplitter();
    let dim = 0;
    let collector: VectorCollector | null = null;
    let rows = 0;
    await forEachLine(r, 1, (buf, s, e, line) => {
      if (rows >= meta.words.length) {
        if (rows >= limit) return false;
        if (s === e) return true; // blank lines at the end
        fail(line, `vectors.tsv has more rows than ${metadataFile} has words (${meta.words.length}); each vector needs a metadata row.`);
      }
      const n = f.splitStrict(buf, s, e, 9);
      if (dim === 0) {
        dim = n;
        collector = new VectorCollector(file, dim, (row) => `${metadataFile} line ${meta.firstRowLine + row}`, { expectedRows: meta.words.length, maxMatrixBytes: o.maxMatrixBytes });
      }
      if (n !== dim) fail(line, `expected ${dim} tab-separated values (as on line 1), found ${s === e ? 'an empty line' : n}.`);
      const word = meta.words[rows];
      const row = collector!.row(word, rows, meta.counts ? meta.counts[rows] : 0);
      for (let k = 0; k < dim; k++) {
        row[k] = parseDecimal(buf, f.starts[k], f.ends[k]);
        if (row[k] - row[k] !== 0) fail(line, `value ${k + 1} (the vector of ${quoted(word)}) ${describeBadNumber(f.text(buf, k))}.`);
      }
      rows++;
      return rows < limit;
    });
    if (!collector) throw new LabError(`${file}: holds no vectors.`, 'invalid');
    if (rows < meta.words.length && rows < limit) {
      throw new LabError(`${file}: holds ${rows} vectors but ${metadataFile} has ${meta.words.length} words; each word needs a vector row (is a file truncated?).`, 'invalid');
    }
    const out = (collector as VectorCollector).finish();
    out.warnings.unshift(...meta.warnings);
    return out;
  });
}

/** The tensor and metadata files a projector_config.json names (its first embedding). */
export async function readProjectorConfig(configFile: string): Promise<{ vectors: string; metadata: string; warnings: string[] }> {
  let config: unknown;
  try {
    config = JSON.parse(await readFile(configFile, 'utf8'));
  } catch (e) {
    throw new LabError(`${configFile}: not valid JSON (${(e as Error).message}).`, 'invalid');
  }
  const list = (config as { embeddings?: unknown })?.embeddings;
  if (!Array.isArray(list) || list.length === 0) throw new LabError(`${configFile}: expected {"embeddings": [{"tensorPath": …, "metadataPath": …}]}.`, 'invalid');
  const first = list[0] as { tensorPath?: unknown; metadataPath?: unknown; tensorName?: unknown };
  const dir = dirname(resolve(configFile));
  const local = (key: 'tensorPath' | 'metadataPath'): string => {
    const p = first[key];
    if (typeof p !== 'string' || p.length === 0) throw new LabError(`${configFile}: embeddings[0].${key} is missing; expected the name of a file beside it.`, 'invalid');
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) throw new LabError(`${configFile}: embeddings[0].${key} is a URL (${p}); download the file and name it relative to the config.`, 'invalid');
    const full = resolve(dir, p);
    const rel = relative(dir, full);
    if (isAbsolute(p) || rel.startsWith('..') || isAbsolute(rel)) throw new LabError(`${configFile}: embeddings[0].${key} (${p}) is outside the config's folder.`, 'invalid');
    return full;
  };
  const warnings = list.length > 1 ? [`${configFile}: holds ${list.length} embeddings; imported the first (${String(first.tensorName ?? first.tensorPath)}).`] : [];
  return { vectors: local('tensorPath'), metadata: local('metadataPath'), warnings };
}

export function projectorConfig(name: string, n: number, dim: number): string {
  return JSON.stringify(
    { embeddings: [{ tensorName: name, tensorShape: [n, dim], tensorPath: PROJECTOR_FILES.vectors, metadataPath: PROJECTOR_FILES.metadata }] },
    null,
    2,
  ) + '\n';
}

/** vectors.tsv: the values of each row separated by tabs. */
export function projectorVectorChunks(src: RowSource, onRow?: (i: number) => void): AsyncGenerator<Buffer> {
  return delimitedChunks(src, '', 9, null, onRow);
}

/** metadata.tsv: "word\tcount" rows under a header when there are counts, else one word per line. */
export function* projectorMetadataChunks(src: RowSource, wordOf: (i: number) => string): Generator<Buffer> {
  const chunker = new TextChunker();
  let withCounts = false;
  for (let i = 0; i < src.n && !withCounts; i++) withCounts = src.counts[i] > 0;
  if (withCounts) chunker.push('word\tcount\n');
  for (let i = 0; i < src.n; i++) {
    const full = chunker.push(withCounts ? `${wordOf(i)}\t${src.counts[i]}\n` : `${wordOf(i)}\n`);
    if (full) yield full;
  }
  const last = chunker.take();
  if (last) yield last;
}

export const projectorPaths = (dir: string) => ({
  vectors: join(dir, PROJECTOR_FILES.vectors),
  metadata: join(dir, PROJECTOR_FILES.metadata),
  config: join(dir, PROJECTOR_FILES.config),
});
