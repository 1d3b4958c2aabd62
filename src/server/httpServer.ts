/**
 * Browser mode's transport: the contract over HTTP (calls) and a WebSocket (events),
 * plus the built renderer as static files. It binds 127.0.0.1 only; who may talk to
 * it is auth.ts's gate; what only a browser needs (uploads, downloads) is browserLab.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Lab } from '../engine/lab.js';
import { errorOf } from '../shared/wire.js';
import { tokenGate } from './auth.js';
import { BrowserLab } from './browserLab.js';
import { attachEvents } from './events.js';
import { handleCall, handleDownload, handleUpload, sendError } from './routes.js';
import { defaultStaticDir, serveStatic } from './staticFiles.js';

export interface ServerOptions {
  lab: Lab;
  port?: number;
  /** The built renderer (index.html and assets); by default out/renderer when it is built. Omit it for an API-only server by passing null. */
  staticDir?: string | null;
  token?: string;
  /** Whether pages may name folders on this machine (the local server: yes). */
  canReadServerPaths?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  /** The contract as browsers reach it (uploads and the export folder included). */
  browser: BrowserLab;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  let port = opts.port ?? 0;
  const gate = tokenGate(token, () => port);
  const browser = await BrowserLab.create(opts.lab, { canReadServerPaths: opts.canReadServerPaths });
  const staticDir = opts.staticDir === undefined ? defaultStaticDir() : opts.staticDir ?? undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = gate.refusal(req, url);
    if (refused) return sendError(res, refused[0], { message: refused[1], code: refused[0] === 401 ? 'unauthorized' : 'forbidden' });
    // Opening the printed URL: keep the token in a cookie and drop it from the address bar.
    if (url.searchParams.has('token') && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      res.writeHead(302, { 'set-cookie': gate.cookie(), location: url.pathname });
      return void res.end();
    }
    if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
      let name: string;
      try {
        name = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      } catch {
        return sendError(res, 400, { message: `The call name in ${url.pathname} is not valid percent-encoding.`, code: 'invalid' });
      }
      return handleCall(browser, req, res, name);
    }
    if (url.pathname.startsWith('/api/upload/') && req.method === 'PUT') return handleUpload(browser, req, res, url);
    if (url.pathname === '/api/download' && req.method === 'GET') return handleDownload(browser, res, url);
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (serveStatic(res, staticDir, url.pathname, port)) return;
      return sendError(res, 400, { message: `The path ${url.pathname} is not valid percent-encoding.`, code: 'invalid' });
    }
    sendError(res, 405, { message: `${req.method} ${url.pathname} is not supported.`, code: 'invalid' });
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((e) => {
      if (!res.headersSent) sendError(res, 500, errorOf(e));
      else res.destroy();
    });
  });
  const detachEvents = await attachEvents(server, opts.lab, gate);
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
    browser,
    close: async () => {
      detachEvents();
      browser.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
