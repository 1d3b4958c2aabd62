/** Browser mode's event stream: engine events to every WebSocket on /api/events that passes the gate (an upgrade must carry this server's Origin). */
import type { Server } from 'node:http';
import type { WebSocket } from 'ws';
import type { Lab } from '../engine/lab.js';
import type { Gate } from './auth.js';

export async function attachEvents(server: Server, lab: Lab, gate: Gate): Promise<() => void> {
  const { WebSocketServer } = await import('ws'); // loaded here: most CLI commands never serve
  // The page sends nothing on this socket: a small frame limit keeps a hostile client from filling memory.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 << 10 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy()); // a reset during the handshake must not end the server
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      url = new URL('http://127.0.0.1/invalid');
    }
    const refused = url.pathname === '/api/events' ? gate.refusal(req, url, true) : [404, 'not found'];
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
  const unsubscribe = [lab.on('job', broadcast('job')), lab.on('changed', broadcast('changed'))];
  return () => {
    unsubscribe.forEach((u) => u());
    for (const ws of clients) ws.terminate();
  };
}
