/**
 * The engine as a plain Node child process, for the desktop app. Electron's main
 * process forks this with the system's Node, so native modules built for Node
 * (better-sqlite3) load without rebuilding them for Electron's ABI. It speaks the
 * wire format over Node's IPC channel.
 *
 * Usage: node host.js --db FILE   (started by src/main; not meant for users)
 */
import { Lab } from '../engine/lab.js';
import { errorOf, type RequestMessage, type ResponseMessage, type EventMessage } from '../shared/wire.js';

if (!process.send) {
  console.error('engineHost must be started with an IPC channel (child_process.fork).');
  process.exit(2);
}
const dbArg = process.argv.indexOf('--db');
let lab: Lab;
try {
  lab = Lab.open({ db: dbArg > 0 ? process.argv[dbArg + 1] : undefined, mode: 'desktop' });
} catch (e) {
  // The desktop shows this line as the reason the engine could not start.
  process.stderr.write(`Embedding Lab could not open its lab file: ${(e as Error).message}\n`);
  process.exit(2);
}
const send = (m: ResponseMessage | EventMessage): void => void process.send!(m);

lab.on('job', (payload) => send({ event: 'job', payload }));
lab.on('changed', (payload) => send({ event: 'changed', payload }));

process.on('message', (m: RequestMessage) => {
  lab.dispatch(m.call, m.input).then(
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
