/* GloVe's AdaGrad step (glove.c); the JS reference is src/engine/kernels/gloveKernel.ts. */
#ifndef EMBEDLAB_GLOVE_H
#define EMBEDLAB_GLOVE_H
#include <stdint.h>

typedef struct {
  /* The model and its AdaGrad sums, shared by every thread (Hogwild). */
  float *W, *Wt, *bias, *biasT, *gradsq, *gradsqT, *gbias, *gbiasT;
  long dim;
  /* The shuffled co-occurrence entries, and the range [from, to) of this call. */
  const uint32_t *rows, *cols;
  const float *vals;
  long from, to;
  float x_max, alpha, eta;
} GloveArgs;

/* Trains on the entries [from, to); returns the summed cost 1/2 f(X)(w.w~ + b + b~ - log X)^2. */
double glove_train(const GloveArgs *a);

#endif
