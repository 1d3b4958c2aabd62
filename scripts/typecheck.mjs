// The type-check (`npm run typecheck`, and the first step of `npm test`): the whole tree
// (tsconfig.json), then each layer on its own, so that a layer importing what it must not
// fails here. The layers and their rules are in the README's "How it is built".
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const projects = ['tsconfig.json', 'tsconfig.shared.json', 'tsconfig.engine.json', 'tsconfig.web.json', 'tsconfig.desktop.json'];
const tsc = new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname;

function check(project) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => done({ project, code, output }));
  });
}

const queue = [...projects];
const failed = [];
await Promise.all(Array.from({ length: Math.min(2, cpus().length) }, async () => {
  for (let p = queue.shift(); p; p = queue.shift()) {
    const r = await check(p);
    console.log(`${r.code === 0 ? '✔' : '✖'} ${r.project}`);
    if (r.code !== 0) {
      failed.push(r.project);
      process.stdout.write(r.output);
    }
  }
}));
if (failed.length) {
  console.error(`The type-check failed in ${failed.join(', ')}.`);
  process.exit(1);
}
