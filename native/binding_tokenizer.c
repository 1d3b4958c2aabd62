/* The tokenizer's Node-API binding: a handle per tokenizer (tokenizer.c does the work). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "binding.h"
#include "tokenizer.h"

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
napi_value tok_create(napi_env env, napi_callback_info info) {
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
napi_value tok_push_js(napi_env env, napi_callback_info info) {
  size_t argc = 4; napi_value a[4];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  size_t end;
  const uint8_t *b = arg_array(env, a[1], &end);
  double *out = arg_array(env, a[3], NULL);
  if (!t || !b || !out) { napi_throw_type_error(env, NULL, "tokenizerPush: bad arguments"); return NULL; }
  size_t slow_end = end;
  const size_t slow = tok_push(t, b, (size_t)arg_number(env, a[2]), end, &slow_end);
  if (slow < end) out[0] = (double)slow_end;
  return js_double(env, (double)slow);
}

/* tokenizerEmitBytes(handle, bytes) -> id: looks up (inserting) one token given as UTF-8 and appends it. */
napi_value tok_emit_bytes_js(napi_env env, napi_callback_info info) {
  size_t argc = 2; napi_value a[2];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  size_t len;
  const uint8_t *b = arg_array(env, a[1], &len);
  if (!t || !b) { napi_throw_type_error(env, NULL, "tokenizerEmitBytes: bad arguments"); return NULL; }
  napi_value r; napi_create_uint32(env, tok_emit_bytes(t, b, (uint32_t)len), &r); return r;
}

/* tokenizerFinishFile(handle) -> [ids Uint32Array, breaks Uint32Array] (copies; the tokenizer resets its file state) */
napi_value tok_finish(napi_env env, napi_callback_info info) {
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
napi_value tok_counts(napi_env env, napi_callback_info info) {
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
napi_value tok_words_joined_js(napi_env env, napi_callback_info info) {
  size_t argc = 2; napi_value a[2];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  uint32_t from = (uint32_t)arg_number(env, a[1]);
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

napi_value tok_size(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value a[1];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Tok *t = tok_of(env, a[0]);
  if (!t) { napi_throw_type_error(env, NULL, "tokenizerSize: bad handle"); return NULL; }
  napi_value r; napi_create_uint32(env, t->size, &r); return r;
}

/* encodeVarints(ids u32, out u8) -> bytes written: LEB128 of every id (a tokenizer thread's held pieces) */
napi_value encode_varints_js(napi_env env, napi_callback_info info) {
  size_t argc = 2; napi_value a[2];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  size_t nids, nout;
  const uint32_t *ids = arg_array(env, a[0], &nids);
  uint8_t *out = arg_array(env, a[1], &nout);
  if (!ids || !out || nout < nids * 5) { napi_throw_type_error(env, NULL, "encodeVarints: bad arguments"); return NULL; }
  return js_double(env, (double)encode_varints(ids, nids, out));
}

/* decodeVarints(bytes u8, out u32): fills out with out.length varints, which must use every byte */
napi_value decode_varints_js(napi_env env, napi_callback_info info) {
  size_t argc = 2; napi_value a[2];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  size_t nbytes, nout;
  const uint8_t *bytes = arg_array(env, a[0], &nbytes);
  uint32_t *out = arg_array(env, a[1], &nout);
  if (!bytes || !out) { napi_throw_type_error(env, NULL, "decodeVarints: bad arguments"); return NULL; }
  const long p = decode_varints(bytes, nbytes, nout, out);
  if (p != (long)nbytes) { napi_throw_range_error(env, NULL, "decodeVarints: the bytes do not hold exactly that many ids"); return NULL; }
  return NULL;
}

/* encodeMappedVarints(ids u32, from, to, map u32, out u8) -> bytes written: LEB128 of map[ids[i]] for i in [from, to) */
napi_value encode_mapped_varints_js(napi_env env, napi_callback_info info) {
  size_t argc = 5; napi_value a[5];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  size_t nids, nmap, nout;
  const uint32_t *ids = arg_array(env, a[0], &nids);
  const size_t from = (size_t)arg_number(env, a[1]), to = (size_t)arg_number(env, a[2]);
  const uint32_t *map = arg_array(env, a[3], &nmap);
  uint8_t *out = arg_array(env, a[4], &nout);
  if (!ids || !map || !out || to > nids || from > to || nout < (to - from) * 5) {
    napi_throw_type_error(env, NULL, "encodeMappedVarints: bad arguments"); return NULL;
  }
  const long p = encode_mapped_varints(ids, from, to, map, nmap, out);
  if (p < 0) { napi_throw_range_error(env, NULL, "encodeMappedVarints: id outside the map"); return NULL; }
  return js_double(env, (double)p);
}
