/*
 * word2vec training (SGNS and CBOW with negative sampling), word2vec.c's semantics:
 * subsampling with its keep probability, a dynamic window (b drawn uniformly in
 * 0..L-1), negatives from Walker's alias table of unigram^0.75, word2vec's clipped
 * sigmoid table, and a linear learning-rate decay. Threads call it concurrently on
 * shared W and C (Hogwild). The JS reference is src/engine/kernels/word2vecKernel.ts.
 * Plain C, no Node-API.
 */
#ifndef EMBEDLAB_WORD2VEC_H
#define EMBEDLAB_WORD2VEC_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
  /* The model, shared by every thread: V x dim each. */
  float *W, *C;
  long dim;
  /* Walker alias table of the negatives (keep i with probability alias_prob[i], else take alias_idx[i]). */
  const float *alias_prob;
  const uint32_t *alias_idx;
  uint32_t vocab;
  /* word2vec.c's keep probability per word (1 = always kept). */
  const float *keep;
  /* The stream: LEB128 varints (what training holds, about 1.5 bytes a token), 16-bit ids or 32-bit ids;
     the two others are NULL. */
  const uint8_t *varints;
  const uint16_t *ids16;
  const uint32_t *ids32;
  /* Sentence s spans ids[sent_starts[s] .. sent_starts[s + 1]) (bytes, for varints); this call trains on [sent_from, sent_to). */
  const uint32_t *sent_starts;
  long sent_from, sent_to;
  long window, negative;
  /* The learning rate falls linearly from alpha0 to alpha0 * min_ratio over total_words; words_before were read before this call. */
  double alpha0, min_ratio, words_before, total_words;
  /* The thread's random state (xorshift64*), updated in place. */
  uint64_t *rng;
  int cbow;
  /* Skip-gram: draw the negatives once per centre word, shared by its whole window (pWord2Vec, Ji et al.
     2016), instead of once per (context, centre) pair as word2vec.c does. */
  int share_negatives;
} W2vArgs;

/* What one call read and its sampled loss (every 8th position): loss / terms is the mean. */
typedef struct { double words, loss, terms; } W2vResult;

/* Work space of one thread, kept from call to call: grown when a call needs more, never shrunk. */
typedef struct {
  float *neu1, *neu1e;
  size_t dim_cap;
  uint32_t *sen;
  size_t sen_cap;
  /* Shared negatives: the window's input and output word ids, their dot products' gradients, the inputs' updates. */
  uint32_t *ins, *outs;
  float *grad, *d_in;
  size_t ins_cap, outs_cap, grad_cap, d_in_cap;
  /* The noise words drawn for the positions being trained and read ahead: a ring of DRAWS_AHEAD + 1 parts. */
  uint32_t *negs;
  size_t negs_cap;
} W2vScratch;

/* Trains on the sentences of a; returns 0 when the scratch could not grow (out of memory). */
int w2v_train(const W2vArgs *a, W2vScratch *s, W2vResult *r);
void w2v_scratch_free(W2vScratch *s);

#endif
