// The log scanner's byte search (N-API): one pass over a buffer finds the runs of token
// characters (base64url and '.') that hold an "ey" or "ew" and at least two dots, and counts
// newlines on the way. What a run holds is then judged in JavaScript by the one finder rule
// (tokenInRun); src/main/core/scan/byte-finder.ts has the same search in JavaScript, and a
// property test holds the two to the same answers. AVX2 (when the CPU has it, found at load)
// does 32 bytes a step, SSE2 (every x86-64) 16; elsewhere a portable loop does one.
// readRunsAsync reads a chunk of a file and searches it on libuv's thread pool, in one task:
// the calling thread judges one chunk's runs while the next chunks are read and searched
// (POSIX pread; on Windows the addon is not built).
#include <errno.h>
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uv.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX2_PATH 1
#endif

static uint8_t RUN[256];

static void init_table(void) {
  const char *chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
  for (const char *c = chars; *c; c++) RUN[(uint8_t)*c] = 1;
}

// The output: out[0] = newlines in [from, to); out[1] = 1 when out was too small for every run
// (the runs recorded are then the first ones only); then per run: start, end, newlines in
// [from, start), hash of its bytes.
#define HEADER_SLOTS 2
#define RUN_SLOTS 4

typedef struct {
  uint32_t *slots;
  size_t cap;
  size_t count;
  int full;
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
  if (dots < 2) return end;
  if (runs->count == runs->cap) {
    runs->full = 1;
    return end;
  }
  uint32_t *slot = runs->slots + runs->count * RUN_SLOTS;
  slot[0] = (uint32_t)start;
  slot[1] = (uint32_t)end;
  slot[2] = newlines;
  slot[3] = run_hash(p, start, end);
  runs->count++;
  return end;
}

static int is_candidate(const uint8_t *p, size_t i, size_t to) {
  return p[i] == 'e' && i + 1 < to && (p[i + 1] == 'y' || p[i + 1] == 'w');
}

// The instruction sets a search may use, best last; the best this CPU has is found at load.
enum { LEVEL_PORTABLE = 0, LEVEL_SSE2 = 1, LEVEL_AVX2 = 2 };
static int best_level = LEVEL_PORTABLE;

#if defined(HAVE_AVX2_PATH)
// 32 bytes a step (AVX2, when the CPU has it): from i while 33 bytes are left; returns where it
// stopped. Same rule as the steps below.
__attribute__((target("avx2"))) static size_t avx2_steps(const uint8_t *p, size_t from,
                                                         size_t i, size_t to,
                                                         uint32_t *newlines, Runs *runs) {
  const __m256i e = _mm256_set1_epi8('e'), y = _mm256_set1_epi8('y'), w = _mm256_set1_epi8('w');
  const __m256i nl = _mm256_set1_epi8('\n');
  while (i + 33 <= to) {
    __m256i a = _mm256_loadu_si256((const __m256i *)(p + i));
    __m256i b = _mm256_loadu_si256((const __m256i *)(p + i + 1));
    uint32_t lines = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, nl));
    uint32_t hits = (uint32_t)_mm256_movemask_epi8(
        _mm256_and_si256(_mm256_cmpeq_epi8(a, e),
                         _mm256_or_si256(_mm256_cmpeq_epi8(b, y), _mm256_cmpeq_epi8(b, w))));
    if (hits == 0) {
      *newlines += (uint32_t)__builtin_popcount(lines);
      i += 32;
      continue;
    }
    unsigned bit = (unsigned)__builtin_ctz(hits);
    *newlines += (uint32_t)__builtin_popcount(lines & ((1u << bit) - 1));
    i = take_run(p, from, to, i + bit, *newlines, runs);
  }
  return i;
}
#endif

#if defined(__SSE2__)
// 16 bytes a step (SSE2, every x86-64): from i while 17 bytes are left (the next byte of the
// 16th is read too); returns where it stopped.
static size_t sse2_steps(const uint8_t *p, size_t from, size_t i, size_t to, uint32_t *newlines,
                         Runs *runs) {
  const __m128i e = _mm_set1_epi8('e'), y = _mm_set1_epi8('y'), w = _mm_set1_epi8('w');
  const __m128i nl = _mm_set1_epi8('\n');
  while (i + 17 <= to) {
    __m128i a = _mm_loadu_si128((const __m128i *)(p + i));
    __m128i b = _mm_loadu_si128((const __m128i *)(p + i + 1));
    unsigned lines = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(a, nl));
    unsigned hits = (unsigned)_mm_movemask_epi8(_mm_and_si128(
        _mm_cmpeq_epi8(a, e), _mm_or_si128(_mm_cmpeq_epi8(b, y), _mm_cmpeq_epi8(b, w))));
    if (hits == 0) {
      *newlines += (uint32_t)__builtin_popcount(lines);
      i += 16;
      continue;
    }
    unsigned bit = (unsigned)__builtin_ctz(hits);
    // Newlines before the candidate; the run holds none, so the count holds to its end.
    *newlines += (uint32_t)__builtin_popcount(lines & ((1u << bit) - 1));
    i = take_run(p, from, to, i + bit, *newlines, runs);
  }
  return i;
}
#endif

