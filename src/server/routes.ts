/** The API routes of browser mode: calls of the contract, file uploads and downloads of exports. */
import { constants, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import { errorOf, type WireError } from '../shared/wire.js';
import type { BrowserLab } from './browserLab.js';

const STATUS: Record<string, number> = { invalid: 400, 'not-found': 404, conflict: 409, failed: 500, unauthorized: 401, forbidden: 403 };
/** The largest call body: inputs are small JSON documents (files travel by upload). */
export const MAX_CALL_BODY = 4 << 20;
/** How much of a refused body is still read (and dropped), so that the client is reading when the 413 comes. */
const LINGER_BYTES = 16 << 20;
const LINGER_MS = 2000;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function sendError(res: ServerResponse, status: number, error: WireError): void {
  sendJson(res, status, { ok: false, error });
}

/**
 * Answers 413 to a body over its limit and closes the connection. The rest of the body is read and
 * dropped first (up to LINGER_BYTES or LINGER_MS), since a client still sending would otherwise get a
 * reset instead of the answer; `ready` is what must be done before answering (a partial file removed).
 * Call it from inside a 'data' handler, before the request can end unobserved.
 */
export function refuseBody(req: IncomingMessage, res: ServerResponse, message: string, ready: Promise<unknown> = Promise.resolve()): void {
  let dropped = 0;
  let answered = false;
  const answer = (): void => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    void ready.catch(() => undefined).then(() => {
      res.setHeader('connection', 'close');
      sendError(res, 413, { message, code: 'invalid' });
    });
  };
  const timer = setTimeout(answer, LINGER_MS);
  const declared = Number(req.headers['content-length']);
  if (req.complete || declared > LINGER_BYTES) answer();
  req.on('data', (c: Buffer) => {
    dropped += c.length;
    if (dropped > LINGER_BYTES) answer();
  });
  req.once('end', answer);
  req.once('error', answer);
  req.resume();
}

/** The body up to `limit` bytes; null when it is larger (the 413 is then under way). */
function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | null> {
  return new Promise((ok, fail) => {
    const tooLarge = `Request body too large: a call's input may be at most ${limit} bytes (files travel by upload).`;
    if (Number(req.headers['content-length']) > limit) {
      refuseBody(req, res, tooLarge);
      return ok(null);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.off('data', onData).off('end', onEnd);
      refuseBody(req, res, tooLarge);
      ok(null);
    };
    const onEnd = (): void => ok(Buffer.concat(chunks));
    req.on('data', onData).once('end', onEnd).once('error', fail);
  });
}

/** POST /api/call/<name>: the JSON body is the call's input; the answer is { ok, value } or { ok: false, error }. */
export async function handleCall(browser: BrowserLab, req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  const body = await readBody(req, res, MAX_CALL_BODY);
  if (!body) return;
  let input: unknown = {};
  const text = body.toString('utf8');
  if (text.trim()) {
    try {
      input = JSON.parse(text);
    } catch {
      return sendError(res, 400, { message: 'The request body is not valid JSON.', code: 'invalid' });
    }
  }
  try {
    sendJson(res, 200, { ok: true, value: await browser.dispatch(name, input) });
  } catch (e) {
    const error = errorOf(e);
    sendError(res, STATUS[error.code] ?? 500, error);
  }
}

/** PUT /api/upload/<id>?path=<relative path>: one file of an upload, kept inside the upload's folder, at most maxBytes. */
export async function handleUpload(browser: BrowserLab, req: IncomingMessage, res: ServerResponse, url: URL, maxBytes: number): Promise<void> {
  const uploadId = url.pathname.slice('/api/upload/'.length);
  const dir = /^[a-f0-9]{32}$/.test(uploadId) ? browser.uploadDir(uploadId) : null;
  if (!dir) return sendError(res, 404, { message: `Unknown upload ${uploadId}.`, code: 'not-found' });
  const rel = url.searchParams.get('path') ?? '';
  const target = resolve(dir, normalize(rel));
  if (!rel || rel.includes('\0') || !target.startsWith(dir + sep)) {
    return sendError(res, 400, { message: `Upload path "${rel}" must be relative and stay inside the upload.`, code: 'invalid' });
  }
  const tooLarge = `The file ${rel} is larger than the ${maxBytes} bytes one uploaded file may have; nothing of it was kept.`;
  if (Number(req.headers['content-length']) > maxBytes) return refuseBody(req, res, tooLarge);
  mkdirSync(dirname(target), { recursive: true });
  const kept = await receiveFile(req, target, maxBytes, (removed) => refuseBody(req, res, tooLarge, removed));
  if (kept) sendJson(res, 200, { ok: true, value: { path: rel } });
}

/**
 * Streams the request into `target`; false when it ran over maxBytes (then `onTooLarge` got a promise
 * that settles once the partial file is removed). A client that goes away mid-file leaves no file either.
 */
function receiveFile(req: IncomingMessage, target: string, maxBytes: number, onTooLarge: (removed: Promise<void>) => void): Promise<boolean> {
  return new Promise((ok, fail) => {
    const out = createWriteStream(target);
    const discard = (): Promise<void> =>
      new Promise((done) => {
        out.once('close', () => (rmSync(target, { force: true }), done()));
        out.destroy();
      });
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size > maxBytes) {
        req.off('data', onData).off('end', onEnd).off('close', onClose);
        onTooLarge(discard());
        return ok(false);
      }
      if (!out.write(c)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    const onEnd = (): void => void out.end(() => ok(true));
    const onClose = (): void => {
      if (!req.complete) void discard().then(() => fail(new Error(`The upload of ${target} was cut off.`)));
    };
    out.once('error', (e) => (req.resume(), fail(e)));
    req.on('data', onData).once('end', onEnd).once('close', onClose);
  });
}

function inside(base: string, p: string): boolean {
  const rel = relative(base, p);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * GET /api/download?path=<name>: an exported file (browser mode writes exports into the export folder), as an
 * attachment. The name and then its real path (after symbolic links) must lie inside the export folder.
 */
export async function handleDownload(browser: BrowserLab, res: ServerResponse, url: URL): Promise<void> {
  const name = url.searchParams.get('path') ?? '';
  const missing = (): void => sendError(res, 404, { message: `No exported file "${name}".`, code: 'not-found' });
  // Outside the folder is answered as missing (404): the answer says nothing of what lies elsewhere.
  const outside = (how: string): void => sendError(res, 404, { message: `No exported file "${name}": the path leads outside the export folder${how}.`, code: 'not-found' });
  if (!name || name.includes('\0')) return missing();
  const base = await realpath(browser.exportsDir).catch(() => null);
  if (!base) return missing();
  const file = resolve(base, name);
  if (!inside(base, file)) return outside('');
  const real = await realpath(file).catch(() => null);
  if (!real) return missing();
  if (!inside(base, real)) return outside(' through a symbolic link');
  // O_NOFOLLOW: a link swapped in after the check is not followed.
  const handle = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(() => null);
  if (!handle) return missing();
  const st = await handle.stat();
  if (!st.isFile()) return void (await handle.close(), missing());
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(real.slice(base.length + 1).split(sep).join('_'))}`,
    'content-length': String(st.size),
    'cache-control': 'no-store',
  });
  handle.createReadStream().pipe(res);
}
