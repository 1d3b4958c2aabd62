/** serve: browser mode, the contract over HTTP on 127.0.0.1 with the built renderer. */
import { startServer } from '../../server/httpServer.js';
import { intFlag } from '../args.js';
import type { Command } from '../context.js';

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--port P]             serve the app on 127.0.0.1 and print its URL (with the access token)',
  flags: () => [{ name: 'port', kind: 'int', min: 0, max: 65535 }],
  async run(ctx) {
    const server = await startServer({ lab: ctx.lab, port: intFlag(ctx.args, 'port') ?? 0 });
    const { dbPath } = await ctx.lab.call('app.info', {});
    const info = { url: server.url, port: server.port, db: dbPath };
    // One line with --json, so that a script can read the URL as soon as it is printed.
    if (ctx.json) ctx.io.out(`${JSON.stringify(info)}\n`);
    else ctx.io.out(`Embedding Lab is serving on 127.0.0.1 only.\nOpen: ${server.url}\nLab file: ${dbPath}\nPress Ctrl+C to stop.\n`);
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    await server.close();
    return 0;
  },
};
