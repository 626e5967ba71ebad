/* STUB */
#include "allot-config.h"
#include "allot-sources-page.h"
#include "allot-session.h"

struct _AllotSourcesPage { AdwBin parent_instance; AllotSession *session; };
G_DEFINE_FINAL_TYPE (AllotSourcesPage, allot_sources_page, ADW_TYPE_BIN)
static void
set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  g_set_object (&ALLOT_SOURCES_PAGE (object)->session, g_value_get_object (value));
}
static void
get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  g_value_set_object (value, ALLOT_SOURCES_PAGE (object)->session);
}
static void
allot_sources_page_class_init (AllotSourcesPageClass *klass)
{
  G_OBJECT_CLASS (klass)->set_property = set_property;
  G_OBJECT_CLASS (klass)->get_property = get_property;
  g_object_class_install_property (G_OBJECT_CLASS (klass), 1, g_param_spec_object ("session", NULL, NULL, ALLOT_TYPE_SESSION, G_PARAM_READWRITE));
}
static void
allot_sources_page_init (AllotSourcesPage *self)
{
  adw_bin_set_child (ADW_BIN (self), gtk_label_new ("Sources"));
}
