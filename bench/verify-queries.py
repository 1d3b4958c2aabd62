#!/usr/bin/python3
"""gensim's answers to the lab's vectors.query on one set of vectors, for the unit test that compares them
(test/unit/vectors/gensimQueries.test.ts). Run with Debian's python3-gensim:

    /usr/bin/python3 bench/verify-queries.py test/fixtures/queries/brown-400x25.txt > test/fixtures/queries/gensim-answers.json

The vectors are the 400 most frequent words of an SGNS run on Brown (d = 25), as word2vec text.
"""
import json
import sys

import gensim
from gensim.models import KeyedVectors

kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=False)
queries = [
    {"query": "most_similar", "positive": ["man"], "negative": [], "topn": 10},
    {"query": "most_similar", "positive": ["children", "man"], "negative": ["men"], "topn": 10},
    {"query": "most_similar", "positive": ["city", "state", "government"], "negative": ["war"], "topn": 15},
    {"query": "most_similar", "positive": [], "negative": ["house"], "topn": 5},
    {"query": "most_similar", "positive": ["day", "night"], "negative": [], "topn": 10, "restrict": 100},
    {"query": "most_similar", "method": "3cosmul", "positive": ["children", "man"], "negative": ["men"], "topn": 10},
    {"query": "most_similar", "method": "3cosmul", "positive": ["school", "college", "church"], "negative": ["war", "death"], "topn": 10},
    {"query": "most_similar", "method": "3cosmul", "positive": ["year"], "negative": [], "topn": 10},
    {"query": "doesnt_match", "words": ["man", "boy", "children", "house"]},
    {"query": "doesnt_match", "words": ["city", "state", "country", "eyes", "government"]},
    {"query": "similarity", "a": "man", "b": "boy"},
    {"query": "similarity", "a": "city", "b": "eyes"},
    {"query": "n_similarity", "ws1": ["man", "boy"], "ws2": ["men", "children", "family"]},
    {"query": "n_similarity", "ws1": ["school", "college"], "ws2": ["war", "death"]},
]
answers = []
for q in queries:
    if q["query"] == "most_similar":
        if q.get("method") == "3cosmul":
            got = kv.most_similar_cosmul(positive=q["positive"], negative=q["negative"], topn=q["topn"])
        else:
            got = kv.most_similar(positive=q["positive"], negative=q["negative"], topn=q["topn"], restrict_vocab=q.get("restrict"))
        answers.append({**q, "answers": [[w, float(s)] for w, s in got]})
    elif q["query"] == "doesnt_match":
        answers.append({**q, "word": kv.doesnt_match(q["words"])})
    elif q["query"] == "similarity":
        answers.append({**q, "similarity": float(kv.similarity(q["a"], q["b"]))})
    else:
        answers.append({**q, "similarity": float(kv.n_similarity(q["ws1"], q["ws2"]))})
json.dump({"gensim": gensim.__version__, "vectors": "brown-400x25.txt", "queries": answers}, sys.stdout, indent=1, ensure_ascii=False)
print()
