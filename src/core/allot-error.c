#include "allot-error.h"

G_DEFINE_QUARK (allot-error-quark, allot_error)
