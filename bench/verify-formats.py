#!/usr/bin/python3
"""Interoperability check of Embedding Lab's vector exports against gensim and NumPy.

Run by bench/verify-formats.mjs (which writes the files); by hand:

    /usr/bin/python3 bench/verify-formats.py DIR

DIR holds manifest.json (written by the driver), ref.f32 (the exported matrix, float32 little-endian,
words x dim, after the same top-N/normalisation the export applied) and the exported files. This script:

  1. loads our word2vec text and binary exports (plain and .gz) with gensim's
     KeyedVectors.load_word2vec_format, and GloVe with no_header=True, and checks that the words and
     the vectors equal ours exactly (float32, bit for bit);
  2. checks our Projector TSV the way the TensorFlow Projector parses it: one vector per line with
     tab-separated values, metadata with a header row only when it has more than one column;
  3. loads our .npy with numpy.load (dtype <f4, C order, shape (V, d)) and vocab.txt;
  4. writes gensim's own files (save_word2vec_format, text and binary, and text without a header) for
     the driver to import.

It prints one JSON object: {"checks": [{"name", "ok", "detail"}...], "written": {name: path}}.
Needs Debian's python3-gensim (gensim 4.x) and numpy.
"""
import json
import os
import sys

import numpy as np
from gensim.models import KeyedVectors


