/* word2vec training (see word2vec.h). */
#include <math.h>
#include <stdlib.h>
#include "grow.h"
#include "word2vec.h"
#include "prefetch.h"

#define EXP_TABLE_SIZE 1000
#define MAX_EXP 6
#define MAX_OUTPUTS 64 /* outputs of one step computed together; more noise words take the step one at a time */
static float exp_table[EXP_TABLE_SIZE];
static int exp_table_ready = 0;

/* Every thread may fill it at once: they write the same values. */
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

static int reserve(W2vScratch *s, long dim, size_t sentence) {
  if ((size_t)dim > s->dim_cap) {
    float *a = realloc(s->neu1, sizeof(float) * dim), *b = a ? realloc(s->neu1e, sizeof(float) * dim) : NULL;
    if (a) s->neu1 = a;
    if (!b) return 0;
    s->neu1e = b;
    s->dim_cap = (size_t)dim;
  }
  return grow((void **)&s->sen, &s->sen_cap, sentence, 4);
}

/* The shared-negatives step's tables, for a window of up to 2·window inputs and negative + 1 outputs. */
static int reserve_shared(W2vScratch *s, long dim, long window, long negative) {
  const size_t ins = (size_t)(2 * window), outs = (size_t)(negative + 1);
  return grow((void **)&s->ins, &s->ins_cap, ins, 4) && grow((void **)&s->outs, &s->outs_cap, outs, 4)
    && grow((void **)&s->grad, &s->grad_cap, ins * outs, 4) && grow((void **)&s->d_in, &s->d_in_cap, ins * (size_t)dim, 4);
}

void w2v_scratch_free(W2vScratch *s) {
  free(s->neu1); free(s->neu1e); free(s->sen); free(s->ins); free(s->outs); free(s->grad); free(s->d_in); free(s->negs);
  s->negs = NULL; s->negs_cap = 0;
  s->neu1 = s->neu1e = NULL; s->sen = NULL; s->dim_cap = s->sen_cap = 0;
  s->ins = s->outs = NULL; s->grad = s->d_in = NULL; s->ins_cap = s->outs_cap = s->grad_cap = s->d_in_cap = 0;
}

/* The negative-sampling step's tables and running loss during one call. */
typedef struct {
  float *C;
  long dim, negative;
  double loss, terms; /* the sampled loss of the call so far */
} Negatives;

/*
 * word2vec.c's negative-sampling step, shared by SGNS and CBOW: the input vector h (a
 * context word's row of W for SGNS, the mean of the context for CBOW) against the word
 * (label 1) and the `negative` noise words drawn beforehand in negs (label 0, a draw equal
 * to the word is skipped). Each output row of C moves by g h; g times the row, the gradient
 * for h, accumulates into acc, which the caller applies to W.
 */
static inline float row_dot(const float *restrict h, const float *restrict out, long dim) {
  float dot = 0;
  for (long t = 0; t < dim; t++) dot += h[t] * out[t];
  return dot;
}

static inline void negative_sampling(Negatives *ns, const float *restrict h, float *restrict acc, uint32_t word, const uint32_t *negs, float alpha, int sampled) {
  const long dim = ns->dim;
  /* The outputs: the word, then the noise words that differ from it. When they are all different rows,
     their dot products with h do not depend on one another's updates, so all of them are computed first:
     the processor overlaps their loads and sums, where one after another each waited for the one before
     (the loop's wait in perf). A noise word drawn twice keeps word2vec.c's order: its second dot product
     must see the first update. The updates follow in that order either way, with the same values. */
  float f[MAX_OUTPUTS];
  int ahead = ns->negative + 1 <= MAX_OUTPUTS;
  if (ahead) {
    uint32_t targets[MAX_OUTPUTS];
    long m = 0;
    targets[m++] = word;
    for (long k = 0; k < ns->negative && ahead; k++) {
      if (negs[k] == word) continue;
      for (long j = 1; j < m; j++) ahead &= targets[j] != negs[k];
      targets[m++] = negs[k];
    }
    for (long j = 0; j < m && ahead; j++) f[j] = row_dot(h, ns->C + (long)targets[j] * dim, dim);
  }
  for (long d = 0, j = 0; d <= ns->negative; d++) {
    uint32_t target; int label;
    if (d == 0) { target = word; label = 1; }
    else { target = negs[d - 1]; if (target == word) continue; label = 0; }
    float *restrict out = ns->C + (long)target * dim;
    const float dot = ahead ? f[j++] : row_dot(h, out, dim);
    if (sampled) { ns->loss += pair_loss(dot, label); ns->terms++; }
    const float g = gradient(dot, label, alpha);
    for (long t = 0; t < dim; t++) acc[t] += g * out[t];
    for (long t = 0; t < dim; t++) out[t] += g * h[t];
  }
}

