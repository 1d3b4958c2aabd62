/*
 * The Barnes-Hut tree of the t-SNE gradient, as src/engine/kernels/spaceTree.ts builds it: one array of
 * nodes that the walk reads from cache lines, the points' coordinates copied in tree order beside it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tsne_tree.h"

static int tree_grow(Tree *t, long cap) {
  Node *nodes = realloc(t->nodes, (size_t)cap * sizeof(Node));
  if (!nodes) return 0;
  t->nodes = nodes;
  double *center = realloc(t->center, (size_t)cap * 4 * sizeof(double));
  if (!center) return 0;
  t->center = center;
  t->cap = cap;
  return 1;
}

void tree_free(Tree *t) {
  free(t->nodes);
  free(t->center);
  free(t->perm);
  free(t->bucket);
  free(t->tmp);
  free(t->at);
  free(t->at_tmp);
}

/* The reference's SpaceTree.build: the bounding cube, split at the centre into 2^D children until a node
   holds at most one point (or 40 levels); the points of a node are perm[start, end), partitioned stably.
   The coordinates move with perm (at), so that every pass reads them in order; the centres of mass are
   added up from the leaves once the tree stands (the reference sums each node's points: the same up to
   rounding), which makes the build one pass over the points per level instead of two. */
static inline __attribute__((always_inline)) int tree_build_in(Tree *t, const double *Y, long n, const long D) {
  const long fan = 1L << D;
  memset(t, 0, sizeof *t);
  t->perm = malloc((size_t)n * sizeof(int32_t));
  t->bucket = malloc((size_t)n * sizeof(int32_t));
  t->tmp = malloc((size_t)n * sizeof(int32_t));
  t->at = malloc((size_t)(n * D) * sizeof(double));
  t->at_tmp = malloc((size_t)(n * D) * sizeof(double));
  /* Depth first: at most 2^D - 1 siblings wait per level above, so the stack stays small. */
  int32_t stack[(MAX_LEVEL + 2) * 8], depth[(MAX_LEVEL + 2) * 8];
  /* A word-vector layout in 2D takes about 3.7 nodes a point: room for 4 saves growing (copying) on most calls. */
  if (!t->perm || !t->bucket || !t->tmp || !t->at || !t->at_tmp || !tree_grow(t, 4 * n + 64)) return 0;
  memcpy(t->at, Y, (size_t)(n * D) * sizeof(double));
  double lo[3] = {INFINITY, INFINITY, INFINITY}, hi[3] = {-INFINITY, -INFINITY, -INFINITY};
  for (long i = 0; i < n; i++) {
    t->perm[i] = (int32_t)i;
    for (long c = 0; c < D; c++) {
      const double v = Y[i * D + c];
      if (v < lo[c]) lo[c] = v;
      if (v > hi[c]) hi[c] = v;
    }
  }
  double half = 0;
  for (long c = 0; c < D; c++) half = fmax(half, (hi[c] - lo[c]) / 2);
  half = half * (1 + 1e-6) + 1e-12;
  t->size = 1;
  for (long c = 0; c < D; c++) t->center[c] = (lo[c] + hi[c]) / 2;
  t->center[3] = half;
  t->nodes[0] = (Node){{0, 0, 0}, (2 * half) * (2 * half), 0, -1, 0, (int32_t)n};
  long sp = 0;
  stack[sp] = 0;
  depth[sp++] = 0;
  while (sp > 0) {
    const int32_t node = stack[--sp], level = depth[sp];
    Node *nd = &t->nodes[node];
    const int32_t s = nd->start, e = nd->end, cnt = e - s;
    nd->count = cnt;
    if (cnt <= 1 || level >= MAX_LEVEL) {
      nd->child = -1;
      for (long c = 0; c < D; c++) {
        double m = 0;
        for (int32_t k = s; k < e; k++) m += t->at[k * D + c];
        nd->com[c] = m / cnt;
      }
      continue;
    }
    long counts[8] = {0}, next[8];
    const double *ctr = t->center + (long)node * 4;
    for (int32_t k = s; k < e; k++) {
      int32_t b = 0;
      for (long c = 0; c < D; c++) if (t->at[k * D + c] > ctr[c]) b |= 1 << c;
      t->bucket[k] = b;
      counts[b]++;
    }
    if (t->size + fan > t->cap && !tree_grow(t, 2 * t->cap)) return 0;
    nd = &t->nodes[node]; /* the nodes may have moved */
    ctr = t->center + (long)node * 4;
    const int32_t first = (int32_t)t->size;
    t->size += fan;
    nd->child = first;
    const double h = ctr[3] / 2; /* the children's half width */
    long offset = s;
    for (long b = 0; b < fan; b++) {
      Node *ch = &t->nodes[first + b];
      next[b] = offset;
      *ch = (Node){{0, 0, 0}, (2 * h) * (2 * h), 0, -1, (int32_t)offset, (int32_t)(offset + counts[b])};
      offset += counts[b];
      for (long c = 0; c < D; c++) t->center[(first + b) * 4 + c] = ctr[c] + ((b >> c) & 1 ? h : -h);
      t->center[(first + b) * 4 + 3] = h;
    }
    for (int32_t k = s; k < e; k++) {
      const long to = next[t->bucket[k]]++;
      t->tmp[to] = t->perm[k];
      for (long c = 0; c < D; c++) t->at_tmp[to * D + c] = t->at[k * D + c];
    }
    memcpy(t->perm + s, t->tmp + s, (size_t)cnt * sizeof(int32_t));
    memcpy(t->at + s * D, t->at_tmp + s * D, (size_t)(cnt * D) * sizeof(double));
    for (long b = 0; b < fan; b++) {
      if (t->nodes[first + b].end > t->nodes[first + b].start) {
        stack[sp] = first + (int32_t)b;
        depth[sp++] = level + 1;
      }
    }
  }
  /* Children come after their parent in the array: backwards, every node's children are done before it. */
  for (long node = t->size - 1; node >= 0; node--) {
    Node *nd = &t->nodes[node];
    if (nd->child == -1 || nd->count == 0) continue;
    double m[3] = {0, 0, 0};
    for (long b = 0; b < fan; b++) {
      const Node *ch = &t->nodes[nd->child + b];
      for (long c = 0; c < D; c++) m[c] += ch->count * ch->com[c];
    }
    for (long c = 0; c < D; c++) nd->com[c] = m[c] / nd->count;
  }
  return 1;
}

int tree_build(Tree *t, const double *Y, long n, long D) { return FOR_EACH_DIMS(tree_build_in, D, t, Y, n); }

long tree_groups(const Tree *t, long D, int32_t **groups) {
  const long fan = 1L << D;
  *groups = malloc((size_t)t->size * sizeof(int32_t));
  if (!*groups) return -1;
  int32_t stack[STACK];
  long sp = 0, len = 0;
  stack[sp++] = 0;
  while (sp > 0) {
    const int32_t node = stack[--sp];
    const Node *nd = &t->nodes[node];
    if (nd->count == 0) continue;
    if (nd->count <= GROUP || nd->child == -1) {
      (*groups)[len++] = node;
      continue;
    }
    if (sp + fan > STACK) return -1;
    for (long b = fan - 1; b >= 0; b--) stack[sp++] = nd->child + (int32_t)b;
  }
  return len;
}

