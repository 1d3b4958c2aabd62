/**
 * The private scheme that serves the built renderer (embedlab://app/…) from
 * out/renderer, with the CSP and nosniff on every response. It must be
 * registered as privileged before the app is ready.
 */
import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_HOST, APP_SCHEME, contentType, rendererFile } from './appUrl.js';
import { APP_CSP } from './csp.js';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

export function serveRenderer(ses: Session, rendererDir: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST && (request.method === 'GET' || request.method === 'HEAD') ? rendererFile(rendererDir, url.pathname) : null;
    if (!file) return new Response(`Not found: ${url.pathname}`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'content-type': contentType(file),
        'content-security-policy': APP_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
    });
  });
}
