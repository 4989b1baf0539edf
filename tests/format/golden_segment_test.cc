// The golden segment of format version 2 (tests/format/golden/v2/): a segment written by
// this version and checked in, so that every later build proves it still reads it.
//
// The segment is GoldenModel() below: deterministic, with full postings blocks and tails,
// skip data, positions, every kind of field, six languages and multilingual records
// (sentences written for this test, not UN text). To regenerate it after a deliberate
// format change (which also bumps kFormatVersion and adds golden/v<N>/ beside the old):
//   HEXAGLOT_WRITE_GOLDEN=1 build/dev/tests/format/format_test --gtest_filter='Golden*'

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "format/file_format.h"
#include "format/segment.h"
#include "format/segment_test_util.h"
#include "test_data.h"

namespace hexaglot::format {
namespace {

using testing::ModelPosting;
using testing::SegmentModel;

// A fixed linear congruential generator: the same numbers on every platform and library.
class Lcg {
 public:
  std::uint32_t Next(std::uint32_t bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state_ >> 33) % bound;
  }

 private:
  std::uint64_t state_ = 20260101;
};

SegmentModel GoldenModel() {
  const char* sentences[] = {
      "The working group met to discuss cooperation.",
      "Le groupe de travail s'est réuni pour discuter de la coopération.",
      "El grupo de trabajo se reunió para debatir la cooperación.",
      "Рабочая группа собралась для обсуждения сотрудничества.",
      "اجتمع الفريق العامل لمناقشة التعاون.",
      "工作组开会讨论合作问题。",
  };
  Lcg rng;
  SegmentModel model;
  constexpr DocId kDocs = 300;
  for (DocId d = 0; d < kDocs; ++d) {
    SegmentDocument doc;
    const std::uint32_t language = d % kLanguageCount;
    doc.language = static_cast<Language>(language);
    doc.lengths = {3 + rng.Next(200), rng.Next(6), rng.Next(15)};
    doc.stored = std::string("{\"n\": ") + std::to_string(d) + ", \"text\": \"" +
                 sentences[language] + "\"}";
    model.documents.push_back(std::move(doc));
  }
  struct TermSpec {
    const char* term;
    std::uint32_t every;  // Every n-th document (from an offset) has the term.
    FieldId field;
    std::optional<Language> language;
    bool unit = false;  // Every frequency 1: a unit list (FORMAT.md "Postings").
  };
  const TermSpec specs[] = {
      {"cooper", 1, FieldId::kText, Language::kEnglish},  // 300 docs: 2 blocks + tail.
      {"group", 2, FieldId::kText, Language::kEnglish},
      {"coopér", 3, FieldId::kText, Language::kFrench},
      {"合作", 7, FieldId::kText, Language::kChinese},
      {"تعاون", 11, FieldId::kText, Language::kArabic},
      {"сотрудничеств", 128, FieldId::kText, Language::kRussian},
      {"cooperación", 5, FieldId::kTheme, Language::kSpanish},
      {"smuggl", 9, FieldId::kTopic, Language::kEnglish},
      {"CTOC/COP/WG.7/2018/2", 13, FieldId::kSymbol, std::nullopt},
      {"en", 6, FieldId::kLang, std::nullopt},
      {"2018", 4, FieldId::kYear, std::nullopt},
      {"work", 1, FieldId::kText, Language::kEnglish, true},  // Unit: 2 blocks + tail.
      {"fr", 6, FieldId::kLang, std::nullopt, true},
  };
  for (const TermSpec& spec : specs) {
    std::vector<ModelPosting> postings;
    for (DocId d = spec.every / 2; d < kDocs; d += spec.every) {
      const std::uint32_t freq = !spec.unit && rng.Next(4) == 0 ? 2 + rng.Next(9) : 1;
      ModelPosting posting{d, freq, {}};
      if (testing::HasPositions(spec.field)) {
        std::uint32_t position = rng.Next(50);
        for (std::uint32_t i = 0; i < freq; ++i) {
          posting.positions.push_back(position);
          position += 1 + rng.Next(30);
        }
      }
      postings.push_back(std::move(posting));
    }
    model.terms.emplace(TermKey(spec.field, spec.language, spec.term), std::move(postings));
  }
  for (DocId d = 0; d < kDocs; ++d) {
    model.terms.emplace(TermKey(FieldId::kId, std::nullopt, "g/" + std::to_string(d)),
                        std::vector<ModelPosting>{{d, 1, {}}});
  }
  return model;
}

std::filesystem::path GoldenDir() {
  return hexaglot::testing::SourcePath("tests/format/golden/v" + std::to_string(kFormatVersion));
}

void ExpectSegmentEquals(const SegmentReader& reader, const SegmentModel& model) {
  ASSERT_EQ(reader.doc_count(), model.documents.size());
  EXPECT_EQ(reader.stats(), model.Stats());
  for (DocId d = 0; d < reader.doc_count(); ++d) {
    ASSERT_EQ(reader.language(d), model.documents[d].language);
    for (int f = 0; f < kScoredFieldCount; ++f) {
      ASSERT_EQ(reader.length(f, d), model.documents[d].lengths[f]);
    }
    ASSERT_EQ(*reader.Stored(d), model.documents[d].stored);
  }
  std::unique_ptr<TermIterator> it = reader.Terms();
  std::vector<std::uint32_t> positions;
  for (const auto& [key, list] : model.terms) {
    ASSERT_TRUE(it->Valid());
    ASSERT_EQ(it->key(), key);
    const bool has_positions = testing::HasPositions(static_cast<FieldId>(key[0]));
    Result<std::unique_ptr<PostingCursor>> cursor = reader.OpenCursor(it->info(), has_positions);
    ASSERT_TRUE(cursor.ok()) << cursor.status().ToString();
    for (const ModelPosting& p : list) {
      ASSERT_EQ((*cursor)->doc(), p.doc);
      ASSERT_EQ((*cursor)->freq(), p.freq);
      if (has_positions) {
        ASSERT_TRUE((*cursor)->Positions(&positions).ok());
        ASSERT_EQ(positions, p.positions);
      }
      (*cursor)->Next();
    }
    ASSERT_EQ((*cursor)->doc(), kEndDoc);
    it->Next();
  }
  EXPECT_FALSE(it->Valid());
  EXPECT_TRUE(reader.Check().ok()) << reader.Check().ToString();
}

TEST(GoldenSegmentTest, ReadsTheCheckedInSegmentOfTheCurrentVersion) {
  const SegmentModel model = GoldenModel();
  if (std::getenv("HEXAGLOT_WRITE_GOLDEN") != nullptr) {
    std::filesystem::create_directories(GoldenDir());
    for (const std::string& name : SegmentFileNames("golden")) {
      std::filesystem::remove(GoldenDir() / name);
    }
    auto directory = NewDiskDirectory(GoldenDir().string(), true);
    ASSERT_TRUE(directory.ok());
    ASSERT_TRUE(testing::WriteSegment(directory->get(), "golden", model).ok());
  }
  auto directory = NewDiskDirectory(GoldenDir().string(), false);
  ASSERT_TRUE(directory.ok()) << directory.status().ToString();
  Result<std::unique_ptr<SegmentReader>> reader = SegmentReader::Open(directory->get(), "golden");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ExpectSegmentEquals(**reader, model);
}

// Writing the golden model again gives the same bytes, except in the stored file, whose
// zstd frames may differ between zstd versions (its records are compared above).
TEST(GoldenSegmentTest, WriterStillProducesTheSameBytes) {
  auto golden = NewDiskDirectory(GoldenDir().string(), false);
  ASSERT_TRUE(golden.ok());
  std::unique_ptr<Directory> fresh = NewMemoryDirectory();
  ASSERT_TRUE(testing::WriteSegment(fresh.get(), "golden", GoldenModel()).ok());
  for (const std::string& name : SegmentFileNames("golden")) {
    if (name.ends_with(".stored")) continue;
    Result<ReadableFile> expected = (*golden)->OpenReadableFile(name);
    ASSERT_TRUE(expected.ok()) << name;
    EXPECT_TRUE(expected->data() == fresh->OpenReadableFile(name)->data())
        << name << " differs from the golden file: a format change needs a new version";
  }
}

}  // namespace
}  // namespace hexaglot::format
