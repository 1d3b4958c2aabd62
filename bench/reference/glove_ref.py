"""Reference for the glove task: GloVe's pipeline with code the lab does not share.

On the lab's exported tokens (one line per paragraph; windows do not cross lines):
  1. read + vocab: words seen >= min_count, ids by count, the rarer words dropped before windowing
     (as GloVe's cooccur does);
  2. counting: for d = 1..L, pairs (ids[i], ids[i+d]) inside one line with weight 1/d, both
     directions (symmetric), summed with scipy.sparse;
  3. shuffle: the non-zero entries in a random order (numpy);
  4. training: glove_ref.c (AdaGrad, Hogwild threads, output w + v), compiled here with cc.

Writes PREFIX.W.npy (float32), PREFIX.words.txt and PREFIX.counts.npy, and prints one JSON object on
the last line of stdout. Run with Debian's /usr/bin/python3 (python3-scipy) and a C compiler.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from token_stream import read_ids  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument('--text', required=True)
ap.add_argument('--min-count', type=int, default=5)
ap.add_argument('--window', type=int, default=10)
ap.add_argument('--dim', type=int, default=100)
ap.add_argument('--iterations', type=int, default=15)
ap.add_argument('--eta', type=float, default=0.05)
ap.add_argument('--x-max', type=float, default=100)
ap.add_argument('--alpha', type=float, default=0.75)
ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--seed', type=int, default=1)
ap.add_argument('--out-prefix', required=True)
args = ap.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp(prefix='embedlab-glove-ref-')
binary = os.path.join(work, 'glove_ref')
cc = os.environ.get('CC', 'cc')
built = subprocess.run([cc, '-O3', '-march=native', '-ffast-math', '-pthread', os.path.join(here, 'glove_ref.c'), '-o', binary, '-lm'], capture_output=True, text=True)
if built.returncode != 0:
    sys.exit(f'cannot compile glove_ref.c with {cc}: {built.stderr.strip()}')

phases = {}
t_all = time.perf_counter()

# 1. read + vocab
t0 = time.perf_counter()
vocab, word_counts, ids, line_of, tokens_total = read_ids(args.text, args.min_count)
V = len(vocab)
phases['read+vocab'] = time.perf_counter() - t0

# 2. counting
t0 = time.perf_counter()
X = None
for d in range(1, args.window + 1):
    same = line_of[:-d] == line_of[d:]
    a = ids[:-d][same]
    b = ids[d:][same]
    C = sp.coo_matrix((np.full(len(a), 1.0 / d), (a, b)), shape=(V, V)).tocsr()
    del a, b, same
    C = C + C.T.tocsr()
    X = C if X is None else X + C
    del C
X = X.tocoo()
X.sum_duplicates()
phases['counting'] = time.perf_counter() - t0

# 3. shuffle
t0 = time.perf_counter()
order = np.random.default_rng(args.seed).permutation(X.nnz)
n = int(X.nnz)
paths = [os.path.join(work, name) for name in ('rows.bin', 'cols.bin', 'vals.bin')]
X.row.astype(np.int32)[order].tofile(paths[0])
X.col.astype(np.int32)[order].tofile(paths[1])
X.data.astype(np.float32)[order].tofile(paths[2])
del X, order
phases['shuffle'] = time.perf_counter() - t0

# 4. training
t0 = time.perf_counter()
out = os.path.join(work, 'vectors.f32')
run = subprocess.run([binary, *paths, str(V), str(n), str(args.dim), str(args.iterations), str(args.eta), str(args.x_max),
                      str(args.alpha), str(args.threads), str(args.seed), out], capture_output=True, text=True)
if run.returncode != 0:
    sys.exit(f'glove_ref failed: {run.stderr.strip()}')
trained = json.loads(run.stdout.strip().splitlines()[-1])
W = np.fromfile(out, dtype=np.float32).reshape(V, args.dim)
phases['training'] = time.perf_counter() - t0

np.save(args.out_prefix + '.W.npy', W)
np.save(args.out_prefix + '.counts.npy', word_counts)
with open(args.out_prefix + '.words.txt', 'w', encoding='utf-8') as f:
    f.write('\n'.join(vocab) + '\n')
for p in paths + [out, binary]:
    os.remove(p)
os.rmdir(work)

print(json.dumps({
    'seconds': time.perf_counter() - t_all,
    'phases': phases,
    'training_seconds': trained['seconds'],
    'pairs_per_sec': n * args.iterations / trained['seconds'],
    'entries': n,
    'vocab': V,
    'cost': trained['cost_per_iteration'],
}))
