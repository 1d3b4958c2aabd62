/**
 * Returning freed memory to the system between the phases of a long job. The C
 * allocator keeps what big buffers (decoded chunks, blobs read from SQLite) leave
 * behind, and the process's memory would stay at its largest phase plus that.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../paths.js';

let trim: (() => boolean) | null | undefined;

/** Asks the C allocator to give back what was freed; a no-op where the native kernels are not built or the allocator cannot. */
export function returnFreedMemory(): boolean {
  if (trim === undefined) {
    trim = null;
    try {
      const path = join(appRoot(), 'native', 'build', 'kernels.node');
      if (existsSync(path)) {
        const m = createRequire(import.meta.url)(path) as { trimHeap?: () => boolean };
        if (typeof m.trimHeap === 'function') trim = m.trimHeap;
      }
    } catch {
      trim = null;
    }
  }
  return trim ? trim() : false;
}
