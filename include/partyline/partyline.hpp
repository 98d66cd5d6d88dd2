#pragma once
#if defined(PARTYLINE_BUILDING_STAGE)
#error "partyline/partyline.hpp is for users of the library (the CLI, the Python module, tests); a stage includes what it needs"
#endif
/// @brief partyline: the whole public API, in pipeline order. Reading these headers top to bottom follows the data:
/// a scenario file is read and frozen, laid out as a world of typed columns, stepped week by week by the rules of
/// the schedule, its outcomes collected, stored, fitted to the cases' facts and swept over parameters.
#include "partyline/error.hpp"
#include "partyline/random.hpp"
#include "partyline/version.hpp"
// 1. scenario
#include "partyline/scenario/calendar.hpp"
#include "partyline/scenario/coefficients.hpp"
#include "partyline/scenario/read.hpp"
#include "partyline/scenario/scenario.hpp"
#include "partyline/scenario/schema.hpp"
#include "partyline/scenario/yaml_edit.hpp"
#include "partyline/scenario/yaml_tree.hpp"
// 2. world
#include "partyline/world/access.hpp"
#include "partyline/world/events.hpp"
#include "partyline/world/world.hpp"
// 3. rules (the units and the week's schedule)
#include "partyline/rules/model.hpp"
// 4. engine
#include "partyline/engine/build.hpp"
#include "partyline/engine/engine.hpp"
#include "partyline/engine/load.hpp"
// 5. outcome
#include "partyline/outcome/collect.hpp"
#include "partyline/outcome/outcomes.hpp"
#include "partyline/outcome/results.hpp"
#include "partyline/outcome/stats.hpp"
#include "partyline/outcome/summary.hpp"
// 6. store
#include "partyline/store/files.hpp"
#include "partyline/store/manifest.hpp"
#include "partyline/store/results_store.hpp"
#include "partyline/store/sha256.hpp"
// 7. calibrate
#include "partyline/calibrate/calibration.hpp"
// 8. sweep
#include "partyline/sweep/distributed.hpp"
#include "partyline/sweep/plan.hpp"
#include "partyline/sweep/runner.hpp"
#include "partyline/sweep/sweep.hpp"
