/* allot-audit.c: the tamper-evident audit trail.
 *
 * Design decisions:
 * - Each audit record stores prev_hash (the previous record's hash) and
 *   hash = SHA-256 over prev_hash and every field of the record, so editing,
 *   inserting or deleting a record anywhere breaks the chain from there on.
 * - The canonical form hashed is, for each of the nine values in order
 *   (prev_hash, id, at, user, action, table_name, record_id, before, after):
 *   "N;" for NULL, "I<decimal>;" for an integer, "S<byte length>:<bytes>;" for
 *   text.  It is unambiguous and simple to compute in any language, so the
 *   same chain can be verified outside Allot (or by a PostgreSQL trigger).
 * - The chain is computed inside the database, so no write path can skip
 *   it: since schema 4 the audit triggers write each record with its
 *   prev_hash and hash in one INSERT (before, an AFTER INSERT trigger on
 *   audit_log updated every record it had just written; it remains for
 *   records inserted without a hash).
 * - SHA-256 runs on the processor's SHA instructions where there are any
 *   (checked against GChecksum before use): it is computed for every audited
 *   write, and GChecksum's portable C was a sixth of a bulk import.
 * - Verification also compares every audited row with the "after" image of
 *   its latest audit record: an edit made by hand, with the triggers dropped,
 *   leaves the log intact but no longer matching the data.  Deleting the very
 *   last audit records cannot be seen from the chain alone; "audit verify"
 *   prints the count and the last hash so they can be noted elsewhere.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_SHA_NI 1
#endif

#include "allot-audit-private.h"
#include "allot-db-private.h"
#include "allot-db-sqlite.h"
#include "allot-error.h"
#include "allot-store-private.h"

/* ---- SHA-256 ----
 *
 * The audit chain hashes every audited write and the importer hashes whole
 * files, so SHA-256 is on the heavy paths (a million-line import hashes a
 * million audit records and a 120 MB file).  GLib's GChecksum is portable C
 * at some 50 instructions a byte; processors with the SHA extensions (x86-64
 * since Goldmont and Zen) do a block in a few dozen instructions.  The
 * compression function is picked once: the SHA-NI one when the processor
 * has it and it gives GChecksum's answers on a self-test, the portable one
 * otherwise. */

static const guint32 sha256_k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROTR32(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void
sha256_blocks_portable (guint32      state[8],
                        const guint8 *data,
                        gsize         n_blocks)
{
  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      guint32 w[64], a, b, c, d, e, f, g, h;

      for (guint t = 0; t < 16; t++)
        w[t] = (guint32) data[4 * t] << 24 | (guint32) data[4 * t + 1] << 16 |
               (guint32) data[4 * t + 2] << 8 | (guint32) data[4 * t + 3];
      for (guint t = 16; t < 64; t++)
        {
          guint32 s0 = ROTR32 (w[t - 15], 7) ^ ROTR32 (w[t - 15], 18) ^ (w[t - 15] >> 3);
          guint32 s1 = ROTR32 (w[t - 2], 17) ^ ROTR32 (w[t - 2], 19) ^ (w[t - 2] >> 10);

          w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
      a = state[0]; b = state[1]; c = state[2]; d = state[3];
      e = state[4]; f = state[5]; g = state[6]; h = state[7];
      for (guint t = 0; t < 64; t++)
        {
          guint32 t1 = h + (ROTR32 (e, 6) ^ ROTR32 (e, 11) ^ ROTR32 (e, 25)) +
                       ((e & f) ^ (~e & g)) + sha256_k[t] + w[t];
          guint32 t2 = (ROTR32 (a, 2) ^ ROTR32 (a, 13) ^ ROTR32 (a, 22)) +
                       ((a & b) ^ (a & c) ^ (b & c));

          h = g; g = f; f = e; e = d + t1;
          d = c; c = b; b = a; a = t1 + t2;
        }
      state[0] += a; state[1] += b; state[2] += c; state[3] += d;
      state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}

#ifdef HAVE_SHA_NI

/* Four rounds on message words @w (big-endian already) of group @i. */
#define SHA_NI_ROUNDS(w, i)                                                            \
  G_STMT_START {                                                                       \
    __m128i msg_ = _mm_add_epi32 ((w), _mm_loadu_si128 ((const __m128i *) &sha256_k[4 * (i)])); \
    state1 = _mm_sha256rnds2_epu32 (state1, state0, msg_);                             \
    msg_ = _mm_shuffle_epi32 (msg_, 0x0E);                                             \
    state0 = _mm_sha256rnds2_epu32 (state0, state1, msg_);                             \
  } G_STMT_END

/* Message words of group g from groups g-4 (@w0), g-3 (@w1), g-2 (@w2) and
 * g-1 (@w3); the result replaces @w0. */
#define SHA_NI_SCHEDULE(w0, w1, w2, w3)                                                \
  G_STMT_START {                                                                       \
    (w0) = _mm_sha256msg1_epu32 ((w0), (w1));                                          \
    (w0) = _mm_add_epi32 ((w0), _mm_alignr_epi8 ((w3), (w2), 4));                      \
    (w0) = _mm_sha256msg2_epu32 ((w0), (w3));                                          \
  } G_STMT_END

__attribute__ ((target ("sha,sse4.1,ssse3")))
static void
sha256_blocks_sha_ni (guint32      state[8],
                      const guint8 *data,
                      gsize         n_blocks)
{
  const __m128i byte_swap = _mm_set_epi64x (0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i state0, state1, tmp;

  /* (a, b, c, d), (e, f, g, h) to the (a, b, e, f), (c, d, g, h) the
   * instructions take. */
  tmp = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[0]), 0xB1);
  state1 = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[4]), 0x1B);
  state0 = _mm_alignr_epi8 (tmp, state1, 8);
  state1 = _mm_blend_epi16 (state1, tmp, 0xF0);

  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      __m128i save0 = state0, save1 = state1;
      __m128i w0, w1, w2, w3;

      w0 = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 0)), byte_swap);
      w1 = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16)), byte_swap);
      w2 = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 32)), byte_swap);
      w3 = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 48)), byte_swap);
      SHA_NI_ROUNDS (w0, 0);
      SHA_NI_ROUNDS (w1, 1);
      SHA_NI_ROUNDS (w2, 2);
      SHA_NI_ROUNDS (w3, 3);
      for (guint i = 4; i < 16; i += 4)
        {
          SHA_NI_SCHEDULE (w0, w1, w2, w3);
          SHA_NI_ROUNDS (w0, i);
          SHA_NI_SCHEDULE (w1, w2, w3, w0);
          SHA_NI_ROUNDS (w1, i + 1);
          SHA_NI_SCHEDULE (w2, w3, w0, w1);
          SHA_NI_ROUNDS (w2, i + 2);
          SHA_NI_SCHEDULE (w3, w0, w1, w2);
          SHA_NI_ROUNDS (w3, i + 3);
        }
      state0 = _mm_add_epi32 (state0, save0);
      state1 = _mm_add_epi32 (state1, save1);
    }

  tmp = _mm_shuffle_epi32 (state0, 0x1B);
  state1 = _mm_shuffle_epi32 (state1, 0xB1);
  state0 = _mm_blend_epi16 (tmp, state1, 0xF0);
  state1 = _mm_alignr_epi8 (state1, tmp, 8);
  _mm_storeu_si128 ((__m128i *) &state[0], state0);
  _mm_storeu_si128 ((__m128i *) &state[4], state1);
}
#endif

