/*
 * The Node-API binding of the native kernels (stable ABI: one build serves every Node
 * version): it unpacks typed arrays and numbers, calls the plain-C kernels (linalg.c,
 * tokenizer.c, word2vec.c, glove.c) and packs their results. The kernels allocate nothing
 * per call beyond their scratch and never call back into JS. The JS versions in
 * src/engine/kernels are the reference; the conformance tests run both. word2vec and
 * GloVe take one argument object each, read by name in one place (word2vec_args,
 * glove_args); each thread keeps its word2vec scratch (ThreadScratch) from call to call.
 *
 * Built at install by scripts/build-native.mjs with -O3 -march=native -ffast-math, so
 * that the compiler vectorises the inner loops (AVX2/FMA on x86).
 */
#include <node_api.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
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

/* ---- word2vec and GloVe: one argument object each ------------------------------ */

/*
 * Reads the fields of a kernel's argument object (src/engine/kernels/word2vecKernel.ts and
 * gloveKernel.ts declare them) by name. The first field that is missing or of the wrong type
 * throws a TypeError naming it; the reads after it are no-ops, and ok stays false.
 */
typedef struct { napi_env env; napi_value obj; const char *kernel; bool ok; } Fields;

static bool field_value(Fields *f, const char *name, napi_value *v) {
  if (!f->ok) return false;
  bool has = false;
  if (napi_has_named_property(f->env, f->obj, name, &has) != napi_ok || !has || napi_get_named_property(f->env, f->obj, name, v) != napi_ok) {
    char msg[160];
    snprintf(msg, sizeof msg, "%s: the argument object has no %s", f->kernel, name);
    napi_throw_type_error(f->env, NULL, msg);
    f->ok = false;
  }
  return f->ok;
}

static void field_fail(Fields *f, const char *name, const char *expected) {
  char msg[160];
  snprintf(msg, sizeof msg, "%s: %s is not %s", f->kernel, name, expected);
  napi_throw_type_error(f->env, NULL, msg);
  f->ok = false;
}

static const char *typed_array_name(napi_typedarray_type t) {
  switch (t) {
    case napi_uint8_array: return "a Uint8Array";
    case napi_uint16_array: return "a Uint16Array";
    case napi_uint32_array: return "a Uint32Array";
    case napi_float32_array: return "a Float32Array";
    case napi_float64_array: return "a Float64Array";
    case napi_biguint64_array: return "a BigUint64Array";
    default: return "the typed array expected";
  }
}

/* The data of args[name], a typed array of type `type` (or of `alt`, when alt differs from type). */
static void *field_array2(Fields *f, const char *name, napi_typedarray_type type, napi_typedarray_type alt, napi_typedarray_type *got, size_t *length) {
  napi_value v;
  if (!field_value(f, name, &v)) return NULL;
  napi_typedarray_type t;
  size_t len, offset;
  void *data;
  napi_value buffer;
  bool is = false;
  if (napi_is_typedarray(f->env, v, &is) != napi_ok || !is || napi_get_typedarray_info(f->env, v, &t, &len, &data, &buffer, &offset) != napi_ok || (t != type && t != alt)) {
    field_fail(f, name, alt != type ? "a Uint16Array or Uint32Array" : typed_array_name(type));
    return NULL;
  }
  if (got) *got = t;
  if (length) *length = len;
  static uint64_t empty; /* an empty array's data may be NULL: any non-NULL pointer does, nothing is read */
  return data ? data : (void *)&empty;
}

static void *field_array(Fields *f, const char *name, napi_typedarray_type type, size_t *length) {
  return field_array2(f, name, type, type, NULL, length);
}

static double field_number(Fields *f, const char *name) {
  napi_value v;
  double d = 0;
  if (field_value(f, name, &v) && napi_get_value_double(f->env, v, &d) != napi_ok) field_fail(f, name, "a number");
  return d;
}

