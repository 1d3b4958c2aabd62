/** Views that are not built yet say so plainly. */
import { VIEWS, type ViewId } from '../route.js';

const PLANS: Record<Exclude<ViewId, 'corpora'>, string> = {
  runs: 'Train PPMI-SVD, SGNS, CBOW, GloVe, LSA, spectral M* and RAND-WALK runs on a corpus, with live progress, cancel, and every parameter stored.',
  projector: "Show a run's vectors in 3D (PCA of the embedding), with nearest neighbours and a search box.",
  analogy: 'Solve a:b::c:? with 3CosAdd and 3CosMul, and score runs on the Google and MSR analogy sets.',
  compare: 'Put two runs side by side: neighbour overlap@k, Procrustes-aligned 3D views and per-category analogy differences.',
  experiments: 'Sweep methods and parameters over corpora as a grid of runs, with its table and plots.',
  randwalk: "Generate a synthetic corpus from Arora et al.'s RAND-WALK model and check that PMI ≈ ⟨v,v′⟩/d on it.",
  dynamics: "Train from a tiny start and watch M*'s eigenvectors being learned one at a time, against the theory (Karkada et al.).",
};

export function Placeholder({ view }: { view: Exclude<ViewId, 'corpora'> }) {
  const label = VIEWS.find((v) => v.id === view)?.label ?? view;
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">{label}</h1>
      </header>
      <div className="card placeholder">
        <p className="placeholder-title">Not built yet — coming in a later version.</p>
        <p className="muted">{PLANS[view]}</p>
      </div>
    </section>
  );
}
