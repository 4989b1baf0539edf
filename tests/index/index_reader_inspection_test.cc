// IndexReader's inspection API (Terms, Postings, GetParallel) and the writer's progress
// callback and ForceMerge(max_segments), which the tool's dump, show, index and merge use.

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "hexaglot/index_reader.h"
#include "hexaglot/index_storage.h"
#include "hexaglot/index_writer.h"
#include "index_test_util.h"

namespace hexaglot {
namespace {

using testing::GeneratedParagraphs;
using testing::SmallCorpus;

class IndexInspectionTest : public ::testing::Test {
 protected:
  // The small corpus in two segments: English and French in the first, Russian in the
  // second, so that lookups merge segments.
  void SetUp() override {
    storage_ = IndexStorage::InMemory();
    IndexWriterOptions options;
    options.merge_on_commit = false;
    Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(storage_, options);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    const std::vector<Paragraph> corpus = SmallCorpus();
    for (const Paragraph& p : corpus) {
      if (p.lang == Language::kRussian) continue;
      ASSERT_TRUE((*writer)->Add(p).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    for (const Paragraph& p : corpus) {
      if (p.lang == Language::kRussian) {
        ASSERT_TRUE((*writer)->Add(p).ok());
      }
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    writer_ = std::move(*writer);
  }

  std::unique_ptr<IndexReader> Reader() {
    Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(storage_);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    return reader.ok() ? std::move(*reader) : nullptr;
  }

  std::shared_ptr<IndexStorage> storage_;
  std::unique_ptr<IndexWriter> writer_;
};

std::vector<std::string> Ids(const std::vector<Paragraph>& paragraphs) {
  std::vector<std::string> ids;
  for (const Paragraph& p : paragraphs) ids.push_back(p.id);
  return ids;
}

std::vector<std::string> Ids(const IndexPostingList& list) {
  std::vector<std::string> ids;
  for (const IndexPosting& p : list.postings) ids.push_back(p.id);
  return ids;
}

TEST_F(IndexInspectionTest, GetParallelGivesLiveVersionsInLanguageCodeOrder) {
  std::unique_ptr<IndexReader> reader = Reader();
  Result<std::vector<Paragraph>> versions = reader->GetParallel("TEST/1/2");
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  EXPECT_EQ(Ids(*versions),
            (std::vector<std::string>{"TEST/1/en/2", "TEST/1/fr/2", "TEST/1/ru/2"}));
  EXPECT_EQ((*versions)[1].text, SmallCorpus()[5].text);

  ASSERT_TRUE(writer_->DeleteById("TEST/1/fr/2").ok());
  ASSERT_TRUE(writer_->Commit().ok());
  versions = reader->GetParallel("TEST/1/2");
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->size(), 3u) << "the old snapshot still has the French version";
  versions = Reader()->GetParallel("TEST/1/2");
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(Ids(*versions), (std::vector<std::string>{"TEST/1/en/2", "TEST/1/ru/2"}));

  versions = Reader()->GetParallel("TEST/1/9");
  ASSERT_TRUE(versions.ok());
  EXPECT_TRUE(versions->empty());
}

TEST_F(IndexInspectionTest, TermsMergeSegmentsInKeyOrder) {
  std::unique_ptr<IndexReader> reader = Reader();
  TermListOptions options;
  options.field = "text";
  options.language = Language::kEnglish;
  options.prefix = "border";
  Result<std::vector<IndexTerm>> terms = reader->Terms(options);
  ASSERT_TRUE(terms.ok()) << terms.status().ToString();
  ASSERT_EQ(terms->size(), 1u);
  EXPECT_EQ((*terms)[0].field, "text");
  EXPECT_EQ((*terms)[0].language, Language::kEnglish);
  EXPECT_EQ((*terms)[0].term, "border");  // "border" twice and "borders" once.
  EXPECT_EQ((*terms)[0].doc_freq, 3u);
  EXPECT_EQ((*terms)[0].total_freq, 3u);

  // A neutral field, its terms from both segments.
  options = TermListOptions{};
  options.field = "lang";
  terms = reader->Terms(options);
  ASSERT_TRUE(terms.ok());
  ASSERT_EQ(terms->size(), 3u);
  EXPECT_EQ((*terms)[0].term, "en");
  EXPECT_EQ((*terms)[1].term, "fr");
  EXPECT_EQ((*terms)[2].term, "ru");
  for (const IndexTerm& term : *terms) {
    EXPECT_EQ(term.language, std::nullopt);
    EXPECT_EQ(term.doc_freq, 4u);
  }

  // Every language of a per-language field, in code order, and a limit.
  options = TermListOptions{};
  options.field = "theme_exact";
  terms = reader->Terms(options);
  ASSERT_TRUE(terms.ok());
  ASSERT_EQ(terms->size(), 3u);
  EXPECT_EQ((*terms)[0].language, Language::kEnglish);
  EXPECT_EQ((*terms)[0].term, "border management");
  EXPECT_EQ((*terms)[2].language, Language::kRussian);
  EXPECT_EQ((*terms)[2].term, "управление границами");
  options.limit = 2;
  terms = reader->Terms(options);
  ASSERT_TRUE(terms.ok());
  EXPECT_EQ(terms->size(), 2u);

  options = TermListOptions{};
  options.field = "body";
  terms = reader->Terms(options);
  EXPECT_TRUE(terms.status().IsInvalidArgument());
  EXPECT_NE(terms.status().message().find("unknown field \"body\""), std::string::npos);
}

TEST_F(IndexInspectionTest, PostingsAnalyseTheTermAndSkipDeletedDocuments) {
  PostingsQuery query;
  query.field = "text";
  query.language = Language::kEnglish;
  query.term = "Borders";
  Result<std::vector<IndexPostingList>> lists = Reader()->Postings(query);
  ASSERT_TRUE(lists.ok()) << lists.status().ToString();
  ASSERT_EQ(lists->size(), 1u);
  const IndexPostingList& list = (*lists)[0];
  EXPECT_EQ(list.term, "border");
  EXPECT_EQ(list.doc_freq, 3u);
  EXPECT_EQ(Ids(list), (std::vector<std::string>{"TEST/1/en/1", "TEST/1/en/2", "TEST/1/en/3"}));
  // "Migrants crossing the border ...": "the" is a stop word and leaves its position.
  EXPECT_EQ(list.postings[0].freq, 1u);
  EXPECT_EQ(list.postings[0].positions, (std::vector<std::uint32_t>{3}));

  ASSERT_TRUE(writer_->DeleteById("TEST/1/en/2").ok());
  ASSERT_TRUE(writer_->Commit().ok());
  lists = Reader()->Postings(query);
  ASSERT_TRUE(lists.ok());
  ASSERT_EQ(lists->size(), 1u);
  EXPECT_EQ((*lists)[0].doc_freq, 3u) << "deleted documents count until a merge";
  EXPECT_EQ(Ids((*lists)[0]), (std::vector<std::string>{"TEST/1/en/1", "TEST/1/en/3"}));

  // Raw: the indexed term as given; "borders" is not one.
  query.raw = true;
  lists = Reader()->Postings(query);
  ASSERT_TRUE(lists.ok());
  EXPECT_TRUE(lists->empty());
}

TEST_F(IndexInspectionTest, PostingsInEveryLanguageAndOfExactFields) {
  PostingsQuery query;
  query.field = "text";
  query.term = "documents";  // An English and a French word.
  Result<std::vector<IndexPostingList>> lists = Reader()->Postings(query);
  ASSERT_TRUE(lists.ok()) << lists.status().ToString();
  ASSERT_EQ(lists->size(), 2u);
  EXPECT_EQ((*lists)[0].language, Language::kEnglish);
  EXPECT_EQ(Ids((*lists)[0]), (std::vector<std::string>{"TEST/1/en/3"}));
  EXPECT_EQ((*lists)[1].language, Language::kFrench);
  EXPECT_EQ(Ids((*lists)[1]), (std::vector<std::string>{"TEST/1/fr/3"}));

  query.field = "theme_exact";
  query.term = "BORDER Management";
  lists = Reader()->Postings(query);
  ASSERT_TRUE(lists.ok());
  ASSERT_EQ(lists->size(), 1u);
  EXPECT_EQ((*lists)[0].term, "border management");
  EXPECT_EQ((*lists)[0].postings.size(), 4u);
  EXPECT_TRUE((*lists)[0].postings[0].positions.empty());

  query.field = "parallel";
  query.term = "TEST/1/4";
  lists = Reader()->Postings(query);
  ASSERT_TRUE(lists.ok());
  ASSERT_EQ(lists->size(), 1u);
  EXPECT_EQ((*lists)[0].language, std::nullopt);
  EXPECT_EQ(Ids((*lists)[0]),
            (std::vector<std::string>{"TEST/1/en/4", "TEST/1/fr/4", "TEST/1/ru/4"}));
}

TEST_F(IndexInspectionTest, PostingsOfTextThatIsNotOneTermIsInvalid) {
  PostingsQuery query;
  query.language = Language::kEnglish;
  query.term = "?!";
  Result<std::vector<IndexPostingList>> lists = Reader()->Postings(query);
  EXPECT_TRUE(lists.status().IsInvalidArgument());
  EXPECT_NE(lists.status().message().find("en: 0 terms"), std::string::npos)
      << lists.status().ToString();
  query.term = "border guard";
  lists = Reader()->Postings(query);
  EXPECT_TRUE(lists.status().IsInvalidArgument());
  EXPECT_NE(lists.status().message().find("en: 2 terms (border, guard)"), std::string::npos)
      << lists.status().ToString();
}

TEST(IndexWriterProgressTest, ReportsGrowingCountsEndingWithTheTotal) {
  std::shared_ptr<IndexStorage> storage = IndexStorage::InMemory();
  std::mutex mu;
  std::vector<IndexProgress> calls;
  IndexWriterOptions options;
  options.threads = 2;
  options.progress = [&](const IndexProgress& progress) {
    std::lock_guard lock(mu);
    calls.push_back(progress);
  };
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(storage, options);
  ASSERT_TRUE(writer.ok());
  const std::vector<Paragraph> paragraphs = GeneratedParagraphs("P", 1000);
  std::uint64_t text_bytes = 0;
  for (const Paragraph& p : paragraphs) text_bytes += p.text.size();
  ASSERT_TRUE((*writer)->AddAll(paragraphs).ok());

  ASSERT_FALSE(calls.empty());
  for (std::size_t i = 0; i < calls.size(); ++i) {
    EXPECT_EQ(calls[i].total_documents, 1000u);
    EXPECT_EQ(calls[i].total_text_bytes, text_bytes);
    if (i > 0) {
      EXPECT_GE(calls[i].documents, calls[i - 1].documents);
      EXPECT_GE(calls[i].text_bytes, calls[i - 1].text_bytes);
    }
  }
  EXPECT_EQ(calls.back().documents, 1000u);
  EXPECT_EQ(calls.back().text_bytes, text_bytes);

  // Update reports the paragraphs it adds: here the one changed.
  std::vector<Paragraph> changed = paragraphs;
  changed[10].text += " amended";
  changed[10].hash = ContentHash(changed[10]);
  calls.clear();
  Result<UpdateCounts> counts = (*writer)->Update(changed);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->changed, 1u);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].documents, 1u);
  EXPECT_EQ(calls[0].total_documents, 1u);
  EXPECT_EQ(calls[0].text_bytes, changed[10].text.size());
}

TEST(IndexWriterForceMergeTest, LeavesAtMostMaxSegmentsMergingTheSmallest) {
  std::shared_ptr<IndexStorage> storage = IndexStorage::InMemory();
  IndexWriterOptions options;
  options.merge_on_commit = false;
  options.threads = 1;  // One segment per commit.
  Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(storage, options);
  ASSERT_TRUE(writer.ok());
  // Four segments; the first is the largest.
  const int sizes[] = {400, 50, 60, 70};
  for (int s = 0; s < 4; ++s) {
    ASSERT_TRUE((*writer)->AddAll(GeneratedParagraphs("S" + std::to_string(s), sizes[s])).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  const auto segment_documents = [&] {
    Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(storage);
    EXPECT_TRUE(reader.ok());
    Result<IndexStats> stats = (*reader)->Stats();
    EXPECT_TRUE(stats.ok());
    std::vector<std::uint64_t> documents;
    for (const IndexSegmentStats& s : stats->segments) documents.push_back(s.documents);
    return documents;
  };
  ASSERT_EQ(segment_documents(), (std::vector<std::uint64_t>{400, 50, 60, 70}));

  EXPECT_TRUE((*writer)->ForceMerge(0).IsInvalidArgument());
  ASSERT_TRUE((*writer)->ForceMerge(2).ok());
  EXPECT_EQ(segment_documents(), (std::vector<std::uint64_t>{400, 180}));
  const std::uint64_t generation = (*writer)->generation();
  ASSERT_TRUE((*writer)->ForceMerge(2).ok());
  EXPECT_EQ((*writer)->generation(), generation) << "nothing to merge, nothing committed";
  ASSERT_TRUE((*writer)->ForceMerge(1).ok());
  EXPECT_EQ(segment_documents(), (std::vector<std::uint64_t>{580}));
}

}  // namespace
}  // namespace hexaglot
