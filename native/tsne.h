/* One Barnes-Hut t-SNE gradient; the JS reference is src/engine/kernels/tsneKernel.ts. */
#ifndef EMBEDLAB_TSNE_H
#define EMBEDLAB_TSNE_H
#include <stdint.h>

typedef struct {
  const double *Y; /* n x dims, dims 2 or 3 */
  long n, dims;
  double theta;
  /* P in CSR. */
  const int32_t *row_ptr, *cols;
  const double *vals;
  double exaggeration;
  int compute_kl;
  long threads;
  double *grad; /* out: n x dims */
} TsneArgs;

/* Builds the tree over Y and fills grad; out[0] = Z (the sum of q_ij), out[1] = the sum of p log(p/q).
   0 on failure: no memory, a thread that could not start, or a tree deeper than the walk's stack. */
int tsne_gradient(const TsneArgs *a, double out[2]);

#endif
