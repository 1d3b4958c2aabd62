// npm run bench -- [tasks…] [--corpus DIR] [--threads N] [--only ingest,ppmi] [--out FILE] [--repeat R]
//                  [--synthetic] [--synthetic-tokens N] [--keep]
//
// Runs the lab against the reference tools (Debian's python3-gensim, python3-scipy, python3-sklearn,
// fasttext) on one corpus and prints one markdown table per task, with ratios measured in the same run,
// then writes JSON. The reference tools read the lab's own tokens (exported once), so nobody wins by
// tokenizing differently. Nothing is installed: a missing tool is skipped with its apt-get line.
// Not part of the test suite.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chooseCorpus, folderStats, warmPageCache } from './lib/corpus.js';
import { Context, type TaskResult } from './lib/context.js';
import { describeMachine, machineInfo } from './lib/machine.js';
import { markdown } from './lib/stats.js';
import { aptLine, detectTools, missing } from './lib/tools.js';
import { PLANNED, TASKS } from './tasks/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `Usage: npm run bench -- [tasks…] [options]

Tasks: ${TASKS.map((t) => t.name).join(', ')} (default: all).${PLANNED.length ? ` Planned: ${PLANNED.join(', ')}.` : ''}
${TASKS.map((t) => `  ${t.name.padEnd(8)} ${t.summary}`).join('\n')}

Options:
  --corpus DIR            corpus folder (default: ../shared/data/corpus/medium, else a generated Zipf corpus)
  --threads N             threads for every tool (default: available cores)
  --only a,b              tasks to run (same as naming them)
  --repeat R              repetitions; tables show medians (default: 3 for ingest, 1 for ppmi)
  --out FILE              JSON results (default bench/results/latest.json)
  --synthetic             use a generated Zipf corpus even if ../shared exists
  --synthetic-tokens N    its size in words (default 18,000,000, like the medium corpus)
  --keep                  keep the scratch folder (lab files, exported tokens, reference vectors)
  --diagnose              extra rows: ppmi also runs ours with sklearn's power-iteration count (7)
  --no-fasttext           skip the fastText reference (it is the slowest tool)
  --scale-big             scale also measures the corpus concatenated 16× (288M tokens for medium; about 10 min)
