/*
 * The Node-API binding of the native kernels (stable ABI: one build serves every Node
 * version): it unpacks typed arrays and numbers, calls the plain-C kernels (linalg.c,
 * tokenizer.c, word2vec.c, glove.c) and packs their results. The kernels allocate nothing
 * per call beyond their scratch and never call back into JS. The JS versions in
 * src/engine/kernels are the reference; the conformance tests run both.
 *
 * Built at install by scripts/build-native.mjs with -O3 -march=native -ffast-math, so
 * that the compiler vectorises the inner loops (AVX2/FMA on x86).
 */
#include <node_api.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

#include "glove.h"
#include "linalg.h"
#include "tokenizer.h"
#include "word2vec.h"

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

static napi_value js_double(napi_env env, double d) {
  napi_value r;
  napi_create_double(env, d, &r);
  return r;
}

/* ---- linear algebra ------------------------------------------------------ */

/* spmm(rowPtr f64, colIdx u32, vals f32, X f64, Y f64, width, from, to) */
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
  if (!rowPtr || !colIdx || !vals || !X || !Y) { napi_throw_type_error(env, NULL, "spmm: typed arrays expected"); return NULL; }
  spmm_rows(rowPtr, colIdx, vals, X, Y, (long)number(env, a[5]), (long)number(env, a[6]), (long)number(env, a[7]));
  return NULL;
}

/* gram(Y, width, from, to, G) */
static napi_value gram(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value a[5];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  const double *Y = array_data(env, a[0], NULL);
  double *G = array_data(env, a[4], NULL);
  if (!Y || !G) { napi_throw_type_error(env, NULL, "gram: typed arrays expected"); return NULL; }
  gram_rows(Y, (long)number(env, a[1]), (long)number(env, a[2]), (long)number(env, a[3]), G);
  return NULL;
}

/* cross(Q, Z, width, from, to, G) */
static napi_value cross(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value a[6];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  const double *Q = array_data(env, a[0], NULL);
  const double *Z = array_data(env, a[1], NULL);
  double *G = array_data(env, a[5], NULL);
  if (!Q || !Z || !G) { napi_throw_type_error(env, NULL, "cross: typed arrays expected"); return NULL; }
  cross_rows(Q, Z, (long)number(env, a[2]), (long)number(env, a[3]), (long)number(env, a[4]), G);
  return NULL;
}

/* rightMultiply(Y, width, S, outWidth, out, from, to) */
static napi_value right_multiply(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value a[7];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  const double *Y = array_data(env, a[0], NULL);
  const double *S = array_data(env, a[2], NULL);
  const long outWidth = (long)number(env, a[3]);
  double *out = array_data(env, a[4], NULL);
  if (!Y || !S || !out) { napi_throw_type_error(env, NULL, "rightMultiply: typed arrays expected"); return NULL; }
  if (outWidth > RIGHT_MULTIPLY_MAX_WIDTH) { napi_throw_range_error(env, NULL, "rightMultiply: outWidth over 4096"); return NULL; }
  right_multiply_rows(Y, (long)number(env, a[1]), S, outWidth, out, (long)number(env, a[5]), (long)number(env, a[6]));
  return NULL;
}

/* dotRows(W f32, dim, from, to, Q f32 (nq x dim), nq, out f32) */
static napi_value dot_rows_js(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value a[7];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  const float *W = array_data(env, a[0], NULL);
  const float *Q = array_data(env, a[4], NULL);
  float *out = array_data(env, a[6], NULL);
  if (!W || !Q || !out) { napi_throw_type_error(env, NULL, "dotRows: typed arrays expected"); return NULL; }
  dot_rows(W, (long)number(env, a[1]), (long)number(env, a[2]), (long)number(env, a[3]), Q, (long)number(env, a[5]), out);
  return NULL;
}

/* ---- the tokenizer --------------------------------------------------------- */

static void tok_finalize(napi_env env, void *data, void *hint) {
  (void)env; (void)hint;
  tok_delete(data);
}

