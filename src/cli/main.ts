/**
 * embedlab: the lab from a terminal. Every command is a thin layer over the contract's
 * calls (commands/*.ts), the same ones the UI makes. With --json a command prints
 * exactly one JSON document on stdout; progress and messages go to stderr.
 * Exit codes: 0 done, 1 the lab refused or failed (the message says why), 2 a usage error.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lab } from '../engine/lab.js';
import { commandWords, parseArgs, UsageError } from './args.js';
import type { Command, CommandContext, FileCommand, Io } from './context.js';
import { corpusCommands } from './commands/corpus.js';
import { runCommands } from './commands/runs.js';
import { experimentCommands } from './commands/experiment.js';
import { vectorCommands } from './commands/vectors.js';
import { queryCommands } from './commands/queries.js';
import { gensimQueryCommands } from './commands/gensimQueries.js';
import { explainCommand } from './commands/explain.js';
import { randwalkCommands } from './commands/randwalk.js';
import { dynamicsCommands } from './commands/dynamics.js';
import { serveCommand } from './commands/serve.js';
import { backupCommands } from './commands/backup.js';

const SECTIONS: [string, (Command | FileCommand)[]][] = [
  ['Corpora', corpusCommands],
  ['Runs', runCommands],
  ['Experiments (grids of runs that share their counts and SVDs)', experimentCommands],
  ['Vectors', vectorCommands],
  ['Evaluation', queryCommands],
  ['gensim\'s queries', gensimQueryCommands],
  ['Explain a pair', [explainCommand]],
  ['RAND-WALK (synthetic corpora with known vectors)', randwalkCommands],
  ['Learning dynamics (Karkada et al.: word2vec learns M*\'s eigenvectors one at a time)', dynamicsCommands],
  ['Backup', backupCommands],
  ['Browser mode', [serveCommand]],
];
const COMMANDS = SECTIONS.flatMap(([, list]) => list);

/** The usage text, with the methods the engine has (it asks an empty lab in memory). */
async function usage(): Promise<string> {
  const lab = new Lab({ dbPath: ':memory:', mode: 'cli' });
  const methods = (await lab.call('method.list', {})).map((m) => m.id);
  await lab.close();
  return `Usage: embedlab <command> [options]     (from a checkout: npm run -s cli -- <command>)

${SECTIONS.map(([title, list]) => `${title}\n${list.map((c) => `  ${c.usage}`).join('\n')}`).join('\n\n')}

Methods (train --method): ${methods.join(', ')}; \`methods\` lists their options.

Common options
  --db FILE                 the lab file (else $EMBEDLAB_DB, else the user data directory)
  --json                    print one JSON document on stdout
`;
}

/** The command the words name: a two-word command first ('corpus add'), then one word ('train'). */
function findCommand(words: string[]): Command | FileCommand {
  const two = words.slice(0, 2).join(' ');
  const found = COMMANDS.find((c) => c.name === two) ?? COMMANDS.find((c) => c.name === words[0]);
  if (found) return found;
  const group = COMMANDS.filter((c) => c.name.startsWith(`${words[0]} `)).map((c) => c.name.split(' ')[1]);
  if (group.length) {
    throw new UsageError(words[1] ? `Unknown ${words[0]} command "${words[1]}".` : `${words[0]} needs a command: ${group.join(', ')}.`);
  }
  throw new UsageError(`Unknown command "${words[0]}".`);
}

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const pre = commandWords(argv);
  if (pre.words.length === 0) {
    (pre.help ? io.out : io.err)(await usage());
    return pre.help ? 0 : 2;
  }
  let lab: Lab | null = null;
  let command: Command | FileCommand | null = null;
  try {
    command = findCommand(pre.words);
    if (pre.help) {
      io.out(`Usage: embedlab ${command.usage}\n${command.details ? `\n${command.details}\n` : ''}`);
      return 0;
    }
    const print: CommandContext['print'] = (value, human) => io.out(pre.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    if ('withoutLab' in command) return await command.run({ db: pre.db, args: parseArgs(argv, command.flags(), command.name), io, json: pre.json, print });
    lab = Lab.open({ db: pre.db, mode: command === serveCommand ? 'browser' : 'cli' });
    const args = parseArgs(argv, await command.flags(lab), command.name);
    const ctx: CommandContext = { lab, args, io, json: pre.json, print };
    return await command.run(ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${command ? `Usage: embedlab ${command.usage}\n` : await usage()}`);
      return 2;
    }
    const message = (e as Error).message;
    if (pre.json) io.out(`${JSON.stringify({ error: message, code: (e as { code?: string }).code ?? 'failed' })}\n`);
    io.err(`Error: ${message}\n`);
    return 1;
  } finally {
    await lab?.close();
  }
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
