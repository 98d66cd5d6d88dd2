// Compiled as part of the scenario stage (PARTYLINE_BUILDING_STAGE=1) by the layering test: including a header of a
// later stage (the world) must fail to build.
#include "partyline/world/world.hpp"