static const guint32 sha256_initial[8] = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static void
sha256_start (AllotSha256      *sha,
              Sha256BlocksFunc  blocks)
{
  memcpy (sha->state, sha256_initial, sizeof sha->state);
  sha->used = 0;
  sha->length = 0;
  sha->blocks = blocks;
}

/* The digest of @length bytes at @data, in lowercase hex, by @blocks. */
static void
sha256_with (Sha256BlocksFunc  blocks,
             const guint8     *data,
             gsize             length,
             char              out[65])
{
  AllotSha256 sha;

  sha256_start (&sha, blocks);
  allot_sha256_update (&sha, data, length);
  allot_sha256_finish (&sha, out);
}

/* TRUE when @blocks gives GChecksum's digests, partial blocks and both
 * padding cases included. */
static gboolean
sha256_self_test (Sha256BlocksFunc blocks)
{
  guint8 data[1000];

  for (gsize i = 0; i < sizeof data; i++)
    data[i] = (guint8) (i * 7 + 3);
  for (gsize n = 0; n <= sizeof data; n += n < 130 ? 1 : 97)
    {
      g_autofree char *theirs = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, n);
      char ours[65];

      sha256_with (blocks, data, n, ours);
      if (strcmp (ours, theirs) != 0)
        return FALSE;
    }
  return TRUE;
}

static gpointer
sha256_pick (gpointer unused)
{
  Sha256BlocksFunc blocks = sha256_blocks_portable;

#ifdef HAVE_SHA_NI
  if (__builtin_cpu_supports ("sha") && __builtin_cpu_supports ("sse4.1") &&
      sha256_self_test (sha256_blocks_sha_ni))
    blocks = sha256_blocks_sha_ni;
#endif
  if (blocks == sha256_blocks_portable && !sha256_self_test (blocks))
    g_error ("SHA-256 gives wrong digests on this system");
  return (gpointer) blocks;
}

void
allot_sha256_init (AllotSha256 *sha)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, sha256_pick, NULL);
  sha256_start (sha, (Sha256BlocksFunc) once.retval);
}

void
allot_sha256_update (AllotSha256 *sha,
                     const void  *data,
                     gsize        length)
{
  const guint8 *p = data;
  Sha256BlocksFunc blocks = sha->blocks;

  sha->length += length;
  if (sha->used > 0)
    {
      gsize take = MIN (length, 64 - sha->used);

      memcpy (sha->buffer + sha->used, p, take);
      sha->used += take;
      p += take;
      length -= take;
      if (sha->used < 64)
        return;
      blocks (sha->state, sha->buffer, 1);
      sha->used = 0;
    }
  if (length >= 64)
    {
      blocks (sha->state, p, length / 64);
      p += length / 64 * 64;
      length %= 64;
    }
  memcpy (sha->buffer, p, length);
  sha->used = length;
}

