/**
 * Electronegativity, Doyensec's security linter for Electron apps, on the desktop shell: the main
 * process, the preload, and the window's page with the CSP the main process gives it. Every finding
 * must be in the list below with the reason it is acceptable; a new finding fails the test, and so
 * does a justification that no longer matches anything (so the list stays true).
 *
 * The linter reads a CSP from HTML or from a literal header, not from a variable: the page is staged
 * with APP_CSP (what hardenSession sets on every response) as a <meta> tag, so that it is evaluated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../../src/main/csp.js';
import { tempDir } from '../../helpers/fixtures.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const child = fileURLToPath(new URL('./electronegativityChild.ts', import.meta.url));
const electronVersion = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;

interface Finding {
  id: string;
  file: string;
  at: string;
  severity: string;
  confidence: string;
  sample: string;
  description: string;
}
interface Report {
  input: string;
  checks: number;
  errors: { file: string; message: string }[];
  issues: Finding[];
}

/** The findings accepted, each with its reason. `sample`, when given, must equal the finding's. */
const JUSTIFIED: { id: string; file: string; sample?: string; reason: string }[] = [
  {
    id: 'CSP_GLOBAL_CHECK', file: 'main/window.ts',
    reason: 'the header is set from APP_CSP / devCsp (src/main/csp.ts), a variable the linter cannot read; APP_CSP is evaluated in the staged page',
  },
  {
    id: 'CSP_GLOBAL_CHECK', file: 'renderer/index.html', sample: APP_CSP,
    reason: "its one evaluator note is script-src 'self' (risky where the origin serves JSONP, AngularJS or uploads); the app origin serves only the bundled files",
  },
  {
    id: 'PRELOAD_JS_CHECK', file: 'main/window.ts',
    reason: 'reviewed: the preload exposes only window.embedlab (call, on, pathForFile, pickFolder), never ipcRenderer (test/unit/desktop/preload.test.ts)',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/window.ts',
    reason: 'only https: URLs reach shell.openExternal, from a window.open that is itself denied; no file:, custom or other scheme',
  },
  {
    id: 'ELECTRON_VERSION_JSON_CHECK', file: 'package.json',
    reason: 'informational: the version read from package.json, for the online security-fix comparison that cannot run without a network',
  },
];

function stage(dir: string, windowSource?: string): string {
  const stageDir = join(dir, windowSource ? 'regressed' : 'app');
  mkdirSync(join(stageDir, 'renderer'), { recursive: true });
  cpSync(join(root, 'src', 'main'), join(stageDir, 'main'), { recursive: true });
  cpSync(join(root, 'src', 'preload'), join(stageDir, 'preload'), { recursive: true });
  if (windowSource) writeFileSync(join(stageDir, 'main', 'window.ts'), windowSource);
  const html = readFileSync(join(root, 'src', 'renderer', 'index.html'), 'utf8');
  assert.match(html, /<title>/);
  writeFileSync(join(stageDir, 'renderer', 'index.html'), html.replace('<title>', `<meta http-equiv="Content-Security-Policy" content="${APP_CSP}" />\n    <title>`));
  cpSync(join(root, 'package.json'), join(stageDir, 'package.json'));
  return stageDir;
}

function lint(folders: string[]): Report[] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, electronVersion, ...folders], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `electronegativity failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Report);
}

const justified = (f: Finding): (typeof JUSTIFIED)[number] | undefined =>
  JUSTIFIED.find((j) => j.id === f.id && j.file === f.file && (j.sample === undefined || j.sample === f.sample));
const show = (f: Finding): string => `${f.id} ${f.severity}/${f.confidence} at ${f.file}:${f.at}: ${f.description}${f.sample ? ` (${f.sample.slice(0, 120)})` : ''}`;

test('electronegativity finds nothing in the main process, the preload and the page that is not justified', { timeout: 180_000 }, (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const window = readFileSync(join(root, 'src', 'main', 'window.ts'), 'utf8');
  // The same shell with its hardening undone: the linter must see each of these, or its silence means nothing.
  const regressed = window
    .replace('contextIsolation: true', 'contextIsolation: false')
    .replace('sandbox: true', 'sandbox: false')
    .replace('webSecurity: true', 'webSecurity: false')
    .replace('allowRunningInsecureContent: false', 'allowRunningInsecureContent: true')
    .replace("disableBlinkFeatures: 'Auxclick'", "disableBlinkFeatures: ''");
  assert.notEqual(regressed, window);
  const [app, bad] = lint([stage(dir.path), stage(dir.path, regressed)]);

  for (const report of [app, bad]) {
    assert.deepEqual(report.errors, [], 'every staged file was parsed');
    assert.ok(report.checks >= 40, `${report.checks} checks ran`);
  }
  const unjustified = app.issues.filter((f) => !justified(f));
  for (const f of app.issues) t.diagnostic(`${justified(f) ? 'justified' : 'NEW'}: ${show(f)}`);
  assert.deepEqual(unjustified.map(show), [], 'findings that are neither fixed nor justified');
  const stale = JUSTIFIED.filter((j) => !app.issues.some((f) => justified(f) === j));
  assert.deepEqual(stale.map((j) => `${j.id} ${j.file}`), [], 'justifications that match no finding any more');

  const caught = new Set(bad.issues.filter((f) => !justified(f)).map((f) => f.id));
  for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'INSECURE_CONTENT_JS_CHECK', 'AUXCLICK_JS_CHECK']) {
    assert.ok(caught.has(id), `the regressed window is reported for ${id} (got ${[...caught].join(', ')})`);
  }
});