static bool field_bool(Fields *f, const char *name) {
  napi_value v;
  bool b = false;
  if (field_value(f, name, &v) && napi_get_value_bool(f->env, v, &b) != napi_ok) field_fail(f, name, "true or false");
  return b;
}

/* Throws a RangeError and returns false unless cond holds. */
static bool require(napi_env env, bool cond, const char *kernel, const char *what) {
  if (cond) return true;
  char msg[200];
  snprintf(msg, sizeof msg, "%s: %s", kernel, what);
  napi_throw_range_error(env, NULL, msg);
  return false;
}

/* The one place that unpacks word2vec's argument object (Word2vecArgs); out receives the result. */
static bool word2vec_args(napi_env env, napi_value obj, W2vArgs *w, double **out) {
  Fields f = {env, obj, "word2vecTrain", true};
  size_t nW = 0, nC = 0, V = 0, nAlias = 0, nKeep = 0, nIds = 0, nStarts = 0, nRng = 0, nOut = 0;
  napi_typedarray_type ids_type = napi_uint32_array;
  w->W = field_array(&f, "W", napi_float32_array, &nW);
  w->C = field_array(&f, "C", napi_float32_array, &nC);
  w->dim = (long)field_number(&f, "dim");
  w->alias_prob = field_array(&f, "aliasProb", napi_float32_array, &V);
  w->alias_idx = field_array(&f, "aliasIdx", napi_uint32_array, &nAlias);
  w->keep = field_array(&f, "keep", napi_float32_array, &nKeep);
  /* The stream comes in 16-bit ids when the vocabulary fits, else 32-bit. */
  const void *ids = field_array2(&f, "ids", napi_uint32_array, napi_uint16_array, &ids_type, &nIds);
  w->ids32 = ids_type == napi_uint32_array ? ids : NULL;
  w->ids16 = ids_type == napi_uint16_array ? ids : NULL;
  w->sent_starts = field_array(&f, "sentStarts", napi_uint32_array, &nStarts);
  w->sent_from = (long)field_number(&f, "sentFrom");
  w->sent_to = (long)field_number(&f, "sentTo");
  w->window = (long)field_number(&f, "window");
  w->negative = (long)field_number(&f, "negative");
  w->alpha0 = field_number(&f, "alpha0");
  w->min_ratio = field_number(&f, "minRatio");
  w->words_before = field_number(&f, "wordsBefore");
  w->total_words = field_number(&f, "totalWords");
  w->rng = field_array(&f, "rng", napi_biguint64_array, &nRng);
  w->cbow = field_bool(&f, "cbow");
  *out = field_array(&f, "out", napi_float64_array, &nOut);
  w->vocab = (uint32_t)V;
  const char *k = f.kernel;
  return f.ok
    && require(env, V > 0 && nAlias == V && nKeep == V, k, "aliasProb, aliasIdx and keep must have one entry per word")
    && require(env, w->dim > 0 && nW >= V * (size_t)w->dim && nC >= V * (size_t)w->dim, k, "W and C must hold V rows of dim floats")
    && require(env, w->window >= 1 && w->negative >= 0, k, "window must be at least 1 and negative at least 0")
    && require(env, w->sent_from >= 0 && w->sent_from <= w->sent_to && (size_t)w->sent_to < nStarts, k, "[sentFrom, sentTo) must be sentences of sentStarts")
    && require(env, nStarts == 0 || w->sent_to == w->sent_from || w->sent_starts[w->sent_to] <= nIds, k, "sentStarts points past the end of ids")
    && require(env, nRng >= 1 && nOut >= 3, k, "rng must hold one state and out three numbers");
}

/* Each thread (Node-API environment) keeps its kernels' scratch from call to call. */
typedef struct { W2vScratch w2v; } ThreadScratch;

static void scratch_finalize(napi_env env, void *data, void *hint) {
  (void)env; (void)hint;
  ThreadScratch *s = data;
  w2v_scratch_free(&s->w2v);
  free(s);
}

