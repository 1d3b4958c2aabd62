/**
 * Browser mode: turns a picked or dropped folder into files with their paths
 * relative to that folder, ready to upload.
 */

export interface PickedFile {
  file: File;
  /** Relative path with forward slashes, for example "notes/a.txt". */
  path: string;
}

export interface PickedFolder {
  /** The dropped or picked folder's name, used as the default corpus name. */
  name: string | null;
  files: PickedFile[];
}

/** If every path starts with the same folder, drops it: paths become relative to that folder. */
function relativeToCommonFolder(files: PickedFile[]): PickedFolder {
  const first = files[0]?.path.split('/')[0];
  const shared = first !== undefined && files.every((f) => f.path.includes('/') && f.path.split('/')[0] === first);
  if (!shared) return { name: null, files };
  return { name: first, files: files.map((f) => ({ file: f.file, path: f.path.slice(first.length + 1) })) };
}

/** The files of an <input type=file webkitdirectory>. */
export function filesFromInput(list: FileList): PickedFolder {
  const files = Array.from(list, (file) => ({ file, path: file.webkitRelativePath || file.name }));
  return relativeToCommonFolder(files);
}

/**
 * The entries of a drop. Must be called synchronously inside the drop handler:
 * the DataTransfer is emptied once the event returns.
 */
export function entriesOfDrop(dt: DataTransfer): FileSystemEntry[] {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(dt.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    if (entry) entries.push(entry);
  }
  return entries;
}

const fileOf = (entry: FileSystemFileEntry): Promise<File> => new Promise((ok, fail) => entry.file(ok, fail));

/** All entries of a folder: readEntries answers in batches until it returns none. */
async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

/** Walks dropped files and folders recursively. */
export async function filesFromEntries(entries: FileSystemEntry[]): Promise<PickedFolder> {
  const files: PickedFile[] = [];
  const visit = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile) files.push({ file: await fileOf(entry as FileSystemFileEntry), path });
    else if (entry.isDirectory) for (const child of await readAll(entry as FileSystemDirectoryEntry)) await visit(child, path);
  };
  for (const entry of entries) await visit(entry, '');
  return relativeToCommonFolder(files);
}
