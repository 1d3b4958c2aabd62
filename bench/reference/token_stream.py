"""The lab's exported tokens (one paragraph a line, tokens separated by spaces) as the references read
them: words seen >= min_count, ids by count (ties by word), and the rarer words dropped before any
window is taken (as word2vec and GloVe do)."""
from array import array
from collections import Counter

import numpy as np


def read_ids(path, min_count):
    """(vocab, word_counts int64, ids int32, line_of int32 per id, tokens_total)."""
    counts = Counter()
    with open(path, encoding='utf-8') as f:
        for line in f:
            counts.update(line.split())
    vocab = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    word_counts = np.array([counts[w] for w in vocab], dtype=np.int64)
    tokens_total = sum(counts.values())
    del counts
    get = index.get
    ids_buf = array('i')
    lens = array('i')
    with open(path, encoding='utf-8') as f:
        for line in f:
            kept = [i for i in map(get, line.split()) if i is not None]
            ids_buf.extend(kept)
            lens.append(len(kept))
    ids = np.frombuffer(ids_buf, dtype=np.int32)
    line_of = np.repeat(np.arange(len(lens), dtype=np.int32), np.frombuffer(lens, dtype=np.int32))
    return vocab, word_counts, ids, line_of, tokens_total
