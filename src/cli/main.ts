/**
 * embedlab: the lab from a terminal. Every command goes through the same Lab
 * calls as the UI. With --json a command prints exactly one JSON document on
 * stdout; progress and messages go to stderr.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lab } from '../engine/lab.js';
import { appRoot, resolveDbPath } from '../engine/base/paths.js';
import { exportCorpusText } from '../engine/corpus/exportText.js';
import { startServer } from '../server/httpServer.js';
import type { AnalogyAnswer, CompareReport, CorpusDetail, CorpusSummary, EvalReport, JobState, RunDetail, RunSummary } from '../shared/contract.js';
import { parseArgs, intFlag, stringFlag, requirePositional, UsageError, type ParsedArgs } from './args.js';
import { progressPrinter } from './progressLine.js';
import { methodHelp, paramsFromFlags, switchFlags } from './trainFlags.js';
import { methods, methodById } from '../engine/methods/registry.js';
import { methodInfo } from '../engine/methods/spec.js';
import { describeTheory, summarizeTheory } from '../engine/randwalk/theory.js';
import { describeRecovery } from '../engine/randwalk/recovery.js';
import type { RandWalkInfo, RecoveryInfo } from '../shared/contract.js';
import { VECTORS_USAGE, VECTORS_BOOLEAN_FLAGS, runVectorsCommand } from './vectorsCommands.js';

const USAGE = `Usage: embedlab <command> [options]     (from a checkout: npm run -s cli -- <command>)

Corpora
  corpus add <folder> [--name N] [--min-count K] [--keep-case] [--threads T]
  corpus list
  corpus show <id>
  corpus remove <id>
  corpus export-text <id> --out FILE

Runs
  train <corpus> --method ppmi-svd|mstar|lsa [--name N] [method options]
  run list [--corpus ID]
  run show <id>
  run remove <id>
  methods                   list the methods and every option

${VECTORS_USAGE}
Evaluation
  eval <run> [--analogy google,msr,FILE] [--similarity ws353,simlex999,men3000,rw,FILE] [--restrict 30000] [--method add|mul]
  neighbors <run> <word> [--k 10]
  analogy <run> a b c [--k 10]
  compare <runA> <runB>

RAND-WALK (synthetic corpora with known vectors)
  randwalk [--vocab 5000] [--dim 100] [--tokens 10000000] [--planted M] [--pairs 20] [--seed S]
           [--norms uniform|zipf] [--drift 0.1] [--tokens-per-step 5] [--threads T] [--name N]
  recovery <run>            how well a run on a RAND-WALK corpus recovers the true vectors

Browser mode
  serve [--port P]          serve the app on 127.0.0.1 and print its URL (with the access token)

Common options
  --db FILE                 the lab file (else $EMBEDLAB_DB, else the user data directory)
  --json                    print one JSON document on stdout
`;

const COMMON_FLAGS = new Set(['json', 'db', 'help', 'method', 'name']);
const EVAL_SETS = { analogy: 'google,msr', similarity: 'ws353,ws353_similarity,ws353_relatedness,simlex999,men3000,rw' };
const BOOLEAN_FLAGS = new Set(['json', 'keep-case', 'help', ...switchFlags(methods.map(methodInfo)), ...VECTORS_BOOLEAN_FLAGS]);

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export async function main(argv: string[], io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, BOOLEAN_FLAGS);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, sub] = args.positionals;
  if (!command || args.flags.has('help')) {
    (command ? io.out : io.err)(USAGE);
    return command ? 0 : 2;
  }
  const json = args.flags.has('json');
  const print = (value: unknown, human: () => string): void => io.out(json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');

  let lab: Lab | null = null;
  try {
    lab = new Lab({ dbPath: resolveDbPath(stringFlag(args, 'db')), mode: command === 'serve' ? 'browser' : 'cli' });
    if (command === 'serve') return await serve(lab, args, io);
    if (command === 'methods') {
      print(methods.map(methodInfo), () => `Methods and their options:\n${methodHelp(methods.map(methodInfo))}`);
      return 0;
    }
    if (command === 'train') return await train(lab, args, io, print);
    if (command === 'run') return await runCommand(lab, args, print);
    if (command === 'eval') return await evalCommand(lab, args, io, print);
    if (command === 'randwalk') return await randwalkCommand(lab, args, io, print);
    if (command === 'recovery') {
      const r = (await lab.call('randwalk.recovery', { runId: corpusId(args, 1, 'run') })) as RecoveryInfo & { runId: number; corpusId: number };
      print(r, () => `Run ${r.runId} against the truth of corpus ${r.corpusId}:\n  ${describeRecovery(r)}`);
      return 0;
    }
    if (command === 'export' || command === 'import') return await runVectorsCommand(lab.db, command, args, io);
    if (command === 'neighbors') {
      const r = (await lab.call('vectors.neighbors', { runId: corpusId(args, 1, 'run'), word: requirePositional(args, 2, 'a word'), k: intFlag(args, 'k', 1, 1000) })) as { neighbors: { word: string; cosine: number }[] };
      print(r, () => r.neighbors.map((n) => `${n.cosine.toFixed(4)}  ${n.word}`).join('\n'));
      return 0;
    }
    if (command === 'analogy') {
      const [a, b, c] = [2, 3, 4].map((i) => requirePositional(args, i, 'three words a b c'));
      const [r] = (await lab.call('vectors.analogy', { runIds: [corpusId(args, 1, 'run')], a, b, c, k: intFlag(args, 'k', 1, 100) })) as AnalogyAnswer[];
      if (r.missing.length) throw new Error(`Not in this run's vocabulary: ${r.missing.join(', ')}.`);
      print(r, () => [`${a} : ${b} :: ${c} : ?`, '  3CosAdd                     3CosMul', ...r.add!.map((x, i) => `  ${x.word.padEnd(18)} ${x.score.toFixed(4)}   ${r.mul![i].word.padEnd(18)} ${r.mul![i].score.toFixed(4)}`)].join('\n'));
      return 0;
    }
    if (command === 'compare') {
      const r = (await lab.call('run.compare', { a: corpusId(args, 1, 'run'), b: corpusId(args, 2, 'run') })) as CompareReport;
      print(r, () => [
        `Run ${r.a.id} (${r.a.name}) vs run ${r.b.id} (${r.b.name}): ${r.sharedWords} shared words`,
        `  neighbour overlap@${r.overlapK} over the ${r.probes} most frequent: ${(100 * r.meanOverlap).toFixed(1)}%`,
        r.procrustes.applicable ? `  Procrustes residual ${r.procrustes.residual!.toFixed(4)} (before alignment ${r.procrustes.residualBefore!.toFixed(4)}) over ${r.procrustes.words} words` : `  Procrustes: not applicable (${r.procrustes.reason})`,
        `  neighbourhoods that changed most: ${r.changedMost.slice(0, 10).map((w) => `${w.word} (${(100 * w.overlap).toFixed(0)}%)`).join(', ')}`,
      ].join('\n'));
      return 0;
    }
    if (command !== 'corpus') throw new UsageError(`Unknown command "${command}".`);
    switch (sub) {
      case 'add': {
        const folder = requirePositional(args, 2, 'the folder to add');
        const job = (await lab.call('corpus.ingest', {
          source: { kind: 'path', path: resolve(folder) },
          name: stringFlag(args, 'name'),
          minCount: intFlag(args, 'min-count', 1, 1_000_000),
          lowercase: !args.flags.has('keep-case'),
          threads: intFlag(args, 'threads', 1, 64),
        })) as JobState;
        const done = await followJob(lab, job, io);
        const detail = (await lab.call('corpus.get', { id: done.result!.corpusId as number })) as CorpusDetail;
        const { fileList: _files, zipf: _zipf, top: _top, ...summary } = detail;
        print({ ...summary, skipped: detail.skipped }, () => describeCorpus(detail, false));
        return 0;
      }
      case 'list': {
        const list = (await lab.call('corpus.list', {})) as CorpusSummary[];
        print(list, () =>
          list.length === 0
            ? 'No corpora yet. Add one with: corpus add <folder>'
            : list.map((c) => `${String(c.id).padStart(4)}  ${c.name.padEnd(24)} ${fmt(c.tokens).padStart(12)} tokens ${fmt(c.types).padStart(9)} types  ${c.files} files`).join('\n'),
        );
        return 0;
      }
      case 'show': {
        const id = corpusId(args);
        const detail = (await lab.call('corpus.get', { id })) as CorpusDetail;
        print(detail, () => describeCorpus(detail, true));
        return 0;
      }
      case 'remove': {
        const id = corpusId(args);
        const result = await lab.call('corpus.remove', { id });
        print(result, () => `Removed corpus ${id}.`);
        return 0;
      }
      case 'export-text': {
        const id = corpusId(args);
        const out = stringFlag(args, 'out');
        if (!out) throw new UsageError('corpus export-text needs --out FILE.');
        await lab.call('corpus.get', { id }); // a clear error for a wrong id
        const result = await exportCorpusText(lab.db, id, resolve(out));
        print({ ...result, out: resolve(out) }, () => `Wrote ${fmt(result.tokens)} tokens in ${fmt(result.lines)} lines to ${resolve(out)}`);
        return 0;
      }
      default:
        throw new UsageError(sub ? `Unknown corpus command "${sub}".` : 'corpus needs a command: add, list, show, remove or export-text.');
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    const message = (e as Error).message;
    if (json) io.out(JSON.stringify({ error: message, code: (e as { code?: string }).code ?? 'failed' }) + '\n');
    io.err(`Error: ${message}\n`);
    return 1;
  } finally {
    if (command !== 'serve') await lab?.close();
  }
}

function corpusId(args: ParsedArgs, index = 2, what = 'corpus'): number {
  const raw = requirePositional(args, index, `the ${what} id`);
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) throw new UsageError(`A ${what} id is a positive integer, not "${raw}".`);
  return id;
}

type Print = (value: unknown, human: () => string) => void;

async function train(lab: Lab, args: ParsedArgs, io: Io, print: Print): Promise<number> {
  const corpus = corpusId(args, 1);
  const methodId = stringFlag(args, 'method');
  if (!methodId) throw new UsageError(`train needs --method (${methods.map((m) => m.id).join(', ')}).`);
  const method = methodById(methodId);
  const params = paramsFromFlags(method, args, COMMON_FLAGS);
  const job = (await lab.call('run.start', { corpusId: corpus, method: method.id, params, name: stringFlag(args, 'name') })) as JobState;
  const final = await followJob(lab, job, io, false);
  const run = (await lab.call('run.get', { id: job.subject!.runId })) as RunDetail;
  if (final.status !== 'done') throw new Error(final.status === 'cancelled' ? `Cancelled; run ${run.id} is marked cancelled and holds no vectors.` : (final.error ?? 'The run failed.'));
  print(runJson(run), () => describeRun(run));
  return 0;
}

/** The run as the CLI prints it with --json. */
function runJson(run: RunDetail): Record<string, unknown> {
  return {
    run: run.id, name: run.name, method: run.method, corpus: run.corpusId, status: run.status, dim: run.dim, vocab: run.vocab,
    seconds: run.seconds, phases: run.phases, params: run.params, metrics: run.metrics, series: run.series,
  };
}

