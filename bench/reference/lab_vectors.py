"""Reads a run's word vectors from a lab file (SQLite), in either layout the lab has written:
whole matrices in run_vectors.w (schema < 5) or pieces in run_matrix_chunks (schema 5 on)."""
import numpy as np


def read_run(con, run):
    """(words, counts, W) of a run; W is float32, one row per word. None when the run has no vectors."""
    row = con.execute('SELECT words, counts, dim, w FROM run_vectors WHERE run_id = ?', (run,)).fetchone()
    if row is None:
        return None
    words_text, counts_blob, dim, w_blob = row
    words = words_text.split('\n') if len(counts_blob) else []
    counts = np.frombuffer(counts_blob, dtype='<u4').astype(np.int64)
    if not w_blob:
        pieces = con.execute("SELECT data FROM run_matrix_chunks WHERE run_id = ? AND matrix = 'w' ORDER BY seq", (run,)).fetchall()
        w_blob = b''.join(p[0] for p in pieces)
    W = np.frombuffer(w_blob, dtype='<f4').reshape(len(words), dim).astype(np.float32)
    return words, counts, W
