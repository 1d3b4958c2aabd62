/**
 * Browser mode's transport: the contract over HTTP (calls) and a WebSocket
 * (events), plus the built renderer as static files.
 *
 * Security, since any web page could try to reach a local port:
 *  - it binds 127.0.0.1 only;
 *  - every request needs the per-launch token, as a bearer header or as the
 *    cookie set when the printed URL (…/?token=…) is opened;
 *  - a foreign Host header (DNS rebinding) or Origin header (cross-site
 *    requests and WebSockets) is refused.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { WebSocket } from 'ws';
import type { Lab } from '../engine/lab.js';
import { errorOf } from '../host/messages.js';

export interface ServerOptions {
  lab: Lab;
  port?: number;
  /** The built renderer (index.html and assets); omit for an API-only server. */
  staticDir?: string;
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'embedlab_token';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ico': 'image/x-icon',
};
const csp = (port: number): string =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`;
const STATUS: Record<string, number> = { invalid: 400, 'not-found': 404, conflict: 409, failed: 500, unauthorized: 401, forbidden: 403 };

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const expected = Buffer.from(token);
  let port = opts.port ?? 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

  const tokenOf = (req: IncomingMessage): string | null => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7);
    const cookie = req.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${COOKIE}=`));
    return cookie ? decodeURIComponent(cookie.slice(COOKIE.length + 1)) : null;
  };
  const tokenOk = (given: string | null): boolean => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === expected.length && timingSafeEqual(b, expected);
  };
  /** null when the request may proceed, else [status, message]. */
  const refuse = (req: IncomingMessage, url: URL): [number, string] | null => {
    if (!allowedHosts().includes(req.headers.host ?? '')) return [403, 'Foreign Host header refused.'];
    const origin = req.headers.origin;
    if (origin && !allowedHosts().some((h) => origin === `http://${h}`)) return [403, 'Foreign Origin refused.'];
    if (!tokenOk(tokenOf(req)) && !tokenOk(url.searchParams.get('token'))) {
      return [401, 'Missing or wrong token: open the URL that `serve` printed (it ends with ?token=…).'];
    }
    return null;
  };

  const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((e) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: errorOf(e) });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = refuse(req, url);
    if (refused) return sendJson(res, refused[0], { ok: false, error: { message: refused[1], code: refused[0] === 401 ? 'unauthorized' : 'forbidden' } });
    // Opening the printed URL: keep the token in a cookie and drop it from the address bar.
    if (url.searchParams.has('token') && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      res.writeHead(302, { 'set-cookie': `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`, location: url.pathname });
      return void res.end();
    }
    if (url.pathname.startsWith('/api/call/') && req.method === 'POST') return handleCall(req, res, decodeURIComponent(url.pathname.slice(10)));
    if (url.pathname.startsWith('/api/upload/') && req.method === 'PUT') return handleUpload(req, res, url);
    if (url.pathname === '/api/download' && req.method === 'GET') return handleDownload(res, url);
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(res, url.pathname);
    sendJson(res, 405, { ok: false, error: { message: `${req.method} ${url.pathname} is not supported.`, code: 'invalid' } });
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > 4 << 20) return sendJson(res, 413, { ok: false, error: { message: 'Request body too large.', code: 'invalid' } });
      chunks.push(c);
    }
    let input: unknown = {};
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim()) {
      try {
        input = JSON.parse(text);
      } catch {
        return sendJson(res, 400, { ok: false, error: { message: 'The request body is not valid JSON.', code: 'invalid' } });
      }
    }
    try {
      const value = await opts.lab.call(name, input);
      sendJson(res, 200, { ok: true, value });
    } catch (e) {
      const error = errorOf(e);
      sendJson(res, STATUS[error.code] ?? 500, { ok: false, error });
    }
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const uploadId = url.pathname.slice('/api/upload/'.length);
    const dir = /^[a-f0-9]{32}$/.test(uploadId) ? opts.lab.uploadDir(uploadId) : null;
    if (!dir) return sendJson(res, 404, { ok: false, error: { message: `Unknown upload ${uploadId}.`, code: 'not-found' } });
    const rel = url.searchParams.get('path') ?? '';
    const target = resolve(dir, normalize(rel));
    if (!rel || rel.includes('\0') || !target.startsWith(dir + sep)) {
      return sendJson(res, 400, { ok: false, error: { message: `Upload path "${rel}" must be relative and stay inside the upload.`, code: 'invalid' } });
    }
    mkdirSync(dirname(target), { recursive: true });
    await pipeline(req, createWriteStream(target));
    sendJson(res, 200, { ok: true, value: { path: rel } });
  }

  /** An exported file (browser mode writes exports into the lab's export folder), sent as an attachment. */
  function handleDownload(res: ServerResponse, url: URL): void {
    const name = url.searchParams.get('path') ?? '';
    const base = opts.lab.exportsDir;
    const file = resolve(base, normalize(name));
    if (!name || name.includes('\0') || !file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return sendJson(res, 404, { ok: false, error: { message: `No exported file "${name}".`, code: 'not-found' } });
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.slice(base.length + 1).split(sep).join('_'))}`,
      'content-length': String(statSync(file).size),
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  }

  function serveStatic(res: ServerResponse, pathname: string): void {
    const root = opts.staticDir;
    if (!root || !existsSync(join(root, 'index.html'))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('The renderer is not built. Run `npm run serve` (it builds it) or `npm run build`.');
    }
    let file = resolve(root, '.' + normalize(decodeURIComponent(pathname)));
    if (!file.startsWith(resolve(root))) file = join(root, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html'); // client-side routes
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': csp(port),
      'x-content-type-options': 'nosniff',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  }

  const { WebSocketServer } = await import('ws'); // loaded here: most CLI commands never serve
  const wss = new WebSocketServer({ noServer: true });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = url.pathname === '/api/events' ? refuse(req, url) : [404, 'not found'];
    if (refused) {
      socket.end(`HTTP/1.1 ${refused[0]} Refused\r\nconnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
    });
  });
  const broadcast = (event: string) => (payload: unknown): void => {
    const text = JSON.stringify({ event, payload });
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  };
  const unsubscribe = [opts.lab.on('job', broadcast('job')), opts.lab.on('changed', broadcast('changed'))];

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe.forEach((u) => u());
      for (const ws of clients) ws.terminate();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
