// Fuzzes the query parser with any bytes. A parsed query must pass Validate, stay within
// kMaxQueryClauses leaves and kMaxQueryDepth levels, and print to a text that parses back
// to the same tree; an error must be InvalidArgument naming a column (or invalid UTF-8).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_util.h"
#include "hexaglot/query.h"
#include "util/utf8.h"

namespace hexaglot {
namespace {

// Leaves below `query`, and the depth of its boolean nodes.
void Measure(const Query& query, int depth, int* leaves, int* max_depth) {
  if (query.kind() != Query::Kind::kBoolean) {
    ++*leaves;
    return;
  }
  *max_depth = std::max(*max_depth, depth + 1);
  for (const Query::Clause& clause : query.clauses()) {
    Measure(clause.query, depth + 1, leaves, max_depth);
  }
}

}  // namespace
}  // namespace hexaglot

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hexaglot;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<Query> query = ParseQuery(text);
  if (!query.ok()) {
    fuzz::Expect(query.status().IsInvalidArgument(), "error " + query.status().ToString());
    const bool utf8_error = !utf8::Validate(text).ok();
    fuzz::Expect(utf8_error || query.status().message().find("column") != std::string::npos,
                 "the error names no column: " + query.status().ToString());
    return 0;
  }
  fuzz::Expect(utf8::Validate(text).ok(), "invalid UTF-8 parsed");
  const Status valid = query->Validate();
  fuzz::Expect(valid.ok(), "a parsed query fails Validate: " + valid.ToString());
  int leaves = 0;
  int depth = 0;
  Measure(*query, 0, &leaves, &depth);
  fuzz::Expect(leaves <= kMaxQueryClauses, std::to_string(leaves) + " leaves");
  fuzz::Expect(depth <= kMaxQueryDepth, "depth " + std::to_string(depth));
  const std::string printed = query->ToString();
  Result<Query> again = ParseQuery(printed);
  fuzz::Expect(again.ok(),
               "ToString does not parse back: '" + printed + "': " + again.status().ToString());
  fuzz::Expect(*again == *query, "ToString parses back to another tree: '" + printed + "'");
  return 0;
}
