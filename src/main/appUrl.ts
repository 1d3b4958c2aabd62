/**
 * Where the window's page comes from, and which URLs count as our own. In a
 * build the renderer is served from out/renderer under a private scheme
 * (embedlab://app/), not file://, so that it gets real response headers (the
 * CSP) and an origin that no other page shares. In development it is the
 * electron-vite dev server (ELECTRON_RENDERER_URL). Imports no electron.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const APP_SCHEME = 'embedlab';
export const APP_HOST = 'app';
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The page the window loads: the dev server in development, else our scheme. */
export function entryUrl(devUrl: string | undefined): string {
  return devUrl || APP_ENTRY;
}

/** True for URLs of our own page: our scheme and host, or the dev server's protocol and host. */
export function isOwnUrl(url: string | undefined, devUrl: string | undefined): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (devUrl) {
    const dev = new URL(devUrl);
    return u.protocol === dev.protocol && u.host === dev.host;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}

/**
 * The file under rendererDir that a request path names; index.html for
 * extension-less paths (client-side routes); null for anything outside the
 * folder or missing.
 */
export function rendererFile(rendererDir: string, pathname: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, '.' + normalize('/' + rel));
  if (file !== root && !file.startsWith(root + sep)) return null;
  if (existsSync(file) && statSync(file).isFile()) return file;
  if (!extname(file)) {
    const index = join(root, 'index.html');
    return existsSync(index) ? index : null;
  }
  return null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
};

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
