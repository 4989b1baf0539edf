// Fuzzes JsonObject, the JSON Lines line reader, against nlohmann::json: the input is one
// line; both must accept it or reject it, and read the same members (json_object_oracle.h).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ingest/json_object.h"
#include "json_object_oracle.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  hexaglot::ingest::JsonObject object;
  const bool accepted = object.Parse(line);
  const std::string difference = hexaglot::ingest::Difference(line, object, accepted);
  if (!difference.empty()) {
    std::fprintf(stderr, "JsonObject differs from nlohmann::json: %s\n", difference.c_str());
    std::abort();
  }
  return 0;
}
