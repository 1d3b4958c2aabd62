/* The co-occurrence counting loop and the reduction of its runs; the JS reference is src/engine/kernels/coocKernel.ts. */
#ifndef EMBEDLAB_COOC_H
#define EMBEDLAB_COOC_H
#include <stdint.h>

/*
 * Counts the pairs whose first position p lies in [from, to) of a segment ending at seg_end, each once as
 * (a, b) with a <= b, with weight weights[q - p]: rows a < dense_rows add into dense (dense_rows x vocab),
 * the others append the packed key ((a * vocab + b) * 32 + d) to sparse from *fill on. Stops early,
 * before a position, once *fill passes sparse_len - window. Returns the position it stopped at.
 */
long cooc_count_range(const uint32_t *ids, long from, long to, long seg_end, long window, const double *weights,
                      double *dense, long dense_rows, long vocab, double *sparse, long sparse_len, long *fill);

/*
 * Sorts the n packed keys ascending (radix sort, pairs as its scratch) and reduces them to distinct
 * pairs (key / 32) with the summed weights of their distances (key % 32), summed in key order:
 * writes pairs[0..m) and values[0..m) and returns m, or -1 for a distance with no weight (of
 * n_weights). keys is left as scratch.
 */
long cooc_reduce(double *keys, long n, const double *weights, long n_weights, double *pairs, float *values);

#endif