void
allot_sha256_finish (AllotSha256 *sha,
                     char         out[65])
{
  static const char hex[] = "0123456789abcdef";
  guint64 bits = sha->length * 8;
  guint8 tail[128] = { 0 };
  gsize n_tail = sha->used + 9 <= 64 ? 64 : 128;

  memcpy (tail, sha->buffer, sha->used);
  tail[sha->used] = 0x80;
  for (guint i = 0; i < 8; i++)
    tail[n_tail - 1 - i] = (guint8) (bits >> (8 * i));
  sha->blocks (sha->state, tail, n_tail / 64);
  for (guint i = 0; i < 8; i++)
    for (guint j = 0; j < 8; j++)
      out[8 * i + j] = hex[(sha->state[i] >> (28 - 4 * j)) & 0xf];
  out[64] = '\0';
}

/* ---- the chain ---- */

/* The canonical form goes to SHA-256 through a buffer: a row's many short
 * pieces in one call. */
typedef struct {
  AllotSha256 sha;
  gsize n;
  guint8 buf[1024];
} Canon;

static void
canon_init (Canon *c)
{
  allot_sha256_init (&c->sha);
  c->n = 0;
}

static void
canon_put (Canon      *c,
           const void *data,
           gsize       len)
{
  if (c->n + len > sizeof c->buf)
    {
      allot_sha256_update (&c->sha, c->buf, c->n);
      c->n = 0;
      if (len > sizeof c->buf)
        {
          allot_sha256_update (&c->sha, data, len);
          return;
        }
    }
  memcpy (c->buf + c->n, data, len);
  c->n += len;
}

static void
canon_finish (Canon *c,
              char   out[65])
{
  allot_sha256_update (&c->sha, c->buf, c->n);
  allot_sha256_finish (&c->sha, out);
}

/* "<tag><decimal><end>" at @out (room for 23 bytes); returns its length.
 * By hand: printf was a tenth of hashing a million imported rows. */
