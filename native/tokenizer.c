/* The tokenizer's fast lane and its vocabulary (see tokenizer.h). */
#include <stdlib.h>
#include <string.h>
#include "grow.h"
#include "tokenizer.h"

enum { T_SEP = 0, T_LETTER, T_DIGIT, T_JOIN, T_NUMJOIN, T_NEWLINE, T_HIGH };

Tok *tok_new(bool lowercase) {
  Tok *t = calloc(1, sizeof(Tok));
  if (!t) return NULL;
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
  if (!t->slots) { free(t); return NULL; }
  for (uint32_t i = 0; i <= t->mask; i++) t->slots[i].id = -1;
  return t;
}

void tok_delete(Tok *t) {
  free(t->slots); free(t->hashes); free(t->offsets); free(t->lengths); free(t->arena); free(t->ids); free(t->breaks); free(t->scratch); free(t->counts); free(t);
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

size_t tok_push(Tok *t, const uint8_t *b, size_t i, size_t end, size_t *slow_end) {
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
      *slow_end = j;
      return i;
    }
    tok_fast_chunk(t, b, i, j);
    i = j;
  }
  return end;
}

uint32_t tok_emit_bytes(Tok *t, const uint8_t *b, uint32_t len) {
  uint32_t h = 0x811c9dc5u;
  for (uint32_t i = 0; i < len; i++) h = (h ^ b[i]) * 0x01000193u;
  uint32_t id = tok_id(t, b, len, h);
  tok_emit(t, id);
  return id;
}

void tok_reset_file(Tok *t) {
  t->n = 0; t->nbreaks = 0; t->newlines = 0;
}

size_t tok_words_joined_size(const Tok *t, uint32_t from) {
  size_t bytes = 0;
  for (uint32_t id = from; id < t->size; id++) bytes += t->lengths[id] + 1;
  return bytes;
}

size_t tok_words_joined(const Tok *t, uint32_t from, char *buf) {
  size_t at = 0;
  for (uint32_t id = from; id < t->size; id++) {
    if (at) buf[at++] = '\n';
    memcpy(buf + at, t->arena + t->offsets[id], t->lengths[id]);
    at += t->lengths[id];
  }
  return at;
}

size_t encode_varints(const uint32_t *ids, size_t n, uint8_t *out) {
  size_t p = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t v = ids[i];
    while (v >= 0x80) { out[p++] = (uint8_t)((v & 0x7f) | 0x80); v >>= 7; }
    out[p++] = (uint8_t)v;
  }
  return p;
}

long decode_varints(const uint8_t *bytes, size_t nbytes, size_t count, uint32_t *out) {
  size_t p = 0;
  for (size_t i = 0; i < count; i++) {
    uint32_t v = 0;
    unsigned shift = 0;
    uint8_t b;
    do {
      if (p >= nbytes || shift > 28) return -1;
      b = bytes[p++];
      v |= (uint32_t)(b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    out[i] = v;
  }
  return (long)p;
}

long encode_mapped_varints(const uint32_t *ids, size_t from, size_t to, const uint32_t *map, size_t nmap, uint8_t *out) {
  size_t p = 0;
  for (size_t i = from; i < to; i++) {
    const uint32_t l = ids[i];
    if (l >= nmap) return -1;
    uint32_t v = map[l];
    while (v >= 0x80) { out[p++] = (uint8_t)((v & 0x7f) | 0x80); v >>= 7; }
    out[p++] = (uint8_t)v;
  }
  return (long)p;
}
