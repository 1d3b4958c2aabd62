/**
 * Starting an ingest from each source: a path (desktop drop, desktop picker,
 * the server-path field) or an upload (browser drop or folder input).
 */
import { useCallback, useRef, useState } from 'react';
import type { CallInput, JobState } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import type { UploadProgress } from '../../api/upload.js';
import type { PickedFolder } from '../../api/folderFiles.js';
import { cancellableUpload } from '../cancellableUpload.js';

export interface IngestOptions {
  name?: string;
  minCount?: number;
  lowercase: boolean;
}

export interface UploadState extends UploadProgress {
  folder: string;
}

export function useIngest(onStarted: (job: JobState) => void, onError: (message: string) => void) {
  const { client } = useLab();
  const [upload, setUpload] = useState<UploadState | null>(null);
  const abort = useRef<AbortController | null>(null);

  const ingest = useCallback(
    async (source: CallInput<'corpus.ingest'>['source'], opts: IngestOptions): Promise<boolean> => {
      try {
        const job = await client.call('corpus.ingest', { source, name: opts.name, minCount: opts.minCount, lowercase: opts.lowercase });
        onStarted(job);
        return true;
      } catch (e) {
        onError(`Could not start the ingest: ${messageOf(e)}`);
        return false;
      }
    },
    [client, onStarted, onError],
  );

  const ingestPath = useCallback((path: string, opts: IngestOptions) => ingest({ kind: 'path', path }, opts), [ingest]);

  const ingestUpload = useCallback(
    async (picked: PickedFolder, opts: IngestOptions): Promise<boolean> => {
      if (picked.files.length === 0) {
        onError('That folder holds no files.');
        return false;
      }
      const folder = picked.name ?? `${picked.files.length} files`;
      setUpload({ folder, filesDone: 0, filesTotal: picked.files.length, bytesDone: 0, bytesTotal: 0 });
      try {
        const uploadId = await cancellableUpload(client, picked.files, (p) => setUpload({ folder, ...p }), abort, onError);
        // Without a name the engine would name the corpus after the upload's temporary folder.
        return uploadId != null && (await ingest({ kind: 'upload', uploadId }, { ...opts, name: opts.name ?? picked.name ?? 'Uploaded files' }));
      } finally {
        setUpload(null);
      }
    },
    [client, ingest, onError],
  );

  const cancelUpload = useCallback(() => abort.current?.abort(), []);

  return { ingestPath, ingestUpload, upload, cancelUpload };
}
