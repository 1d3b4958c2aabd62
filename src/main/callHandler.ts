/**
 * The rules behind the IPC handlers, free of electron so they are unit-tested:
 * who may call (our window's main frame, showing our page), and what a call
 * returns (validated input relayed to the engine, errors as data).
 */
import { isCallName, LabError, parseInput } from '../shared/contract.js';
import { isOwnUrl } from './appUrl.js';
import { toCallResult, type CallResult } from '../shared/wire.js';

/** The parts of an IpcMainInvokeEvent and a BrowserWindow that the check reads. */
export interface SenderLike {
  sender: { mainFrame: unknown };
  senderFrame: { url: string } | null;
}
export interface WindowLike {
  webContents: unknown;
  isDestroyed(): boolean;
}

export function isTrustedSender(event: SenderLike, win: WindowLike | null, devUrl: string | undefined): boolean {
  if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
  const frame = event.senderFrame;
  return !!frame && frame === event.sender.mainFrame && isOwnUrl(frame.url, devUrl);
}

/** Validates at the boundary (the engine validates again), then relays. */
export function handleCall(engine: { request(call: string, input: unknown): Promise<unknown> }, name: unknown, input: unknown): Promise<CallResult> {
  return toCallResult(async () => {
    if (typeof name !== 'string' || !isCallName(name)) throw new LabError(`Unknown call "${String(name)}".`, 'invalid');
    return engine.request(name, parseInput(name, input));
  });
}
