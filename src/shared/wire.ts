/**
 * The wire format every transport carries: a request names a call of the contract,
 * a response carries its value or an error as data ({ message, code, field? }), and
 * an event carries a payload. The engine host speaks it over Node's IPC channel, the
 * desktop relay over Electron IPC, and the browser transport over HTTP and a WebSocket.
 *
 * Errors travel as data because an Error thrown across Electron IPC or contextBridge
 * loses its code, and the UI needs the code and the field an error belongs to.
 */
import type { LabErrorCode } from './labError.js';

export interface WireError {
  message: string;
  /** A LabError's code; 'failed' for anything else the engine threw. */
  code: LabErrorCode | string;
  /** The input field the error is about, when it is about one (a form shows it there). */
  field?: string;
}

export interface RequestMessage {
  id: number;
  call: string;
  input: unknown;
}

/** The answer to a call, without the request id: what IPC and HTTP return. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: WireError };

export type ResponseMessage = { id: number } & CallResult;

export interface EventMessage {
  event: string;
  payload: unknown;
}

/** Anything thrown, as the wire carries it: a LabError keeps its code and field. */
export function errorOf(e: unknown): WireError {
  const err = e as { message?: string; code?: unknown; name?: string; field?: unknown };
  const isLab = err?.name === 'LabError' && typeof err.code === 'string';
  const out: WireError = { message: err?.message ?? String(e), code: isLab ? (err.code as string) : 'failed' };
  if (isLab && typeof err.field === 'string') out.field = err.field;
  return out;
}

/** Runs a call and packs its outcome as a CallResult (it never throws). */
export async function toCallResult(run: () => unknown): Promise<CallResult> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    return { ok: false, error: errorOf(e) };
  }
}
