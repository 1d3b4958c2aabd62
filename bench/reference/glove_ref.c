/*
 * Reference GloVe trainer for the benchmark (not part of the lab): an independent
 * implementation of the training procedure of Pennington, Socher & Manning (2014)
 * as their published tool runs it, so that the lab's GloVe can be compared with
 * something it shares no code with.
 *
 *   J = sum_ij f(X_ij) (w_i . v_j + b_i + c_j - log X_ij)^2,  f(x) = min(1, (x / x_max)^alpha)
 *
 * - parameters w, v, b, c uniform in (-0.5, 0.5) / d; AdaGrad with accumulators
 *   starting at 1, one per parameter, summing the squared steps (learning rate included);
 * - the non-zero entries in the (already shuffled) order they are given, each thread
 *   taking a contiguous share of them every iteration, updating without locks;
 * - output w + v (the published tool's default).
 *
 * usage: glove_ref ROWS COLS VALS V N DIM ITER ETA XMAX ALPHA THREADS SEED OUT
 *   ROWS, COLS: N int32 entries; VALS: N float32 counts; OUT: V x DIM float32 (w + v).
 * Prints one JSON line: {"seconds", "cost_per_iteration": [...]}.
 * Build: cc -O3 -march=native -ffast-math -pthread glove_ref.c -o glove_ref -lm (as the lab's kernels are built)
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int32_t *rows, *cols;
static float *vals;
static float *w, *v, *gw, *gv; /* V x d: word, context vectors and their AdaGrad accumulators */
static float *b, *c, *gb, *gc; /* biases and theirs */
static long V, N, D;
static float eta, xmax, alpha;

struct share { long from, to; double cost; };

static void *run_share(void *arg) {
  struct share *s = arg;
  double cost = 0;
  for (long k = s->from; k < s->to; k++) {
    const long i = rows[k], j = cols[k];
    const float x = vals[k];
    float *restrict wi = w + i * D, *restrict vj = v + j * D, *restrict gwi = gw + i * D, *restrict gvj = gv + j * D;
    float inner = 0;
    for (long t = 0; t < D; t++) inner += wi[t] * vj[t];
    const float err = inner + b[i] + c[j] - logf(x);
    const float weight = x < xmax ? powf(x / xmax, alpha) : 1.0f;
    cost += 0.5 * weight * err * err;
    /* The step, learning rate included, is what the accumulators sum (as the published
       tool does): the rate then fades as sqrt of the steps taken, not of the gradients. */
    const float g = eta * weight * err;
    if (!isfinite(g)) continue;
    for (long t = 0; t < D; t++) {
      const float dw = g * vj[t], dv = g * wi[t];
      wi[t] -= dw / sqrtf(gwi[t]);
      vj[t] -= dv / sqrtf(gvj[t]);
      gwi[t] += dw * dw;
      gvj[t] += dv * dv;
    }
    b[i] -= g / sqrtf(gb[i]);
    c[j] -= g / sqrtf(gc[j]);
    gb[i] += g * g;
    gc[j] += g * g;
  }
  s->cost = cost;
  return NULL;
}

static void *read_file(const char *path, size_t bytes) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(1); }
  void *p = malloc(bytes);
  if (!p || fread(p, 1, bytes, f) != bytes) { fprintf(stderr, "%s: short read\n", path); exit(1); }
  fclose(f);
  return p;
}

static uint64_t rng_state;
static double uniform(void) { /* xorshift64* */
  rng_state ^= rng_state >> 12; rng_state ^= rng_state << 25; rng_state ^= rng_state >> 27;
  return (double)((rng_state * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

static float *filled(long n, float value) {
  float *p = malloc(n * sizeof(float));
  for (long k = 0; k < n; k++) p[k] = value;
  return p;
}

static float *initial(long n) {
  float *p = malloc(n * sizeof(float));
  for (long k = 0; k < n; k++) p[k] = (float)((uniform() - 0.5) / D);
  return p;
}

int main(int argc, char **argv) {
  if (argc != 14) { fprintf(stderr, "usage: glove_ref ROWS COLS VALS V N DIM ITER ETA XMAX ALPHA THREADS SEED OUT\n"); return 2; }
  V = atol(argv[4]); N = atol(argv[5]); D = atol(argv[6]);
  const int iterations = atoi(argv[7]);
  eta = (float)atof(argv[8]); xmax = (float)atof(argv[9]); alpha = (float)atof(argv[10]);
  const int threads = atoi(argv[11]);
  rng_state = (uint64_t)atol(argv[12]) * 0x9e3779b97f4a7c15ull + 1;
  rows = read_file(argv[1], N * sizeof(int32_t));
  cols = read_file(argv[2], N * sizeof(int32_t));
  vals = read_file(argv[3], N * sizeof(float));
  w = initial(V * D); v = initial(V * D); b = initial(V); c = initial(V);
  gw = filled(V * D, 1); gv = filled(V * D, 1); gb = filled(V, 1); gc = filled(V, 1);

  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pthread_t *tid = malloc(threads * sizeof(pthread_t));
  struct share *shares = malloc(threads * sizeof(struct share));
  printf("{\"cost_per_iteration\": [");
  for (int it = 0; it < iterations; it++) {
    for (int t = 0; t < threads; t++) {
      shares[t].from = N * t / threads;
      shares[t].to = N * (t + 1) / threads;
      pthread_create(&tid[t], NULL, run_share, &shares[t]);
    }
    double cost = 0;
    for (int t = 0; t < threads; t++) { pthread_join(tid[t], NULL); cost += shares[t].cost; }
    printf("%s%.6f", it ? ", " : "", cost / N);
    fflush(stdout);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  const double seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

  FILE *out = fopen(argv[13], "wb");
  if (!out) { perror(argv[13]); return 1; }
  float *row = malloc(D * sizeof(float));
  for (long i = 0; i < V; i++) {
    for (long t = 0; t < D; t++) row[t] = w[i * D + t] + v[i * D + t];
    fwrite(row, sizeof(float), D, out);
  }
  fclose(out);
  printf("], \"seconds\": %.3f}\n", seconds);
  return 0;
}