// The search over p[from, to) with the instruction sets up to `level`: records the runs;
// returns the newlines in the range. Every level gives the same answer (a property test holds
// them to it); the wide steps stop near the end, and the byte loop finishes.
static uint32_t search_runs(const uint8_t *p, size_t from, size_t to, Runs *runs, int level) {
  uint32_t newlines = 0;
  size_t i = from;
#if defined(HAVE_AVX2_PATH)
  if (level >= LEVEL_AVX2) i = avx2_steps(p, from, i, to, &newlines, runs);
#endif
#if defined(__SSE2__)
  if (level >= LEVEL_SSE2) i = sse2_steps(p, from, i, to, &newlines, runs);
#endif
  for (; i < to; i++) {
    if (p[i] == '\n') newlines++;
    else if (is_candidate(p, i, to)) i = take_run(p, from, to, i, newlines, runs) - 1;
  }
  return newlines;
}

static void find_best_level(void) {
#if defined(__SSE2__)
  best_level = LEVEL_SSE2;
#endif
#if defined(HAVE_AVX2_PATH)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) best_level = LEVEL_AVX2;
#endif
}

// One search: its bytes and output, checked on the calling thread.
typedef struct {
  const uint8_t *p;
  size_t from, to;
  uint32_t *out;
  Runs runs;
  int level;
} Search;

static int read_search(napi_env env, napi_value *argv, Search *search) {
  napi_typedarray_type type;
  size_t length, out_length;
  void *data, *out_data;
  if (napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "bytes must be a Uint8Array");
    return 0;
  }
  if (napi_get_typedarray_info(env, argv[3], &type, &out_length, &out_data, NULL, NULL) !=
          napi_ok ||
      type != napi_uint32_array || out_length < HEADER_SLOTS) {
    napi_throw_type_error(env, NULL, "out must be a Uint32Array of 2 slots or more");
    return 0;
  }
  int64_t from64, to64;
  if (napi_get_value_int64(env, argv[1], &from64) != napi_ok ||
      napi_get_value_int64(env, argv[2], &to64) != napi_ok || from64 < 0 || to64 < from64 ||
      (uint64_t)to64 > length || length > UINT32_MAX) {
    napi_throw_range_error(env, NULL, "from and to must lie within bytes");
    return 0;
  }
  search->p = data;
  search->from = (size_t)from64;
  search->to = (size_t)to64;
  search->out = out_data;
  search->runs =
      (Runs){search->out + HEADER_SLOTS, (out_length - HEADER_SLOTS) / RUN_SLOTS, 0, 0};
  search->level = best_level;
  return 1;
}

static void run_search(Search *search) {
  search->out[0] =
      search_runs(search->p, search->from, search->to, &search->runs, search->level);
  search->out[1] = (uint32_t)search->runs.full;
}

// scanRuns(bytes: Uint8Array, from, to, out: Uint32Array, level?): the runs recorded in out.
// `level` (0 portable, 1 SSE2, 2 AVX2) caps the instruction sets used: tests hold every level
// to the same answers.
static napi_value scan_runs(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 4) {
    napi_throw_type_error(env, NULL, "scanRuns(bytes, from, to, out, level?)");
    return NULL;
  }
  Search search;
  if (!read_search(env, argv, &search)) return NULL;
  napi_valuetype level_type = napi_undefined;
  if (argc == 5) napi_typeof(env, argv[4], &level_type);
  if (level_type == napi_number) {
    int32_t level;
    napi_get_value_int32(env, argv[4], &level);
    if (level < search.level) search.level = level < 0 ? LEVEL_PORTABLE : level;
  }
  run_search(&search);
  napi_value result;
  napi_create_uint32(env, (uint32_t)search.runs.count, &result);
  return result;
}

// A chunk read and searched on the thread pool: the typed arrays are held (referenced) until
// it completes, so their memory stays put; the caller leaves them alone meanwhile.
typedef struct {
  int fd;
  int64_t position;
  size_t length;
  size_t bytes_read;
  int error;
  Search search;
  napi_ref bytes, out, callback;
  napi_async_work work;
} ReadSearch;

