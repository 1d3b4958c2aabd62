/**
 * The engine as a plain Node child process, for the desktop app. Electron's main
 * process forks this with the system's Node, so native modules built for Node
 * (better-sqlite3) load without rebuilding them for Electron's ABI. It speaks the
 * wire format over Node's IPC channel.
 *
 * Usage: node host.js --db FILE   (started by src/main; not meant for users)
 */
import { Lab } from '../engine/lab.js';
import { resolveDbPath } from '../engine/base/paths.js';
import { errorOf, type RequestMessage, type ResponseMessage, type EventMessage } from './messages.js';

if (!process.send) {
  console.error('engineHost must be started with an IPC channel (child_process.fork).');
  process.exit(2);
}
const dbArg = process.argv.indexOf('--db');
const lab = new Lab({ dbPath: resolveDbPath(dbArg > 0 ? process.argv[dbArg + 1] : undefined), mode: 'desktop' });
const send = (m: ResponseMessage | EventMessage): void => void process.send!(m);

lab.on('job', (payload) => send({ event: 'job', payload }));
lab.on('changed', (payload) => send({ event: 'changed', payload }));

process.on('message', (m: RequestMessage) => {
  lab.call(m.call, m.input).then(
    (value) => send({ id: m.id, ok: true, value }),
    (e: unknown) => send({ id: m.id, ok: false, error: errorOf(e) }),
  );
});

const shutdown = (): void =>
  void lab.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(`engineHost: closing the lab failed: ${(e as Error).message}`);
      process.exit(1);
    },
  );
process.on('disconnect', shutdown); // the desktop app quit
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
send({ event: 'ready', payload: { pid: process.pid } });
