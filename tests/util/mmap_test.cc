#include "util/mmap.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace hexaglot {
namespace {

namespace fs = std::filesystem;

fs::path TempFile(const std::string& name, const std::string& contents) {
  const fs::path path =
      fs::path(::testing::TempDir()) / ("mmap_test_" + std::to_string(::getpid()) + name);
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

TEST(MappedFileTest, MapsTheWholeFileAndOutlivesItsName) {
  const std::string contents = "paragraph 12\n" + std::string(100000, 'z') + "\nend";
  const fs::path path = TempFile("whole", contents);
  Result<std::unique_ptr<MappedFile>> mapped = MappedFile::Open(path.string());
  ASSERT_TRUE(mapped.ok()) << mapped.status().ToString();
  ASSERT_EQ((*mapped)->size(), contents.size());
  fs::remove(path);
  EXPECT_TRUE((*mapped)->data() == contents);
}

TEST(MappedFileTest, ZeroLengthFileGivesAnEmptyMapping) {
  const fs::path path = TempFile("empty", "");
  Result<std::unique_ptr<MappedFile>> mapped = MappedFile::Open(path.string());
  ASSERT_TRUE(mapped.ok()) << mapped.status().ToString();
  EXPECT_EQ((*mapped)->size(), 0u);
  EXPECT_TRUE((*mapped)->data().empty());
  fs::remove(path);
}

TEST(MappedFileTest, MappingStaysAfterTheFdIsClosed) {
  const fs::path path = TempFile("fd", "bytes");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  Result<std::unique_ptr<MappedFile>> mapped = MappedFile::Map(fd, path.string());
  ::close(fd);
  ASSERT_TRUE(mapped.ok()) << mapped.status().ToString();
  EXPECT_EQ((*mapped)->data(), "bytes");
  fs::remove(path);
}

TEST(MappedFileTest, MissingFileIsNotFoundAndFolderIsInvalidArgument) {
  Result<std::unique_ptr<MappedFile>> missing = MappedFile::Open("/nonexistent/hexaglot/seg");
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.status().IsNotFound());
  EXPECT_NE(missing.status().message().find("/nonexistent/hexaglot/seg"), std::string::npos);

  Result<std::unique_ptr<MappedFile>> folder = MappedFile::Open(::testing::TempDir());
  ASSERT_FALSE(folder.ok());
  EXPECT_TRUE(folder.status().IsInvalidArgument()) << folder.status().ToString();
}

}  // namespace
}  // namespace hexaglot
