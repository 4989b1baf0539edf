// The oracle of JsonObject's differential tests (tests/ingest/json_object_test.cc and
// tests/fuzz/json_object_fuzzer.cc): what nlohmann::json, the DOM reader JsonObject
// replaced, makes of the same line.

#ifndef HEXAGLOT_TESTS_INGEST_JSON_OBJECT_ORACLE_H_
#define HEXAGLOT_TESTS_INGEST_JSON_OBJECT_ORACLE_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "ingest/json_object.h"

namespace hexaglot::ingest {

// JsonObject must accept exactly the lines nlohmann::json parses into an object (but one
// with a NUL byte, which nlohmann takes for the end of its input and JsonObject for an
// invalid byte), with the same members, kinds and values.
// Why JsonObject's reading of `line` differs from nlohmann's, or "".
inline std::string Difference(std::string_view line, const JsonObject& object, bool accepted) {
  const nlohmann::json json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  const bool expected = json.is_object() && line.find('\0') == std::string_view::npos;
  if (accepted != expected) return accepted ? "accepted, nlohmann rejects" : "rejected";
  if (!accepted) return "";
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < object.members().size(); ++i) {
    if (object.Find(object.Key(object.members()[i])) == &object.members()[i]) ++distinct;
  }
  if (distinct != json.size()) return "member count";
  for (const auto& [key, value] : json.items()) {
    const JsonObject::Member* member = object.Find(key);
    if (member == nullptr) return "no member " + key;
    const std::string what = "member " + key + ": ";
    switch (member->kind) {
      case JsonObject::Kind::kNull:
        if (!value.is_null()) return what + "null";
        break;
      case JsonObject::Kind::kBool:
        if (!value.is_boolean() || value.get<bool>() != member->boolean) return what + "bool";
        break;
      case JsonObject::Kind::kString:
        if (!value.is_string() || value.get<std::string>() != object.String(*member)) {
          return what + "string";
        }
        break;
      case JsonObject::Kind::kInteger:
        if (value.type() != nlohmann::json::value_t::number_integer ||
            value.get<std::int64_t>() != member->integer) {
          return what + "integer";
        }
        break;
      case JsonObject::Kind::kUnsigned:
        if (!value.is_number_unsigned() || value.get<std::uint64_t>() != member->unsigned_integer) {
          return what + "unsigned";
        }
        break;
      case JsonObject::Kind::kFloat:
        if (!value.is_number_float() || value.get<double>() != member->floating ||
            std::signbit(value.get<double>()) != std::signbit(member->floating)) {
          return what + "float";
        }
        break;
      case JsonObject::Kind::kArray: {
        if (!value.is_array()) return what + "array";
        bool all_strings = true;
        for (const nlohmann::json& item : value) all_strings = all_strings && item.is_string();
        if (all_strings != member->all_strings) return what + "all_strings";
        if (!all_strings) break;
        if (value.size() != member->item_count) return what + "item count";
        for (std::size_t i = 0; i < value.size(); ++i) {
          if (value[i].get<std::string>() != object.Item(*member, i)) return what + "item";
        }
        break;
      }
      case JsonObject::Kind::kObject:
        if (!value.is_object()) return what + "object";
        break;
    }
  }
  return "";
}

}  // namespace hexaglot::ingest

#endif  // HEXAGLOT_TESTS_INGEST_JSON_OBJECT_ORACLE_H_
