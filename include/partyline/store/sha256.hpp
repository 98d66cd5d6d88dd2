#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 6
#error "partyline/store/sha256.hpp belongs to stage 6 (store): a lower stage may not include it"
#endif
/// @brief SHA-256 (FIPS 180-4), for the provenance of scenario and sweep files in manifests.
#include <string>
#include <string_view>

namespace partyline {

/// @brief Lower-case hex SHA-256 of `data`.
[[nodiscard]] std::string sha256_hex(std::string_view data);

}  // namespace partyline
