// Bundles the engine's Node entry points (CLI, desktop engine host, worker threads)
// into out/engine with esbuild. Running bundles rather than TypeScript through tsx
// matters for speed: the hot loops run about 1.5x faster. Skips the build when
// out/engine is newer than every source file.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNative } from './build-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'engine');
const stamp = join(outDir, '.stamp');

/** The CLI, the desktop engine host, and every worker listed in src/engine/base/workers.ts (the one list of them). */
function entryPoints() {
  const workers = readFileSync(join(root, 'src', 'engine', 'base', 'workers.ts'), 'utf8');
  const block = workers.slice(workers.indexOf('const ENTRIES = {'), workers.indexOf('} as const;'));
  const entries = { cli: 'src/cli/main.ts', host: 'src/host/engineHost.ts' };
  for (const [, name, path] of block.matchAll(/^\s*(\w+): '([\w/]+)',$/gm)) entries[`${name}Worker`] = `src/engine/${path}.ts`;
  return entries;
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|mjs)$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export async function ensureEngineBuilt({ force = false } = {}) {
  buildNative({ quiet: true }); // a no-op when native/build is current; JS kernels stand in if it cannot build
  const sources = ['src/engine', 'src/shared', 'src/cli', 'src/server', 'src/host'].map((d) => join(root, d));
  const newest = Math.max(...sources.filter(existsSync).map(newestSource), statSync(fileURLToPath(import.meta.url)).mtimeMs);
  if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= newest) return false;
  mkdirSync(outDir, { recursive: true });
  const { build } = await import('esbuild'); // loaded only when a build is needed: it is slow to import
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(entryPoints()).map(([k, v]) => [k, join(root, v)])),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
    // Bundled ESM has no require(); some dependencies still use it.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  writeFileSync(stamp, new Date().toISOString());
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await ensureEngineBuilt({ force: process.argv.includes('--force') });
  console.error(built ? 'Built out/engine.' : 'out/engine is up to date.');
}
