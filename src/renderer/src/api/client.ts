/**
 * The renderer's one LabClient. In the desktop app the preload exposes
 * `window.embedlab` (IPC); anywhere else the page was served by the local
 * server, so calls go over HTTP and events over a WebSocket.
 */
import type { CallInput, CallName, CallOutput, EventName, EventPayloads, LabClient } from '../../../shared/contract.js';
import type { DesktopBridge } from '../../../shared/bridge.js';
import { LabCallError } from './errors.js';
import { HttpLabClient } from './httpClient.js';
import type { ConnectionState } from './events.js';

export type Transport =
  | { kind: 'desktop'; client: LabClient; bridge: DesktopBridge<File> }
  | { kind: 'browser'; client: LabClient; http: HttpLabClient };

/** Wraps the bridge so its rejections are Errors with the engine's message. */
function desktopClient(bridge: DesktopBridge<File>): LabClient {
  return {
    async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
      try {
        return await bridge.call(name, input);
      } catch (e) {
        const err = e as { message?: string; code?: string; field?: string };
        // Electron prefixes IPC rejections with "Error invoking remote method '…': ".
        const message = (err?.message ?? String(e)).replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '');
        throw new LabCallError(message, typeof err?.code === 'string' ? err.code : 'failed', typeof err?.field === 'string' ? err.field : undefined);
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      return bridge.on(event, listener);
    },
  };
}

export function createTransport(): Transport {
  const bridge = typeof window !== 'undefined' ? window.embedlab : undefined;
  if (bridge) return { kind: 'desktop', client: desktopClient(bridge), bridge };
  const http = new HttpLabClient();
  return { kind: 'browser', client: http, http };
}

/** Live-update connection state; IPC is always connected. */
export function onConnection(t: Transport, listener: (s: ConnectionState, reconnected: boolean) => void): () => void {
  if (t.kind === 'desktop') {
    listener('open', false);
    return () => {};
  }
  return t.http.events.onState(listener);
}

/** Why the server refuses this tab (restarted with another token), or null; never in the desktop app. */
export function onRefusal(t: Transport, listener: (message: string | null) => void): () => void {
  if (t.kind === 'desktop') return () => {};
  listener(t.http.events.refusal);
  return t.http.events.onRefusal(listener);
}
