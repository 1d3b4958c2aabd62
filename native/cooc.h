/* The co-occurrence counting loop; the JS reference is src/engine/cooc/countKernel.ts (countRange). */
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

#endif
