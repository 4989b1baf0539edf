#include "hexaglot/status.h"

#include <gtest/gtest.h>

#include <iterator>
#include <memory>
#include <set>
#include <string>

#include "util/status_macros.h"

namespace hexaglot {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kOk);
  EXPECT_EQ(status.ToString(), "OK");
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status status = Status::Corruption("postings.bin: checksum mismatch at offset 12");
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(status.IsCorruption());
  EXPECT_FALSE(status.IsIOError());
  EXPECT_EQ(status.message(), "postings.bin: checksum mismatch at offset 12");
  EXPECT_EQ(status.ToString(), "Corruption: postings.bin: checksum mismatch at offset 12");
}

TEST(StatusTest, EveryCodeHasADistinctName) {
  const StatusCode codes[] = {StatusCode::kOk,
                              StatusCode::kInvalidArgument,
                              StatusCode::kNotFound,
                              StatusCode::kCorruption,
                              StatusCode::kIOError,
                              StatusCode::kNotSupported,
                              StatusCode::kAlreadyExists,
                              StatusCode::kResourceExhausted,
                              StatusCode::kFailedPrecondition,
                              StatusCode::kInternal,
                              StatusCode::kUnavailable};
  std::set<std::string_view> names;
  for (StatusCode code : codes) names.insert(StatusCodeName(code));
  EXPECT_EQ(names.size(), std::size(codes));
  EXPECT_EQ(names.count("Unknown"), 0U);
}

TEST(StatusTest, CodesKeepTheirAbiValues) {
  EXPECT_EQ(static_cast<int>(StatusCode::kInvalidArgument), 1);
  EXPECT_EQ(static_cast<int>(StatusCode::kCorruption), 3);
  EXPECT_EQ(static_cast<int>(StatusCode::kInternal), 9);
  EXPECT_EQ(static_cast<int>(StatusCode::kUnavailable), 10);
}

TEST(StatusTest, WithContextPrefixesErrorsOnly) {
  EXPECT_EQ(Status::NotFound("no such term").WithContext("dump").ToString(),
            "NotFound: dump: no such term");
  EXPECT_TRUE(Status::OK().WithContext("anything").ok());
}

TEST(ResultTest, HoldsValueOrError) {
  Result<std::string> good = std::string("value");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, "value");
  EXPECT_EQ(good->size(), 5U);
  EXPECT_TRUE(good.status().ok());

  Result<std::string> bad = Status::InvalidArgument("bad");
  EXPECT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().IsInvalidArgument());
}

TEST(ResultTest, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<int>> result = std::make_unique<int>(7);
  std::unique_ptr<int> value = std::move(result).value();
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(*value, 7);
}

Result<int> ParsePositive(int x) {
  if (x <= 0) return Status::InvalidArgument("not positive: " + std::to_string(x));
  return x;
}

Result<int> Doubled(int x) {
  HEXAGLOT_ASSIGN_OR_RETURN(int value, ParsePositive(x));
  return value * 2;
}

Status CheckBoth(int a, int b) {
  HEXAGLOT_RETURN_IF_ERROR(ParsePositive(a).status());
  HEXAGLOT_RETURN_IF_ERROR(ParsePositive(b).status());
  return Status::OK();
}

TEST(StatusMacrosTest, PropagateErrorsAndValues) {
  EXPECT_EQ(*Doubled(4), 8);
  EXPECT_EQ(Doubled(-1).status().message(), "not positive: -1");
  EXPECT_TRUE(CheckBoth(1, 2).ok());
  EXPECT_EQ(CheckBoth(1, 0).message(), "not positive: 0");
}

}  // namespace
}  // namespace hexaglot
