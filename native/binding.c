/*
 * The Node-API binding of the native kernels (stable ABI: one build serves every Node
 * version): it unpacks typed arrays and numbers, calls the plain-C kernels (linalg.c,
 * cooc.c, tokenizer.c, word2vec.c, glove.c, tsne.c) and packs their results. The kernels allocate nothing
 * per call beyond their scratch and never call back into JS. The JS versions in
 * src/engine/kernels are the reference; the conformance tests run both. word2vec and
 * GloVe take one argument object each, read by name in one place (word2vec_args,
 * glove_args); each thread keeps its word2vec scratch (ThreadScratch) from call to call.
 * This file holds the argument helpers, the linear algebra and init(); the tokenizer's
 * binding is in binding_tokenizer.c, word2vec's and GloVe's in binding_train.c.
 *
 * Built at install by scripts/build-native.mjs with -O3 -march=native -ffast-math, so
 * that the compiler vectorises the inner loops (AVX2/FMA on x86).
 */
#include <stdbool.h>
#include <stdint.h>

#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

#include "binding.h"
#include "linalg.h"
#include "cooc.h"

/* An empty typed array may have no data pointer; it gets this one, so that NULL only means "not a typed
   array" and every kernel takes empty arrays (the lengths it is given keep it from touching them). */
static double empty_array_data;

void *arg_array(napi_env env, napi_value v, size_t *length) {
  napi_typedarray_type type;
  size_t len;
  void *data;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, &len, &data, &buffer, &offset) != napi_ok) return NULL;
  if (length) *length = len;
  return data ? data : &empty_array_data;
}

/* arg_array, and NULL unless the typed array holds `type` (a Float32Array where doubles are written would be overrun). */
static void *arg_typed(napi_env env, napi_value v, napi_typedarray_type type, size_t *length) {
  napi_typedarray_type got;
  if (napi_get_typedarray_info(env, v, &got, NULL, NULL, NULL, NULL) != napi_ok || got != type) return NULL;
  return arg_array(env, v, length);
}

double arg_number(napi_env env, napi_value v) {
  double d = 0;
  napi_get_value_double(env, v, &d);
  return d;
}

napi_value js_double(napi_env env, double d) {
  napi_value r;
  napi_create_double(env, d, &r);
  return r;
}

/* ---- linear algebra ------------------------------------------------------ */

/* spmm(rowPtr f64, colIdx u32, vals f32, X f64 or f32, Y f64, width, from, to) */
static napi_value spmm(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value a[8];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 8) { napi_throw_error(env, NULL, "spmm needs 8 arguments"); return NULL; }
  const double *rowPtr = arg_array(env, a[0], NULL);
  const uint32_t *colIdx = arg_array(env, a[1], NULL);
  const float *vals = arg_array(env, a[2], NULL);
  const double *X64 = arg_typed(env, a[3], napi_float64_array, NULL);
  const float *X32 = arg_typed(env, a[3], napi_float32_array, NULL);
  double *Y = arg_array(env, a[4], NULL);
  if (!rowPtr || !colIdx || !vals || !arg_array(env, a[3], NULL) || !Y) { napi_throw_type_error(env, NULL, "spmm: typed arrays expected"); return NULL; }
  if (!X64 && !X32) { napi_throw_type_error(env, NULL, "spmm: X must be a Float64Array or a Float32Array"); return NULL; }
  const long width = (long)arg_number(env, a[5]), from = (long)arg_number(env, a[6]), to = (long)arg_number(env, a[7]);
  if (X32) spmm_rows_f32(rowPtr, colIdx, vals, X32, Y, width, from, to);
  else spmm_rows(rowPtr, colIdx, vals, X64, Y, width, from, to);
  return NULL;
}

/* coocCount(ids u32, from, to, segEnd, window, weights f64, dense f64, denseRows, vocab, sparse f64, fill f64[1]):
   returns the position it stopped at; fill[0] is the sparse buffer's fill, read and updated. */
