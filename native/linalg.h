/* The tall linear-algebra kernels on row ranges (the JS reference is src/engine/kernels/linalgKernels.ts). */
#ifndef EMBEDLAB_LINALG_H
#define EMBEDLAB_LINALG_H
#include <stdint.h>

/* The widest S that right_multiply_rows takes (its row buffer lives on the stack). */
#define RIGHT_MULTIPLY_MAX_WIDTH 4096

/* Y[r,:] = sum_k A[r,c_k] X[c_k,:] for r in [from, to), A in CSR (row pointers in float64). */
void spmm_rows(const double *rowPtr, const uint32_t *colIdx, const float *vals, const double *X, double *Y, long width, long from, long to);
/* The same with X in floats. */
void spmm_rows_f32(const double *rowPtr, const uint32_t *colIdx, const float *vals, const float *X, double *Y, long width, long from, long to);
/* G += Y[from:to]^T Y[from:to], upper triangle. */
void gram_rows(const double *Y, long width, long from, long to, double *G);
/* G += Q[from:to]^T Z[from:to], full. */
void cross_rows(const double *Q, const double *Z, long width, long from, long to, double *G);
/* out[r,:] = Y[r,:] S for r in [from, to); outWidth <= RIGHT_MULTIPLY_MAX_WIDTH. */
void right_multiply_rows(const double *Y, long width, const double *S, long outWidth, double *out, long from, long to);
/* out[(i-from)*nq + q] = W[i,:] . Q[q,:] for rows i in [from, to) of W (float32, dim wide). */
void dot_rows(const float *W, long dim, long from, long to, const float *Q, long nq, float *out);

#endif
