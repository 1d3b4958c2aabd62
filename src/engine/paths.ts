/** Where a lab file lives when nobody says: the user's data directory, per platform. */
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(): string {
  const home = homedir();
  switch (platform()) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Embedding Lab');
    case 'win32':
      return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Embedding Lab');
    default:
      return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'embedding-lab');
  }
}

/** --db wins, then EMBEDLAB_DB, then lab.db in the data directory. */
export function resolveDbPath(explicit?: string): string {
  return explicit ?? process.env.EMBEDLAB_DB ?? join(defaultDataDir(), 'lab.db');
}
