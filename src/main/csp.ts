/**
 * The window's Content-Security-Policy. The built app loads only its own files;
 * no inline or evaluated script, no remote connections. The dev server needs
 * Vite's inline React-refresh preamble and its HMR WebSocket.
 */
const common = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export const APP_CSP = [...common, "script-src 'self'", "connect-src 'self'"].join('; ');

export function devCsp(devUrl: string): string {
  const { host } = new URL(devUrl);
  return [...common, "script-src 'self' 'unsafe-inline'", `connect-src 'self' ws://${host} http://${host}`].join('; ');
}
