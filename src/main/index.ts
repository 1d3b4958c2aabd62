/**
 * The Electron main process: app lifecycle only. One instance at a time; one
 * hardened window; the engine runs in a child process with the system's Node
 * (see engineProcess.ts) and is stopped when the app quits.
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { entryUrl } from './appUrl.js';
import { EngineProcess } from './engineProcess.js';
import { registerIpc } from './ipc.js';
import { findNodeBinary } from './nodeBinary.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { createMainWindow, hardenSession } from './window.js';

const devUrl = process.env.ELECTRON_RENDERER_URL || undefined;
let mainWindow: BrowserWindow | null = null;
let engine: EngineProcess | null = null;

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  void app.whenReady().then(start);
}

function fatal(title: string, message: string): void {
  console.error(`${title}\n${message}`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

async function start(): Promise<void> {
  const root = app.getAppPath();
  const hostPath = join(root, 'out', 'engine', 'host.js');
  const preloadPath = join(root, 'out', 'preload', 'index.cjs');
  if (!existsSync(preloadPath) && existsSync(join(root, 'out', 'preload', 'index.mjs'))) {
    // Sandboxed preloads cannot be ES modules; electron-vite emits ESM for "type": "module" packages.
    return fatal('Embedding Lab is built wrongly', 'out/preload/index.mjs is an ES module, and a sandboxed preload must be CommonJS. Set the preload output to { format: "cjs", entryFileNames: "[name].cjs" } in electron.vite.config.ts and rebuild.');
  }
  for (const [file, hint] of [
    [hostPath, 'npm run build:engine'],
    [preloadPath, 'npm run build'],
  ] as const) {
    if (!existsSync(file)) return fatal('Embedding Lab is not built', `${file} is missing. Run \`${hint}\`, or start the app with \`npm start\` (it builds first).`);
  }
  const node = findNodeBinary();
  if (!node.path) {
    return fatal(
      'Embedding Lab needs Node.js',
      'Its engine runs with the system Node.js (20.19 or newer), and none was found on PATH. Install Node.js, or set EMBEDLAB_NODE to a node binary.',
    );
  }

  // The host resolves the lab file itself ($EMBEDLAB_DB, else the user data directory).
  engine = new EngineProcess({ hostPath, nodePath: node.path });
  engine.onExit((e) => {
    if (e.next === 'failed') dialog.showErrorBox('The Embedding Lab engine stopped', e.message);
  });
  const engineReady = engine.start();

  const ses = session.defaultSession;
  hardenSession(ses, devUrl);
  if (!devUrl) serveRenderer(ses, join(root, 'out', 'renderer'));
  registerIpc({ engine, window: () => mainWindow, devUrl });

  const openWindow = (): void => {
    mainWindow = createMainWindow({ preloadPath, url: entryUrl(devUrl), devUrl });
    mainWindow.on('closed', () => (mainWindow = null));
  };
  openWindow();
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });

  try {
    await engineReady;
  } catch (e) {
    fatal('Embedding Lab could not start its engine', (e as Error).message);
  }
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Let the engine close the lab file cleanly before the app exits.
let engineStopped = false;
app.on('will-quit', (event) => {
  if (engineStopped || !engine) return;
  event.preventDefault();
  void engine.stop().finally(() => {
    engineStopped = true;
    app.quit();
  });
});
