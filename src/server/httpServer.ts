/**
 * Browser mode's transport: the contract over HTTP (calls) and a WebSocket (events),
 * plus the built renderer as static files. It binds 127.0.0.1 only; who may talk to
 * it is auth.ts's gate; what only a browser needs (uploads, downloads) is browserLab.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Lab } from '../engine/lab.js';
import { errorOf } from '../shared/wire.js';
import { isPageNavigation, tokenGate, tokenPage, type Gate } from './auth.js';
import { BrowserLab, DEFAULT_MAX_OPEN_UPLOADS } from './browserLab.js';
import { attachEvents } from './events.js';
import { handleCall, handleDownload, handleUpload, sendError } from './routes.js';
import { defaultStaticDir, serveStatic } from './staticFiles.js';

/** What one client may take of the server; tests set small ones. */
export interface ServerLimits {
  /** The largest file one PUT /api/upload may carry. */
  maxUploadBytes: number;
  /** Uploads open at once (upload.begin beyond it is refused). */
  maxOpenUploads: number;
  /** A request's headers must arrive within this (a slow-loris client is dropped). */
  headersTimeoutMs: number;
  /** A whole request, body included, must arrive within this (generous: uploads are bodies). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxUploadBytes: 4 * 1024 ** 3,
  maxOpenUploads: DEFAULT_MAX_OPEN_UPLOADS,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 30 * 60_000,
  keepAliveTimeoutMs: 5_000,
};

export interface ServerOptions {
  lab: Lab;
  /** 0 (the default) lets the system choose a free port. */
  port?: number;
  /** When `port` is taken, try the next ones, up to this many more (0: fail at once). */
  portRetries?: number;
  /** The built renderer (index.html and assets); by default out/renderer when it is built. Omit it for an API-only server by passing null. */
  staticDir?: string | null;
  token?: string;
  /** Whether pages may name folders on this machine (the local server: yes). */
  canReadServerPaths?: boolean;
  limits?: Partial<ServerLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  /** The contract as browsers reach it (uploads and the export folder included). */
  browser: BrowserLab;
  close(): Promise<void>;
}

interface Site {
  gate: Gate;
  browser: BrowserLab;
  staticDir: string | undefined;
  limits: ServerLimits;
  port: () => number;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  let port = opts.port ?? 0;
  const gate = tokenGate(token, () => port);
  const browser = await BrowserLab.create(opts.lab, { canReadServerPaths: opts.canReadServerPaths, maxOpenUploads: limits.maxOpenUploads });
  const site: Site = { gate, browser, limits, port: () => port, staticDir: opts.staticDir === undefined ? defaultStaticDir() : opts.staticDir ?? undefined };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two timeouts above this often (30 s by default, too coarse for short ones).
      connectionsCheckingInterval: Math.max(50, Math.min(limits.headersTimeoutMs, 5_000) / 4),
    },
    (req, res) => {
      void handle(site, req, res).catch((e) => {
        if (!res.headersSent) sendError(res, 500, errorOf(e));
        else res.destroy();
      });
    },
  );
  const detachEvents = await attachEvents(server, opts.lab, gate);
  try {
    port = await listenWithFallback(server, port, opts.portRetries ?? 0);
  } catch (e) {
    detachEvents();
    browser.close();
    throw e;
  }
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    browser,
    close: async () => {
      detachEvents();
      browser.close();
      // A call still running (job.wait) may hold its connection: it gets a moment, then is cut.
      const cut = setTimeout(() => server.closeAllConnections(), 2_000);
      await new Promise<void>((r) => server.close(() => r()));
      clearTimeout(cut);
    },
  };
}

async function handle(site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return sendError(res, 400, { message: 'The request target is not a valid path.', code: 'invalid' });
  }
  const refused = site.gate.refusal(req, url);
  if (refused && refused[0] === 401 && isPageNavigation(req, url)) {
    res.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'cache-control': 'no-store' });
    return void res.end(req.method === 'HEAD' ? undefined : tokenPage());
  }
  if (refused) return sendError(res, refused[0], { message: refused[1], code: refused[0] === 401 ? 'unauthorized' : 'forbidden' });
  // Opening the printed URL: keep the token in a cookie and drop it from the address bar.
  if (url.searchParams.has('token') && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
    res.writeHead(302, { 'set-cookie': site.gate.cookie(), location: url.pathname });
    return void res.end();
  }
  if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice('/api/call/'.length));
    } catch {
      return sendError(res, 400, { message: `The call name in ${url.pathname} is not valid percent-encoding.`, code: 'invalid' });
    }
    return handleCall(site.browser, req, res, name);
  }
  if (url.pathname.startsWith('/api/upload/') && req.method === 'PUT') return handleUpload(site.browser, req, res, url, site.limits.maxUploadBytes);
  if (url.pathname === '/api/download' && req.method === 'GET') return handleDownload(site.browser, res, url);
  if (url.pathname.startsWith('/api/')) return sendError(res, 404, { message: `${req.method} ${url.pathname} is not an API route.`, code: 'not-found' });
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (serveStatic(res, site.staticDir, url.pathname, site.port())) return;
    return sendError(res, 400, { message: `The path ${url.pathname} is not valid percent-encoding.`, code: 'invalid' });
  }
  sendError(res, 405, { message: `${req.method} ${url.pathname} is not supported.`, code: 'invalid' });
}

/**
 * Listens on 127.0.0.1 at `port`, or, when it is taken, at the next free one of up to `retries` more
 * (as Jupyter does), so a fixed default port still starts when another server holds it. Answers the port.
 */
export async function listenWithFallback(server: Server, port: number, retries: number): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const candidate = port === 0 ? 0 : port + attempt;
    try {
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(candidate, '127.0.0.1', () => (server.off('error', fail), ok()));
      });
      const address = server.address();
      return typeof address === 'object' && address ? address.port : candidate;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || port === 0 || attempt >= retries || candidate >= 65535) {
        if (code === 'EADDRINUSE') {
          const tried = attempt === 0 ? `Port ${port} is` : `Ports ${port}–${candidate} are`;
          throw new Error(`${tried} taken on 127.0.0.1. Stop the server that holds it, or choose another with --port P (0 lets the system choose).`);
        }
        throw e;
      }
    }
  }
}
