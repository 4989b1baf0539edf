// Corruption: any flipped byte, truncated or extended file, or missing file of a committed
// index makes IndexReader::Open or Check report Corruption, and never crashes. Damage
// behind a valid checksum (a writer bug) never makes a posting cursor misbehave.

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "format/fields.h"
#include "format/file_format.h"
#include "format/segment.h"
#include "hexaglot/index_reader.h"
#include "hexaglot/index_writer.h"
#include "index/reader_access.h"
#include "index/snapshot.h"
#include "index/storage.h"
#include "index_test_util.h"
#include "util/checksum.h"
#include "util/coding.h"

namespace hexaglot {
namespace {

using Files = std::map<std::string, std::string>;

// Writes a committed index with `paragraphs`, then deletes `deleted_id` in a second
// commit (so that a deletion file exists), and returns its files.
Files BuildIndex(const std::vector<Paragraph>& paragraphs, const std::string& deleted_id) {
  std::shared_ptr<Directory> directory = NewMemoryDirectory();
  {
    IndexWriterOptions options;
    options.threads = 1;
    options.merge_on_commit = false;
    auto writer = IndexWriter::Open(index::WrapDirectory(directory), options);
    EXPECT_TRUE(writer.ok());
    EXPECT_TRUE((*writer)->AddAll(paragraphs).ok());
    EXPECT_TRUE((*writer)->Commit().ok());
    EXPECT_EQ(*(*writer)->DeleteById(deleted_id), 1u);
    EXPECT_TRUE((*writer)->Commit().ok());
  }
  Files files;
  Result<std::vector<std::string>> names = directory->ListFiles();
  EXPECT_TRUE(names.ok());
  const std::vector<std::string> listed =
      names.ok() ? std::move(*names) : std::vector<std::string>();
  for (const std::string& name : listed) {
    Result<ReadableFile> file = directory->OpenReadableFile(name);
    EXPECT_TRUE(file.ok());
    if (file.ok()) files[name] = std::string(file->data());
  }
  return files;
}

std::shared_ptr<IndexStorage> StorageWith(const Files& files) {
  std::shared_ptr<Directory> directory = NewMemoryDirectory();
  for (const auto& [name, bytes] : files) {
    auto file = directory->NewWritableFile(name, WriteMode::kCreateNew);
    EXPECT_TRUE(file.ok());
    EXPECT_TRUE((*file)->Append(bytes).ok());
    EXPECT_TRUE((*file)->Close().ok());
  }
  return index::WrapDirectory(directory);
}

Status OpenAndCheck(const Files& files) {
  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(StorageWith(files));
  if (!reader.ok()) return reader.status();
  return (*reader)->Check();
}

std::vector<Paragraph> TinyCorpus() {
  return {testing::MakeParagraph("T", Language::kEnglish, 1, "Boats at sea.", "Rescue", {"Sea"},
                                 {"A/1"}, 2020),
          testing::MakeParagraph("T", Language::kFrench, 1, "Des bateaux.")};
}

// Rewrites a framed file's footer (body size, checksum) to match its damaged bytes.
void Reframe(std::string* file) {
  if (file->size() < format::kFileHeaderSize + format::kFileFooterSize) return;
  const std::size_t footer = file->size() - format::kFileFooterSize;
  EncodeFixed64(file->data() + footer, footer - format::kFileHeaderSize);
  EncodeFixed64(file->data() + footer + 8,
                Checksum64(std::string_view(*file).substr(0, footer + 8)));
}

// Walks every posting list of the reader's segments. Returns "" when every cursor gave
// strictly increasing doc ids below the segment's count, or ended with Corruption.
std::string WalkPostings(const IndexReader& reader) {
  std::vector<std::uint32_t> positions;
  for (const index::SegmentView& segment : index::SnapshotOf(reader)->segments()) {
    const format::SegmentReader& segment_reader = *segment.reader;
    for (auto terms = segment_reader.Terms(); terms->Valid(); terms->Next()) {
      const std::optional<format::DecodedTermKey> key = format::DecodeTermKey(terms->key());
      const bool positioned =
          key && (key->field == format::FieldId::kText || key->field == format::FieldId::kTheme ||
                  key->field == format::FieldId::kTopic);
      Result<std::unique_ptr<PostingCursor>> cursor =
          segment_reader.OpenCursor(terms->info(), positioned);
      if (!cursor.ok()) {
        if (!cursor.status().IsCorruption()) return cursor.status().ToString();
        continue;
      }
      std::int64_t last = -1;
      for (DocId doc = (*cursor)->doc(); doc != kEndDoc; doc = (*cursor)->Next()) {
        if (static_cast<std::int64_t>(doc) <= last || doc >= segment_reader.doc_count()) {
          return "doc " + std::to_string(doc) + " after " + std::to_string(last);
        }
        last = doc;
        if (positioned && !(*cursor)->Positions(&positions).ok()) break;
      }
      const Status status = (*cursor)->status();
      if (!status.ok() && !status.IsCorruption()) return status.ToString();
    }
  }
  return "";
}

// Found by index_files_fuzzer: a zero doc-id gap behind a valid checksum repeated a
// document in a cursor. Every body byte of every file zeroed or flipped, then reframed.
TEST(CorruptionTest, ReframedDamageNeverDisordersPostings) {
  std::vector<Paragraph> corpus = TinyCorpus();
  corpus.push_back(testing::MakeParagraph("T", Language::kEnglish, 2, "Boats at sea again.",
                                          "Rescue", {"Sea"}, {"A/1"}, 2020));
  corpus.push_back(testing::MakeParagraph("T", Language::kEnglish, 3, "More boats at sea."));
  const Files files = BuildIndex(corpus, "T/fr/1");
  int opened = 0;
  for (const auto& [name, bytes] : files) {
    for (std::size_t offset = format::kFileHeaderSize;
         offset + format::kFileFooterSize < bytes.size(); ++offset) {
      for (const char value : {'\0', static_cast<char>(bytes[offset] ^ 1)}) {
        Files bad = files;
        bad[name][offset] = value;
        Reframe(&bad[name]);
        Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(StorageWith(bad));
        if (!reader.ok()) continue;
        ++opened;
        (void)(*reader)->Check();
        const std::string problem = WalkPostings(**reader);
        ASSERT_EQ(problem, "") << name << " byte " << offset << " set to "
                               << static_cast<int>(static_cast<unsigned char>(value));
      }
    }
  }
  RecordProperty("opened", opened);
  EXPECT_GT(opened, 100);
}

TEST(CorruptionTest, IntactIndexIsClean) {
  const Files files = BuildIndex(testing::SmallCorpus(), "TEST/1/en/1");
  EXPECT_GE(files.size(), 4u);
  EXPECT_TRUE(OpenAndCheck(files).ok()) << OpenAndCheck(files).ToString();
}

TEST(CorruptionTest, EveryFlippedByteOfATinyIndexIsCaught) {
  const Files files = BuildIndex(TinyCorpus(), "T/fr/1");
  std::size_t flips = 0;
  for (const auto& [name, bytes] : files) {
    for (std::size_t offset = 0; offset < bytes.size(); ++offset) {
      Files bad = files;
      bad[name][offset] = static_cast<char>(~bad[name][offset]);
      Status status = OpenAndCheck(bad);
      ASSERT_TRUE(status.IsCorruption())
          << name << " byte " << offset << " flipped: " << status.ToString();
      ++flips;
    }
  }
  RecordProperty("flips", static_cast<int>(flips));
  EXPECT_GT(flips, 500u);
}

TEST(CorruptionTest, RandomFlipsOverAllFilesAreCaught) {
  const Files files = BuildIndex(testing::SmallCorpus(), "TEST/1/fr/2");
  std::vector<std::pair<std::string, std::size_t>> bytes;  // Every (file, offset).
  for (const auto& [name, content] : files) {
    for (std::size_t i = 0; i < content.size(); ++i) bytes.emplace_back(name, i);
  }
  std::mt19937 rng(1234);
  for (int flip = 0; flip < 1000; ++flip) {
    const auto& [name, offset] = bytes[rng() % bytes.size()];
    Files bad = files;
    bad[name][offset] = static_cast<char>(bad[name][offset] ^ static_cast<char>(1 + rng() % 255));
    Status status = OpenAndCheck(bad);
    ASSERT_TRUE(status.IsCorruption()) << name << " byte " << offset << ": " << status.ToString();
    EXPECT_NE(status.message().find(name), std::string::npos)
        << "the message names the file: " << status.message();
  }
}

TEST(CorruptionTest, TruncatedAndExtendedFilesAreCaught) {
  const Files files = BuildIndex(TinyCorpus(), "T/en/1");
  for (const auto& [name, bytes] : files) {
    for (std::size_t size = 0; size < bytes.size(); ++size) {
      Files bad = files;
      bad[name].resize(size);
      Status status = OpenAndCheck(bad);
      ASSERT_TRUE(status.IsCorruption())
          << name << " truncated to " << size << ": " << status.ToString();
    }
    Files extended = files;
    extended[name].push_back('\0');
    EXPECT_TRUE(OpenAndCheck(extended).IsCorruption()) << name << " extended";
  }
}

TEST(CorruptionTest, MissingFilesAreCaught) {
  const Files files = BuildIndex(TinyCorpus(), "T/en/1");
  for (const auto& [name, bytes] : files) {
    Files bad = files;
    bad.erase(name);
    Status status = OpenAndCheck(bad);
    EXPECT_TRUE(status.IsCorruption()) << name << " missing: " << status.ToString();
    // Segment files without a manifest are a lost manifest, not an absent index.
    const std::string named = name.starts_with("manifest-") ? "but no manifest" : name;
    EXPECT_NE(status.message().find(named), std::string::npos) << status.message();
  }
}

}  // namespace
}  // namespace hexaglot