/*
 * pWord2Vec's skip-gram step (Ji et al. 2016): the centre word and `negative` noise words (drawn once
 * for the window; a draw equal to the centre is skipped) are the outputs, the window's context words the
 * inputs, and their dot products one small matrix product, so each output row is fetched once per window
 * rather than once per context word. Gradients G (inputs × outputs) move each input row by G·O and each
 * output row by Gᵀ·I, both from the rows as they were before the step.
 */
static void shared_window(Negatives *ns, W2vScratch *sc, float *W, const uint32_t *ids, long n_in, uint32_t word, const uint32_t *negs, float alpha, int sampled) {
  const long dim = ns->dim;
  uint32_t *outs = sc->outs;
  long n_out = 0;
  outs[n_out++] = word;
  for (long k = 0; k < ns->negative; k++) if (negs[k] != word) outs[n_out++] = negs[k];
  float *G = sc->grad, *d_in = sc->d_in;
  for (long i = 0; i < n_in; i++) {
    const float *restrict x = W + (long)ids[i] * dim;
    float *restrict acc = d_in + i * dim;
    for (long t = 0; t < dim; t++) acc[t] = 0;
    for (long j = 0; j < n_out; j++) {
      const float *restrict o = ns->C + (long)outs[j] * dim;
      float f = 0;
      for (long t = 0; t < dim; t++) f += x[t] * o[t];
      if (sampled) { ns->loss += pair_loss(f, j == 0); ns->terms++; }
      const float g = gradient(f, j == 0, alpha);
      G[i * n_out + j] = g;
      for (long t = 0; t < dim; t++) acc[t] += g * o[t];
    }
  }
  for (long j = 0; j < n_out; j++) {
    float *restrict o = ns->C + (long)outs[j] * dim;
    for (long i = 0; i < n_in; i++) {
      const float g = G[i * n_out + j];
      const float *restrict x = W + (long)ids[i] * dim;
      for (long t = 0; t < dim; t++) o[t] += g * x[t];
    }
  }
  for (long i = 0; i < n_in; i++) {
    float *restrict x = W + (long)ids[i] * dim;
    const float *restrict acc = d_in + i * dim;
    for (long t = 0; t < dim; t++) x[t] += acc[t];
  }
}

/*
 * Copies sentence s into sen, dropping words by their keep probability; returns its length, and the
 * words read in *read. The stream is 16-bit or 32-bit ids, or LEB128 varints (a truncated one ends at
 * the sentence's end). An id outside the vocabulary (a corrupt stream) is not trained on.
 */
static inline long subsample(const W2vArgs *a, const uint32_t *starts, long s, uint32_t *sen, long *read) {
  long n = 0, words = 0;
  const uint32_t end = starts[s + 1];
  for (uint32_t p = starts[s]; p < end; words++) {
    uint32_t w;
    if (a->varints) {
      uint32_t byte = a->varints[p++];
      w = byte & 0x7f;
      for (unsigned shift = 7; byte >= 0x80 && p < end; shift += 7) {
        byte = a->varints[p++];
        if (shift < 32) w |= (byte & 0x7f) << shift;
      }
    } else w = a->ids16 ? a->ids16[p++] : a->ids32[p++];
    if (w >= a->vocab) continue;
    if (a->keep[w] < 1.0f && a->keep[w] < (float)((rng_next(a->rng) >> 40) & 0xFFFF) / 65536.0f) continue;
    sen[n++] = w;
  }
  *read = words;
  return n;
}

/*
 * One position's random draws: the window's shrink b, and the noise words (`negative` of them, or that
 * many per context word when each pair draws its own). They are made DRAWS_AHEAD positions ahead, in
 * the order word2vec.c makes them (b, then the negatives; none when the window is empty), so the results
 * do not change; what changes is that the rows they touch can be fetched while earlier positions train.
 * One position ahead left CBOW waiting on the first load of each noise word's row (43% of its cycles in
 * perf); 3 to 6 ahead gave about 20% more words/s on one thread than 1 ahead (4 rounds, noisy machine).
 */
typedef struct { long lo, hi; uint32_t *negs; } Draws;
#define DRAWS_AHEAD 4

static inline void draw_position(const W2vArgs *a, long n, long pos, int per_input, Draws *d) {
  const long window = a->window;
  /* The window shrinks by b, drawn uniformly in 0..window-1: context positions lo..hi, pos excluded. */
  const long b = (long)((rng_next(a->rng) >> 33) % (uint64_t)window);
  d->lo = pos - window + b > 0 ? pos - window + b : 0;
  d->hi = pos + window - b < n - 1 ? pos + window - b : n - 1;
  const long inputs = d->hi - d->lo; /* lo <= pos <= hi, and pos is not an input */
  const long draws = inputs == 0 ? 0 : per_input ? inputs * a->negative : a->negative;
  for (long k = 0; k < draws; k++) d->negs[k] = sample_negative(a->alias_prob, a->alias_idx, a->vocab, a->rng);
}

/*
 * Asks for the rows a coming position will touch: its word's and its noise words' rows of C (random
 * addresses the hardware prefetcher cannot guess, the loop's main wait on memory) and the row of W
 * that enters the widest window.
 */
