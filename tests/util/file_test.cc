#include "util/file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace hexaglot {
namespace {

TEST(FileTest, ReadsWholeFile) {
  const auto path = std::filesystem::path(::testing::TempDir()) / "file_test_read.txt";
  const std::string contents = std::string(200000, 'x') + "end";
  std::ofstream(path, std::ios::binary) << contents;
  Result<std::string> read = ReadFileToString(path.string());
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, contents);
  std::filesystem::remove(path);
}

TEST(FileTest, MissingFileIsNotFoundAndNamesThePath) {
  Result<std::string> read = ReadFileToString("/nonexistent/hexaglot/file.md");
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(read.status().IsNotFound());
  EXPECT_NE(read.status().message().find("/nonexistent/hexaglot/file.md"), std::string::npos);
}

TEST(FileTest, DirectoryIsInvalidArgument) {
  Result<std::string> read = ReadFileToString(::testing::TempDir());
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(read.status().IsInvalidArgument());
}

}  // namespace
}  // namespace hexaglot
