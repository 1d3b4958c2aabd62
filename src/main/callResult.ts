/**
 * What IPC_CALL returns to the preload. Errors travel as data: an Error thrown
 * in an ipcMain handler reaches the renderer as a reworded message without its
 * code, and contextBridge also drops custom properties of Errors.
 */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: { message: string; code: string } };

export async function toCallResult(run: () => Promise<unknown>): Promise<CallResult> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    const err = e as { message?: string; code?: unknown; name?: string };
    const code = err?.name === 'LabError' && typeof err.code === 'string' ? err.code : 'failed';
    return { ok: false, error: { message: err?.message ?? String(e), code } };
  }
}
