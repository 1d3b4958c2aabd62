/**
 * Browser mode's event stream: one WebSocket to /api/events that reconnects
 * with exponential backoff (0.5 s doubling to 10 s) and fans events out to
 * listeners. The token travels as the cookie set when the printed URL was opened.
 */
import type { EventName, EventPayloads } from '../../../shared/contract.js';

export type ConnectionState = 'connecting' | 'open' | 'retrying';

type AnyListener = (payload: unknown) => void;

export class EventStream {
  private ws: WebSocket | null = null;
  private readonly listeners = new Map<string, Set<AnyListener>>();
  private readonly stateListeners = new Set<(s: ConnectionState, reconnected: boolean) => void>();
  private delay = 500;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private everOpened = false;
  state: ConnectionState = 'connecting';

  constructor(private readonly url: string) {}

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
      this.delay = Math.min(this.delay * 2, 10_000);
    };
  }
}