static Tok *tok_of(napi_env env, napi_value v) {
  void *p = NULL;
  if (napi_get_value_external(env, v, &p) != napi_ok) return NULL;
  return p;
}

/* A new Uint32Array holding a copy of n values. */
static napi_value copy_u32(napi_env env, const uint32_t *values, size_t n) {
  void *data;
  napi_value ab, arr;
  if (napi_create_arraybuffer(env, n * 4, &data, &ab) != napi_ok) return NULL;
  if (n) memcpy(data, values, n * 4);
  if (napi_create_typedarray(env, napi_uint32_array, n, ab, 0, &arr) != napi_ok) return NULL;
  return arr;
}

/* tokenizerCreate(lowercase) -> handle */
static napi_value tok_create(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value a[1];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  bool lowercase = true;
  if (argc > 0) napi_get_value_bool(env, a[0], &lowercase);
  Tok *t = tok_new(lowercase);
  if (!t) { napi_throw_error(env, NULL, "tokenizerCreate: out of memory"); return NULL; }
  napi_value handle;
  CHECK(napi_create_external(env, t, tok_finalize, NULL, &handle));
  return handle;
}

/* tokenizerPush(handle, bytes, from, out f64[1]) -> where a chunk for the slow lane starts (bytes.length when done);
   that chunk's end is returned in out[0]. */
static napi_value tok_push_js(napi_env env, napi_callback_info info) {
  size_t argc = 4; napi_value a[4];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  size_t end;
  const uint8_t *b = array_data(env, a[1], &end);
  double *out = array_data(env, a[3], NULL);
  if (!t || !b || !out) { napi_throw_type_error(env, NULL, "tokenizerPush: bad arguments"); return NULL; }
  size_t slow_end = end;
  const size_t slow = tok_push(t, b, (size_t)number(env, a[2]), end, &slow_end);
  if (slow < end) out[0] = (double)slow_end;
  return js_double(env, (double)slow);
}

/* tokenizerEmitBytes(handle, bytes) -> id: looks up (inserting) one token given as UTF-8 and appends it. */
static napi_value tok_emit_bytes_js(napi_env env, napi_callback_info info) {
  size_t argc = 2; napi_value a[2];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  size_t len;
  const uint8_t *b = array_data(env, a[1], &len);
  if (!t || !b) { napi_throw_type_error(env, NULL, "tokenizerEmitBytes: bad arguments"); return NULL; }
  napi_value r; napi_create_uint32(env, tok_emit_bytes(t, b, (uint32_t)len), &r); return r;
}

/* tokenizerFinishFile(handle) -> [ids Uint32Array, breaks Uint32Array] (copies; the tokenizer resets its file state) */
static napi_value tok_finish(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value a[1];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  if (!t) { napi_throw_type_error(env, NULL, "tokenizerFinishFile: bad handle"); return NULL; }
  napi_value ids = copy_u32(env, t->ids, t->n), brk = copy_u32(env, t->breaks, t->nbreaks), arr;
  if (!ids || !brk) { napi_throw_error(env, NULL, "tokenizerFinishFile: cannot make the arrays"); return NULL; }
  tok_reset_file(t);
  CHECK(napi_create_array_with_length(env, 2, &arr));
  napi_set_element(env, arr, 0, ids);
  napi_set_element(env, arr, 1, brk);
  return arr;
}

/* tokenizerCounts(handle) -> Uint32Array (a copy): occurrences of each id in every token emitted so far */
static napi_value tok_counts(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value a[1];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  if (!t) { napi_throw_type_error(env, NULL, "tokenizerCounts: bad handle"); return NULL; }
  napi_value out = copy_u32(env, t->counts, t->size);
  if (!out) { napi_throw_error(env, NULL, "tokenizerCounts: cannot make the array"); return NULL; }
  return out;
}

/* tokenizerWordsJoined(handle, from) -> one string: the types with ids from `from` on, joined by "\n".
   One string crosses threads far faster than an array of them. */
