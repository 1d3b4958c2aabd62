/**
 * The wire format shared by every transport: a request names a call of the
 * contract, a response carries its value or a LabError's message and code.
 */
export interface RequestMessage {
  id: number;
  call: string;
  input: unknown;
}

export type ResponseMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { message: string; code: string } };

export interface EventMessage {
  event: string;
  payload: unknown;
}

export function errorOf(e: unknown): { message: string; code: string } {
  const err = e as { message?: string; code?: string; name?: string };
  // LabError codes pass through; anything else is an engine failure.
  const code = err?.name === 'LabError' && typeof err.code === 'string' ? err.code : 'failed';
  return { message: err?.message ?? String(e), code };
}
