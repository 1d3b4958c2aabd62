#include <math.h>
#include <string.h>
#include "glove.h"

/* isfinite() on the bits: the build's -ffast-math lets the compiler assume every float is
   finite and drop isfinite(), which would let a diverging or zero entry write NaN into W. */
static inline int finite_bits(float x) {
  uint32_t u;
  memcpy(&u, &x, sizeof u);
  return (u & 0x7f800000u) != 0x7f800000u;
}

double glove_train(const GloveArgs *a) {
  float *W = a->W, *Wt = a->Wt, *bias = a->bias, *biasT = a->biasT;
  float *gsq = a->gradsq, *gsqT = a->gradsqT, *gb = a->gbias, *gbT = a->gbiasT;
  const long dim = a->dim;
  const uint32_t *rows = a->rows, *cols = a->cols;
  const float *vals = a->vals;
  const float xMax = a->x_max, alpha = a->alpha, eta = a->eta;
  double cost = 0;
  for (long k = a->from; k < a->to; k++) {
    const long i = rows[k], j = cols[k];
    const float x = vals[k];
    float *restrict w = W + i * dim, *restrict wt = Wt + j * dim;
    float *restrict g = gsq + i * dim, *restrict gt = gsqT + j * dim;
    float diff = bias[i] + biasT[j] - logf(x);
    for (long t = 0; t < dim; t++) diff += w[t] * wt[t];
    float fdiff = x > xMax ? diff : powf(x / xMax, alpha) * diff;
    if (!finite_bits(diff) || !finite_bits(fdiff)) continue;
    cost += 0.5 * fdiff * diff;
    fdiff *= eta;
    for (long t = 0; t < dim; t++) {
      const float t1 = fdiff * wt[t], t2 = fdiff * w[t];
      w[t] -= t1 / sqrtf(g[t]);
      wt[t] -= t2 / sqrtf(gt[t]);
      g[t] += t1 * t1;
      gt[t] += t2 * t2;
    }
    bias[i] -= fdiff / sqrtf(gb[i]);
    biasT[j] -= fdiff / sqrtf(gbT[j]);
    gb[i] += fdiff * fdiff;
    gbT[j] += fdiff * fdiff;
  }
  return cost;
}
