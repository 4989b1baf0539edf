#include "index/manifest.h"

#include <gtest/gtest.h>

#include "format/file_format.h"
#include "format/segment_files.h"
#include "index/index_files.h"

namespace hexaglot::index {
namespace {

Manifest SampleManifest() {
  Manifest m;
  m.generation = 7;
  m.next_segment_number = 12;
  m.analyzer.stem = false;
  m.analyzer.remove_stop_words = true;
  m.analyzer.chinese_mode = ChineseMode::kWords;
  m.analyzer.exact_forms = LanguageBit(Language::kChinese) | LanguageBit(Language::kSpanish);
  ManifestSegment a{"seg-3", 100, 0,
                    0,       0,   {{"seg-3.terms", "terms", 1234}, {"seg-3.post", "postings", 99}}};
  ManifestSegment b{"seg-11", 5, 2, 4, 33, {{"seg-11.terms", "terms", 55}}};
  m.segments = {a, b};
  return m;
}

TEST(IndexFilesTest, NamesParseBack) {
  EXPECT_EQ(ManifestFileName(7), "manifest-00000000000000000007");
  EXPECT_EQ(ParseManifestFileName(ManifestFileName(123456789)), 123456789u);
  EXPECT_EQ(ParseManifestFileName(TempManifestFileName(3)), std::nullopt);
  EXPECT_EQ(ParseSegmentName(SegmentName(42)), 42u);
  EXPECT_EQ(ParseSegmentName("seg-"), std::nullopt);
  EXPECT_EQ(ParseSegmentName("seg-1x"), std::nullopt);
  EXPECT_EQ(DeletionsFileName("seg-4", 2), "seg-4.del-2");
}

TEST(IndexFilesTest, OnlyExactNamesAreIndexFiles) {
  EXPECT_EQ(ClassifyFileName("manifest-00000000000000000001"), IndexFileKind::kManifest);
  EXPECT_EQ(ClassifyFileName("manifest-00000000000000000001.tmp"), IndexFileKind::kTempManifest);
  EXPECT_EQ(ClassifyFileName("seg-4.del-2"), IndexFileKind::kDeletionsFile);
  for (const format::SegmentFileSpec& spec : format::kSegmentFiles) {
    EXPECT_EQ(ClassifyFileName(std::string("seg-12") + spec.suffix), IndexFileKind::kSegmentFile)
        << spec.suffix;
    EXPECT_EQ(SegmentNumberOfFile(std::string("seg-12") + spec.suffix), 12u);
  }
  EXPECT_EQ(SegmentNumberOfFile("seg-7.del-3"), 7u);
  EXPECT_EQ(SegmentNumberOfFile("manifest-00000000000000000007"), std::nullopt);
  // Names that merely look like the index's are a user's files.
  for (const char* name :
       {"manifest-shipping.txt", "manifest-1", "manifest-00000000000000000001.tmp.bak",
        "manifest-00000000000000000001.txt", "seg-3.pdf", "seg-4", "seg-4.", "seg-03.meta",
        "seg-4.meta.bak", "seg-4.del-0", "seg-4.del-02", "seg-4.del-", "seg-x.meta", "segment.txt",
        "notes.md"}) {
    EXPECT_FALSE(IsIndexFileName(name)) << name;
    EXPECT_EQ(SegmentNumberOfFile(name), std::nullopt) << name;
  }
}

TEST(ManifestTest, RoundTrips) {
  const Manifest m = SampleManifest();
  Result<Manifest> decoded = DecodeManifest(EncodeManifest(m), ManifestFileName(7));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->generation, 7u);
  EXPECT_EQ(decoded->next_segment_number, 12u);
  EXPECT_FALSE(decoded->analyzer.stem);
  EXPECT_TRUE(decoded->analyzer.remove_stop_words);
  EXPECT_EQ(decoded->analyzer.chinese_mode, ChineseMode::kWords);
  EXPECT_EQ(decoded->analyzer.exact_forms, m.analyzer.exact_forms);
  ASSERT_EQ(decoded->segments.size(), m.segments.size());
  for (std::size_t i = 0; i < m.segments.size(); ++i) {
    const ManifestSegment& a = decoded->segments[i];
    const ManifestSegment& b = m.segments[i];
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.doc_count, b.doc_count);
    EXPECT_EQ(a.deleted_count, b.deleted_count);
    EXPECT_EQ(a.deletion_generation, b.deletion_generation);
    EXPECT_EQ(a.deletion_bytes, b.deletion_bytes);
    ASSERT_EQ(a.files.size(), b.files.size());
    for (std::size_t f = 0; f < a.files.size(); ++f) {
      EXPECT_EQ(a.files[f].name, b.files[f].name);
      EXPECT_EQ(a.files[f].kind, b.files[f].kind);
      EXPECT_EQ(a.files[f].bytes, b.files[f].bytes);
    }
  }
}

