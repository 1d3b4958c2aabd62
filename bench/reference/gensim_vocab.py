"""Reference for the ingest task: gensim's vocabulary pass over the lab's exported tokens.

  --mode file    Word2Vec(min_count, workers).build_vocab(corpus_file=TEXT), timed around build_vocab.
  --mode memory  the file is first loaded as a list of token lists (not timed, reported as load_seconds),
                 then build_vocab(corpus_iterable=that list) is timed.

Prints one JSON object on the last line of stdout. Run with Debian's /usr/bin/python3 (python3-gensim).
"""
import argparse
import json
import resource
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument('--text', required=True)
ap.add_argument('--mode', choices=['file', 'memory'], required=True)
ap.add_argument('--workers', type=int, default=1)
ap.add_argument('--min-count', type=int, default=5)
args = ap.parse_args()

import gensim  # noqa: E402
from gensim.models import Word2Vec  # noqa: E402

model = Word2Vec(min_count=args.min_count, workers=args.workers)
load_seconds = 0.0
if args.mode == 'file':
    t0 = time.perf_counter()
    model.build_vocab(corpus_file=args.text)
    seconds = time.perf_counter() - t0
else:
    t0 = time.perf_counter()
    with open(args.text, encoding='utf-8') as f:
        sentences = [line.split() for line in f]
    load_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.build_vocab(corpus_iterable=sentences)
    seconds = time.perf_counter() - t0

print(json.dumps({
    'mode': args.mode,
    'seconds': seconds,
    'load_seconds': load_seconds,
    'vocab': len(model.wv.index_to_key),
    'corpus_words': int(model.corpus_total_words),
    'gensim': gensim.__version__,
    'python': sys.version.split()[0],
    'self_maxrss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
