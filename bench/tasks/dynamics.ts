// dynamics: the time per full-batch step of the learning dynamics (V 2000, d 50 by default) on every
// compute backend that works on this machine, side by side, for each model the backend runs. The
// problem is the bench corpus's own M* (window 5, dynamic weighting), so all backends do the same work.
import type { Context, Task, TaskResult } from '../lib/context.js';
import { fmt, type Table } from '../lib/stats.js';
import { openDb } from '../../src/engine/store/db.js';
import { countInput } from '../../src/engine/methods/countInput.js';
import { NO_CHECKPOINTS, parseParams } from '../../src/engine/methods/spec.js';
import { dynamics } from '../../src/engine/methods/dynamics.js';
import { mstarSparsePart } from '../../src/engine/cooc/mstar.js';
import { buildProblem } from '../../src/engine/dynamics/problem.js';
import { allProviders, describeBackends } from '../../src/engine/dynamics/backends.js';
import { Rng } from '../../src/engine/base/random.js';
import { noProgress } from '../../src/engine/base/progress.js';
import { DYNAMICS_MODELS, type DynamicsModel } from '../../src/shared/types/dynamics.js';

const V = Number(process.env.BENCH_DYNAMICS_VOCAB ?? 2000);
const D = Number(process.env.BENCH_DYNAMICS_DIM ?? 50);

export const dynamicsBench: Task = {
  name: 'dynamics',
  summary: `learning dynamics: ms per full-batch step at V ${V}, d ${D}, on every backend available here (tfjs-node, WebGPU, native, WASM, tfjs CPU, JS reference)`,
  async run(ctx: Context): Promise<TaskResult> {
    const prep = await ctx.prepared();
    const db = openDb(prep.db);
    const p = parseParams(dynamics, { vocab: V, dim: D });
    const input = await countInput({
      db, corpusId: prep.corpusId, params: { ...p, maxVocab: V } as never, progress: noProgress, signal: new AbortController().signal,
      log: () => {}, phase: async (_n, work) => work(), checkpoint: NO_CHECKPOINTS,
    });
    db.close();
    const S = mstarSparsePart(input.upper);
    const rng = new Rng(1);
    const W0 = Float32Array.from({ length: S.rows * D }, () => 1e-3 * rng.normal());
    const providers = allProviders({ threads: ctx.threads });
    const info = await describeBackends(providers);
    const rows: string[][] = [];
    const data: Record<string, unknown>[] = [];
    const notes: string[] = [`M* of the bench corpus over ${S.rows} words (${S.rowPtr[S.rows].toLocaleString('en-US')} non-zero entries of S); W₀ = N(0, 1e-6); lr 1e-5.`];
    for (const b of info) {
      if (!b.available) {
        rows.push([b.id, `unavailable: ${b.reason}`, ...DYNAMICS_MODELS.map(() => '—')]);
        continue;
      }
      const cells: string[] = [];
      const ms: Partial<Record<DynamicsModel, number>> = {};
      for (const model of DYNAMICS_MODELS) {
        // The JS reference's dense step is O(V²d) in one thread: time it on the smallest model only, and only 2 steps.
        if (!b.models.includes(model) || (b.id === 'js' && model !== 'qwem')) {
          cells.push('—');
          continue;
        }
        ctx.log(`dynamics: ${b.id} ${model}`);
        const problem = buildProblem(model, input.upper, S, D);
        const c = await providers.find((x) => x.id === b.id)!.create();
        try {
          await c.load(problem, W0);
          await c.steps(2, 1e-5); // warm-up
          let n = 0;
          const t0 = performance.now();
          while (n < (b.id === 'js' ? 2 : 10) && (n < 3 || performance.now() - t0 < 5000)) {
            await c.steps(1, 1e-5);
            n++;
          }
          ms[model] = (performance.now() - t0) / n;
          cells.push(fmt(ms[model]!, 2));
        } catch (e) {
          cells.push(`failed: ${(e as Error).message.split('\n')[0]}`);
        } finally {
          await c.dispose();
        }
      }
      rows.push([b.id, `${b.device}${b.gpu ? ' [GPU]' : ''}`, ...cells]);
      data.push({ backend: b.id, device: b.device, gpu: b.gpu, msPerStep: ms });
    }
    const table: Table = { title: `Learning dynamics: ms per full-batch step, V ${S.rows}, d ${D} (threads ${ctx.threads})`, columns: ['backend', 'device', ...DYNAMICS_MODELS.map((m) => `${m} ms/step`)], rows };
    return { task: 'dynamics', tables: [table], notes, data: { vocab: S.rows, dim: D, backends: data } };
  },
};
