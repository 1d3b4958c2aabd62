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
#include <stdbool.h>

#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

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


/* ---------------------------------------------------------------------------
 * The tokenizer's fast lane (rules in src/engine/text/tokenizer.ts; the JS
 * version is src/engine/text/byteTokenizer.ts, and the two must agree). It owns
 * the vocabulary: a hash table from UTF-8 byte strings to dense ids. A chunk
 * holding non-ASCII bytes other than a few punctuation marks is handed back to
 * JS, which tokenizes it with the reference rules and looks its tokens up here.
 * ------------------------------------------------------------------------- */
#include <stdlib.h>

enum { T_SEP = 0, T_LETTER, T_DIGIT, T_JOIN, T_NUMJOIN, T_NEWLINE, T_HIGH };

typedef struct {
  uint8_t cls[256], lower[256], punct2000[256];
  /* Each slot keeps the hash beside the id, so a probe compares hashes without another random access. */
  struct slot { uint32_t hash; int32_t id; } *slots; uint32_t mask;
  uint32_t *hashes, *offsets, *lengths; uint32_t size, cap;
  uint8_t *arena; size_t arena_used, arena_cap;
  uint32_t *ids; size_t n, ids_cap;
  uint32_t *breaks; size_t nbreaks, breaks_cap;
  uint32_t newlines;
  uint8_t *scratch; size_t scratch_cap;
  uint32_t *counts; size_t counts_cap; /* occurrences of each id, over every file pushed */
} Tok;

static void tok_free(napi_env env, void *data, void *hint) {
  (void)env; (void)hint;
  Tok *t = data;
  free(t->slots); free(t->hashes); free(t->offsets); free(t->lengths); free(t->arena); free(t->ids); free(t->breaks); free(t->scratch); free(t->counts); free(t);
}

static int grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return 1;
  size_t c = *cap ? *cap : 1024;
  while (c < need) c *= 2;
  void *q = realloc(*p, c * elem);
  if (!q) return 0;
  *p = q; *cap = c;
  return 1;
}

static void tok_rehash(Tok *t) {
  uint32_t nslots = (t->mask + 1) * 2;
  struct slot *slots = malloc(sizeof(struct slot) * nslots);
  for (uint32_t i = 0; i < nslots; i++) slots[i].id = -1;
  for (uint32_t id = 0; id < t->size; id++) {
    uint32_t s = t->hashes[id] & (nslots - 1);
    while (slots[s].id != -1) s = (s + 1) & (nslots - 1);
    slots[s].hash = t->hashes[id];
    slots[s].id = (int32_t)id;
  }
  free(t->slots); t->slots = slots; t->mask = nslots - 1;
}

static inline int same_bytes(const uint8_t *a, const uint8_t *b, uint32_t len) {
  for (uint32_t i = 0; i < len; i++) if (a[i] != b[i]) return 0;
  return 1;
}

static uint32_t tok_id(Tok *t, const uint8_t *b, uint32_t len, uint32_t h) {
  uint32_t s = h & t->mask;
  for (;;) {
    const int32_t id = t->slots[s].id;
    if (id == -1) break;
    if (t->slots[s].hash == h && t->lengths[id] == len && same_bytes(t->arena + t->offsets[id], b, len)) return (uint32_t)id;
    s = (s + 1) & t->mask;
  }
  if (t->size == t->cap) {
    size_t c = t->cap, c2 = t->cap, c3 = t->cap;
    grow((void **)&t->hashes, &c, t->size + 1, 4); grow((void **)&t->offsets, &c2, t->size + 1, 4); grow((void **)&t->lengths, &c3, t->size + 1, 4);
    t->cap = (uint32_t)c;
  }
  grow((void **)&t->arena, &t->arena_cap, t->arena_used + len, 1);
  memcpy(t->arena + t->arena_used, b, len);
  if (t->size == t->counts_cap) grow((void **)&t->counts, &t->counts_cap, t->size + 1, 4);
  uint32_t id = t->size++;
  t->counts[id] = 0;
  t->hashes[id] = h; t->offsets[id] = (uint32_t)t->arena_used; t->lengths[id] = len;
  t->arena_used += len;
  t->slots[s].hash = h;
  t->slots[s].id = (int32_t)id;
  /* Up to 3/4 full: a smaller table misses the cache less often, which measured faster here than shorter probes. */
  if ((size_t)t->size * 4 > ((size_t)t->mask + 1) * 3) tok_rehash(t);
  return id;
}

