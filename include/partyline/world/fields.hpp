#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 2
#error "partyline/world/fields.hpp belongs to stage 2 (world): a lower stage may not include it"
#endif
/// @brief A state struct lists its own fields once (`PARTYLINE_FIELDS(a, b, c)` inside it); everything that must
/// visit every field -- the access test's fingerprint and its perturbation of what a step did not declare it reads --
/// is derived from that list, and `fields_complete<T>()` proves at compile time that the list names every field.
#include <cstddef>
#include <string_view>
#include <utility>

namespace partyline {

/// The number of names in a stringified comma-separated list ("a, b, c" -> 3).
[[nodiscard]] constexpr std::size_t count_names(std::string_view list) {
  std::size_t n = list.empty() ? 0 : 1;
  for (const char c : list) n += c == ',';
  return n;
}

/// Calls f on every field of the struct, in the order listed; `listed_fields` is how many there are.
#define PARTYLINE_FIELDS(...)                                                           \
  template <class F>                                                                    \
  constexpr void for_each_field(F&& f) {                                                \
    auto each = [&](auto&... x) { (f(x), ...); };                                       \
    each(__VA_ARGS__);                                                                  \
  }                                                                                     \
  template <class F>                                                                    \
  constexpr void for_each_field(F&& f) const {                                          \
    auto each = [&](const auto&... x) { (f(x), ...); };                                 \
    each(__VA_ARGS__);                                                                  \
  }                                                                                     \
  static constexpr std::size_t listed_fields = ::partyline::count_names(#__VA_ARGS__)

namespace fields_detail {

/// Converts to anything: a probe for how many initialisers an aggregate takes.
struct any_field {
  template <class T>
  constexpr operator T() const;  // NOLINT: implicit on purpose; declared only, used in unevaluated contexts
};

template <class T, std::size_t... I>
constexpr bool constructible_with(std::index_sequence<I...>) {
  return requires { T{((void)I, any_field{})...}; };
}

template <class T, std::size_t N = 0>
constexpr std::size_t arity() {
  if constexpr (N > 64) {
    return N;
  } else if constexpr (constructible_with<T>(std::make_index_sequence<N + 1>{})) {
    return arity<T, N + 1>();
  } else {
    return N;
  }
}

}  // namespace fields_detail

/// Whether T's PARTYLINE_FIELDS list names as many fields as T has (an aggregate's fields counted by brace
/// initialisation): a field added to a state struct but not to its list is a build error.
template <class T>
[[nodiscard]] constexpr bool fields_complete() {
  return fields_detail::arity<T>() == T::listed_fields;
}

}  // namespace partyline
