import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// out/main and out/preload run in Electron; out/renderer is the same UI for the
// desktop window and for browser mode (served by `npm run serve`).
export default defineConfig({
  main: {
    build: { outDir: 'out/main', rollupOptions: { input: { index: resolve('src/main/index.ts') } } },
  },
  preload: {
    // Sandboxed windows cannot load an ES-module preload: emit CommonJS.
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve('src/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: { outDir: resolve('out/renderer'), rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
  },
});
