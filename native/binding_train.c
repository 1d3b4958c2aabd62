/*
 * The Node-API binding of the training kernels: word2vec and GloVe take one argument
 * object each (Word2vecArgs in src/engine/kernels/word2vecKernel.ts, GloveArgs in
 * gloveKernel.ts), read by name in one place each (word2vec_args, glove_args), and
 * each thread keeps its word2vec scratch from call to call.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "binding.h"
#include "glove.h"
#include "tsne.h"
#include "word2vec.h"

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
    case napi_int32_array: return "an Int32Array";
    case napi_float32_array: return "a Float32Array";
    case napi_float64_array: return "a Float64Array";
    case napi_biguint64_array: return "a BigUint64Array";
    default: return "the typed array expected";
  }
}

/* A typed-array field whose type is one of `accepted` (a mask of 1 << napi_typedarray_type), named `expected` in the error. */
static void *field_typed(Fields *f, const char *name, unsigned accepted, const char *expected, napi_typedarray_type *got, size_t *length) {
  napi_value v;
  if (!field_value(f, name, &v)) return NULL;
  napi_typedarray_type t;
  size_t len, offset;
  void *data;
  napi_value buffer;
  bool is = false;
  if (napi_is_typedarray(f->env, v, &is) != napi_ok || !is || napi_get_typedarray_info(f->env, v, &t, &len, &data, &buffer, &offset) != napi_ok || !(accepted & (1u << t))) {
    field_fail(f, name, expected);
    return NULL;
  }
  if (got) *got = t;
  if (length) *length = len;
  static uint64_t empty; /* an empty array's data may be NULL: any non-NULL pointer does, nothing is read */
  return data ? data : (void *)&empty;
}

static void *field_array(Fields *f, const char *name, napi_typedarray_type type, size_t *length) {
  return field_typed(f, name, 1u << type, typed_array_name(type), NULL, length);
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

/* The one argument object a kernel call takes (args[0]); false, with a TypeError naming the kernel, without it. */
static bool argument_object(napi_env env, napi_callback_info info, const char *kernel, napi_value *obj) {
  size_t argc = 1;
  if (napi_get_cb_info(env, info, &argc, obj, NULL, NULL) != napi_ok) {
    napi_throw_error(env, NULL, "embedlab kernels: bad arguments");
    return false;
  }
  if (argc >= 1) return true;
  char msg[120];
  snprintf(msg, sizeof msg, "%s takes one argument object", kernel);
  napi_throw_type_error(env, NULL, msg);
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
  /* The stream comes in varints (a Uint8Array), 16-bit ids or 32-bit ids. */
  const unsigned streams = 1u << napi_uint32_array | 1u << napi_uint16_array | 1u << napi_uint8_array;
  const void *ids = field_typed(&f, "ids", streams, "a Uint8Array (varints), Uint16Array or Uint32Array", &ids_type, &nIds);
  w->ids32 = ids_type == napi_uint32_array ? ids : NULL;
  w->ids16 = ids_type == napi_uint16_array ? ids : NULL;
  w->varints = ids_type == napi_uint8_array ? ids : NULL;
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
  w->share_negatives = field_bool(&f, "shareNegatives");
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

int keep_thread_scratch(napi_env env) {
  ThreadScratch *scratch = calloc(1, sizeof(ThreadScratch));
  if (scratch && napi_set_instance_data(env, scratch, scratch_finalize, NULL) == napi_ok) return 1;
  free(scratch);
  return 0;
}

/* word2vecTrain(args: Word2vecArgs): trains on sentences [sentFrom, sentTo);
   out = [words read, loss sum, loss terms] for the sampled loss (every 8th position). */
napi_value word2vec_train(napi_env env, napi_callback_info info) {
  napi_value obj;
  if (!argument_object(env, info, "word2vecTrain", &obj)) return NULL;
  W2vArgs w = {0};
  double *out = NULL;
  if (!word2vec_args(env, obj, &w, &out)) return NULL;
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
napi_value glove_train_js(napi_env env, napi_callback_info info) {
  napi_value obj;
  if (!argument_object(env, info, "gloveTrain", &obj)) return NULL;
  GloveArgs g = {0};
  if (!glove_args(env, obj, &g)) return NULL;
  return js_double(env, glove_train(&g));
}


/* The one place that unpacks t-SNE's argument object (TsneGradientArgs in src/engine/kernels/tsneKernel.ts). */
static bool tsne_args(napi_env env, napi_value obj, TsneArgs *g, double **out) {
  Fields f = {env, obj, "tsneGradient", true};
  size_t nY = 0, nGrad = 0, nRow = 0, nCols = 0, nVals = 0, nOut = 0;
  g->Y = field_array(&f, "Y", napi_float64_array, &nY);
  g->n = (long)field_number(&f, "n");
  g->dims = (long)field_number(&f, "dims");
  g->theta = field_number(&f, "theta");
  g->row_ptr = field_array(&f, "rowPtr", napi_int32_array, &nRow);
  g->cols = field_array(&f, "cols", napi_int32_array, &nCols);
  g->vals = field_array(&f, "vals", napi_float64_array, &nVals);
  g->exaggeration = field_number(&f, "exaggeration");
  g->compute_kl = field_number(&f, "computeKl") != 0;
  g->threads = (long)field_number(&f, "threads");
  g->grad = field_array(&f, "grad", napi_float64_array, &nGrad);
  *out = field_array(&f, "out", napi_float64_array, &nOut);
  const char *k = f.kernel;
  const size_t n = (size_t)(g->n > 0 ? g->n : 0), D = (size_t)(g->dims == 2 || g->dims == 3 ? g->dims : 0);
  return f.ok
    && require(env, g->n > 0 && g->n < INT32_MAX && D > 0, k, "n must be positive and dims 2 or 3")
    && require(env, nY >= n * D && nGrad >= n * D && nOut >= 2, k, "Y and grad must hold n rows of dims, and out 2 numbers")
    && require(env, nRow >= n + 1 && nCols == nVals && g->row_ptr[0] == 0 && g->row_ptr[n] >= 0 && (size_t)g->row_ptr[n] <= nCols, k, "P must be CSR with n rows");
}

/* tsneGradient(args: TsneGradientArgs): fills args.grad, and args.out with [Z, sum of p log(p/q)]. */
napi_value tsne_gradient_js(napi_env env, napi_callback_info info) {
  napi_value obj;
  if (!argument_object(env, info, "tsneGradient", &obj)) return NULL;
  TsneArgs g = {0};
  double *out = NULL;
  if (!tsne_args(env, obj, &g, &out)) return NULL;
  if (!tsne_gradient(&g, out)) napi_throw_error(env, NULL, "tsneGradient: out of memory, a thread could not start, or the tree is deeper than 64 levels");
  return NULL;
}
