// Builds the C files of native/ (the plain-C kernels and their Node-API binding, binding.c)
// into native/build/kernels.node with the system C compiler (-O3 -march=native -ffast-math).
// It never fails the install: without a compiler or Node's headers the engine uses its
// JavaScript kernels, which compute the same thing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const native = join(root, 'native');
const sources = () => readdirSync(native).filter((f) => f.endsWith('.c')).sort().map((f) => join(native, f));
/** The newest change to the sources or headers: the build is stale when it is older. */
const newestSource = () => Math.max(...readdirSync(native).filter((f) => /\.[ch]$/.test(f)).map((f) => statSync(join(native, f)).mtimeMs));
const out = join(root, 'native', 'build', 'kernels.node');

function nodeIncludeDir() {
  const candidates = [
    process.env.npm_config_nodedir && join(process.env.npm_config_nodedir, 'include', 'node'),
    resolve(process.execPath, '..', '..', 'include', 'node'),
    '/usr/include/node',
    '/usr/local/include/node',
  ].filter(Boolean);
  return candidates.find((d) => existsSync(join(d, 'node_api.h')));
}

export function buildNative({ force = false, quiet = false } = {}) {
  const say = (m) => quiet || console.error(m);
  if (!force && existsSync(out) && statSync(out).mtimeMs >= newestSource()) return true;
  if (process.platform === 'win32') {
    say('embedlab: native kernels are not built on Windows yet; using the JavaScript kernels.');
    return false;
  }
  const include = nodeIncludeDir();
  if (!include) {
    say("embedlab: Node's headers (node_api.h) were not found; using the JavaScript kernels (slower).");
    return false;
  }
  const cc = process.env.CC || 'cc';
  mkdirSync(dirname(out), { recursive: true });
  const args = ['-O3', '-march=native', '-ffast-math', '-std=c11', '-pthread', '-shared', '-fPIC', '-fvisibility=hidden', `-I${include}`, '-DNODE_GYP_MODULE_NAME=kernels', ...sources(), '-o', out, '-lm'];
  if (process.platform === 'darwin') args.push('-undefined', 'dynamic_lookup');
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    say(`embedlab: could not compile the native kernels with ${cc} (${(r.stderr || r.error?.message || '').trim().split('\n')[0]}); using the JavaScript kernels (slower).`);
    return false;
  }
  say('embedlab: built native/build/kernels.node');
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildNative({ force: process.argv.includes('--force') });
