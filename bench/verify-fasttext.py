#!/usr/bin/python3
"""gensim's reading of a fastText model, for bench/verify-fasttext.mjs.

    /usr/bin/python3 bench/verify-fasttext.py MODEL.bin OUT_DIR

Loads MODEL.bin with gensim.models.fasttext.load_facebook_vectors (Debian's python3-gensim) and writes
OUT_DIR/gensim.words (one word per line, in gensim's order) and OUT_DIR/gensim.f32 (the vocabulary's
vectors, float32 little-endian, words x dim). Prints one JSON line: {"words": V, "dim": d}.
"""
import json
import os
import sys

import numpy as np
from gensim.models.fasttext import load_facebook_vectors


def main() -> None:
    model, out = sys.argv[1], sys.argv[2]
    kv = load_facebook_vectors(model)
    with open(os.path.join(out, 'gensim.words'), 'w', encoding='utf-8') as f:
        for w in kv.index_to_key:
            f.write(w + '\n')
    np.ascontiguousarray(kv.vectors, dtype='<f4').tofile(os.path.join(out, 'gensim.f32'))
    print(json.dumps({'words': len(kv.index_to_key), 'dim': int(kv.vector_size)}))


if __name__ == '__main__':
    main()
