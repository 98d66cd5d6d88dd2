#pragma once
/// @brief SHA-256 (FIPS 180-4), for the provenance of scenario and sweep files in manifests.
#include <string>
#include <string_view>

namespace partyline {

/// @brief Lower-case hex SHA-256 of `data`.
[[nodiscard]] std::string sha256_hex(std::string_view data);

}  // namespace partyline
