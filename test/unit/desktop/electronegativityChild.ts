/**
 * Run by electronegativity.test.ts in its own process: Electronegativity's programmatic runner on each
 * folder named, printing one JSON line per folder: the findings, and the files it could not parse.
 * The check that compares the Electron version with the releases online is left out (no network here:
 * it would wait on a request that cannot be answered); the version is checked against the installed one.
 */
import { createRequire } from 'node:module';

const [electronVersion, ...folders] = process.argv.slice(2);

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name?: string; format(): string };
  confidence: { format(): string };
  sample?: string;
  description: string;
}

interface Result {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string }[];
  issues: Issue[];
}
// The package has no types: its runner (what its CLI calls) takes the CLI's options as an object.
const run = createRequire(import.meta.url)('@doyensec/electronegativity/dist/runner.js') as (options: object) => Promise<Result>;

for (const input of folders) {
  const result = await run({
    input,
    isRelative: true,
    isVerbose: true,
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
  const issues = result.issues.map((i) => ({
    id: i.id, file: i.file, at: `${i.location.line}:${i.location.column}`, severity: i.severity.format(), confidence: i.confidence.format(),
    sample: i.sample ?? '', description: i.description,
  }));
  process.stdout.write(JSON.stringify({ input, checks: result.globalChecks + result.atomicChecks, errors: result.errors, issues }) + '\n');
}
