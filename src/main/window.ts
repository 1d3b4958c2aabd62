/**
 * The app window, hardened: a sandboxed, context-isolated renderer without
 * Node; no new windows (https links open in the system browser); no navigation
 * away from our own page; no webviews; no permissions beyond clipboard writes
 * and fullscreen; a strict CSP on everything it loads.
 */
import { BrowserWindow, shell, type Session } from 'electron';
import { isOwnUrl } from './appUrl.js';
import { APP_CSP, devCsp } from './csp.js';

export interface WindowOptions {
  preloadPath: string;
  /** The page to load (see appUrl.entryUrl). */
  url: string;
  /** The electron-vite dev server, when running under `electron-vite dev`. */
  devUrl?: string;
}

const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write', 'fullscreen']);

/** Session-wide rules: the CSP on http(s) responses (the dev server) and the permission policy. */
export function hardenSession(ses: Session, devUrl: string | undefined): void {
  const csp = devUrl ? devCsp(devUrl) : APP_CSP;
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.has(permission));
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Embedding Lab',
    show: false,
    backgroundColor: '#111418',
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click on a link would otherwise open it in a new window (the open handler below denies it too).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const own = (url: string): boolean => isOwnUrl(url, opts.devUrl);
  const wc = win.webContents;
  wc.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // Any frame, any navigation (links, location changes, dropped files).
  wc.on('will-frame-navigate', (details) => {
    if (!own(details.url)) details.preventDefault();
  });
  wc.on('will-redirect', (details) => {
    if (!own(details.url)) details.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}