static napi_value tok_words_joined_js(napi_env env, napi_callback_info info) {
  size_t argc = 2; napi_value a[2];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  uint32_t from = (uint32_t)number(env, a[1]);
  if (!t) { napi_throw_type_error(env, NULL, "tokenizerWordsJoined: bad handle"); return NULL; }
  const size_t bytes = tok_words_joined_size(t, from);
  char *buf = malloc(bytes ? bytes : 1);
  if (!buf) { napi_throw_error(env, NULL, "tokenizerWordsJoined: out of memory"); return NULL; }
  const size_t used = tok_words_joined(t, from, buf);
  napi_value r;
  napi_status st = napi_create_string_utf8(env, buf, used, &r);
  free(buf);
  if (st != napi_ok) { napi_throw_error(env, NULL, "tokenizerWordsJoined: cannot make the string"); return NULL; }
  return r;
}

static napi_value tok_size(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value a[1];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  if (!t) { napi_throw_type_error(env, NULL, "tokenizerSize: bad handle"); return NULL; }
  napi_value r; napi_create_uint32(env, t->size, &r); return r;
}

/* encodeMappedVarints(ids u32, from, to, map u32, out u8) -> bytes written: LEB128 of map[ids[i]] for i in [from, to) */
static napi_value encode_mapped_varints_js(napi_env env, napi_callback_info info) {
  size_t argc = 5; napi_value a[5];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  size_t nids, nmap, nout;
  const uint32_t *ids = array_data(env, a[0], &nids);
  const size_t from = (size_t)number(env, a[1]), to = (size_t)number(env, a[2]);
  const uint32_t *map = array_data(env, a[3], &nmap);
  uint8_t *out = array_data(env, a[4], &nout);
  if (!ids || !map || !out || to > nids || from > to || nout < (to - from) * 5) {
    napi_throw_type_error(env, NULL, "encodeMappedVarints: bad arguments"); return NULL;
  }
  const long p = encode_mapped_varints(ids, from, to, map, nmap, out);
  if (p < 0) { napi_throw_range_error(env, NULL, "encodeMappedVarints: id outside the map"); return NULL; }
  return js_double(env, (double)p);
}

/* ---- word2vec and GloVe ------------------------------------------------------- */

/* word2vecTrain(W, C, dim, aliasProb, aliasIdx, keep, ids, sentStarts, sentFrom, sentTo, window, negative, alpha0, minRatio,
                 wordsBefore, totalWords, rngState(BigUint64Array[1]), cbow, out(Float64Array[3]))
   out: [words read, loss sum, loss terms] for the sampled loss (every 8th position). */
static napi_value word2vec_train(napi_env env, napi_callback_info info) {
  size_t argc = 19;
  napi_value a[19];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 19) { napi_throw_error(env, NULL, "word2vecTrain needs 19 arguments"); return NULL; }
  W2vArgs w = {0};
  size_t V = 0;
  w.W = array_data(env, a[0], NULL);
  w.C = array_data(env, a[1], NULL);
  w.dim = (long)number(env, a[2]);
  w.alias_prob = array_data(env, a[3], &V);
  w.vocab = (uint32_t)V;
  w.alias_idx = array_data(env, a[4], NULL);
  w.keep = array_data(env, a[5], NULL);
  /* The stream comes in 16-bit ids when the vocabulary fits, else 32-bit. */
  napi_typedarray_type ids_type = napi_uint32_array;
  void *ids_data = NULL;
  { size_t l, o; napi_value buf; if (napi_get_typedarray_info(env, a[6], &ids_type, &l, &ids_data, &buf, &o) != napi_ok) ids_data = NULL; }
  w.ids32 = ids_type == napi_uint32_array ? ids_data : NULL;
  w.ids16 = ids_type == napi_uint16_array ? ids_data : NULL;
  w.sent_starts = array_data(env, a[7], NULL);
  w.sent_from = (long)number(env, a[8]); w.sent_to = (long)number(env, a[9]);
  w.window = (long)number(env, a[10]); w.negative = (long)number(env, a[11]);
  w.alpha0 = number(env, a[12]); w.min_ratio = number(env, a[13]);
  w.words_before = number(env, a[14]); w.total_words = number(env, a[15]);
  w.rng = array_data(env, a[16], NULL);
  bool cbow = false;
  napi_get_value_bool(env, a[17], &cbow);
  w.cbow = cbow;
  double *out = array_data(env, a[18], NULL);
  if (!w.W || !w.C || !w.alias_prob || !w.alias_idx || !w.keep || !(w.ids32 || w.ids16) || !w.sent_starts || !w.rng || !out || V == 0) {
    napi_throw_type_error(env, NULL, "word2vecTrain: bad arguments"); return NULL;
  }
  W2vScratch scratch = {0};
  W2vResult r;
  const int ok = w2v_train(&w, &scratch, &r);
  w2v_scratch_free(&scratch);
  if (!ok) { napi_throw_error(env, NULL, "word2vecTrain: out of memory"); return NULL; }
  out[0] = r.words; out[1] = r.loss; out[2] = r.terms;
  return NULL;
}

