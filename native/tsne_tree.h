/* The t-SNE gradient's tree (native/tsne.c walks it); the reference is src/engine/kernels/spaceTree.ts. */
#ifndef EMBEDLAB_TSNE_TREE_H
#define EMBEDLAB_TSNE_TREE_H
#include <stdint.h>

#define MAX_LEVEL 40
#define STACK 520 /* 64 levels of 8 children, as the reference */
#define GROUP 128 /* a walk serves the points of a tree node that holds at most this many (TSNE_GROUP in the reference) */

/* The build, the walk and the attraction are written once for any D and compiled for D = 2 and D = 3 (the
   callers pass a constant): with D known, the loops over coordinates unroll and the stack pushes a fixed
   fan: 1,000 iterations at 10,000 points in 2D took 10.8-13.0 s instead of 14.8-15.5 s. */
#define FOR_EACH_DIMS(call, D, ...) ((D) == 2 ? call(__VA_ARGS__, 2) : call(__VA_ARGS__, 3))

/* What the walk reads of a node, together: its points' centre of mass, squared width, count and children. */
typedef struct {
  double com[3];
  double width2;
  int32_t count, child, start, end;
} Node;

typedef struct {
  Node *nodes;
  double *center; /* 4 per node, the centre and the half width: only the build reads it */
  long size, cap;
  int32_t *perm, *bucket, *tmp;
  double *at, *at_tmp; /* the points' coordinates in tree order: at[k] is point perm[k] */
} Tree;

/* Builds the tree over the n points Y (n x D, D 2 or 3); 0 when out of memory. tree_free frees it either way. */
int tree_build(Tree *t, const double *Y, long n, long D);
void tree_free(Tree *t);

/* The groups: the nodes that hold at most GROUP points (or are leaves) under a parent that holds more, in
   tree order, so that consecutive groups lie side by side in the layout. Returns how many, or -1. */
long tree_groups(const Tree *t, long D, int32_t **groups);

#endif