async function runCommand(lab: Lab, args: ParsedArgs, print: Print): Promise<number> {
  const sub = args.positionals[1];
  switch (sub) {
    case 'list': {
      const corpus = stringFlag(args, 'corpus');
      const runs = (await lab.call('run.list', corpus ? { corpusId: Number(corpus) } : {})) as RunSummary[];
      print(runs, () =>
        runs.length === 0
          ? 'No runs yet. Start one with: train <corpus> --method ppmi-svd'
          : runs.map((r) => `${String(r.id).padStart(4)}  ${r.status.padEnd(11)} ${r.method.padEnd(9)} d=${String(r.dim ?? '-').padEnd(4)} ${r.seconds ? `${r.seconds.toFixed(1)} s` : ''}  ${r.name}`).join('\n'),
      );
      return 0;
    }
    case 'show': {
      const run = (await lab.call('run.get', { id: corpusId(args, 2, 'run') })) as RunDetail;
      print(runJson(run), () => `${describeRun(run)}\n\nLog:\n${run.log}`);
      return 0;
    }
    case 'remove': {
      const id = corpusId(args, 2, 'run');
      print(await lab.call('run.remove', { id }), () => `Removed run ${id}.`);
      return 0;
    }
    default:
      throw new UsageError(sub ? `Unknown run command "${sub}".` : 'run needs a command: list, show or remove.');
  }
}