static napi_value cooc_count(napi_env env, napi_callback_info info) {
  size_t argc = 11;
  napi_value a[11];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 11) { napi_throw_error(env, NULL, "coocCount needs 11 arguments"); return NULL; }
  size_t n_ids = 0, n_weights = 0, n_dense = 0, n_sparse = 0, n_fill = 0;
  const uint32_t *ids = arg_typed(env, a[0], napi_uint32_array, &n_ids);
  const double *weights = arg_typed(env, a[5], napi_float64_array, &n_weights);
  double *dense = arg_typed(env, a[6], napi_float64_array, &n_dense);
  double *sparse = arg_typed(env, a[9], napi_float64_array, &n_sparse);
  double *fill_box = arg_typed(env, a[10], napi_float64_array, &n_fill);
  if (!ids || !weights || !dense || !sparse || !fill_box || n_fill < 1) {
    napi_throw_type_error(env, NULL, "coocCount: ids is a Uint32Array; weights, dense, sparse and fill are Float64Arrays");
    return NULL;
  }
  const long from = (long)arg_number(env, a[1]), to = (long)arg_number(env, a[2]), seg_end = (long)arg_number(env, a[3]);
  const long window = (long)arg_number(env, a[4]), dense_rows = (long)arg_number(env, a[7]), vocab = (long)arg_number(env, a[8]);
  long fill = (long)fill_box[0];
  /* The loop trusts its bounds: check them once here rather than per pair. A key keeps the distance in its
     low 5 bits, so the window is at most 31; dense_rows * vocab is compared by division, which cannot overflow. */
  if (from < 0 || to > seg_end || seg_end > (long)n_ids || window < 1 || window > 31 || (size_t)window >= n_weights
      || dense_rows < 0 || vocab < 1 || (size_t)dense_rows > n_dense / (size_t)vocab
      || fill < 0 || (size_t)fill > n_sparse || (size_t)window > n_sparse) {
    napi_throw_range_error(env, NULL, "coocCount: a range or size is out of bounds");
    return NULL;
  }
  const long p = cooc_count_range(ids, from, to, seg_end, window, weights, dense, dense_rows, vocab, sparse, (long)n_sparse, &fill);
  fill_box[0] = (double)fill;
  return js_double(env, (double)p);
}

/* coocReduce(keys f64, weights f64, pairs f64, values f32): sorts and reduces all of keys; returns the pairs written. */
static napi_value cooc_reduce_js(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value a[4];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 4) { napi_throw_error(env, NULL, "coocReduce needs 4 arguments"); return NULL; }
  size_t n = 0, n_weights = 0, n_pairs = 0, n_values = 0;
  double *keys = arg_typed(env, a[0], napi_float64_array, &n);
  const double *weights = arg_typed(env, a[1], napi_float64_array, &n_weights);
  double *pairs = arg_typed(env, a[2], napi_float64_array, &n_pairs);
  float *values = arg_typed(env, a[3], napi_float32_array, &n_values);
  if (!keys || !weights || !pairs || !values) { napi_throw_type_error(env, NULL, "coocReduce: keys, weights and pairs are Float64Arrays, values a Float32Array"); return NULL; }
  if (n_pairs < n || n_values < n) { napi_throw_range_error(env, NULL, "coocReduce: pairs and values must hold as many entries as keys"); return NULL; }
  const long m = cooc_reduce(keys, (long)n, weights, (long)n_weights, pairs, values);
  if (m < 0) { napi_throw_range_error(env, NULL, "coocReduce: a key's distance has no weight"); return NULL; }
  return js_double(env, (double)m);
}

/* gram(Y, width, from, to, G) */
static napi_value gram(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value a[5];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  const double *Y = arg_array(env, a[0], NULL);
  double *G = arg_array(env, a[4], NULL);
  if (!Y || !G) { napi_throw_type_error(env, NULL, "gram: typed arrays expected"); return NULL; }
  gram_rows(Y, (long)arg_number(env, a[1]), (long)arg_number(env, a[2]), (long)arg_number(env, a[3]), G);
  return NULL;
}

/* cross(Q, Z, width, from, to, G) */
static napi_value cross(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value a[6];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  const double *Q = arg_array(env, a[0], NULL);
  const double *Z = arg_array(env, a[1], NULL);
  double *G = arg_array(env, a[5], NULL);
  if (!Q || !Z || !G) { napi_throw_type_error(env, NULL, "cross: typed arrays expected"); return NULL; }
  cross_rows(Q, Z, (long)arg_number(env, a[2]), (long)arg_number(env, a[3]), (long)arg_number(env, a[4]), G);
  return NULL;
}

