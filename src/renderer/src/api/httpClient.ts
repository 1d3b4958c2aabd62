/**
 * Browser mode's transport: calls are POST /api/call/<name> with a JSON body,
 * answered {ok:true,value} or {ok:false,error:{message,code,field?}} (src/shared/wire.ts); events come over
 * a reconnecting WebSocket.
 */
import type { CallInput, CallName, CallOutput, EventName, EventPayloads, LabClient } from '../../../shared/contract.js';
import type { WireError } from '../../../shared/wire.js';
import { LabCallError } from './errors.js';
import { EventStream } from './events.js';

export class HttpLabClient implements LabClient {
  readonly events: EventStream;

  constructor(private readonly base = '') {
    const wsBase = base || `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
    this.events = new EventStream(`${wsBase.replace(/^http/, 'ws')}/api/events`, `${base}/api/call/app.info`);
  }

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    let res: Response;
    try {
      res = await fetch(`${this.base}/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
    } catch {
      throw new LabCallError('Cannot reach the lab server. Is `npm run serve` still running?', 'offline');
    }
    const body = (await res.json().catch(() => null)) as
      | { ok: true; value: CallOutput<N> }
      | { ok: false; error: WireError }
      | null;
    if (!body) throw new LabCallError(`The lab server answered ${res.status} ${res.statusText} to ${name}.`);
    if (!body.ok) throw new LabCallError(body.error.message, body.error.code, body.error.field);
    return body.value;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    return this.events.on(event, listener);
  }
}
