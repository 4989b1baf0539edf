// Bad bytes in segment files: Corruption, never a crash (run under ASan+UBSan in CI).

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "format/file_format.h"
#include "format/segment.h"
#include "format/segment_test_util.h"
#include "util/checksum.h"
#include "util/coding.h"

namespace hexaglot::format {
namespace {

using testing::RandomSegment;
using testing::WriteSegment;

// The segment's files as bytes, in SegmentFileNames order.
std::vector<std::string> ReadFiles(Directory* directory) {
  std::vector<std::string> files;
  for (const std::string& name : SegmentFileNames("seg")) {
    files.emplace_back(directory->OpenReadableFile(name)->data());
  }
  return files;
}

std::unique_ptr<Directory> DirectoryWith(const std::vector<std::string>& files) {
  std::unique_ptr<Directory> directory = NewMemoryDirectory();
  const std::vector<std::string> names = SegmentFileNames("seg");
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto file = directory->NewWritableFile(names[i], WriteMode::kCreateNew);
    EXPECT_TRUE((*file)->Append(files[i]).ok());
    EXPECT_TRUE((*file)->Close().ok());
  }
  return directory;
}

// Recomputes a framed file's footer, so that a change to its body gets past the checksum
// and reaches the structural checks.
void Reframe(std::string* file) {
  if (file->size() < kFileHeaderSize + kFileFooterSize) return;
  const std::size_t footer = file->size() - kFileFooterSize;
  const std::uint64_t checksum = Checksum64(std::string_view(*file).substr(0, footer + 8));
  EncodeFixed64(file->data() + footer + 8, checksum);
}

// Opens and checks the segment and reads everything it serves. Returns the first error,
// if any.
Status OpenAndReadAll(Directory* directory) {
  Result<std::unique_ptr<SegmentReader>> opened = SegmentReader::Open(directory, "seg");
  if (!opened.ok()) return opened.status();
  const SegmentReader& reader = **opened;
  const Status check = reader.Check();
  // Whatever Check says, the read paths must not crash.
  for (DocId d = 0; d < reader.doc_count(); ++d) {
    (void)reader.language(d);
    (void)reader.length(0, d);
    (void)reader.Stored(d);
  }
  std::vector<std::uint32_t> positions;
  std::unique_ptr<TermIterator> it = reader.Terms();
  for (int terms = 0; it->Valid() && terms < 10000; it->Next(), ++terms) {
    (void)reader.FindTerm(it->key());
    for (int mode = 0; mode < 2; ++mode) {
      Result<std::unique_ptr<PostingCursor>> cursor = reader.OpenCursor(it->info(), true);
      if (!cursor.ok()) continue;
      PostingCursor& c = **cursor;
      (void)c.ListMaxPairs();
      for (int steps = 0; c.doc() != kEndDoc && steps < 100000; ++steps) {
        (void)c.freq();
        (void)c.Positions(&positions);
        (void)c.BlockMaxPairs();
        if (mode == 0) {
          c.Next();
        } else {
          c.ShallowSeek(c.doc() + 300);
          (void)c.BlockLastDoc();
          c.Seek(c.doc() + 100);
        }
      }
    }
  }
  return check;
}

class SegmentCorruptionTest : public ::testing::Test {
 protected:
  void Write(std::uint32_t doc_count, std::uint32_t seed, int terms) {
    directory_ = NewMemoryDirectory();
    SegmentWriterOptions options;
    options.stored_block_bytes = 256;
    ASSERT_TRUE(
        WriteSegment(directory_.get(), "seg", RandomSegment(doc_count, seed, terms), options).ok());
    files_ = ReadFiles(directory_.get());
    ASSERT_TRUE(OpenAndReadAll(directory_.get()).ok());
  }

  std::unique_ptr<Directory> directory_;
  std::vector<std::string> files_;
};

TEST_F(SegmentCorruptionTest, EveryFlippedByteOfASmallSegmentIsCorruption) {
  Write(140, 3, 6);  // A list of more than one block, so skip data is there too.
  std::size_t total = 0;
  for (std::size_t f = 0; f < files_.size(); ++f) {
    for (std::size_t i = 0; i < files_[f].size(); ++i, ++total) {
      std::vector<std::string> files = files_;
      files[f][i] = static_cast<char>(files[f][i] ^ (1 << (i % 8)));
      const Status status = OpenAndReadAll(DirectoryWith(files).get());
      ASSERT_TRUE(status.IsCorruption())
          << "file " << f << " byte " << i << ": " << status.ToString();
    }
  }
  EXPECT_GT(total, 1000u);
}

TEST_F(SegmentCorruptionTest, RandomFlipsOfABiggerSegmentAreCorruption) {
  Write(2000, 11, 40);
  std::mt19937 rng(42);
  for (int round = 0; round < 1000; ++round) {
    std::vector<std::string> files = files_;
    const std::size_t f = rng() % files.size();
    const std::size_t i = rng() % files[f].size();
    files[f][i] = static_cast<char>(files[f][i] ^ (1 + rng() % 255));
    const Status status = OpenAndReadAll(DirectoryWith(files).get());
    ASSERT_TRUE(status.IsCorruption())
        << "file " << f << " byte " << i << ": " << status.ToString();
  }
}

TEST_F(SegmentCorruptionTest, EveryTruncationIsCorruption) {
  Write(140, 5, 6);
  for (std::size_t f = 0; f < files_.size(); ++f) {
    for (std::size_t size = 0; size < files_[f].size(); ++size) {
      std::vector<std::string> files = files_;
      files[f].resize(size);
      const Status status = OpenAndReadAll(DirectoryWith(files).get());
      ASSERT_TRUE(status.IsCorruption()) << "file " << f << " cut at " << size;
    }
  }
}

// Bytes that get past the checksum (a flip with the footer recomputed) reach the
// structural checks: they must never crash, and most are caught.
TEST_F(SegmentCorruptionTest, ReframedFlipsNeverCrash) {
  Write(300, 9, 12);
  std::mt19937 rng(7);
  int caught = 0;
  int rounds = 0;
  for (std::size_t f = 0; f < files_.size(); ++f) {
    const std::size_t body = files_[f].size() - kFileHeaderSize - kFileFooterSize;
    int file_caught = 0;
    int file_rounds = 0;
    for (int round = 0; round < 400 && body > 0; ++round, ++rounds, ++file_rounds) {
      const std::size_t i = kFileHeaderSize + rng() % body;
      std::vector<std::string> files = files_;
      files[f][i] = static_cast<char>(files[f][i] ^ (1 + rng() % 255));
      Reframe(&files[f]);
      const Status status = OpenAndReadAll(DirectoryWith(files).get());
      if (!status.ok()) {
        ASSERT_TRUE(status.IsCorruption()) << status.ToString();
        ++caught;
        ++file_caught;
      }
    }
    std::printf("%s: reframed flips caught: %d of %d\n", SegmentFileNames("seg")[f].c_str(),
                file_caught, file_rounds);
  }
  // Some changes leave a valid segment (a different record byte, a looser frontier pair);
  // structure and cross-checks catch the rest.
  EXPECT_GT(caught, rounds / 2) << caught << " of " << rounds;
}

}  // namespace
}  // namespace hexaglot::format
