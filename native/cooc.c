/* The co-occurrence counting loop (see cooc.h). */
#include "cooc.h"

/* How many positions ahead the dense cells of a position's pairs are fetched: the frequent words' rows
   are a table of about 100 MB, and a pair's cell is a random address in it. */
enum { COUNT_AHEAD = 4 };

long cooc_count_range(const uint32_t *ids, long from, long to, long seg_end, long window, const double *weights,
                      double *dense, long dense_rows, long vocab, double *sparse, long sparse_len, long *fill) {
  const long cap = sparse_len - window;
  long f = *fill, p = from;
  for (; p < to; p++) {
    if (f > cap) break;
    const long ahead = p + COUNT_AHEAD;
    if (ahead < seg_end) {
      const long i = ids[ahead], last = seg_end - 1 < ahead + window ? seg_end - 1 : ahead + window;
      for (long q = ahead + 1; q <= last; q++) {
        const long j = ids[q], a = j < i ? j : i, b = j < i ? i : j;
        if (a < dense_rows && b < vocab) __builtin_prefetch(dense + a * vocab + b, 1, 3);
      }
    }
    const long i = ids[p];
    const long last = seg_end - 1 < p + window ? seg_end - 1 : p + window;
    for (long q = p + 1; q <= last; q++) {
      const long j = ids[q], d = q - p;
      const long a = j < i ? j : i, b = j < i ? i : j;
      if (a < dense_rows) { if (b < vocab) dense[a * vocab + b] += weights[d]; } /* ids past the vocabulary never write past the table */
      else sparse[f++] = (double)((a * vocab + b) * 32 + d);
    }
  }
  *fill = f;
  return p;
}