async function evalCommand(lab: Lab, args: ParsedArgs, io: Io, print: Print): Promise<number> {
  const runId = corpusId(args, 1, 'run');
  const list = (key: 'analogy' | 'similarity'): string[] => (stringFlag(args, key) ?? EVAL_SETS[key]).split(',').map((x) => x.trim()).filter(Boolean);
  const method = stringFlag(args, 'method') ?? 'add';
  if (method !== 'add' && method !== 'mul') throw new UsageError(`--method is add or mul, not "${method}".`);
  const job = (await lab.call('eval.start', { runId, analogy: list('analogy'), similarity: list('similarity'), restrict: intFlag(args, 'restrict', 1, 10_000_000), methods: [method] })) as JobState;
  await followJob(lab, job, io);
  const report = (await lab.call('eval.get', { runId })) as EvalReport;
  const analogy = Object.fromEntries(Object.entries(report.analogy).filter(([k]) => list('analogy').some((n) => k === n || n.endsWith(k))).map(([k, v]) => [k, v[method]]));
  const similarity = Object.fromEntries(Object.entries(report.similarity).filter(([k]) => list('similarity').some((n) => k === n || n.endsWith(k))));
  print({ run: runId, analogy, similarity }, () => [
    `Run ${runId}`,
    ...Object.entries(analogy).map(([k, v]) => `  ${k} (3Cos${method === 'add' ? 'Add' : 'Mul'}, top ${v!.restrict}): ${(100 * v!.accuracy).toFixed(2)}%  (${v!.correct}/${v!.total}, ${v!.oov} out of vocabulary)` +
      (v!.groups ? `  semantic ${(100 * v!.groups.semantic.accuracy).toFixed(1)}%, syntactic ${(100 * v!.groups.syntactic.accuracy).toFixed(1)}%` : '')),
    ...Object.entries(similarity).map(([k, v]) => `  ${k}: Spearman ${v.spearman === null ? 'n/a' : v.spearman.toFixed(4)}  (${v.pairs} pairs, ${v.oov} out of vocabulary)`),
  ].join('\n'));
  return 0;
}

