/**
 * Browser mode's event stream: one WebSocket to /api/events that reconnects
 * with exponential backoff (0.5 s doubling to 5 s, so a restarted server is found
 * within seconds) and fans events out to listeners. The token travels as the cookie
 * set when the printed URL was opened. While it retries, it asks the server whether
 * this tab is still welcome: a server that answers 401/403 was restarted with
 * another token (or on another lab), and waiting will not help.
 */
import type { EventName, EventPayloads } from '../../../shared/contract.js';

export type ConnectionState = 'connecting' | 'open' | 'retrying';

type AnyListener = (payload: unknown) => void;

export class EventStream {
  private ws: WebSocket | null = null;
  private readonly listeners = new Map<string, Set<AnyListener>>();
  private readonly stateListeners = new Set<(s: ConnectionState, reconnected: boolean) => void>();
  private readonly refusalListeners = new Set<(message: string | null) => void>();
  /** Why the server refuses this tab, when it answered but refused; null otherwise. */
  refusal: string | null = null;
  private delay = 500;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private everOpened = false;
  state: ConnectionState = 'connecting';

  constructor(
    private readonly url: string,
    /** A cheap call (app.info) that tells, while retrying, whether the server refuses this tab. */
    private readonly probeUrl: string,
  ) {}

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as AnyListener);
    this.ensure();
    return () => set.delete(listener as AnyListener);
  }

  /** Connection changes; `reconnected` is true when events may have been missed. */
  onState(listener: (s: ConnectionState, reconnected: boolean) => void): () => void {
    this.stateListeners.add(listener);
    this.ensure();
    return () => this.stateListeners.delete(listener);
  }

  /** The server's refusal of this tab (a message), or null once it is welcome again or unreachable. */
  onRefusal(listener: (message: string | null) => void): () => void {
    this.refusalListeners.add(listener);
    return () => this.refusalListeners.delete(listener);
  }

  private setRefusal(message: string | null): void {
    if (message === this.refusal) return;
    this.refusal = message;
    for (const l of this.refusalListeners) l(message);
  }

  /** A failed WebSocket does not say why: a plain call does (nothing, 401/403, or fine). */
  private async probe(): Promise<void> {
    try {
      const res = await fetch(this.probeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' });
      if (res.status !== 401 && res.status !== 403) return this.setRefusal(null);
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      this.setRefusal(body?.error?.message ?? `The lab server refused this tab (${res.status}).`);
    } catch {
      this.setRefusal(null); // unreachable: still waiting for it
    }
  }

  private setState(s: ConnectionState, reconnected = false): void {
    this.state = s;
    for (const l of this.stateListeners) l(s, reconnected);
  }

  private ensure(): void {
    if (this.ws || this.timer) return;
    this.connect();
  }

  private connect(): void {
    this.timer = null;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.delay = 500;
      this.setRefusal(null);
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.setState('open', reconnected);
    };
    ws.onmessage = (m) => {
      let msg: { event?: string; payload?: unknown };
      try {
        msg = JSON.parse(String(m.data));
      } catch {
        return;
      }
      for (const l of this.listeners.get(msg.event ?? '') ?? []) l(msg.payload);
    };
    ws.onclose = () => {
      this.ws = null;
      this.setState('retrying');
      this.timer = setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, 5_000);
      void this.probe();
    };
  }
}
