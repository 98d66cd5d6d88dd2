#pragma once
/// @brief Version and provenance baked in at build time.
namespace partyline {
[[nodiscard]] const char* version();     ///< e.g. "0.1.0"
[[nodiscard]] const char* git_commit();  ///< commit the binary was configured from ("-dirty" if modified)
}  // namespace partyline
