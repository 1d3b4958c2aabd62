/*
 * Native kernels for the engine's hot loops, through Node-API (stable ABI: one
 * build serves every Node version). Each takes typed arrays and numbers, works
 * on a row range, allocates nothing and never calls back into JS. The JS
 * versions in src/engine are the reference; the conformance tests run both.
 *
 * Built at install by scripts/build-native.mjs with -O3 -march=native
 * -ffast-math, so that the compiler vectorises the inner loops (AVX2/FMA on x86).
 */
#include <node_api.h>
#include <stdint.h>
#include <string.h>

#define CHECK(call) do { if ((call) != napi_ok) { napi_throw_error(env, NULL, "embedlab kernels: bad arguments"); return NULL; } } while (0)

static void *array_data(napi_env env, napi_value v, size_t *length) {
  napi_typedarray_type type;
  size_t len;
  void *data;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, &len, &data, &buffer, &offset) != napi_ok) return NULL;
  if (length) *length = len;
  return data;
}

static double number(napi_env env, napi_value v) {
  double d = 0;
  napi_get_value_double(env, v, &d);
  return d;
}

/* spmm(rowPtr f64, colIdx u32, vals f32, X f64, Y f64, width, from, to): Y[r,:] = sum_k A[r,c_k] X[c_k,:] */
static napi_value spmm(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value a[8];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 8) { napi_throw_error(env, NULL, "spmm needs 8 arguments"); return NULL; }
  const double *rowPtr = array_data(env, a[0], NULL);
  const uint32_t *colIdx = array_data(env, a[1], NULL);
  const float *vals = array_data(env, a[2], NULL);
  const double *X = array_data(env, a[3], NULL);
  double *Y = array_data(env, a[4], NULL);
  const long width = (long)number(env, a[5]), from = (long)number(env, a[6]), to = (long)number(env, a[7]);
  if (!rowPtr || !colIdx || !vals || !X || !Y) { napi_throw_type_error(env, NULL, "spmm: typed arrays expected"); return NULL; }
  for (long r = from; r < to; r++) {
    double *restrict y = Y + r * width;
    for (long t = 0; t < width; t++) y[t] = 0;
    const long end = (long)rowPtr[r + 1];
    for (long k = (long)rowPtr[r]; k < end; k++) {
      const double v = vals[k];
      const double *restrict x = X + (long)colIdx[k] * width;
      for (long t = 0; t < width; t++) y[t] += v * x[t];
    }
  }
  return NULL;
}

/* gram(Y, width, from, to, G): G += Y[from:to]^T Y[from:to], upper triangle */
static napi_value gram(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value a[5];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  const double *Y = array_data(env, a[0], NULL);
  const long width = (long)number(env, a[1]), from = (long)number(env, a[2]), to = (long)number(env, a[3]);
  double *G = array_data(env, a[4], NULL);
  if (!Y || !G) { napi_throw_type_error(env, NULL, "gram: typed arrays expected"); return NULL; }
  for (long r = from; r < to; r++) {
    const double *restrict y = Y + r * width;
    for (long i = 0; i < width; i++) {
      const double yi = y[i];
      double *restrict g = G + i * width;
      for (long j = i; j < width; j++) g[j] += yi * y[j];
    }
  }
  return NULL;
}

/* cross(Q, Z, width, from, to, G): G += Q[from:to]^T Z[from:to], full */
static napi_value cross(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value a[6];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  const double *Q = array_data(env, a[0], NULL);
  const double *Z = array_data(env, a[1], NULL);
  const long width = (long)number(env, a[2]), from = (long)number(env, a[3]), to = (long)number(env, a[4]);
  double *G = array_data(env, a[5], NULL);
  if (!Q || !Z || !G) { napi_throw_type_error(env, NULL, "cross: typed arrays expected"); return NULL; }
  for (long r = from; r < to; r++) {
    const double *restrict q = Q + r * width;
    const double *restrict z = Z + r * width;
    for (long i = 0; i < width; i++) {
      const double qi = q[i];
      double *restrict g = G + i * width;
      for (long j = 0; j < width; j++) g[j] += qi * z[j];
    }
  }
  return NULL;
}

/* rightMultiply(Y, width, S, outWidth, out, from, to): out[r,:] = Y[r,:] S */
static napi_value right_multiply(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value a[7];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  const double *Y = array_data(env, a[0], NULL);
  const long width = (long)number(env, a[1]);
  const double *S = array_data(env, a[2], NULL);
  const long outWidth = (long)number(env, a[3]);
  double *out = array_data(env, a[4], NULL);
  const long from = (long)number(env, a[5]), to = (long)number(env, a[6]);
  if (!Y || !S || !out) { napi_throw_type_error(env, NULL, "rightMultiply: typed arrays expected"); return NULL; }
  double row[4096];
  if (outWidth > 4096) { napi_throw_range_error(env, NULL, "rightMultiply: outWidth over 4096"); return NULL; }
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
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"spmm", NULL, spmm, NULL, NULL, NULL, napi_default, NULL},
    {"gram", NULL, gram, NULL, NULL, NULL, napi_default, NULL},
    {"cross", NULL, cross, NULL, NULL, NULL, napi_default, NULL},
    {"rightMultiply", NULL, right_multiply, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
