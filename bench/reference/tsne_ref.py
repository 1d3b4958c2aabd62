"""t-SNE reference for `npm run bench -- tsne`: scikit-learn's TSNE (Barnes-Hut) on word2vec text vectors,
timed around fit_transform alone; with --ours FILE, also the trustworthiness (k = 10) of our layout
(one "x y" line per word, in the same order). Prints one JSON line."""
import argparse, json, time
import numpy as np
import sklearn
from sklearn.manifold import TSNE, trustworthiness


def load(path):
    with open(path, encoding='utf8') as f:
        n, d = map(int, f.readline().split())
        X = np.empty((n, d), dtype=np.float64)
        for i in range(n):
            X[i] = [float(x) for x in f.readline().rstrip('\n').split(' ')[1:]]
    return X


p = argparse.ArgumentParser()
p.add_argument('--vectors', required=True)
p.add_argument('--ours')
p.add_argument('--perplexity', type=float, default=30)
p.add_argument('--iterations', type=int, default=1000)
p.add_argument('--angle', type=float, default=0.5)
p.add_argument('--threads', type=int, default=1)
a = p.parse_args()
X = load(a.vectors)
t0 = time.perf_counter()
Y = TSNE(n_components=2, perplexity=a.perplexity, n_iter=a.iterations, angle=a.angle, init='pca', learning_rate='auto',
         method='barnes_hut', random_state=1, n_jobs=a.threads).fit_transform(X)
seconds = time.perf_counter() - t0
out = {'seconds': seconds, 'points': len(X), 'trustworthiness': trustworthiness(X, Y, n_neighbors=10), 'sklearn': sklearn.__version__}
if a.ours:
    ours = np.loadtxt(a.ours).reshape(len(X), 2)
    out['oursTrustworthiness'] = trustworthiness(X, ours, n_neighbors=10)
print(json.dumps(out))