async function randwalkCommand(lab: Lab, args: ParsedArgs, io: Io, print: Print): Promise<number> {
  const num = (key: string): number | undefined => {
    const v = stringFlag(args, key);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${key} is a number, not "${v}".`);
    return n;
  };
  const norms = stringFlag(args, 'norms');
  if (norms !== undefined && norms !== 'uniform' && norms !== 'zipf') throw new UsageError(`--norms is uniform or zipf, not "${norms}".`);
  const job = (await lab.call('randwalk.generate', {
    name: stringFlag(args, 'name'), vocab: num('vocab'), dim: num('dim'), tokens: num('tokens'), planted: num('planted'),
    plantedPairs: num('pairs'), seed: num('seed'), norms, drift: num('drift'), tokensPerStep: num('tokens-per-step'), threads: num('threads'),
  })) as JobState;
  const final = await followJob(lab, job, io);
  const corpus = final.result!.corpusId as number;
  const info = (await lab.call('randwalk.get', { corpusId: corpus })) as RandWalkInfo;
  const p = info.params;
  print({ corpus, params: p, theory: summarizeTheory(info.theory), generation: info.stats }, () => [
    `Corpus ${corpus}: RAND-WALK n=${p.vocab} d=${p.dim} T=${p.tokens.toLocaleString('en-US')} seed ${p.seed}` +
      (p.planted ? `, ${p.planted} planted relations × ${p.plantedPairs} pairs` : '') +
      ` (generated in ${info.stats.seconds.toFixed(1)} s, ${Math.round(info.stats.tokensPerSecond).toLocaleString('en-US')} tokens/s)`,
    describeTheory(info.theory),
  ].join('\n'));
  return 0;
}

function describeRun(r: RunDetail): string {
  const phases = Object.entries(r.phases).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ');
  return [
    `Run ${r.id}: ${r.name}  [${r.status}]`,
    `  ${r.method} on corpus ${r.corpusId ?? '(removed)'}: ${r.vocab ?? '?'} words × ${r.dim ?? '?'} dimensions in ${r.seconds?.toFixed(2) ?? '?'} s`,
    phases ? `  phases: ${phases}` : '',
    r.error ? `  error: ${r.error}` : '',
  ].filter(Boolean).join('\n');
}

async function followJob(lab: Lab, job: JobState, io: Io, throwUnlessDone = true): Promise<JobState> {
  const printer = progressPrinter();
  const off = lab.on('job', (s) => {
    if (s.id === job.id && s.status === 'running') printer.show(s.progress);
  });
  const onSigint = (): void => {
    io.err('\nCancelling…\n');
    lab.jobs.cancel(job.id);
  };
  process.once('SIGINT', onSigint);
  const final = await lab.jobs.wait(job.id);
  process.off('SIGINT', onSigint);
  off();
  printer.end();
  if (!throwUnlessDone) return final;
  if (final.status === 'cancelled') throw new Error('Cancelled; nothing was stored.');
  if (final.status === 'failed') throw new Error(final.error ?? 'The job failed.');
  return final;
}

async function serve(lab: Lab, args: ParsedArgs, io: Io): Promise<number> {
  const staticDir = join(appRoot(), 'out', 'renderer');
  const server = await startServer({ lab, port: intFlag(args, 'port', 0, 65535) ?? 0, staticDir });
  const info = { url: server.url, port: server.port, db: (await lab.call('app.info', {}) as { dbPath: string }).dbPath };
  if (args.flags.has('json')) io.out(JSON.stringify(info) + '\n');
  else io.out(`Embedding Lab is serving on 127.0.0.1 only.\nOpen: ${server.url}\nLab file: ${info.db}\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((done) => {
    const stop = (): void => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await lab.close();
  return 0;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

function describeCorpus(c: CorpusDetail, full: boolean): string {
  const lines = [
    `Corpus ${c.id}: ${c.name}  (${c.source})`,
    `  ${fmt(c.files)} files, ${(c.bytes / 1e6).toFixed(1)} MB, ${fmt(c.tokens)} tokens, ${fmt(c.types)} types (${fmt(c.typesAtMinCount)} with count ≥ ${c.minCount}), ${fmt(c.hapax)} hapax`,
    `  ingested in ${c.ingestSeconds.toFixed(2)} s`,
  ];
  if (full) lines.push(`  top: ${c.top.slice(0, 20).map((t) => `${t.word} ${fmt(t.count)}`).join(', ')}`);
  if (c.skipped.length) {
    lines.push(`  skipped ${c.skipped.length}:`);
    for (const s of c.skipped.slice(0, full ? 1000 : 20)) lines.push(`    ${s.path}: ${s.reason}`);
    if (!full && c.skipped.length > 20) lines.push(`    … and ${c.skipped.length - 20} more (corpus show ${c.id})`);
  }
  return lines.join('\n');
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
