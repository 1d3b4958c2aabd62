// `npm start [-- --db FILE]`: opens Embedding Lab as a desktop app when Electron's
// runtime is available, and otherwise in browser mode (scripts/serve.mjs), saying
// why in one sentence.
//
//  1. EMBEDLAB_BROWSER=1 goes straight to browser mode.
//  2. On Linux without DISPLAY or WAYLAND_DISPLAY there is nowhere to open a window.
//  3. require('electron') names the runtime's binary; it throws, or names a missing
//     file, when the binary was never downloaded (`npm install` here does not run
//     Electron's install script: see "allowScripts" in package.json). Then this
//     runs that script once (node node_modules/electron/install.js); if it fails,
//     browser mode.
//  4. Otherwise: build (electron-vite, engine bundle) and run `electron <root>` with
//     EMBEDLAB_NODE set to this node, which the main process uses to fork the engine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureEngineBuilt } from './build-engine.mjs';
import { buildApp, isStale, root, serveBrowser } from './serve.mjs';

const require = createRequire(import.meta.url);
const DOWNLOAD_TIMEOUT_S = Number(process.env.EMBEDLAB_ELECTRON_DOWNLOAD_TIMEOUT_S ?? 300);

/** The Electron binary, or null and why not. */
export function electronRuntime() {
  try {
    const binary = require('electron'); // node_modules/electron/index.js reads path.txt
    if (typeof binary === 'string' && existsSync(binary)) return { path: binary };
    return { path: null, reason: `${binary} does not exist` };
  } catch (e) {
    return { path: null, reason: e.message.split('\n')[0] };
  }
}

/** Runs Electron's own install script once; null when it installed the runtime, else the reason. */
export function downloadElectron() {
  const script = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(script)) return 'the electron package is not installed; run `npm install`';
  console.error(`Electron's runtime is not installed yet; downloading it once (about 100 MB)…`);
  const r = spawnSync(process.execPath, [script], {
    cwd: root,
    env: process.env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: DOWNLOAD_TIMEOUT_S * 1000,
  });
  if (r.error?.code === 'ETIMEDOUT') return `no download finished within ${DOWNLOAD_TIMEOUT_S} s`;
  if (r.error) return r.error.message;
  if (r.status !== 0) return firstErrorLine(r.stderr) ?? `its install script exited with code ${r.status}`;
  if (electronRuntime().path) return null;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set';
  return 'its install script finished without installing a binary';
}

function firstErrorLine(stderr) {
  const line = (stderr ?? '').split('\n').map((l) => l.trim()).find(Boolean);
  if (!line) return null;
  const message = line.replace(/^[A-Za-z]*Error:\s*/, '');
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

/** Why this machine cannot show a window (Linux without a display), else null. */
function noDisplay() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null;
  return 'there is no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set)';
}

/** `--db FILE` or `--db=FILE` from the arguments, if any. */
function dbArg(args) {
  const i = args.findIndex((a) => a === '--db' || a.startsWith('--db='));
  if (i < 0) return undefined;
  return args[i].startsWith('--db=') ? args[i].slice(5) : args[i + 1];
}

async function browserMode(sentence, args) {
  console.log(sentence);
  return serveBrowser(args);
}

async function desktop(electron, args) {
  if (process.env.EMBEDLAB_NO_BUILD !== '1') {
    if (['main', 'preload', 'renderer'].some((o) => isStale(o)) && !buildApp()) {
      console.error('The app could not be built (see the errors above).');
      return 1;
    }
    await ensureEngineBuilt();
  }
  const env = { ...process.env, EMBEDLAB_NODE: process.execPath };
  delete env.ELECTRON_RUN_AS_NODE; // would make the binary behave as plain node
  const db = dbArg(args);
  if (db) env.EMBEDLAB_DB = resolve(db);
  const child = spawn(electron, [root], { cwd: root, env, stdio: 'inherit' });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return new Promise((done) => {
    child.on('error', (e) => {
      console.error(`Could not run Electron (${electron}): ${e.message}`);
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

export async function start(args) {
  if (process.env.EMBEDLAB_BROWSER === '1') {
    return browserMode('EMBEDLAB_BROWSER=1 is set, so Embedding Lab is starting in browser mode:', args);
  }
  const headless = noDisplay();
  if (headless) return browserMode(`Embedding Lab cannot open a desktop window because ${headless}, so it is starting in browser mode instead:`, args);
  let runtime = electronRuntime();
  if (!runtime.path) {
    const reason = downloadElectron();
    runtime = electronRuntime();
    if (!runtime.path) {
      return browserMode(`Electron's runtime could not be downloaded (${reason ?? runtime.reason}), so Embedding Lab is starting in browser mode instead:`, args);
    }
  }
  return desktop(runtime.path, args);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await start(process.argv.slice(2));
}
