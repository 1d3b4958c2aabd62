/** An upload that Cancel can stop (corpus folders, vector files): the abort controller lives in the caller's ref while it runs. */
import type { MutableRefObject } from 'react';
import type { LabClient } from '../../../shared/contract.js';
import { messageOf } from '../api/errors.js';
import type { PickedFile } from '../api/folderFiles.js';
import { uploadFiles, type UploadProgress } from '../api/upload.js';

/** The upload's id, or null after saying why it failed (a cancelled upload says nothing). */
export async function cancellableUpload(
  client: LabClient,
  files: PickedFile[],
  onProgress: (p: UploadProgress) => void,
  abort: MutableRefObject<AbortController | null>,
  onError: (message: string) => void,
): Promise<string | null> {
  const controller = new AbortController();
  abort.current = controller;
  try {
    return await uploadFiles(client, files, onProgress, controller.signal);
  } catch (e) {
    if (!controller.signal.aborted) onError(`Upload failed: ${messageOf(e)}`);
    return null;
  } finally {
    abort.current = null;
  }
}
