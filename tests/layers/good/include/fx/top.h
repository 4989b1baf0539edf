// Fixture: a public header of top.
#include "fx/base.h"
