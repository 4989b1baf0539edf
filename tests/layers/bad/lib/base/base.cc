// Fixture: base includes itself, a system header and a file of no tree.
#include "fx/base.h"

#include <vector>

#include "base/helper.h"
#include "not_in_the_tree.h"