static void execute_read_search(napi_env env, void *data) {
  (void)env;
  ReadSearch *job = data;
  uint8_t *into = (uint8_t *)job->search.p;
  while (job->bytes_read < job->length) {
    ssize_t got = pread(job->fd, into + job->bytes_read, job->length - job->bytes_read,
                        (off_t)(job->position + (int64_t)job->bytes_read));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      job->error = errno;
      return;
    }
    if (got == 0) break;
    job->bytes_read += (size_t)got;
  }
  job->search.to = job->bytes_read;
  run_search(&job->search);
}

static void complete_read_search(napi_env env, napi_status status, void *data) {
  ReadSearch *job = data;
  napi_value callback, global, argv[3];
  napi_get_reference_value(env, job->callback, &callback);
  napi_get_global(env, &global);
  napi_get_undefined(env, &argv[1]);
  napi_get_undefined(env, &argv[2]);
  if (status != napi_ok || job->error != 0) {
    napi_value code, message;
    const char *text = status != napi_ok ? "the read was cancelled" : strerror(job->error);
    // The errno's name (EIO, EBADF, ...), as Node's own fs errors carry it.
    napi_create_string_utf8(env, status != napi_ok ? "ECANCELED" : uv_err_name(-job->error),
                            NAPI_AUTO_LENGTH, &code);
    napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &message);
    napi_create_error(env, code, message, &argv[0]);
  } else {
    napi_get_null(env, &argv[0]);
    napi_create_uint32(env, (uint32_t)job->bytes_read, &argv[1]);
    napi_create_uint32(env, (uint32_t)job->search.runs.count, &argv[2]);
  }
  napi_delete_reference(env, job->bytes);
  napi_delete_reference(env, job->out);
  napi_delete_reference(env, job->callback);
  napi_delete_async_work(env, job->work);
  free(job);
  napi_call_function(env, global, callback, 3, argv, NULL);
}

// readRunsAsync(fd, position, length, bytes, out, callback(error, bytesRead, runs)): reads up
// to `length` bytes of the file at `position` into the start of bytes, and searches what was
// read (out as scanRuns fills it).
static napi_value read_runs_async(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  napi_valuetype callback_type = napi_undefined;
  if (argc == 6) napi_typeof(env, argv[5], &callback_type);
  if (callback_type != napi_function) {
    napi_throw_type_error(env, NULL, "readRunsAsync(fd, position, length, bytes, out, callback)");
    return NULL;
  }
  int32_t fd;
  int64_t position, length;
  if (napi_get_value_int32(env, argv[0], &fd) != napi_ok ||
      napi_get_value_int64(env, argv[1], &position) != napi_ok ||
      napi_get_value_int64(env, argv[2], &length) != napi_ok || fd < 0 || position < 0 ||
      length < 0) {
    napi_throw_range_error(env, NULL, "fd, position and length must be whole numbers");
    return NULL;
  }
  ReadSearch *job = calloc(1, sizeof *job);
  if (job == NULL) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  // The search's bounds are [0, length) until the read says how much there is.
  napi_value search_argv[4] = {argv[3], NULL, argv[2], argv[4]};
  napi_create_uint32(env, 0, &search_argv[1]);
  if (!read_search(env, search_argv, &job->search)) {
    free(job);
    return NULL;
  }
  job->fd = fd;
  job->position = position;
  job->length = (size_t)length;
  napi_value name;
  napi_create_string_utf8(env, "jwtw.readRuns", NAPI_AUTO_LENGTH, &name);
  napi_create_reference(env, argv[3], 1, &job->bytes);
  napi_create_reference(env, argv[4], 1, &job->out);
  napi_create_reference(env, argv[5], 1, &job->callback);
  napi_create_async_work(env, NULL, name, execute_read_search, complete_read_search, job,
                         &job->work);
  napi_queue_async_work(env, job->work);
  return NULL;
}

static napi_value Init(napi_env env, napi_value exports) {
  init_table();
  find_best_level();
  napi_value fn, level;
  napi_create_int32(env, best_level, &level);
  napi_set_named_property(env, exports, "level", level);
  napi_create_function(env, "scanRuns", NAPI_AUTO_LENGTH, scan_runs, NULL, &fn);
  napi_set_named_property(env, exports, "scanRuns", fn);
  napi_create_function(env, "readRunsAsync", NAPI_AUTO_LENGTH, read_runs_async, NULL, &fn);
  napi_set_named_property(env, exports, "readRunsAsync", fn);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
