/** Where a lab file lives when nobody says: the user's data directory, per platform. */
import { homedir, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/** Where the lab file lives when neither --db nor EMBEDLAB_DB says: lab.db in the data directory. */
export function defaultDbPath(): string {
  return join(defaultDataDir(), 'lab.db');
}

/** The app's install folder (where package.json is), from source or from the bundle. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find the app folder (no package.json above the engine).');
    dir = up;
  }
}