/* word2vecTrain(args: Word2vecArgs): trains on sentences [sentFrom, sentTo);
   out = [words read, loss sum, loss terms] for the sampled loss (every 8th position). */
static napi_value word2vec_train(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value a[1];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 1) { napi_throw_type_error(env, NULL, "word2vecTrain takes one argument object"); return NULL; }
  W2vArgs w = {0};
  double *out = NULL;
  if (!word2vec_args(env, a[0], &w, &out)) return NULL;
  ThreadScratch *scratch = NULL;
  if (napi_get_instance_data(env, (void **)&scratch) != napi_ok || !scratch) { napi_throw_error(env, NULL, "word2vecTrain: no scratch for this thread"); return NULL; }
  W2vResult r;
  if (!w2v_train(&w, &scratch->w2v, &r)) { napi_throw_error(env, NULL, "word2vecTrain: out of memory"); return NULL; }
  out[0] = r.words; out[1] = r.loss; out[2] = r.terms;
  return NULL;
}

/* The one place that unpacks GloVe's argument object (GloveArgs). */
static bool glove_args(napi_env env, napi_value obj, GloveArgs *g) {
  Fields f = {env, obj, "gloveTrain", true};
  size_t nW = 0, nWt = 0, nb = 0, nbT = 0, ng = 0, ngT = 0, ngb = 0, ngbT = 0, nRows = 0, nCols = 0, nVals = 0;
  g->W = field_array(&f, "W", napi_float32_array, &nW);
  g->Wt = field_array(&f, "Wt", napi_float32_array, &nWt);
  g->bias = field_array(&f, "bias", napi_float32_array, &nb);
  g->biasT = field_array(&f, "biasT", napi_float32_array, &nbT);
  g->gradsq = field_array(&f, "gradsq", napi_float32_array, &ng);
  g->gradsqT = field_array(&f, "gradsqT", napi_float32_array, &ngT);
  g->gbias = field_array(&f, "gbias", napi_float32_array, &ngb);
  g->gbiasT = field_array(&f, "gbiasT", napi_float32_array, &ngbT);
  g->dim = (long)field_number(&f, "dim");
  g->rows = field_array(&f, "rows", napi_uint32_array, &nRows);
  g->cols = field_array(&f, "cols", napi_uint32_array, &nCols);
  g->vals = field_array(&f, "vals", napi_float32_array, &nVals);
  g->from = (long)field_number(&f, "from");
  g->to = (long)field_number(&f, "to");
  g->x_max = (float)field_number(&f, "xMax");
  g->alpha = (float)field_number(&f, "alpha");
  g->eta = (float)field_number(&f, "eta");
  const char *k = f.kernel;
  const size_t V = nb, d = (size_t)(g->dim > 0 ? g->dim : 0);
  return f.ok
    && require(env, g->dim > 0 && nW >= V * d && nWt >= V * d && ng >= V * d && ngT >= V * d, k, "W, Wt, gradsq and gradsqT must hold V rows of dim floats")
    && require(env, nbT >= V && ngb >= V && ngbT >= V, k, "bias, biasT, gbias and gbiasT must have one entry per word")
    && require(env, g->from >= 0 && g->from <= g->to && (size_t)g->to <= nRows && nRows == nCols && nRows == nVals, k, "[from, to) must be entries of rows, cols and vals");
}

/* gloveTrain(args: GloveArgs) -> the summed cost of the entries [from, to). */
static napi_value glove_train_js(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value a[1];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 1) { napi_throw_type_error(env, NULL, "gloveTrain takes one argument object"); return NULL; }
  GloveArgs g = {0};
  if (!glove_args(env, a[0], &g)) return NULL;
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
  ThreadScratch *scratch = calloc(1, sizeof(ThreadScratch));
  if (!scratch || napi_set_instance_data(env, scratch, scratch_finalize, NULL) != napi_ok) {
    free(scratch);
    napi_throw_error(env, NULL, "embedlab kernels: cannot keep this thread's scratch");
    return NULL;
  }
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
