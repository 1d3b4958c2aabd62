import type { DesktopBridge } from '../../shared/bridge.js';

declare global {
  interface Window {
    /** Present only in the desktop app (the preload's contextBridge). */
    embedlab?: DesktopBridge<File>;
  }
}

export {};
