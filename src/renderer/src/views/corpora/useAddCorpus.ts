/** Adding a corpus: the ingest options, and each source (a drop, the folder picker, a server path) that starts an ingest with them. */
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { JobState } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { entriesOfDrop, filesFromEntries, filesFromInput } from '../../api/folderFiles.js';
import { messageOf } from '../../api/errors.js';
import { useIngest, type IngestOptions } from './useIngest.js';

/** Name, min count and lowercase; options() answers them, or null after saying what is wrong. */
export function useIngestOptions(onError: (message: string) => void) {
  const [name, setName] = useState('');
  const [minCount, setMinCount] = useState('5');
  const [lowercase, setLowercase] = useState(true);
  const min = Number(minCount);
  const minValid = Number.isInteger(min) && min >= 1 && min <= 1_000_000;
  const options = (): IngestOptions | null => {
    if (!minValid) {
      onError('Min count must be a whole number from 1 to 1,000,000.');
      return null;
    }
    return { name: name.trim() || undefined, minCount: min, lowercase };
  };
  /** A started ingest has used the name. */
  const started = (ok: boolean): void => {
    if (ok) setName('');
  };
  return { name, setName, minCount, setMinCount, minValid, lowercase, setLowercase, options, started };
}

export type IngestOptionsState = ReturnType<typeof useIngestOptions>;

export function useAddCorpus(onStarted: (job: JobState) => void, onError: (message: string) => void) {
  const { transport, info } = useLab();
  const desktop = transport.kind === 'desktop' ? transport.bridge : null;
  const { ingestPath, ingestUpload, upload, cancelUpload } = useIngest(onStarted, onError);
  const opt = useIngestOptions(onError);
  const { options, started } = opt;
  const [serverPath, setServerPath] = useState('');
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => fileInput.current?.setAttribute('webkitdirectory', ''), []);

  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setDragging(false);
    const opts = options();
    if (!opts) return;
    if (desktop) {
      const files = Array.from(e.dataTransfer.files);
      if (files.length !== 1) return onError('Drop one folder (or one text file) at a time.');
      const path = desktop.pathForFile(files[0]);
      if (!path) return onError('The app could not tell where the dropped item lives on disk.');
      void ingestPath(path, opts).then(started);
      return;
    }
    const entries = entriesOfDrop(e.dataTransfer); // synchronously, before the event ends
    if (entries.length === 0) return onError('Nothing to add: drop a folder of text files.');
    filesFromEntries(entries).then(
      (picked) => ingestUpload(picked, opts).then(started),
      (err) => onError(`Could not read the dropped folder: ${messageOf(err)}`),
    );
  };

  const chooseFolder = async (): Promise<void> => {
    if (!desktop) return fileInput.current?.click();
    const opts = options();
    if (!opts) return;
    const path = await desktop.pickFolder();
    if (path) started(await ingestPath(path, opts));
  };

  const onFilesPicked = (): void => {
    const input = fileInput.current;
    if (!input?.files?.length) return;
    const picked = filesFromInput(input.files);
    input.value = '';
    const opts = options();
    if (opts) void ingestUpload(picked, opts).then(started);
  };

  const submitPath = (e: FormEvent): void => {
    e.preventDefault();
    const path = serverPath.trim();
    if (!path) return onError("Type the folder's full path on the server's machine.");
    const opts = options();
    if (!opts) return;
    void ingestPath(path, opts).then((ok) => {
      started(ok);
      if (ok) setServerPath('');
    });
  };

  const showServerPath = !desktop && info?.canReadServerPaths === true;
  return { desktop, opt, upload, cancelUpload, dragging, setDragging, fileInput, onDrop, chooseFolder, onFilesPicked, serverPath, setServerPath, submitPath, showServerPath };
}

export type AddCorpusState = ReturnType<typeof useAddCorpus>;
