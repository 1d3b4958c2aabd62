// Browser mode (`npm run serve [-- --port P --db FILE --new-token]`): builds the renderer when
// its sources are newer than out/renderer, builds the engine bundle, then runs the
// CLI's `serve` in this process. The server binds 127.0.0.1 only (port 8765, or the next
// free one) and prints the URL to open, with the lab's kept access token.
// `npm run serve -- --list` prints the running servers without building anything.
// scripts/start.mjs falls back to this.
//
// EMBEDLAB_NO_BUILD=1 serves whatever out/renderer holds (for tests, or after your
// own `npm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureEngineBuilt } from './build-engine.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The app's build outputs and the sources each depends on (relative to root). */
export const OUTPUTS = {
  renderer: { file: 'out/renderer/index.html', sources: ['src/renderer', 'src/shared', 'electron.vite.config.ts'] },
  main: { file: 'out/main/index.js', sources: ['src/main', 'src/shared', 'electron.vite.config.ts'] },
  preload: { file: 'out/preload/index.cjs', sources: ['src/preload', 'src/shared', 'electron.vite.config.ts'] },
};

/** True when an output is missing or older than one of its sources. */
export function isStale(name, base = root) {
  const { file, sources } = OUTPUTS[name];
  const out = join(base, file);
  if (!existsSync(out)) return true;
  return Math.max(...sources.map((s) => newestMtime(join(base, s)))) > statSync(out).mtimeMs;
}

/** Runs `electron-vite build` (main, preload and renderer); true when it succeeded. */
export function buildApp() {
  console.error('Building the app (electron-vite build)…');
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  // Its output goes to stderr: stdout carries only what serve prints (one JSON document with --json).
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'], env: process.env });
  return r.status === 0;
}

const skipBuild = () => process.env.EMBEDLAB_NO_BUILD === '1';

/**
 * Builds what browser mode needs and serves until Ctrl+C. `args` are the CLI's
 * serve options (--port P, --db FILE, --json). Resolves with the exit code.
 */
export async function serveBrowser(args) {
  const listOnly = args.includes('--list');
  if (!listOnly && !skipBuild() && isStale('renderer')) {
    if (!buildApp()) {
      const previous = existsSync(join(root, OUTPUTS.renderer.file));
      if (!previous) {
        console.error('The UI could not be built (see the errors above), so there is nothing to serve. Fix the build and run `npm run serve` again.');
        return 1;
      }
      console.error('The UI build failed (see above); serving the previous build in out/renderer.');
    }
  }
  if (!listOnly && !existsSync(join(root, OUTPUTS.renderer.file))) {
    console.error('Note: out/renderer is not built, so only the API is served. Run `npm run build` for the UI.');
  }
  await ensureEngineBuilt();
  const { main } = await import(pathToFileURL(join(root, 'out', 'engine', 'cli.js')).href);
  return main(['serve', ...args]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await serveBrowser(process.argv.slice(2));
}
