/**
 * Minibatch SGNS (kernels/sgnsBatchKernel.ts) on TensorFlow.js. A batch gathers only
 * its distinct rows of W and C, scores its pairs with two batched products, sums each
 * row's updates with scatterND into those distinct rows (not into a V × d gradient), and
 * writes them back with tensorScatterUpdate. Shapes come in a few sizes only (see
 * ROW_BUCKET), so WebGPU compiles few programs; the loss is read back only when asked, so batches queue
 * on the device while the next one is built.
 */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { importModule, loadTf, TF_NAME, type ModuleLoader, type Tf, type TfjsBackendId } from './tfjs.js';
import type { SgnsBatch, SgnsBatchProvider, SgnsBatchTrainer } from './sgnsBatchKernel.js';

class TfjsSgnsBatch implements SgnsBatchTrainer {
  private W!: Tensor2D;
  private C!: Tensor2D;
  private labels!: Tensor;
  private V = 0;
  private d = 0;

  constructor(readonly id: TfjsBackendId, readonly device: string, private readonly tf: Tf, private readonly limit: number) {}

  async load(W: Float32Array, C: Float32Array, V: number, d: number, size: number, group: number): Promise<void> {
    const { tf } = this;
    const bytes = Math.max((V + 1) * d, size * group * d) * 4;
    if (bytes > this.limit) {
      throw new Error(`${this.device} takes buffers of at most ${(this.limit / 2 ** 20).toFixed(0)} MiB; this run needs ${(bytes / 2 ** 20).toFixed(0)} MiB in one. Lower the batch, the vocabulary or d.`);
    }
    await tf.setBackend(TF_NAME[this.id]);
    this.V = V;
    this.d = d;
    this.W = tf.tensor2d(W, [V + 1, d], 'float32');
    this.C = tf.tensor2d(C, [V + 1, d], 'float32');
    const lab = new Float32Array(size * group);
    for (let p = 0; p < size; p++) lab[p * group] = 1;
    this.labels = tf.tensor2d(lab, [size, group], 'float32');
  }

  async step(b: SgnsBatch, lr: number, wantLoss: boolean): Promise<number | null> {
    const { tf, d } = this;
    const B = b.size;
    const G = b.group;
    const { W, C, loss } = tf.tidy(() => {
      const [Ui, Uo] = [b.uniqInCount, b.uniqOutCount];
      const uniqIn = tf.tensor1d(b.uniqIn.subarray(0, Ui), 'int32');
      const uniqOut = tf.tensor1d(b.uniqOut.subarray(0, Uo), 'int32');
      const segIn = tf.tensor2d(b.segIn, [B, 1], 'int32');
      const segOut = tf.tensor2d(b.segOut, [B * G, 1], 'int32');
      const mask = tf.tensor2d(b.mask, [B, G], 'float32');
      const Wu = tf.gather(this.W, uniqIn);
      const Cu = tf.gather(this.C, uniqOut);
      const vin = tf.gather(Wu, tf.reshape(segIn, [B])); // B × d
      const cout = tf.reshape(tf.gather(Cu, tf.reshape(segOut, [B * G])), [B, G, d]);
      const s = tf.reshape(tf.matMul(cout, tf.reshape(vin, [B, d, 1])), [B, G]);
      const coef = tf.mul(tf.mul(tf.scalar(lr, 'float32'), mask), tf.sub(this.labels, tf.sigmoid(s)));
      const dvin = tf.reshape(tf.matMul(tf.reshape(coef, [B, 1, G]), cout), [B, d]);
      const dcout = tf.reshape(tf.mul(tf.reshape(coef, [B, G, 1]), tf.reshape(vin, [B, 1, d])), [B * G, d]);
      const dWu = tf.scatterND(segIn, dvin, [Ui, d]);
      const dCu = tf.scatterND(segOut, dcout, [Uo, d]);
      const nextW = tf.tensorScatterUpdate(this.W, tf.reshape(uniqIn, [Ui, 1]), tf.add(Wu, dWu)) as Tensor2D;
      const nextC = tf.tensorScatterUpdate(this.C, tf.reshape(uniqOut, [Uo, 1]), tf.add(Cu, dCu)) as Tensor2D;
      // softplus(−s) for the positive, softplus(s) for the negatives: softplus((1 − 2·label)·s).
      const out: Record<string, Tensor> = { W: nextW, C: nextC };
      if (wantLoss) out.loss = tf.sum(tf.mul(mask, tf.softplus(tf.mul(tf.sub(1, tf.mul(2, this.labels)), s))));
      return out;
    }) as { W: Tensor2D; C: Tensor2D; loss?: Tensor };
    this.W.dispose();
    this.C.dispose();
    this.W = W;
    this.C = C;
    if (!loss) return null;
    const v = (await loss.data())[0];
    loss.dispose();
    return v;
  }

  async read(): Promise<{ W: Float32Array; C: Float32Array }> {
    const n = this.V * this.d;
    const [w, c] = await Promise.all([this.W.data(), this.C.data()]);
    return { W: Float32Array.from((w as Float32Array).subarray(0, n)), C: Float32Array.from((c as Float32Array).subarray(0, n)) };
  }

  async dispose(): Promise<void> {
    this.W?.dispose();
    this.C?.dispose();
    this.labels?.dispose();
  }
}

export function tfjsSgnsBatch(id: TfjsBackendId, load: ModuleLoader = importModule): SgnsBatchProvider {
  let loaded: ReturnType<typeof loadTf> | null = null;
  const once = () => (loaded ??= loadTf(id, load).catch((e: Error) => `${id} failed to load (${e.message.split('\n')[0]})`));
  return {
    id,
    async probe() {
      const r = await once();
      return typeof r === 'string' ? { ok: false, reason: r } : { ok: true, device: r.device, gpu: r.gpu };
    },
    async create() {
      const r = await once();
      if (typeof r === 'string') throw new Error(r);
      return new TfjsSgnsBatch(id, r.device, r.tf, r.limit);
    },
  };
}
