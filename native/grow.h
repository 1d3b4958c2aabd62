/* Growable buffers for the native kernels: plain C, no Node-API. */
#ifndef EMBEDLAB_GROW_H
#define EMBEDLAB_GROW_H
#include <stdlib.h>

/* Makes room for `need` elements of `elem` bytes in *p (capacity *cap, doubling from 1024); 0 when out of memory. */
static inline int grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return 1;
  size_t c = *cap ? *cap : 1024;
  while (c < need) c *= 2;
  void *q = realloc(*p, c * elem);
  if (!q) return 0;
  *p = q; *cap = c;
  return 1;
}

#endif
