/**
 * Who may talk to the browser-mode server, since any web page could try to reach a
 * local port: the Host header must name this server (DNS rebinding), an Origin header
 * must be this server's (cross-site requests), a WebSocket must carry one (browsers
 * always send it, so its absence means a client that is not this server's page), and
 * every request needs the token, as a bearer header or as the cookie set when the
 * printed URL was opened. The token in the query string counts only on a GET of a page,
 * where it is turned into the cookie: an /api/ address with the token in it would
 * end up in logs and histories as a credential.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie's name carries the port: cookies are shared by every port of a host, so two servers must not overwrite each other's. */
export const tokenCookieName = (port: number): string => `embedlab_token_${port}`;

export type Refusal = [status: number, message: string];

export interface Gate {
  /** null when the request (or, with upgrade, the WebSocket upgrade) may proceed, else [status, message]. */
  refusal(req: IncomingMessage, url: URL, upgrade?: boolean): Refusal | null;
  /** The Set-Cookie value that keeps the token in the browser. */
  cookie(): string;
}

export const TOKEN_MESSAGE = 'Missing or wrong token: open the URL that `serve` printed (it ends with ?token=…).';

export function tokenGate(token: string, port: () => number): Gate {
  const expected = Buffer.from(token);
  const allowedHosts = (): string[] => [`127.0.0.1:${port()}`, `localhost:${port()}`];
  const tokenOf = (req: IncomingMessage): string | null => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7);
    const name = `${tokenCookieName(port())}=`;
    const cookie = req.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith(name));
    return cookie ? safeDecode(cookie.slice(name.length)) : null;
  };
  const tokenOk = (given: string | null): boolean => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === expected.length && timingSafeEqual(b, expected);
  };
  return {
    refusal(req, url, upgrade = false) {
      if (!allowedHosts().includes(req.headers.host ?? '')) return [403, 'Foreign Host header refused.'];
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) return [403, 'Foreign Origin refused.'];
      const opensPage = !upgrade && req.method === 'GET' && !url.pathname.startsWith('/api/');
      if (!tokenOk(tokenOf(req)) && !(opensPage && tokenOk(url.searchParams.get('token')))) return [401, TOKEN_MESSAGE];
      if (upgrade && origin === undefined) {
        return [403, 'A WebSocket without an Origin header is refused: browsers always send one; another client must send this server\'s origin.'];
      }
      return null;
    },
    cookie: () => `${tokenCookieName(port())}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
  };
}

/** A browser's navigation to a page (not a script's call): it gets an HTML answer a person can read. */
export function isPageNavigation(req: IncomingMessage, url: URL): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !url.pathname.startsWith('/api/') && /\btext\/html\b/.test(req.headers.accept ?? '');
}

/** The page a browser gets for a page without the token: what to do, in words. */
export function tokenPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Embedding Lab: open the link with the token</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em;color:#222}code{background:#eee;padding:0 .3em;border-radius:3px;white-space:nowrap}</style>
</head><body>
<h1>This lab needs its access link</h1>
<p>The Embedding Lab server on this port only answers pages opened with its token, so that other web pages cannot reach your lab.</p>
<ol>
<li>Open the URL that <code>npm run serve</code> printed when it started. It ends with <code>?token=…</code>; after that, this browser remembers the token.</li>
<li>To see that URL again, run <code>npm run -s cli -- serve --list</code> (add <code>--db FILE</code> for another lab).</li>
</ol>
<p>A server started with <code>serve --new-token</code> has a new URL: links and tabs opened with the old one need the new one.</p>
</body></html>
`;
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
