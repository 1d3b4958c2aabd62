/**
 * Browser mode's upload: upload.begin, then one PUT per file to
 * /api/upload/<id>?path=<relative path>, a few at a time, with byte progress.
 */
import type { LabClient } from '../../../shared/contract.js';
import { LabCallError } from './errors.js';
import type { PickedFile } from './folderFiles.js';

export interface UploadProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

const PARALLEL = 6;

function putFile(uploadId: string, f: PickedFile, onBytes: (loaded: number) => void, signal: AbortSignal): Promise<void> {
  return new Promise((ok, fail) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/api/upload/${uploadId}?path=${encodeURIComponent(f.path)}`);
    xhr.upload.onprogress = (e) => onBytes(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return ok();
      let message = `Uploading ${f.path} failed (${xhr.status}).`;
      try {
        message = (JSON.parse(xhr.responseText) as { error: { message: string } }).error.message;
      } catch {
        /* keep the status message */
      }
      fail(new LabCallError(message));
    };
    xhr.onerror = () => fail(new LabCallError(`Uploading ${f.path} failed: the lab server could not be reached.`, 'offline'));
    xhr.onabort = () => fail(new LabCallError('Upload cancelled.', 'cancelled'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(f.file);
  });
}

/** Uploads the files and resolves with the upload id to pass to corpus.ingest. */
export async function uploadFiles(
  client: LabClient,
  files: PickedFile[],
  onProgress: (p: UploadProgress) => void,
  signal: AbortSignal,
): Promise<string> {
  const { uploadId } = await client.call('upload.begin', {});
  const loaded = new Array<number>(files.length).fill(0);
  const progress: UploadProgress = {
    filesDone: 0,
    filesTotal: files.length,
    bytesDone: 0,
    bytesTotal: files.reduce((s, f) => s + f.file.size, 0),
  };
  const report = (): void => onProgress({ ...progress, bytesDone: loaded.reduce((s, n) => s + n, 0) });
  report();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      if (signal.aborted) throw new LabCallError('Upload cancelled.', 'cancelled');
      const i = next++;
      await putFile(uploadId, files[i], (n) => {
        loaded[i] = n;
        report();
      }, signal);
      loaded[i] = files[i].file.size;
      progress.filesDone++;
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, files.length) }, worker));
  return uploadId;
}
