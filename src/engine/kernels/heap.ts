/**
 * Returning freed memory to the system between the phases of a long job. The C
 * allocator keeps what big buffers (decoded chunks, blobs read from SQLite) leave
 * behind, and the process's memory would stay at its largest phase plus that.
 */
import { nativeFunctions } from './nativeModule.js';

let trim: (() => boolean) | null | undefined;

/** Asks the C allocator to give back what was freed; a no-op where the native kernels are not built or the allocator cannot. */
export function returnFreedMemory(): boolean {
  if (trim === undefined) trim = nativeFunctions<{ trimHeap: () => boolean }>(['trimHeap'])?.trimHeap ?? null;
  return trim ? trim() : false;
}
