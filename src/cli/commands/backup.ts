/** backup --out FILE (the contract's lab.backup) | restore FILE (replaces the closed lab file) */
import { resolve } from 'node:path';
import { requirePositional, stringFlag, UsageError } from '../args.js';
import { fmt, followJob, type Command, type FileCommand } from '../context.js';
import { Lab } from '../../engine/lab.js';

const backup: Command = {
  name: 'backup',
  usage: 'backup --out FILE                     a consistent copy of the lab (SQLite online backup; safe while jobs run)',
  flags: () => [{ name: 'out', kind: 'string' }],
  async run(ctx) {
    const out = stringFlag(ctx.args, 'out');
    if (!out) throw new UsageError('backup needs --out FILE.');
    const done = await followJob(ctx, await ctx.lab.call('lab.backup', { out: resolve(out) }));
    const r = done.result!;
    ctx.print(r, () => `Backed up the lab (schema ${r.schemaVersion}, ${fmt(r.bytes)} bytes) to ${r.out}`);
    return 0;
  },
};

const restore: FileCommand = {
  name: 'restore',
  usage: 'restore FILE                          replaces the lab with a backup (close the app first; the old lab is kept beside it)',
  withoutLab: true,
  flags: () => [],
  async run(ctx) {
    const file = requirePositional(ctx.args, 1, 'the backup file');
    const r = Lab.restore({ db: ctx.db }, resolve(file));
    ctx.print({ restored: resolve(file), ...r }, () =>
      `Restored ${resolve(file)} (schema ${r.schemaVersion}) into ${r.lab}${r.kept ? `; the previous lab is kept as ${r.kept}` : ''}`);
    return 0;
  },
};

export const backupCommands: (Command | FileCommand)[] = [backup, restore];
