/*
 * jwtw audit engine: splits a chunk of a wordlist into lines and tries each line as the HMAC
 * secret of one token (HS256/384/512), all in one call. The message blocks are padded once per
 * call; per candidate only the pads and the final blocks are hashed. SHA-256 uses the SHA-NI
 * instructions when the CPU has them (checked at load), portable C otherwise.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_X86 1
#endif

static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
static const uint32_t IV256[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

#define ROR32(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
static inline uint32_t be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static inline void put_be32(uint8_t *p, uint32_t v) {
  p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}
static inline uint64_t be64(const uint8_t *p) { return ((uint64_t)be32(p) << 32) | be32(p + 4); }
static inline void put_be64(uint8_t *p, uint64_t v) { put_be32(p, v >> 32); put_be32(p + 4, (uint32_t)v); }

static void sha256_portable(uint32_t s[8], const uint8_t *data, size_t blocks) {
  uint32_t w[64];
  while (blocks--) {
    for (int i = 0; i < 16; i++) w[i] = be32(data + 4 * i);
    for (int i = 16; i < 64; i++) {
      uint32_t s0 = ROR32(w[i - 15], 7) ^ ROR32(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = ROR32(w[i - 2], 17) ^ ROR32(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
    for (int i = 0; i < 64; i++) {
      uint32_t t1 = h + (ROR32(e, 6) ^ ROR32(e, 11) ^ ROR32(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] + w[i];
      uint32_t t2 = (ROR32(a, 2) ^ ROR32(a, 13) ^ ROR32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
    data += 64;
  }
}

#ifdef HAVE_X86
__attribute__((target("sha,sse4.1,ssse3")))
static void sha256_shani(uint32_t s[8], const uint8_t *data, size_t blocks) {
  const __m128i MASK = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i tmp = _mm_loadu_si128((const __m128i *)&s[0]);
  __m128i st1 = _mm_loadu_si128((const __m128i *)&s[4]);
  tmp = _mm_shuffle_epi32(tmp, 0xB1);
  st1 = _mm_shuffle_epi32(st1, 0x1B);
  __m128i st0 = _mm_alignr_epi8(tmp, st1, 8);
  st1 = _mm_blend_epi16(st1, tmp, 0xF0);
  while (blocks--) {
    __m128i abef = st0, cdgh = st1, m[4];
    for (int i = 0; i < 4; i++)
      m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), MASK);
    for (int g = 0; g < 16; g++) {
      if (g >= 4) {
        __m128i x = _mm_sha256msg1_epu32(m[g & 3], m[(g + 1) & 3]);
        x = _mm_add_epi32(x, _mm_alignr_epi8(m[(g + 3) & 3], m[(g + 2) & 3], 4));
        m[g & 3] = _mm_sha256msg2_epu32(x, m[(g + 3) & 3]);
      }
      __m128i msg = _mm_add_epi32(m[g & 3], _mm_loadu_si128((const __m128i *)&K256[4 * g]));
      st1 = _mm_sha256rnds2_epu32(st1, st0, msg);
      st0 = _mm_sha256rnds2_epu32(st0, st1, _mm_shuffle_epi32(msg, 0x0E));
    }
    st0 = _mm_add_epi32(st0, abef);
    st1 = _mm_add_epi32(st1, cdgh);
    data += 64;
  }
  tmp = _mm_shuffle_epi32(st0, 0x1B);
  st1 = _mm_shuffle_epi32(st1, 0xB1);
  st0 = _mm_blend_epi16(tmp, st1, 0xF0);
  st1 = _mm_alignr_epi8(st1, tmp, 8);
  _mm_storeu_si128((__m128i *)&s[0], st0);
  _mm_storeu_si128((__m128i *)&s[4], st1);
}
#endif

typedef void (*compress256_fn)(uint32_t *, const uint8_t *, size_t);
static compress256_fn compress256 = sha256_portable;
static int using_shani = 0;

static const uint64_t K512[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL};
static const uint64_t IV384[8] = {0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL,
                                  0x152fecd8f70e5939ULL, 0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL,
                                  0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL};
static const uint64_t IV512[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
                                  0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
                                  0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
#define ROR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

static void compress512(uint64_t s[8], const uint8_t *data, size_t blocks) {
  uint64_t w[80];
  while (blocks--) {
    for (int i = 0; i < 16; i++) w[i] = be64(data + 8 * i);
    for (int i = 16; i < 80; i++) {
      uint64_t s0 = ROR64(w[i - 15], 1) ^ ROR64(w[i - 15], 8) ^ (w[i - 15] >> 7);
      uint64_t s1 = ROR64(w[i - 2], 19) ^ ROR64(w[i - 2], 61) ^ (w[i - 2] >> 6);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
    for (int i = 0; i < 80; i++) {
      uint64_t t1 = h + (ROR64(e, 14) ^ ROR64(e, 18) ^ ROR64(e, 41)) + ((e & f) ^ (~e & g)) + K512[i] + w[i];
      uint64_t t2 = (ROR64(a, 28) ^ ROR64(a, 34) ^ ROR64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
    data += 128;
  }
}

/* The padded tail of a whole message whose first `prefix` bytes were already hashed. */
static uint8_t *pad_message(const uint8_t *msg, size_t len, size_t prefix, size_t block,
                            size_t *nblocks) {
  size_t lenField = block == 64 ? 8 : 16;
  size_t total = len + 1 + lenField;
  size_t n = (total + block - 1) / block;
  uint8_t *buf = calloc(n, block);
  if (!buf) return NULL;
  memcpy(buf, msg, len);
  buf[len] = 0x80;
  put_be64(buf + n * block - 8, (uint64_t)(prefix + len) * 8);
  *nblocks = n;
  return buf;
}

