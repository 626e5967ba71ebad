/* bench-cells.c: a workbook's cells read back from its .xlsx (see
 * bench-cells.h).  The zip is read with zlib, its XML with expat: nothing
 * here comes from libxlsxwriter or from Allot. */
#include "bench-cells.h"

#include <errno.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define CELLS_ERROR (g_quark_from_static_string ("bench-cells"))

/* ---- hashing: FNV-1a, enough to tell two workbooks apart ---- */

#define FNV_OFFSET G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_PRIME G_GUINT64_CONSTANT (1099511628211)

static inline guint64
fnv (guint64     hash,
     const void *data,
     gsize       len)
{
  const guint8 *p = data;

  for (gsize i = 0; i < len; i++)
    hash = (hash ^ p[i]) * FNV_PRIME;
  return hash;
}

/* ---- the zip ---- */

typedef struct {
  const guint8 *data;
  gsize size;
} Zip;

static guint32
rd16 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8;
}

static guint32
rd32 (const guint8 *p)
{
  return rd16 (p) | rd16 (p + 2) << 16;
}

/* The compressed bytes of member @name from the central directory. */
static gboolean
zip_member (const Zip     *zip,
            const char    *name,
            const guint8 **out_data,
            gsize         *out_size,
            guint         *out_method)
{
  const guint8 *eocd = NULL, *p, *end;
  gsize name_len = strlen (name);

  for (gsize i = zip->size >= 22 ? zip->size - 22 : 0; i > 0 && zip->size - i < 65536 + 22; i--)
    if (rd32 (zip->data + i) == 0x06054b50)
      {
        eocd = zip->data + i;
        break;
      }
  if (eocd == NULL || rd32 (eocd + 16) >= zip->size)
    return FALSE;
  p = zip->data + rd32 (eocd + 16);
  end = eocd;
  for (guint n = rd16 (eocd + 10); n > 0 && p + 46 <= end && rd32 (p) == 0x02014b50; n--)
    {
      guint32 len = rd16 (p + 28);
      const guint8 *local = zip->data + rd32 (p + 42);

      if (len == name_len && memcmp (p + 46, name, len) == 0 &&
          local + 30 <= zip->data + zip->size && rd32 (local) == 0x04034b50)
        {
          *out_data = local + 30 + rd16 (local + 26) + rd16 (local + 28);
          *out_size = rd32 (p + 20);
          *out_method = rd16 (p + 10);
          return *out_data + *out_size <= zip->data + zip->size;
        }
      p += 46 + len + rd16 (p + 30) + rd16 (p + 32);
    }
  return FALSE;
}

/* ---- the reading context ---- */

typedef enum { READ_WORKBOOK, READ_RELS, READ_STYLES, READ_STRINGS, READ_SHEET } ReadWhat;

typedef struct {
  ReadWhat what;
  const char *member;
  XML_Parser parser;
  GError *error;                /* the first failure in a handler */
  GString *text;                /* character data of the element being read */
  gboolean keep_text;

  /* workbook.xml and its relationships */
  GPtrArray *sheet_names;
  GPtrArray *sheet_ids;
  GHashTable *targets;          /* relationship id -> member */
  GHashTable *titles;           /* sheet position -> "$1:$4" */
  char *defined_name;
  int defined_sheet;

  /* styles.xml: descriptions (see BENCH_CELLS_FORMAT) */
  GHashTable *num_formats;      /* id -> code */
  GPtrArray *fonts, *fills, *borders, *xfs, *dxfs;
  GArray *xf_hashes;
  const char *section;          /* the list being read: "fonts", "cellXfs", ... */
  const char *container;        /* "font", "fill", "border" or NULL */
  GPtrArray *parts;             /* of the font, fill, border, xf or dxf being read */
  char *pattern, *fg, *bg;

  /* sharedStrings.xml (libxlsxwriter's constant-memory mode writes none) */
  GPtrArray *strings;

  /* a worksheet */
  FILE *spool;                  /* its cells and rows, written after its settings */
  GPtrArray *settings;          /* GByteArray records */
  BenchSheetSummary *summary;
  guint64 hash;
  guint32 row;
  guint16 col;
  guint16 xf;
  char *type;
  gboolean has_v, has_f;
  GString *v, *f, *s;
  GString *sqref;
  char *cf_formula;
  guint cf_dxf;
  gboolean landscape, fit;
  char *fit_width, *fit_height;
} Read;

