// Fixture: top includes a file of no module.
#include "stray/stray.h"
