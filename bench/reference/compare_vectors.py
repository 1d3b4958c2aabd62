"""Quality comparison of two sets of word vectors: ours (read from the lab's SQLite file) and a reference
(PREFIX.W.npy + PREFIX.words.txt + PREFIX.counts.npy, as written by ppmi_scipy.py).

Reports:
  - vocabulary sizes and their overlap;
  - nearest-neighbour overlap@k averaged over the `--top` most frequent shared words (cosine on
    unit-normalised rows, searched over the shared vocabulary, the query word itself excluded);
  - with --google / --ws353 / --men / --simlex: the SAME gensim evaluation applied to both sets
    (KeyedVectors.evaluate_word_analogies(restrict_vocab=30000, case_insensitive=True), 3CosAdd;
    evaluate_word_pairs -> Spearman rho, OOV %).
Prints one JSON object on the last line of stdout. Run with Debian's /usr/bin/python3.
"""
import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lab_vectors import read_run  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument('--db', required=True)
ap.add_argument('--run', type=int, required=True)
ap.add_argument('--ref-prefix', required=True)
ap.add_argument('--top', type=int, default=1000)
ap.add_argument('--k', type=int, default=10)
ap.add_argument('--google', default=None)
ap.add_argument('--ws353', default=None)
ap.add_argument('--men', default=None)
ap.add_argument('--simlex', default=None)
ap.add_argument('--restrict', type=int, default=30000)
args = ap.parse_args()


def load_ours(db, run):
    con = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
    got = read_run(con, run)
    con.close()
    if got is None:
        sys.exit(f'run {run} has no vectors in {db}')
    words, counts, W = got
    return words, counts, W


def load_ref(prefix):
    W = np.load(prefix + '.W.npy')
    counts = np.load(prefix + '.counts.npy')
    with open(prefix + '.words.txt', encoding='utf-8') as f:
        words = f.read().split('\n')[: len(W)]
    return words, counts, W


def by_frequency(words, counts, W):
    order = sorted(range(len(words)), key=lambda i: (-counts[i], words[i]))
    return [words[i] for i in order], counts[order], W[order]


def unit(X):
    n = np.linalg.norm(X, axis=1, keepdims=True)
    n[n == 0] = 1
    return X / n


ours = by_frequency(*load_ours(args.db, args.run))
ref = by_frequency(*load_ref(args.ref_prefix))
out = {'vocab_ours': len(ours[0]), 'vocab_ref': len(ref[0])}

# Shared vocabulary, in our frequency order.
ref_index = {w: i for i, w in enumerate(ref[0])}
shared = [w for w in ours[0] if w in ref_index]
out['vocab_shared'] = len(shared)
ours_index = {w: i for i, w in enumerate(ours[0])}
count_mismatch = sum(1 for w in shared if ours[1][ours_index[w]] != ref[1][ref_index[w]])
out['count_mismatches'] = count_mismatch

A = unit(ours[2][[ours_index[w] for w in shared]])
B = unit(ref[2][[ref_index[w] for w in shared]])
top = min(args.top, len(shared))
k = args.k


def neighbours(X, n):
    sims = X[:n] @ X.T
    sims[np.arange(n), np.arange(n)] = -np.inf
    idx = np.argpartition(-sims, k, axis=1)[:, :k]
    return idx


na, nb = neighbours(A, top), neighbours(B, top)
overlaps = [len(set(na[i]) & set(nb[i])) / k for i in range(top)]
out['overlap_k'] = k
out['overlap_top'] = top
out['overlap'] = float(np.mean(overlaps))

evals = {}
if args.google or args.ws353 or args.men or args.simlex:
    import logging
    logging.disable(logging.WARNING)
    from gensim.models import KeyedVectors

    tmpdir = tempfile.mkdtemp(prefix='embedlab-bench-eval-')

    def headerless(path):
        # The shared similarity sets are TSV with a header line; gensim wants word1<TAB>word2<TAB>score.
        dst = os.path.join(tmpdir, os.path.basename(path))
        with open(path, encoding='utf-8') as f, open(dst, 'w', encoding='utf-8') as g:
            lines = f.read().splitlines()
            for i, line in enumerate(lines):
                parts = line.split('\t')
                if len(parts) < 3:
                    continue
                try:
                    float(parts[2])
                except ValueError:
                    continue  # the header
                g.write(f'{parts[0]}\t{parts[1]}\t{parts[2]}\n')
        return dst

    pair_sets = {name: headerless(p) for name, p in (('ws353', args.ws353), ('men', args.men), ('simlex', args.simlex)) if p}

    def evaluate(words, W):
        kv = KeyedVectors(vector_size=W.shape[1])
        kv.add_vectors(words, W)
        res = {}
        if args.google:
            try:
                score, sections = kv.evaluate_word_analogies(args.google, restrict_vocab=args.restrict, case_insensitive=True)
                total = next(s for s in sections if s['section'] == 'Total accuracy')
                res['google'] = float(score)
                res['google_answered'] = len(total['correct']) + len(total['incorrect'])
            except Exception as e:  # e.g. no question in vocabulary
                res['google'] = None
                res['google_error'] = str(e)
        for name, path in pair_sets.items():
            try:
                _pearson, spearman, oov = kv.evaluate_word_pairs(path, delimiter='\t', restrict_vocab=300000, case_insensitive=True)
                res[name] = float(spearman[0])
                res[name + '_oov_pct'] = float(oov)
            except Exception as e:
                res[name] = None
                res[name + '_error'] = str(e)
        return res

    try:
        evals['ours'] = evaluate(ours[0], ours[2])
        evals['ref'] = evaluate(ref[0], ref[2])
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    import gensim
    out['gensim'] = gensim.__version__
out['eval'] = evals
print(json.dumps(out))
