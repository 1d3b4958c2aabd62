/**
 * The desktop transport: the contract over Electron IPC. Calls are accepted only
 * from our own window's main frame showing our own page (callHandler.ts), and
 * relayed to the engine process. Engine events go to the window on one channel.
 */
import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL, IPC_EVENT, IPC_PICK_FOLDER } from '../shared/bridge.js';
import { handleCall, isTrustedSender } from './callHandler.js';
import type { CallResult } from '../shared/wire.js';
import type { EngineProcess } from './engineProcess.js';

export interface IpcDeps {
  engine: EngineProcess;
  /** The app window, or null while there is none. */
  window: () => BrowserWindow | null;
  devUrl?: string;
}

/** Registers the handlers; returns a function that removes them. */
export function registerIpc({ engine, window, devUrl }: IpcDeps): () => void {
  const check = (event: IpcMainInvokeEvent): BrowserWindow => {
    const win = window();
    if (!win || !isTrustedSender(event, win, devUrl)) {
      throw new Error(`Refused an IPC call from ${event.senderFrame?.url ?? 'an unknown frame'}: not the Embedding Lab window.`);
    }
    return win;
  };

  ipcMain.handle(IPC_CALL, (event, name: unknown, input: unknown): Promise<CallResult> => {
    check(event);
    return handleCall(engine, name, input);
  });

  ipcMain.handle(IPC_PICK_FOLDER, async (event): Promise<string | null> => {
    const win = check(event);
    const result = await dialog.showOpenDialog(win, { title: 'Choose a folder of text', properties: ['openDirectory'] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });

  const send = (message: { event: string; payload: unknown }): void => {
    const win = window();
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT, message);
  };
  const offEvents = engine.onEvent(send);
  // After a restart the new engine knows nothing of the old one's jobs: views refetch.
  const offReady = engine.onReady(({ restart }) => {
    if (restart) send({ event: 'changed', payload: { what: 'corpora' } });
  });

  return () => {
    ipcMain.removeHandler(IPC_CALL);
    ipcMain.removeHandler(IPC_PICK_FOLDER);
    offEvents();
    offReady();
  };
}