static gsize
format_head (char   *out,
             char    tag,
             gint64  value,
             char    end)
{
  char digits[24];
  gsize n = 0, len = 0;
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    {
      digits[n++] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  out[len++] = tag;
  if (value < 0)
    out[len++] = '-';
  while (n > 0)
    out[len++] = digits[--n];
  out[len++] = end;
  return len;
}

static void
append_text (Canon       *sha,
             const void  *text,
             gsize        len)
{
  char head[24];

  canon_put (sha, head, format_head (head, 'S', (gint64) len, ':'));
  canon_put (sha, text, len);
  canon_put (sha, ";", 1);
}

static void
append_int (Canon       *sha,
            gint64       value)
{
  char head[24];

  canon_put (sha, head, format_head (head, 'I', value, ';'));
}

static void
append_value (Canon         *sha,
              sqlite3_value *value)
{
  switch (value != NULL ? sqlite3_value_type (value) : SQLITE_NULL)
    {
    case SQLITE_NULL:
      canon_put (sha, "N;", 2);
      break;
    case SQLITE_INTEGER:
      append_int (sha, (gint64) sqlite3_value_int64 (value));
      break;
    default:
      {
        const guchar *text = sqlite3_value_text (value);

        append_text (sha, text, (gsize) sqlite3_value_bytes (value));
        break;
      }
    }
}

/* allot_row_hash(name1, value1, name2, value2, ...): SHA-256 of the pairs
 * whose value is not NULL, names and values in the chain's encoding.  NULLs
 * are left out so that a column added by a later migration (NULL in older
 * rows) does not change the hash of a row written before it, as it does not
 * change the comparison of a JSON image (verify_rows()). */
static void
row_hash_function (sqlite3_context *context,
                   int              argc,
                   sqlite3_value  **argv)
{
  Canon sha;
  char digest[65];

  canon_init (&sha);
  for (int i = 0; i + 1 < argc; i += 2)
    {
      if (sqlite3_value_type (argv[i + 1]) == SQLITE_NULL)
        continue;
      append_value (&sha, argv[i]);
      append_value (&sha, argv[i + 1]);
    }
  canon_finish (&sha, digest);
  sqlite3_result_text (context, digest, 64, SQLITE_TRANSIENT);
}

static void
audit_hash_function (sqlite3_context *context,
                     int              argc,
                     sqlite3_value  **argv)
{
  Canon sha;
  char digest[65];

  canon_init (&sha);
  for (int i = 0; i < argc; i++)
    append_value (&sha, argv[i]);
  canon_finish (&sha, digest);
  sqlite3_result_text (context, digest, 64, SQLITE_TRANSIENT);
}

/* ---- json_object() ----
 *
 * Every audited write builds the row's image with json_object(), twice in
 * a chained record (once stored, once hashed), and SQLite 3.40's builds it
 * a character at a time, turning each integer into text through the value's
 * own buffer: some 16,000 instructions for a ledger entry.  This one gives
 * the same text (SQLite's format: no spaces, integers and reals as SQLite
 * prints them, strings with '"', '\' and control characters escaped the
 * same way, values of JSON subtype as they are) at a fraction of the cost,
 * and the same errors for labels that are not text and for blobs.  It is
 * installed on Allot's own connections only; the audit triggers and any
 * other connection keep working with SQLite's. */

#define JSON_SUBTYPE 74  /* 'J', as SQLite's JSON functions mark their results */

/* Bytes to escape in a JSON string: '"', '\\' and the control characters. */
static const guint8 json_escaped[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

/* Writes @text as a JSON string at @out (room for 6 * @n + 2 bytes);
 * returns the end. */
static char *
json_string (char                *out,
             const unsigned char *text,
             gsize                n)
{
  static const char special[32] = {
    0, 0, 0, 0, 0, 0, 0, 0, 'b', 't', 'n', 0, 'f', 'r', 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  };
  static const char hex[] = "0123456789abcdef";
  gsize i = 0;

  *out++ = '"';
  while (i < n)
    {
      gsize start = i;
      unsigned char c;

      while (i < n && !json_escaped[text[i]])
        i++;
      memcpy (out, text + start, i - start);
      out += i - start;
      if (i == n)
        break;
      c = text[i++];
      *out++ = '\\';
      if (c == '"' || c == '\\')
        *out++ = (char) c;
      else if (special[c] != 0)
        *out++ = special[c];
      else
        {
          /* \u00XX */
          *out++ = 'u';
          *out++ = '0';
          *out++ = '0';
          *out++ = (char) ('0' + (c >> 4));
          *out++ = hex[c & 0xf];
        }
    }
  *out++ = '"';
  return out;
}

/* Writes @value in decimal at @out (room for 20 bytes); returns the end. */
static char *
json_integer (char   *out,
              gint64  value)
{
  char digits[24];
  gsize n = 0;
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    {
      digits[sizeof digits - 1 - n++] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    digits[sizeof digits - 1 - n++] = '-';
  memcpy (out, digits + sizeof digits - n, n);
  return out + n;
}

static void
json_object_function (sqlite3_context *context,
                      int              argc,
                      sqlite3_value  **argv)
{
  guint64 size = 2;
  char *data, *out;

  if (argc & 1)
    {
      sqlite3_result_error (context, "json_object() requires an even number of arguments", -1);
      return;
    }
  /* The room it can take at most, and the errors, first. */
  for (int i = 0; i < argc; i += 2)
    {
      sqlite3_value *value = argv[i + 1];

      if (sqlite3_value_type (argv[i]) != SQLITE_TEXT)
        {
          sqlite3_result_error (context, "json_object() labels must be TEXT", -1);
          return;
        }
      size += 6 * (guint64) sqlite3_value_bytes (argv[i]) + 4;
      switch (sqlite3_value_type (value))
        {
        case SQLITE_NULL:
        case SQLITE_INTEGER:
          size += 24;
          break;
        case SQLITE_FLOAT:
          size += (guint64) sqlite3_value_bytes (value);
          break;
        case SQLITE_TEXT:
          size += 6 * (guint64) sqlite3_value_bytes (value) + 2;
          break;
        default:
          sqlite3_result_error (context, "JSON cannot hold BLOB values", -1);
          return;
        }
    }
  out = data = sqlite3_malloc64 (size);
  if (data == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  *out++ = '{';
  for (int i = 0; i < argc; i += 2)
    {
      sqlite3_value *value = argv[i + 1];

      if (i > 0)
        *out++ = ',';
      out = json_string (out, sqlite3_value_text (argv[i]), (gsize) sqlite3_value_bytes (argv[i]));
      *out++ = ':';
      switch (sqlite3_value_type (value))
        {
        case SQLITE_NULL:
          memcpy (out, "null", 4);
          out += 4;
          break;
        case SQLITE_INTEGER:
          out = json_integer (out, sqlite3_value_int64 (value));
          break;
        case SQLITE_FLOAT:
          /* SQLite's own rendering of the real, as in SQLite's json_object(). */
          memcpy (out, sqlite3_value_text (value), (gsize) sqlite3_value_bytes (value));
          out += sqlite3_value_bytes (value);
          break;
        default:
          {
            const unsigned char *text = sqlite3_value_text (value);
            gsize n = (gsize) sqlite3_value_bytes (value);

            if (sqlite3_value_subtype (value) == JSON_SUBTYPE)
              {
                memcpy (out, text, n);
                out += n;
              }
            else
              out = json_string (out, text, n);
            break;
          }
        }
    }
  *out++ = '}';
  sqlite3_result_text64 (context, data, (sqlite3_uint64) (out - data), sqlite3_free, SQLITE_UTF8);
  sqlite3_result_subtype (context, JSON_SUBTYPE);
}

void
allot_audit_register_functions (AllotDb *store_db)
{
  sqlite3 *db = allot_db_sqlite_handle (store_db);

  sqlite3_create_function (db, "json_object", -1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                           json_object_function, NULL, NULL);
  sqlite3_create_function (db, "allot_audit_hash", 9, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           audit_hash_function, NULL, NULL);
  sqlite3_create_function (db, "allot_row_hash", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           row_hash_function, NULL, NULL);
}

/* ---- deferred audit records (bulk imports) ----
 *
 * For a bulk import the insert trigger of the table is dropped inside the
 * importer's own transaction and created again, from its stored text,
 * before the commit (allot_audit_log_deferred()): no other connection ever
 * sees the table without it (the transaction's changes are invisible until
 * the commit, and the write lock is held), and a rollback restores it with
 * the rest.  Meanwhile the importer's rows get no record from the trigger;
 * allot_audit_log_deferred() writes them all in one pass.  A row it missed
 * would have no audit record at all, which verification reports.
 *
 * Why not a WHEN clause: any trigger on a table, even one whose WHEN is
 * false, makes each INSERT keep a statement journal (a copy of every page
 * it changes, to undo a half-done statement) and run the trigger's
 * program: measured on 100,000 single-row INSERTs into ledger_entries, 5.3 s
 * of CPU with the trigger silenced by a WHEN clause, 1.9 s without it. */

/* The columns of @table in order; empty when the table does not exist at
 * this version. */
static gboolean
table_columns (AllotDb    *db,
               const char *table,
               GPtrArray  *names,
               GError    **error)
{
  gboolean pg = allot_db_backend (db) == ALLOT_DB_POSTGRES;
  g_autoptr(AllotStmt) columns = allot_db_prepare (db, pg
      ? "SELECT column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema () AND table_name = ?1"
        " AND column_name <> 'rowid' ORDER BY ordinal_position"
      : "SELECT name FROM pragma_table_info(?1) ORDER BY cid", error);
  int rc;

  /* (On PostgreSQL "rowid", the stand-in for SQLite's hidden one, is no
   * column of the row's image.) */
  if (columns == NULL)
    return FALSE;
  allot_stmt_bind_text (columns, 1, table, -1, ALLOT_BIND_STATIC);
  while ((rc = allot_stmt_step (columns)) == ALLOT_DB_ROW)
    g_ptr_array_add (names, allot_db_column_dup (columns, 0));
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (db, rc, error, "Could not read the schema");
      return FALSE;
    }
  return TRUE;
}

/* "allot_row_hash ('c1', "c1", ...)" over @names: identifiers from our own
 * schema only. */
static void
append_row_hash_call (GString   *sql,
                      GPtrArray *names)
{
  g_string_append (sql, "allot_row_hash (");
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (sql, "%s'%s', \"%s\"", i > 0 ? ", " : "",
                            (const char *) names->pdata[i], (const char *) names->pdata[i]);
  g_string_append_c (sql, ')');
}

/* allot_row_hash() over every column of @table; NULL when the table has
 * none (does not exist). */
static char *
row_hash_expression (AllotDb    *db,
                     const char *table,
                     GError    **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new (NULL);

  if (!table_columns (db, table, names, error))
    return NULL;
  if (names->len == 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID, "No table %s to audit", table);
      return NULL;
    }
  append_row_hash_call (sql, names);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Drops trigger @name (one of our own identifiers) and returns its SQL. */
static char *
take_trigger (AllotDb    *db,
              const char *name,
              GError    **error)
{
  g_autofree char *drop = NULL;
  g_autoptr(AllotStmt) stmt = allot_db_prepare (db,
      "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1", error);
  char *sql;

  if (stmt == NULL)
    return NULL;
  /* Setting a trigger aside is only safe inside the caller's transaction,
   * which a rollback undoes. */
  if (allot_db_get_autocommit (db))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                   "The trigger %s can only be set aside inside a transaction", name);
      return NULL;
    }
  allot_stmt_bind_text (stmt, 1, name, -1, ALLOT_BIND_STATIC);
  if (allot_stmt_step (stmt) != ALLOT_DB_ROW)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT, "The trigger %s is missing", name);
      return NULL;
    }
  sql = allot_db_column_dup (stmt, 0);
  g_clear_pointer (&stmt, allot_stmt_finalize);
  /* The name is our own identifier, never user data. */
  drop = g_strdup_printf ("DROP TRIGGER \"%s\"", name);
  if (!allot_db_exec (db, drop, error))
    {
      g_free (sql);
      return NULL;
    }
  return sql;
}

