"""Evaluates one lab run's vectors (read from the lab's SQLite file) with gensim: Google analogies
(3CosAdd, restrict 30000, case-insensitive) and WS353 / MEN / SimLex-999 Spearman. Prints one JSON object.
usage: gensim_eval_run.py --db LAB --run ID [--google F] [--ws353 F] [--men F] [--simlex F]"""
import argparse, json, os, sqlite3, sys, tempfile
import numpy as np
from gensim.models import KeyedVectors

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lab_vectors import read_run  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument('--db', required=True)
ap.add_argument('--run', type=int, required=True)
ap.add_argument('--google')
ap.add_argument('--ws353')
ap.add_argument('--men')
ap.add_argument('--simlex')
a = ap.parse_args()
con = sqlite3.connect(f'file:{a.db}?mode=ro', uri=True)
words, _counts, W = read_run(con, a.run)
kv = KeyedVectors(W.shape[1])
kv.add_vectors(words, W)
out = {}
if a.google:
    out['google'] = float(kv.evaluate_word_analogies(a.google, restrict_vocab=30000, case_insensitive=True)[0])
for key in ('ws353', 'men', 'simlex'):
    path = getattr(a, key)
    if path:
        out[key] = float(kv.evaluate_word_pairs(path, delimiter='\t')[1][0])
print(json.dumps(out))
