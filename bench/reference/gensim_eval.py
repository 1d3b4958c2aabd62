"""Evaluates a word2vec text file with gensim, exactly as the lab's evaluation must match.

usage: gensim_eval.py VECTORS.txt GOOGLE.txt RESTRICT SIM1.tsv [SIM2.tsv ...]
Prints one JSON document: analogy totals/sections and per-question predictions, similarity results.
"""
import json
import sys
import tempfile

from gensim.models import KeyedVectors

vectors, google, restrict, *sims = sys.argv[1:]
kv = KeyedVectors.load_word2vec_format(vectors, binary=False)
score, sections = kv.evaluate_word_analogies(google, restrict_vocab=int(restrict), case_insensitive=True)
out = {"analogy": {"accuracy": score, "sections": {}}, "similarity": {}}
for s in sections:
    out["analogy"]["sections"][s["section"]] = {"correct": len(s["correct"]), "total": len(s["correct"]) + len(s["incorrect"])}
    if s["section"] != "Total accuracy":
        out["analogy"].setdefault("correct_questions", []).extend(" ".join(q) for q in s["correct"])
for path in sims:
    # The shipped TSVs have a header line; gensim skips it as an invalid line.
    pearson, spearman, oov = kv.evaluate_word_pairs(path, delimiter="\t", restrict_vocab=300000, case_insensitive=True)
    out["similarity"][path] = {"spearman": float(spearman[0]), "pearson": float(pearson[0]), "oov_ratio": oov}
print(json.dumps(out))