/* rightMultiply(Y, width, S, outWidth, out, from, to) */
static napi_value right_multiply(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value a[7];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  const double *Y = arg_array(env, a[0], NULL);
  const double *S = arg_array(env, a[2], NULL);
  const long outWidth = (long)arg_number(env, a[3]);
  double *out = arg_array(env, a[4], NULL);
  if (!Y || !S || !out) { napi_throw_type_error(env, NULL, "rightMultiply: typed arrays expected"); return NULL; }
  if (outWidth > RIGHT_MULTIPLY_MAX_WIDTH) { napi_throw_range_error(env, NULL, "rightMultiply: outWidth over 4096"); return NULL; }
  right_multiply_rows(Y, (long)arg_number(env, a[1]), S, outWidth, out, (long)arg_number(env, a[5]), (long)arg_number(env, a[6]));
  return NULL;
}

/* dotRows(W f32, dim, from, to, Q f32 (nq x dim), nq, out f32) */
static napi_value dot_rows_js(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value a[7];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  const float *W = arg_array(env, a[0], NULL);
  const float *Q = arg_array(env, a[4], NULL);
  float *out = arg_array(env, a[6], NULL);
  if (!W || !Q || !out) { napi_throw_type_error(env, NULL, "dotRows: typed arrays expected"); return NULL; }
  dot_rows(W, (long)arg_number(env, a[1]), (long)arg_number(env, a[2]), (long)arg_number(env, a[3]), Q, (long)arg_number(env, a[5]), out);
  return NULL;
}

/* trimHeap() -> bool: gives memory that was freed back to the system (glibc's malloc_trim).
   Big buffers freed between a job's phases otherwise stay counted in the process's memory. */
static napi_value trim_heap(napi_env env, napi_callback_info info) {
  (void)info;
  bool trimmed = false;
#if defined(__GLIBC__)
  trimmed = malloc_trim(0) != 0;
#endif
  napi_value r; napi_get_boolean(env, trimmed, &r); return r;
}

static napi_value init(napi_env env, napi_value exports) {
  if (!keep_thread_scratch(env)) {
    napi_throw_error(env, NULL, "embedlab kernels: cannot keep this thread's scratch");
    return NULL;
  }
  napi_property_descriptor props[] = {
    {"spmm", NULL, spmm, NULL, NULL, NULL, napi_default, NULL},
    {"gram", NULL, gram, NULL, NULL, NULL, napi_default, NULL},
    {"cross", NULL, cross, NULL, NULL, NULL, napi_default, NULL},
    {"rightMultiply", NULL, right_multiply, NULL, NULL, NULL, napi_default, NULL},
    {"dotRows", NULL, dot_rows_js, NULL, NULL, NULL, napi_default, NULL},
    {"coocCount", NULL, cooc_count, NULL, NULL, NULL, napi_default, NULL},
    {"coocReduce", NULL, cooc_reduce_js, NULL, NULL, NULL, napi_default, NULL},
    {"word2vecTrain", NULL, word2vec_train, NULL, NULL, NULL, napi_default, NULL},
    {"gloveTrain", NULL, glove_train_js, NULL, NULL, NULL, napi_default, NULL},
    {"tsneGradient", NULL, tsne_gradient_js, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerCreate", NULL, tok_create, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerPush", NULL, tok_push_js, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerEmitBytes", NULL, tok_emit_bytes_js, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerFinishFile", NULL, tok_finish, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerSize", NULL, tok_size, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerCounts", NULL, tok_counts, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerWordsJoined", NULL, tok_words_joined_js, NULL, NULL, NULL, napi_default, NULL},
    {"encodeMappedVarints", NULL, encode_mapped_varints_js, NULL, NULL, NULL, napi_default, NULL},
    {"encodeVarints", NULL, encode_varints_js, NULL, NULL, NULL, napi_default, NULL},
    {"decodeVarints", NULL, decode_varints_js, NULL, NULL, NULL, napi_default, NULL},
    {"trimHeap", NULL, trim_heap, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
