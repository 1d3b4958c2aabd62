// A stand-in for the 'electron' module, so src/main/index.ts can run in plain
// Node: it records what the main process asks of Electron and lets a test play
// the renderer's side (IPC events, navigations, protocol requests).
import { EventEmitter } from 'node:events';

export const recorded = {
  windows: [],
  ipc: new Map(),
  protocols: new Map(),
  privileged: [],
  headersListener: null,
  permissionRequest: null,
  permissionCheck: null,
  errorBoxes: [],
  opened: [],
  quit: 0,
  exit: null,
  sandboxEnabled: false,
  exposed: {},
  invoked: [],
};

const appEvents = new EventEmitter();
export const app = {
  enableSandbox: () => void (recorded.sandboxEnabled = true),
  requestSingleInstanceLock: () => true,
  on: (event, fn) => void appEvents.on(event, fn),
  emit: (event, ...args) => appEvents.emit(event, ...args),
  whenReady: () => Promise.resolve(),
  getAppPath: () => globalThis.__embedlabAppPath,
  quit: () => void recorded.quit++,
  exit: (code) => void (recorded.exit = code),
};

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.mainFrame = { url: '' };
    this.sent = [];
    this.openHandler = null;
  }
  setWindowOpenHandler(fn) {
    this.openHandler = fn;
  }
  send(channel, message) {
    this.sent.push([channel, message]);
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.loaded = null;
    recorded.windows.push(this);
  }
  loadURL(url) {
    this.loaded = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  show() {}
  focus() {}
  restore() {}
}

export const ipcMain = {
  handle: (channel, fn) => void recorded.ipc.set(channel, fn),
  removeHandler: (channel) => void recorded.ipc.delete(channel),
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => void recorded.privileged.push(...schemes),
};

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (fn) => void (recorded.headersListener = fn) },
    setPermissionRequestHandler: (fn) => void (recorded.permissionRequest = fn),
    setPermissionCheckHandler: (fn) => void (recorded.permissionCheck = fn),
    protocol: { handle: (scheme, fn) => void recorded.protocols.set(scheme, fn) },
  },
};

export const dialog = {
  showErrorBox: (title, message) => void recorded.errorBoxes.push({ title, message }),
  showOpenDialog: async () => ({ canceled: false, filePaths: ['/picked/folder'] }),
};

export const shell = {
  openExternal: async (url) => void recorded.opened.push(url),
};

// The renderer side, for the preload.
export const contextBridge = {
  exposeInMainWorld: (key, api) => void (recorded.exposed[key] = api),
};

/** What ipcRenderer.invoke answers: set by a test, (channel, ...args) => value. */
export const invokeAnswers = { fn: async () => undefined };
const rendererEvents = new EventEmitter();
export const ipcRenderer = {
  invoke: async (channel, ...args) => {
    recorded.invoked.push([channel, ...args]);
    return invokeAnswers.fn(channel, ...args);
  },
  on: (channel, fn) => void rendererEvents.on(channel, fn),
  /** Test side: main sends a message on a channel. */
  emitFromMain: (channel, message) => rendererEvents.emit(channel, {}, message),
};

export const webUtils = {
  getPathForFile: (file) => `/dropped/${file.name}`,
};

export default { app, BrowserWindow, ipcMain, protocol, session, dialog, shell, contextBridge, ipcRenderer, webUtils };
