/**
 * What the desktop preload exposes on `window.embedlab` (contextBridge). It is
 * task-level: calls of the contract, events, and the path of a dropped file.
 * ipcRenderer itself is never exposed.
 */
import type { CallInput, CallName, CallOutput, EventName, EventPayloads } from './contract.js';

/** DroppedFile is the DOM's File in the renderer; the contract itself knows no DOM. */
export interface DesktopBridge<DroppedFile> {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  /** The absolute path of a dropped or picked File (Electron's webUtils.getPathForFile). */
  pathForFile(file: DroppedFile): string;
  /** Opens a native folder picker; null when the user cancels. */
  pickFolder(): Promise<string | null>;
}

/** IPC channel names: one for calls, one for events, one for the folder picker. */
export const IPC_CALL = 'embedlab:call';
export const IPC_EVENT = 'embedlab:event';
export const IPC_PICK_FOLDER = 'embedlab:pick-folder';