char *
allot_audit_defer (AllotDb    *db,
                   const char *table,
                   GError    **error)
{
  g_autofree char *name = g_strdup_printf ("audit_%s_insert", table);

  return take_trigger (db, name, error);
}

gboolean
allot_audit_log_deferred (AllotDb             *db,
                          const char          *table,
                          const char          *trigger_sql,
                          gint64               event_id,
                          const AllotAuditRun *runs,
                          guint                n_runs,
                          GError             **error)
{
  g_autofree char *hash_sql = row_hash_expression (db, table, error);
  g_autofree char *select_sql = NULL;
  g_autoptr(AllotStmt) head = NULL;
  g_autoptr(AllotStmt) rows = NULL;
  g_autoptr(AllotStmt) insert = NULL;
  g_autoptr(GString) after = g_string_new (NULL);
  g_autofree char *at = NULL;
  g_autofree char *user = NULL;
  g_autofree char *chain_trigger = NULL;
  char previous[65] = "";
  gint64 id = 0;
  gsize table_len = strlen (table);
  int rc;

  /* The trigger first: whatever happens next, nothing is committed
   * without it. */
  if (hash_sql == NULL || !allot_db_exec (db, trigger_sql, error))
    return FALSE;
  /* Where the chain stands, and the time and user of every record. */
  head = allot_db_prepare (db,
      "SELECT (SELECT id FROM audit_log ORDER BY id DESC LIMIT 1),"
      " COALESCE ((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), ''),"
      " strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), allot_user()", error);
  if (head == NULL)
    return FALSE;
  if (allot_stmt_step (head) != ALLOT_DB_ROW)
    {
      allot_db_set_error (db, allot_db_errcode (db), error, "Could not read the audit log");
      return FALSE;
    }
  id = allot_stmt_column_int64 (head, 0);
  g_strlcpy (previous, (const char *) allot_stmt_column_text (head, 1), sizeof previous);
  at = allot_db_column_dup (head, 2);
  user = allot_db_column_dup (head, 3);
  if (at == NULL || user == NULL)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID, "No user to record in the audit log");
      return FALSE;
    }

  /* @table is one of ours (the importer's kind table), never user data. */
  select_sql = g_strdup_printf ("SELECT rowid, %s FROM \"%s\" WHERE rowid BETWEEN ?1 AND ?2"
                                " ORDER BY rowid", hash_sql, table);
  rows = allot_db_prepare (db, select_sql, error);
  insert = rows ? allot_db_prepare (db,
      "INSERT INTO audit_log (id, at, \"user\", action, table_name, record_id, before, after,"
      " prev_hash, hash) VALUES (?1, ?2, ?3, 'insert', ?4, ?5, NULL, ?6, ?7, ?8)", error) : NULL;
  /* The chain trigger of audit_log only acts on records written without a
   * hash, and these all have one; out of the way for the pass (in this
   * transaction only, like the insert trigger), it spares every record a
   * statement journal and a trigger program: a third of writing them. */
  if (insert == NULL || (chain_trigger = take_trigger (db, "audit_log_chain_unhashed",
                                                       error)) == NULL)
    return FALSE;
  allot_stmt_bind_text (insert, 2, at, -1, ALLOT_BIND_STATIC);
  allot_stmt_bind_text (insert, 3, user, -1, ALLOT_BIND_STATIC);
  allot_stmt_bind_text (insert, 4, table, -1, ALLOT_BIND_STATIC);

  for (guint r = 0; r < n_runs; r++)
    {
      guint line = runs[r].first_line;
      gint64 expected = runs[r].first_id;

      allot_stmt_bind_int64 (rows, 1, runs[r].first_id);
      allot_stmt_bind_int64 (rows, 2, runs[r].first_id + runs[r].count - 1);
      while ((rc = allot_stmt_step (rows)) == ALLOT_DB_ROW)
        {
          gint64 record_id = allot_stmt_column_int64 (rows, 0);
          Canon sha;
          char hash[65];

          if (record_id != expected)
            break;  /* a row of the run is missing: reported below */
          expected++;
          id++;
          g_string_printf (after, "{\"import\":%" PRId64 ",\"line\":%u,\"sha256\":\"%s\"}",
                           event_id, line++, (const char *) allot_stmt_column_text (rows, 1));
          /* The chain's canonical form (append_value()), in C: prev_hash, id,
           * at, user, action, table_name, record_id, before, after. */
          canon_init (&sha);
          append_text (&sha, previous, strlen (previous));
          append_int (&sha, id);
          append_text (&sha, at, strlen (at));
          append_text (&sha, user, strlen (user));
          append_text (&sha, "insert", 6);
          append_text (&sha, table, table_len);
          append_int (&sha, record_id);
          canon_put (&sha, "N;", 2);
          append_text (&sha, after->str, after->len);
          canon_finish (&sha, hash);

          allot_stmt_bind_int64 (insert, 1, id);
          allot_stmt_bind_int64 (insert, 5, record_id);
          allot_stmt_bind_text (insert, 6, after->str, (int) after->len, ALLOT_BIND_STATIC);
          allot_stmt_bind_text (insert, 7, previous, -1, ALLOT_BIND_STATIC);
          allot_stmt_bind_text (insert, 8, hash, 64, ALLOT_BIND_STATIC);
          if (!allot_db_step_done (db, insert, error))
            {
              allot_stmt_reset (rows);
              return FALSE;  /* the caller rolls back, triggers and all */
            }
          memcpy (previous, hash, sizeof previous);
        }
      allot_stmt_reset (rows);
      if (rc != ALLOT_DB_ROW && rc != ALLOT_DB_DONE)
        {
          allot_db_set_error (db, rc, error, "Could not read the imported rows");
          return FALSE;
        }
      if (expected != runs[r].first_id + runs[r].count)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                       "Row %" PRId64 " of %s is missing from its import", expected, table);
          return FALSE;
        }
    }
  return allot_db_exec (db, chain_trigger, error);
}

