/*
 * The tokenizer's fast lane (rules in src/engine/text/tokenizer.ts; the JS version is
 * src/engine/text/byteTokenizer.ts, and the two must agree). It owns the vocabulary: a
 * hash table from UTF-8 byte strings to dense ids. A chunk holding non-ASCII bytes other
 * than a few punctuation marks is handed back to JS, which tokenizes it with the
 * reference rules and looks its tokens up here. Plain C, no Node-API.
 */
#ifndef EMBEDLAB_TOKENIZER_H
#define EMBEDLAB_TOKENIZER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint8_t cls[256], lower[256], punct2000[256];
  /* Each slot keeps the hash beside the id, so a probe compares hashes without another random access. */
  struct slot { uint32_t hash; int32_t id; } *slots; uint32_t mask;
  uint32_t *hashes, *offsets, *lengths; uint32_t size, cap;
  uint8_t *arena; size_t arena_used, arena_cap;
  /* The current file: its ids and where its paragraphs break. */
  uint32_t *ids; size_t n, ids_cap;
  uint32_t *breaks; size_t nbreaks, breaks_cap;
  uint32_t newlines;
  uint8_t *scratch; size_t scratch_cap;
  uint32_t *counts; size_t counts_cap; /* occurrences of each id, over every file pushed */
} Tok;

/* A new tokenizer (NULL when out of memory). */
Tok *tok_new(bool lowercase);
void tok_delete(Tok *t);
/* Tokenizes b[from, end) on the fast lane. Returns where a chunk for the slow lane starts (end when
   there is none left); that chunk ends at *slow_end, and the caller goes on from there. */
size_t tok_push(Tok *t, const uint8_t *b, size_t from, size_t end, size_t *slow_end);
/* Looks up (inserting) one token given as UTF-8 and appends it to the file; returns its id. */
uint32_t tok_emit_bytes(Tok *t, const uint8_t *b, uint32_t len);
/* Forgets the current file's ids and breaks (after they were copied out). */
void tok_reset_file(Tok *t);
/* Bytes that tok_words_joined writes for the types with ids from `from` on. */
size_t tok_words_joined_size(const Tok *t, uint32_t from);
/* Writes those types into buf, joined by '\n' (a token never holds one); returns the bytes written. */
size_t tok_words_joined(const Tok *t, uint32_t from, char *buf);

/* LEB128 of map[ids[i]] for i in [from, to) into out (5 bytes of room per id; src/engine/base/varint.ts
   has the format and the JS version). Returns the bytes written, or -1 for an id outside the map. */
long encode_mapped_varints(const uint32_t *ids, size_t from, size_t to, const uint32_t *map, size_t nmap, uint8_t *out);

/* LEB128 of ids[0..n) into out (5 bytes of room per id); returns the bytes written. */
size_t encode_varints(const uint32_t *ids, size_t n, uint8_t *out);

/* Decodes count varints from bytes[0..nbytes) into out; returns the bytes read, or -1 where the
   bytes end early or a value runs past 32 bits. */
long decode_varints(const uint8_t *bytes, size_t nbytes, size_t count, uint32_t *out);

#endif
