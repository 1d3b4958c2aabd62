/**
 * The layering rules of the README's "How it is built" that the layer tsconfigs cannot
 * express: which engine module a transport may import, and no cycles between the
 * engine's folders. Read from the import statements of src/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('../../..', import.meta.url).pathname);
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

interface Import { from: string; to: string }
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every relative import in src/, as paths relative to src/ ('engine/lab.ts' → 'engine/store/db.js'). */
function relativeImports(): Import[] {
  const out: Import[] = [];
  for (const file of sources(src)) {
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith('.')) out.push({ from: relative(src, file), to: relative(src, resolve(dirname(file), spec)) });
    }
  }
  return out;
}

const layerOf = (path: string): string => path.split('/')[0];
/** An engine folder: 'engine/store/db.ts' → 'store'; the engine's own root files → '(root)'. */
const engineFolder = (path: string): string => {
  const parts = path.split('/');
  return parts.length > 2 ? parts[1] : '(root)';
};

test('the transports reach the engine only through the Lab; the desktop shell and the renderer not at all', () => {
  const wrong = relativeImports().filter(({ from, to }) => {
    if (layerOf(to) !== 'engine') return false;
    const layer = layerOf(from);
    if (['cli', 'server', 'host'].includes(layer)) return to !== 'engine/lab.js';
    return ['main', 'preload', 'renderer', 'shared'].includes(layer);
  });
  assert.deepEqual(wrong.map((i) => `${i.from} → ${i.to}`), []);
});

test('the engine imports no transport and no UI code', () => {
  const wrong = relativeImports().filter(({ from, to }) => layerOf(from) === 'engine' && layerOf(to) !== 'engine' && layerOf(to) !== 'shared');
  assert.deepEqual(wrong.map((i) => `${i.from} → ${i.to}`), []);
});

test('no cycles between the engine\'s folders', () => {
  const edges = new Map<string, Set<string>>();
  for (const { from, to } of relativeImports()) {
    if (layerOf(from) !== 'engine' || layerOf(to) !== 'engine') continue;
    const [a, b] = [engineFolder(from), engineFolder(to)];
    if (a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
  }
  // A folder is on a cycle when it can reach itself.
  const reaches = (start: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(edges.get(start) ?? [])];
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(edges.get(n) ?? []));
    }
    return seen;
  };
  const onCycles = [...edges.keys()].filter((f) => reaches(f).has(f)).sort();
  assert.deepEqual(onCycles, [], `folders on an import cycle: ${onCycles.map((f) => `${f} → ${[...edges.get(f)!].filter((g) => reaches(g).has(f)).join(', ')}`).join('; ')}`);
  assert.ok(edges.size > 5, 'the scan saw the engine\'s imports');
});

test('no source file is over 400 lines', () => {
  const long = sources(src).map((f) => [relative(src, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 400);
  assert.deepEqual(long, []);
});
