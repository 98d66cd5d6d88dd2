#pragma once
#if defined(PARTYLINE_BUILDING_STAGE) && PARTYLINE_BUILDING_STAGE < 1
#error "partyline/scenario/coefficients.hpp belongs to stage 1 (scenario): a lower stage may not include it"
#endif
/// @brief The `rules:` section of a scenario, held by value without knowing its type.
///
/// The coefficients are declared by the rules stage, one block per rule (rules/parameters.hpp), which comes after
/// the scenario in the pipeline. The scenario carries them here: a value (copied with the scenario) whose reading,
/// writing and key listing go through the rules' own `describe`, so a misspelt coefficient is refused at load
/// time with its file:line:col, `show` prints every default, and the docs test lists every key.
#include <typeinfo>
#include <utility>

#include "partyline/scenario/schema.hpp"

namespace partyline {

class rule_coefficients {
 public:
  rule_coefficients() = default;
  /// Default coefficients of type T (the rules stage's aggregate of parameter blocks).
  template <class T>
  static rule_coefficients of() {
    rule_coefficients r;
    r.ops_ = &ops_for<T>;
    r.value_ = new T{};
    return r;
  }

  rule_coefficients(const rule_coefficients& o) : ops_(o.ops_), value_(o.ops_ ? o.ops_->clone(o.value_) : nullptr) {}
  rule_coefficients(rule_coefficients&& o) noexcept : ops_(std::exchange(o.ops_, nullptr)), value_(std::exchange(o.value_, nullptr)) {}
  rule_coefficients& operator=(rule_coefficients o) noexcept {
    std::swap(ops_, o.ops_);
    std::swap(value_, o.value_);
    return *this;
  }
  ~rule_coefficients() {
    if (ops_) ops_->destroy(value_);
  }

  [[nodiscard]] bool empty() const { return ops_ == nullptr; }
  /// The coefficients as their declared type; asserts (in every build) that T is that type.
  template <class T>
  [[nodiscard]] T& as() {
    check(typeid(T));
    return *static_cast<T*>(value_);
  }
  template <class T>
  [[nodiscard]] const T& as() const {
    check(typeid(T));
    return *static_cast<const T*>(value_);
  }

  // The schema visitors: the holder is "described" by whatever it holds.
  void describe(schema_reader& v);
  void describe(schema_emitter& v);
  void describe(key_lister& v);

 private:
  struct ops {
    const std::type_info& type;
    void* (*clone)(const void*);
    void (*destroy)(void*);
    void (*read)(void*, schema_reader&);
    void (*emit)(void*, schema_emitter&);
    void (*list)(void*, key_lister&);
  };
  template <class T>
  static constexpr ops ops_for{
      typeid(T),
      [](const void* p) -> void* { return new T(*static_cast<const T*>(p)); },
      [](void* p) { delete static_cast<T*>(p); },
      [](void* p, schema_reader& v) { static_cast<T*>(p)->describe(v); },
      [](void* p, schema_emitter& v) { static_cast<T*>(p)->describe(v); },
      [](void* p, key_lister& v) { static_cast<T*>(p)->describe(v); },
  };
  void check(const std::type_info& t) const;

  const ops* ops_ = nullptr;
  void* value_ = nullptr;
};

}  // namespace partyline
