/*
 * What the Node-API binding's files share (binding.c, binding_tokenizer.c,
 * binding_train.c): argument helpers, and the callbacks that init() exports.
 */
#ifndef EMBEDLAB_BINDING_H
#define EMBEDLAB_BINDING_H
#include <node_api.h>
#include <stddef.h>

#define CHECK(call) do { if ((call) != napi_ok) { napi_throw_error(env, NULL, "embedlab kernels: bad arguments"); return NULL; } } while (0)

/* The data of a typed array (its length in *length when not NULL), or NULL when v is none. */
void *arg_array(napi_env env, napi_value v, size_t *length);
double arg_number(napi_env env, napi_value v);
napi_value js_double(napi_env env, double d);

/* binding_tokenizer.c */
napi_value tok_create(napi_env env, napi_callback_info info);
napi_value tok_push_js(napi_env env, napi_callback_info info);
napi_value tok_emit_bytes_js(napi_env env, napi_callback_info info);
napi_value tok_finish(napi_env env, napi_callback_info info);
napi_value tok_counts(napi_env env, napi_callback_info info);
napi_value tok_words_joined_js(napi_env env, napi_callback_info info);
napi_value tok_size(napi_env env, napi_callback_info info);
napi_value encode_mapped_varints_js(napi_env env, napi_callback_info info);
napi_value encode_varints_js(napi_env env, napi_callback_info info);
napi_value decode_varints_js(napi_env env, napi_callback_info info);

/* binding_train.c */
napi_value word2vec_train(napi_env env, napi_callback_info info);
napi_value glove_train_js(napi_env env, napi_callback_info info);
napi_value tsne_gradient_js(napi_env env, napi_callback_info info);
/* Gives this thread (Node-API environment) its kernels' scratch, kept from call to call; false on failure. */
int keep_thread_scratch(napi_env env);

#endif