def main(directory):
    with open(os.path.join(directory, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    words = manifest["words"]
    dim = manifest["dim"]
    ref = np.fromfile(os.path.join(directory, manifest["reference"]), dtype="<f4").reshape(len(words), dim)
    checks = []

    def check(name, fn):
        try:
            ok, detail = fn()
        except Exception as e:  # a failure to load is a failed check, with gensim's own message
            ok, detail = False, f"{type(e).__name__}: {e}"
        checks.append({"name": name, "ok": bool(ok), "detail": detail})

    def same(kv_words, matrix, expected_words=words, expected=ref):
        if list(kv_words) != list(expected_words):
            bad = next(i for i, (a, b) in enumerate(zip(kv_words, expected_words)) if a != b) if len(kv_words) == len(expected_words) else -1
            return False, f"words differ (count {len(kv_words)} vs {len(expected_words)}, first difference at {bad})"
        m = np.asarray(matrix, dtype=np.float32)
        if m.shape != expected.shape:
            return False, f"shape {m.shape} vs {expected.shape}"
        equal = np.array_equal(m.view(np.uint32), expected.view(np.uint32))
        if not equal:
            diff = float(np.max(np.abs(m.astype(np.float64) - expected.astype(np.float64))))
            return False, f"vectors differ (max abs difference {diff:g})"
        return True, f"{m.shape[0]} words x {m.shape[1]}: words and float32 bits identical"

    def gensim_load(key, binary, no_header=False):
        def run():
            kv = KeyedVectors.load_word2vec_format(os.path.join(directory, manifest["files"][key]), binary=binary, no_header=no_header)
            return same(kv.index_to_key, kv.vectors)
        return run

    for key, binary in (("w2v-text", False), ("w2v-text.gz", False), ("w2v-bin", True), ("w2v-bin.gz", True)):
        check(f"gensim loads our {key}", gensim_load(key, binary))
    check("gensim loads our glove (no_header=True)", gensim_load("glove", False, no_header=True))

    # Export options, as gensim sees them.
    def normalized():
        kv = KeyedVectors.load_word2vec_format(os.path.join(directory, manifest["files"]["w2v-bin-normalized"]), binary=True)
        norms = np.linalg.norm(kv.vectors.astype(np.float64), axis=1)
        expected = ref[: manifest["normalizedTop"]].astype(np.float64)
        expected /= np.linalg.norm(expected, axis=1, keepdims=True)
        err = float(np.max(np.abs(kv.vectors - expected)))
        ok = list(kv.index_to_key) == words[: manifest["normalizedTop"]] and np.allclose(norms, 1, atol=1e-6) and err < 1e-6
        return ok, f"top {len(kv.index_to_key)}, |norm - 1| <= {float(np.max(np.abs(norms - 1))):.1e}, max diff from numpy's normalisation {err:.1e}"
    check("gensim loads our w2v-bin --top --normalize", normalized)

    def spaced():
        kv = KeyedVectors.load_word2vec_format(os.path.join(directory, manifest["files"]["w2v-bin-underscore"]), binary=True)
        expected = [w.replace(" ", "_") for w in manifest["spacedWords"]]
        return list(kv.index_to_key) == expected, f"words {kv.index_to_key[:4]}... ('new york' written as 'new_york')"
    check("gensim loads our w2v-bin with spaces=underscore", spaced)

    def spaced_kept():
        # Documented limitation: word2vec binary has no escape for a space; gensim ends a word at its first
        # space, so a file with "new york" written as is cannot be read by gensim (our reader can).
        try:
            kv = KeyedVectors.load_word2vec_format(os.path.join(directory, manifest["files"]["w2v-bin-kept"]), binary=True)
            return list(kv.index_to_key) != manifest["spacedWords"], f"gensim read {kv.index_to_key[:4]} (not the words written)"
        except Exception as e:
            return True, f"as documented, gensim refuses it: {type(e).__name__}: {str(e)[:80]}"
    check("gensim cannot read w2v-bin with spaces kept (expected)", spaced_kept)

    # The Projector's TSV rules.
    def projector():
        d = os.path.join(directory, manifest["files"]["tsv"])
        with open(os.path.join(d, "vectors.tsv"), encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f]
        if any(len(r) != dim for r in rows):
            return False, "a vectors.tsv line does not hold dim tab-separated values"
        m = np.array([[np.float32(x) for x in r] for r in rows], dtype=np.float32)
        with open(os.path.join(d, "metadata.tsv"), encoding="utf-8") as f:
            meta = [line.rstrip("\n").split("\t") for line in f]
        columns = len(meta[0])
        if columns > 1:
            header, meta = meta[0], meta[1:]
            if header != ["word", "count"]:
                return False, f"header {header}"
        if any(len(r) != columns for r in meta):
            return False, "metadata rows differ in column count"
        with open(os.path.join(d, "projector_config.json"), encoding="utf-8") as f:
            config = json.load(f)["embeddings"][0]
        if config["tensorShape"] != [len(words), dim] or config["tensorPath"] != "vectors.tsv" or config["metadataPath"] != "metadata.tsv":
            return False, f"projector_config.json {config}"
        counts_ok = columns == 1 or [int(r[1]) for r in meta] == manifest["counts"]
        ok, detail = same([r[0] for r in meta], m)
        return ok and counts_ok, f"{detail}; metadata has {columns} columns{' with a header' if columns > 1 else ', no header'}; config consistent"
    check("TSV parses as the Projector reads it", projector)

    def numpy_load():
        d = os.path.join(directory, manifest["files"]["npy"])
        a = np.load(os.path.join(d, "vectors.npy"))
        with open(os.path.join(d, "vocab.txt"), encoding="utf-8") as f:
            vocab = [line.rstrip("\n").rsplit(" ", 1) for line in f]
        if a.dtype != np.dtype("<f4") or not a.flags["C_CONTIGUOUS"]:
            return False, f"dtype {a.dtype}, C order {a.flags['C_CONTIGUOUS']}"
        ok, detail = same([v[0] for v in vocab], a)
        counts_ok = [int(v[1]) for v in vocab] == manifest["counts"]
        return ok and counts_ok, f"{detail}; dtype {a.dtype.str}, vocab.txt 'word count'"
    check("numpy.load reads our .npy + vocab.txt", numpy_load)

    # gensim's own files, for the driver to import.
    kv = KeyedVectors(dim)
    kv.add_vectors(words, ref)
    written = {}
    for name, binary, header in (("gensim.txt", False, True), ("gensim.bin", True, True), ("gensim-noheader.txt", False, False)):
        path = os.path.join(directory, name)
        kv.save_word2vec_format(path, binary=binary, write_header=header)
        written[name] = path
    print(json.dumps({"checks": checks, "written": written, "gensim": __import__("gensim").__version__, "numpy": np.__version__}))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
