/** A linear-algebra thread: runs one kernel on a row range of shared buffers per message. */
import { parentPort } from 'node:worker_threads';
import { linalgKernels } from '../kernels/registry.js';
import type { LinalgOp, LinalgReply } from './linalgProtocol.js';

const k = linalgKernels();

parentPort!.on('message', (m: LinalgOp) => {
  let reply: LinalgReply;
  try {
    if (m.op === 'spmm') {
      const a = m.matrix;
      k.spmm(new Float64Array(a.rowPtr), new Uint32Array(a.colIdx), new Float32Array(a.vals),
        m.X32 ? new Float32Array(m.X) : new Float64Array(m.X), new Float64Array(m.Y), m.width, m.from, m.to);
      reply = { ok: true };
    } else if (m.op === 'gram') {
      const G = new Float64Array(m.width * m.width);
      k.gram(new Float64Array(m.Y), m.width, m.from, m.to, G);
      reply = { ok: true, G };
    } else if (m.op === 'cross') {
      const G = new Float64Array(m.width * m.width);
      k.cross(new Float64Array(m.Q), new Float64Array(m.Z), m.width, m.from, m.to, G);
      reply = { ok: true, G };
    } else {
      k.rightMultiply(new Float64Array(m.Y), m.width, m.S, m.outWidth, new Float64Array(m.out), m.from, m.to);
      reply = { ok: true };
    }
  } catch (e) {
    reply = { ok: false, message: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
