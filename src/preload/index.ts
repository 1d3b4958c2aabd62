/**
 * The preload: exposes window.embedlab (the DesktopBridge) to the sandboxed,
 * context-isolated renderer. Task-level functions only; ipcRenderer itself and
 * arbitrary channels are never exposed.
 *
 * Errors cross contextBridge as plain { name: 'LabError', message, code, field? }
 * objects: contextBridge keeps only the message of a real Error, and the
 * renderer needs the code (the web transport's errors carry it too).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENT, IPC_PICK_FOLDER, type DesktopBridge } from '../shared/bridge.js';
import type { CallResult } from '../shared/wire.js';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(IPC_EVENT, (_event: IpcRendererEvent, message: { event?: unknown; payload?: unknown }) => {
  if (!message || typeof message.event !== 'string') return;
  for (const listener of listeners.get(message.event) ?? []) {
    try {
      listener(message.payload);
    } catch (e) {
      console.error(`A listener for "${message.event}" threw:`, e);
    }
  }
});

const bridge: DesktopBridge<Parameters<typeof webUtils.getPathForFile>[0]> = {
  async call(name, input) {
    const result = (await ipcRenderer.invoke(IPC_CALL, name, input)) as CallResult;
    if (result.ok) return result.value as never;
    throw { name: 'LabError', ...result.error };
  },
  on(event, listener) {
    if (typeof listener !== 'function') throw new TypeError('embedlab.on needs a listener function.');
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener as Listener);
    return () => void set.delete(listener as Listener);
  },
  pathForFile(file) {
    return webUtils.getPathForFile(file);
  },
  async pickFolder() {
    return (await ipcRenderer.invoke(IPC_PICK_FOLDER)) as string | null;
  },
};

contextBridge.exposeInMainWorld('embedlab', bridge);