`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      corpus: { type: 'string' },
      threads: { type: 'string' },
      only: { type: 'string' },
      repeat: { type: 'string' },
      out: { type: 'string' },
      synthetic: { type: 'boolean', default: false },
      'synthetic-tokens': { type: 'string' },
      keep: { type: 'boolean', default: false },
      diagnose: { type: 'boolean', default: false },
      'no-fasttext': { type: 'boolean', default: false },
      'scale-big': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const wanted = [...positionals, ...(values.only ? values.only.split(',') : [])].map((s) => s.trim()).filter(Boolean);
  for (const w of wanted) {
    if (PLANNED.includes(w)) {
      console.error(`Task "${w}" is planned but not written yet.`);
      return 2;
    }
    if (!TASKS.some((t) => t.name === w)) {
      console.error(`Unknown task "${w}". Tasks: ${TASKS.map((t) => t.name).join(', ')}.`);
      return 2;
    }
  }
  const tasks = wanted.length ? TASKS.filter((t) => wanted.includes(t.name)) : TASKS;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const threads = values.threads ? Number(values.threads) : cores;
  const repeat = values.repeat ? Number(values.repeat) : 1;
  if (!Number.isInteger(threads) || threads < 1) throw new Error('--threads must be a positive integer');
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat must be a positive integer');
  const outFile = resolve(values.out ?? join(root, 'bench', 'results', 'latest.json'));
  const syntheticTokens = values['synthetic-tokens'] ? Number(values['synthetic-tokens']) : 18_000_000;

  const tmp = mkdtempSync(join(os.tmpdir(), 'embedlab-bench-'));
  const started = new Date();
  const startedAt = process.hrtime.bigint();
  try {
    const machine = machineInfo(root);
    const tools = detectTools();
    const shared = join(root, '..', 'shared', 'data');
    const evalFiles = {
      google: existsSync(join(shared, 'analogy', 'google.txt')) ? join(shared, 'analogy', 'google.txt') : undefined,
      ws353: existsSync(join(shared, 'similarity', 'ws353.tsv')) ? join(shared, 'similarity', 'ws353.tsv') : undefined,
      men: existsSync(join(shared, 'similarity', 'men3000.tsv')) ? join(shared, 'similarity', 'men3000.tsv') : undefined,
      simlex: existsSync(join(shared, 'similarity', 'simlex999.tsv')) ? join(shared, 'similarity', 'simlex999.tsv') : undefined,
    };

    const header: string[] = ['# Embedding Lab benchmark', '', `Date: ${started.toISOString()}`];
    header.push(`Command: npm run bench -- ${process.argv.slice(2).join(' ')}`.trimEnd());
    header.push(...describeMachine(machine));
    const py = tools.python
      ? `${tools.python} ${tools.pythonVersion ?? '?'}; ${Object.entries(tools.modules).map(([k, v]) => `${k} ${v ?? 'MISSING'}`).join(', ')}`
      : 'MISSING /usr/bin/python3';
    header.push(`Reference tools: ${py}; fasttext ${tools.fasttext ? 'present' : 'MISSING'}; GNU time ${tools.gnuTime ? 'present' : 'MISSING (no peak RSS)'}`);
    const lack = missing(tools, ['python3', 'numpy', 'scipy', 'sklearn', 'gensim', 'time']);
    if (lack.length) header.push(`Missing (those references are skipped): ${aptLine(lack)}`);

    const choice = await chooseCorpus(root, tmp, values.corpus ? resolve(values.corpus) : null, values.synthetic, syntheticTokens);
    const fstats = folderStats(choice.dir);
    header.push(`${choice.note}; ${fstats.files} files, ${(fstats.bytes / 1e6).toFixed(1)} MB`);
    header.push(`Threads: ${threads}; repetitions: ${values.repeat !== undefined ? repeat : `${repeat} (3 for ingest)`}; tasks: ${tasks.map((t) => t.name).join(', ')}`);
    console.log(header.join('\n') + '\n');

    const ctx = new Context(root, choice.dir, choice.synthetic, threads, repeat, tmp, tools, evalFiles, { diagnose: values.diagnose, repeatExplicit: values.repeat !== undefined, skipFasttext: values['no-fasttext'], scaleBig: values['scale-big'] });
    ctx.log('building the engine if needed (untimed) and reading the corpus once to warm the page cache');
    ctx.lab.ensureBuilt();
    warmPageCache(choice.dir);
    const engineBefore = ctx.lab.fingerprint();
    console.log(`Engine: commit ${engineBefore.commit ?? '?'}${engineBefore.dirtyFiles ? ` + ${engineBefore.dirtyFiles} uncommitted files in src/native/scripts/bin` : ''}; bundle built ${engineBefore.engineStamp ?? '?'}\n`);

    const results: TaskResult[] = [];
    for (const task of tasks) {
      ctx.log(`task ${task.name}: ${task.summary}`);
      const res = await task.run(ctx);
      results.push(res);
      console.log(res.tables.map(markdown).join('\n\n'));
      if (res.notes.length) console.log('\n' + res.notes.map((n) => `- ${n}`).join('\n'));
      console.log('');
    }

    const engineAfter = ctx.lab.fingerprint();
    const warnings: string[] = [];
    if (engineAfter.engineStamp !== engineBefore.engineStamp || engineAfter.kernelsMtime !== engineBefore.kernelsMtime) {
      warnings.push('⚠ the engine bundle or native kernels were rebuilt during the benchmark (someone edited the sources): runs may mix versions.');
    }
    const loadAfter = os.loadavg();
    const totalSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    console.log(`Load average at the end: ${loadAfter.map((x) => x.toFixed(2)).join(', ')}; benchmark took ${(totalSeconds / 60).toFixed(1)} min.`);
    for (const w of warnings) console.log(w);

    mkdirSync(dirname(outFile), { recursive: true });
    const json = {
      date: started.toISOString(),
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trimEnd(),
      machine: { ...machine, loadAverageEnd: loadAfter },
      tools,
      engine: { before: engineBefore, after: engineAfter },
      corpus: { dir: choice.dir, synthetic: choice.synthetic, ...fstats },
      threads,
      repeat,
      totalSeconds,
      warnings,
      tasks: Object.fromEntries(results.map((r) => [r.task, { tables: r.tables, notes: r.notes, data: r.data }])),
    };
    writeFileSync(outFile, JSON.stringify(json, null, 2) + '\n');
    console.log(`JSON: ${outFile}`);
    if (values.keep) console.log(`Scratch folder kept: ${tmp}`);
    return 0;
  } finally {
    if (!values.keep) rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
