"""Reference for the sgns/cbow tasks: gensim Word2Vec or fastText (without subwords) on the lab's
exported tokens, with the same profile as the lab's run.

usage: word2vec_ref.py --tool gensim|fasttext --text FILE --sg 1|0 --dim 100 --window 5 --negative 5
                       --sample 1e-4 --min-count 5 --epochs 5 --alpha 0.025 --threads 2 --seed 1 --out-prefix P
Writes P.W.npy (float32), P.words.txt, P.counts.npy, and prints one JSON object on the last line:
{seconds (training), total_seconds, words (raw words in the vocabulary x epochs), words_per_sec, vocab}.
Run with Debian's /usr/bin/python3 (python3-gensim; fasttext for --tool fasttext).
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument('--tool', required=True, choices=['gensim', 'fasttext'])
ap.add_argument('--text', required=True)
ap.add_argument('--sg', type=int, default=1)
ap.add_argument('--dim', type=int, default=100)
ap.add_argument('--window', type=int, default=5)
ap.add_argument('--negative', type=int, default=5)
ap.add_argument('--sample', type=float, default=1e-4)
ap.add_argument('--min-count', type=int, default=5)
ap.add_argument('--epochs', type=int, default=5)
ap.add_argument('--alpha', type=float, default=0.025)
ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--seed', type=int, default=1)
ap.add_argument('--out-prefix', required=True)
a = ap.parse_args()

t0 = time.time()
if a.tool == 'gensim':
    import gensim
    from gensim.models import Word2Vec
    m = Word2Vec(vector_size=a.dim, window=a.window, negative=a.negative, sample=a.sample, min_count=a.min_count,
                 sg=a.sg, hs=0, alpha=a.alpha, workers=a.threads, seed=a.seed, epochs=a.epochs)
    # corpus_file is gensim's fastest path (Cython over the file, no GIL, no Python iteration).
    m.build_vocab(corpus_file=a.text)
    t1 = time.time()
    m.train(corpus_file=a.text, total_examples=m.corpus_count, total_words=m.corpus_total_words, epochs=a.epochs)
    t2 = time.time()
    words = list(m.wv.index_to_key)
    W = m.wv.vectors.astype(np.float32)
    counts = np.array([m.wv.get_vecattr(w, 'count') for w in words], dtype=np.int64)
    raw = int(counts.sum()) * a.epochs
    seconds, version = t2 - t1, gensim.__version__
else:
    out = os.path.join(tempfile.mkdtemp(prefix='embedlab-ft-'), 'model')
    cmd = ['fasttext', 'skipgram' if a.sg else 'cbow', '-input', a.text, '-output', out, '-dim', str(a.dim), '-ws', str(a.window),
           '-neg', str(a.negative), '-t', str(a.sample), '-minCount', str(a.min_count), '-epoch', str(a.epochs), '-lr', str(a.alpha),
           '-thread', str(a.threads), '-minn', '0', '-maxn', '0', '-verbose', '0']
    subprocess.run(cmd, check=True)
    t2 = time.time()
    with open(out + '.vec', encoding='utf-8') as f:
        n, d = map(int, f.readline().split())
        words, rows = [], []
        for line in f:
            parts = line.rstrip().split(' ')
            if len(parts) != d + 1:
                continue
            words.append(parts[0])
            rows.append(np.array(parts[1:], dtype=np.float32))
    W = np.vstack(rows)
    counts = np.zeros(len(words), dtype=np.int64)
    from collections import Counter
    c = Counter()
    with open(a.text, encoding='utf-8') as f:
        for line in f:
            c.update(line.split())
    counts = np.array([c[w] for w in words], dtype=np.int64)
    raw = int(counts.sum()) * a.epochs
    seconds, version = t2 - t0, subprocess.run(['fasttext'], capture_output=True, text=True).stdout.split('\n')[0] or 'fasttext'
    words = [w if w != '</s>' else '</s>' for w in words]

np.save(a.out_prefix + '.W.npy', W)
np.save(a.out_prefix + '.counts.npy', counts)
with open(a.out_prefix + '.words.txt', 'w', encoding='utf-8') as f:
    f.write('\n'.join(words) + '\n')
print(json.dumps({'seconds': seconds, 'total_seconds': time.time() - t0, 'words': raw, 'words_per_sec': raw / seconds,
                  'vocab': len(words), 'version': version}))
