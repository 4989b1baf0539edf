// Fixture: app reaches past the public headers.
#include "local.h"
#include "top/top_impl.h"
