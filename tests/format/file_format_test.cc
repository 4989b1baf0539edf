#include "format/file_format.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "util/coding.h"
#include "util/directory.h"

namespace hexaglot::format {
namespace {

class FileFormatTest : public ::testing::Test {
 protected:
  // Writes a framed file of `kind` with `body` and returns the whole file's bytes.
  std::string WriteFramed(std::string_view name, FileKind kind, std::string_view body) {
    auto writer = FramedFileWriter::Create(directory_.get(), name, kind);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    EXPECT_TRUE((*writer)->Append(body.substr(0, body.size() / 2)).ok());
    EXPECT_TRUE((*writer)->Append(body.substr(body.size() / 2)).ok());
    EXPECT_EQ((*writer)->body_size(), body.size());
    Result<std::uint64_t> size = (*writer)->Finish();
    EXPECT_TRUE(size.ok());
    EXPECT_EQ(*size, kFileHeaderSize + body.size() + kFileFooterSize);
    return std::string(directory_->OpenReadableFile(name)->data());
  }

  // Checks `bytes` as the contents of a file named "f".
  Result<FramedFile> Check(std::string bytes, FileKind kind = FileKind::kTerms) {
    auto owner = std::make_shared<std::string>(std::move(bytes));
    ReadableFile file("f", owner, *owner);
    return OpenFramedFile(std::move(file), "f", kind);
  }

  std::unique_ptr<Directory> directory_ = NewMemoryDirectory();
};

TEST_F(FileFormatTest, RoundTripsTheBody) {
  const std::string body = "term dictionary bytes \x00\x01\xFF";
  const std::string bytes = WriteFramed("seg.terms", FileKind::kTerms, body);
  EXPECT_EQ(bytes.substr(0, 8), std::string("HXG1\x04\x00\x02\x00", 8));
  Result<FramedFile> framed = OpenFramedFile(directory_.get(), "seg.terms", FileKind::kTerms);
  ASSERT_TRUE(framed.ok()) << framed.status().ToString();
  EXPECT_EQ(framed->body, body);
  EXPECT_EQ(framed->version, kFormatVersion);
}

TEST_F(FileFormatTest, EmptyBodyIsValid) {
  const std::string bytes = WriteFramed("empty", FileKind::kDeletions, "");
  EXPECT_EQ(bytes.size(), kFileHeaderSize + kFileFooterSize);
  Result<FramedFile> framed = Check(bytes, FileKind::kDeletions);
  ASSERT_TRUE(framed.ok());
  EXPECT_TRUE(framed->body.empty());
}

TEST_F(FileFormatTest, EveryFlippedByteIsCorruption) {
  const std::string bytes =
      WriteFramed("x", FileKind::kTerms, "some body of forty bytes, give or take");
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (unsigned char mask : {0x01, 0x80, 0xFF}) {
      std::string flipped = bytes;
      flipped[i] = static_cast<char>(flipped[i] ^ mask);
      Result<FramedFile> framed = Check(flipped);
      ASSERT_FALSE(framed.ok()) << "byte " << i;
      EXPECT_TRUE(framed.status().IsCorruption()) << i << ": " << framed.status().ToString();
      EXPECT_NE(framed.status().message().find("f: "), std::string::npos);
    }
  }
}

TEST_F(FileFormatTest, EveryTruncationIsCorruption) {
  const std::string bytes = WriteFramed("x", FileKind::kTerms, "body");
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    Result<FramedFile> framed = Check(bytes.substr(0, size));
    ASSERT_FALSE(framed.ok()) << size;
    EXPECT_TRUE(framed.status().IsCorruption()) << size;
  }
  Result<FramedFile> extended = Check(bytes + "x");
  EXPECT_TRUE(extended.status().IsCorruption());
}

TEST_F(FileFormatTest, WrongKindNamesBothKinds) {
  const std::string bytes = WriteFramed("x", FileKind::kPostings, "body");
  Result<FramedFile> framed = Check(bytes, FileKind::kTerms);
  ASSERT_TRUE(framed.status().IsCorruption());
  EXPECT_EQ(framed.status().message(), "f: file kind 5, expected 4 (terms) at byte offset 4");
}

TEST_F(FileFormatTest, NewerVersionIsNotSupported) {
  std::string bytes = WriteFramed("x", FileKind::kTerms, "body");
  bytes[6] = static_cast<char>(kFormatVersion + 1);
  // A genuine newer file has a valid checksum over its own header.
  const std::size_t footer = bytes.size() - kFileFooterSize;
  std::string fixed = bytes.substr(0, footer + 8);
  PutFixed64(&fixed, Checksum64(fixed));
  Result<FramedFile> framed = Check(fixed);
  ASSERT_FALSE(framed.ok());
  EXPECT_TRUE(framed.status().IsNotSupported()) << framed.status().ToString();
}

TEST_F(FileFormatTest, WriterRefusesUseAfterFinish) {
  auto writer = FramedFileWriter::Create(directory_.get(), "y", FileKind::kStored);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_EQ((*writer)->Append("late").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*writer)->Finish().status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(FileFormatTest, CreateDoesNotOverwriteByDefault) {
  WriteFramed("z", FileKind::kManifest, "a");
  auto second = FramedFileWriter::Create(directory_.get(), "z", FileKind::kManifest);
  EXPECT_EQ(second.status().code(), StatusCode::kAlreadyExists);
}

TEST(FileKindTest, NamesAreDistinct) {
  std::set<std::string_view> names;
  for (int kind = 1; kind <= 7; ++kind) names.insert(FileKindName(static_cast<FileKind>(kind)));
  EXPECT_EQ(names.size(), 7U);
  EXPECT_EQ(names.count("unknown"), 0U);
}

}  // namespace
}  // namespace hexaglot::format