typedef struct {
  int bits;
  const uint8_t *blocks; /* signing input, padded as following one key block */
  size_t nblocks;
  uint8_t sig[64];
} job_t;

static void digest_full(int bits, const uint8_t *data, size_t len, uint8_t *out) {
  size_t block = bits == 256 ? 64 : 128, n;
  size_t full = len / block * block;
  uint8_t *tail = pad_message(data + full, len - full, full, block, &n);
  if (!tail) return;
  if (bits == 256) {
    uint32_t s[8];
    memcpy(s, IV256, sizeof s);
    compress256(s, data, full / 64);
    compress256(s, tail, n);
    for (int i = 0; i < 8; i++) put_be32(out + 4 * i, s[i]);
  } else {
    uint64_t s[8];
    memcpy(s, bits == 384 ? IV384 : IV512, sizeof s);
    compress512(s, data, full / 128);
    compress512(s, tail, n);
    for (int i = 0; i < 8; i++) put_be64(out + 8 * i, s[i]);
  }
  free(tail);
}

/* 1 when HMAC(key, signing input) equals the token's signature. */
static int try_key(const job_t *job, const uint8_t *key, size_t klen) {
  uint8_t kb[128], hashed[64], pad[128];
  size_t block = job->bits == 256 ? 64 : 128;
  size_t outLen = job->bits / 8;
  if (klen > block) {
    digest_full(job->bits, key, klen, hashed);
    key = hashed;
    klen = outLen;
  }
  memset(kb, 0, block);
  memcpy(kb, key, klen);
  if (job->bits == 256) {
    uint32_t in[8], out[8];
    uint8_t fin[64];
    memcpy(in, IV256, sizeof in);
    memcpy(out, IV256, sizeof out);
    for (size_t i = 0; i < 64; i++) pad[i] = kb[i] ^ 0x36;
    compress256(in, pad, 1);
    compress256(in, job->blocks, job->nblocks);
    for (size_t i = 0; i < 64; i++) pad[i] = kb[i] ^ 0x5c;
    compress256(out, pad, 1);
    memset(fin, 0, sizeof fin);
    for (int i = 0; i < 8; i++) put_be32(fin + 4 * i, in[i]);
    fin[32] = 0x80;
    put_be64(fin + 56, (64 + 32) * 8);
    compress256(out, fin, 1);
    for (int i = 0; i < 8; i++)
      if (out[i] != be32(job->sig + 4 * i)) return 0;
    return 1;
  } else {
    uint64_t in[8], out[8];
    uint8_t fin[128];
    const uint64_t *iv = job->bits == 384 ? IV384 : IV512;
    memcpy(in, iv, sizeof in);
    memcpy(out, iv, sizeof out);
    for (size_t i = 0; i < 128; i++) pad[i] = kb[i] ^ 0x36;
    compress512(in, pad, 1);
    compress512(in, job->blocks, job->nblocks);
    for (size_t i = 0; i < 128; i++) pad[i] = kb[i] ^ 0x5c;
    compress512(out, pad, 1);
    memset(fin, 0, sizeof fin);
    for (size_t i = 0; i < outLen / 8; i++) put_be64(fin + 8 * i, in[i]);
    fin[outLen] = 0x80;
    put_be64(fin + 120, (uint64_t)(128 + outLen) * 8);
    compress512(out, fin, 1);
    for (size_t i = 0; i < outLen / 8; i++)
      if (out[i] != be64(job->sig + 8 * i)) return 0;
    return 1;
  }
}

