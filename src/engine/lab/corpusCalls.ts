/** The corpus calls: list, show, remove, ingest a folder, export the tokens as text. */
import { resolve } from 'node:path';
import { LabError } from '../../shared/labError.js';
import type { ParsedInput } from '../../shared/contract.js';
import { getCorpusDetail, getCorpusSummary, listCorpora, removeCorpus } from '../store/corpora.js';
import type { CallHandlers, LabContext } from './context.js';

/** The folder or file a source names; uploads exist only where a browser transport stages them. */
export function sourcePath(source: ParsedInput<'corpus.ingest'>['source']): { path: string; label: string } {
  if (source.kind === 'upload') {
    throw new LabError('Uploaded files are staged by the browser transport (npm run serve); here, name a folder by its path.', 'invalid', 'source');
  }
  const path = resolve(source.path);
  return { path, label: source.label ?? path };
}

export function corpusCalls(lab: LabContext): Pick<CallHandlers, 'corpus.list' | 'corpus.get' | 'corpus.remove' | 'corpus.ingest' | 'corpus.exportText' | 'upload.begin'> {
  return {
    'corpus.list': () => listCorpora(lab.db),
    'corpus.get': ({ id }) => getCorpusDetail(lab.db, id),
    'corpus.remove': ({ id }) => {
      getCorpusDetail(lab.db, id, 0); // not-found error for a wrong id
      const removed = removeCorpus(lab.db, id);
      lab.emit('changed', { what: 'corpora' });
      return { removed };
    },
    'corpus.ingest': ({ source, name, minCount, lowercase, threads }) => {
      const { path, label } = sourcePath(source);
      return lab.jobs.start(
        { kind: 'ingest', params: { root: path, name, source: label, minCount: minCount ?? 5, lowercase: lowercase ?? true, threads } },
        `Ingest ${name ?? label}`,
      );
    },
    'corpus.exportText': ({ id, out }) => {
      const corpus = getCorpusSummary(lab.db, id);
      return lab.jobs.start({ kind: 'exportText', params: { corpusId: id, out: resolve(out) } }, `Export the text of ${corpus.name}`, { corpusId: id });
    },
    'upload.begin': () => {
      throw new LabError('Uploads are for browser mode (npm run serve); here, name a folder by its path.', 'invalid');
    },
  };
}
