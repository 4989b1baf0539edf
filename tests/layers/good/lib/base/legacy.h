// Fixture: the named exception base -> top.
#include "top/top_impl.h"
