/*
 * One Barnes-Hut t-SNE gradient, as src/engine/kernels/tsneKernel.ts computes it, in two phases over the
 * threads: one thread builds the quadtree or octree (tsne_tree.c) while the others add the attraction over
 * rows of P, which needs no Z; then every thread walks the tree for its groups of points (the repulsion).
 * One pass at the end divides the repulsion by Z, the sum over every group.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include "tsne.h"
#include "tsne_tree.h"

#define MAX_THREADS 64

#define GROUPS_AT_ONCE 8 /* groups in tree order that one thread takes at a time */

/* What one thread's walk found for the group at hand, column by column: the centres of mass of the cells
   that stand for their points (weight = count) and the points of the leaves it had to open (weight 1). */
typedef struct {
  double *at[3], *weight;
  long len, cap;
} Sources;

static int sources_add(Sources *s, const double *y, double weight, long D) {
  if (s->len == s->cap) {
    const long cap = s->cap ? 2 * s->cap : 1024;
    for (long c = 0; c < D; c++) {
      double *p = realloc(s->at[c], (size_t)cap * sizeof(double));
      if (!p) return 0;
      s->at[c] = p;
    }
    double *w = realloc(s->weight, (size_t)cap * sizeof(double));
    if (!w) return 0;
    s->weight = w;
    s->cap = cap;
  }
  for (long c = 0; c < D; c++) s->at[c][s->len] = y[c];
  s->weight[s->len++] = weight;
  return 1;
}

static void sources_free(Sources *s) {
  for (long c = 0; c < 3; c++) free(s->at[c]);
  free(s->weight);
}

#define ROWS_AT_ONCE 256 /* rows of P that one thread takes at a time in the attraction */

/* What the threads of one call share. */
typedef struct {
  const TsneArgs *a;
  Tree tree;
  int32_t *groups;
  long groups_len, threads;
  int tree_ok;
  double *rep;          /* n x dims: -sum_j q_ij^2 (y_i - y_j), before it is divided by Z */
  double *chunk_kl;     /* the KL sum of each ROWS_AT_ONCE rows: added up in order, whoever computed them */
  long chunks;
  atomic_long next_chunk;
} Shared;

/* One thread's part. */
typedef struct {
  Shared *s;
  long index;
  double z;
  int failed; /* out of memory, or the tree was deeper than the stack allows */
} Range;

/* Barnes-Hut for a group of points at once (Barnes 1990): one walk per group, opening a cell unless it is
   far from the group's whole bounding box (width < theta x distance from the box to its centre of mass),
   so every point of the group would have accepted it on its own walk too. The group's points then run
   through the same list of sources, a loop without branches that the compiler vectorises; a point meets
   itself in its leaf and counts q = 1 there, which is taken off Z again. */
