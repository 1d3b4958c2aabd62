// Starts a TypeScript worker when the engine runs from source (tsx): Node 20 does
// not apply --import loader hooks to a worker's entry module, so the entry is
// loaded here, after registering tsx in this thread.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.__tsEntry);
