#include "format/stored_records.h"

#include <gtest/gtest.h>
#include <zstd.h>

#include <random>
#include <string>
#include <vector>

#include "util/directory.h"
#include "util/fault_injection_directory.h"

namespace hexaglot::format {
namespace {

// Records that look alike (as paragraphs' JSON lines do), `total` bytes or more.
std::vector<std::string> Records(std::size_t total, std::uint32_t seed) {
  std::mt19937 rng(seed);
  const char* words[] = {"migrants",    "smuggling", "States",  "protocol", "the",      "of",
                         "cooperation", "criminal",  "justice", "article",  "paragraph"};
  std::vector<std::string> records;
  std::size_t bytes = 0;
  while (bytes < total) {
    std::string record = "{\"id\": \"V.21-05340/en/" + std::to_string(records.size()) +
                         "\", \"lang\": \"en\", \"text\": \"";
    const std::size_t words_in = rng() % 120;
    for (std::size_t w = 0; w < words_in; ++w) {
      record += words[rng() % std::size(words)];
      record += ' ';
    }
    record += "\"}";
    if (rng() % 10 == 0) record.clear();  // Empty records too.
    bytes += record.size();
    records.push_back(std::move(record));
  }
  return records;
}

class StoredRecordsTest : public ::testing::Test {
 protected:
  // Writes `records`; returns the stored body and the dictionary size.
  std::string Write(const std::vector<std::string>& records, std::uint32_t block_bytes,
                    bool dictionary, std::size_t* dictionary_size) {
    const std::string name = "s" + std::to_string(next_++);
    auto file = FramedFileWriter::Create(directory_.get(), name, FileKind::kStored);
    EXPECT_TRUE(file.ok());
    StoredRecordsWriter writer(file->get(), block_bytes, 3, dictionary);
    for (const std::string& record : records) EXPECT_TRUE(writer.Add(record).ok());
    EXPECT_TRUE(writer.Finish().ok());
    EXPECT_TRUE((*file)->Finish().ok());
    *dictionary_size = writer.dictionary_size();
    return std::string(OpenFramedFile(directory_.get(), name, FileKind::kStored)->body);
  }