static inline __attribute__((always_inline)) int group_walk(Range *r, Sources *src, const Node *g, const long D) {
  const TsneArgs *a = r->s->a;
  const Node *nodes = r->s->tree.nodes;
  const int32_t *perm = r->s->tree.perm;
  double *rep = r->s->rep;
  const long fan = 1L << D;
  const double theta2 = a->theta * a->theta;
  double lo[3] = {INFINITY, INFINITY, INFINITY}, hi[3] = {-INFINITY, -INFINITY, -INFINITY};
  const double *at = r->s->tree.at;
  for (int32_t k = g->start; k < g->end; k++) {
    const double *y = at + (long)k * D;
    for (long c = 0; c < D; c++) {
      lo[c] = fmin(lo[c], y[c]);
      hi[c] = fmax(hi[c], y[c]);
    }
  }
  int32_t stack[STACK];
  long sp = 0;
  stack[sp++] = 0;
  src->len = 0;
  while (sp > 0) {
    const Node *nd = &nodes[stack[--sp]];
    if (nd->count == 0) continue;
    if (nd->child == -1) {
      for (int32_t t = nd->start; t < nd->end; t++) {
        if (!sources_add(src, at + (long)t * D, 1, D)) return 0;
      }
      continue;
    }
    double d2 = 0;
    for (long c = 0; c < D; c++) {
      const double out = fmax(0, fmax(lo[c] - nd->com[c], nd->com[c] - hi[c]));
      d2 += out * out;
    }
    if (nd->width2 < theta2 * d2) {
      if (!sources_add(src, nd->com, nd->count, D)) return 0;
    } else {
      if (sp + fan > STACK) return 0;
      for (long b = 0; b < fan; b++) stack[sp++] = nd->child + (int32_t)b;
    }
  }
  const long len = src->len;
  const double *x0 = src->at[0], *x1 = src->at[1], *x2 = src->at[D == 3 ? 2 : 1], *w = src->weight;
  double z = 0;
  for (int32_t k = g->start; k < g->end; k++) {
    const long i = perm[k];
    const double *yi = at + (long)k * D;
    double zi = 0, r0 = 0, r1 = 0, r2 = 0;
    for (long m = 0; m < len; m++) {
      const double d0 = yi[0] - x0[m], d1 = yi[1] - x1[m], dz = D == 3 ? yi[2] - x2[m] : 0;
      const double q = 1 / (1 + d0 * d0 + d1 * d1 + dz * dz), wq = w[m] * q, wq2 = wq * q;
      zi += wq;
      r0 += wq2 * d0;
      r1 += wq2 * d1;
      r2 += wq2 * dz;
    }
    z += zi - 1;
    rep[i * D] = -r0;
    rep[i * D + 1] = -r1;
    if (D == 3) rep[i * D + 2] = -r2;
  }
  r->z += z;
  return 1;
}

/* The groups' blocks index, index + threads, ... in tree order: dense parts of the layout (long lists of
   sources) are shared out evenly. */
static inline __attribute__((always_inline)) void repulsion_in(Range *r, const long D) {
  const Shared *sh = r->s;
  const long of = sh->threads;
  Sources src = {{NULL, NULL, NULL}, NULL, 0, 0};
  r->z = 0;
  for (long b0 = r->index * GROUPS_AT_ONCE; b0 < sh->groups_len && !r->failed; b0 += of * GROUPS_AT_ONCE)
    for (long k = b0; k < b0 + GROUPS_AT_ONCE && k < sh->groups_len; k++) {
      if (!group_walk(r, &src, &sh->tree.nodes[sh->groups[k]], D)) { r->failed = 1; break; }
    }
  sources_free(&src);
}

static void repulsion(Range *r) { FOR_EACH_DIMS(repulsion_in, r->s->a->dims, r); }

/* grad[i] = exaggeration x sum_j p_ij q_ij (y_i - y_j) for the rows [from, to); returns their sum of p log(p / q)
   when asked. The attraction does not need Z, so it runs while the tree is built. */
static inline __attribute__((always_inline)) double attraction_in(const TsneArgs *a, long from, long to, const long D) {
  const double ex = a->exaggeration;
  const double *Y = a->Y, *vals = a->vals;
  const int32_t *cols = a->cols;
  double kl = 0;
  for (long i = from; i < to; i++) {
    const double y0 = Y[i * D], y1 = Y[i * D + 1], y2 = D == 3 ? Y[i * D + 2] : 0;
    const int32_t e0 = a->row_ptr[i], e1 = a->row_ptr[i + 1];
    double a0 = 0, a1 = 0, a2 = 0;
    /* Without a branch in it (the KL sum, every 25th iteration, has its own loop), this one vectorises. */
    for (int32_t e = e0; e < e1; e++) {
      const long j = (long)cols[e] * D;
      const double d0 = y0 - Y[j], d1 = y1 - Y[j + 1], dz = D == 3 ? y2 - Y[j + 2] : 0;
      const double pq = vals[e] / (1 + d0 * d0 + d1 * d1 + dz * dz);
      a0 += pq * d0;
      a1 += pq * d1;
      a2 += pq * dz;
    }
    if (a->compute_kl) {
      for (int32_t e = e0; e < e1; e++) {
        const long j = (long)cols[e] * D;
        const double d0 = y0 - Y[j], d1 = y1 - Y[j + 1], dz = D == 3 ? y2 - Y[j + 2] : 0;
        const double q = 1 / (1 + d0 * d0 + d1 * d1 + dz * dz);
        kl += vals[e] * log(fmax(vals[e], 1e-300) / fmax(q, 1e-300));
      }
    }
    a->grad[i * D] = ex * a0;
    a->grad[i * D + 1] = ex * a1;
    if (D == 3) a->grad[i * D + 2] = ex * a2;
  }
  return kl;
}

