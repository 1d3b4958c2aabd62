"""Reference for the ppmi task: a straightforward scipy.sparse + sklearn PPMI-SVD pipeline.

Same computation as the lab's ppmi-svd method, on the lab's exported tokens (one line per paragraph;
windows do not cross lines):
  1. read + vocab: count words, keep those seen >= min_count (sorted by count), map tokens to ids and
     drop the rarer words before windowing (as word2vec does);
  2. counting: for each distance d = 1..L, pairs (ids[i], ids[i+d]) inside one line, weight (L-d+1)/L
     (word2vec's dynamic window in expectation), both directions, summed in a scipy.sparse CSR matrix;
  3. ppmi: PMI(w,c) = log(#(w,c) * sum_c #(c)^a / (#(w) * #(c)^a)) - log(shift), keep positive values,
     with #(w) the row sums and #(c) the column sums;
  4. svd: sklearn.utils.extmath.randomized_svd(M, dim, random_state=seed) with its default n_iter and
     oversampling; W = U * S^eig.

Writes PREFIX.W.npy (float32), PREFIX.words.txt and PREFIX.counts.npy, and prints one JSON object on the
last line of stdout. Run with Debian's /usr/bin/python3 (python3-scipy python3-sklearn).
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
import sklearn
from sklearn.utils.extmath import randomized_svd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from token_stream import read_ids  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument('--text', required=True)
ap.add_argument('--min-count', type=int, default=5)
ap.add_argument('--window', type=int, default=5)
ap.add_argument('--dim', type=int, default=100)
ap.add_argument('--cds', type=float, default=0.75)
ap.add_argument('--shift', type=float, default=1.0)
ap.add_argument('--eig', type=float, default=0.5)
ap.add_argument('--seed', type=int, default=1)
ap.add_argument('--out-prefix', default=None)
args = ap.parse_args()

phases = {}
t_all = time.perf_counter()

# 1. read + vocab (two streaming passes: counts, then ids)
t0 = time.perf_counter()
vocab, word_counts, ids, line_of, tokens_total = read_ids(args.text, args.min_count)
V = len(vocab)
phases['read+vocab'] = time.perf_counter() - t0

# 2. counting
t0 = time.perf_counter()
L = args.window
M = None
for d in range(1, L + 1):
    same = line_of[:-d] == line_of[d:]
    a = ids[:-d][same]
    b = ids[d:][same]
    C = sp.coo_matrix((np.ones(len(a), dtype=np.float32), (a, b)), shape=(V, V)).tocsr()
    del a, b, same
    C = C.astype(np.float64)
    C = (C + C.T.tocsr()) * ((L - d + 1) / L)
    M = C if M is None else M + C
    del C
M.sum_duplicates()
phases['counting'] = time.perf_counter() - t0
nnz_counts = int(M.nnz)

# 3. ppmi
t0 = time.perf_counter()
row_sum = np.asarray(M.sum(axis=1)).ravel()
col_sum = np.asarray(M.sum(axis=0)).ravel()
with np.errstate(divide='ignore'):
    log_ctx = args.cds * np.log(col_sum)
    log_row = np.log(row_sum)
log_total = np.log(np.sum(col_sum ** args.cds))
rows = np.repeat(np.arange(V, dtype=np.int32), np.diff(M.indptr))
pmi = np.log(M.data) + log_total - log_row[rows] - log_ctx[M.indices] - np.log(args.shift)
del rows
M.data = np.maximum(pmi, 0.0)
del pmi
M.eliminate_zeros()
phases['ppmi'] = time.perf_counter() - t0

# 4. svd
t0 = time.perf_counter()
U, S, Vt = randomized_svd(M, n_components=args.dim, random_state=args.seed)
W = (U * (S ** args.eig)).astype(np.float32)
phases['svd'] = time.perf_counter() - t0

seconds = time.perf_counter() - t_all
if args.out_prefix:
    np.save(args.out_prefix + '.W.npy', W)
    np.save(args.out_prefix + '.counts.npy', word_counts)
    with open(args.out_prefix + '.words.txt', 'w', encoding='utf-8') as f:
        f.write('\n'.join(vocab) + '\n')

print(json.dumps({
    'seconds': seconds,
    'phases': phases,
    'vocab': V,
    'tokens': int(tokens_total),
    'tokens_kept': int(len(ids)),
    'nnz_counts': nnz_counts,
    'nnz': int(M.nnz),
    'spectrum': [float(s) for s in S],
    'numpy': np.__version__,
    'scipy': scipy.__version__,
    'sklearn': sklearn.__version__,
    'python': sys.version.split()[0],
    'self_maxrss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
