/**
 * Who may talk to the browser-mode server, since any web page could try to reach a
 * local port: the Host header must name this server (DNS rebinding), an Origin header
 * must be this server's (cross-site requests and WebSockets), and every request needs
 * the token, as a bearer header or as the cookie set when the printed URL was opened.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'embedlab_token';

export interface Gate {
  /** null when the request may proceed, else [status, message]. */
  refusal(req: IncomingMessage, url: URL): [number, string] | null;
  /** The Set-Cookie value that keeps the token in the browser. */
  cookie(): string;
}

export function tokenGate(token: string, port: () => number): Gate {
  const expected = Buffer.from(token);
  const allowedHosts = (): string[] => [`127.0.0.1:${port()}`, `localhost:${port()}`];
  const tokenOf = (req: IncomingMessage): string | null => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7);
    const cookie = req.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
    return cookie ? safeDecode(cookie.slice(TOKEN_COOKIE.length + 1)) : null;
  };
  const tokenOk = (given: string | null): boolean => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === expected.length && timingSafeEqual(b, expected);
  };
  return {
    refusal(req, url) {
      if (!allowedHosts().includes(req.headers.host ?? '')) return [403, 'Foreign Host header refused.'];
      const origin = req.headers.origin;
      if (origin && !allowedHosts().some((h) => origin === `http://${h}`)) return [403, 'Foreign Origin refused.'];
      if (!tokenOk(tokenOf(req)) && !tokenOk(url.searchParams.get('token'))) {
        return [401, 'Missing or wrong token: open the URL that `serve` printed (it ends with ?token=…).'];
      }
      return null;
    },
    cookie: () => `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
  };
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