static double attraction(const TsneArgs *a, long from, long to) { return FOR_EACH_DIMS(attraction_in, a->dims, a, from, to); }

/* The first phase: thread 0 builds the tree (one thread's work) while the others take rows of P, a block at
   a time; thread 0 joins them when the tree stands. */
static void *build_and_attract(void *p) {
  Range *r = (Range *)p;
  Shared *sh = r->s;
  const TsneArgs *a = sh->a;
  if (r->index == 0) {
    sh->tree_ok = tree_build(&sh->tree, a->Y, a->n, a->dims);
    if (sh->tree_ok) sh->groups_len = tree_groups(&sh->tree, a->dims, &sh->groups);
    if (sh->groups_len < 0) sh->tree_ok = 0;
  }
  for (;;) {
    const long c = atomic_fetch_add(&sh->next_chunk, 1);
    if (c >= sh->chunks) break;
    const long from = c * ROWS_AT_ONCE, to = from + ROWS_AT_ONCE < a->n ? from + ROWS_AT_ONCE : a->n;
    sh->chunk_kl[c] = attraction(a, from, to);
  }
  return NULL;
}

static void *repulsion_thread(void *p) {
  repulsion((Range *)p);
  return NULL;
}

/* Runs f over the T argument blocks: block 0 on this thread, the others on their own; 0 if a thread could not start. */
static int run_ranges(long T, void *(*f)(void *), void *args, size_t size) {
  pthread_t th[MAX_THREADS];
  long started = 0;
  int ok = 1;
  for (long t = 1; t < T; t++) {
    if (pthread_create(&th[t], NULL, f, (char *)args + t * size) != 0) { ok = 0; break; }
    started = t;
  }
  if (ok) f(args);
  for (long t = 1; t <= started; t++) pthread_join(th[t], NULL);
  return ok;
}

static void shared_free(Shared *sh) {
  tree_free(&sh->tree);
  free(sh->groups);
  free(sh->rep);
  free(sh->chunk_kl);
}

int tsne_gradient(const TsneArgs *a, double out[2]) {
  long T = a->threads < 1 ? 1 : a->threads > MAX_THREADS ? MAX_THREADS : a->threads;
  if (T > a->n) T = a->n;
  const long n = a->n, D = a->dims;
  Shared sh = {.a = a, .groups_len = -1, .threads = T, .chunks = (n + ROWS_AT_ONCE - 1) / ROWS_AT_ONCE};
  atomic_init(&sh.next_chunk, 0);
  sh.rep = malloc((size_t)(n * D) * sizeof(double));
  sh.chunk_kl = malloc((size_t)sh.chunks * sizeof(double));
  Range r[MAX_THREADS];
  for (long t = 0; t < T; t++) r[t] = (Range){&sh, t, 0, 0};
  int ok = sh.rep && sh.chunk_kl && run_ranges(T, build_and_attract, r, sizeof r[0]) && sh.tree_ok;
  ok = ok && run_ranges(T, repulsion_thread, r, sizeof r[0]);
  double z = 0, kl = 0;
  for (long t = 0; t < T && ok; t++) {
    if (r[t].failed) ok = 0;
    z += r[t].z; /* in range order: the same sum whatever the timing */
  }
  if (ok) {
    /* grad = 4 (exaggeration x attraction - repulsion / Z) */
    const double inv_z = 1 / fmax(z, 1e-300);
    for (long k = 0; k < n * D; k++) a->grad[k] = 4 * (a->grad[k] + sh.rep[k] * inv_z);
    for (long c = 0; c < sh.chunks; c++) kl += sh.chunk_kl[c];
    out[0] = z;
    out[1] = kl;
  }
  shared_free(&sh);
  return ok;
}
