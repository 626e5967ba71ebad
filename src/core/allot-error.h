/* allot-error.h: the one error domain of the Allot core.
 *
 * Codes are chosen so that a caller can act on them: the CLI maps INVALID,
 * CONSTRAINT, LOCKED, CONFLICT, NOT_FOUND to "refused" (exit 1), the app marks
 * the offending field for INVALID and shows the message for the rest.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ALLOT_ERROR (allot_error_quark ())

typedef enum {
  ALLOT_ERROR_NOT_FOUND,   /* a record, file or code that does not exist */
  ALLOT_ERROR_INVALID,     /* input that cannot be understood (bad money, date, field) */
  ALLOT_ERROR_CONSTRAINT,  /* a business rule refuses it (over-allocation, duplicate) */
  ALLOT_ERROR_LOCKED,      /* a closed period, or the database is busy */
  ALLOT_ERROR_CONFLICT,    /* someone else changed the record first */
  ALLOT_ERROR_IO,          /* the file system or the database engine failed */
  ALLOT_ERROR_CORRUPT,     /* not an Allot database, damaged, or from a newer version */
} AllotErrorCode;

GQuark allot_error_quark (void);

G_END_DECLS
