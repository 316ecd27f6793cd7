// The log scanner's byte search (N-API): one pass over a buffer finds the runs of token
// characters (base64url and '.') that hold an "ey" or "ew" and at least two dots, and counts
// newlines on the way. What a run holds is then judged in JavaScript by the one finder rule
// (tokenInRun); src/main/core/scan/byte-finder.ts has the same search in JavaScript, and a
// property test holds the two to the same answers. SSE2 (every x86-64) does 16 bytes a step;
// elsewhere a portable loop does one.
#include <node_api.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static uint8_t RUN[256];

static void init_table(void) {
  const char *chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
  for (const char *c = chars; *c; c++) RUN[(uint8_t)*c] = 1;
}

// Slots per run in the output: start, end, newlines before it, hash of its bytes.
#define RUN_SLOTS 4

typedef struct {
  uint32_t *out;
  size_t cap;
  size_t count;
} Runs;

// FNV-1a over a run's bytes: lets the caller find a run it has judged before without copying
// the bytes into a string (a token repeats through a log). Only a hint: the caller compares.
static uint32_t run_hash(const uint8_t *p, size_t start, size_t end) {
  uint32_t hash = 2166136261u;
  for (size_t i = start; i < end; i++) hash = (hash ^ p[i]) * 16777619u;
  return hash;
}

// Walks the run around the candidate at `at` (bounded by [from, to)); records it when it has two
// dots or more. Returns where the search goes on: the run's end.
static size_t take_run(const uint8_t *p, size_t from, size_t to, size_t at, uint32_t newlines,
                       Runs *runs) {
  size_t start = at;
  while (start > from && RUN[p[start - 1]]) start--;
  size_t end = at;
  unsigned dots = 0;
  for (size_t i = start; i < at; i++) dots += p[i] == '.';
  while (end < to && RUN[p[end]]) {
    dots += p[end] == '.';
    end++;
  }
  if (dots >= 2 && runs->count < runs->cap) {
    uint32_t *slot = runs->out + 1 + runs->count * RUN_SLOTS;
    slot[0] = (uint32_t)start;
    slot[1] = (uint32_t)end;
    slot[2] = newlines;
    slot[3] = run_hash(p, start, end);
    runs->count++;
  }
  return end;
}

static int is_candidate(const uint8_t *p, size_t i, size_t to) {
  return p[i] == 'e' && i + 1 < to && (p[i + 1] == 'y' || p[i + 1] == 'w');
}

// scanRuns(bytes: Uint8Array, from, to, out: Uint32Array): runs found. out[0] = newlines in
// [from, to); then per run: start, end, newlines in [from, start), hash of its bytes. Stops early
// when out is full (the caller sizes it for the worst case: a run takes at least 5 bytes).
static napi_value scan_runs(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 4) {
    napi_throw_type_error(env, NULL, "scanRuns(bytes, from, to, out)");
    return NULL;
  }
  napi_typedarray_type type;
  size_t length, out_length;
  void *data, *out_data;
  if (napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "bytes must be a Uint8Array");
    return NULL;
  }
  if (napi_get_typedarray_info(env, argv[3], &type, &out_length, &out_data, NULL, NULL) !=
          napi_ok ||
      type != napi_uint32_array || out_length < 1) {
    napi_throw_type_error(env, NULL, "out must be a Uint32Array");
    return NULL;
  }
  int64_t from64, to64;
  napi_get_value_int64(env, argv[1], &from64);
  napi_get_value_int64(env, argv[2], &to64);
  if (from64 < 0 || to64 < from64 || (uint64_t)to64 > length || length > UINT32_MAX) {
    napi_throw_range_error(env, NULL, "from and to must lie within bytes");
    return NULL;
  }
  const uint8_t *p = data;
  size_t from = (size_t)from64, to = (size_t)to64;
  Runs runs = {(uint32_t *)out_data, (out_length - 1) / RUN_SLOTS, 0};
  uint32_t newlines = 0;
  size_t i = from;
#if defined(__SSE2__)
  const __m128i e = _mm_set1_epi8('e'), y = _mm_set1_epi8('y'), w = _mm_set1_epi8('w');
  const __m128i nl = _mm_set1_epi8('\n');
  // 17 bytes are read a step (the next byte of the 16th), so stop one short of the end.
  while (i + 17 <= to) {
    __m128i a = _mm_loadu_si128((const __m128i *)(p + i));
    __m128i b = _mm_loadu_si128((const __m128i *)(p + i + 1));
    unsigned lines = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(a, nl));
    unsigned hits = (unsigned)_mm_movemask_epi8(_mm_and_si128(
        _mm_cmpeq_epi8(a, e), _mm_or_si128(_mm_cmpeq_epi8(b, y), _mm_cmpeq_epi8(b, w))));
    if (hits == 0) {
      newlines += (uint32_t)__builtin_popcount(lines);
      i += 16;
      continue;
    }
    unsigned bit = (unsigned)__builtin_ctz(hits);
    // Newlines before the candidate; the run holds none, so the count holds to its end.
    newlines += (uint32_t)__builtin_popcount(lines & ((1u << bit) - 1));
    i = take_run(p, from, to, i + bit, newlines, &runs);
  }
#endif
  for (; i < to; i++) {
    if (p[i] == '\n') newlines++;
    else if (is_candidate(p, i, to)) i = take_run(p, from, to, i, newlines, &runs) - 1;
  }
  runs.out[0] = newlines;
  napi_value result;
  napi_create_uint32(env, (uint32_t)runs.count, &result);
  return result;
}

static napi_value Init(napi_env env, napi_value exports) {
  init_table();
  napi_value fn;
  napi_create_function(env, "scanRuns", NAPI_AUTO_LENGTH, scan_runs, NULL, &fn);
  napi_set_named_property(env, exports, "scanRuns", fn);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
