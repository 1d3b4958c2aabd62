/** The built renderer as static files, with a strict Content-Security-Policy. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ico': 'image/x-icon',
};

export const csp = (port: number): string =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`;

/** The built renderer next to the app (out/renderer), found from this file in the source tree or the bundle. */
export function defaultStaticDir(): string | undefined {
  for (const up of ['../../out/renderer', '../renderer']) {
    const dir = resolve(new URL('.', import.meta.url).pathname, up);
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return undefined;
}

/** Serves a file of the renderer; unknown paths are client-side routes (index.html). Returns false for a bad path. */
export function serveStatic(res: ServerResponse, root: string | undefined, pathname: string, port: number): boolean {
  if (!root || !existsSync(join(root, 'index.html'))) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The renderer is not built. Run `npm run serve` (it builds it) or `npm run build`.');
    return true;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  let file = resolve(root, '.' + normalize(decoded));
  if (file !== resolve(root) && !file.startsWith(resolve(root) + sep)) file = join(root, 'index.html');
  if (!existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html'); // client-side routes
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': csp(port),
    'x-content-type-options': 'nosniff',
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  });
  createReadStream(file).pipe(res);
  return true;
}