static inline void tok_emit(Tok *t, uint32_t id) {
  if (t->newlines >= 2 && t->n > 0) {
    if (t->nbreaks == t->breaks_cap) grow((void **)&t->breaks, &t->breaks_cap, t->nbreaks + 1, 4);
    t->breaks[t->nbreaks++] = (uint32_t)t->n;
  }
  t->newlines = 0;
  if (t->n == t->ids_cap) grow((void **)&t->ids, &t->ids_cap, t->n + 1, 4);
  t->ids[t->n++] = id;
  t->counts[id]++;
}

static size_t sep_at(const Tok *t, const uint8_t *b, size_t i, size_t end) {
  uint8_t c = t->cls[b[i]];
  if (c == T_SEP || c == T_NEWLINE) return 1;
  if (b[i] == 0xe2 && i + 2 < end && b[i + 1] == 0x80 && t->punct2000[b[i + 2]]) return 3;
  if (b[i] == 0xc2 && i + 1 < end && b[i + 1] == 0xa0) return 2;
  return 0;
}
#define IS_RSQUO(b, k, end) ((b)[k] == 0xe2 && (k) + 2 < (end) && (b)[(k) + 1] == 0x80 && (b)[(k) + 2] == 0x99)
#define IS_WORD(c) ((c) == T_LETTER || (c) == T_DIGIT)

static void tok_fast_chunk(Tok *t, const uint8_t *b, size_t start, size_t end) {
  size_t k = start;
  while (k < end) {
    while (k < end && !IS_WORD(t->cls[b[k]])) k++;
    if (k >= end) return;
    uint32_t len = 0, h = 0x811c9dc5u;
    while (k < end) {
      uint8_t by = b[k], c = t->cls[by];
      size_t width = 1;
      if (IS_WORD(c)) {
      } else if (c == T_HIGH) {
        if (k + 3 >= end || !IS_WORD(t->cls[b[k + 3]])) break;
        by = 0x27; width = 3;
      } else if (c == T_JOIN) {
        if (k + 1 >= end || !IS_WORD(t->cls[b[k + 1]])) break;
      } else if (c == T_NUMJOIN) {
        if (t->cls[b[k - 1]] != T_DIGIT || k + 1 >= end || t->cls[b[k + 1]] != T_DIGIT) break;
      } else break;
      uint8_t lb = t->lower[by];
      if (len == t->scratch_cap) grow((void **)&t->scratch, &t->scratch_cap, (size_t)len + 1, 1);
      t->scratch[len++] = lb; /* grow() is only called when full: most tokens never call it */
      h = (h ^ lb) * 0x01000193u;
      k += width;
    }
    tok_emit(t, tok_id(t, t->scratch, len, h));
  }
}

/* tokenizerCreate(lowercase) -> handle */
static napi_value tok_create(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value a[1];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  bool lowercase = true;
  if (argc > 0) napi_get_value_bool(env, a[0], &lowercase);
  Tok *t = calloc(1, sizeof(Tok));
  for (int x = 0; x < 256; x++) {
    uint8_t c = T_SEP;
    if (x >= 0x80) c = T_HIGH;
    else if ((x >= 'A' && x <= 'Z') || (x >= 'a' && x <= 'z')) c = T_LETTER;
    else if (x >= '0' && x <= '9') c = T_DIGIT;
    else if (x == '\'' || x == '-') c = T_JOIN;
    else if (x == '.' || x == ',') c = T_NUMJOIN;
    else if (x == '\n') c = T_NEWLINE;
    t->cls[x] = c;
    t->lower[x] = (uint8_t)(lowercase && x >= 'A' && x <= 'Z' ? x | 0x20 : x);
  }
  uint8_t p[] = {0x93, 0x94, 0x98, 0x9c, 0x9d, 0xa2, 0xa6};
  for (size_t i = 0; i < sizeof(p); i++) t->punct2000[p[i]] = 1;
  t->mask = (1u << 16) - 1;
  t->slots = malloc(sizeof(struct slot) * (t->mask + 1));
  for (uint32_t i = 0; i <= t->mask; i++) t->slots[i].id = -1;
  napi_value handle;
  CHECK(napi_create_external(env, t, tok_free, NULL, &handle));
  return handle;
}

