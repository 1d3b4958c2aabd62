/* The co-occurrence counting loop (see cooc.h). */
#include <string.h>
#include "cooc.h"
#include "prefetch.h"

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
        if (a < dense_rows && b < vocab) prefetch_for_write(dense + a * vocab + b, sizeof(double));
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

/* Digits of 11 bits: the counts of one pass (2,048) stay in L1. */
enum { RADIX_BITS = 11, RADIX = 1 << RADIX_BITS };

long cooc_reduce(double *keys, long n, const double *weights, long n_weights, double *pairs, float *values) {
  if (n <= 0) return 0;
  /* The keys are integers below 2^53 held in doubles: sorted as integers, in the same buffers. */
  uint64_t *a = (uint64_t *)keys, *b = (uint64_t *)pairs, top = 0;
  for (long k = 0; k < n; k++) {
    double x;
    memcpy(&x, &keys[k], sizeof x); /* the same bytes read as a double, then rewritten as an integer */
    const uint64_t u = (uint64_t)x;
    memcpy(&a[k], &u, sizeof u);
    top |= u;
  }
  static _Thread_local long count[RADIX];
  for (int shift = 0; shift < 64 && (top >> shift) != 0; shift += RADIX_BITS) {
    memset(count, 0, sizeof count);
    for (long k = 0; k < n; k++) count[(a[k] >> shift) & (RADIX - 1)]++;
    long at = 0;
    for (int d = 0; d < RADIX; d++) { const long c = count[d]; count[d] = at; at += c; }
    for (long k = 0; k < n; k++) b[count[(a[k] >> shift) & (RADIX - 1)]++] = a[k];
    uint64_t *t = a; a = b; b = t;
  }
  /* a holds the sorted keys (keys' or pairs' buffer); writing pairs[m] never passes the key being read. */
  long m = 0;
  uint64_t current = a[0] / 32;
  double acc = 0;
  for (long k = 0; k < n; k++) {
    const uint64_t key = a[k], pair = key / 32;
    if (pair != current) {
      pairs[m] = (double)current;
      values[m++] = (float)acc;
      current = pair;
      acc = 0;
    }
    if ((long)(key % 32) >= n_weights) return -1;
    acc += weights[key % 32];
  }
  pairs[m] = (double)current;
  values[m++] = (float)acc;
  return m;
}
