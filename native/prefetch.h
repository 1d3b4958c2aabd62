/*
 * Asking for memory ahead of its use, for the loops whose next addresses are random (the hardware
 * prefetcher cannot guess them) but known a few steps early: GloVe's rows, word2vec's noise words,
 * spmm's rows of X, the counter's dense cells. 64-byte lines, kept in every cache level. No result
 * depends on them.
 */
#ifndef EMBEDLAB_PREFETCH_H
#define EMBEDLAB_PREFETCH_H
#include <stddef.h>

/* The lines of [p, p + bytes), which the loop will write. */
static inline void prefetch_for_write(const void *p, size_t bytes) {
  const char *c = (const char *)p;
  for (size_t b = 0; b < bytes; b += 64) __builtin_prefetch(c + b, 1, 3);
}

/* The lines of [p, p + bytes), which the loop will only read. */
static inline void prefetch_for_read(const void *p, size_t bytes) {
  const char *c = (const char *)p;
  for (size_t b = 0; b < bytes; b += 64) __builtin_prefetch(c + b, 0, 3);
}

#endif