static int bytes_of(napi_env env, napi_value v, uint8_t **data, size_t *len) {
  napi_typedarray_type type;
  napi_value ab;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, len, (void **)data, &ab, &offset) != napi_ok ||
      type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "expected a Uint8Array");
    return 0;
  }
  return 1;
}

/* scan(chunk, signingInput, signature, bits) -> [tried, foundStart, foundEnd] (found -1 if none) */
static napi_value scan(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  uint8_t *chunk, *msg, *sig;
  size_t chunkLen, msgLen, sigLen;
  int32_t bits = 0;
  if (argc < 4 || !bytes_of(env, argv[0], &chunk, &chunkLen) ||
      !bytes_of(env, argv[1], &msg, &msgLen) || !bytes_of(env, argv[2], &sig, &sigLen))
    return NULL;
  napi_get_value_int32(env, argv[3], &bits);
  if ((bits != 256 && bits != 384 && bits != 512) || sigLen != (size_t)bits / 8) {
    napi_throw_range_error(env, NULL, "bits must be 256, 384 or 512 and match the signature");
    return NULL;
  }
  job_t job;
  job.bits = bits;
  memcpy(job.sig, sig, sigLen);
  size_t block = bits == 256 ? 64 : 128;
  size_t full = msgLen / block * block, ntail;
  uint8_t *tail = pad_message(msg + full, msgLen - full, block + full, block, &ntail);
  uint8_t *blocks = malloc(full + ntail * block);
  if (!tail || !blocks) {
    free(tail);
    free(blocks);
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  memcpy(blocks, msg, full);
  memcpy(blocks + full, tail, ntail * block);
  free(tail);
  job.blocks = blocks;
  job.nblocks = full / block + ntail;

  double tried = 0, foundStart = -1, foundEnd = -1;
  size_t pos = 0;
  while (pos < chunkLen) {
    const uint8_t *nl = memchr(chunk + pos, '\n', chunkLen - pos);
    size_t end = nl ? (size_t)(nl - chunk) : chunkLen;
    size_t lineEnd = end;
    if (lineEnd > pos && chunk[lineEnd - 1] == '\r') lineEnd--;
    if (lineEnd > pos) {
      tried++;
      if (try_key(&job, chunk + pos, lineEnd - pos)) {
        foundStart = (double)pos;
        foundEnd = (double)lineEnd;
        break;
      }
    }
    pos = end + 1;
  }
  free(blocks);

  napi_value result, n;
  napi_create_array_with_length(env, 3, &result);
  napi_create_double(env, tried, &n);
  napi_set_element(env, result, 0, n);
  napi_create_double(env, foundStart, &n);
  napi_set_element(env, result, 1, n);
  napi_create_double(env, foundEnd, &n);
  napi_set_element(env, result, 2, n);
  return result;
}

static napi_value Init(napi_env env, napi_value exports) {
#ifdef HAVE_X86
  unsigned a, b, c, d;
  if (!getenv("JWTW_AUDIT_NO_SHANI") && __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29))) {
    compress256 = sha256_shani;
    using_shani = 1;
  }
#endif
  napi_value fn, flag;
  napi_create_function(env, "scan", NAPI_AUTO_LENGTH, scan, NULL, &fn);
  napi_set_named_property(env, exports, "scan", fn);
  napi_get_boolean(env, using_shani, &flag);
  napi_set_named_property(env, exports, "shaNi", flag);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