  std::unique_ptr<Directory> directory_ = NewMemoryDirectory();
  int next_ = 0;
};

TEST_F(StoredRecordsTest, RoundTripsWithAndWithoutDictionary) {
  const std::vector<std::string> records = Records(3 * kDictionaryMinRecordBytes / 2, 1);
  std::size_t sizes[2] = {};
  for (bool dictionary : {false, true}) {
    std::size_t dictionary_size = 0;
    const std::string body = Write(records, 4096, dictionary, &dictionary_size);
    sizes[dictionary] = body.size();
    EXPECT_EQ(dictionary_size > 0, dictionary);
    Result<StoredRecordsReader> reader =
        StoredRecordsReader::Open(body, "s", static_cast<DocId>(records.size()));
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ(reader->dictionary_size(), dictionary_size);
    EXPECT_GT(reader->block_count(), 1u);
    for (DocId d = 0; d < records.size(); d += 7) {
      Result<std::string> record = reader->Get(d);
      ASSERT_TRUE(record.ok()) << record.status().ToString();
      ASSERT_EQ(*record, records[d]);
    }
    EXPECT_TRUE(reader->Check().ok());
  }
  // The dictionary pays for itself on similar records in small blocks.
  EXPECT_LT(sizes[1], sizes[0] * 9 / 10) << sizes[1] << " vs " << sizes[0];
}

// From kLargeDictionaryMinRecordBytes of records on, the writer trains the large
// dictionary (its gain is measured on real paragraphs: bench/COMPARE.md, "Index size";
// these few-word records compress so well that no dictionary helps them much).
TEST_F(StoredRecordsTest, LargeSegmentsGetTheLargeDictionary) {
  const std::vector<std::string> records = Records(kLargeDictionaryMinRecordBytes + 1000, 4);
  std::size_t dictionary_size = 0;
  const std::string body = Write(records, 16 * 1024, true, &dictionary_size);
  EXPECT_GT(dictionary_size, kDictionaryBytes);
  EXPECT_LE(dictionary_size, kLargeDictionaryBytes);
  Result<StoredRecordsReader> reader =
      StoredRecordsReader::Open(body, "s", static_cast<DocId>(records.size()));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(reader->dictionary_size(), dictionary_size);
  for (DocId d = 0; d < records.size(); d += 101) {
    Result<std::string> record = reader->Get(d);
    ASSERT_TRUE(record.ok()) << record.status().ToString();
    ASSERT_EQ(*record, records[d]);
  }
  EXPECT_TRUE(reader->Check().ok());
}

TEST_F(StoredRecordsTest, NoDictionaryBelowTheSampleSize) {
  const std::vector<std::string> records = Records(kDictionaryMinRecordBytes / 4, 2);
  std::size_t dictionary_size = 1;
  const std::string body = Write(records, 4096, true, &dictionary_size);
  EXPECT_EQ(dictionary_size, 0u);
  Result<StoredRecordsReader> reader =
      StoredRecordsReader::Open(body, "s", static_cast<DocId>(records.size()));
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(*reader->Get(static_cast<DocId>(records.size() - 1)), records.back());
}

TEST_F(StoredRecordsTest, RecordLargerThanABlock) {
  std::vector<std::string> records = {"a", std::string(100000, 'x'), "", "b"};
  std::size_t dictionary_size = 0;
  const std::string body = Write(records, 1024, true, &dictionary_size);
  Result<StoredRecordsReader> reader = StoredRecordsReader::Open(body, "s", 4);
  ASSERT_TRUE(reader.ok());
  for (DocId d = 0; d < 4; ++d) EXPECT_EQ(*reader->Get(d), records[d]);
  EXPECT_TRUE(StoredRecordsReader::Open(body, "s", 5).status().IsCorruption());
}

// Changed bytes anywhere in the dictionary, the blocks or the index (past the file's
// checksum) are Corruption at Open or Check, since zstd frames carry their content's
// checksum, unless no record changes (a dictionary byte that no block uses).
TEST_F(StoredRecordsTest, ChangedBytesAreCorruption) {
  const std::vector<std::string> records = Records(kDictionaryMinRecordBytes + 1000, 3);
  std::size_t dictionary_size = 0;
  const std::string body = Write(records, 16384, true, &dictionary_size);
  ASSERT_GT(dictionary_size, 0u);
  std::mt19937 rng(5);
  for (int round = 0; round < 120; ++round) {
    std::string changed = body;
    // Half the rounds in the dictionary, which is small next to the blocks.
    const std::size_t i = round % 2 == 0 ? rng() % dictionary_size : rng() % body.size();
    changed[i] = static_cast<char>(changed[i] ^ (1 + rng() % 255));
    Result<StoredRecordsReader> reader =
        StoredRecordsReader::Open(changed, "s", static_cast<DocId>(records.size()));
    const Status status = reader.ok() ? reader->Check() : reader.status();
    if (status.ok()) {
      for (DocId d = 0; d < records.size(); ++d) ASSERT_EQ(*reader->Get(d), records[d]) << i;
      continue;
    }
    ASSERT_TRUE(status.IsCorruption()) << "byte " << i << ": " << status.ToString();
  }
}

// A huge record is compressed as it is written: the file gets the frame in chunks of
// ZSTD_CStreamOutSize, never the whole compressed block (which would be held in memory
// next to the record), and reads back whole among small records.
TEST_F(StoredRecordsTest, HugeRecordIsWrittenAsItIsCompressed) {
  std::mt19937 rng(6);
  std::string huge(std::size_t{4} << 20, '\0');
  for (char& c : huge) c = static_cast<char>(rng());  // Incompressible.
  const std::vector<std::string> records = {"a", huge, "", "b"};
  FaultInjectingDirectory counting(directory_.get());
  auto file = FramedFileWriter::Create(&counting, "s", FileKind::kStored);
  ASSERT_TRUE(file.ok());
  StoredRecordsWriter writer(file->get(), 16 * 1024, 3, false);
  const std::uint64_t appends = counting.Count(FaultOp::kAppend);
  for (const std::string& record : records) ASSERT_TRUE(writer.Add(record).ok());
  EXPECT_GE(counting.Count(FaultOp::kAppend) - appends, huge.size() / ZSTD_CStreamOutSize());
  ASSERT_TRUE(writer.Finish().ok());
  ASSERT_TRUE((*file)->Finish().ok());
  const std::string body(OpenFramedFile(directory_.get(), "s", FileKind::kStored)->body);
  Result<StoredRecordsReader> reader = StoredRecordsReader::Open(body, "s", 4);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  for (DocId d = 0; d < 4; ++d) EXPECT_EQ(*reader->Get(d), records[d]);
  EXPECT_TRUE(reader->Check().ok());
}

// A record given in pieces is their bytes end to end. A huge one that ends the sampling
// is not copied into the sample: the large dictionary is trained on the sample and the
// record's first bytes, and every record reads back.
TEST_F(StoredRecordsTest, HugeRecordInPiecesEndsTheSampling) {
  std::vector<std::string> records = Records(kDictionaryMinRecordBytes, 7);
  std::string huge;
  for (const std::string& record : Records(kLargeDictionaryMinRecordBytes, 8)) huge += record;
  const std::size_t huge_doc = records.size();
  records.push_back(huge);
  for (std::string& record : Records(100000, 9)) records.push_back(std::move(record));
  auto file = FramedFileWriter::Create(directory_.get(), "s", FileKind::kStored);
  ASSERT_TRUE(file.ok());
  StoredRecordsWriter writer(file->get(), 16 * 1024, 3, true);
  const std::string_view whole = huge;
  const std::string_view pieces[] = {whole.substr(0, 10), whole.substr(10, 70000),
                                     whole.substr(70010)};
  for (std::size_t d = 0; d < records.size(); ++d) {
    ASSERT_TRUE((d == huge_doc ? writer.Add(pieces) : writer.Add(records[d])).ok());
  }
  ASSERT_TRUE(writer.Finish().ok());
  ASSERT_TRUE((*file)->Finish().ok());
  EXPECT_GT(writer.dictionary_size(), kDictionaryBytes);
  const std::string body(OpenFramedFile(directory_.get(), "s", FileKind::kStored)->body);
  Result<StoredRecordsReader> reader =
      StoredRecordsReader::Open(body, "s", static_cast<DocId>(records.size()));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(*reader->Get(static_cast<DocId>(huge_doc)), huge);
  for (DocId d = 0; d < records.size(); d += 13) ASSERT_EQ(*reader->Get(d), records[d]);
  EXPECT_TRUE(reader->Check().ok());
}

}  // namespace
}  // namespace hexaglot::format