static Tok *tok_of(napi_env env, napi_value v) {
  void *p = NULL;
  if (napi_get_value_external(env, v, &p) != napi_ok) return NULL;
  return p;
}

/* tokenizerPush(handle, bytes, from) -> index where a chunk for the slow lane starts (bytes.length when done);
   the chunk's end is returned through out[0] of the Float64Array given as the 4th argument. */
static napi_value tok_push(napi_env env, napi_callback_info info) {
  size_t argc = 4; napi_value a[4];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  size_t end;
  const uint8_t *b = array_data(env, a[1], &end);
  size_t i = (size_t)number(env, a[2]);
  double *out = array_data(env, a[3], NULL);
  if (!t || !b || !out) { napi_throw_type_error(env, NULL, "tokenizerPush: bad arguments"); return NULL; }
  while (i < end) {
    uint8_t c = t->cls[b[i]];
    if (c == T_SEP) { i++; continue; }
    if (c == T_NEWLINE) { t->newlines++; i++; continue; }
    if (c == T_HIGH) { size_t s = sep_at(t, b, i, end); if (s) { i += s; continue; } }
    size_t j = i; int high = 0;
    while (j < end) {
      uint8_t cj = t->cls[b[j]];
      if (cj == T_SEP || cj == T_NEWLINE) break;
      if (cj == T_HIGH) {
        if (sep_at(t, b, j, end)) break;
        if (IS_RSQUO(b, j, end)) { j += 3; continue; }
        high = 1;
      }
      j++;
    }
    if (high) {
      out[0] = (double)j;
      napi_value r; napi_create_double(env, (double)i, &r); return r;
    }
    tok_fast_chunk(t, b, i, j);
    i = j;
  }
  napi_value r; napi_create_double(env, (double)end, &r); return r;
}

/* tokenizerEmitBytes(handle, bytes) -> id: looks up (inserting) one token given as UTF-8 and appends it. */
static napi_value tok_emit_bytes(napi_env env, napi_callback_info info) {
  size_t argc = 2; napi_value a[2];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  size_t len;
  const uint8_t *b = array_data(env, a[1], &len);
  if (!t || !b) { napi_throw_type_error(env, NULL, "tokenizerEmitBytes: bad arguments"); return NULL; }
  uint32_t h = 0x811c9dc5u;
  for (size_t i = 0; i < len; i++) h = (h ^ b[i]) * 0x01000193u;
  uint32_t id = tok_id(t, b, (uint32_t)len, h);
  tok_emit(t, id);
  napi_value r; napi_create_uint32(env, id, &r); return r;
}

/* tokenizerFinishFile(handle) -> [ids Uint32Array, breaks Uint32Array] (copies; the tokenizer resets its file state) */
static napi_value tok_finish(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value a[1];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  if (!t) { napi_throw_type_error(env, NULL, "tokenizerFinishFile: bad handle"); return NULL; }
  void *data; napi_value ab, ids, ab2, brk, arr;
  CHECK(napi_create_arraybuffer(env, t->n * 4, &data, &ab));
  if (t->n) memcpy(data, t->ids, t->n * 4);
  CHECK(napi_create_typedarray(env, napi_uint32_array, t->n, ab, 0, &ids));
  CHECK(napi_create_arraybuffer(env, t->nbreaks * 4, &data, &ab2));
  if (t->nbreaks) memcpy(data, t->breaks, t->nbreaks * 4);
  CHECK(napi_create_typedarray(env, napi_uint32_array, t->nbreaks, ab2, 0, &brk));
  t->n = 0; t->nbreaks = 0; t->newlines = 0;
  CHECK(napi_create_array_with_length(env, 2, &arr));
  napi_set_element(env, arr, 0, ids);
  napi_set_element(env, arr, 1, brk);
  return arr;
}

