// Fixture: an upward include
// on line 3.
#include "top/top_impl.h"
