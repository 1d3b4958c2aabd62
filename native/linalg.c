/* The tall linear-algebra kernels (see linalg.h). The compiler vectorises the inner loops. */
#include <string.h>
#include "linalg.h"
#include "prefetch.h"

/* How many non-zeros ahead spmm asks for the row of X it will need. The columns of a sparse row
   are scattered over X, which is too big for the caches (57k rows of 110 doubles for a PPMI matrix
   of the medium corpus), and the hardware prefetcher cannot guess them. */
enum { SPMM_AHEAD = 8 };

/* Y[from:to] = A[from:to] X, written once for X in doubles and in floats. In floats, X's rows take half the
   bytes, and the randomized SVD's products wait on those rows: its 16 products on the medium corpus's PPMI
   matrix took about 40% less time. The sums are in doubles either way. */
#define SPMM_ROWS(name, T)                                                                                         \
  void name(const double *rowPtr, const uint32_t *colIdx, const float *vals, const T *X, double *Y, long width, \
            long from, long to) {                                                                                 \
    const long last = (long)rowPtr[to];                                                                           \
    for (long r = from; r < to; r++) {                                                                            \
      double *restrict y = Y + r * width;                                                                         \
      for (long t = 0; t < width; t++) y[t] = 0;                                                                  \
      const long end = (long)rowPtr[r + 1];                                                                       \
      for (long k = (long)rowPtr[r]; k < end; k++) {                                                              \
        if (k + SPMM_AHEAD < last) prefetch_for_read(X + (long)colIdx[k + SPMM_AHEAD] * width, (size_t)width * sizeof(T)); \
        const double v = vals[k];                                                                                 \
        const T *restrict x = X + (long)colIdx[k] * width;                                                        \
        for (long t = 0; t < width; t++) y[t] += v * x[t];                                                        \
      }                                                                                                           \
    }                                                                                                             \
  }

SPMM_ROWS(spmm_rows, double)
SPMM_ROWS(spmm_rows_f32, float)

void gram_rows(const double *Y, long width, long from, long to, double *G) {
  for (long r = from; r < to; r++) {
    const double *restrict y = Y + r * width;
    for (long i = 0; i < width; i++) {
      const double yi = y[i];
      double *restrict g = G + i * width;
      for (long j = i; j < width; j++) g[j] += yi * y[j];
    }
  }
}

void cross_rows(const double *Q, const double *Z, long width, long from, long to, double *G) {
  for (long r = from; r < to; r++) {
    const double *restrict q = Q + r * width;
    const double *restrict z = Z + r * width;
    for (long i = 0; i < width; i++) {
      const double qi = q[i];
      double *restrict g = G + i * width;
      for (long j = 0; j < width; j++) g[j] += qi * z[j];
    }
  }
}

void right_multiply_rows(const double *Y, long width, const double *S, long outWidth, double *out, long from, long to) {
  double row[RIGHT_MULTIPLY_MAX_WIDTH];
  for (long r = from; r < to; r++) {
    memset(row, 0, sizeof(double) * outWidth);
    const double *restrict y = Y + r * width;
    for (long i = 0; i < width; i++) {
      const double yi = y[i];
      const double *restrict s = S + i * outWidth;
      for (long j = 0; j < outWidth; j++) row[j] += yi * s[j];
    }
    memcpy(out + r * outWidth, row, sizeof(double) * outWidth);
  }
}

/* Queries are taken in blocks that stay in cache while the rows stream by. */
void dot_rows(const float *W, long dim, long from, long to, const float *Q, long nq, float *out) {
  const long block = 64;
  for (long q0 = 0; q0 < nq; q0 += block) {
    const long q1 = q0 + block < nq ? q0 + block : nq;
    for (long i = from; i < to; i++) {
      const float *restrict w = W + i * dim;
      float *restrict o = out + (i - from) * nq;
      for (long q = q0; q < q1; q++) {
        const float *restrict v = Q + q * dim;
        float acc = 0;
        for (long t = 0; t < dim; t++) acc += w[t] * v[t];
        o[q] = acc;
      }
    }
  }
}