static void
fail (Read       *r,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
fail (Read       *r,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  if (r->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  r->error = g_error_new (CELLS_ERROR, 1, "%s: %s (the bench cannot reproduce it)", r->member,
                          message);
  XML_StopParser (r->parser, XML_FALSE);
}

static const char *
attr (const XML_Char **attrs,
      const char      *name)
{
  for (guint i = 0; attrs[i] != NULL; i += 2)
    if (strcmp (attrs[i], name) == 0)
      return attrs[i + 1];
  return NULL;
}

/* Only attributes in @known (NULL-terminated) may be there. */
static gboolean
only_attrs (Read            *r,
            const char      *element,
            const XML_Char **attrs,
            const char      *const *known)
{
  for (guint i = 0; attrs[i] != NULL; i += 2)
    {
      gboolean ok = FALSE;

      for (guint k = 0; known[k] != NULL && !ok; k++)
        ok = strcmp (attrs[i], known[k]) == 0;
      if (!ok)
        {
          fail (r, "attribute %s of <%s>", attrs[i], element);
          return FALSE;
        }
    }
  return TRUE;
}

static void
keep_text (Read *r)
{
  g_string_truncate (r->text, 0);
  r->keep_text = TRUE;
}

static void XMLCALL
on_text (void           *data,
         const XML_Char *s,
         int             len)
{
  Read *r = data;

  if (r->keep_text)
    g_string_append_len (r->text, s, len);
}

static gboolean
is (const char *a,
    const char *b)
{
  return strcmp (a, b) == 0;
}

/* "B12" -> row 11, col 1. */
static gboolean
parse_cell (const char *ref,
            guint32    *row,
            guint16    *col)
{
  guint32 c = 0, r = 0;
  const char *p = ref;

  for (; *p >= 'A' && *p <= 'Z'; p++)
    c = c * 26 + (guint32) (*p - 'A' + 1);
  if (p == ref || *p < '1' || *p > '9')
    return FALSE;
  for (; *p >= '0' && *p <= '9'; p++)
    r = r * 10 + (guint32) (*p - '0');
  if (*p != '\0' || c > 16384 || r > 1048576)
    return FALSE;
  *row = r - 1;
  *col = (guint16) (c - 1);
  return TRUE;
}

/* "A4:Q100" or "A4" -> "3<SEP>0<SEP>99<SEP>16". */
static char *
parse_range (const char *ref)
{
  g_auto(GStrv) ends = g_strsplit (ref, ":", -1);
  guint32 r1, r2;
  guint16 c1, c2;

  if (g_strv_length (ends) < 1 || g_strv_length (ends) > 2 ||
      !parse_cell (ends[0], &r1, &c1) ||
      !parse_cell (ends[ends[1] != NULL ? 1 : 0], &r2, &c2))
    return NULL;
  return g_strdup_printf ("%u" BENCH_CELLS_SEP_S "%u" BENCH_CELLS_SEP_S "%u" BENCH_CELLS_SEP_S
                          "%u", r1, c1, r2, c2);
}

static char *
join_parts (GPtrArray *parts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = parts->pdata[i];

      if (*part == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, BENCH_CELLS_SEP);
      g_string_append (out, part);
    }
  return g_string_free (out, FALSE);
}

/* ---- workbook.xml, its relationships, sharedStrings.xml ---- */

static void XMLCALL
workbook_start (Read            *r,
                const XML_Char  *name,
                const XML_Char **attrs)
{
  if (r->what == READ_RELS)
    {
      if (is (name, "Relationship") && attr (attrs, "Id") != NULL && attr (attrs, "Target"))
        g_hash_table_insert (r->targets, g_strdup (attr (attrs, "Id")),
                             g_strdup (attr (attrs, "Target")));
    }
  else if (r->what == READ_STRINGS)
    {
      if (is (name, "t"))
        keep_text (r);
      else if (is (name, "r"))
        fail (r, "rich text");
    }
  else if (is (name, "sheet"))
    {
      g_ptr_array_add (r->sheet_names, g_strdup (attr (attrs, "name")));
      g_ptr_array_add (r->sheet_ids, g_strdup (attr (attrs, "r:id")));
    }
  else if (is (name, "definedName"))
    {
      const char *sheet = attr (attrs, "localSheetId");

      g_free (r->defined_name);
      r->defined_name = g_strdup (attr (attrs, "name"));
      r->defined_sheet = sheet != NULL ? atoi (sheet) : -1;
      keep_text (r);
    }
}

static void
workbook_end (Read           *r,
              const XML_Char *name)
{
  if (r->what == READ_STRINGS && is (name, "si"))
    g_ptr_array_add (r->strings, g_strdup (r->text->str));
  else if (r->what == READ_WORKBOOK && is (name, "definedName"))
    {
      const char *rows = strrchr (r->text->str, '!');

      /* The autofilter's hidden name comes with the autofilter. */
      if (is (r->defined_name, "_xlnm._FilterDatabase"))
        ;
      else if (is (r->defined_name, "_xlnm.Print_Titles") && rows != NULL &&
               r->defined_sheet >= 0 && rows[1] == '$' && strchr (rows, ',') == NULL)
        g_hash_table_insert (r->titles, GINT_TO_POINTER (r->defined_sheet + 1),
                             g_strdup (rows + 1));
      else
        fail (r, "defined name %s = %s", r->defined_name, r->text->str);
    }
  r->keep_text = FALSE;
}

/* ---- styles.xml ---- */

static void
add_part (Read       *r,
          const char *part)
{
  g_ptr_array_add (r->parts, g_strdup (part));
}

static void
add_part_take (Read *r,
               char *part)
{
  g_ptr_array_add (r->parts, part);
}

static const char *
listed (Read      *r,
        GPtrArray *list,
        const char *id)
{
  guint64 i = id != NULL ? g_ascii_strtoull (id, NULL, 10) : 0;

  if (i >= list->len)
    {
      fail (r, "no style %s", id);
      return "";
    }
  return list->pdata[i];
}

static void
styles_start (Read            *r,
              const XML_Char  *name,
              const XML_Char **attrs)
{
  gboolean in_dxf = r->section != NULL && is (r->section, "dxfs");
  const char *val = attr (attrs, "val");

  if (is (name, "numFmts") || is (name, "fonts") || is (name, "fills") ||
      is (name, "borders") || is (name, "cellXfs") || is (name, "cellStyleXfs") ||
      is (name, "dxfs") || is (name, "cellStyles") || is (name, "tableStyles"))
    r->section = g_intern_string (name);
  else if (r->section == NULL || is (r->section, "cellStyleXfs") ||
           is (r->section, "cellStyles") || is (r->section, "tableStyles"))
    ;  /* the Normal style, the same in every libxlsxwriter file */
  else if (is (name, "numFmt"))
    {
      if (in_dxf)
        add_part_take (r, g_strdup_printf ("num=%s", attr (attrs, "formatCode")));
      else
        g_hash_table_insert (r->num_formats, g_strdup (attr (attrs, "numFmtId")),
                             g_strdup (attr (attrs, "formatCode")));
    }
  else if (is (name, "font") || is (name, "fill") || is (name, "border"))
    {
      r->container = g_intern_string (name);
      if (!in_dxf)
        g_ptr_array_set_size (r->parts, 0);
      g_clear_pointer (&r->pattern, g_free);
      g_clear_pointer (&r->fg, g_free);
      g_clear_pointer (&r->bg, g_free);
    }
  else if (is (name, "dxf"))
    g_ptr_array_set_size (r->parts, 0);
  else if (is (name, "xf"))
    {
      const char *id = attr (attrs, "numFmtId");
      guint64 num = id != NULL ? g_ascii_strtoull (id, NULL, 10) : 0;

      g_ptr_array_set_size (r->parts, 0);
      if (num >= 164)
        {
          const char *code = g_hash_table_lookup (r->num_formats, id);

          if (code == NULL)
            fail (r, "number format %s", id);
          else
            add_part_take (r, g_strdup_printf ("num=%s", code));
        }
      else if (num > 0)
        add_part_take (r, g_strdup_printf ("numid=%s", id));
      add_part (r, listed (r, r->fonts, attr (attrs, "fontId")));
      add_part (r, listed (r, r->fills, attr (attrs, "fillId")));
      add_part (r, listed (r, r->borders, attr (attrs, "borderId")));
    }
  else if (is (name, "alignment"))
    {
      static const char *const known[] = { "horizontal", "vertical", "wrapText", NULL };

      if (only_attrs (r, name, attrs, known))
        {
          if (attr (attrs, "horizontal") != NULL)
            add_part_take (r, g_strdup_printf ("h=%s", attr (attrs, "horizontal")));
          if (attr (attrs, "vertical") != NULL)
            add_part_take (r, g_strdup_printf ("v=%s", attr (attrs, "vertical")));
          if (attr (attrs, "wrapText") != NULL && is (attr (attrs, "wrapText"), "1"))
            add_part (r, "wrap");
        }
    }
  else if (r->container == NULL)
    fail (r, "style element <%s>", name);
  else if (is (r->container, "font"))
    {
      if ((is (name, "b") || is (name, "i") || is (name, "strike")) &&
          (val == NULL || !is (val, "0")))
        add_part (r, name);
      else if (is (name, "u") && val == NULL)
        add_part (r, "u");
      else if (is (name, "sz") && val != NULL && !(is (val, "11") && !in_dxf))
        add_part_take (r, g_strdup_printf ("sz=%s", val));
      else if (is (name, "name") && val != NULL && !is (val, "Calibri"))
        add_part_take (r, g_strdup_printf ("name=%s", val));
      else if (is (name, "color") && attr (attrs, "rgb") != NULL &&
               strlen (attr (attrs, "rgb")) == 8)
        add_part_take (r, g_strdup_printf ("color=%s", attr (attrs, "rgb") + 2));
      else if (is (name, "color") && attr (attrs, "theme") != NULL &&
               is (attr (attrs, "theme"), "1"))
        ;  /* the default text colour */
      else if (is (name, "family") || is (name, "scheme") || is (name, "sz") ||
               is (name, "name") || is (name, "b") || is (name, "i") || is (name, "strike"))
        ;  /* the defaults */
      else
        fail (r, "font element <%s>", name);
    }
  else if (is (r->container, "fill"))
    {
      const char *rgb = attr (attrs, "rgb");

      if (is (name, "patternFill"))
        r->pattern = g_strdup (attr (attrs, "patternType"));
      else if (is (name, "fgColor") && rgb != NULL && strlen (rgb) == 8)
        r->fg = g_strdup (rgb + 2);
      else if (is (name, "bgColor") && rgb != NULL && strlen (rgb) == 8)
        r->bg = g_strdup (rgb + 2);
      else if (!(is (name, "bgColor") && attr (attrs, "indexed") != NULL))
        fail (r, "fill element <%s>", name);
    }
  else if (is (r->container, "border"))
    {
      const char *style = attr (attrs, "style");

      if (is (name, "left") || is (name, "right") || is (name, "top") || is (name, "bottom"))
        {
          if (style != NULL)
            add_part_take (r, g_strdup_printf ("%s=%s", name, style));
        }
      else if (is (name, "diagonal") && style == NULL)
        ;
      else if (!(is (name, "color") && attr (attrs, "auto") != NULL))
        fail (r, "border element <%s>", name);
    }
}

static void
styles_end (Read           *r,
            const XML_Char *name)
{
  gboolean in_dxf = r->section != NULL && is (r->section, "dxfs");

  if (r->section != NULL && is (name, r->section))
    r->section = NULL;
  else if (r->section == NULL || is (r->section, "cellStyleXfs"))
    ;
  else if (is (name, "fill") && r->container != NULL)
    {
      if (r->pattern != NULL && is (r->pattern, "solid") && r->fg != NULL)
        add_part_take (r, g_strdup_printf ("fill=%s", r->fg));
      else if (r->pattern == NULL && r->bg != NULL)
        add_part_take (r, g_strdup_printf ("bg=%s", r->bg));
      else if (r->pattern != NULL && !is (r->pattern, "none") && !is (r->pattern, "gray125"))
        fail (r, "fill pattern %s", r->pattern);
    }
  if (is (name, "font") || is (name, "fill") || is (name, "border"))
    {
      r->container = NULL;
      if (!in_dxf)
        g_ptr_array_add (is (name, "font") ? r->fonts : is (name, "fill") ? r->fills : r->borders,
                         join_parts (r->parts));
    }
  else if (is (name, "dxf"))
    g_ptr_array_add (r->dxfs, join_parts (r->parts));
  else if (is (name, "xf") && r->section != NULL && is (r->section, "cellXfs"))
    {
      char *description = join_parts (r->parts);
      guint64 hash = fnv (FNV_OFFSET, description, strlen (description) + 1);

      g_ptr_array_add (r->xfs, description);
      g_array_append_val (r->xf_hashes, hash);
    }
}

/* ---- the cell file ---- */

static void
put (FILE       *out,
     const void *data,
     gsize       len)
{
  fwrite (data, 1, len, out);
}

/* A record of text fields: hashed, and kept for the file. */
static GByteArray *
text_record (Read           *r,
             BenchCellsTag   tag,
             const char     *text)
{
  GByteArray *record = g_byte_array_new ();
  guint8 t = (guint8) tag;
  guint32 len = (guint32) strlen (text);

  r->hash = fnv (r->hash, &t, 1);
  r->hash = fnv (r->hash, text, len + 1);
  g_byte_array_append (record, &t, 1);
  g_byte_array_append (record, (const guint8 *) &len, 4);
  g_byte_array_append (record, (const guint8 *) text, len + 1);
  return record;
}

static void
setting (Read          *r,
         BenchCellsTag  tag,
         const char    *text)
{
  g_ptr_array_add (r->settings, text_record (r, tag, text));
}

static void
cell_head (Read         *r,
           BenchCellsTag tag)
{
  guint8 t = (guint8) tag;
  guint64 xf_hash = g_array_index (r->xf_hashes, guint64, r->xf);

  r->hash = fnv (r->hash, &t, 1);
  r->hash = fnv (r->hash, &r->row, 4);
  r->hash = fnv (r->hash, &r->col, 2);
  r->hash = fnv (r->hash, &xf_hash, 8);
  if (r->spool != NULL)
    {
      put (r->spool, &t, 1);
      put (r->spool, &r->row, 4);
      put (r->spool, &r->col, 2);
      put (r->spool, &r->xf, 2);
    }
}

static void
cell_text (Read       *r,
           const char *text,
           gsize       len)
{
  guint32 len32 = (guint32) len;

  r->hash = fnv (r->hash, text, len + 1);
  if (r->spool != NULL)
    {
      put (r->spool, &len32, 4);
      put (r->spool, text, len + 1);
    }
}

static void
cell_number (Read       *r,
             const char *text)
{
  double value = g_ascii_strtod (text, NULL);

  /* The number as the file writes it: equal text, equal value. */
  r->hash = fnv (r->hash, text, strlen (text) + 1);
  if (r->spool != NULL)
    put (r->spool, &value, 8);
}

static void
end_cell (Read *r)
{
  const char *t = r->type;

  if (r->error != NULL)
    return;  /* expat may still call back after a stop */
  if (r->has_f)
    {
      if (t != NULL || !r->has_v)
        {
          fail (r, "formula cell of type %s", t != NULL ? t : "(none, no result)");
          return;
        }
      cell_head (r, BENCH_CELLS_FORMULA);
      cell_number (r, r->v->str);
      cell_text (r, r->f->str, r->f->len);
      r->summary->formulas++;
    }
  else if (t != NULL && is (t, "inlineStr"))
    {
      cell_head (r, BENCH_CELLS_STRING);
      cell_text (r, r->s->str, r->s->len);
      r->summary->strings++;
    }
  else if (t != NULL && is (t, "s") && r->has_v)
    {
      guint64 i = g_ascii_strtoull (r->v->str, NULL, 10);
      const char *text = i < r->strings->len ? r->strings->pdata[i] : NULL;

      if (text == NULL)
        {
          fail (r, "shared string %s", r->v->str);
          return;
        }
      cell_head (r, BENCH_CELLS_STRING);
      cell_text (r, text, strlen (text));
      r->summary->strings++;
    }
  else if (t != NULL && !is (t, "n"))
    fail (r, "cell of type %s", t);
  else if (r->has_v)
    {
      cell_head (r, BENCH_CELLS_NUMBER);
      cell_number (r, r->v->str);
      r->summary->numbers++;
    }
  else
    {
      cell_head (r, BENCH_CELLS_BLANK);
      r->summary->blanks++;
    }
}

/* ---- a worksheet ---- */

static void
sheet_start (Read            *r,
             const XML_Char  *name,
             const XML_Char **attrs)
{
  if (is (name, "c"))
    {
      static const char *const known[] = { "r", "s", "t", NULL };
      const char *s = attr (attrs, "s");

      if (!only_attrs (r, name, attrs, known))
        return;
      if (attr (attrs, "r") == NULL || !parse_cell (attr (attrs, "r"), &r->row, &r->col))
        {
          fail (r, "cell without a reference");
          return;
        }
      r->xf = (guint16) (s != NULL ? g_ascii_strtoull (s, NULL, 10) : 0);
      if (r->xf >= r->xfs->len)
        fail (r, "cell %s with format %s", attr (attrs, "r"), s);
      g_free (r->type);
      r->type = g_strdup (attr (attrs, "t"));
      r->has_v = r->has_f = FALSE;
      g_string_truncate (r->s, 0);
    }
  else if (is (name, "v") || is (name, "t") || is (name, "formula") ||
           is (name, "oddHeader") || is (name, "oddFooter"))
    keep_text (r);
  else if (is (name, "f"))
    {
      if (attrs[0] != NULL)
        fail (r, "shared or array formula");
      keep_text (r);
    }
  else if (is (name, "is") || is (name, "sheetData") || is (name, "cols") ||
           is (name, "sheetViews") || is (name, "selection") || is (name, "dimension") ||
           is (name, "sheetFormatPr") || is (name, "worksheet") || is (name, "sheetPr") ||
           is (name, "headerFooter"))
    ;  /* containers, or what libxlsxwriter writes the same for every sheet */
  else if (is (name, "sheetView"))
    ;  /* which sheet is selected: the first, in both workbooks */
  else if (is (name, "drawing"))
    ;  /* a chart: a fixed few kilobytes, not reproduced (see bench-cells.h) */
  else if (is (name, "row"))
    {
      static const char *const known[] = { "r", "ht", "customHeight", "spans", NULL };
      const char *ht = attr (attrs, "ht");

      if (only_attrs (r, name, attrs, known) && ht != NULL)
        {
          g_autofree char *text = NULL;
          GByteArray *record;

          r->row = (guint32) (attr (attrs, "r") != NULL ? atoi (attr (attrs, "r")) : 0);
          if (r->row == 0)
            {
              fail (r, "row without a number");
              return;
            }
          r->row--;
          text = g_strdup_printf ("%u" BENCH_CELLS_SEP_S "%s", r->row, ht);
          record = text_record (r, BENCH_CELLS_ROW, text);
          if (r->spool != NULL)
            put (r->spool, record->data, record->len);
          g_byte_array_unref (record);
        }
    }
  else if (is (name, "col"))
    {
      static const char *const known[] = { "min", "max", "width", "customWidth", NULL };
      g_autofree char *text = NULL;

      if (!only_attrs (r, name, attrs, known) || attr (attrs, "width") == NULL)
        return;
      text = g_strdup_printf ("%d" BENCH_CELLS_SEP_S "%d" BENCH_CELLS_SEP_S "%s",
                              atoi (attr (attrs, "min")) - 1, atoi (attr (attrs, "max")) - 1,
                              attr (attrs, "width"));
      setting (r, BENCH_CELLS_COLUMNS, text);
    }
  else if (is (name, "pane"))
    {
      const char *state = attr (attrs, "state");
      const char *x = attr (attrs, "xSplit"), *y = attr (attrs, "ySplit");
      g_autofree char *text = NULL;

      if (state == NULL || !is (state, "frozen"))
        {
          fail (r, "a split that is not frozen");
          return;
        }
      text = g_strdup_printf ("%s" BENCH_CELLS_SEP_S "%s", y != NULL ? y : "0",
                              x != NULL ? x : "0");
      setting (r, BENCH_CELLS_PANE, text);
    }
  else if (is (name, "autoFilter"))
    {
      g_autofree char *range = parse_range (attr (attrs, "ref") ? attr (attrs, "ref") : "");

      if (range == NULL)
        fail (r, "autofilter %s", attr (attrs, "ref"));
      else
        setting (r, BENCH_CELLS_FILTER, range);
    }
  else if (is (name, "conditionalFormatting"))
    g_string_assign (r->sqref, attr (attrs, "sqref") != NULL ? attr (attrs, "sqref") : "");
  else if (is (name, "cfRule"))
    {
      static const char *const known[] = { "type", "dxfId", "priority", NULL };

      if (!only_attrs (r, name, attrs, known))
        return;
      if (attr (attrs, "type") == NULL || !is (attr (attrs, "type"), "expression") ||
          attr (attrs, "dxfId") == NULL)
        fail (r, "conditional format of type %s", attr (attrs, "type"));
      else
        r->cf_dxf = (guint) g_ascii_strtoull (attr (attrs, "dxfId"), NULL, 10);
    }
  else if (is (name, "pageMargins"))
    {
      g_autofree char *text = g_strjoin (BENCH_CELLS_SEP_S, attr (attrs, "left"),
                                         attr (attrs, "right"), attr (attrs, "top"),
                                         attr (attrs, "bottom"), attr (attrs, "header"),
                                         attr (attrs, "footer"), NULL);

      setting (r, BENCH_CELLS_MARGINS, text);
    }
  else if (is (name, "pageSetUpPr"))
    r->fit = attr (attrs, "fitToPage") != NULL && is (attr (attrs, "fitToPage"), "1");
  else if (is (name, "pageSetup"))
    {
      static const char *const known[] = { "orientation", "fitToWidth", "fitToHeight", NULL };

      if (!only_attrs (r, name, attrs, known))
        return;
      r->landscape = attr (attrs, "orientation") != NULL &&
                     is (attr (attrs, "orientation"), "landscape");
      g_free (r->fit_width);
      g_free (r->fit_height);
      r->fit_width = g_strdup (attr (attrs, "fitToWidth") ? attr (attrs, "fitToWidth") : "1");
      r->fit_height = g_strdup (attr (attrs, "fitToHeight") ? attr (attrs, "fitToHeight") : "1");
    }
  else
    fail (r, "element <%s>", name);
}

static void
sheet_end (Read           *r,
           const XML_Char *name)
{
  if (is (name, "c"))
    end_cell (r);
  else if (is (name, "v"))
    {
      g_string_assign (r->v, r->text->str);
      r->has_v = TRUE;
    }
  else if (is (name, "f"))
    {
      g_string_assign (r->f, r->text->str);
      r->has_f = TRUE;
    }
  else if (is (name, "t"))
    g_string_append (r->s, r->text->str);
  else if (is (name, "formula"))
    {
      g_free (r->cf_formula);
      r->cf_formula = g_strdup (r->text->str);
    }
  else if (is (name, "cfRule"))
    {
      g_autofree char *range = parse_range (r->sqref->str);
      g_autofree char *text = NULL;

      if (range == NULL || r->cf_formula == NULL || r->cf_dxf >= r->dxfs->len)
        {
          fail (r, "conditional format over %s", r->sqref->str);
          return;
        }
      text = g_strjoin (BENCH_CELLS_SEP_S, range, r->cf_formula,
                        (const char *) r->dxfs->pdata[r->cf_dxf], NULL);
      setting (r, BENCH_CELLS_CONDITIONAL, text);
      g_clear_pointer (&r->cf_formula, g_free);
    }
  else if (is (name, "oddHeader") || is (name, "oddFooter"))
    {
      g_autofree char *text = g_strjoin (BENCH_CELLS_SEP_S, name, r->text->str, NULL);

      setting (r, BENCH_CELLS_HEADER, text);
    }
  else if (is (name, "pageSetup"))
    {
      g_autofree char *text = g_strdup_printf ("%d" BENCH_CELLS_SEP_S "%d" BENCH_CELLS_SEP_S "%s"
                                               BENCH_CELLS_SEP_S "%s", r->landscape, r->fit,
                                               r->fit_width, r->fit_height);

      setting (r, BENCH_CELLS_PAGE, text);
    }
  r->keep_text = FALSE;
}

/* ---- parsing a member ---- */

static void XMLCALL
on_start (void            *data,
          const XML_Char  *name,
          const XML_Char **attrs)
{
  Read *r = data;

  switch (r->what)
    {
    case READ_SHEET:
      sheet_start (r, name, attrs);
      break;
    case READ_STYLES:
      styles_start (r, name, attrs);
      break;
    case READ_WORKBOOK:
    case READ_RELS:
    case READ_STRINGS:
    default:
      workbook_start (r, name, attrs);
      break;
    }
}

static void XMLCALL
on_end (void           *data,
        const XML_Char *name)
{
  Read *r = data;

  switch (r->what)
    {
    case READ_SHEET:
      sheet_end (r, name);
      break;
    case READ_STYLES:
      styles_end (r, name);
      break;
    case READ_WORKBOOK:
    case READ_RELS:
    case READ_STRINGS:
    default:
      workbook_end (r, name);
      break;
    }
}

static gboolean
feed (Read        *r,
      const char  *data,
      gsize        len,
      gboolean     last,
      GError     **error)
{
  if (XML_Parse (r->parser, data, (int) len, last) == XML_STATUS_OK && r->error == NULL)
    return TRUE;
  if (r->error != NULL)
    g_propagate_error (error, g_steal_pointer (&r->error));
  else
    g_set_error (error, CELLS_ERROR, 1, "%s, line %lu: %s", r->member,
                 (unsigned long) XML_GetCurrentLineNumber (r->parser),
                 XML_ErrorString (XML_GetErrorCode (r->parser)));
  return FALSE;
}

/* Parses member @member of @zip with @r; FALSE when it is not there and
 * @optional, or with @error set. */
static gboolean
parse_member (const Zip   *zip,
              Read        *r,
              ReadWhat     what,
              const char  *member,
              gboolean     optional,
              GError     **error)
{
  const guint8 *data;
  gsize size;
  guint method;
  gboolean ok;

  if (!zip_member (zip, member, &data, &size, &method))
    {
      if (!optional)
        g_set_error (error, CELLS_ERROR, 1, "no %s in the workbook", member);
      return FALSE;
    }
  r->what = what;
  r->member = member;
  r->parser = XML_ParserCreate (NULL);
  XML_SetUserData (r->parser, r);
  XML_SetElementHandler (r->parser, on_start, on_end);
  XML_SetCharacterDataHandler (r->parser, on_text);
  if (method == 0)
    ok = feed (r, (const char *) data, size, TRUE, error);
  else if (method == Z_DEFLATED)
    {
      z_stream z = { 0 };
      g_autofree char *out = g_malloc (1 << 18);
      int status = Z_OK;

      ok = inflateInit2 (&z, -MAX_WBITS) == Z_OK;
      z.next_in = (Bytef *) data;
      z.avail_in = (uInt) size;
      while (ok && status != Z_STREAM_END)
        {
          z.next_out = (Bytef *) out;
          z.avail_out = 1 << 18;
          status = inflate (&z, Z_NO_FLUSH);
          if (status != Z_OK && status != Z_STREAM_END)
            {
              g_set_error (error, CELLS_ERROR, 1, "%s: damaged (zlib %d)", member, status);
              ok = FALSE;
            }
          else
            ok = feed (r, out, (1 << 18) - z.avail_out, status == Z_STREAM_END, error);
        }
      inflateEnd (&z);
    }
  else
    {
      g_set_error (error, CELLS_ERROR, 1, "%s: zip method %u", member, method);
      ok = FALSE;
    }
  XML_ParserFree (r->parser);
  r->parser = NULL;
  return ok;
}

/* ---- the whole workbook ---- */

static void
read_clear (Read *r)
{
  g_clear_error (&r->error);
  g_string_free (r->text, TRUE);
  g_ptr_array_unref (r->sheet_names);
  g_ptr_array_unref (r->sheet_ids);
  g_hash_table_unref (r->targets);
  g_hash_table_unref (r->titles);
  g_free (r->defined_name);
  g_hash_table_unref (r->num_formats);
  g_ptr_array_unref (r->fonts);
  g_ptr_array_unref (r->fills);
  g_ptr_array_unref (r->borders);
  g_ptr_array_unref (r->xfs);
  g_ptr_array_unref (r->dxfs);
  g_array_unref (r->xf_hashes);
  g_ptr_array_unref (r->parts);
  g_free (r->pattern);
  g_free (r->fg);
  g_free (r->bg);
  g_ptr_array_unref (r->strings);
  g_ptr_array_unref (r->settings);
  g_free (r->type);
  g_string_free (r->v, TRUE);
  g_string_free (r->f, TRUE);
  g_string_free (r->s, TRUE);
  g_string_free (r->sqref, TRUE);
  g_free (r->cf_formula);
  g_free (r->fit_width);
  g_free (r->fit_height);
}

static void
summary_clear (gpointer data)
{
  BenchSheetSummary *summary = data;

  g_free (summary->name);
}

void
bench_cells_summary_free (GArray *summary)
{
  if (summary != NULL)
    g_array_unref (summary);
}

/* Copies the spooled cells of a sheet after its settings. */
static gboolean
copy_spool (FILE  *spool,
            FILE  *out,
            GError **error)
{
  char buffer[1 << 16];
  size_t got;

  if (fflush (spool) != 0 || fseek (spool, 0, SEEK_SET) != 0)
    goto failed;
  while ((got = fread (buffer, 1, sizeof buffer, spool)) > 0)
    if (fwrite (buffer, 1, got, out) != got)
      goto failed;
  if (ferror (spool))
    goto failed;
  return TRUE;

failed:
  g_set_error (error, CELLS_ERROR, 1, "the cell file: %s", g_strerror (errno));
  return FALSE;
}

GArray *
bench_cells_extract (const char *xlsx,
                     const char *cells_path,
                     GError    **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (xlsx, FALSE, error);
  g_autoptr(GArray) summaries = NULL;
  Zip zip;
  Read r = { 0 };
  GError *local_error = NULL;
  FILE *out = NULL;
  gboolean ok = TRUE;

  if (mapped == NULL)
    return NULL;
  zip.data = (const guint8 *) g_mapped_file_get_contents (mapped);
  zip.size = g_mapped_file_get_length (mapped);
  summaries = g_array_new (FALSE, TRUE, sizeof (BenchSheetSummary));
  g_array_set_clear_func (summaries, summary_clear);

  r.text = g_string_new (NULL);
  r.sheet_names = g_ptr_array_new_with_free_func (g_free);
  r.sheet_ids = g_ptr_array_new_with_free_func (g_free);
  r.targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.titles = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  r.num_formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.fonts = g_ptr_array_new_with_free_func (g_free);
  r.fills = g_ptr_array_new_with_free_func (g_free);
  r.borders = g_ptr_array_new_with_free_func (g_free);
  r.xfs = g_ptr_array_new_with_free_func (g_free);
  r.dxfs = g_ptr_array_new_with_free_func (g_free);
  r.xf_hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  r.parts = g_ptr_array_new_with_free_func (g_free);
  r.strings = g_ptr_array_new_with_free_func (g_free);
  r.settings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  r.v = g_string_new (NULL);
  r.f = g_string_new (NULL);
  r.s = g_string_new (NULL);
  r.sqref = g_string_new (NULL);

  ok = parse_member (&zip, &r, READ_WORKBOOK, "xl/workbook.xml", FALSE, error) &&
       parse_member (&zip, &r, READ_RELS, "xl/_rels/workbook.xml.rels", FALSE, error) &&
       parse_member (&zip, &r, READ_STYLES, "xl/styles.xml", FALSE, error);
  if (ok && !parse_member (&zip, &r, READ_STRINGS, "xl/sharedStrings.xml", TRUE, &local_error))
    {
      ok = local_error == NULL;  /* none is fine */
      if (!ok)
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  if (ok && cells_path != NULL)
    {
      out = fopen (cells_path, "wb");
      if (out == NULL)
        {
          g_set_error (error, CELLS_ERROR, 1, "%s: %s", cells_path, g_strerror (errno));
          ok = FALSE;
        }
      else
        {
          setvbuf (out, NULL, _IOFBF, 1 << 20);
          for (guint i = 0; i < r.xfs->len; i++)
            {
              g_autoptr(GByteArray) record = text_record (&r, BENCH_CELLS_FORMAT, r.xfs->pdata[i]);

              put (out, record->data, record->len);
            }
        }
    }

  for (guint i = 0; ok && i < r.sheet_names->len; i++)
    {
      const char *target = g_hash_table_lookup (r.targets, r.sheet_ids->pdata[i]);
      const char *titles = g_hash_table_lookup (r.titles, GUINT_TO_POINTER (i + 1));
      g_autofree char *member = NULL;
      BenchSheetSummary summary = { 0 };

      if (target == NULL)
        {
          g_set_error (error, CELLS_ERROR, 1, "sheet %s has no part",
                       (char *) r.sheet_names->pdata[i]);
          ok = FALSE;
          break;
        }
      member = target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
      summary.name = g_strdup (r.sheet_names->pdata[i]);
      g_array_append_val (summaries, summary);
      r.summary = &g_array_index (summaries, BenchSheetSummary, summaries->len - 1);
      r.hash = FNV_OFFSET;
      g_ptr_array_set_size (r.settings, 0);
      r.landscape = r.fit = FALSE;
      setting (&r, BENCH_CELLS_SHEET, r.summary->name);
      if (titles != NULL)
        {
          guint first = 0, last = 0;
          g_autofree char *text = NULL;

          if (sscanf (titles, "$%u:$%u", &first, &last) != 2 || first == 0 || last < first)
            {
              g_set_error (error, CELLS_ERROR, 1, "print titles %s", titles);
              ok = FALSE;
              break;
            }
          text = g_strdup_printf ("%u" BENCH_CELLS_SEP_S "%u", first - 1, last - 1);
          setting (&r, BENCH_CELLS_TITLES, text);
        }
      if (out != NULL && (r.spool = tmpfile ()) == NULL)
        {
          g_set_error (error, CELLS_ERROR, 1, "a temporary file: %s", g_strerror (errno));
          ok = FALSE;
          break;
        }
      ok = parse_member (&zip, &r, READ_SHEET, member, FALSE, error);
      r.summary->hash = r.hash;
      if (ok && out != NULL)
        {
          for (guint k = 0; k < r.settings->len; k++)
            {
              GByteArray *record = r.settings->pdata[k];

              put (out, record->data, record->len);
            }
          ok = copy_spool (r.spool, out, error);
        }
      if (r.spool != NULL)
        fclose (r.spool);
      r.spool = NULL;
    }

  if (out != NULL && (fflush (out) != 0 || ferror (out) || fclose (out) != 0) && ok)
    {
      g_set_error (error, CELLS_ERROR, 1, "%s: %s", cells_path, g_strerror (errno));
      ok = FALSE;
    }
  read_clear (&r);
  return ok ? g_steal_pointer (&summaries) : NULL;
}

gboolean
bench_cells_same (GArray     *a,
                  const char *a_name,
                  GArray     *b,
                  const char *b_name,
                  gboolean    contents,
                  GError    **error)
{
  gboolean same = a->len == b->len;

  g_print ("%-22s %34s   %34s\n", "cells per sheet", a_name, b_name);
  for (guint i = 0; i < MAX (a->len, b->len); i++)
    {
      BenchSheetSummary *x = i < a->len ? &g_array_index (a, BenchSheetSummary, i) : NULL;
      BenchSheetSummary *y = i < b->len ? &g_array_index (b, BenchSheetSummary, i) : NULL;
      gboolean equal = x != NULL && y != NULL && g_str_equal (x->name, y->name) &&
                       x->numbers == y->numbers && x->strings == y->strings &&
                       x->formulas == y->formulas && x->blanks == y->blanks &&
                       (!contents || x->hash == y->hash);
      char left[64] = "-", right[64] = "-";

      if (x != NULL)
        g_snprintf (left, sizeof left, "%" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT "n %"
                    G_GUINT64_FORMAT "s %" G_GUINT64_FORMAT "f %" G_GUINT64_FORMAT "b)",
                    x->numbers + x->strings + x->formulas + x->blanks, x->numbers, x->strings,
                    x->formulas, x->blanks);
      if (y != NULL)
        g_snprintf (right, sizeof right, "%" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT "n %"
                    G_GUINT64_FORMAT "s %" G_GUINT64_FORMAT "f %" G_GUINT64_FORMAT "b)",
                    y->numbers + y->strings + y->formulas + y->blanks, y->numbers, y->strings,
                    y->formulas, y->blanks);
      g_print ("%-22s %34s   %34s%s\n", x != NULL ? x->name : y->name, left, right,
               equal ? "" : "   DIFFERENT");
      if (!equal && same)
        {
          same = FALSE;
          g_set_error (error, CELLS_ERROR, 1, "%s and %s differ at sheet %u (%s)%s", a_name,
                       b_name, i + 1, x != NULL ? x->name : y->name,
                       x != NULL && y != NULL && x->numbers == y->numbers &&
                       x->strings == y->strings && x->formulas == y->formulas &&
                       x->blanks == y->blanks ? ": same counts, other contents" : "");
        }
    }
  if (!same && error != NULL && *error == NULL)
    g_set_error (error, CELLS_ERROR, 1, "%s has %u sheets, %s %u", a_name, a->len, b_name,
                 b->len);
  return same;
}

/* ---- reading a cell file back ---- */

struct _BenchCellsReader {
  FILE *in;
  char *path;
  guint8 *buffer;
  gsize size;                   /* bytes in the buffer */
  gsize pos;                    /* the next unread */
  char **fields;
};

#define READ_BUFFER (1 << 22)   /* > the longest record: 32,767 characters of UTF-8 */

BenchCellsReader *
bench_cells_open (const char *path,
                  GError    **error)
{
  BenchCellsReader *reader;
  FILE *in = fopen (path, "rb");

  if (in == NULL)
    {
      g_set_error (error, CELLS_ERROR, 1, "%s: %s", path, g_strerror (errno));
      return NULL;
    }
  reader = g_new0 (BenchCellsReader, 1);
  reader->in = in;
  reader->path = g_strdup (path);
  reader->buffer = g_malloc (READ_BUFFER);
  return reader;
}

/* Makes @n bytes readable at pos; FALSE at the end of the file. */
static inline gboolean
want (BenchCellsReader *reader,
      gsize             n)
{
  if (reader->size - reader->pos >= n)
    return TRUE;
  memmove (reader->buffer, reader->buffer + reader->pos, reader->size - reader->pos);
  reader->size -= reader->pos;
  reader->pos = 0;
  reader->size += fread (reader->buffer + reader->size, 1, READ_BUFFER - reader->size,
                         reader->in);
  return reader->size >= n;
}

gboolean
bench_cells_next (BenchCellsReader *reader,
                  BenchCellsRecord *record,
                  GError          **error)
{
  const guint8 *p;
  guint32 len;
  char tag;

  g_clear_pointer (&reader->fields, g_strfreev);
  if (!want (reader, 1))
    {
      if (reader->size > reader->pos || ferror (reader->in))
        goto damaged;
      return FALSE;
    }
  tag = (char) reader->buffer[reader->pos];
  record->tag = (BenchCellsTag) tag;
  switch (tag)
    {
    case BENCH_CELLS_NUMBER:
    case BENCH_CELLS_STRING:
    case BENCH_CELLS_FORMULA:
    case BENCH_CELLS_BLANK:
      /* The fixed part: tag, row, col, format, the number, the text's length. */
      if (!want (reader, tag == BENCH_CELLS_BLANK ? 9 : tag == BENCH_CELLS_NUMBER ? 17
                         : tag == BENCH_CELLS_STRING ? 13 : 21))
        goto damaged;
      p = reader->buffer + reader->pos + 1;
      memcpy (&record->row, p, 4);
      memcpy (&record->col, p + 4, 2);
      memcpy (&record->format, p + 6, 2);
      reader->pos += 9;
      if (tag == BENCH_CELLS_NUMBER || tag == BENCH_CELLS_FORMULA)
        {
          memcpy (&record->value, reader->buffer + reader->pos, 8);
          reader->pos += 8;
        }
      if (tag == BENCH_CELLS_NUMBER || tag == BENCH_CELLS_BLANK)
        return TRUE;
      break;
    default:
      reader->pos++;
      break;
    }
  if (!want (reader, 4))
    goto damaged;
  memcpy (&len, reader->buffer + reader->pos, 4);
  reader->pos += 4;
  if (len >= READ_BUFFER - 16 || !want (reader, (gsize) len + 1) ||
      reader->buffer[reader->pos + len] != '\0')
    goto damaged;
  record->text = (const char *) reader->buffer + reader->pos;
  reader->pos += len + 1;
  if (tag != BENCH_CELLS_STRING && tag != BENCH_CELLS_FORMULA)
    {
      reader->fields = g_strsplit (record->text, BENCH_CELLS_SEP_S, -1);
      record->fields = reader->fields;
    }
  return TRUE;

damaged:
  g_set_error (error, CELLS_ERROR, 1, "%s: damaged or cut short", reader->path);
  return FALSE;
}

void
bench_cells_close (BenchCellsReader *reader)
{
  if (reader == NULL)
    return;
  fclose (reader->in);
  g_strfreev (reader->fields);
  g_free (reader->buffer);
  g_free (reader->path);
  g_free (reader);
}