gboolean
allot_audit_chain_unhashed (AllotDb *db,
                            GError **error)
{
  g_autoptr(AllotStmt) select = NULL;
  g_autoptr(AllotStmt) update = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  /* One row at a time, in order: each hash needs the one before it. */
  select = allot_db_prepare (db, "SELECT id FROM audit_log WHERE hash IS NULL ORDER BY id", error);
  update = select ? allot_db_prepare (db,
      "UPDATE audit_log SET"
      " prev_hash = COALESCE ((SELECT p.hash FROM audit_log p WHERE p.id < audit_log.id"
      "                        ORDER BY p.id DESC LIMIT 1), ''),"
      " hash = allot_audit_hash ("
      "   COALESCE ((SELECT p.hash FROM audit_log p WHERE p.id < audit_log.id"
      "              ORDER BY p.id DESC LIMIT 1), ''),"
      "   id, at, \"user\", action, table_name, record_id, before, after)"
      " WHERE id = ?1", error) : NULL;
  if (update == NULL)
    return FALSE;
  while ((rc = allot_stmt_step (select)) == ALLOT_DB_ROW)
    {
      gint64 id = allot_stmt_column_int64 (select, 0);
      g_array_append_val (ids, id);
    }
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (db, rc, error, "Could not read the audit log");
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      allot_stmt_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      if (!allot_db_step_done (db, update, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- verification ---- */

void
allot_audit_verdict_clear (AllotAuditVerdict *verdict)
{
  g_clear_pointer (&verdict->last_hash, g_free);
  g_clear_pointer (&verdict->broken_table, g_free);
  g_clear_pointer (&verdict->problem, g_free);
}

/* Walks the chain in order: each record must name the previous record's hash
 * and hash to what it stores. */
static gboolean
verify_chain (AllotDb           *db,
              AllotAuditVerdict *verdict,
              GError           **error)
{
  g_autoptr(AllotStmt) stmt = allot_db_prepare (db,
      "SELECT id, prev_hash, hash,"
      " allot_audit_hash (prev_hash, id, at, \"user\", action, table_name, record_id, before, after)"
      " FROM audit_log ORDER BY id", error);
  g_autofree char *previous = g_strdup ("");
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      gint64 id = allot_stmt_column_int64 (stmt, 0);
      const char *prev_hash = (const char *) allot_stmt_column_text (stmt, 1);
      const char *hash = (const char *) allot_stmt_column_text (stmt, 2);
      const char *computed = (const char *) allot_stmt_column_text (stmt, 3);

      verdict->n_records++;
      if (g_strcmp0 (prev_hash, previous) != 0)
        {
          verdict->broken_id = id;
          verdict->problem = g_strdup_printf (_("Audit record %" PRId64 " does not follow "
                                                "the record before it: a record was removed, "
                                                "inserted or reordered."), id);
          return TRUE;
        }
      if (g_strcmp0 (hash, computed) != 0)
        {
          verdict->broken_id = id;
          verdict->problem = g_strdup_printf (_("Audit record %" PRId64 " was changed "
                                                "after it was written."), id);
          return TRUE;
        }
      g_free (previous);
      previous = g_strdup (hash);
    }
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (db, rc, error, "Could not read the audit log");
      return FALSE;
    }
  verdict->last_hash = g_steal_pointer (&previous);
  return TRUE;
}

/* Each audited row must equal the "after" image of its latest audit record:
 * a change made around the triggers leaves the two apart. */

/* The tables whose rows may be removed, by an audited delete, while nothing
 * refers to them (allot-store-registry.c, remove_record()). */
static const char *const removable_tables[] = { "agencies", "task_forces", "categories", NULL };

/* The column audit records name a row of @table by (record_id): SQLite's
 * rowid, the id or other integer primary key; on PostgreSQL that primary
 * key, or for a table without one (settings, periods) the column "rowid"
 * the schema gives it in SQLite's stead. */
static char *
record_key (AllotDb    *db,
            const char *table,
            GError    **error)
{
  g_autoptr(AllotStmt) stmt = NULL;
  char *key = NULL;
  int rc;

  if (allot_db_backend (db) != ALLOT_DB_POSTGRES)
    return g_strdup ("rowid");
  stmt = allot_db_prepare (db,
      "SELECT a.attname FROM pg_index i"
      " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
      " WHERE i.indrelid = to_regclass (?1) AND i.indisprimary AND i.indnatts = 1"
      " AND a.atttypid IN ('bigint'::regtype, 'integer'::regtype)", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_text (stmt, 1, table, -1, ALLOT_BIND_STATIC);
  rc = allot_stmt_step (stmt);
  if (rc == ALLOT_DB_ROW)
    key = allot_db_column_dup (stmt, 0);
  else if (rc == ALLOT_DB_DONE)
    key = g_strdup ("rowid");
  else
    allot_db_set_error (db, rc, error, "Could not read the schema");
  return key;
}

/* The condition "the row r equals its last image audit_after": column by
 * column, so that a column added by a later migration (NULL in rows last
 * audited before it) compares equal to its absence; or, for a compact
 * record of a bulk import (allot_audit_log_deferred()), which holds the
 * row's hash instead of its image, the hash. */
static void
append_row_matches (GString    *sql,
                    AllotDb    *db,
                    GPtrArray  *names)
{
  if (allot_db_backend (db) == ALLOT_DB_POSTGRES)
    {
      /* The PostgreSQL schema's own allot_row_hash() and
       * allot_row_matches_image() over the row as JSON (allot_row). */
      g_string_append (sql, "CASE WHEN jsonb_typeof (audit_after::jsonb -> 'import') = 'number'"
                            " AND jsonb_typeof (audit_after::jsonb -> 'sha256') = 'string'"
                            " THEN audit_after::jsonb ->> 'sha256' = allot_row_hash (allot_row)"
                            " ELSE allot_row_matches_image (allot_row, audit_after) END");
      return;
    }
  g_string_append (sql, "CASE WHEN json_type (audit_after, '$.import') = 'integer'"
                        " AND json_type (audit_after, '$.sha256') = 'text'"
                        " THEN json_extract (audit_after, '$.sha256') IS ");
  append_row_hash_call (sql, names);
  g_string_append (sql, " ELSE (");
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (sql, "%sjson_extract (audit_after, '$.%s') IS \"%s\"",
                            i > 0 ? " AND " : "", (const char *) names->pdata[i],
                            (const char *) names->pdata[i]);
  g_string_append (sql, ") END");
}

static gboolean
verify_rows (AllotDb           *db,
             AllotAuditVerdict *verdict,
             GError           **error)
{
  guint n_tables;
  const char *const *tables = allot_schema_audited_tables (&n_tables);

  for (guint t = 0; t < n_tables && verdict->problem == NULL; t++)
    {
      g_autoptr(GString) sql = g_string_new (NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(AllotStmt) stmt = NULL;
      g_autofree char *key = NULL;
      int rc;

      /* Membership rows have no id of their own; their history is by task force. */
      if (g_str_equal (tables[t], "task_force_members"))
        continue;
      if (!table_columns (db, tables[t], names, error))
        return FALSE;
      if (names->len == 0)
        continue;  /* the table does not exist at this version */
      key = record_key (db, tables[t], error);
      if (key == NULL)
        return FALSE;

      /* The table's name is a bound value where it is compared, and an
       * identifier of our own schema (tables[]) only where SQL needs one. */
      g_string_append_printf (sql, "SELECT allot_key FROM (SELECT r.%s AS allot_key, r.*,%s"
                                   " (SELECT l.after FROM audit_log l WHERE l.table_name = ?1",
                              key, allot_db_backend (db) == ALLOT_DB_POSTGRES
                                   ? " to_json (r) AS allot_row," : "");
      /* Row images only: an application event (allot_store_log_event())
       * may name a record, but its "after" is not the row. */
      g_string_append_printf (sql, " AND l.record_id = r.%s AND l.after IS NOT NULL"
                                   " AND l.action IN ('insert', 'update', 'void')"
                                   " ORDER BY l.id DESC LIMIT 1) AS audit_after FROM \"%s\" r) r"
                                   " WHERE audit_after IS NULL OR NOT (",
                              key, tables[t]);
      append_row_matches (sql, db, names);
      g_string_append (sql, ") ORDER BY allot_key LIMIT 1");
      stmt = allot_db_prepare (db, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      allot_stmt_bind_text (stmt, 1, tables[t], -1, ALLOT_BIND_STATIC);
      rc = allot_stmt_step (stmt);
      if (rc == ALLOT_DB_ROW)
        {
          verdict->broken_table = g_strdup (tables[t]);
          verdict->broken_record = allot_stmt_column_int64 (stmt, 0);
          verdict->problem = g_strdup_printf (_("Row %" PRId64 " of %s differs from its "
                                                "last audit record: it was changed outside "
                                                "Allot."), verdict->broken_record, tables[t]);
        }
      else if (rc != ALLOT_DB_DONE)
        {
          allot_db_set_error (db, rc, error, "Could not compare the data with the audit log");
          return FALSE;
        }
      if (verdict->problem != NULL)
        break;

      /* Every row the log saw inserted is still there, unless its last
       * record is an audited delete (an agency, task force or category
       * removed while nothing referred to it: the Undo of adding it); the
       * other tables are voided, never deleted (memberships are skipped
       * above). */
      g_clear_pointer (&stmt, allot_stmt_finalize);
      g_string_truncate (sql, 0);
      g_string_append (sql, "SELECT l.record_id FROM audit_log l WHERE l.table_name = ?1"
                            " AND l.action = 'insert' AND l.record_id IS NOT NULL"
                            " AND NOT EXISTS (SELECT 1 FROM \"");
      g_string_append_printf (sql, "%s\" r WHERE r.%s = l.record_id)", tables[t], key);
      if (g_strv_contains (removable_tables, tables[t]))
        g_string_append (sql, " AND COALESCE ((SELECT d.action FROM audit_log d"
                              "      WHERE d.table_name = l.table_name"
                              "      AND d.record_id = l.record_id"
                              "      ORDER BY d.id DESC LIMIT 1), '') <> 'delete'");
      g_string_append (sql, " ORDER BY l.id LIMIT 1");
      stmt = allot_db_prepare (db, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      allot_stmt_bind_text (stmt, 1, tables[t], -1, ALLOT_BIND_STATIC);
      rc = allot_stmt_step (stmt);
      if (rc == ALLOT_DB_ROW)
        {
          verdict->broken_table = g_strdup (tables[t]);
          verdict->broken_record = allot_stmt_column_int64 (stmt, 0);
          verdict->problem = g_strdup_printf (_("Row %" PRId64 " of %s is in the audit log "
                                                "but no longer in the data: it was deleted "
                                                "outside Allot."), verdict->broken_record,
                                              tables[t]);
        }
      else if (rc != ALLOT_DB_DONE)
        {
          allot_db_set_error (db, rc, error, "Could not compare the data with the audit log");
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
allot_store_verify_audit (AllotStore        *self,
                          AllotAuditVerdict *verdict,
                          GError           **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (verdict != NULL, FALSE);

  memset (verdict, 0, sizeof *verdict);
  /* The chain is only as good as the file (see check_on_open()). */
  if (!allot_store_verify_file (self, error))
    return FALSE;
  if (!allot_db_begin_read (self->db, error))
    return FALSE;
  if (!verify_chain (self->db, verdict, error) ||
      (verdict->problem == NULL && !verify_rows (self->db, verdict, error)))
    {
      allot_db_exec (self->db, "ROLLBACK", NULL);
      allot_audit_verdict_clear (verdict);
      return FALSE;
    }
  allot_db_exec (self->db, "ROLLBACK", NULL);
  return TRUE;
}
