/**
 * serve: browser mode, the contract over HTTP on 127.0.0.1 with the built renderer. As Jupyter does,
 * it listens on a fixed default port (the next free one when that is taken) and keeps the lab's token
 * in the lab's runtime folder, so a restart gives the same URL and open tabs reconnect by themselves.
 */
import { startServer, type RunningServer } from '../../server/httpServer.js';
import { labToken, listServerRecords, removeServerRecord, writeServerRecord, type ServerRecord } from '../../server/runtimeRecords.js';
import { intFlag } from '../args.js';
import type { Command, CommandContext } from '../context.js';

export const DEFAULT_PORT = 8765;
/** How many ports after the requested one are tried when it is taken. */
export const PORT_RETRIES = 10;

export const serveCommand: Command = {
  name: 'serve',
  usage: `${'serve [--port P] [--new-token]'.padEnd(38)}serve the app on 127.0.0.1 (port ${DEFAULT_PORT}, or the next free one) and print its URL
  ${'serve --list'.padEnd(38)}the servers running on this lab: URL (with the token), port, pid`,
  details: `The token is kept in <lab file>.runtime/token (readable by you only), so a restart on the same lab and port
gives the same URL and open tabs reconnect. --new-token replaces it (open tabs must then open the new URL).
--port 0 lets the system choose a port.`,
  flags: () => [
    { name: 'port', kind: 'int', min: 0, max: 65535 },
    { name: 'new-token', kind: 'boolean' },
    { name: 'list', kind: 'boolean' },
  ],
  async run(ctx) {
    const stopped = new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    return serveUntil(ctx, stopped);
  },
};

/** serve's work, until `stopped` settles (a signal in the CLI; the test's own promise in tests). */
export async function serveUntil(ctx: CommandContext, stopped: Promise<void>): Promise<number> {
  const { dbPath } = await ctx.lab.call('app.info', {});
  if (ctx.args.flags.has('list')) return listServers(ctx, dbPath);
  const already = listServerRecords(dbPath);
  const { token, created } = labToken(dbPath, { rotate: ctx.args.flags.has('new-token') });
  const requested = intFlag(ctx.args, 'port') ?? DEFAULT_PORT;
  const server = await startServer({ lab: ctx.lab, port: requested, portRetries: requested === 0 ? 0 : PORT_RETRIES, token });
  const record: ServerRecord = { url: server.url, port: server.port, pid: process.pid, lab: dbPath, startedAt: new Date().toISOString() };
  writeServerRecord(record);
  try {
    for (const other of already) ctx.io.err(`Note: this lab is also served at ${other.url} (pid ${other.pid}).\n`);
    if (requested !== 0 && server.port !== requested) ctx.io.err(`Note: port ${requested} is taken, so this server uses ${server.port}.\n`);
    printStarted(ctx, server, dbPath, created);
    await stopped;
  } finally {
    await server.close();
    removeServerRecord(dbPath, server.port);
  }
  return 0;
}

function printStarted(ctx: CommandContext, server: RunningServer, dbPath: string, newToken: boolean): void {
  const info = { url: server.url, port: server.port, db: dbPath, pid: process.pid };
  // One line with --json, so that a script can read the URL as soon as it is printed.
  if (ctx.json) return ctx.io.out(`${JSON.stringify(info)}\n`);
  ctx.io.out(
    `Embedding Lab is serving on 127.0.0.1 only.\nOpen: ${server.url}\nLab file: ${dbPath}\n` +
      `${newToken ? 'A new access token was made for this lab' : 'The access token is the one kept for this lab'} (serve --new-token replaces it).\n` +
      'Press Ctrl+C to stop.\n',
  );
}

function listServers(ctx: CommandContext, dbPath: string): number {
  const running = listServerRecords(dbPath);
  ctx.print(running, () =>
    running.length === 0
      ? `No server is running on ${dbPath}. Start one with \`npm run serve\`.`
      : running.map((r) => `${r.url}  port ${r.port}  pid ${r.pid}  since ${r.startedAt}  lab ${r.lab}`).join('\n'));
  return 0;
}