static inline void prefetch_position(const W2vArgs *a, const uint32_t *sen, long n, long pos, int per_input, const Draws *d) {
  const long dim = a->dim, inputs = d->hi - d->lo;
  const long draws = inputs == 0 ? 0 : per_input ? inputs * a->negative : a->negative;
  const size_t row = (size_t)dim * sizeof(float);
  prefetch_for_write(a->C + (long)sen[pos] * dim, row);
  for (long k = 0; k < draws; k++) prefetch_for_write(a->C + (long)d->negs[k] * dim, row);
  const long enter = pos + a->window < n - 1 ? pos + a->window : n - 1;
  prefetch_for_write(a->W + (long)sen[enter] * dim, row);
}

int w2v_train(const W2vArgs *a, W2vScratch *scratch, W2vResult *r) {
  float *W = a->W;
  const long dim = a->dim, window = a->window;
  const uint32_t *starts = a->sent_starts;
  const int cbow = a->cbow;
  Negatives ns = { a->C, dim, a->negative, 0, 0 };
  init_exp_table();
  if (!reserve(scratch, dim, 1)) return 0;
  const int shared = !cbow && a->share_negatives;
  const int per_input = !cbow && !shared;
  if (shared && !reserve_shared(scratch, dim, window, a->negative)) return 0;
  const size_t per_position = (size_t)(2 * window * a->negative);
  if (!grow((void **)&scratch->negs, &scratch->negs_cap, (DRAWS_AHEAD + 1) * per_position, 4)) return 0;
  float *neu1 = scratch->neu1, *neu1e = scratch->neu1e;
  Draws ring[DRAWS_AHEAD + 1];
  for (long k = 0; k <= DRAWS_AHEAD; k++) ring[k] = (Draws){ 0, 0, scratch->negs + k * per_position };
  double words = 0;
  for (long s = a->sent_from; s < a->sent_to; s++) {
    const uint32_t b0 = starts[s], b1 = starts[s + 1];
    if (!reserve(scratch, dim, b1 - b0 + 1)) return 0;
    uint32_t *sen = scratch->sen;
    long read;
    const long n = subsample(a, starts, s, sen, &read);
    double ratio = 1 - (a->words_before + words) / (a->total_words + 1);
    if (ratio < a->min_ratio) ratio = a->min_ratio;
    const float alpha = (float)(a->alpha0 * ratio);
    words += read;
    for (long p = 0; p < DRAWS_AHEAD && p < n; p++) {
      draw_position(a, n, p, per_input, &ring[p % (DRAWS_AHEAD + 1)]);
      prefetch_position(a, sen, n, p, per_input, &ring[p % (DRAWS_AHEAD + 1)]);
    }
    for (long pos = 0; pos < n; pos++) {
      if (pos + DRAWS_AHEAD < n) {
        Draws *ahead = &ring[(pos + DRAWS_AHEAD) % (DRAWS_AHEAD + 1)];
        draw_position(a, n, pos + DRAWS_AHEAD, per_input, ahead);
        prefetch_position(a, sen, n, pos + DRAWS_AHEAD, per_input, ahead);
      }
      const Draws cur = ring[pos % (DRAWS_AHEAD + 1)];
      const uint32_t word = sen[pos];
      const long lo = cur.lo, hi = cur.hi;
      const int sampled = (pos & 7) == 0;
      if (cbow) {
        long cw = 0;
        for (long t = 0; t < dim; t++) { neu1[t] = 0; neu1e[t] = 0; }
        for (long c = lo; c <= hi; c++) {
          if (c == pos) continue;
          const float *restrict v = W + (long)sen[c] * dim;
          for (long t = 0; t < dim; t++) neu1[t] += v[t];
          cw++;
        }
        if (cw) {
          for (long t = 0; t < dim; t++) neu1[t] /= cw;
          negative_sampling(&ns, neu1, neu1e, word, cur.negs, alpha, sampled);
          for (long c = lo; c <= hi; c++) {
            if (c == pos) continue;
            float *restrict v = W + (long)sen[c] * dim;
            for (long t = 0; t < dim; t++) v[t] += neu1e[t];
          }
        }
      } else if (shared) {
        long n_in = 0;
        for (long c = lo; c <= hi; c++) if (c != pos) scratch->ins[n_in++] = sen[c];
        if (n_in) shared_window(&ns, scratch, W, scratch->ins, n_in, word, cur.negs, alpha, sampled);
      } else {
        const uint32_t *negs = cur.negs;
        for (long c = lo; c <= hi; c++) {
          if (c == pos) continue;
          float *restrict in = W + (long)sen[c] * dim;
          for (long t = 0; t < dim; t++) neu1e[t] = 0;
          negative_sampling(&ns, in, neu1e, word, negs, alpha, sampled);
          negs += a->negative;
          for (long t = 0; t < dim; t++) in[t] += neu1e[t];
        }
      }
    }
  }
  r->words = words; r->loss = ns.loss; r->terms = ns.terms;
  return 1;
}