// Manifests written before exact forms existed have bits 2..7 of the options byte clear:
// they read as an index without exact forms, whatever today's default.
TEST(ManifestTest, OlderManifestsHaveNoExactForms) {
  Manifest m = SampleManifest();
  m.analyzer.exact_forms = 0;
  const std::string body = EncodeManifest(m);
  Result<Manifest> decoded = DecodeManifest(body, ManifestFileName(7));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->analyzer.exact_forms, 0);
  EXPECT_NE(AnalyzerOptions().exact_forms, 0);
}

TEST(ManifestTest, RejectsBrokenInvariants) {
  const std::string name = ManifestFileName(7);
  const auto rejects = [&](const Manifest& m, const char* what) {
    Status status = DecodeManifest(EncodeManifest(m), name).status();
    EXPECT_TRUE(status.IsCorruption()) << what << ": " << status.ToString();
    EXPECT_NE(status.message().find(name), std::string::npos) << status.message();
  };
  Manifest m = SampleManifest();
  EXPECT_TRUE(DecodeManifest(EncodeManifest(m), ManifestFileName(8)).status().IsCorruption());
  m.next_segment_number = 11;
  rejects(m, "segment number not below next");
  m = SampleManifest();
  m.segments[1].name = "seg-3";
  rejects(m, "duplicate segment");
  m = SampleManifest();
  m.segments[0].deleted_count = 100;
  m.segments[0].deletion_generation = 1;
  m.segments[0].deletion_bytes = 1;
  rejects(m, "fully deleted");
  m = SampleManifest();
  m.segments[1].deletion_generation = 0;
  rejects(m, "deletions without generation");
  m = SampleManifest();
  m.segments[0].files[0].name = "seg-4.terms";
  rejects(m, "file of another segment");
  m = SampleManifest();
  m.segments[0].files[0].name = "seg-31.terms";
  rejects(m, "file of a segment with a longer name");
  m = SampleManifest();
  m.analyzer.chinese_mode = static_cast<ChineseMode>(9);
  rejects(m, "unknown Chinese mode");
  EXPECT_TRUE(DecodeManifest(EncodeManifest(SampleManifest()) + "x", name).status().IsCorruption());
}

TEST(ManifestTest, EveryTruncationIsCorruption) {
  const std::string body = EncodeManifest(SampleManifest());
  for (std::size_t size = 0; size < body.size(); ++size) {
    EXPECT_TRUE(DecodeManifest(body.substr(0, size), ManifestFileName(7)).status().IsCorruption())
        << size;
  }
}

TEST(ManifestTest, WriteAndReadLatest) {
  auto dir = NewMemoryDirectory();
  Result<std::optional<Manifest>> none = ReadLatestManifest(dir.get());
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  Manifest m = SampleManifest();
  ASSERT_TRUE(WriteManifest(dir.get(), m).ok());
  m.generation = 9;
  ASSERT_TRUE(WriteManifest(dir.get(), m).ok());
  EXPECT_FALSE(*dir->FileExists(TempManifestFileName(9)));
  Result<std::optional<Manifest>> latest = ReadLatestManifest(dir.get());
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->generation, 9u);
  // A stray temp file of a later generation is not a commit.
  auto temp = dir->NewWritableFile(TempManifestFileName(10), WriteMode::kCreateNew);
  ASSERT_TRUE(temp.ok());
  ASSERT_TRUE((*temp)->Close().ok());
  EXPECT_EQ((*ReadLatestManifest(dir.get()))->generation, 9u);
}

}  // namespace
}  // namespace hexaglot::index