/* gloveTrain(W f32, Wt f32, bias f32, biasT f32, gradsq f32, gradsqT f32, gbias f32, gbiasT f32, dim,
              rows u32, cols u32, vals f32, from, to, xMax, alpha, eta) -> cost sum */
static napi_value glove_train_js(napi_env env, napi_callback_info info) {
  size_t argc = 17;
  napi_value a[17];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 17) { napi_throw_error(env, NULL, "gloveTrain needs 17 arguments"); return NULL; }
  GloveArgs g = {
    .W = array_data(env, a[0], NULL), .Wt = array_data(env, a[1], NULL),
    .bias = array_data(env, a[2], NULL), .biasT = array_data(env, a[3], NULL),
    .gradsq = array_data(env, a[4], NULL), .gradsqT = array_data(env, a[5], NULL),
    .gbias = array_data(env, a[6], NULL), .gbiasT = array_data(env, a[7], NULL),
    .dim = (long)number(env, a[8]),
    .rows = array_data(env, a[9], NULL), .cols = array_data(env, a[10], NULL), .vals = array_data(env, a[11], NULL),
    .from = (long)number(env, a[12]), .to = (long)number(env, a[13]),
    .x_max = (float)number(env, a[14]), .alpha = (float)number(env, a[15]), .eta = (float)number(env, a[16]),
  };
  if (!g.W || !g.Wt || !g.bias || !g.biasT || !g.gradsq || !g.gradsqT || !g.gbias || !g.gbiasT || !g.rows || !g.cols || !g.vals) {
    napi_throw_type_error(env, NULL, "gloveTrain: bad arguments"); return NULL;
  }
  return js_double(env, glove_train(&g));
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
  napi_property_descriptor props[] = {
    {"spmm", NULL, spmm, NULL, NULL, NULL, napi_default, NULL},
    {"gram", NULL, gram, NULL, NULL, NULL, napi_default, NULL},
    {"cross", NULL, cross, NULL, NULL, NULL, napi_default, NULL},
    {"rightMultiply", NULL, right_multiply, NULL, NULL, NULL, napi_default, NULL},
    {"dotRows", NULL, dot_rows_js, NULL, NULL, NULL, napi_default, NULL},
    {"word2vecTrain", NULL, word2vec_train, NULL, NULL, NULL, napi_default, NULL},
    {"gloveTrain", NULL, glove_train_js, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerCreate", NULL, tok_create, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerPush", NULL, tok_push_js, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerEmitBytes", NULL, tok_emit_bytes_js, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerFinishFile", NULL, tok_finish, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerSize", NULL, tok_size, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerCounts", NULL, tok_counts, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerWordsJoined", NULL, tok_words_joined_js, NULL, NULL, NULL, napi_default, NULL},
    {"encodeMappedVarints", NULL, encode_mapped_varints_js, NULL, NULL, NULL, napi_default, NULL},
    {"trimHeap", NULL, trim_heap, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
