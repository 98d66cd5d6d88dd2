// Compiled as part of the world stage (PARTYLINE_BUILDING_STAGE=2) by the layering test: including a header of an
// earlier stage (the scenario) is the pipeline's direction, and builds.
#include "partyline/scenario/scenario.hpp"
int main() { return 0; }
