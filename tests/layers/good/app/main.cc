// Fixture: app on public headers only.
#include "fx/top.h"
#include "local.h"