/* encodeMappedVarints(ids u32, from, to, map u32, out u8) -> bytes written: LEB128 of map[ids[i]] for i in [from, to)
   (src/engine/store/varint.ts has the format and the JS version). */
static napi_value encode_mapped_varints(napi_env env, napi_callback_info info) {
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
  size_t p = 0;
  for (size_t i = from; i < to; i++) {
    const uint32_t l = ids[i];
    if (l >= nmap) { napi_throw_range_error(env, NULL, "encodeMappedVarints: id outside the map"); return NULL; }
    uint32_t v = map[l];
    while (v >= 0x80) { out[p++] = (uint8_t)((v & 0x7f) | 0x80); v >>= 7; }
    out[p++] = (uint8_t)v;
  }
  napi_value r; napi_create_double(env, (double)p, &r); return r;
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

/* tokenizerCounts(handle) -> Uint32Array (a copy): occurrences of each id in every token emitted so far */
static napi_value tok_counts(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value a[1];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  if (!t) { napi_throw_type_error(env, NULL, "tokenizerCounts: bad handle"); return NULL; }
  void *data; napi_value ab, out;
  CHECK(napi_create_arraybuffer(env, (size_t)t->size * 4, &data, &ab));
  if (t->size) memcpy(data, t->counts, (size_t)t->size * 4);
  CHECK(napi_create_typedarray(env, napi_uint32_array, t->size, ab, 0, &out));
  return out;
}

/* tokenizerWordsJoined(handle, from) -> one string: the types with ids from `from` on, joined by "\n"
   (a token never holds one). One string crosses threads far faster than an array of them. */
static napi_value tok_words_joined(napi_env env, napi_callback_info info) {
  size_t argc = 2; napi_value a[2];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  uint32_t from = (uint32_t)number(env, a[1]);
  if (!t) { napi_throw_type_error(env, NULL, "tokenizerWordsJoined: bad handle"); return NULL; }
  size_t bytes = 0;
  for (uint32_t id = from; id < t->size; id++) bytes += t->lengths[id] + 1;
  char *buf = malloc(bytes ? bytes : 1);
  if (!buf) { napi_throw_error(env, NULL, "tokenizerWordsJoined: out of memory"); return NULL; }
  size_t at = 0;
  for (uint32_t id = from; id < t->size; id++) {
    if (at) buf[at++] = '\n';
    memcpy(buf + at, t->arena + t->offsets[id], t->lengths[id]);
    at += t->lengths[id];
  }
  napi_value r;
  napi_status st = napi_create_string_utf8(env, buf, at, &r);
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


/* dotRows(W f32, dim, from, to, Q f32 (nq x dim), nq, out f32): out[(i-from)*nq + q] = W[i,:] . Q[q,:]
   Queries are taken in blocks that stay in cache while the rows stream by. */
static napi_value dot_rows(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value a[7];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  const float *W = array_data(env, a[0], NULL);
  const long dim = (long)number(env, a[1]), from = (long)number(env, a[2]), to = (long)number(env, a[3]);
  const float *Q = array_data(env, a[4], NULL);
  const long nq = (long)number(env, a[5]);
  float *out = array_data(env, a[6], NULL);
  if (!W || !Q || !out) { napi_throw_type_error(env, NULL, "dotRows: typed arrays expected"); return NULL; }
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
  return NULL;
}


/* ---------------------------------------------------------------------------
 * word2vec training (SGNS and CBOW with negative sampling), word2vec.c's
 * semantics: subsampling with its keep probability, a dynamic window (b drawn
 * uniformly in 0..L-1), negatives from the unigram^0.75 cumulative table,
 * word2vec's clipped sigmoid table, and a linear learning-rate decay. Threads
 * call it concurrently on shared W and C (Hogwild). The JS twin is
 * src/engine/kernels/word2vecJs.ts.
 * ------------------------------------------------------------------------- */
#include <math.h>
#define EXP_TABLE_SIZE 1000
#define MAX_EXP 6
static float exp_table[EXP_TABLE_SIZE];
static int exp_table_ready = 0;

static void init_exp_table(void) {
  if (exp_table_ready) return;
  for (int i = 0; i < EXP_TABLE_SIZE; i++) {
    double e = exp((i / (double)EXP_TABLE_SIZE * 2 - 1) * MAX_EXP);
    exp_table[i] = (float)(e / (e + 1));
  }
  exp_table_ready = 1;
}

static inline uint64_t rng_next(uint64_t *s) {
  uint64_t x = *s;
  x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
  *s = x;
  return x * 0x2545F4914F6CDD1DULL;
}

/* Walker's alias method: O(1) per draw with two small tables (one random word, one coin). */
static inline uint32_t sample_negative(const float *prob, const uint32_t *alias, uint32_t V, uint64_t *rng) {
  const uint64_t r = rng_next(rng);
  const uint32_t i = (uint32_t)((r >> 32) % V);
  const float u = (float)(r & 0xFFFFFF) / 16777216.0f;
  return u < prob[i] ? i : alias[i];
}

static inline float gradient(float f, int label, float alpha) {
  if (f > MAX_EXP) return (label - 1) * alpha;
  if (f < -MAX_EXP) return (label - 0) * alpha;
  return (label - exp_table[(int)((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2))]) * alpha;
}

static inline double pair_loss(float f, int label) {
  double x = label ? f : -f; /* -log sigmoid(x) */
  return x > 0 ? log1p(exp(-x)) : -x + log1p(exp(x));
}

/* word2vecTrain(W, C, dim, aliasProb, aliasIdx, keep, ids, sentStarts, sentFrom, sentTo, window, negative, alpha0, minRatio,
                 wordsBefore, totalWords, rngState(BigUint64Array[1]), cbow, out(Float64Array[3]))
   Trains on sentences [sentFrom, sentTo) (sentence s spans ids[sentStarts[s] .. sentStarts[s+1])).
   out: [words read, loss sum, loss terms] for the sampled loss (every 8th position). */
static napi_value word2vec_train(napi_env env, napi_callback_info info) {
  size_t argc = 19;
  napi_value a[19];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 19) { napi_throw_error(env, NULL, "word2vecTrain needs 19 arguments"); return NULL; }
  float *W = array_data(env, a[0], NULL);
  float *C = array_data(env, a[1], NULL);
  const long dim = (long)number(env, a[2]);
  size_t V;
  const float *prob = array_data(env, a[3], &V);
  const uint32_t *alias = array_data(env, a[4], NULL);
  const float *keep = array_data(env, a[5], NULL);
  /* The stream comes in 16-bit ids when the vocabulary fits, else 32-bit. */
  napi_typedarray_type ids_type = napi_uint32_array;
  void *ids_data = NULL;
  { size_t l, o; napi_value buf; if (napi_get_typedarray_info(env, a[6], &ids_type, &l, &ids_data, &buf, &o) != napi_ok) ids_data = NULL; }
  const uint32_t *ids32 = ids_type == napi_uint32_array ? ids_data : NULL;
  const uint16_t *ids16 = ids_type == napi_uint16_array ? ids_data : NULL;
  const uint32_t *starts = array_data(env, a[7], NULL);
  const long sFrom = (long)number(env, a[8]), sTo = (long)number(env, a[9]);
  const long window = (long)number(env, a[10]), negative = (long)number(env, a[11]);
  const double alpha0 = number(env, a[12]), minRatio = number(env, a[13]);
  const double wordsBefore = number(env, a[14]), totalWords = number(env, a[15]);
  uint64_t *rng = array_data(env, a[16], NULL);
  bool cbow = false;
  napi_get_value_bool(env, a[17], &cbow);
  double *out = array_data(env, a[18], NULL);
  if (!W || !C || !prob || !alias || !keep || !(ids32 || ids16) || !starts || !rng || !out || V == 0) { napi_throw_type_error(env, NULL, "word2vecTrain: bad arguments"); return NULL; }
  init_exp_table();
  float *neu1 = calloc(dim, sizeof(float)), *neu1e = calloc(dim, sizeof(float));
  uint32_t *sen = NULL; size_t sen_cap = 0;
  double words = 0, loss = 0, terms = 0;
  for (long s = sFrom; s < sTo; s++) {
    const uint32_t b0 = starts[s], b1 = starts[s + 1];
    grow((void **)&sen, &sen_cap, b1 - b0 + 1, 4);
    long n = 0;
    for (uint32_t p = b0; p < b1; p++) {
      const uint32_t w = ids16 ? ids16[p] : ids32[p];
      if (keep[w] < 1.0f && keep[w] < (float)((rng_next(rng) >> 40) & 0xFFFF) / 65536.0f) continue;
      sen[n++] = w;
    }
    double ratio = 1 - (wordsBefore + words) / (totalWords + 1);
    if (ratio < minRatio) ratio = minRatio;
    const float alpha = (float)(alpha0 * ratio);
    words += b1 - b0;
    for (long pos = 0; pos < n; pos++) {
      const uint32_t word = sen[pos];
      const long b = (long)((rng_next(rng) >> 33) % (uint64_t)window);
      const int sampled = (pos & 7) == 0;
      if (cbow) {
        long cw = 0;
        for (long t = 0; t < dim; t++) { neu1[t] = 0; neu1e[t] = 0; }
        for (long k = b; k < window * 2 + 1 - b; k++) {
          if (k == window) continue;
          const long c = pos - window + k;
          if (c < 0 || c >= n) continue;
          const float *restrict v = W + (long)sen[c] * dim;
          for (long t = 0; t < dim; t++) neu1[t] += v[t];
          cw++;
        }
        if (!cw) continue;
        for (long t = 0; t < dim; t++) neu1[t] /= cw;
        for (long d = 0; d <= negative; d++) {
          uint32_t target; int label;
          if (d == 0) { target = word; label = 1; }
          else { target = sample_negative(prob, alias, (uint32_t)V, rng); if (target == word) continue; label = 0; }
          float *restrict out2 = C + (long)target * dim;
          float f = 0;
          for (long t = 0; t < dim; t++) f += neu1[t] * out2[t];
          if (sampled) { loss += pair_loss(f, label); terms++; }
          const float g = gradient(f, label, alpha);
          for (long t = 0; t < dim; t++) neu1e[t] += g * out2[t];
          for (long t = 0; t < dim; t++) out2[t] += g * neu1[t];
        }
        for (long k = b; k < window * 2 + 1 - b; k++) {
          if (k == window) continue;
          const long c = pos - window + k;
          if (c < 0 || c >= n) continue;
          float *restrict v = W + (long)sen[c] * dim;
          for (long t = 0; t < dim; t++) v[t] += neu1e[t];
        }
      } else {
        for (long k = b; k < window * 2 + 1 - b; k++) {
          if (k == window) continue;
          const long c = pos - window + k;
          if (c < 0 || c >= n) continue;
          float *restrict in = W + (long)sen[c] * dim;
          for (long t = 0; t < dim; t++) neu1e[t] = 0;
          for (long d = 0; d <= negative; d++) {
            uint32_t target; int label;
            if (d == 0) { target = word; label = 1; }
            else { target = sample_negative(prob, alias, (uint32_t)V, rng); if (target == word) continue; label = 0; }
            float *restrict out2 = C + (long)target * dim;
            float f = 0;
            for (long t = 0; t < dim; t++) f += in[t] * out2[t];
            if (sampled) { loss += pair_loss(f, label); terms++; }
            const float g = gradient(f, label, alpha);
            for (long t = 0; t < dim; t++) neu1e[t] += g * out2[t];
            for (long t = 0; t < dim; t++) out2[t] += g * in[t];
          }
          for (long t = 0; t < dim; t++) in[t] += neu1e[t];
        }
      }
    }
  }
  free(neu1); free(neu1e); free(sen);
  out[0] = words; out[1] = loss; out[2] = terms;
  return NULL;
}


/* gloveTrain(W f32, Wt f32, bias f32, biasT f32, gradsq f32, gradsqT f32, gbias f32, gbiasT f32, dim,
              rows u32, cols u32, vals f32, from, to, xMax, alpha, eta) -> cost sum
   GloVe's AdaGrad step (glove.c) over entries [from, to) of the shuffled co-occurrences. */
static napi_value glove_train(napi_env env, napi_callback_info info) {
  size_t argc = 17;
  napi_value a[17];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 17) { napi_throw_error(env, NULL, "gloveTrain needs 17 arguments"); return NULL; }
  float *W = array_data(env, a[0], NULL), *Wt = array_data(env, a[1], NULL);
  float *bias = array_data(env, a[2], NULL), *biasT = array_data(env, a[3], NULL);
  float *gsq = array_data(env, a[4], NULL), *gsqT = array_data(env, a[5], NULL);
  float *gb = array_data(env, a[6], NULL), *gbT = array_data(env, a[7], NULL);
  const long dim = (long)number(env, a[8]);
  const uint32_t *rows = array_data(env, a[9], NULL), *cols = array_data(env, a[10], NULL);
  const float *vals = array_data(env, a[11], NULL);
  const long from = (long)number(env, a[12]), to = (long)number(env, a[13]);
  const float xMax = (float)number(env, a[14]), alpha = (float)number(env, a[15]), eta = (float)number(env, a[16]);
  if (!W || !Wt || !bias || !biasT || !gsq || !gsqT || !gb || !gbT || !rows || !cols || !vals) { napi_throw_type_error(env, NULL, "gloveTrain: bad arguments"); return NULL; }
  double cost = 0;
  for (long k = from; k < to; k++) {
    const long i = rows[k], j = cols[k];
    const float x = vals[k];
    float *restrict w = W + i * dim, *restrict wt = Wt + j * dim;
    float *restrict g = gsq + i * dim, *restrict gt = gsqT + j * dim;
    float diff = bias[i] + biasT[j] - logf(x);
    for (long t = 0; t < dim; t++) diff += w[t] * wt[t];
    float fdiff = x > xMax ? diff : powf(x / xMax, alpha) * diff;
    if (!isfinite(diff) || !isfinite(fdiff)) continue;
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
  napi_value r; napi_create_double(env, cost, &r); return r;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"spmm", NULL, spmm, NULL, NULL, NULL, napi_default, NULL},
    {"gram", NULL, gram, NULL, NULL, NULL, napi_default, NULL},
    {"cross", NULL, cross, NULL, NULL, NULL, napi_default, NULL},
    {"rightMultiply", NULL, right_multiply, NULL, NULL, NULL, napi_default, NULL},
    {"dotRows", NULL, dot_rows, NULL, NULL, NULL, napi_default, NULL},
    {"word2vecTrain", NULL, word2vec_train, NULL, NULL, NULL, napi_default, NULL},
    {"gloveTrain", NULL, glove_train, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerCreate", NULL, tok_create, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerPush", NULL, tok_push, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerEmitBytes", NULL, tok_emit_bytes, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerFinishFile", NULL, tok_finish, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerSize", NULL, tok_size, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerCounts", NULL, tok_counts, NULL, NULL, NULL, napi_default, NULL},
    {"tokenizerWordsJoined", NULL, tok_words_joined, NULL, NULL, NULL, napi_default, NULL},
    {"encodeMappedVarints", NULL, encode_mapped_varints, NULL, NULL, NULL, napi_default, NULL},
    {"trimHeap", NULL, trim_heap, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
