/** The API routes of browser mode: calls of the contract, file uploads and downloads of exports. */
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { errorOf, type WireError } from '../shared/wire.js';
import type { BrowserLab } from './browserLab.js';

const STATUS: Record<string, number> = { invalid: 400, 'not-found': 404, conflict: 409, failed: 500, unauthorized: 401, forbidden: 403 };
/** The largest call body: inputs are small JSON documents (files travel by upload). */
export const MAX_CALL_BODY = 4 << 20;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function sendError(res: ServerResponse, status: number, error: WireError): void {
  sendJson(res, status, { ok: false, error });
}

/** POST /api/call/<name>: the JSON body is the call's input; the answer is { ok, value } or { ok: false, error }. */
export async function handleCall(browser: BrowserLab, req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_CALL_BODY) return sendError(res, 413, { message: 'Request body too large.', code: 'invalid' });
    chunks.push(c);
  }
  let input: unknown = {};
  const text = Buffer.concat(chunks).toString('utf8');
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

/** PUT /api/upload/<id>?path=<relative path>: one file of an upload, kept inside the upload's folder. */
export async function handleUpload(browser: BrowserLab, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const uploadId = url.pathname.slice('/api/upload/'.length);
  const dir = /^[a-f0-9]{32}$/.test(uploadId) ? browser.uploadDir(uploadId) : null;
  if (!dir) return sendError(res, 404, { message: `Unknown upload ${uploadId}.`, code: 'not-found' });
  const rel = url.searchParams.get('path') ?? '';
  const target = resolve(dir, normalize(rel));
  if (!rel || rel.includes('\0') || !target.startsWith(dir + sep)) {
    return sendError(res, 400, { message: `Upload path "${rel}" must be relative and stay inside the upload.`, code: 'invalid' });
  }
  mkdirSync(dirname(target), { recursive: true });
  await pipeline(req, createWriteStream(target));
  sendJson(res, 200, { ok: true, value: { path: rel } });
}

/** GET /api/download?path=<name>: an exported file (browser mode writes exports into the export folder), as an attachment. */
export function handleDownload(browser: BrowserLab, res: ServerResponse, url: URL): void {
  const name = url.searchParams.get('path') ?? '';
  const base = browser.exportsDir;
  const file = resolve(base, normalize(name));
  if (!name || name.includes('\0') || !file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
    return sendError(res, 404, { message: `No exported file "${name}".`, code: 'not-found' });
  }
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.slice(base.length + 1).split(sep).join('_'))}`,
    'content-length': String(statSync(file).size),
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(res);
}
