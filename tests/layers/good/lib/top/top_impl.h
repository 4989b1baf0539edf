// Fixture: internal to top.
#include "base/helper.h"
